package geocode

import (
	"strings"
	"testing"

	"github.com/urodata/uro/internal/gazetteer"
	"github.com/urodata/uro/internal/text"
)

// word is a token of w as the segmenter makes it, Lower and Hash included.
func word(w string) *text.Token {
	low := strings.ToLower(w)
	return &text.Token{Text: w, Lower: low, Kind: text.Word, Hash: text.Hash(low)}
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
			for _, w := range []string{k, strings.ToUpper(k[:1]) + k[1:], strings.ToUpper(k)} {
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
