// Package phrase owns matching pack phrases against the tokens of a sentence:
// multi-word phrases ("mistet livet", "took part") and stems written with a
// trailing '*' ("anhold*"), longest match first. The figure and attribution
// packages share it so that both read their tables the same way.
package phrase

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/text"
)

// Set is a collection of phrases, each carrying a value index chosen by the
// caller. It is safe for concurrent reads once built.
type Set struct {
	// exact numbers the first words of the phrases that are no stems;
	// byExact lists by that number the phrases they start, longest first,
	// and first[id] is where runs holds them.
	exact   text.Index
	byExact [][]int32
	first   []int32
	// runs lists the phrases by first word, longest first, each word's run
	// ended by a phrase of no words; rest holds their words after the
	// first. Most tokens a caller asks about start a phrase ("de", "the",
	// "blev"): a hit reads two dense arrays rather than a slice per word
	// and each phrase's own slices.
	runs []run
	rest []word
	// prefix numbers the stems of the one-word '*' phrases; byPrefix lists
	// their phrases.
	prefix   text.Index
	byPrefix [][]int32
	lens     []int // byte lengths of the stems, for look-up
	// stem says by a token's first byte whether any stem starts with it.
	stem [256]bool
	// firsts has bit h>>17 set for the Hash h of every first word in
	// exact, for May.
	firsts [1 << 15 / 64]uint64
	items  []item
}

type run struct {
	words int32 // 0 ends a first word's run
	rest  int32 // words after the first: rest[rest:rest+words-1]
	value int
}

type word struct {
	hash uint32
	text string
}

type item struct {
	words  []string // lower-cased; the last may be a stem when stem is set
	hashes []uint32 // text.Hash of each word: most mismatches cost no string compare
	stem   bool
	value  int
}

// Check reports what is wrong with a phrase as a pack author wrote it, or "".
func Check(p string) string {
	if strings.TrimSpace(p) != p || p == "" {
		return "empty phrase or phrase with surrounding spaces"
	}
	if strings.ToLower(p) != p {
		return fmt.Sprintf("phrase %q must be lower case", p)
	}
	if i := strings.IndexByte(p, '*'); i >= 0 && (i != len(p)-1 || strings.Contains(p, " ")) {
		return fmt.Sprintf("phrase %q: '*' may only end a one-word stem", p)
	}
	if strings.HasSuffix(p, "*") && utf8.RuneCountInString(p) < 4 {
		return fmt.Sprintf("stem %q is too short (at least 3 letters)", p)
	}
	return ""
}

// Add adds a phrase (validated with Check) with the caller's value.
func (s *Set) Add(p string, value int) {
	it := item{value: value}
	if strings.HasSuffix(p, "*") {
		it.stem = true
		p = strings.TrimSuffix(p, "*")
	}
	it.words = Words(p)
	for _, w := range it.words {
		it.hashes = append(it.hashes, text.Hash(w))
	}
	idx := int32(len(s.items))
	s.items = append(s.items, it)
	if it.stem {
		s.stem[p[0]] = true
		id := s.prefix.Add(p)
		if int(id) == len(s.byPrefix) {
			s.byPrefix = append(s.byPrefix, nil)
		}
		s.byPrefix[id] = append(s.byPrefix[id], idx)
		s.lens = append(s.lens, len(p))
		sort.Ints(s.lens)
		s.lens = compact(s.lens)
		return
	}
	id := s.exact.Add(it.words[0])
	h := it.hashes[0] >> 17
	s.firsts[h/64] |= 1 << (h % 64)
	if int(id) == len(s.byExact) {
		s.byExact = append(s.byExact, nil)
	}
	l := append(s.byExact[id], idx)
	sort.SliceStable(l, func(a, b int) bool { return len(s.items[l[a]].words) > len(s.items[l[b]].words) })
	s.byExact[id] = l
	s.index()
}

// index lays out first, runs and rest anew from byExact. Add calls it for
// every phrase: packs hold hundreds, and the arrays are reused.
func (s *Set) index() {
	n := s.exact.Len()
	s.first, s.runs, s.rest = s.first[:0], s.runs[:0], s.rest[:0]
	for id := range n {
		s.first = append(s.first, int32(len(s.runs)))
		for _, idx := range s.byExact[id] {
			it := &s.items[idx]
			s.runs = append(s.runs, run{words: int32(len(it.words)), rest: int32(len(s.rest)), value: it.value})
			for k := 1; k < len(it.words); k++ {
				s.rest = append(s.rest, word{it.hashes[k], it.words[k]})
			}
		}
		s.runs = append(s.runs, run{})
	}
}

func compact(v []int) []int {
	out := v[:0]
	for i, x := range v {
		if i == 0 || x != v[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// Words splits a phrase the way the segmenter splits text into tokens,
// roughly: at spaces, and with punctuation marks as words of their own.
func Words(p string) []string {
	var out []string
	for _, f := range strings.Fields(p) {
		start := 0
		for i, r := range f {
			if unicode.IsPunct(r) && r != '-' && r != '\'' && r != '.' {
				if i > start {
					out = append(out, f[start:i])
				}
				out = append(out, string(r))
				start = i + utf8.RuneLen(r)
			}
		}
		if start < len(f) {
			out = append(out, f[start:])
		}
	}
	return out
}

// Match is a phrase found at tokens [Start, End).
type Match struct {
	Start, End int
	Value      int
}

// At returns every phrase that starts at toks[i], longest first.
func (s *Set) At(toks []text.Token, i int, dst []Match) []Match {
	t := &toks[i]
	if t.Lower == "" {
		return dst
	}
	if id := s.exact.Lookup(t.Lower, t.LowerHash()); id >= 0 {
		for r := int(s.first[id]); s.runs[r].words != 0; r++ {
			if end, ok := s.match(toks, i, r); ok {
				dst = append(dst, Match{Start: i, End: end, Value: s.runs[r].value})
			}
		}
	}
	// Most sets have no stems: their words' bytes need not be read.
	if len(s.lens) == 0 || !s.stem[t.Lower[0]] {
		return dst
	}
	low := t.Lower
	for _, n := range s.lens {
		if n > len(low) {
			break
		}
		id := s.prefix.Find(low[:n])
		if id < 0 {
			continue
		}
		for _, idx := range s.byPrefix[id] {
			dst = append(dst, Match{Start: i, End: i + 1, Value: s.items[idx].value})
		}
	}
	return dst
}

// May reports whether a phrase of s may start at t: when it is false, At
// and Longest find none there. It is small enough to inline, so that a
// caller asking about every word calls Longest only for the few that pass,
// by one load of a bit set.
func (s *Set) May(t *text.Token) bool {
	h := t.Hash >> 17
	return t.Hash == 0 || s.firsts[h/64]&(1<<(h%64)) != 0 || t.Lower != "" && s.stem[t.Lower[0]]
}

// Longest returns the first of At's matches that ends furthest, and whether
// there is any: the one phrase a caller marking a sentence keeps, found
// without listing the others.
func (s *Set) Longest(toks []text.Token, i int) (Match, bool) {
	t := &toks[i]
	if t.Lower == "" {
		return Match{}, false
	}
	if id := s.exact.Lookup(t.Lower, t.LowerHash()); id >= 0 {
		// Longest first: the first that matches ends furthest, and ends
		// after any stem's match.
		for r := int(s.first[id]); s.runs[r].words != 0; r++ {
			if end, ok := s.match(toks, i, r); ok {
				return Match{Start: i, End: end, Value: s.runs[r].value}, true
			}
		}
	}
	if len(s.lens) == 0 || !s.stem[t.Lower[0]] {
		return Match{}, false
	}
	low := t.Lower
	for _, n := range s.lens {
		if n > len(low) {
			break
		}
		if id := s.prefix.Find(low[:n]); id >= 0 {
			return Match{Start: i, End: i + 1, Value: s.items[s.byPrefix[id][0]].value}, true
		}
	}
	return Match{}, false
}

// match reports whether phrase r of runs, whose first word is toks[i]'s,
// goes on in the tokens after it, and where it ends.
func (s *Set) match(toks []text.Token, i, r int) (int, bool) {
	n := int(s.runs[r].words)
	if n == 1 {
		return i + 1, true
	}
	if i+n > len(toks) {
		return 0, false
	}
	rest := s.rest[s.runs[r].rest:][:n-1]
	for k, w := range rest {
		if t := &toks[i+1+k]; t.LowerHash() != w.hash || t.Lower != w.text {
			return 0, false
		}
	}
	return i + n, true
}
