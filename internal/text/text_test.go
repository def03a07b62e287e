package text

import (
	"testing"
	"unicode/utf8"
)

func TestRunesOffset(t *testing.T) {
	for _, s := range []string{
		"",
		"plain ascii text",
		"Demonstranterne i Kasakhstans største by – fortæller øjenvidne »Irina«",
		string(make([]byte, 200)) + "æøå" + string(make([]byte, 130)) + "€ 😀 end",
	} {
		r := NewRunes(s)
		for b := 0; b <= len(s); b++ {
			if b < len(s) && !utf8.RuneStart(s[b]) {
				continue
			}
			if got, want := r.Offset(b), utf8.RuneCountInString(s[:b]); got != want {
				t.Fatalf("Offset(%d) in %q = %d, want %d", b, s, got, want)
			}
		}
	}
}

func FuzzRunesOffset(f *testing.F) {
	f.Add("Kasakhstans største by", 10)
	f.Fuzz(func(t *testing.T, s string, b int) {
		if !utf8.ValidString(s) || b < 0 || b > len(s) || (b < len(s) && !utf8.RuneStart(s[b])) {
			return
		}
		if got, want := NewRunes(s).Offset(b), utf8.RuneCountInString(s[:b]); got != want {
			t.Fatalf("Offset(%d) = %d, want %d", b, got, want)
		}
	})
}
