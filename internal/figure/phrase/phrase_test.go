package phrase

import (
	"strings"
	"testing"

	"github.com/urodata/uro/internal/text"
)

// toks makes lower-cased word tokens of a space-separated string.
func toks(s string) []text.Token {
	var out []text.Token
	off := 0
	for _, w := range strings.Fields(s) {
		out = append(out, text.Token{Text: w, Lower: strings.ToLower(w), Start: off, End: off + len(w), Kind: text.Word})
		off += len(w) + 1
	}
	return out
}

func TestAt(t *testing.T) {
	var s Set
	for i, p := range []string{"mistet livet", "mistet", "anhold*", "took part", "de"} {
		if msg := Check(p); msg != "" {
			t.Fatal(msg)
		}
		s.Add(p, i)
	}
	cases := []struct {
		text string
		at   int
		want []Match // longest first
	}{
		{"har mistet livet", 1, []Match{{1, 3, 0}, {1, 2, 1}}},
		{"har mistet pengene", 1, []Match{{1, 2, 1}}},
		{"blev anholdt", 1, []Match{{1, 2, 2}}},
		{"tre Anholdelser", 1, []Match{{1, 2, 2}}},
		{"anh", 0, nil},
		{"35,000 took part", 1, []Match{{1, 3, 3}}},
		{"they took it", 1, nil},
		{"de", 0, []Match{{0, 1, 4}}},
		{"den", 0, nil},
	}
	for _, c := range cases {
		got := s.At(toks(c.text), c.at, nil)
		if len(got) != len(c.want) {
			t.Errorf("%q at %d: got %v, want %v", c.text, c.at, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q at %d: got %v, want %v", c.text, c.at, got, c.want)
			}
		}
		m, ok := s.Longest(toks(c.text), c.at)
		if ok != (len(c.want) > 0) || ok && m != c.want[0] {
			t.Errorf("%q at %d: Longest = %v, %v; want the first of %v", c.text, c.at, m, ok, c.want)
		}
	}
}

func TestCheck(t *testing.T) {
	for p, bad := range map[string]bool{
		"mistet livet": false, "anhold*": false, "": true, " x": true, "Politi": true,
		"an*hold": true, "a*": true, "two words*": true,
	} {
		if got := Check(p) != ""; got != bad {
			t.Errorf("Check(%q) = %q, want bad=%v", p, Check(p), bad)
		}
	}
}
