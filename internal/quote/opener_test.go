package quote

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/urodata/uro/langpacks"
)

// TestNextOpener checks the IndexByte scan against a plain rune-by-rune one
// from every start, on text full of bytes that begin marks and are none
// (dashes, apostrophes, Danish letters).
func TestNextOpener(t *testing.T) {
	texts := []string{
		"",
		"Ingen citater her – kun en tankestreg og Kasakhstans præsident.",
		`»Vi står sammen«, siger borgmesteren – og tilføjer: "Det er alvor". Han's „ord“ ‘små’ ’ – …`,
		strings.Repeat("– ’ æ ", 40) + "»sidst«",
		"\xe2\x80 \xc2 » \xe2",
	}
	for _, lang := range langpacks.Languages() {
		f, err := New(langpacks.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.firsts) == 0 {
			t.Fatalf("%s: no opening marks", lang)
		}
		fd := &finder{Finder: f}
		for _, s := range texts {
			for i := 0; i <= len(s); i++ {
				want := -1
				for k := i; k < len(s); k++ {
					if r, _ := utf8.DecodeRuneInString(s[k:]); f.first[s[k]] && strings.ContainsRune(f.openers, r) {
						want = k
						break
					}
				}
				if got := fd.nextOpener(s, i, len(s)); got != want {
					t.Errorf("%s: nextOpener(%q, %d) = %d, want %d", lang, s, i, got, want)
				}
			}
		}
	}
}
