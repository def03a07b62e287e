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

// TestASCIILetters checks asciiLetters, the test that lets mayDemonym take
// a word's Lower for its folded form, byte by byte.
func TestASCIILetters(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if got := asciiLetters("ab" + string([]byte{byte(c)}) + "c"); got != want {
			t.Errorf("asciiLetters with byte %#x = %v, want %v", c, got, want)
		}
	}
	for w, want := range map[string]bool{"": false, "Almaty": true, "Ålborg": false, "FN-styrken": false, "M23": false, "x": true} {
		if got := asciiLetters(w); got != want {
			t.Errorf("asciiLetters(%q) = %v, want %v", w, got, want)
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
