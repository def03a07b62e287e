package geocode

import (
	"strings"
	"sync"
	"testing"

	"github.com/urodata/uro/internal/gazetteer"
	realseg "github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

// word is a token of w as the segmenter makes it, Lower, Letters and
// Hash included.
func word(w string) *text.Token {
	low := strings.ToLower(w)
	letters := w != "" && strings.Trim(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
	return &text.Token{Text: w, Lower: low, Kind: text.Word, Letters: letters, Hash: text.Hash(low)}
}

// TestASCIIFold checks what asciiMaybe relies on: a word of ASCII letters
// folds to itself in lower case, so its shape is known without folding.
func TestASCIIFold(t *testing.T) {
	for _, w := range []string{"Russiske", "KAZAKH", "danish", "aZ", "q", "Almaty"} {
		if got := gazetteer.Fold(w); got != strings.ToLower(w) {
			t.Errorf("Fold(%q) = %q, want %q", w, got, strings.ToLower(w))
		}
	}
	for c := byte('A'); c <= 'z'; c++ {
		if (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') {
			if got := gazetteer.Fold(string(c)); got != strings.ToLower(string(c)) {
				t.Errorf("Fold(%q) = %q", c, got)
			}
		}
	}
	// Every demonym passes mayDemonym as written, in capitals and in
	// lower case; most other words do not.
	for _, lang := range []string{"da", "en"} {
		g := coder(t, lang)
		for k := range g.p.demonyms {
			// and written with letters that fold to its own (ó, é, ’)
			accented := strings.NewReplacer("o", "ó", "e", "é").Replace(k) + "’"
			for _, w := range []string{k, strings.ToUpper(k[:1]) + k[1:], strings.ToUpper(k), accented} {
				if !g.p.mayDemonym(word(w)) {
					t.Errorf("%s: mayDemonym(%q) = false", lang, w)
				}
			}
		}
		passed := 0
		words := []string{"regeringen", "Politiet", "demonstranter", "the", "said", "minister", "Tuesday", "protesters", "soldiers", "killed"}
		for _, w := range words {
			if g.p.mayDemonym(word(w)) {
				passed++
			}
		}
		if passed > 2 {
			t.Errorf("%s: %d of %d plain words pass mayDemonym, want at most 2", lang, passed, len(words))
		}
	}
}

// TestFoldHashLetters checks what foldHash relies on: a token the
// segmenter marks Letters folds to its Lower (unless Fold rejects it as too
// long), and FoldHash gives its Hash.
func TestFoldHashLetters(t *testing.T) {
	for _, in := range []string{
		"Politiet anholdt 35 i Aarhus. Kasakhstans præsident Tokajev, FN-styrken og M23 i Østjylland.",
		"The U.S. Army sent 3,000 troops to Kazakhstan's capital; Ålborg, ALMATY and don't.",
		"x Y zZ İstanbul Straße Ærø naïve ab\xffc e\u0301",
	} {
		checkFoldHashLetters(t, in)
	}
}

func FuzzFoldHashLetters(f *testing.F) {
	for _, in := range []string{"Aarhus. Kasakhstans FN-styrken", "Ålborg ALMATY don't", "ab\xffc K\u212a"} {
		f.Add(in)
	}
	f.Fuzz(checkFoldHashLetters)
}

var daSegmenter = sync.OnceValues(func() (*realseg.Segmenter, error) { return realseg.New(langpacks.FS, "da") })

func checkFoldHashLetters(t *testing.T, in string) {
	s, err := daSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range s.Tokenize(in, 0, len(in)) {
		h, ok := gazetteer.FoldHash(tk.Text)
		if got, gok := foldHash(&tk); got != h || gok != ok {
			t.Errorf("%q: foldHash = %d, %v; gazetteer.FoldHash = %d, %v", tk.Text, got, gok, h, ok)
		}
		if tk.Letters && len(tk.Text) <= gazetteer.MaxName && gazetteer.Fold(tk.Text) != tk.Lower {
			t.Errorf("%q: Letters, but Fold = %q, Lower %q", tk.Text, gazetteer.Fold(tk.Text), tk.Lower)
		}
	}
}

// TestEndsOfFold checks what noDemonymEnds relies on: a word that endsOf
// numbers folds to a word with the same number (or to nothing, when Fold
// rejects it).
func TestEndsOfFold(t *testing.T) {
	for _, tc := range []struct {
		w  string
		ok bool
	}{
		{"Russiske", true}, {"KAZAKH", true}, {"aZ", true}, {"Kasakhstans", true},
		{"Københavns", false}, {"Kobenhavns", true}, {"o'Neill", false}, {"Ål", false}, {"x", false},
		{"Sahel’s", true}, {"Sahel’", false}, {"ab-c", true}, {"ab c", true}, {"ab\x00c", true}, {"abé", false},
	} {
		if _, ok := endsOf(tc.w); ok != tc.ok {
			t.Errorf("endsOf(%q) ok = %v, want %v", tc.w, ok, tc.ok)
		}
		checkEndsOfFold(t, tc.w)
	}
}

func FuzzEndsOfFold(f *testing.F) {
	for _, w := range []string{"Russiske", "Københavns", "ab’c", "aé̀z", "ab\u0301c"} {
		f.Add(w)
	}
	f.Fuzz(checkEndsOfFold)
}

func checkEndsOfFold(t *testing.T, w string) {
	e, ok := endsOf(w)
	if !ok {
		return
	}
	if f := gazetteer.Fold(w); f != "" {
		if fe, fok := endsOf(f); !fok || fe != e {
			t.Errorf("endsOf(%q) = %d, but endsOf(Fold = %q) = %d, %v", w, e, f, fe, fok)
		}
	}
}
