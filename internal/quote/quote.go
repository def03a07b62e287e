// Package quote owns finding quoted speech and who said it: Danish dash
// quotes ("- Boligen blev brændt …") introduced by a sentence ending in a
// colon or closed by a speech clause (", har polititalsmand X sagt"), and text
// between quotation marks with a speech clause before or after it.
//
// Speech verbs, pronouns and quotation marks are pack data; speakers are the
// entities internal/entity found. Captions are never read.
package quote

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/entity"
	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/internal/text"
)

// Quote is one stretch of quoted speech.
type Quote struct {
	Speaker    string
	Entity     int    // index into the entities given to Find, or -1
	Text       string // the quoted words, without dash or quotation marks
	Start, End int    // byte offsets of Text
	Intro      text.Span
}

// Finder finds quotes using one language pack.
type Finder struct {
	lex     *entity.Lexicon
	marks   []mark
	openers string // every opening mark
	// first[b] is set when some opening mark starts with byte b: a byte scan
	// finds candidates without decoding every rune of the text.
	first [256]bool
	// firsts lists the bytes of first: a few, each found by a vectorised
	// strings.IndexByte rather than a loop over every byte.
	firsts []byte
}

type mark struct {
	open, close rune
}

// New loads lang's speech verbs, pronouns and quotation marks from fsys.
func New(fsys fs.FS, lang string) (*Finder, error) {
	lex, err := entity.LoadLexicon(fsys, lang)
	if err != nil {
		return nil, fmt.Errorf("quote: %w", err)
	}
	f := &Finder{lex: lex}
	name := path.Join(lang, "quotemarks.tsv")
	rows, err := table.Read(fsys, name, table.Schema{Columns: []string{"open", "close"}, Required: 2})
	if err != nil {
		return nil, fmt.Errorf("quote: load %s pack: %w", lang, err)
	}
	for _, r := range rows {
		o, c := r.Get("open"), r.Get("close")
		for _, m := range []string{o, c} {
			ru, n := utf8.DecodeRuneInString(m)
			if n != len(m) || unicode.IsLetter(ru) || unicode.IsDigit(ru) || unicode.IsSpace(ru) {
				return nil, fmt.Errorf("quote: load %s pack: %w", lang, r.Errorf("%q is not a single quotation mark", m))
			}
		}
		f.marks = append(f.marks, mark{open: []rune(o)[0], close: []rune(c)[0]})
		if !strings.Contains(f.openers, o) {
			f.openers += o
			if !f.first[o[0]] {
				f.firsts = append(f.firsts, o[0])
			}
			f.first[o[0]] = true
		}
	}
	return f, nil
}

// ref is an entity mention, flattened for look-up by offset.
type ref struct {
	start, end int
	ent        int
	person     bool
	pronoun    bool
}

type finder struct {
	*Finder
	doc  *text.Doc
	ents []entity.Entity
	refs []ref // sorted by start
}

// refPool keeps Find's ref arrays (no pointers: nothing to clear).
var refPool = sync.Pool{New: func() any { return new([]ref) }}

// Find returns the quotes of doc, in text order. ents are the entities of the
// same doc; a quote's Entity indexes them.
func (f *Finder) Find(doc *text.Doc, ents []entity.Entity) []Quote {
	return f.FindInto(nil, doc, ents)
}

// FindInto is Find writing the quotes to dst[:0]: a caller done with one
// document's quotes hands their array to the next document's call. The
// result is nil when there is none, as Find's.
func (f *Finder) FindInto(dst []Quote, doc *text.Doc, ents []entity.Entity) []Quote {
	fd := &finder{Finder: f, doc: doc, ents: ents}
	n := 0
	for _, e := range ents {
		if e.Kind != entity.Place {
			n += len(e.Mentions)
		}
	}
	// One array, kept between calls: the refs die with the call.
	rp := refPool.Get().(*[]ref)
	defer func() { *rp = fd.refs[:0]; refPool.Put(rp) }()
	fd.refs = slices.Grow((*rp)[:0], n)
	for i, e := range ents {
		if e.Kind == entity.Place {
			continue
		}
		for _, m := range e.Mentions {
			fd.refs = append(fd.refs, ref{start: m.Start, end: m.End, ent: i, person: e.Kind == entity.Person, pronoun: m.Kind == entity.Pronoun})
		}
	}
	// slices.SortFunc runs the same pattern-defeating quicksort as
	// sort.Slice, so equal starts end up in the same order, without the
	// reflection sort.Slice allocates for.
	slices.SortFunc(fd.refs, func(x, y ref) int { return cmp.Compare(x.start, y.start) })
	out := dst[:0]
	var last *Quote // the previous dash quote, for quotes that run over several blocks
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		sents := fd.prose(b)
		if len(sents) == 0 {
			last = nil
			continue
		}
		if b.Kind == text.QuoteBlock {
			q, ok := fd.dashQuote(bi, sents, last)
			if ok {
				out = append(out, q)
				last = &out[len(out)-1]
			}
			continue
		}
		last = nil
		out = fd.marked(bi, sents, out)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// prose returns the block's sentences that are not captions.
func (fd *finder) prose(b *text.Block) []int {
	caption := false
	for _, si := range b.Sentences {
		caption = caption || fd.doc.Sentences[si].Caption
	}
	if !caption {
		return b.Sentences // the common case, without a copy
	}
	var out []int
	for _, si := range b.Sentences {
		if !fd.doc.Sentences[si].Caption {
			out = append(out, si)
		}
	}
	return out
}

// dashQuote reads a block that opens with a dash.
func (fd *finder) dashQuote(bi int, sents []int, prev *Quote) (Quote, bool) {
	doc := fd.doc
	s0 := &doc.Sentences[sents[0]]
	if len(s0.Tokens) == 0 {
		return Quote{}, false
	}
	start := s0.Tokens[0].End // after the dash
	for start < len(doc.Text) && doc.Text[start] == ' ' {
		start++
	}
	lastS := &doc.Sentences[sents[len(sents)-1]]
	end := lastS.End
	q := Quote{Entity: -1}
	found, spk := false, ""
	// A closing clause inside the block: ", har polititalsmand X sagt."
	if c, ok := fd.closingClause(lastS, 0); ok {
		end = c.cut
		q.Entity, q.Intro, spk, found = c.ent, c.span, c.speaker, true
	} else if len(sents) > 1 && fd.leadingSpeech(lastS) {
		// A last sentence of its own: "Det siger X."
		if c, ok := fd.clause(lastS, 0, len(lastS.Tokens), -1); ok {
			end = doc.Sentences[sents[len(sents)-2]].End
			q.Entity, q.Intro, spk, found = c.ent, c.span, c.speaker, true
		}
	}
	if !found {
		if c, ok := fd.introBefore(bi); ok {
			q.Entity, q.Intro, spk, found = c.ent, c.span, c.speaker, true
		} else if prev != nil {
			q.Entity, q.Intro, spk, found = prev.Entity, prev.Intro, prev.Speaker, true
		} else if c, ok := fd.closingBlock(bi); ok {
			q.Entity, q.Intro, spk, found = c.ent, c.span, c.speaker, true
		}
	}
	end = trimEnd(doc.Text, start, end)
	if end <= start {
		return Quote{}, false
	}
	q.Start, q.End, q.Text = start, end, doc.Text[start:end]
	if q.Entity >= 0 {
		q.Speaker = fd.ents[q.Entity].Name
	} else {
		q.Speaker = spk
	}
	return q, true
}

// trimEnd drops spaces and a dangling comma from the end of a quote.
func trimEnd(t string, start, end int) int {
	for end > start && (t[end-1] == ' ' || t[end-1] == ',') {
		end--
	}
	return end
}

type attribution struct {
	ent     int
	speaker string // as written, when no entity is the speaker
	span    text.Span
	cut     int // where the quoted words end, for closing clauses
}

func (a attribution) name(ents []entity.Entity) string {
	if a.ent >= 0 {
		return ents[a.ent].Name
	}
	return a.speaker
}

// closingClause looks in s, from token from on, for the last comma after
// which a speech verb and a speaker follow up to the end of the sentence.
func (fd *finder) closingClause(s *text.Sentence, from int) (attribution, bool) {
	toks := s.Tokens
	for c := len(toks) - 2; c >= from; c-- {
		if toks[c].Text != "," {
			continue
		}
		if a, ok := fd.clause(s, c+1, len(toks), -1); ok {
			a.cut = toks[c].Start
			return a, true
		}
	}
	return attribution{}, false
}

// leadingSpeech reports whether a speech verb stands among the first three
// words of s ("Det siger hun", "Sådan lyder det fra …" is not covered).
func (fd *finder) leadingSpeech(s *text.Sentence) bool {
	for i := 0; i < len(s.Tokens) && i < 3; i++ {
		if !fd.lex.May(&s.Tokens[i], entity.SrcSpeech) {
			continue // no call for most words
		}
		if _, p := fd.lex.Longest(fd.doc.Text, s.Tokens, i, entity.SrcSpeech); p != nil {
			return true
		}
	}
	return false
}

// clause finds a speech verb and a speaker among tokens [a, b) of s. near is
// the offset the speaker should be nearest to (-1: the speech verb).
func (fd *finder) clause(s *text.Sentence, a, b, near int) (attribution, bool) {
	toks := s.Tokens
	verb := -1
	for i := a; i < b; i++ {
		if !fd.lex.May(&toks[i], entity.SrcSpeech) {
			continue // no call for most words
		}
		if _, p := fd.lex.Longest(fd.doc.Text, toks, i, entity.SrcSpeech); p != nil {
			verb = i
			break
		}
	}
	if verb < 0 || a >= b {
		return attribution{}, false
	}
	first := a
	for first < verb && toks[first].Kind == text.Punct {
		first++
	}
	lo, hi := toks[first].Start, toks[b-1].End
	if near < 0 {
		near = toks[verb].Start
	}
	ent := fd.speakerIn(lo, hi, near)
	if ent < 0 {
		// An unlinked pronoun ("she said") means the last person before it.
		for i := a; i < b; i++ {
			if p := fd.lex.Pronoun(toks[i].Lower); p != nil && p.Number == "sg" && (p.Gender == "f" || p.Gender == "m") {
				ent = fd.lastPersonBefore(toks[i].Start)
				break
			}
		}
	}
	speaker := ""
	if ent < 0 {
		// No named speaker: a role word stands for one ("siger
		// forsvarsministeren"); the quote keeps it as written.
		for i := a; i < b; i++ {
			if !fd.lex.May(&toks[i], entity.SrcRole) {
				continue // no call for most words
			}
			if j, p := fd.lex.Longest(fd.doc.Text, toks, i, entity.SrcRole); p != nil {
				speaker = fd.doc.Text[toks[i].Start:toks[j-1].End]
				break
			}
		}
	}
	if ent < 0 && speaker == "" {
		return attribution{}, false
	}
	end := b
	for end > a+1 && toks[end-1].Kind == text.Punct && toks[end-1].Text != ":" {
		end--
	}
	return attribution{ent: ent, speaker: speaker, span: text.Span{Start: lo, End: toks[end-1].End}}, true
}

// speakerIn returns the entity mentioned in [lo, hi) nearest to near,
// preferring people to organisations.
func (fd *finder) speakerIn(lo, hi, near int) int {
	best, bestD, bestPerson := -1, 0, false
	i := sort.Search(len(fd.refs), func(i int) bool { return fd.refs[i].start >= lo })
	for ; i < len(fd.refs) && fd.refs[i].start < hi; i++ {
		r := fd.refs[i]
		d := r.start - near
		if d < 0 {
			d = near - r.end
		}
		if d < 0 {
			d = 0
		}
		if best < 0 || (r.person && !bestPerson) || (r.person == bestPerson && d < bestD) {
			best, bestD, bestPerson = r.ent, d, r.person
		}
	}
	return best
}

func (fd *finder) lastPersonBefore(off int) int {
	i := sort.Search(len(fd.refs), func(i int) bool { return fd.refs[i].start >= off })
	for i--; i >= 0; i-- {
		if fd.refs[i].person {
			return fd.refs[i].ent
		}
	}
	return -1
}

// introBefore reads the block before bi: its last sentence, when it ends in a
// colon, names the speaker in its speech clause.
func (fd *finder) introBefore(bi int) (attribution, bool) {
	for p := bi - 1; p >= 0; p-- {
		sents := fd.prose(&fd.doc.Blocks[p])
		if len(sents) == 0 {
			continue
		}
		s := &fd.doc.Sentences[sents[len(sents)-1]]
		n := len(s.Tokens)
		if n < 2 || s.Tokens[n-1].Text != ":" {
			return attribution{}, false
		}
		if at, ok := fd.speechClause(s, 0, n-1); ok {
			return at, true
		}
		// A colon before a dash quote introduces speech even without a
		// speech verb: the person named last before it speaks.
		lo := s.Start
		for k := n - 2; k > 0; k-- {
			if s.Tokens[k].Text == "," {
				lo = s.Tokens[k+1].Start
				break
			}
		}
		i := sort.Search(len(fd.refs), func(i int) bool { return fd.refs[i].start >= s.End })
		for i--; i >= 0 && fd.refs[i].start >= lo; i-- {
			if fd.refs[i].person && !fd.refs[i].pronoun {
				return attribution{ent: fd.refs[i].ent, span: text.Span{Start: lo, End: s.End}}, true
			}
		}
		return attribution{}, false
	}
	return attribution{}, false
}

// speechClause finds the clause around a speech verb among tokens [a, b) of
// s, from the comma before the verb to b.
func (fd *finder) speechClause(s *text.Sentence, a, b int) (attribution, bool) {
	toks := s.Tokens
	verb := -1
	for i := a; i < b; i++ {
		if !fd.lex.May(&toks[i], entity.SrcSpeech) {
			continue // no call for most words
		}
		if _, p := fd.lex.Longest(fd.doc.Text, toks, i, entity.SrcSpeech); p != nil {
			verb = i
		}
	}
	if verb < 0 {
		return attribution{}, false
	}
	c := a
	for k := verb - 1; k > a; k-- {
		if toks[k].Text == "," {
			c = k + 1
			break
		}
	}
	at, ok := fd.clause(s, c, b, -1)
	if !ok && c > a {
		// "X, a witness, said:" keeps its speaker before the comma.
		at, ok = fd.clause(s, a, b, -1)
	}
	if ok && b < len(toks) {
		at.span.End = toks[b].End
	}
	return at, ok
}

// closingBlock reads the block after bi: "Det siger X til avisen."
func (fd *finder) closingBlock(bi int) (attribution, bool) {
	if bi+1 >= len(fd.doc.Blocks) || fd.doc.Blocks[bi+1].Kind == text.QuoteBlock {
		return attribution{}, false
	}
	sents := fd.prose(&fd.doc.Blocks[bi+1])
	if len(sents) == 0 {
		return attribution{}, false
	}
	s := &fd.doc.Sentences[sents[0]]
	if !fd.leadingSpeech(s) {
		return attribution{}, false
	}
	return fd.clause(s, 0, len(s.Tokens), -1)
}

// marked finds quotation-mark quotes in block bi and appends those with a
// speaker to out.
func (fd *finder) marked(bi int, sents []int, out []Quote) []Quote {
	doc := fd.doc
	t := doc.Text
	lo := doc.Sentences[sents[0]].Start
	hi := doc.Sentences[sents[len(sents)-1]].End
	// prev is the last quote's attribution, when hasPrev: a copy, not a
	// pointer, which would move every a to the heap.
	var prev attribution
	hasPrev := false
	// unclosed[m] is set once mark m found no closer: none will come later
	// either, so long unbalanced text stays linear.
	var unclosed map[mark]bool
	for i := lo; i < hi; {
		// Jump to the next character that may open a quotation.
		k := fd.nextOpener(t, i, hi)
		if k < 0 {
			break
		}
		i = k
		r, n := utf8.DecodeRuneInString(t[i:])
		m, ok := fd.opener(t, i, r, n, lo)
		if !ok || unclosed[m] {
			i += n
			continue
		}
		j := fd.closer(t, i+n, hi, m)
		if j < 0 {
			if unclosed == nil {
				unclosed = map[mark]bool{}
			}
			unclosed[m] = true
			i += n
			continue
		}
		qs, qe := i+n, j
		for qs < qe && t[qs] == ' ' {
			qs++
		}
		qe = trimEnd(t, qs, qe)
		_, cn := utf8.DecodeRuneInString(t[j:])
		next := j + cn
		if qe > qs {
			a, ok := fd.markedSpeaker(bi, sents, i, next)
			if !ok && hasPrev && fd.opensSentence(i) {
				// A quote of its own after an attributed one goes on with
				// the same speaker: `"…," X said. "More words."`
				a, ok = prev, true
			}
			if ok {
				out = append(out, Quote{Speaker: a.name(fd.ents), Entity: a.ent, Text: t[qs:qe], Start: qs, End: qe, Intro: a.span})
				prev, hasPrev = a, true
			}
		}
		i = next
	}
	return out
}

// opener reports whether the rune r at i opens a quotation: a known opening
// mark at the start or after a space or bracket, with a non-space after it.
func (fd *finder) opener(t string, i int, r rune, n, lo int) (mark, bool) {
	for _, m := range fd.marks {
		if m.open != r {
			continue
		}
		if i > lo {
			p, _ := utf8.DecodeLastRuneInString(t[:i])
			if !unicode.IsSpace(p) && p != '(' && p != '[' && p != '—' && p != '–' {
				continue
			}
		}
		if i+n >= len(t) || t[i+n] == ' ' {
			continue
		}
		return m, true
	}
	return mark{}, false
}

// closer finds the closing mark of m in t[from:hi]: a mark not followed by a
// letter (so "FN's" is no closer).
func (fd *finder) closer(t string, from, hi int, m mark) int {
	for j := from; j < hi; {
		r, n := utf8.DecodeRuneInString(t[j:])
		if r == m.close && j > from && t[j-1] != ' ' {
			if j+n >= len(t) {
				return j
			}
			nr, _ := utf8.DecodeRuneInString(t[j+n:])
			if !unicode.IsLetter(nr) && !unicode.IsDigit(nr) {
				return j
			}
		}
		j += n
	}
	return -1
}

// nextOpener returns the offset of the first opening mark in t[i:hi], or -1.
func (fd *finder) nextOpener(t string, i, hi int) int {
	if firsts := fd.firsts; len(firsts) <= 4 {
		// at[k] is where firsts[k] next occurs (hi for nowhere): only the
		// byte just passed over is looked for again.
		var at [4]int
		find := func(k, from int) {
			at[k] = hi
			if p := strings.IndexByte(t[from:hi], firsts[k]); p >= 0 {
				at[k] = from + p
			}
		}
		for k := range firsts {
			find(k, i)
		}
		for {
			k := 0
			for x := 1; x < len(firsts); x++ {
				if at[x] < at[k] {
					k = x
				}
			}
			if len(firsts) == 0 || at[k] >= hi {
				return -1
			}
			p := at[k]
			if r, _ := utf8.DecodeRuneInString(t[p:hi]); strings.ContainsRune(fd.openers, r) {
				return p
			}
			find(k, p+1)
		}
	}
	for ; i < hi; i++ {
		if !fd.first[t[i]] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t[i:hi])
		if strings.ContainsRune(fd.openers, r) {
			return i
		}
	}
	return -1
}

// markedSpeaker finds the speech clause after the closing mark (up to the end
// of its sentence) or before the opening mark (from the start of its
// sentence), or an introducing sentence in the block before when the quote
// opens the block.
func (fd *finder) markedSpeaker(bi int, sents []int, open, next int) (attribution, bool) {
	doc := fd.doc
	// After: `"…," X said.` / `»…«, siger han.`
	{
		if si := doc.SentenceAt(next - 1); si >= 0 && !doc.Sentences[si].Caption {
			s := &doc.Sentences[si]
			a := tokenAt(s.Tokens, next)
			if a < len(s.Tokens) {
				b := a
				for b < len(s.Tokens) && b-a < 12 && !isOpenMark(fd, s.Tokens[b].Text) {
					b++
				}
				// The verb must come early ("…," Smith said / said Smith / she
				// said), and the quote must end as speech does: with a mark of
				// its own or a comma after it; "militants "operating from
				// Afghan soil" and said" is no quote.
				if fd.speechWithin(s, a, min(b, a+5)) && (endsSpeech(doc.Text[open:next]) || s.Tokens[a].Text == ",") {
					if at, ok := fd.clause(s, a, b, next); ok {
						return at, true
					}
				}
			}
		}
	}
	// Before: `X said: "…"`.
	if si := doc.SentenceAt(open); si >= 0 {
		s := &doc.Sentences[si]
		b := tokenAt(s.Tokens, open)
		if b > 0 && (s.Tokens[b-1].Text == ":" || s.Tokens[b-1].Text == ",") {
			if at, ok := fd.speechClause(s, 0, b-1); ok {
				return at, true
			}
		}
		if b == 0 && s.Start == doc.Blocks[bi].Start {
			return fd.introBefore(bi)
		}
	}
	return attribution{}, false
}

// opensSentence reports whether the quotation mark at off starts its sentence.
func (fd *finder) opensSentence(off int) bool {
	si := fd.doc.SentenceAt(off)
	return si >= 0 && fd.doc.Sentences[si].Start == off
}

// endsSpeech reports whether the quoted text, closing mark included, ends in
// a comma, full stop, question or exclamation mark, or ellipsis.
func endsSpeech(q string) bool {
	_, n := utf8.DecodeLastRuneInString(q)
	q = strings.TrimRight(q[:len(q)-n], " ")
	r, _ := utf8.DecodeLastRuneInString(q)
	return r == ',' || r == '.' || r == '?' || r == '!' || r == '…'
}

func (fd *finder) speechWithin(s *text.Sentence, a, b int) bool {
	for i := a; i < b && i < len(s.Tokens); i++ {
		if !fd.lex.May(&s.Tokens[i], entity.SrcSpeech) {
			continue // no call for most words
		}
		if _, p := fd.lex.Longest(fd.doc.Text, s.Tokens, i, entity.SrcSpeech); p != nil {
			return true
		}
	}
	return false
}

func isOpenMark(fd *finder, s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if n != len(s) {
		return false
	}
	for _, m := range fd.marks {
		if m.open == r && m.open != m.close {
			return true
		}
	}
	return false
}

// tokenAt returns the index of the first token starting at or after off.
func tokenAt(toks []text.Token, off int) int {
	return sort.Search(len(toks), func(i int) bool { return toks[i].Start >= off })
}
