package event

import (
	"strings"
	"testing"

	"github.com/urodata/uro/internal/text"
)

// sameClauseRef is sameClause as its doc comment states it.
func sameClauseRef(src string, start, end int, t text.Span) bool {
	lo, hi := end, t.Start
	if t.End <= start {
		lo, hi = t.End, start
	}
	return lo >= hi || !strings.ContainsAny(src[lo:hi], ",;:–—")
}

func TestSameClause(t *testing.T) {
	for _, tc := range []struct {
		src        string
		time, trig string
		want       bool
	}{
		{"Three were killed on Sunday in the north.", "on Sunday", "killed", true},
		{"The army gave a toll on Monday, saying three had been killed.", "on Monday", "killed", false},
		{"Politiet anholdt i går – ifølge vidner – fire unge.", "i går", "fire", false},
		{"Protesters marched — on Friday — to the square.", "on Friday", "marched", false},
		{"Onsdag: Tre dræbt i Aarhus.", "Onsdag", "dræbt", false},
		{"Rebels shelled the town; on Tuesday the army retook it.", "on Tuesday", "shelled", false},
		{"On Tuesday troops shelled the town.", "On Tuesday", "shelled", true},
		{"Troops shelled the town ‐ a hyphen ‑ on Tuesday.", "on Tuesday", "shelled", true},
	} {
		ts := strings.Index(tc.src, tc.time)
		rs := strings.Index(tc.src, tc.trig)
		trig := text.Span{Start: rs, End: rs + len(tc.trig)}
		if got := sameClause(tc.src, ts, ts+len(tc.time), trig); got != tc.want {
			t.Errorf("sameClause(%q, %q, %q) = %v, want %v", tc.src, tc.time, tc.trig, got, tc.want)
		}
	}
}

// FuzzSameClause holds sameClause's byte loop to the rune-wise reading of
// its doc comment, on any bytes.
func FuzzSameClause(f *testing.F) {
	f.Add("killed on Sunday, — said", 0, 6, 10, 16)
	f.Add("a\xe2\x80 \xe2\x80\x94b", 0, 1, 7, 8)
	f.Fuzz(func(t *testing.T, src string, a, b, c, d int) {
		n := len(src) + 1
		pos := []int{a, b, c, d}
		for i := range pos {
			pos[i] = (pos[i]%n + n) % n
		}
		start, end := min(pos[0], pos[1]), max(pos[0], pos[1])
		tr := text.Span{Start: min(pos[2], pos[3]), End: max(pos[2], pos[3])}
		if got, want := sameClause(src, start, end, tr), sameClauseRef(src, start, end, tr); got != want {
			t.Fatalf("sameClause(%q, %d, %d, %v) = %v, want %v", src, start, end, tr, got, want)
		}
	})
}
