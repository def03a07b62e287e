package langid

import "testing"

// TestCountLists checks the one-look-up tally of all packs against each
// profile's own count.
func TestCountLists(t *testing.T) {
	id := newID(t)
	if id.lists == nil {
		t.Fatal("no merged word lists for a few packs")
	}
	for _, s := range []string{
		"Demonstranterne i Kasakhstans største by har sat ild til præsidentens bolig, siger øjenvidner.",
		"Police in Almaty said on Thursday that dozens of protesters had been killed in the clashes.",
		"Die Polizei hat über hundert Menschen festgenommen, während Straßen gesperrt blieben.",
		"Señor Müller's café – naïve œuvre", "", "123 456",
	} {
		words := tokenize(s, nil)
		if len(words) == 0 {
			continue
		}
		got := make([]tally, len(id.profiles))
		id.count(words, got)
		for i, p := range id.profiles {
			if want := p.count(words); got[i] != want {
				t.Errorf("%q, %s: tally %+v, profile count %+v", s, p.lang, got[i], want)
			}
		}
	}
}
