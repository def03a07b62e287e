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
// look-ups per token, by the token's Hash: no word is hashed again.
type index struct {
	pats []pattern
	// exact numbers the first words of the patterns that start with a
	// word, byExact lists their patterns by that number; byPrefix does the
	// same for the patterns that start with a stem, by the stem's first
	// prefixLen bytes.
	exact             text.Index
	byExact, byPrefix [][]entry
	// prefixes finds a word's byPrefix list from its first prefixLen bytes
	// read as one number (key3): every word of a sentence is looked up, and
	// this costs no string hash nor compare. Open addressing, at most a
	// quarter full; a slot holds key3+1 (0: empty), prefixIDs its list.
	prefixes  []uint32
	prefixIDs []int32
}

// entry is one pattern of a byExact or byPrefix list with what at needs
// to rule most of them out without reading the pattern itself.
type entry struct {
	stem string // the first element's stem: the list proved only prefixLen bytes
	id   int32
	one  bool // one element: the pattern ends where its first word does
}

// key3 is the first prefixLen (3) bytes of w as one number.
func key3(w string) uint32 { return uint32(w[0])<<16 | uint32(w[1])<<8 | uint32(w[2]) }

// slot3 is where key k+1 starts its probe in a table of mask+1 slots.
func slot3(k, mask uint32) uint32 { return (k * 0x9E3779B1 >> 15) & mask }

// prefixList returns the byPrefix number of the stem start key, or -1.
// It is small enough to inline: most words find an empty first slot (the
// table is at most a quarter full) and cost no call.
func (x *index) prefixList(key uint32) int32 {
	if len(x.prefixes) == 0 {
		return -1
	}
	k, mask := key+1, uint32(len(x.prefixes)-1)
	i := slot3(k, mask)
	if x.prefixes[i] == 0 {
		return -1
	}
	return x.probePrefix(k, i, mask)
}

func (x *index) probePrefix(k, i, mask uint32) int32 {
	for ; ; i = (i + 1) & mask {
		switch x.prefixes[i] {
		case 0:
			return -1
		case k:
			return x.prefixIDs[i]
		}
	}
}

// addPrefix returns the byPrefix number of the stem start key, adding it
// when new.
func (x *index) addPrefix(key uint32) int32 {
	if id := x.prefixList(key); id >= 0 {
		return id
	}
	id := int32(len(x.byPrefix))
	x.byPrefix = append(x.byPrefix, nil)
	if 4*len(x.byPrefix) > len(x.prefixes) {
		// Grow, and put every key back (each list's own stem start).
		old, oldIDs := x.prefixes, x.prefixIDs
		n := max(64, 2*len(old))
		x.prefixes, x.prefixIDs = make([]uint32, n), make([]int32, n)
		for i, k := range old {
			if k != 0 {
				x.putPrefix(k, oldIDs[i])
			}
		}
	}
	x.putPrefix(key+1, id)
	return id
}

func (x *index) putPrefix(k uint32, id int32) {
	mask := uint32(len(x.prefixes) - 1)
	i := slot3(k, mask)
	for x.prefixes[i] != 0 {
		i = (i + 1) & mask
	}
	x.prefixes[i], x.prefixIDs[i] = k, id
}

// prefixLen is how many leading bytes bucket the stems: every stem has at
// least minStem letters, so at least this many bytes.
const prefixLen = minStem

func newIndex() *index { return &index{} }

func (x *index) add(p pattern) int {
	id := len(x.pats)
	x.pats = append(x.pats, p)
	e := entry{id: int32(id), one: len(p) == 1}
	if p[0].prefix {
		e.stem = p[0].word
		k := x.addPrefix(key3(p[0].word))
		x.byPrefix[k] = append(x.byPrefix[k], e)
	} else {
		k := x.exact.Add(p[0].word)
		if int(k) == len(x.byExact) {
			x.byExact = append(x.byExact, nil)
		}
		x.byExact[k] = append(x.byExact[k], e)
	}
	return id
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
		for _, e := range x.byExact[k] {
			if e.one {
				fn(int(e.id), i+1)
			} else if end := x.pats[e.id].from(toks, 1, i+1); end > 0 {
				fn(int(e.id), end)
			}
		}
	}
	if len(w) < prefixLen {
		return
	}
	k := x.prefixList(key3(w))
	if k < 0 {
		return
	}
	for _, e := range x.byPrefix[k] {
		if !strings.HasPrefix(w, e.stem) {
			continue
		}
		if e.one {
			fn(int(e.id), i+1)
		} else if end := x.pats[e.id].from(toks, 1, i+1); end > 0 {
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
