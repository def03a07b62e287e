package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRunesOffset(t *testing.T) {
	for _, s := range []string{
		"",
		"plain ascii text",
		"Demonstranterne i Kasakhstans største by – fortæller øjenvidne »Irina«",
		string(make([]byte, 200)) + "æøå" + string(make([]byte, 130)) + "€ 😀 end",
		// 128 bytes: the end of the text is the start of an index block.
		"Øjenvidner så røgen over Almaty" + strings.Repeat("x", 128-len("Øjenvidner så røgen over Almaty")),
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

func TestFilter(t *testing.T) {
	var f Filter
	words := []string{"i", "mindst", "dusinvis", "tolv", "at least", "æøå", "x"}
	for _, w := range words {
		f.Add(w)
	}
	for _, w := range words {
		if !f.Maybe(w) {
			t.Errorf("Maybe(%q) = false for a member", w)
		}
	}
	// A filter never says no to a member; it should say no to most others.
	no := 0
	others := []string{"in", "og", "betjente", "demonstranter", "politiet", "the", "police", "said", "blev", "anholdt"}
	for _, w := range others {
		if !f.Maybe(w) {
			no++
		}
	}
	if no < len(others)/2 {
		t.Errorf("filter let %d of %d non-members through", len(others)-no, len(others))
	}
	if !f.Maybe("") {
		t.Error(`Maybe("") = false; the empty string is left to the map`)
	}
}

func FuzzFilter(f *testing.F) {
	f.Add("mindst", "tolv")
	f.Fuzz(func(t *testing.T, a, b string) {
		var fl Filter
		fl.Add(a)
		if !fl.Maybe(a) {
			t.Fatalf("member %q rejected", a)
		}
		_ = fl.Maybe(b)
	})
}

// BenchmarkRunesOffset converts the offsets of a Danish text's words, as
// the document layer does for every span it writes.
func BenchmarkRunesOffset(b *testing.B) {
	s := strings.Repeat("Østjyllands Politi har natten til lørdag anholdt 35 personer efter voldsomme uroligheder i Gellerupparken – »en sort nat«. ", 20)
	var offs []int
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			offs = append(offs, i)
		}
	}
	r := NewRunes(s)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		n := 0
		for _, o := range offs {
			n += r.Offset(o)
		}
		if n == 0 {
			b.Fatal("no offsets")
		}
	}
}
