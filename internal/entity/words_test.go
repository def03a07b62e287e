package entity

import (
	"slices"
	"strings"
	"testing"

	"github.com/urodata/uro/internal/segment/segmenttest"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

// TestNameStrings checks the allocation-free forms of strings.Fields,
// strings.Join and strings.ToLower that Find uses against the originals.
func TestNameStrings(t *testing.T) {
	for _, s := range []string{"", " ", "Københavns Politi", "  Nordisk\tFilm  A/S ", "ÆBLE-Øen", "Det\u00a0Hvide Hus", "Ukraines"} {
		st := &state{}
		if got, want := st.fields(s), strings.Fields(s); !slices.Equal(got, want) || got == nil {
			t.Errorf("fields(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(lowerKey(nil, s)), strings.ToLower(s); got != want {
			t.Errorf("lowerKey(%q) = %q, want %q", s, got, want)
		}
	}
	txt := "Præsident Kassym-Jomart Tokayevs  bolig og Joe Bidens tale"
	doc := &text.Doc{Text: txt}
	var toks []text.Token
	for i := 0; i < len(txt); {
		for i < len(txt) && txt[i] == ' ' {
			i++
		}
		j := i
		for j < len(txt) && txt[j] != ' ' {
			j++
		}
		if j > i {
			toks = append(toks, text.Token{Text: txt[i:j], Start: i, End: j})
		}
		i = j
	}
	st := &state{doc: doc}
	for _, tc := range []struct {
		a, b  int
		strip string // the genitive ending cut from the last word
	}{
		{1, 3, "s"}, // "Kassym-Jomart Tokayev": one space apart, cut short
		{1, 3, ""},  // whole
		{1, 4, ""},  // two spaces before "bolig": joined anew
		{5, 7, "s"}, // "Joe Biden"
		{0, 1, ""},  // one word
	} {
		var words []string
		for k := tc.a; k < tc.b; k++ {
			words = append(words, toks[k].Text)
		}
		last := words[len(words)-1]
		words[len(words)-1] = strings.TrimSuffix(last, tc.strip)
		if got, want := st.joined(toks, tc.a, tc.b, words), strings.Join(words, " "); got != want {
			t.Errorf("joined(%d, %d) = %q, want %q", tc.a, tc.b, got, want)
		}
	}
}

// TestLead checks lead's byte table against the rule it stands for.
func TestLead(t *testing.T) {
	rule := func(s string) string {
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			case c == '-' && i > 0:
			case c == 0xE2 && strings.HasPrefix(s[i:], "’"):
				return s[:i]
			case c >= 0x80:
			default:
				return s[:i]
			}
		}
		return s
	}
	for _, s := range []string{"", "-", "fn's", "fn’s", "gen.", "kassym-jomart", "-x", "a–b", "øjenvidne", "12.000", "x\xe2", "\xe2\x80\x99", "bid’", "a b"} {
		if got, want := lead(s), rule(s); got != want {
			t.Errorf("lead(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestPasses holds Lexicon.passes to what Find's first pass does with a
// token: it may pass over only a word that is not capitalised and whose key
// has no phrase or pronoun, on every token of the project's articles.
func TestPasses(t *testing.T) {
	for _, lang := range []string{"da", "en"} {
		lex, err := LoadLexicon(langpacks.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		passed, stopped := 0, 0
		for _, d := range segmenttest.Docs(t, lang) {
			for _, s := range d.Sentences {
				for i := range s.Tokens {
					tk := &s.Tokens[i]
					if tk.Kind != text.Word && tk.Kind != text.Number {
						continue
					}
					if !lex.passes(tk) {
						stopped++
						continue
					}
					passed++
					if isCap(tk) {
						t.Errorf("%s: passes(%q) is true for a capitalised word", lang, tk.Text)
					}
					if e := lex.lookup(lead(tk.Lower)); e != nil && (len(e.phrases) > 0 || e.pronoun != nil) {
						t.Errorf("%s: passes(%q) is true for a word with a phrase or pronoun", lang, tk.Text)
					}
				}
			}
		}
		if passed == 0 || stopped == 0 {
			t.Errorf("%s: passes was true for %d words and false for %d: the test reads nothing", lang, passed, stopped)
		}
	}
}

// TestMay holds Lexicon.May to Longest: where May is false, Longest finds
// no phrase of that source, on every token of the project's articles.
func TestMay(t *testing.T) {
	for _, lang := range []string{"da", "en"} {
		lex, err := LoadLexicon(langpacks.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		for src := range srcEnd {
			no, yes := 0, 0
			for _, d := range segmenttest.Docs(t, lang) {
				for _, s := range d.Sentences {
					for i := range s.Tokens {
						if lex.May(&s.Tokens[i], src) {
							yes++
							continue
						}
						no++
						if _, p := lex.Longest(d.Text, s.Tokens, i, src); p != nil {
							t.Errorf("%s: May(%q, %d) is false, Longest finds %q", lang, s.Tokens[i].Text, src, p.Text)
						}
					}
				}
			}
			if no == 0 || yes == 0 {
				t.Errorf("%s, source %d: May was false %d times and true %d: the test reads nothing", lang, src, no, yes)
			}
		}
	}
}
