package gazetteer

import "testing"

// TestBloomKeepsEveryKey checks that the negative filter never rules out a
// key of the table: every key still finds its postings.
func TestBloomKeepsEveryKey(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	nkeys := len(g.keys) / 8
	if nkeys == 0 {
		t.Fatal("table has no keys")
	}
	for k := 0; k < nkeys; k++ {
		key := g.str(g.u32(g.keys, k*8))
		if g.lookup([]byte(key)) == "" {
			t.Fatalf("key %q is not found", key)
		}
	}
	// Most absent names must stop at the filter: a filter that lets
	// everything through would pass the loop above too.
	absent := 0
	for _, w := range []string{"qzxv", "blorpington", "xxyyzz", "mandagmorgen", "pressemeddelelse", "regeringen", "thursdays", "spokesperson"} {
		if !g.mayHave(hash(w)) {
			absent++
		}
	}
	if absent < 6 {
		t.Errorf("the filter ruled out %d of 8 absent names, want at least 6", absent)
	}
}

// BenchmarkLoadAndBloom is Load plus the first look-up, which builds the
// negative filter.
func BenchmarkLoadAndBloom(b *testing.B) {
	for b.Loop() {
		g, err := Load()
		if err != nil {
			b.Fatal(err)
		}
		g.Has("Aarhus")
	}
}
