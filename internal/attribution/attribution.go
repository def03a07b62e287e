// Package attribution owns finding who an article says a report comes from:
// the source of a sentence's claim ("Officielle kilder melder", "melder
// nyhedsbureauet AP", "according to the health ministry") and its kind
// (official, police, military, government, media, agency, eyewitness,
// organiser, ngo, medical).
//
// A claim is tied to its source by a cue: a speech verb of speech.tsv or a cue
// of attribution.tsv ("anslår", "put … at"). The source is the nearest source
// word, role word, organisation or named entity in the cue's clause (after
// the cue for "ifølge"/"according to"), or, when that clause has none, before
// it in the sentence. A sentence inside a quotation takes the quote's speaker.
// Entity role and organisation kinds map to attribution kinds through the
// pack (police_spokesperson → police, news agencies → media, UN bodies →
// agency, NGOs → ngo). Every word is pack data.
package attribution

import (
	"fmt"
	"io/fs"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/entity"
	"github.com/urodata/uro/internal/quote"
	"github.com/urodata/uro/internal/text"
)

// Attribution is who a claim is attributed to.
type Attribution struct {
	Text       string // the attributing words: "Officielle kilder melder"
	Start, End int    // byte offsets of Text
	Source     string // "officielle kilder", "AP", "Saltanat Azirbek"
	Kind       string // one of Kinds, or Unattributed for a source of unknown kind
}

// Finder finds attributions with one language pack. It is safe for
// concurrent use.
type Finder struct {
	lang string
	p    *pack
	lex  *entity.Lexicon
}

// New loads lang's attribution.tsv and entity tables (speech verbs, roles,
// organisations) from fsys, normally langpacks.FS.
func New(fsys fs.FS, lang string) (*Finder, error) {
	p, err := loadPack(fsys, lang)
	if err != nil {
		return nil, fmt.Errorf("attribution: load %s pack: %w", lang, err)
	}
	lex, err := entity.LoadLexicon(fsys, lang)
	if err != nil {
		return nil, fmt.Errorf("attribution: load %s pack: %w", lang, err)
	}
	return &Finder{lang: lang, p: p, lex: lex}, nil
}

// Find returns the attribution of sentence si, or nil when it names no source.
func (f *Finder) Find(doc *text.Doc, si int, ents []entity.Entity, quotes []quote.Quote) *Attribution {
	if si < 0 || si >= len(doc.Sentences) {
		return nil
	}
	s := &doc.Sentences[si]
	return f.FindAt(doc, si, s.Start, s.Start, ents, quotes)
}

// FindAt returns the attribution of the claim at bytes [start, end) of
// sentence si (a figure, say): the source of its own clause when a sentence
// holds several ("organisers said 35,000 took part; police put it at
// 15,000"), else of the sentence, else the speaker of a quote around it.
func (f *Finder) FindAt(doc *text.Doc, si, start, end int, ents []entity.Entity, quotes []quote.Quote) *Attribution {
	if si < 0 || si >= len(doc.Sentences) {
		return nil
	}
	s := &doc.Sentences[si]
	if s.Caption || len(s.Tokens) == 0 {
		return nil
	}
	st := scratch.Get().(*sent)
	defer scratch.Put(st)
	st.read(f, doc, s, ents)
	if a := st.find(doc, s, start, end, ents, quotes); a != nil {
		return a
	}
	return f.backward(doc, si, ents, quotes)
}

// backward is the attribution a sentence gets from the one after it in its
// paragraph when that one only names the source of this one: "Mindst 12 er
// dræbt. Det oplyser politiet." The next sentence must open with a backward
// word of the pack directly followed by a cue.
func (f *Finder) backward(doc *text.Doc, si int, ents []entity.Entity, quotes []quote.Quote) *Attribution {
	next := si + 1
	if next >= len(doc.Sentences) || doc.Sentences[next].Block != doc.Sentences[si].Block {
		return nil
	}
	n := &doc.Sentences[next]
	if n.Caption || len(n.Tokens) < 3 || !f.p.backward[n.Tokens[0].Lower] {
		return nil
	}
	st := scratch.Get().(*sent)
	defer scratch.Put(st)
	st.read(f, doc, n, ents)
	for _, c := range st.cues {
		if c.start == 1 {
			return st.source(c)
		}
	}
	return nil
}

// Reader finds the attributions of one document's claims, reading each
// sentence once however many claims of it are asked about in a row: an
// article's events and figures come sentence by sentence, several to a
// sentence. A Reader is not safe for concurrent use; Close gives its
// buffers back.
type Reader struct {
	f      *Finder
	doc    *text.Doc
	ents   []entity.Entity
	quotes []quote.Quote
	st     *sent
	si     int // the sentence st has read, or -1
}

// Reader returns a Reader of doc with its entities and quotes.
func (f *Finder) Reader(doc *text.Doc, ents []entity.Entity, quotes []quote.Quote) *Reader {
	return &Reader{f: f, doc: doc, ents: ents, quotes: quotes, si: -1}
}

// Find is Finder.Find of the Reader's document.
func (r *Reader) Find(si int) *Attribution {
	if si < 0 || si >= len(r.doc.Sentences) {
		return nil
	}
	s := &r.doc.Sentences[si]
	return r.FindAt(si, s.Start, s.Start)
}

// FindAt is Finder.FindAt of the Reader's document.
func (r *Reader) FindAt(si, start, end int) *Attribution {
	if si < 0 || si >= len(r.doc.Sentences) {
		return nil
	}
	s := &r.doc.Sentences[si]
	if s.Caption || len(s.Tokens) == 0 {
		return nil
	}
	if r.st == nil {
		r.st = scratch.Get().(*sent)
		r.si = -1
	}
	if r.si != si {
		r.st.read(r.f, r.doc, s, r.ents)
		r.si = si
	}
	if a := r.st.find(r.doc, s, start, end, r.ents, r.quotes); a != nil {
		return a
	}
	return r.f.backward(r.doc, si, r.ents, r.quotes)
}

// Close gives the Reader's buffers back; it may be used again after.
func (r *Reader) Close() {
	if r.st != nil {
		scratch.Put(r.st)
		r.st, r.si = nil, -1
	}
}

// read scans sentence s into st, reusing st's buffers.
func (st *sent) read(f *Finder, doc *text.Doc, s *text.Sentence, ents []entity.Entity) {
	// Field by field: a composite literal would be built aside and copied.
	st.f, st.src, st.toks = f, doc.Text, s.Tokens
	st.cues, st.cands = st.cues[:0], st.cands[:0]
	st.scan(ents)
}

// find is FindAt on the sentence st has read; it leaves st as it was.
func (st *sent) find(doc *text.Doc, s *text.Sentence, start, end int, ents []entity.Entity, quotes []quote.Quote) *Attribution {
	if len(st.cues) > 0 {
		at := st.tokenAt(start)
		// The cue of the claim the span is in, nearest to the span.
		var best *Attribution
		bestD, own := 1<<30, false
		for _, c := range st.cues {
			if st.claim[c.start] != st.claim[at] {
				continue
			}
			own = true
			if a := st.source(c); a != nil {
				d := c.start - at
				if d < 0 {
					d = -d
				}
				if d < bestD {
					best, bestD = a, d
				}
			}
		}
		if best != nil {
			return best
		}
		// A claim with a cue of its own but no source we know is not the
		// other claims' ("police said 41, but the principal said 64").
		for _, c := range st.cues {
			if own {
				break
			}
			if a := st.source(c); a != nil {
				return a
			}
		}
	}
	return speaker(doc, s, start, end, ents, quotes, st.f.p)
}

// speaker is the attribution of a quote that covers [start, end) or, for an
// empty span, any part of sentence s.
func speaker(doc *text.Doc, s *text.Sentence, start, end int, ents []entity.Entity, quotes []quote.Quote, p *pack) *Attribution {
	lo, hi := start, end
	if lo == hi {
		lo, hi = s.Start, s.End
	}
	for _, q := range quotes {
		if q.End <= lo || q.Start >= hi {
			continue
		}
		a := &Attribution{Source: q.Speaker, Kind: Unattributed}
		if q.Entity >= 0 && q.Entity < len(ents) {
			e := &ents[q.Entity]
			if a.Source == "" {
				a.Source = e.Name
			}
			if t, ok := entityKind(e, p); ok {
				a.Kind = t.kind
			}
		}
		if a.Source == "" {
			continue
		}
		if q.Intro.End > q.Intro.Start && q.Intro.End <= len(doc.Text) {
			a.Start, a.End = q.Intro.Start, q.Intro.End
			a.Text = doc.Text[a.Start:a.End]
		}
		return a
	}
	return nil
}

func entityKind(e *entity.Entity, p *pack) (target, bool) {
	if e.RoleKind != "" {
		if t, ok := p.roles[e.RoleKind]; ok {
			return t, true
		}
	}
	if e.OrgKind != "" {
		if t, ok := p.orgs[e.OrgKind]; ok {
			return t, true
		}
	}
	return target{}, false
}

// span is a cue or a candidate source at tokens [start, end).
type span struct {
	start, end int
	according  bool   // cues: the source follows
	t          target // candidates
	known      bool   // candidates: t says what kind
	name       string // candidates: the entity name, or "" for a pack word
}

type sent struct {
	f     *Finder
	src   string
	toks  []text.Token
	cues  []span
	cands []span
	claim []int32 // by token: claims start at ";" and break words
	comma []int32 // by token: clauses start at punctuation and breaks
	stop  []bool
	// attrs holds the Attributions source hands out, many to an array
	// rather than one allocation each. It only appends: one handed out is
	// never written again, whatever sentence the pooled sent reads next.
	attrs []Attribution
}

// newAttribution returns a new unattributed Attribution from attrs.
func (st *sent) newAttribution() *Attribution {
	if len(st.attrs) == cap(st.attrs) {
		st.attrs = make([]Attribution, 0, 32)
	}
	st.attrs = append(st.attrs, Attribution{Kind: Unattributed})
	return &st.attrs[len(st.attrs)-1]
}

func (st *sent) tokenAt(off int) int {
	for i := range st.toks {
		if st.toks[i].End > off {
			return i
		}
	}
	return len(st.toks) - 1
}

// scan finds the cues and candidate sources of the sentence. The pack's own
// phrases (speech verbs included) come first; roles, organisations and
// entities are looked up only when the sentence has a cue.
func (st *sent) scan(ents []entity.Entity) {
	toks := st.toks
	n := len(toks)
	st.claim = grow(st.claim, n)
	st.comma = grow(st.comma, n)
	if cap(st.stop) < n {
		st.stop = make([]bool, n)
	} else {
		st.stop = st.stop[:n]
		clear(st.stop)
	}
	// Locals, so that the loop keeps them in registers rather than
	// reading st again after every store.
	claims, commas, stop := st.claim[:n], st.comma[:n], st.stop[:n]
	var claim, comma int32
	p := st.f.p
	for i := 0; i < n; {
		t := &toks[i]
		if t.Kind == text.Punct {
			switch t.Text {
			case ";":
				claim++
				comma++
			case ",", ":", "(", ")", "–", "—", "-":
				comma++
			}
			claims[i], commas[i] = claim, comma
			i++
			continue
		}
		claims[i], commas[i] = claim, comma
		if t.Kind != text.Word || !p.set.May(t) {
			i++
			continue
		}
		best, ok := p.set.Longest(toks, i)
		if !ok {
			i++
			continue
		}
		c := &p.cues[best.Value]
		switch {
		case c.rules&rBreak != 0:
			claim++
			comma++
			claims[i], commas[i] = claim, comma
		case c.rules&rStop != 0:
			stop[i] = true
		case c.rules&(rCue|rAccording) != 0:
			st.cues = append(st.cues, span{start: i, end: best.End, according: c.rules&rAccording != 0})
		case c.rules&rSource != 0:
			st.cands = append(st.cands, span{start: i, end: best.End, t: c.src, known: true})
		}
		for j := i + 1; j < best.End; j++ {
			claims[j], commas[j] = claim, comma
		}
		i = best.End
	}
	if len(st.cues) == 0 {
		return
	}
	// A source ends by the end of its cue's clause (see source): the words
	// after the last such end start no source, and left to right, the
	// look-ups before them do not depend on them.
	hi := 0
	for _, c := range st.cues {
		hi = max(hi, st.limit(c.end, true))
	}
	lex := st.f.lex
	for i := 0; i < hi; i++ {
		t := &toks[i]
		if t.Kind != text.Word || !lex.May(t, 0) {
			continue
		}
		end, ph := lex.Longest(st.src, toks, i, 0)
		if ph == nil {
			continue
		}
		var tg target
		ok := false
		switch ph.Source {
		case entity.SrcRole:
			tg, ok = p.roles[ph.Kind]
		case entity.SrcOrg, entity.SrcOrgWord:
			tg, ok = p.orgs[ph.Kind]
		}
		if ok {
			st.cands = append(st.cands, span{start: i, end: end, t: tg, known: true})
		}
		i = end - 1
	}
	lo, hi := st.toks[0].Start, st.toks[n-1].End
	for ei := range ents {
		e := &ents[ei]
		if e.Kind == entity.Place {
			continue
		}
		var t target
		known, kinded := false, false
		for _, m := range e.Mentions {
			if m.End <= lo || m.Start >= hi {
				continue
			}
			if !kinded {
				// Most entities have no mention here: their kind's map
				// look-ups wait for one that does.
				t, known = entityKind(e, p)
				kinded = true
			}
			a, b := st.tokenAt(m.Start), st.tokenAt(m.End-1)+1
			st.cands = append(st.cands, span{start: a, end: b, t: t, known: known, name: e.Name})
		}
	}
}

// source finds the source of cue c, or nil.
func (st *sent) source(c span) *Attribution {
	var best *span
	if c.according {
		best = st.pick(c, c.end, st.limit(c.end, true), false)
	} else {
		best = st.pick(c, st.clauseStart(c.start), st.limit(c.end, true), true)
		if best == nil {
			best = st.pick(c, st.claimStart(c.start), c.start, true)
		}
	}
	if best == nil {
		return nil
	}
	a := st.newAttribution()
	if best.known {
		a.Kind = best.t.kind
	}
	from := best.start
	// "Østjyllands Politi": a name in front of a capitalised source word
	// belongs to it.
	for from > 0 && st.capital(from) && st.capital(from-1) && st.comma[from-1] == st.comma[from] && (from-1 >= c.end || from-1 < c.start) {
		from--
	}
	a.Source = st.src[st.toks[from].Start:st.toks[best.end-1].End]
	if best.name != "" {
		a.Source = best.name
	} else if e := st.namedNear(best); e != nil {
		// "nyhedsbureauet AP": the name says which source it is.
		a.Source = e.name
		if e.known && (!best.known || best.t.weak) && !e.t.weak {
			a.Kind = e.t.kind
		}
	}
	lo, hi := min(c.start, from), max(c.end, best.end)
	a.Start, a.End = st.toks[lo].Start, st.toks[hi-1].End
	a.Text = st.src[a.Start:a.End]
	return a
}

func (st *sent) clauseStart(i int) int {
	for i > 0 && st.comma[i-1] == st.comma[i] {
		i--
	}
	return i
}

func (st *sent) claimStart(i int) int {
	for i > 0 && st.claim[i-1] == st.claim[i] {
		i--
	}
	return i
}

// limit is where the source after a cue ending at token b must end: at the
// clause's end or a stop word.
func (st *sent) limit(b int, stops bool) int {
	if b >= len(st.toks) {
		return len(st.toks)
	}
	cl := st.comma[b-1]
	if st.toks[b].Kind == text.Punct {
		return b
	}
	for j := b; j < len(st.toks); j++ {
		if st.comma[j] != cl || (stops && st.stop[j]) || (st.toks[j].Kind == text.Punct && st.toks[j].Text != "'") {
			return j
		}
	}
	return len(st.toks)
}

// pick returns the candidate within tokens [lo, hi) nearest to cue c: a
// strong one before a weak one before one of unknown kind.
func (st *sent) pick(c span, lo, hi int, both bool) *span {
	var best *span
	bestRank, bestD := 3, 1<<30
	for k := range st.cands {
		d := &st.cands[k]
		if d.start < lo || d.end > hi || (d.start < c.end && d.end > c.start) {
			continue
		}
		if !both && d.start < c.end {
			continue
		}
		rank := 0
		switch {
		case !d.known:
			rank = 2
		case d.t.weak:
			rank = 1
		}
		dist := d.start - c.end
		if d.end <= c.start {
			dist = c.start - d.end
		}
		if rank < bestRank || (rank == bestRank && dist < bestD) {
			best, bestRank, bestD = d, rank, dist
		}
	}
	return best
}

// namedNear returns a named entity that stands within two tokens of
// candidate d in the same clause, or nil.
func (st *sent) namedNear(d *span) *span {
	for k := range st.cands {
		e := &st.cands[k]
		if e.name == "" || st.comma[e.start] != st.comma[d.start] {
			continue
		}
		if e.start >= d.end && e.start-d.end <= 2 || e.end <= d.start && d.start-e.end <= 2 {
			return e
		}
	}
	return nil
}

func (st *sent) capital(i int) bool {
	t := &st.toks[i]
	if t.Kind != text.Word {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}

func grow(v []int32, n int) []int32 {
	if cap(v) < n {
		return make([]int32, n)
	}
	return v[:n]
}

// scratch keeps per-call buffers between calls: Find runs once per sentence.
var scratch = sync.Pool{New: func() any { return new(sent) }}
