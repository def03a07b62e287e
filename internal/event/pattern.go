package event

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/urodata/uro/internal/text"
)

// maxGap is how many words a "~" in a pattern may stand for: enough for
// "bedt sin russiske kollega Vladimir Putin om hjælp", few enough that a
// pattern does not reach into the next clause.
const maxGap = 6

// minStem keeps stems from matching nearly every word.
const minStem = 3

// elem is one step of a pattern: a word, a stem ("anhold*") or a gap ("~").
type elem struct {
	word string
	// hash is text.Hash(word) for a whole word: a token whose Hash differs
	// is ruled out without a string compare.
	hash   uint32
	prefix bool
	gap    bool
}

// pattern is a compiled phrase of a pack table.
type pattern []elem

// compile reads a pattern written in a pack table: words separated by
// spaces, "*" at a word's end for a stem, "~" alone for a short gap.
func compile(s string) (pattern, error) {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return nil, fmt.Errorf("empty pattern")
	}
	var p pattern
	for i, w := range f {
		switch {
		case w == "~":
			if i == 0 || i == len(f)-1 {
				return nil, fmt.Errorf("pattern %q: a gap must stand between words", s)
			}
			if p[len(p)-1].gap {
				return nil, fmt.Errorf("pattern %q: two gaps in a row", s)
			}
			p = append(p, elem{gap: true})
		case strings.HasSuffix(w, "*"):
			stem := strings.TrimSuffix(w, "*")
			if utf8.RuneCountInString(stem) < minStem || strings.ContainsAny(stem, "*~") {
				return nil, fmt.Errorf("pattern %q: stem %q needs at least %d letters", s, w, minStem)
			}
			p = append(p, elem{word: stem, prefix: true})
		default:
			if strings.ContainsAny(w, "*~") {
				return nil, fmt.Errorf("pattern %q: %q: '*' ends a stem, '~' stands alone", s, w)
			}
			p = append(p, elem{word: w, hash: text.Hash(w)})
		}
	}
	return p, nil
}

func (e *elem) matches(t *text.Token) bool {
	if e.prefix {
		return strings.HasPrefix(t.Lower, e.word)
	}
	return t.LowerHash() == e.hash && t.Lower == e.word
}

// index finds the patterns of one table in a token slice with one or two
// look-ups per token, by the token's Hash: no word is hashed again. It is
// built once, by newIndex, and read only after.
type index struct {
	pats []pattern
	// exact numbers the first words of the patterns that start with a
	// word; the patterns of word k are entries[exactAt[k]:exactAt[k+1]].
	// Every list lies in the one array, one after another, so that a
	// look-up reads a small offset table and then the list, not a slice
	// header first and the list wherever the heap put it.
	exact   text.Index
	exactAt []uint32
	entries []entry
	// prefixes finds the list of the patterns that start with a stem from
	// a word's first prefixLen bytes read as one number (key3): every word
	// of a sentence is looked up, and this costs no string hash nor
	// compare. Open addressing, at most a quarter full; a slot holds the
	// list's place in entries beside its key, so a hit reads one place.
	prefixes []prefixSlot
	// stems has a bit set for every key, at its first slot's number mod
	// 1024: most words start no stem, and this small set, which stays in
	// the nearest cache, rules them out before the table is read.
	stems [16]uint64
}

// prefixSlot is one slot of index.prefixes: key3+1 (0: empty) and its list,
// entries[start:end].
type prefixSlot struct {
	key, start, end uint32
}

// entry is one pattern of a list with what at needs to rule most of them
// out without reading the pattern itself.
type entry struct {
	stem string // the first element's stem: the list proved only prefixLen bytes
	id   int32
	// next is the hash of the second element when that is a word (else
	// 0): most patterns fail there, and the token's Hash tells so without
	// reading the pattern.
	next uint32
	one  bool // one element: the pattern ends where its first word does
}

// rest returns the end of the match of e's pattern of more than one
// element whose first word ends at toks[i], or 0.
func (x *index) rest(e *entry, toks []text.Token, i int) int {
	if e.next != 0 {
		if i >= len(toks) {
			return 0
		}
		if h := toks[i].Hash; h != 0 && h != e.next {
			return 0 // Hash is LowerHash when set: elem.matches would fail
		}
	}
	return x.pats[e.id].from(toks, 1, i)
}

// key3 is the first prefixLen (3) bytes of w as one number.
func key3(w string) uint32 { return uint32(w[0])<<16 | uint32(w[1])<<8 | uint32(w[2]) }

// slot3 is where key k+1 starts its probe in a table of mask+1 slots.
func slot3(k, mask uint32) uint32 { return (k * 0x9E3779B1 >> 15) & mask }

// prefixList returns the slot of key in prefixes, or -1. It is small
// enough to inline: most words are ruled out by stems and cost no call.
func (x *index) prefixList(key uint32) int {
	// With no stems the set is empty, and the table is never read.
	k, mask := key+1, uint32(len(x.prefixes)-1)
	i := slot3(k, mask)
	if x.stems[i>>6&15]&(1<<(i&63)) == 0 {
		return -1
	}
	return x.probePrefix(k, i, mask)
}

func (x *index) probePrefix(k, i, mask uint32) int {
	for ; ; i = (i + 1) & mask {
		switch x.prefixes[i].key {
		case 0:
			return -1
		case k:
			return int(i)
		}
	}
}

// prefixLen is how many leading bytes bucket the stems: every stem has at
// least minStem letters, so at least this many bytes.
const prefixLen = minStem

// newIndex indexes ps; a pattern's id is its place in ps, and the patterns
// that match at a token are reported in that order, exact words first.
func newIndex(ps []pattern) *index {
	x := &index{pats: ps}
	// The lists by word number and by stem start, then laid out flat.
	var exact, prefix [][]entry
	var keys []uint32 // the stem start of each prefix list
	prefixID := map[uint32]int{}
	for id, p := range ps {
		e := entry{id: int32(id), one: len(p) == 1}
		if len(p) > 1 && !p[1].gap && !p[1].prefix {
			e.next = p[1].hash
		}
		if p[0].prefix {
			e.stem = p[0].word
			k := key3(p[0].word)
			n, ok := prefixID[k]
			if !ok {
				n = len(prefix)
				prefixID[k] = n
				prefix = append(prefix, nil)
				keys = append(keys, k)
			}
			prefix[n] = append(prefix[n], e)
		} else {
			k := x.exact.Add(p[0].word)
			if int(k) == len(exact) {
				exact = append(exact, nil)
			}
			exact[k] = append(exact[k], e)
		}
	}
	x.exactAt = make([]uint32, 0, len(exact)+1)
	for _, l := range exact {
		x.exactAt = append(x.exactAt, uint32(len(x.entries)))
		x.entries = append(x.entries, l...)
	}
	x.exactAt = append(x.exactAt, uint32(len(x.entries)))
	if len(prefix) == 0 {
		return x
	}
	n := 64
	for 4*len(prefix) > n {
		n *= 2
	}
	x.prefixes = make([]prefixSlot, n)
	mask := uint32(n - 1)
	for j, l := range prefix {
		s := prefixSlot{key: keys[j] + 1, start: uint32(len(x.entries))}
		x.entries = append(x.entries, l...)
		s.end = uint32(len(x.entries))
		i := slot3(s.key, mask)
		x.stems[i>>6&15] |= 1 << (i & 63)
		for x.prefixes[i].key != 0 {
			i = (i + 1) & mask
		}
		x.prefixes[i] = s
	}
	return x
}

// at calls fn for every pattern that matches at toks[i], with the index just
// past its last token.
func (x *index) at(toks []text.Token, i int, fn func(id, end int)) {
	t := &toks[i]
	if t.Kind != text.Word {
		return // patterns start with a word
	}
	w := t.Lower
	if k := x.exact.Lookup(w, t.LowerHash()); k >= 0 {
		// The look-up matched the first word: each pattern goes on from
		// its second element.
		for j, stop := x.exactAt[k], x.exactAt[k+1]; j < stop; j++ {
			e := &x.entries[j]
			end := i + 1
			if !e.one {
				end = x.rest(e, toks, end)
			}
			if end > 0 {
				fn(int(e.id), end)
			}
		}
	}
	if len(w) < prefixLen {
		return
	}
	si := x.prefixList(key3(w))
	if si < 0 {
		return
	}
	for j, stop := x.prefixes[si].start, x.prefixes[si].end; j < stop; j++ {
		e := &x.entries[j]
		if !strings.HasPrefix(w, e.stem) {
			continue
		}
		end := i + 1
		if !e.one {
			end = x.rest(e, toks, end)
		}
		if end > 0 {
			fn(int(e.id), end)
		}
	}
}

// match returns the end of the pattern's match at toks[i], or 0.
func (p pattern) match(toks []text.Token, i int) int {
	return p.from(toks, 0, i)
}

// from returns the end of the match of p[k:] at toks[i], or 0. Words and
// stems are matched in a loop; only a gap recurses, once per width tried.
func (p pattern) from(toks []text.Token, k, i int) int {
	for ; k < len(p); k++ {
		e := &p[k]
		if e.gap {
			// The smallest gap first: the nearest completion is the likeliest.
			for g := 0; g <= maxGap && i+g < len(toks); g++ {
				if g > 0 && toks[i+g-1].Kind == text.Punct {
					break
				}
				if end := p.from(toks, k+1, i+g); end > 0 {
					return end
				}
			}
			return 0
		}
		if i >= len(toks) || !e.matches(&toks[i]) {
			return 0
		}
		i++
	}
	return i
}
