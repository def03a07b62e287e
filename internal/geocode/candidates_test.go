package geocode

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/urodata/uro/internal/gazetteer"
	"github.com/urodata/uro/internal/text"
)

func TestCandidates(t *testing.T) {
	for _, tc := range []struct {
		lang, name, country string
		id                  int    // GeoNames id of the best, or 0
		cc, precision       string // country and precision of the best
	}{
		{"en", "Georgia", "", 0, "GE", "country"},
		{"en", "Georgia", "US", 0, "US", "admin1"},
		{"en", "Paris", "", 2988507, "FR", "city"},
		{"en", "Paris, Texas", "", 4717560, "US", "city"},
		{"en", "Paris", "US", 0, "US", "city"},
		{"da", "Almaty", "", 1526384, "KZ", "city"},
		{"da", "Kasakhstans", "", 0, "KZ", "country"},
		{"da", "Almatys", "", 1526384, "KZ", "city"},
		{"da", "København", "", 2618425, "DK", "city"},
		{"da", "Sankt Petersborg", "", 498817, "RU", "city"},
		{"en", "Jordan", "", 0, "JO", "country"},
		{"en", "Springfield", "", 0, "US", "city"},
		{"en", "  Tbilisi ", "", 611717, "GE", "city"},
	} {
		cs, err := coder(t, tc.lang).Candidates(tc.name, tc.country)
		if err != nil || len(cs) == 0 {
			t.Errorf("Candidates(%q, %q) = %d, %v", tc.name, tc.country, len(cs), err)
			continue
		}
		b := cs[0]
		if tc.id != 0 && b.Place.GeonamesID != tc.id || b.Place.Country != tc.cc || b.Place.Precision != tc.precision {
			t.Errorf("Candidates(%q, %q)[0] = %s %s %s %d (%s)", tc.name, tc.country, b.Place.Name, b.Place.Country, b.Place.Precision, b.Place.GeonamesID, b.Parts)
		}
		for i := 1; i < len(cs); i++ {
			if cs[i].Score > cs[i-1].Score {
				t.Fatalf("Candidates(%q) not best first at %d", tc.name, i)
			}
		}
		if b.Score != b.Parts.Sum() {
			t.Errorf("Candidates(%q): score %v is not the sum of its parts %v", tc.name, b.Score, b.Parts.Sum())
		}
	}
}

func TestCandidatesBadInput(t *testing.T) {
	c := coder(t, "en")
	for _, tc := range []struct {
		name, country string
		err           error
	}{
		{"", "", gazetteer.ErrEmpty},
		{"   ", "", gazetteer.ErrEmpty},
		{strings.Repeat("Almaty", 10000/6+1), "", gazetteer.ErrLong},
		{"Alma\x00ty", "", gazetteer.ErrControl},
		{"Paris\x1b[31m", "", gazetteer.ErrControl},
		{"Paris\u0085", "", gazetteer.ErrControl},
		{"\xff", "", gazetteer.ErrUTF8},
		{"Paris", "ZZ", nil},
	} {
		cs, err := c.Candidates(tc.name, tc.country)
		if len(cs) != 0 || err == nil {
			t.Errorf("Candidates(%.20q, %q) = %d candidates, %v; want none and an error", tc.name, tc.country, len(cs), err)
			continue
		}
		if tc.err != nil && !errors.Is(err, tc.err) {
			t.Errorf("Candidates(%.20q): %v, want %v", tc.name, err, tc.err)
		}
	}
	// Unknown names are no error: just no candidates.
	if cs, err := c.Candidates("Xyzzyqwv", ""); err != nil || len(cs) != 0 {
		t.Errorf("Candidates(Xyzzyqwv) = %d, %v", len(cs), err)
	}
}

func FuzzCandidates(f *testing.F) {
	c := coder(f, "da")
	for _, s := range []string{"Almaty", "", "Kasakhstans", "Paris, Texas", "a\x00b", ",", "Sankt Petersborg", "'s", "København,"} {
		f.Add(s, "")
	}
	f.Add("Paris", "US")
	f.Fuzz(func(t *testing.T, name, country string) {
		cs, err := c.Candidates(name, country)
		if err != nil && len(cs) > 0 {
			t.Fatalf("Candidates(%q, %q) gave candidates and an error", name, country)
		}
		if gazetteer.Check(name) != nil && err == nil {
			t.Fatalf("Candidates(%q) accepted a name Check rejects", name)
		}
		for _, cand := range cs {
			if !utf8.ValidString(cand.Place.Name) || cand.Place.Precision == "" {
				t.Fatalf("Candidates(%q): bad candidate %+v", name, cand)
			}
		}
	})
}

// FuzzPlaces checks that no text crashes the geocoder and that mentions stay
// inside the text, in order.
func FuzzPlaces(f *testing.F) {
	c := coder(f, "da")
	for _, s := range []string{"Demonstranter i Almaty.", "Kasakhstans største by brænder. Landets hovedstad er rolig.", "Michael Jordan, Paris, Texas", "i"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.Contains(s, "\n\n\n") || strings.HasPrefix(s, "\n") || strings.HasSuffix(s, "\n") || s == "" {
			return
		}
		prev := -1
		for _, m := range c.Places(segment("da", s)) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text || m.Start < prev {
				t.Fatalf("bad mention %+v in %q", m, s)
			}
			prev = m.Start
		}
	})
}

func BenchmarkPlaces(b *testing.B) {
	c := coder(b, "da")
	doc := segment("da", "Demonstranterne i Kasakhstans største by har sat ild til præsidentens bolig.\n\nHer minder scenerne fra landets største by, Almaty, mest af alt om en krigsfilm. Rusland har sendt tropper til Kasakhstan, og Københavns Politi holder øje.")
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		c.Places(doc)
	}
}

func BenchmarkCandidates(b *testing.B) {
	c := coder(b, "en")
	b.ReportAllocs()
	for b.Loop() {
		c.Candidates("Georgia", "")
	}
}

// TestMayStartName checks match's short cut: a word that starts no name of
// several words in the gazetteer or the pack skips the longer surfaces, and
// one that does (or a glued token) does not.
func TestMayStartName(t *testing.T) {
	c := coder(t, "en")
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"New York said", true}, {"Rio de Janeiro", true}, {"Saltanat Azirbek said", false}, {"Xqzvw Jones", false},
	} {
		doc := segment("en", tc.s)
		m := getMemo()
		if got := c.mayStartName(doc.Text, doc.Sentences[0].Tokens, 0, m); got != tc.want {
			t.Errorf("mayStartName(%q) = %v, want %v", tc.s, got, tc.want)
		}
		putMemo(m)
	}
	// Whatever the short cut says, the names are still found.
	for _, s := range []string{"Protesters marched in New York on Sunday.", "Police in Rio de Janeiro said so."} {
		if ms := c.Places(segment("en", s)); len(ms) != 1 || strings.Count(ms[0].Text, " ") < 1 {
			t.Errorf("Places(%q) = %+v, want one name of several words", s, ms)
		}
	}
}

// TestNoNameExact checks match's short cuts against the look-ups they
// skip: at a token noName rules out, no surface match could try (whatever
// mayStartName says) has readings, and no surface of several words ending
// at a token noClose rules out has any; and the short cuts rule out most
// capitalised words that name nothing.
func TestNoNameExact(t *testing.T) {
	texts := []string{"Protesters marched in New York on Sunday. Saltanat Azirbek said Kazakhstan's Almaty was calm.",
		"Police in Rio de Janeiro said so. O’Connor met İzmir officials in São Paulo, Texas.",
		"Demonstranter i Kasakhstans største by, Almaty. Københavns Politi og FN-styrken i Nordkivu.",
		"U.S. officials. Foo-Bar Qzxv Jones. Det Forenede Kongerige. Sankt Petersborg."}
	for _, pat := range []string{"../../testdata/gold/*/*.txt", "../../examples/*.txt"} {
		files, _ := filepath.Glob(pat)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(data))
		}
	}
	ruled, words := 0, 0
	for _, s := range texts {
		for _, lang := range []string{"da", "en"} {
			c := coder(t, lang)
			doc := segment(lang, s)
			for _, sent := range doc.Sentences {
				toks := sent.Tokens
				for i := range toks {
					if toks[i].Kind != text.Word || !capitalised(toks[i].Text) {
						continue
					}
					words++
					open, noKey := c.noName(doc.Text, toks, i)
					close := c.noClose(doc.Text, toks, i)
					if open {
						ruled++
					}
					if noKey && len(c.readingsOf(nil, toks[i].Text)) > 0 {
						t.Fatalf("%s: noName says %q is no name, but it has readings", lang, toks[i].Text)
					}
					for j := i + 1; j <= min(len(toks), i+maxWords) && open; j++ {
						surface := doc.Text[toks[i].Start:toks[j-1].End]
						if rs, _ := c.readings(nil, surface, false); len(rs) > 0 {
							t.Fatalf("%s: noName rules out %q, but %q has readings", lang, toks[i].Text, surface)
						}
					}
					// the surfaces of several words match tries: from a
					// capitalised word, over words, dots and hyphens
					for h := i - 1; h >= max(0, i-maxWords+1) && close; h-- {
						if m := toks[h+1]; h+1 < i && m.Kind != text.Word && m.Text != "." && m.Text != "-" {
							break
						}
						if toks[h].Kind != text.Word || !capitalised(toks[h].Text) {
							continue
						}
						surface := doc.Text[toks[h].Start:toks[i].End]
						if rs, _ := c.readings(nil, surface, false); len(rs) > 0 {
							t.Fatalf("%s: noClose rules out %q, but %q has readings", lang, toks[i].Text, surface)
						}
					}
				}
			}
		}
	}
	if words == 0 || ruled*4 < words {
		t.Errorf("noName ruled out %d of %d capitalised words, want a quarter at least", ruled, words)
	}
}
