// Package figure owns finding the figures of an article: numbers that count
// people killed, injured, arrested, taking part, displaced, missing or
// released ("mindst 12 betjente har mistet livet", "killing six civilians",
// "ingen kom til skade").
//
// A count from internal/number becomes a figure when the words after it
// name people (a counted noun: "betjente", "civilians"), or when it stands bare
// before a verb ("2000 er blevet anholdt"); the kind comes from the counted
// noun when it names what happened ("400 sårede"), else from the nearest
// predicate in the same clause, else from the nearest in the sentence. Any
// other word after a number ("3 biler", "tre dage") means it counts no people.
// A singular person noun after an indefinite article ("en mand blev
// anholdt") counts one, and a zero word ("ingen", "no one") before a predicate
// gives a negated zero. All words are pack data (figures.tsv).
package figure

import (
	"fmt"
	"io/fs"
	"sync"

	"github.com/urodata/uro/internal/number"
	"github.com/urodata/uro/internal/text"
)

// Figure is a number of people an article reports something happened to.
type Figure struct {
	Kind      string // killed, injured, arrested, participants, displaced, missing, detained_released
	Min, Max  int64
	HasMax    bool
	Qualifier string // as internal/number gives it: exact, at_least, more_than, approx, up_to, range, vague
	Who       string // the counted noun as written ("betjente"), or "" for a bare count
	WhoKind   string // police, military, civilians, protesters, people, attackers, …
	// Start and End are byte offsets of the figure text ("mindst 12 betjente").
	Start, End int
	Negated    bool // "ingen blev anholdt": a zero
}

// Finder finds figures with one language pack. It is safe for concurrent use.
type Finder struct {
	lang string
	p    *pack
}

// New loads lang's figures.tsv from fsys (normally langpacks.FS).
func New(fsys fs.FS, lang string) (*Finder, error) {
	p, err := loadPack(fsys, lang)
	if err != nil {
		return nil, fmt.Errorf("figure: load %s pack: %w", lang, err)
	}
	return &Finder{lang: lang, p: p}, nil
}

// mark is the pack cue that covers tokens [start, end).
type mark struct {
	start, end int
	c          *cue
}

// sent is the per-call state of one sentence.
type sent struct {
	f     *Finder
	src   string
	toks  []text.Token
	at    []int32 // by token: index+1 into marks of the cue starting there, 0 for none
	marks []mark
	hard  []int32 // by token: count of hard clause breaks before it
	soft  []int32 // by token: count of any clause breaks before it
	qs    []number.Quantity
	qtok  []int // by quantity: its first token
	used  []bool
	buf   []int32 // backing store of at, hard and soft, kept between calls
}

// scratch keeps per-call buffers between calls: Find runs once per sentence.
var scratch = sync.Pool{New: func() any { return new(sent) }}

// alloc sets up the by-token arrays for n tokens.
func (st *sent) alloc(n int) {
	need := 3*n + 2
	if cap(st.buf) < need {
		st.buf = make([]int32, need)
	}
	b := st.buf[:need]
	clear(b)
	st.at, st.hard, st.soft = b[:n], b[n:2*n+1], b[2*n+1:]
}

// Find returns the figures of sentence si from its quantities (as
// internal/number found them in that sentence), in text order.
func (f *Finder) Find(doc *text.Doc, si int, qs []number.Quantity) []Figure {
	return f.AppendFind(nil, doc, si, qs)
}

// AppendFind is Find appending to dst, so that a caller reading sentence
// after sentence can reuse one array rather than take a new one for each.
func (f *Finder) AppendFind(dst []Figure, doc *text.Doc, si int, qs []number.Quantity) []Figure {
	if si < 0 || si >= len(doc.Sentences) {
		return dst
	}
	s := &doc.Sentences[si]
	if s.Caption || len(s.Tokens) == 0 {
		return dst
	}
	st := scratch.Get().(*sent)
	defer scratch.Put(st)
	// Field by field: a composite literal would be built aside and copied.
	st.f, st.src, st.toks = f, doc.Text, s.Tokens
	st.at, st.hard, st.soft, st.qs = nil, nil, nil, nil
	st.marks, st.used, st.qtok = st.marks[:0], st.used[:0], st.qtok[:0]
	if !st.scan() {
		// No pack cue at all: nothing here can count people.
		return dst
	}
	st.qs = qs
	for range qs {
		st.qtok = append(st.qtok, 0)
	}
	if cap(st.used) < len(s.Tokens) {
		st.used = make([]bool, len(s.Tokens))
	} else {
		st.used = st.used[:len(s.Tokens)]
		clear(st.used)
	}
	for k, q := range qs {
		st.qtok[k] = st.tokenAt(q.Start)
		if st.qtok[k] < 0 {
			continue
		}
		for j := st.qtok[k]; j < len(st.toks) && st.toks[j].Start < q.End; j++ {
			st.used[j] = true
		}
	}
	out := dst
	for k := range qs {
		if fg, ok := st.count(k); ok {
			out = append(out, fg)
		}
	}
	out = st.singles(out)
	out = st.zeros(out)
	sortFigures(out[len(dst):])
	return out
}

func sortFigures(v []Figure) {
	for i := 1; i < len(v); i++ {
		for j := i; j > 0 && v[j].Start < v[j-1].Start; j-- {
			v[j], v[j-1] = v[j-1], v[j]
		}
	}
}

// scan marks every pack cue in the sentence, longest first, and the clause
// breaks. It reports whether any cue was found.
func (st *sent) scan() bool {
	toks := st.toks
	n := len(toks)
	set := &st.f.p.set
	for i := 0; i < n; {
		t := &toks[i]
		if t.Kind != text.Word || !set.May(t) {
			i++
			continue
		}
		best, ok := set.Longest(toks, i)
		if !ok {
			i++
			continue
		}
		if st.at == nil {
			st.alloc(n)
		}
		st.marks = append(st.marks, mark{start: i, end: best.End, c: &st.f.p.cues[best.Value]})
		st.at[i] = int32(len(st.marks))
		i = best.End
	}
	if st.at == nil {
		return false
	}
	// The marks are in token order, one to a start: the loop meets them
	// in turn rather than asking at for every token.
	hard, soft, marks := st.hard[:n+1], st.soft[:n+1], st.marks
	var h, s int32
	m := 0
	for i := range toks {
		hard[i], soft[i] = h, s
		t := &toks[i]
		if t.Kind == text.Punct {
			switch t.Text {
			case ",", ";", ":", "(", ")", "–", "—", "-":
				h++
				s++
			}
			continue
		}
		if m < len(marks) && marks[m].start == i {
			c := marks[m].c
			m++
			if c.rules&rBreak != 0 {
				h++
				s++
			} else if c.rules&rSoftBreak != 0 {
				s++
			}
		}
	}
	hard[n], soft[n] = h, s
	return true
}

func (st *sent) cueAt(i int) *cue {
	if i < 0 || i >= len(st.toks) || st.at == nil || st.at[i] == 0 {
		return nil
	}
	return st.marks[st.at[i]-1].c
}

func (st *sent) markAt(i int) *mark {
	if i < 0 || i >= len(st.toks) || st.at == nil || st.at[i] == 0 {
		return nil
	}
	return &st.marks[st.at[i]-1]
}

func (st *sent) tokenAt(off int) int {
	for i := range st.toks {
		if st.toks[i].Start >= off {
			return i
		}
	}
	return -1
}

// head is what stands after a count.
type head struct {
	ok       bool
	who      string // the counted noun as written
	whoKind  string
	kind     string // from a victim noun: what happened to them
	weakKind string // a counted noun's default kind
	end      int    // byte offset where the figure text ends
	endTok   int    // first token after the figure text
	predAt   int    // token of a predicate right after a bare count, or -1
}

// headOf reads the words after the count ending before token h.
func (st *sent) headOf(h int, endByte int, depth int) head {
	n := len(st.toks)
	if h < 0 || h > n {
		h = n // the number ends the sentence
	}
	hd := head{end: endByte, endTok: h, predAt: -1}
	if h >= n {
		hd.ok, hd.whoKind = true, "people"
		return hd
	}
	if c := st.cueAt(h); c != nil && c.rules&rPartitive != 0 && h+1 < n {
		h++
	}
	// k counts the words passed; plain is true while none was unknown.
	plain := true
	for k := 0; k < 3 && h < n; k++ {
		t := &st.toks[h]
		if t.Kind == text.Punct || t.Kind == text.Symbol {
			if !plain {
				break
			}
			// A bare count before punctuation: "put the number at 15,000."
			if t.Text == "\"" || t.Text == "”" || t.Text == "»" || t.Text == "«" || t.Text == "'" {
				h++
				continue
			}
			hd.ok, hd.whoKind = true, "people"
			return hd
		}
		m := st.markAt(h)
		if m != nil {
			c := m.c
			switch {
			case c.rules&rVictim != 0:
				hd.ok, hd.kind, hd.whoKind = true, c.victimKind, c.victWho
				hd.who = st.src[st.toks[m.start].Start:st.toks[m.end-1].End]
				hd.end, hd.endTok = st.toks[m.end-1].End, m.end
				return hd
			case c.rules&(rNoun|rSingle) != 0:
				// A singular noun counts too: "killing one officer".
				hd.ok, hd.weakKind, hd.whoKind = true, c.nounKind, c.nounWho
				if c.rules&rNoun == 0 {
					hd.whoKind = c.singleWho
				}
				hd.who = st.src[st.toks[m.start].Start:st.toks[m.end-1].End]
				hd.end, hd.endTok = st.toks[m.end-1].End, m.end
				return hd
			case plain && c.rules&rCoord != 0 && depth == 0:
				// "19 og 22 år": the first number shares the second's noun.
				if nq := st.quantityAt(m.end); nq >= 0 {
					q := st.qs[nq]
					next := st.headOf(q.Head, q.End, depth+1)
					if !next.ok || next.who != "" {
						next.end, next.endTok, next.predAt = hd.end, hd.endTok, -1
						return next
					}
				}
				hd.ok, hd.whoKind = true, "people"
				return hd
			case c.rules&rSkip != 0:
				h = m.end
				continue
			case plain && c.rules&rPredicate != 0:
				hd.ok, hd.whoKind, hd.predAt = true, "people", h
				return hd
			case plain && c.rules&rLink != 0:
				hd.ok, hd.whoKind = true, "people"
				return hd
			}
		}
		if plain && t.Kind == text.Number {
			return hd
		}
		// An unknown word: an adjective before a counted noun, or a noun
		// that counts no people ("3 biler").
		plain = false
		h++
	}
	return hd
}

func (st *sent) quantityAt(tok int) int {
	for k, t := range st.qtok {
		if t == tok && st.qs[k].Kind == number.Count {
			return k
		}
	}
	return -1
}

// kindNear finds the predicate kind nearest token range [a, b): first in
// the same clause, then across soft breaks; with anywhere, across the whole
// sentence.
func (st *sent) kindNear(a, b int, anywhere bool) string {
	if k := st.nearest(a, b, st.soft); k != "" {
		return k
	}
	if k := st.nearest(a, b, st.hard); k != "" {
		return k
	}
	if anywhere {
		// Across clauses only a verb, never a victim noun of another count.
		return st.nearest(a, b, nil)
	}
	return ""
}

func (st *sent) nearest(a, b int, clause []int32) string {
	best, bestD := "", 1<<30
	for i := range st.marks {
		m := &st.marks[i]
		c := m.c
		if c.rules&(rPredicate|rVictim) == 0 || (m.start >= a && m.start < b) {
			continue
		}
		if clause == nil && c.rules&rPredicate == 0 {
			continue
		}
		// A victim noun right after another count is that count's, not ours.
		if c.rules&rPredicate == 0 && m.start > 0 && st.used[m.start-1] {
			continue
		}
		var d int
		if m.start >= b {
			d = m.start - b
			if clause != nil && clause[m.start] != clause[b-1] {
				continue
			}
		} else {
			d = a - m.end + 1 // a tie goes to the cue after
			if clause != nil && clause[m.start] != clause[a] {
				continue
			}
		}
		if d < bestD {
			best, bestD = c.predKind, d
			if best == "" {
				best = c.victimKind
			}
		}
	}
	return best
}

func (st *sent) context() string {
	for i := range st.marks {
		if k := st.marks[i].c.ctxKind; k != "" {
			return k
		}
	}
	return ""
}

// count turns quantity k into a figure when it counts people.
func (st *sent) count(k int) (Figure, bool) {
	q := st.qs[k]
	a := st.qtok[k]
	if q.Kind != number.Count || a < 0 || q.Min < 0 {
		return Figure{}, false
	}
	// "heriblandt fire civile": part of a count already given.
	if a > 0 {
		for j := a - 1; j >= 0 && j >= a-3; j-- {
			if m := st.markAt(j); m != nil && m.c.rules&rSubset != 0 && m.end == a {
				return Figure{}, false
			}
		}
	}
	// "handed over eight": a qualifier word that is part of a pack phrase
	// before it qualifies nothing.
	if a > 0 && (q.Qualifier == number.MoreThan || q.Qualifier == number.AtLeast || q.Qualifier == number.Approx) && a+1 < len(st.toks) {
		for j := a - 1; j >= 0 && j >= a-3; j-- {
			if m := st.markAt(j); m != nil && m.end > a && m.c.rules&rPredicate != 0 {
				if q.Qualifier == number.MoreThan {
					q.Min--
				}
				q.Max, q.HasMax, q.Qualifier = q.Min, true, number.Exact
				q.Start = st.toks[m.end].Start
				break
			}
		}
	}
	hd := st.headOf(q.Head, q.End, 0)
	if !hd.ok {
		return Figure{}, false
	}
	bare := hd.who == "" && hd.kind == ""
	// "Highway 33", "Gate 5": a bare number after a name is part of it.
	if bare && a > 1 && st.capitalWord(a-1) {
		return Figure{}, false
	}
	kind := hd.kind
	if kind == "" && hd.predAt >= 0 {
		kind = st.marks[st.at[hd.predAt]-1].c.predKind
	}
	if kind == "" {
		kind = st.kindNear(a, hd.endTok, false)
	}
	if kind == "" {
		kind = hd.weakKind
	}
	if kind == "" && (!bare || st.anaphor(a)) {
		// A bare count needs its predicate in its clause; a counted noun
		// may take one from across an apposition ("To mænd, …, blev dræbt").
		kind = st.kindNear(a, hd.endTok, true)
	}
	if kind == "" {
		kind = st.context()
	}
	if kind == "" {
		return Figure{}, false
	}
	return Figure{Kind: kind, Min: q.Min, Max: q.Max, HasMax: q.HasMax, Qualifier: q.Qualifier,
		Who: hd.who, WhoKind: hd.whoKind, Start: q.Start, End: hd.end}, true
}

// singles finds "en mand blev anholdt": one person, when a predicate in the
// same clause says what happened to them.
func (st *sent) singles(out []Figure) []Figure {
	for i := range st.marks {
		m := &st.marks[i]
		if m.c.rules&rArticle == 0 || st.used[m.start] {
			continue
		}
		// Pass over ages and adjectives: "en 23-årig mand", "a local journalist".
		for j, k := m.end, 0; j < len(st.toks) && k < 3; j, k = j+1, k+1 {
			n := st.markAt(j)
			if n != nil && n.c.rules&rSingle != 0 {
				kind := st.nearest(m.start, n.end, st.soft)
				if kind == "" || kind == "participants" || kind == "displaced" {
					break
				}
				out = append(out, Figure{Kind: kind, Min: 1, Max: 1, HasMax: true, Qualifier: number.Exact,
					Who: st.src[st.toks[n.start].Start:st.toks[n.end-1].End], WhoKind: n.c.singleWho,
					Start: st.toks[m.start].Start, End: st.toks[n.end-1].End})
				break
			}
			if st.toks[j].Kind == text.Punct || (n != nil && n.c.rules&(rLink|rPredicate) != 0) {
				break
			}
		}
	}
	return out
}

// zeros finds "ingen kom til skade", "no one was hurt", "no arrests".
func (st *sent) zeros(out []Figure) []Figure {
	for i := range st.marks {
		m := &st.marks[i]
		if m.c.rules&(rZero|rZeroDet) == 0 {
			continue
		}
		hd := st.headOf(m.end, st.toks[m.end-1].End, 1)
		if m.c.rules&rZero == 0 && hd.who == "" {
			continue // "no" needs its noun: "no arrests", "no civilians"
		}
		if !hd.ok {
			continue
		}
		kind := hd.kind
		if kind == "" && hd.predAt >= 0 {
			kind = st.marks[st.at[hd.predAt]-1].c.predKind
		}
		if kind == "" {
			// Only a predicate after the zero and in its clause: "ingen
			// blev anholdt", never one it merely shares a sentence with.
			kind = st.after(hd.endTok, 6)
		}
		if kind == "" {
			continue
		}
		out = append(out, Figure{Kind: kind, Qualifier: number.Exact, HasMax: true, Who: hd.who,
			WhoKind: hd.whoKind, Start: st.toks[m.start].Start, End: hd.end, Negated: true})
	}
	return out
}

// after returns the kind of the first predicate within n tokens after token
// b in the same clause.
func (st *sent) after(b, n int) string {
	for j := b; j < len(st.toks) && j < b+n; j++ {
		if b > 0 && st.soft[j] != st.soft[b-1] {
			return ""
		}
		if c := st.cueAt(j); c != nil && c.rules&rPredicate != 0 {
			return c.predKind
		}
	}
	return ""
}

func (st *sent) capitalWord(i int) bool {
	t := &st.toks[i]
	if t.Kind != text.Word || t.Text == t.Lower {
		return false
	}
	return true
}

// anaphor reports whether the clause of token a refers back to a count
// already given ("police put the number at 15,000").
func (st *sent) anaphor(a int) bool {
	for i := range st.marks {
		m := &st.marks[i]
		if m.c.rules&rAnaphor != 0 && st.hard[m.start] == st.hard[a] {
			return true
		}
	}
	return false
}
