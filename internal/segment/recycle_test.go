package segment

import (
	"reflect"
	"testing"
)

// TestRecycle checks that a text segmented into recycled token storage comes
// out as it does into fresh storage, and that the recycled Doc lets go of it.
func TestRecycle(t *testing.T) {
	s := seg(t, "da")
	long := "Demonstranterne i Almaty satte ild til rådhuset torsdag. Politiet anholdt 2.000 personer, oplyser indenrigsministeriet.\n\nFoto: Valery Sharifulin/Tass"
	short := "Præsident Tokajev bøjer sig.\n\n- Vi kræver svar, siger en demonstrant."
	for _, texts := range [][2]string{{long, short}, {short, long}, {long, long}} {
		first := s.Segment(texts[0])
		if len(first.Tokens) == 0 {
			t.Fatal("Segment left Doc.Tokens empty")
		}
		sents := first.Sentences
		Recycle(first)
		Recycle(first) // twice: the second finds nothing left to give
		if first.Tokens != nil || first.Sentences != nil || first.Blocks != nil {
			t.Fatal("Recycle left storage in the Doc")
		}
		if sents[0].Tokens != nil {
			t.Fatal("Recycle left token slices in the recycled sentences")
		}
		got := s.Segment(texts[1])
		want := s.Segment(texts[1])
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q segmented into recycled storage differs from fresh storage", texts[1])
		}
		Recycle(got)
	}
	Recycle(nil) // no Doc, nothing to give back
}
