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
	// exact numbers the first words of the phrases (looked up by the
	// token's Hash, never hashed again), and byExact lists by that number
	// the phrases they start, longest first.
	exact   text.Index
	byExact [][]int32
	// prefix numbers the stems of the one-word '*' phrases; byPrefix lists
	// their phrases.
	prefix   text.Index
	byPrefix [][]int32
	lens     []int // byte lengths of the stems, for look-up
	items    []item
	// first holds, by the first byte of a phrase's first word, a bit for
	// each word length (capped at 31; bit 0 for stems), so that most tokens
	// are turned away without a map look-up.
	first [256]uint32
	// last is first again by the last byte of the first word of the
	// phrases that are no stems: a word must pass both before the map.
	last [256]uint32
}

func lenBit(n int) uint32 {
	if n > 31 {
		n = 31
	}
	return 1 << n
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
	if it.stem {
		s.first[p[0]] |= 1
	} else {
		w := it.words[0]
		s.first[w[0]] |= lenBit(len(w))
		s.last[w[len(w)-1]] |= lenBit(len(w))
	}
	idx := int32(len(s.items))
	s.items = append(s.items, it)
	if it.stem {
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
	if int(id) == len(s.byExact) {
		s.byExact = append(s.byExact, nil)
	}
	l := append(s.byExact[id], idx)
	sort.SliceStable(l, func(a, b int) bool { return len(s.items[l[a]].words) > len(s.items[l[b]].words) })
	s.byExact[id] = l
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
	low := toks[i].Lower
	if low == "" {
		return dst
	}
	bits := s.first[low[0]]
	if bits == 0 {
		return dst
	}
	if lb := lenBit(len(low)); bits&lb != 0 && s.last[low[len(low)-1]]&lb != 0 {
		dst = s.exact1(toks, i, low, dst)
	}
	if bits&1 == 0 {
		return dst
	}
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

func (s *Set) exact1(toks []text.Token, i int, low string, dst []Match) []Match {
	id := s.exact.Lookup(low, toks[i].LowerHash())
	if id < 0 {
		return dst
	}
	for _, idx := range s.byExact[id] {
		it := &s.items[idx]
		if end, ok := it.match(toks, i); ok {
			dst = append(dst, Match{Start: i, End: end, Value: it.value})
		}
	}
	return dst
}

// match reports whether the phrase, whose first word is toks[i]'s (exact1
// found it by that word), goes on in the tokens after it.
func (it *item) match(toks []text.Token, i int) (int, bool) {
	n := len(it.words)
	if i+n > len(toks) {
		return 0, false
	}
	for k := 1; k < n; k++ {
		if t := &toks[i+k]; t.LowerHash() != it.hashes[k] || t.Lower != it.words[k] {
			return 0, false
		}
	}
	return i + n, true
}
