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
// look-ups per token, by the token's Hash: no word is hashed again.
type index struct {
	pats []pattern
	// exact numbers the first words of the patterns that start with a
	// word, byExact lists their patterns by that number; prefix and
	// byPrefix do the same for the patterns that start with a stem, by the
	// stem's first prefixLen bytes.
	exact, prefix     text.Index
	byExact, byPrefix [][]int
}

// prefixLen is how many leading bytes bucket the stems: every stem has at
// least minStem letters, so at least this many bytes.
const prefixLen = minStem

func newIndex() *index { return &index{} }

func (x *index) add(p pattern) int {
	id := len(x.pats)
	x.pats = append(x.pats, p)
	if p[0].prefix {
		k := x.prefix.Add(p[0].word[:prefixLen])
		if int(k) == len(x.byPrefix) {
			x.byPrefix = append(x.byPrefix, nil)
		}
		x.byPrefix[k] = append(x.byPrefix[k], id)
	} else {
		k := x.exact.Add(p[0].word)
		if int(k) == len(x.byExact) {
			x.byExact = append(x.byExact, nil)
		}
		x.byExact[k] = append(x.byExact[k], id)
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
		for _, id := range x.byExact[k] {
			if end := x.pats[id].match(toks, i); end > 0 {
				fn(id, end)
			}
		}
	}
	if len(w) < prefixLen {
		return
	}
	k := x.prefix.Find(w[:prefixLen])
	if k < 0 {
		return
	}
	for _, id := range x.byPrefix[k] {
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
