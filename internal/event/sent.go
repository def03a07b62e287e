package event

import (
	"sort"
	"strings"
	"sync"

	"github.com/urodata/uro/internal/entity"
	"github.com/urodata/uro/internal/geocode"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/internal/timex"
)

// article holds what several sentences share: the main place and the
// byte-to-token mapping of the layers.
type story struct {
	in    Input
	main  *geocode.Mention
	mainF bool
	// per sentence: the entity mentions (entity index, mention index) and
	// the place mentions (index into in.Places) inside it
	ments  [][][2]int
	places [][]int
	// buffers reused from sentence to sentence: nothing of a sentence's
	// matches and candidates outlives it (events copy their parties)
	trs, acts, cues []match
	cueStarts       []uint64 // bit i: a cue starts at token i (see sent)
	cands, kept     []cand
	// preds holds each sentence's classifier reading (set when the
	// sentence is read), for its events until Find returns.
	preds []lazy
	// What the events point to: the caller's (see Events), for this
	// call only.
	*values
}

// values holds what an article's events point to: their parties, dates
// and evidence lists. An article's events have a few apiece, and most are
// merged away.
type values struct {
	parties chunk[Party]
	dates   chunk[timex.Expr]
	ints    chunk[int]
}

// reset lets every value handed out be handed out again.
func (v *values) reset() {
	v.parties.reset()
	v.dates.reset()
	v.ints.reset()
}

// chunk hands out values from arrays of chunkSize instead of one
// allocation each. A value handed out is never moved nor written again
// until reset, which keeps the arrays for the values handed out after.
type chunk[T any] struct {
	buf   []T   // the array being handed out
	full  [][]T // the arrays handed out before buf
	spare [][]T // arrays reset, to hand out again
}

const chunkSize = 32

func (c *chunk[T]) take(v T) *T { return &c.one(v)[0] }

// one returns []T{v} without room to grow in place: an append copies it.
func (c *chunk[T]) one(v T) []T {
	c.room(1)
	n := len(c.buf)
	c.buf = append(c.buf, v)
	return c.buf[n : n+1 : n+1]
}

// grow returns a copy of xs with room for n values in all, from the arrays
// when that fits in one; xs itself is left as it was.
func (c *chunk[T]) grow(xs []T, n int) []T {
	if n > chunkSize {
		return append(make([]T, 0, n), xs...)
	}
	c.room(n)
	k := len(c.buf)
	c.buf = append(c.buf, xs...)
	c.buf = c.buf[:k+n] // the room is xs's own
	return c.buf[k : k+len(xs) : k+n]
}

// room makes sure buf has room for n ≤ chunkSize more values, moving on to
// a spare (or new) array when it has not.
func (c *chunk[T]) room(n int) {
	if cap(c.buf)-len(c.buf) >= n {
		return
	}
	if c.buf != nil {
		c.full = append(c.full, c.buf)
	}
	if k := len(c.spare) - 1; k >= 0 {
		c.buf, c.spare = c.spare[k], c.spare[:k]
	} else {
		c.buf = make([]T, 0, chunkSize)
	}
}

// reset clears the values handed out (so that they hold on to no article)
// and keeps their arrays for the next.
func (c *chunk[T]) reset() {
	if c.buf != nil {
		c.full, c.buf = append(c.full, c.buf), nil
	}
	for _, b := range c.full {
		clear(b)
		c.spare = append(c.spare, b[:0])
	}
	clear(c.full)
	c.full = c.full[:0]
}

// stories are reused from article to article: their per-sentence lists
// and buffers are most of what Find would otherwise allocate.
var stories = sync.Pool{New: func() any { return new(story) }}

func newStory(in Input, vals *values) *story {
	a := stories.Get().(*story)
	a.in, a.main, a.mainF, a.values = in, nil, false, vals
	n := len(in.Doc.Sentences)
	a.ments = resize(a.ments, n)
	a.places = resize(a.places, n)
	if cap(a.preds) < n {
		a.preds = make([]lazy, n)
	}
	a.preds = a.preds[:n]
	for ei, e := range in.Entities {
		for mi, m := range e.Mentions {
			if si := a.sentenceAt(m.Start, m.End); si >= 0 {
				a.ments[si] = append(a.ments[si], [2]int{ei, mi})
			}
		}
	}
	for pi, pm := range in.Places {
		if si := a.sentenceAt(pm.Start, pm.End); si >= 0 {
			a.places[si] = append(a.places[si], pi)
		}
	}
	return a
}

// recycle gives the story back to the pool; nothing of it may be used after.
func (a *story) recycle() {
	a.in, a.main, a.values = Input{}, nil, nil
	clear(a.cands) // they hold parties' strings
	clear(a.kept)
	clear(a.preds) // they hold the sentences' tokens
	stories.Put(a)
}

// resize returns v with n empty lists, reusing v's lists.
func resize[T any](v [][]T, n int) [][]T {
	if cap(v) < n {
		v = append(v[:cap(v)], make([][]T, n-cap(v))...)
	}
	v = v[:n]
	for i := range v {
		v[i] = v[i][:0]
	}
	return v
}

// sentenceAt is the sentence holding the byte span, or -1.
func (a *story) sentenceAt(start, end int) int {
	ss := a.in.Doc.Sentences
	i := sort.Search(len(ss), func(i int) bool { return ss[i].End >= end })
	if i < len(ss) && ss[i].Start <= start && end <= ss[i].End {
		return i
	}
	return -1
}

// cand is a party candidate: tokens [start, end) of a sentence.
type cand struct {
	start, end int
	p          Party
	noun       bool // from event_actors.tsv rather than an entity or place
}

// tokenRange maps a byte span to the tokens it covers, or ok=false.
func tokenRange(toks []text.Token, start, end int) (int, int, bool) {
	a := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= start })
	b := a
	for b < len(toks) && toks[b].End <= end {
		b++
	}
	return a, b, b > a
}

// namesParty reports whether sentence si names a possible party: a pack
// noun, an entity of a known kind, or a country.
func (a *story) namesParty(d *Detector, si int, acts []match) bool {
	if len(acts) > 0 {
		return true
	}
	for _, em := range a.ments[si] {
		e := &a.in.Entities[em[0]]
		if d.cb.entity[e.RoleKind] != "" || d.cb.entity[e.OrgKind] != "" {
			return true
		}
	}
	for _, pi := range a.places[si] {
		if pm := &a.in.Places[pi]; !pm.InOrg && pm.Place.Precision == "country" {
			return true
		}
	}
	return false
}

// candidates finds the parties a sentence names: pack nouns ("demonstranterne",
// "russiske specialstyrker"), entities with a role or organisation kind, and
// countries standing as states ("Rusland har sendt tropper").
func (a *story) candidates(d *Detector, si int, acts []match) []cand {
	in := a.in
	s := &in.Doc.Sentences[si]
	toks := s.Tokens
	out := a.cands[:0]
	for _, m := range acts {
		c := cand{start: m.start, end: m.end, noun: true}
		c.p = Party{Kind: d.actorKs[m.id], Start: toks[m.start].Start, End: toks[m.end-1].End}
		c.p.Text = in.Doc.Text[c.p.Start:c.p.End]
		out = append(out, c)
	}
	for _, em := range a.ments[si] {
		e := &in.Entities[em[0]]
		k := d.cb.entity[e.RoleKind]
		if k == "" {
			k = d.cb.entity[e.OrgKind]
		}
		if k == "" || e.Kind == entity.Place {
			continue
		}
		{
			m := &e.Mentions[em[1]]
			ts, te, ok := tokenRange(toks, m.Start, m.End)
			if !ok {
				continue
			}
			c := cand{start: ts, end: te, p: Party{Text: m.Text, Start: m.Start, End: m.End, Name: e.Name, Kind: k, Country: e.Country}}
			out = addCand(out, c)
		}
	}
	for _, pi := range a.places[si] {
		pm := &in.Places[pi]
		if pm.InOrg || pm.Place.Precision != "country" {
			continue
		}
		ts, te, ok := tokenRange(toks, pm.Start, pm.End)
		if !ok {
			continue
		}
		c := cand{start: ts, end: te, p: Party{Text: pm.Text, Start: pm.Start, End: pm.End, Name: pm.Place.Name, Kind: "government", Country: pm.Place.Country}}
		out = addCand(out, c)
	}
	// A country adjective or a country in the genitive right before a party
	// gives its country: "russiske specialstyrker", "Kasakhstans regering".
	for i := range out {
		c := &out[i]
		if c.p.Country != "" {
			continue
		}
		for j := c.start - 1; j >= 0 && j >= c.start-2 && c.p.Country == ""; j-- {
			if in.Demonym != nil {
				if cc, ok := in.Demonym(toks[j].Text); ok {
					c.p.Country = cc
					break
				}
			}
			if cc := a.placeCountryAt(&toks[j]); cc != "" {
				c.p.Country = cc
				break
			}
		}
	}
	for i := range out {
		c := &out[i]
		if c.p.Country == "" && !c.noun && c.end-c.start > 1 {
			c.p.Country = a.placeCountryAt(&toks[c.start]) // "Kasakhstans regering"
		}
	}
	// A genitive country that gave its country to the noun after it is no
	// party of its own.
	kept := a.kept[:0]
	for i := range out {
		c := &out[i]
		if !c.noun && c.p.Kind == "government" && c.end < len(toks) && ownerOf(out, c.end) {
			continue
		}
		kept = append(kept, *c)
	}
	a.cands, a.kept = out, kept
	return kept
}

func ownerOf(cs []cand, tok int) bool {
	for i := range cs {
		if cs[i].start == tok {
			return true
		}
	}
	return false
}

func (a *story) placeCountryAt(t *text.Token) string {
	for i := range a.in.Places {
		if pm := &a.in.Places[i]; pm.Start <= t.Start && t.End <= pm.End {
			return pm.Place.Country
		}
	}
	return ""
}

// addCand adds c unless a longer candidate covers it; it replaces shorter
// ones it covers, keeping a pack noun's kind when the entity has none.
func addCand(cs []cand, c cand) []cand {
	for i := range cs {
		o := &cs[i]
		if c.start < o.end && o.start < c.end {
			if c.end-c.start > o.end-o.start {
				*o = c
			}
			return cs
		}
	}
	return append(cs, c)
}

// sent is one sentence being read.
type sent struct {
	d    *Detector
	art  *story
	si   int
	toks []text.Token
	cues []match
	// cueStarts has bit i set when a cue starts at token i: the party
	// search asks cueAt about every token it walks past (boundary), and
	// most tokens start none.
	cueStarts []uint64
	parties   []cand
	used      []match // cues that set an event's factuality
}

// setCues sets the sentence's cues and cueStarts, in buf's storage.
func (sc *sent) setCues(cues []match, buf []uint64) []uint64 {
	n := (len(sc.toks) + 63) / 64
	if cap(buf) < n {
		buf = make([]uint64, n)
	}
	buf = buf[:n]
	clear(buf)
	for _, c := range cues {
		buf[c.start/64] |= 1 << (c.start % 64)
	}
	sc.cues, sc.cueStarts = cues, buf
	return buf
}

func (sc *sent) isParty(m match) bool {
	for i := range sc.parties {
		if c := &sc.parties[i]; c.noun && c.start <= m.start && m.end <= c.end {
			return true
		}
	}
	return false
}

func (sc *sent) cueKind(m match) cueKind { return sc.d.cueRows[m.id].kind }

// cueAt reports whether a cue of kind k starts at token i.
func (sc *sent) cueAt(k cueKind, i int) (match, bool) {
	if uint(i) >= uint(len(sc.toks)) || sc.cueStarts[i/64]&(1<<(i%64)) == 0 {
		return match{}, false
	}
	for _, c := range sc.cues {
		if c.start == i && sc.cueKind(c) == k {
			return c, true
		}
	}
	return match{}, false
}

// fronted reports whether the sentence opens with an adverbial that ends
// before token i: a time expression ("I går", "Søndag aften") or a place
// ("I Aarhus"). A fronted subject the actor table does not know
// ("Oppositionen anklager ...") is neither.
func (sc *sent) fronted(i int) bool {
	if i == 0 {
		return false
	}
	if _, ok := sc.cueAt(cueLocative, 0); ok {
		return true
	}
	if sc.si < len(sc.art.in.Times) {
		first := sc.toks[0].Start
		for _, x := range sc.art.in.Times[sc.si] {
			if x.Start == first && x.End <= sc.toks[i].Start {
				return true
			}
		}
	}
	return false
}

// near reports whether a cue of kind k stands within its window of the
// trigger tokens [start, end).
func (sc *sent) near(k cueKind, start, end int) bool {
	_, ok := sc.nearCue(k, start, end)
	return ok
}

func (sc *sent) nearCue(k cueKind, start, end int) (match, bool) {
	for _, c := range sc.cues {
		if sc.cueKind(c) != k {
			continue
		}
		row := sc.d.cueRows[c.id]
		if c.end <= start && c.end >= start-row.before {
			return c, true
		}
		if c.start >= end && c.start < end+row.after {
			return c, true
		}
	}
	return match{}, false
}

// boundary reports whether token i ends a clause for party search.
func (sc *sent) boundary(i int) bool {
	t := &sc.toks[i]
	if t.Kind == text.Punct {
		switch t.Text {
		case ",", ";", ":", "(", ")", "–", "—":
			return true
		}
	}
	_, ok := sc.cueAt(cueStop, i)
	return ok
}

// inPhrase reports whether candidate c stands after a preposition that
// makes it no subject ("i Kasakhstans største by", "fra Rusland").
func (sc *sent) inPhrase(c *cand) bool {
	if c.start == 0 {
		return false
	}
	// "af" is left out: before a trigger it is partitive ("Dusinvis af
	// gerningsmænd blev elimineret"), not an agent.
	for _, k := range [...]cueKind{cueLocative, cueOrigin, cueTarget, cueBetween} {
		for _, m := range sc.cues {
			if m.end == c.start && sc.cueKind(m) == k {
				return true
			}
		}
	}
	return false
}

// before is the nearest candidate ending before token i in the same clause.
func (sc *sent) before(i int, skipProperty bool) *cand {
	for j := i - 1; j >= 0; j-- {
		if sc.boundary(j) {
			return nil
		}
		for k := range sc.parties {
			c := &sc.parties[k]
			if c.end == j+1 && !sc.inPhrase(c) && !(skipProperty && c.p.Kind == "property") {
				return c
			}
		}
	}
	return nil
}

// after is the first candidate starting at or after token i in the same
// clause, within limit tokens.
func (sc *sent) after(i, limit int) *cand {
	for j := i; j < len(sc.toks) && j < i+limit; j++ {
		if j > i && sc.boundary(j) {
			return nil
		}
		for k := range sc.parties {
			if sc.parties[k].start == j {
				return sc.head(k)
			}
		}
	}
	return nil
}

// head follows a possessor to what it possesses: "præsidentens bolig" is a
// residence, "politiets bygning" a building.
func (sc *sent) head(k int) *cand {
	for {
		next := -1
		for j := range sc.parties {
			if sc.parties[j].start == sc.parties[k].end {
				next = j
			}
		}
		if next < 0 {
			return &sc.parties[k]
		}
		k = next
	}
}

// following finds a cue of kind k within n tokens after i and the candidate
// right after it.
func (sc *sent) following(k cueKind, i, n int) (*cand, int) {
	for j := i; j < len(sc.toks) && j <= i+n; j++ {
		if m, ok := sc.cueAt(k, j); ok {
			if c := sc.after(m.end, 3); c != nil {
				return c, c.end
			}
			return nil, -1
		}
		if j > i && sc.boundary(j) {
			break
		}
	}
	return nil, -1
}

func (a *story) party(c *cand) *Party {
	if c == nil {
		return nil
	}
	return a.parties.take(c.p)
}

func (sc *sent) event(m match, t *trigger) Event {
	e := Event{Sentence: sc.si, Type: t.typ, Mode: t.mode, ACLEDSub: t.acled, Context: t.context,
		Evidence: sc.art.ints.one(sc.si), Source: t.line,
		Trigger: text.Span{Start: sc.toks[m.start].Start, End: sc.toks[m.end-1].End}}
	sc.factuality(&e, m.start, m.end)
	e.backdrop = sc.near(cueBackdrop, m.start, m.end)
	passive := sc.near(cuePassive, m.start, m.end)
	var actor, recipient *cand
	if c, end := sc.following(cueBetween, m.end, 2); c != nil {
		actor = c
		if c2, _ := sc.following(cueAnd, end, 0); c2 != nil {
			recipient = c2
		}
	}
	if actor == nil {
		switch {
		case t.frame == frameNoun:
			// "politiet brugte tåregas mod ...": the subject of the light verb
			// before the noun is its actor unless "af X" names one.
			if actor, _ = sc.following(cueAgent, m.end, 1); actor == nil {
				actor = sc.before(m.start, true)
			}
			recipient, _ = sc.following(cueTarget, m.end, 2)
		case t.frame == frameTheme:
			// "Rusland har sendt tropper til Kasakhstan": the object is what
			// is sent; the recipient stands after "til".
			if passive {
				actor, _ = sc.following(cueAgent, m.end, 3)
			} else {
				actor = sc.before(m.start, true)
			}
			if recipient, _ = sc.following(cueLocative, m.end, 4); recipient == nil {
				recipient, _ = sc.following(cueTarget, m.end, 4)
			}
		case t.frame == framePatient || passive:
			recipient = sc.before(m.start, false)
			actor, _ = sc.following(cueAgent, m.end, 3)
		default:
			actor = sc.before(m.start, true)
			from := m.end
			if actor == nil && sc.d.verbSecond && sc.fronted(m.start) {
				// "I går beslaglagde politiet sprængstof": with an
				// adverbial fronted, the subject follows the verb.
				if actor = sc.after(m.end, 1); actor != nil {
					from = actor.end
				}
			}
			if c, _ := sc.following(cueTarget, from, 3); c != nil {
				recipient = c
			} else {
				recipient = sc.after(from, 8)
			}
		}
	}
	// "Hæren og oprørerne kæmpede": a coordinated subject names both sides.
	if actor != nil && recipient == nil && actor.start > 1 {
		if m, ok := sc.cueAt(cueAnd, actor.start-1); ok && m.end == actor.start {
			for k := range sc.parties {
				if sc.parties[k].end == actor.start-1 {
					actor, recipient = &sc.parties[k], actor
					break
				}
			}
		}
	}
	e.Actor, e.Recipient = sc.art.party(actor), sc.art.party(recipient)
	if loc, ok := sc.place(actor); ok {
		e.Location, e.LocationFrom = loc, "sentence"
	}
	return e
}

func (sc *sent) factuality(e *Event, start, end int) {
	e.Factuality = Asserted
	if start > 0 && sc.toks[start-1].Kind == text.Number && strings.Trim(sc.toks[start-1].Text, "0") == "" {
		// "0 dræbte", "0 killed": a count of none reports nothing.
		e.Factuality = Negated
		return
	}
	for _, k := range [...]cueKind{cueNegated, cueHypothetical, cuePlanned} {
		if c, ok := sc.nearCue(k, start, end); ok {
			e.Factuality = cueNames[k]
			sc.used = append(sc.used, c)
			return
		}
	}
}

// place is the sentence's place of events: a place after a locative word
// ("i Almaty", "til Kasakhstan") before a bare one; never one after an
// origin word ("fra Rusland") nor one inside an organisation's name.
func (sc *sent) place(actor *cand) (*geocode.Mention, bool) {
	var best *geocode.Mention
	bestScore := 0
	for _, i := range sc.art.places[sc.si] {
		pm := &sc.art.in.Places[i]
		if pm.InOrg {
			continue
		}
		ts, _, ok := tokenRange(sc.toks, pm.Start, pm.End)
		if !ok {
			continue
		}
		score := 1
		if actor != nil && actor.p.Start <= pm.Start && pm.End <= actor.p.End {
			continue // the actor's own country is not where it acts
		}
		for _, m := range sc.cues {
			if m.end == ts {
				switch sc.cueKind(m) {
				case cueLocative:
					score = 2
				case cueOrigin:
					score = 0
				}
			}
		}
		if score > bestScore {
			best, bestScore = pm, score
		}
	}
	return best, best != nil
}

// place fills an event's location from its paragraph or the article when
// its sentence names none.
func (a *story) place(e *Event) {
	if e.Location != nil {
		return
	}
	doc := a.in.Doc
	blk := doc.Sentences[e.Sentence].Block
	if blk < len(doc.Blocks) {
		b := doc.Blocks[blk]
		for i := range a.in.Places {
			pm := &a.in.Places[i]
			if pm.Start >= b.Start && pm.End <= b.End && !pm.InOrg {
				e.Location, e.LocationFrom = pm, "paragraph"
				return
			}
		}
	}
	if m := a.mainPlace(); m != nil {
		e.Location, e.LocationFrom = m, "article"
	}
}

// mainPlace is the article's most-mentioned country, at the precision of its
// most-mentioned place there; places inside organisation names count only
// when nothing else is named.
func (a *story) mainPlace() *geocode.Mention {
	if a.mainF {
		return a.main
	}
	a.mainF = true
	for _, inOrg := range []bool{false, true} {
		count := map[string]int{}
		best := ""
		for _, pm := range a.in.Places {
			if pm.InOrg != inOrg || pm.Place.Country == "" {
				continue
			}
			count[pm.Place.Country]++
			if best == "" || count[pm.Place.Country] > count[best] {
				best = pm.Place.Country
			}
		}
		if best == "" {
			continue
		}
		names := map[string]int{}
		var pick *geocode.Mention
		for i := range a.in.Places {
			pm := &a.in.Places[i]
			if pm.InOrg != inOrg || pm.Place.Country != best {
				continue
			}
			k := pm.Place.Name
			if pm.Place.Precision != "country" {
				names[k] += 2 // a city or region says more than its country
			} else {
				names[k]++
			}
			if pick == nil || names[k] > names[pick.Place.Name] {
				pick = pm
			}
		}
		a.main = pick
		return pick
	}
	return nil
}

// date takes the sentence's first resolved time expression; nil leaves the
// article's date. A future one ("på mandag", "next week") dates only the
// event whose trigger stands nearest it: in "Oppositionen beskylder juntaen
// ... og har opfordret til nye demonstrationer på mandag" the accusation is
// today's, the call for Monday.
func (a *story) date(e *Event, evs []Event) {
	e.DateFrom = "article"
	if e.Sentence >= len(a.in.Times) {
		return
	}
	for i := range a.in.Times[e.Sentence] {
		x := a.in.Times[e.Sentence][i]
		if !x.Resolved() {
			continue
		}
		if x.Future && !nearestTo(e, x, evs) {
			continue
		}
		// A date inside another clause dates the event nearest it: in
		// "Demonstrationen blev indkaldt, efter at et israelsk luftangreb
		// natten til torsdag ramte …" Thursday night is the strike's. One
		// that opens the sentence ("On Friday, …") dates all of it.
		own := sameClause(a.in.Doc.Text, x.Start, x.End, e.Trigger)
		if !own && !nearestTo(e, x, evs) && !opens(x, e, evs) {
			continue
		}
		e.Date, e.DateFrom = a.dates.take(x), "sentence"
		e.dayOwn = own
		return
	}
	// A sentence without a date of its own continues its paragraph: "Politiet
	// rykkede ud i nat. Fire blev anholdt." Take the nearest earlier
	// sentence's past or present day, never a future one.
	doc := a.in.Doc
	blk := doc.Sentences[e.Sentence].Block
	for si := e.Sentence - 1; si >= 0 && doc.Sentences[si].Block == blk; si-- {
		for i := range a.in.Times[si] {
			x := a.in.Times[si][i]
			if x.Resolved() && !x.Future && x.Precision == "day" {
				e.Date, e.DateFrom = a.dates.take(x), "paragraph"
				return
			}
		}
	}
}

// sameClause reports whether the time expression at [start, end) and the
// trigger t stand in one clause, no comma, semicolon, colon or dash between
// them: "killed on Sunday" dates the killing, "gave a toll on Monday, saying
// … had been killed" dates the statement.
func sameClause(src string, start, end int, t text.Span) bool {
	lo, hi := end, t.Start
	if t.End <= start {
		lo, hi = t.End, start
	}
	// A byte loop rather than strings.ContainsAny, whose set of non-ASCII
	// dashes sends it rune by rune through the set for every rune: this
	// runs for every dated event.
	for i := lo; i < hi; i++ {
		switch src[i] {
		case ',', ';', ':':
			return false
		case 0xE2: // "–" is E2 80 93, "—" E2 80 94
			if i+2 < hi && src[i+1] == 0x80 && (src[i+2] == 0x93 || src[i+2] == 0x94) {
				return false
			}
		}
	}
	return true
}

// opens reports whether the time expression x stands before every trigger
// of e's sentence.
func opens(x timex.Expr, e *Event, evs []Event) bool {
	for i := range evs {
		if evs[i].Sentence == e.Sentence && evs[i].Trigger.Start < x.End {
			return false
		}
	}
	return true
}

// nearestTo reports whether no other event of e's sentence has its trigger
// nearer the time expression x than e.
func nearestTo(e *Event, x timex.Expr, evs []Event) bool {
	dist := func(t text.Span) int {
		switch {
		case x.End <= t.Start:
			return t.Start - x.End
		case t.End <= x.Start:
			return x.Start - t.End
		}
		return 0
	}
	me := dist(e.Trigger)
	for i := range evs {
		o := &evs[i]
		if o.Sentence == e.Sentence && o.Trigger != e.Trigger && dist(o.Trigger) < me {
			return false
		}
	}
	return true
}
