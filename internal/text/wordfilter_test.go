package text

import (
	"fmt"
	"testing"
)

// TestWordFilter: every word added is found; at the sizes the gazetteer
// (8 bits a word) and the geocoder's packs (16) use, few absent words get
// through; the filter is a power of two words long.
func TestWordFilter(t *testing.T) {
	for _, tc := range []struct {
		n, bits int
		maxFP   float64 // share of absent words Has lets through
	}{
		{0, 8, 0}, {1, 16, 0.01}, {1000, 8, 0.08}, {1000, 16, 0.035}, {50000, 8, 0.08},
	} {
		f := NewWordFilter(tc.n, tc.bits)
		if len(f)&(len(f)-1) != 0 || 64*len(f) < tc.n*tc.bits {
			t.Errorf("NewWordFilter(%d, %d): %d words", tc.n, tc.bits, len(f))
		}
		for i := 0; i < tc.n; i++ {
			f.Add(Hash(fmt.Sprintf("ord%d", i)))
		}
		for i := 0; i < tc.n; i++ {
			if w := fmt.Sprintf("ord%d", i); !f.Has(Hash(w)) {
				t.Fatalf("n=%d: %q added but not found", tc.n, w)
			}
		}
		through := 0
		const absent = 20000
		for i := 0; i < absent; i++ {
			if f.Has(Hash(fmt.Sprintf("word%d", i))) {
				through++
			}
		}
		if fp := float64(through) / absent; fp > tc.maxFP {
			t.Errorf("n=%d at %d bits: %.3f of absent words get through, want ≤ %.3f", tc.n, tc.bits, fp, tc.maxFP)
		}
	}
}
