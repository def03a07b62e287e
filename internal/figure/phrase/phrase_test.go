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
		low := strings.ToLower(w)
		out = append(out, text.Token{Text: w, Lower: low, Start: off, End: off + len(w), Kind: text.Word, Hash: text.Hash(low)})
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
		may  bool    // May: a phrase may start there
	}{
		{"har mistet livet", 1, []Match{{1, 3, 0}, {1, 2, 1}}, true},
		{"har mistet pengene", 1, []Match{{1, 2, 1}}, true},
		{"blev anholdt", 1, []Match{{1, 2, 2}}, true},
		{"tre Anholdelser", 1, []Match{{1, 2, 2}}, true},
		{"anh", 0, nil, true},
		{"35,000 took part", 1, []Match{{1, 3, 3}}, true},
		{"they took it", 1, nil, true},
		{"de", 0, []Match{{0, 1, 4}}, true},
		{"den", 0, nil, false},
		{"har mistet", 0, nil, false},
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
		if may := s.May(&toks(c.text)[c.at]); may != c.may {
			t.Errorf("%q at %d: May = %v, want %v", c.text, c.at, may, c.may)
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

// FuzzMay holds May to its definition: where it is false, At finds nothing.
func FuzzMay(f *testing.F) {
	for _, s := range []string{"har mistet livet", "blev anholdt", "35,000 took part", "den de anh"} {
		f.Add(s)
	}
	var set Set
	for i, p := range []string{"mistet livet", "mistet", "anhold*", "took part", "de"} {
		set.Add(p, i)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ts := toks(s)
		for i := range ts {
			if !set.May(&ts[i]) {
				if m := set.At(ts, i, nil); len(m) > 0 {
					t.Fatalf("%q at %d: May is false, At finds %v", s, i, m)
				}
			}
		}
	})
}
