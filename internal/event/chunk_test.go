package event

import (
	"slices"
	"testing"
)

func TestChunkGrow(t *testing.T) {
	for _, c := range []struct {
		xs []int
		n  int
	}{
		{nil, 2},
		{[]int{7}, 4},
		{[]int{1, 2, 3}, chunkSize},
		{[]int{1, 2, 3}, chunkSize + 1},
	} {
		var ch chunk[int]
		for i := 0; i < chunkSize-1; i++ {
			ch.one(-1) // the next array must take the room
		}
		orig := slices.Clone(c.xs)
		got := ch.grow(c.xs, c.n)
		if !slices.Equal(got, c.xs) || cap(got) != c.n {
			t.Errorf("grow(%v, %d) = %v cap %d, want %v cap %d", c.xs, c.n, got, cap(got), c.xs, c.n)
		}
		for len(got) < cap(got) {
			got = append(got, 9)
		}
		other := ch.one(5) // handed out after: not in got's room
		if other[0] != 5 || !slices.Equal(c.xs, orig) || slices.Contains(got, 5) {
			t.Errorf("grow(%v, %d): room shared: %v, then %v", c.xs, c.n, got, other)
		}
	}
}

func TestBySentence(t *testing.T) {
	for _, c := range [][]int{nil, {1}, {1, 1, 2}, {2, 1}, {1, 3, 2}, {0, 0, 5, 5}} {
		evs := make([]Event, len(c))
		for i, s := range c {
			evs[i].Sentence = s
		}
		want := slices.IsSorted(c)
		if got := bySentence(evs); got != want {
			t.Errorf("bySentence(%v) = %v, want %v", c, got, want)
		}
	}
}

func TestMergeRuns(t *testing.T) {
	for _, c := range []struct {
		sents []int
		m     int
	}{
		{nil, 0},
		{[]int{1, 2}, 0},
		{[]int{1, 2}, 2},
		{[]int{1, 3, 2, 4}, 2},
		{[]int{5, 6, 1, 2}, 2},
		{[]int{1, 2, 2, 3, 1, 2, 3, 3}, 4},
		{[]int{4, 1, 1, 1}, 1},
	} {
		evs := make([]Event, len(c.sents))
		for i, s := range c.sents {
			evs[i] = Event{Sentence: s, Source: string(rune('a' + i))}
		}
		want := slices.Clone(evs)
		slices.SortStableFunc(want, func(a, b Event) int { return a.Sentence - b.Sentence })
		mergeRuns(evs, c.m, make([]Event, 0, len(evs)))
		for i := range evs {
			if evs[i].Sentence != want[i].Sentence || evs[i].Source != want[i].Source {
				t.Errorf("mergeRuns(%v, %d): %v, want %v", c.sents, c.m, evs, want)
				break
			}
		}
	}
}
