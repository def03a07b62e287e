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
	word   string
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
			p = append(p, elem{word: w})
		}
	}
	return p, nil
}

func (e elem) matches(lower string) bool {
	if e.prefix {
		return strings.HasPrefix(lower, e.word)
	}
	return lower == e.word
}

// index finds the patterns of one table in a token slice with one or two
// map look-ups per token.
type index struct {
	pats   []pattern
	exact  map[string][]int
	prefix map[string][]int // by the stem's first prefixLen bytes
	// head[0] has bit headBit(w) set for the first word of every pattern
	// of exact, head[1] for every stem of prefix: most words of a sentence
	// start no pattern, and a bit test rules out each map look-up.
	head [2][1 << headBits / 64]uint64
}

const headBits = 16

// headBit hashes a word's first prefixLen bytes (all of a shorter word):
// an exact word and a stem share the bit of their first bytes.
func headBit(w string) uint32 {
	v := uint32(len(w))
	if len(w) >= prefixLen {
		v = prefixLen
	}
	for i := 0; i < len(w) && i < prefixLen; i++ {
		v = v<<8 | uint32(w[i])
	}
	return (v * 0x9E3779B1) >> (32 - headBits)
}

// prefixLen is how many leading bytes bucket the stems: every stem has at
// least minStem letters, so at least this many bytes.
const prefixLen = minStem

func newIndex() *index {
	return &index{exact: map[string][]int{}, prefix: map[string][]int{}}
}

func (x *index) add(p pattern) int {
	id := len(x.pats)
	x.pats = append(x.pats, p)
	b, h := headBit(p[0].word), 0
	if p[0].prefix {
		h = 1
	}
	x.head[h][b/64] |= 1 << (b % 64)
	if p[0].prefix {
		k := p[0].word[:prefixLen]
		x.prefix[k] = append(x.prefix[k], id)
	} else {
		x.exact[p[0].word] = append(x.exact[p[0].word], id)
	}
	return id
}

// at calls fn for every pattern that matches at toks[i], with the index just
// past its last token.
func (x *index) at(toks []text.Token, i int, fn func(id, end int)) {
	if toks[i].Kind != text.Word {
		return // patterns start with a word
	}
	w := toks[i].Lower
	b := headBit(w)
	if x.head[0][b/64]&(1<<(b%64)) != 0 {
		for _, id := range x.exact[w] {
			if end := x.pats[id].match(toks, i); end > 0 {
				fn(id, end)
			}
		}
	}
	if len(w) < prefixLen || x.head[1][b/64]&(1<<(b%64)) == 0 {
		return
	}
	for _, id := range x.prefix[w[:prefixLen]] {
		if end := x.pats[id].match(toks, i); end > 0 {
			fn(id, end)
		}
	}
}

// match returns the end of the pattern's match at toks[i], or 0.
func (p pattern) match(toks []text.Token, i int) int {
	return p.from(toks, 0, i)
}

func (p pattern) from(toks []text.Token, k, i int) int {
	if k == len(p) {
		return i
	}
	e := p[k]
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
	if i >= len(toks) || !e.matches(toks[i].Lower) {
		return 0
	}
	return p.from(toks, k+1, i+1)
}
