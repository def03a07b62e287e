package gazetteer

import "testing"

// TestPostingsDistinct checks that no posting list names one place twice,
// by GeoNames id, feature code, country and region: the geocoder relies on
// it and looks for duplicates only among the readings its pack adds.
func TestPostingsDistinct(t *testing.T) {
	g := gaz(t)
	type id struct {
		id                   int
		code, country, admin string
	}
	lists := 0
	for s := 0; s < g.nslots; s++ {
		k := g.u32(g.slots, s*4)
		if k == 0 {
			continue
		}
		key := g.str(g.u32(g.keys, int(k-1)*8))
		ps := g.Folded([]byte(key))
		if ps.Len() < 2 {
			continue
		}
		lists++
		seen := make(map[id]bool, ps.Len())
		for i := 0; i < ps.Len(); i++ {
			e := ps.Entry(i)
			k := id{e.ID, e.Code, e.Country, e.Admin1Code}
			if seen[k] {
				t.Fatalf("key %q lists %+v twice", key, k)
			}
			seen[k] = true
		}
	}
	if lists == 0 {
		t.Fatal("no posting list has two entries")
	}
}
