// Package event owns finding the events an article reports and coding them
// the way ACLED and PLOVER coders do: PLOVER type and mode, ACLED event and
// sub-event type, factuality, actor and recipient, place, date and the
// sentences that report each one.
//
// Words live in the language pack: events.tsv (trigger phrases and what they
// report), event_cues.tsv (negation, planning, passive and party cues) and
// event_actors.tsv (nouns that name a party and its kind). What a row does is
// one of a closed set of behaviours here; the ACLED codebook's refinements by
// party kind are language-free data in codebook.tsv. Sentences no trigger
// speaks for are left to the classifier, above a calibrated threshold.
package event

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"sync"
	"time"

	"github.com/urodata/uro/internal/classify"
	"github.com/urodata/uro/internal/entity"
	"github.com/urodata/uro/internal/geocode"
	"github.com/urodata/uro/internal/number"
	"github.com/urodata/uro/internal/quote"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/internal/timex"
)

// Factuality values.
const (
	Asserted     = "asserted"
	Negated      = "negated"
	Planned      = "planned"
	Hypothetical = "hypothetical"
)

// Default thresholds of the classifier's PLOVER probability. A sentence no
// trigger speaks for (and that names a possible party) becomes an event only
// when the classifier is this sure: on testdata/dev no wrong prediction
// scores above 0.38 and 0.5 lets none through; 0.8 keeps a margin because
// article prose is harder than development sentences (TestCalibrate). A weak
// trigger needs only the classifier's agreement on its type.
const (
	DefaultThreshold     = 0.8
	DefaultWeakThreshold = 0.5
)

// Default ACLED refinement thresholds, from testdata/dev/<lang>_acled.tsv
// (TestACLEDRefine): the classifier's right refinements there score 0.74 and
// up and its wrong ones 0.28 and below; 0.5 splits them. Replacing a
// trigger's own line needs more: the right overrides score 0.81 and up.
const (
	DefaultACLEDThreshold = 0.5
	DefaultACLEDOverride  = 0.8
)

// Detector finds events for one language. It is safe for concurrent use.
type Detector struct {
	lang     string
	model    *classify.Model
	trig     []pattern
	triggers []trigger
	cues     []pattern
	cueRows  []cue
	actors   []pattern
	actorKs  []string
	cb       *codebook
	all      *index // trig, actors and cues in one, for speed
	refs     []ref
	// verbSecond: after a fronted adverbial the subject follows the verb
	// ("I går anholdt politiet tre mænd"), from pack.tsv.
	verbSecond bool
	// Threshold and WeakThreshold may be changed before use (calibration).
	Threshold, WeakThreshold float64
	// ACLEDThreshold is the classifier's ACLED probability at which it
	// names the sub-event type of an event whose trigger gave only a
	// catch-all line; ACLEDOverride the probability at which it replaces a
	// trigger's own line within the same ACLED event type.
	ACLEDThreshold, ACLEDOverride float64
}

// Input is one article's text layers.
type Input struct {
	Doc       *text.Doc
	Published time.Time
	Times     [][]timex.Expr      // per sentence
	Numbers   [][]number.Quantity // per sentence
	Entities  []entity.Entity
	Quotes    []quote.Quote
	Places    []geocode.Mention
	Demonym   func(string) (string, bool)
}

// Event is one happening an article reports.
type Event struct {
	Sentence            int
	Type, Mode          string
	ACLEDType, ACLEDSub string // "" = none
	Context             []string
	Factuality          string
	Actor, Recipient    *Party
	Trigger             text.Span
	Location            *geocode.Mention // nil = none found
	LocationFrom        string           // sentence | paragraph | article
	Date                *timex.Expr      // nil = the article's date
	DateFrom            string           // sentence | paragraph | article
	Evidence            []int            // sentences that report it
	// Source says what found it: the trigger row (file:line) or "classifier".
	Source string

	backdrop bool  // cause or background of another event: merges freely
	dayOwn   bool  // Date is the trigger's own: named in its clause
	pred     *lazy // the sentence classifier's view, for refine
	// pending: the codebook did not code the event, and the classifier's
	// say (learned) is yet to be heard. It is heard only for the events
	// dedup keeps or lends from: most reports of an event are merged away,
	// and their sentences need no prediction.
	pending bool
}

// lazy is a sentence's classifier reading, made on first use: most
// sentences with a trigger never need it, and most that do need only its
// raw scores, to see that no class of a decision can be likely enough
// (unlikely), not the probabilities.
type lazy struct {
	model        *classify.Model
	toks         []text.Token
	scored, done bool
	sc           classify.Scores
	p            classify.Prediction
}

// reset readies l for a sentence's tokens. The scores and prediction of
// the last sentence stay until overwritten: they are read only after
// scored or done is set again, and clearing them is most of the cost of a
// sentence that needs no classifier.
func (l *lazy) reset(model *classify.Model, toks []text.Token) {
	l.model, l.toks = model, toks
	l.scored, l.done = false, false
}

func (l *lazy) scores() *classify.Scores {
	if l.model == nil {
		return nil
	}
	if !l.scored {
		l.model.ScoreTokens(&l.sc, l.toks)
		l.scored = true
	}
	return &l.sc
}

func (l *lazy) get() *classify.Prediction {
	sc := l.scores()
	if sc == nil {
		return nil
	}
	if !l.done {
		l.p, l.done = sc.Prediction(), true
	}
	return &l.p
}

// unlikely reports that no class of head h for which fits is true can
// have a probability of thr or more, known from the raw scores alone
// (classify.Scores.Reach). false means "maybe": the prediction must tell.
func (l *lazy) unlikely(h classify.Head, thr float64, fits func(label string) bool) bool {
	sc := l.scores()
	if sc == nil {
		return false
	}
	label, ok := sc.Reach(h, thr)
	return ok && (label == "" || !fits(label))
}

// Party is an actor or recipient.
type Party struct {
	Text       string
	Start, End int
	Name, Kind string
	Country    string
}

// New loads lang's event tables from fsys; model may be nil (no fallback).
func New(fsys fs.FS, lang string, model *classify.Model) (*Detector, error) {
	d := &Detector{lang: lang, model: model, Threshold: DefaultThreshold, WeakThreshold: DefaultWeakThreshold,
		ACLEDThreshold: DefaultACLEDThreshold, ACLEDOverride: DefaultACLEDOverride}
	var err error
	if d.cb, err = loadCodebook(codebookData); err != nil {
		return nil, fmt.Errorf("event codebook: %w", err)
	}
	if d.trig, d.triggers, err = loadTriggers(fsys, lang); err != nil {
		return nil, fmt.Errorf("event triggers: %w", err)
	}
	if d.cues, d.cueRows, err = loadCues(fsys, lang); err != nil {
		return nil, fmt.Errorf("event cues: %w", err)
	}
	if d.actors, d.actorKs, err = loadActors(fsys, lang); err != nil {
		return nil, fmt.Errorf("event actors: %w", err)
	}
	if d.verbSecond, err = loadWordOrder(fsys, lang); err != nil {
		return nil, fmt.Errorf("event word order: %w", err)
	}
	d.combine()
	return d, nil
}

// Lang is the detector's language.
func (d *Detector) Lang() string { return d.lang }

// Find returns the events of an article, one per happening, in text order.
func (d *Detector) Find(in Input) []Event {
	// Storage of their own: the caller owns the events and what they
	// point to.
	evs := new(Events)
	d.FindIn(evs, in)
	return evs.List
}

// Events holds one article's events, for a caller that reads articles one
// at a time and is done with an article's events before the next: FindIn
// fills it anew, reusing its arrays, so that the events it held before,
// and the parties, dates and evidence lists they point to, must no longer
// be used.
type Events struct {
	// List is the events, one per happening, in text order; nil when
	// there is none.
	List []Event
	buf  []Event // List's array, kept when List is nil
	vals values
}

// Reset clears evs, so that it holds on to no article's events.
func (evs *Events) Reset() {
	clear(evs.buf)
	evs.List, evs.buf = nil, evs.buf[:0]
	evs.vals.reset()
}

// FindIn finds the events of an article as Find does, into evs.
func (d *Detector) FindIn(evs *Events, in Input) {
	evs.Reset()
	if evs.List = d.find(evs.buf, &evs.vals, in); evs.List != nil {
		evs.buf = evs.List
	}
}

// find is Find writing the events to dst[:0] and what they point to in
// vals; nil when there is none.
func (d *Detector) find(dst []Event, vals *values, in Input) []Event {
	if in.Doc == nil {
		return nil
	}
	art := newStory(in, vals)
	defer art.recycle()
	// The events before dedup live only in this call: their slice goes
	// back to a pool (dedup copies the ones it keeps).
	buf := eventBufs.Get().(*[]Event)
	evs := (*buf)[:0]
	defer func() {
		clear(evs) // drop what they point to
		*buf = evs[:0]
		eventBufs.Put(buf)
	}()
	for si := range in.Doc.Sentences {
		s := &in.Doc.Sentences[si]
		if s.Caption || (s.Block < len(in.Doc.Blocks) && in.Doc.Blocks[s.Block].Kind == text.Caption) {
			continue
		}
		evs = d.sentence(art, si, evs)
	}
	for i := range evs {
		d.refine(&evs[i])
		art.place(&evs[i])
		art.date(&evs[i], evs)
		if evs[i].Date != nil && evs[i].Date.Future && evs[i].Factuality == Asserted {
			evs[i].Factuality = Planned // "på fredag", "next week"
		}
	}
	kept := d.dedup(dst[:0], evs, art.values, in.Published)
	for i := range kept {
		d.settle(&kept[i])
	}
	linkProtests(kept, in.Published)
	for i := range kept {
		kept[i].pred = nil // it lives in the story, which goes back to its pool
	}
	return kept
}

// eventBufs are find's slices of events before dedup.
var eventBufs = sync.Pool{New: func() any { return new([]Event) }}

// Protest lines of the ACLED codebook that a demonstration's own events
// decide.
const (
	subPeaceful     = "Peaceful protest"
	subIntervention = "Protest with intervention"
	subExcessive    = "Excessive force against protesters"
	subViolent      = "Violent demonstration"
)

// protestRank orders the protest lines (0 for any other): a demonstration
// takes the gravest its linked events give it. This and the small sets
// below are switches, not maps: they run for every event or pair of
// events, and a string switch costs a length test and a compare or two,
// not a hash.
func protestRank(sub string) int {
	switch sub {
	case subPeaceful:
		return 1
	case subIntervention:
		return 2
	case subExcessive:
		return 3
	case subViolent:
		return 4
	}
	return 0
}

// Confronted reports whether e is a demonstration that happened and was met
// by force or arrests or turned violent (linkProtests gave it that line):
// ACLED codes one event for it, not the police action told beside it.
func (e *Event) Confronted() bool {
	return e.Type == "PROTEST" && e.Factuality == Asserted && protestRank(e.ACLEDSub) > 1
}

// Policing reports whether e may be the force or the arrests a
// demonstration met: what linkProtests looks for beside one.
func (e *Event) Policing() bool {
	return e.Type == "ASSAULT" || e.Type == "COERCE" && e.Mode == "arrest"
}

// linkProtests codes a demonstration the way ACLED does, once for the whole
// demonstration: police dispersal or arrests make it a protest with
// intervention, lethal force excessive force, violence by the demonstrators
// a violent demonstration; the police action and arrests reported beside it
// (same paragraph, or a sentence or two away) carry that same line.
func linkProtests(evs []Event, published time.Time) {
	near := func(a, b *Event) bool {
		d := a.Sentence - b.Sentence
		return d >= -2 && d <= 2 && datesOK(a, b, published, false) && placesOK(a, b)
	}
	for i := range evs {
		p := &evs[i]
		if p.Type != "PROTEST" || p.Factuality != Asserted {
			continue
		}
		var linked []int
		sub := p.ACLEDSub
		for j := range evs {
			e := &evs[j]
			if j == i || e.Factuality != Asserted || !e.Policing() || !near(p, e) {
				continue
			}
			s := subIntervention // an arrest
			if e.Type == "ASSAULT" {
				if protestRank(e.ACLEDSub) < 2 {
					continue // violence the demonstration did not meet
				}
				s = e.ACLEDSub
			}
			linked = append(linked, j)
			if protestRank(s) > protestRank(sub) {
				sub = s
			}
		}
		if len(linked) == 0 || protestRank(sub) == 0 {
			continue
		}
		p.ACLEDSub, p.ACLEDType = sub, classify.EventType(sub)
		for _, j := range linked {
			evs[j].ACLEDSub, evs[j].ACLEDType = sub, classify.EventType(sub)
		}
	}
}

// match is one table hit in a sentence's tokens.
type match struct{ id, start, end int }

// scan returns the longest non-overlapping matches of x, earliest first.
func scan(x *index, toks []text.Token) []match {
	var out []match
	for i := 0; i < len(toks); i++ {
		best := match{id: -1}
		x.at(toks, i, func(id, end int) {
			if best.id < 0 || end > best.end {
				best = match{id, i, end}
			}
		})
		if best.id >= 0 {
			out = append(out, best)
			i = best.end - 1
		}
	}
	return out
}

// Tables of the combined index.
const (
	tabTrigger = iota
	tabActor
	tabCue
)

// ref is one pattern of the combined index: its table and row.
type ref struct {
	tab uint8
	id  int32
}

// combine builds one index over the trigger, actor and cue tables so that
// a sentence is read with two map look-ups per token, not six.
func (d *Detector) combine() {
	var all []pattern
	for tab, ps := range [][]pattern{d.trig, d.actors, d.cues} {
		for id, p := range ps {
			all = append(all, p)
			d.refs = append(d.refs, ref{uint8(tab), int32(id)})
		}
	}
	d.all = newIndex(all)
}

// scanAll reads a sentence once: the longest non-overlapping triggers and
// actor nouns, and every cue.
func (d *Detector) scanAll(toks []text.Token) (trs, acts, cues []match) {
	return d.scanInto(toks, nil, nil, nil)
}

// scanInto is scanAll appending to the given slices (emptied first), so
// that a story reuses them from sentence to sentence.
func (d *Detector) scanInto(toks []text.Token, trs, acts, cues []match) ([]match, []match, []match) {
	trs, acts, cues = trs[:0], acts[:0], cues[:0]
	var next [2]int // the first token each greedy table may start at
	for i := range toks {
		if toks[i].Kind != text.Word {
			continue // patterns start with a word: no call for the rest
		}
		var best [2]match
		best[0].id, best[1].id = -1, -1
		d.all.at(toks, i, func(id, end int) {
			r := d.refs[id]
			if r.tab == tabCue {
				cues = append(cues, match{int(r.id), i, end})
				return
			}
			if i >= next[r.tab] && (best[r.tab].id < 0 || end > best[r.tab].end) {
				best[r.tab] = match{int(r.id), i, end}
			}
		})
		if best[0].id >= 0 {
			trs = append(trs, best[0])
			next[0] = best[0].end
		}
		if best[1].id >= 0 {
			acts = append(acts, best[1])
			next[1] = best[1].end
		}
	}
	return trs, acts, cues
}

// outsideTimes keeps the matches of ms (in place) that lie outside every
// time expression of times.
func outsideTimes(toks []text.Token, ms []match, times []timex.Expr) []match {
	out := ms[:0]
	for _, m := range ms {
		start, end := toks[m.start].Start, toks[m.end-1].End
		inside := false
		for _, x := range times {
			if x.Start <= start && end <= x.End {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, m)
		}
	}
	return out
}

// allMatches returns every match of x (cues may overlap).
func allMatches(x *index, toks []text.Token) []match {
	var out []match
	for i := range toks {
		x.at(toks, i, func(id, end int) { out = append(out, match{id, i, end}) })
	}
	return out
}

// sentence appends the events of sentence si to dst.
func (d *Detector) sentence(art *story, si int, dst []Event) []Event {
	in := art.in
	s := &in.Doc.Sentences[si]
	toks := s.Tokens
	if len(toks) == 0 {
		return dst
	}
	trs, acts, cues := d.scanInto(toks, art.trs, art.acts, art.cues)
	art.trs, art.acts, art.cues = trs, acts, cues
	if si < len(in.Times) && len(in.Times[si]) > 0 {
		// A month is no modal and no march: "On 15 May 2024" neither
		// hedges nor reports a demonstration.
		trs = outsideTimes(toks, trs, in.Times[si])
		cues = outsideTimes(toks, cues, in.Times[si])
	}
	if len(trs) == 0 && (d.model == nil || !art.namesParty(d, si, acts)) {
		// The classifier speaks only for sentences that name someone who
		// could act: descriptions and background ("Prisen på benzin er
		// steget") are left alone, and most sentences cost two look-ups.
		return dst
	}
	sc := &sent{d: d, art: art, si: si, toks: toks}
	art.cueStarts = sc.setCues(cues, art.cueStarts)
	sc.parties = art.candidates(d, si, acts)
	base := len(dst)
	evs := dst
	var blocks []match
	for _, m := range trs {
		if d.triggers[m.id].kind == kindBlock {
			blocks = append(blocks, m)
		}
	}
	pred := &art.preds[si]
	pred.reset(d.model, toks)
	predict := pred.get
	for _, m := range trs {
		t := &d.triggers[m.id]
		if t.kind == kindBlock || inside(m, blocks) || sc.isParty(m) {
			continue
		}
		if t.kind == kindWeak {
			if pred.unlikely(classify.PLOVER, d.WeakThreshold, func(l string) bool { return l == t.typ }) {
				continue
			}
			p := predict()
			if p == nil || p.PLOVER != t.typ || p.PLOVERScore < d.WeakThreshold {
				continue
			}
		}
		evs = append(evs, sc.event(m, t))
	}
	// A trigger that is also the cue negating another event ("police denied
	// firing") reports that event's denial, not an event of its own.
	if len(sc.used) > 0 {
		out := evs[:base]
		for i := base; i < len(evs); i++ {
			e := &evs[i]
			drop := false
			for _, c := range sc.used {
				if toks[c.start].Start == e.Trigger.Start && toks[c.end-1].End == e.Trigger.End {
					drop = true
				}
			}
			if !drop {
				out = append(out, *e)
			}
		}
		evs = out
	}
	if len(evs) > base && d.model != nil {
		for i := base; i < len(evs); i++ {
			evs[i].pred = pred
		}
	}
	if len(evs) == base && len(trs) == 0 && d.model != nil && !pred.unlikely(classify.PLOVER, d.Threshold, isPlover) {
		if p := predict(); p.PLOVER != classify.NoPLOVER && isPlover(p.PLOVER) && p.PLOVERScore >= d.Threshold {
			e := Event{Sentence: si, Type: p.PLOVER, Factuality: Asserted, Evidence: art.ints.one(si), Source: "classifier",
				Trigger: text.Span{Start: s.Start, End: s.End}}
			if p.ACLED != classify.NoACLED && classify.Consistent(p.ACLED, p.PLOVER) {
				e.ACLEDSub = p.ACLED
			}
			sc.factuality(&e, 0, len(toks))
			evs = append(evs, e)
		}
	}
	return evs
}

func inside(m match, ms []match) bool {
	for _, b := range ms {
		if m.start < b.end && b.start < m.end {
			return true
		}
	}
	return false
}

// refine sets the ACLED event type and lets the codebook rows refine the
// sub-event type by party kinds.
func (d *Detector) refine(e *Event) {
	ak, rk := "-", "-"
	if e.Actor != nil {
		ak = e.Actor.Kind
	}
	if e.Recipient != nil {
		rk = e.Recipient.Kind
	}
	from := e.ACLEDSub
	coded := false
	if from == "" {
		from = "-"
	}
	// byType holds only rows of the event's type: the type needs no
	// compare (one per row was most of refine's cost).
	for _, ri := range d.cb.byType[e.Type] {
		r := &d.cb.acled[ri]
		if (r.mode != "*" && r.mode != e.Mode) || !kindOK(r.actor, ak) || !kindOK(r.recipient, rk) {
			continue
		}
		if r.from != "*" && r.from != from {
			continue
		}
		e.ACLEDSub = r.to
		coded = true
		break
	}
	if !coded {
		e.pending = true // settle hears the classifier, when it matters
		return
	}
	if e.ACLEDSub != "" {
		e.ACLEDType = classify.EventType(e.ACLEDSub)
	}
}

// settle finishes what refine left pending: the classifier's sub-event
// type and the ACLED event type.
func (d *Detector) settle(e *Event) {
	if !e.pending {
		return
	}
	e.pending = false
	d.learned(e)
	if e.ACLEDSub != "" {
		e.ACLEDType = classify.EventType(e.ACLEDSub)
	}
}

// learned lets a confident classifier name the sub-event type the parties
// did not decide: a trigger's catch-all line ("Attack" for "dræbt", "Change
// to group/activity", none) gives way at ACLEDThreshold, its own line within
// the same ACLED event type ("Air/drone strike" or "Shelling") at
// ACLEDOverride; never across event types nor against the PLOVER type.
func (d *Detector) learned(e *Event) {
	if e.pred == nil {
		return
	}
	bar := d.ACLEDOverride // its own line within the event type
	if e.ACLEDSub == "" || catchAll(e.ACLEDSub) {
		bar = d.ACLEDThreshold
	}
	// Most sentences' leading sub-event type is none or the event's own,
	// or leads too narrowly to reach the bar: then nothing below can
	// change, and the probabilities are not needed.
	if e.pred.unlikely(classify.ACLED, bar, func(l string) bool { return d.mayLearn(e, l) }) {
		return
	}
	p := e.pred.get()
	if p == nil || !d.mayLearn(e, p.ACLED) {
		return
	}
	if p.ACLEDScore >= bar {
		e.ACLEDSub = p.ACLED
	}
}

// mayLearn reports whether learned would take sub-event type sub if the
// classifier were sure enough of it.
func (d *Detector) mayLearn(e *Event, sub string) bool {
	if sub == classify.NoACLED || sub == e.ACLEDSub || !classify.Consistent(sub, e.Type) {
		return false
	}
	return e.ACLEDSub == "" || catchAll(e.ACLEDSub) || classify.EventType(sub) == classify.EventType(e.ACLEDSub)
}

// catchAll reports whether sub is one of the ACLED lines a trigger gives
// when it knows nothing more.
func catchAll(sub string) bool {
	switch sub {
	case genericSub, "Change to group/activity", "Other":
		return true
	}
	return false
}

func kindOK(rule, k string) bool {
	return rule == "*" || rule == k
}

// dedup merges the reports of one happening. Events with parties of their
// own merge only with compatible ones (a true repeat: the headline and the
// lead); events with no parties, or reported as the background of another,
// are further reports of an event already found when type, mode, date and
// place agree. The kept events are appended to kept (empty), and nil is
// returned when there is none; their evidence lists grow in vals. evs
// are scratch once read.
func (d *Detector) dedup(kept, evs []Event, vals *values, published time.Time) []Event {
	if len(evs) == 0 {
		return nil
	}
	loose := func(e *Event) bool { return e.backdrop || (e.Actor == nil && e.Recipient == nil) }
	runs := 0 // where the events kept by the second pass start
	for pass := 0; pass < 2; pass++ {
		runs = len(kept)
		for i := range evs {
			e := &evs[i]
			if loose(e) != (pass == 1) {
				continue
			}
			merged := false
			for k := range kept {
				if compatible(&kept[k], e, pass == 1, published) {
					d.adopt(&kept[k], e)
					lend(&kept[k], e)
					if ev := kept[k].Evidence; !slices.Contains(ev, e.Sentence) {
						if len(ev) == cap(ev) {
							// Evidence is handed out without room: give
							// it some from the article's arrays, not a
							// new slice at every merge.
							ev = vals.ints.grow(ev, 2*len(ev)+2)
						}
						kept[k].Evidence = append(ev, e.Sentence)
					}
					merged = true
					break
				}
			}
			if !merged {
				kept = append(kept, *e)
			}
		}
	}
	// Each pass keeps events in sentence order, as evs are: merging the
	// two runs sorts them stably with no comparison copying two events,
	// as a sort's do, and with evs, read no more, to hold the second run.
	// slices rather than sort: sort.SliceStable allocates (its swapper and
	// closure) on every call.
	if a, b := kept[:runs], kept[runs:]; bySentence(a) && bySentence(b) {
		mergeRuns(kept, runs, evs[:0])
	} else {
		slices.SortStableFunc(kept, func(a, b Event) int { return cmp.Compare(a.Sentence, b.Sentence) })
	}
	for i := range kept {
		slices.Sort(kept[i].Evidence)
	}
	return kept
}

// adopt lets a report that names the means ("en vejsidebombe") lend its
// mode and ACLED line to the event it merges into ("dræbte fire soldater").
// A chemical agent names the means whatever else does: ACLED codes any
// attack with one a chemical weapon attack ("a chlorine-filled barrel
// bomb").
func (d *Detector) adopt(k, e *Event) {
	chemical := e.Mode == modeChemical && k.Mode != modeChemical
	if k.Mode != "" && !chemical || e.Mode == "" {
		return
	}
	d.settle(k)
	k.Mode = e.Mode
	if k.ACLEDSub == "" || k.ACLEDSub == genericSub || chemical {
		// Only now does the merged report's own line matter: settling it
		// (the classifier's say) is left until here, as e is then
		// dropped.
		d.settle(e)
		if e.ACLEDSub != "" {
			k.ACLEDSub, k.ACLEDType = e.ACLEDSub, e.ACLEDType
		}
	}
}

// modeChemical is PLOVER's mode of chemical, biological and nuclear attacks.
const modeChemical = "unconventional"

// lend gives the event k the date and place a further report e states more
// closely: a headline rarely says when or in which town ("Eleven killed in
// raid"), its lead does ("On Tuesday, gunmen killed eleven in Boni").
// Without it the merged event is dated and placed by the article, and two
// outlets' reports of one happening fall on different days.
func lend(k, e *Event) {
	if provenance(e.DateFrom) > provenance(k.DateFrom) && e.Date != nil {
		k.Date, k.DateFrom, k.dayOwn = e.Date, e.DateFrom, e.dayOwn
	}
	if provenance(e.LocationFrom) > provenance(k.LocationFrom) && e.Location != nil {
		k.Location, k.LocationFrom = e.Location, e.LocationFrom
	}
}

// provenance ranks where an event's date or place was found: its own
// sentence says more than its paragraph, which says more than the article.
func provenance(from string) int {
	switch from {
	case "article":
		return 1
	case "paragraph":
		return 2
	case "sentence":
		return 3
	}
	return 0
}

// genericSub is the ACLED line of violence with nothing known about it.
const genericSub = "Attack"

// mergeRuns puts evs, whose evs[:m] and evs[m:] are each in sentence
// order, in sentence order, the first run's first among equals; tmp (its
// storage) holds the second run meanwhile.
func mergeRuns(evs []Event, m int, tmp []Event) {
	if m == 0 || m == len(evs) || evs[m-1].Sentence <= evs[m].Sentence {
		return // in order already
	}
	tmp = append(tmp[:0], evs[m:]...)
	i, j := m-1, len(tmp)-1
	for k := len(evs) - 1; j >= 0; k-- {
		if i >= 0 && evs[i].Sentence > tmp[j].Sentence {
			evs[k] = evs[i]
			i--
		} else {
			evs[k] = tmp[j]
			j--
		}
	}
}

// bySentence reports whether evs are in sentence order.
func bySentence(evs []Event) bool {
	for i := 1; i < len(evs); i++ {
		if evs[i].Sentence < evs[i-1].Sentence {
			return false
		}
	}
	return true
}

func compatible(a, b *Event, loose bool, published time.Time) bool {
	if a.Type != b.Type {
		return false
	}
	// One sentence reports one happening of a type: "Soldiers opened fire on
	// protesters, killing seven" is one event, whatever its two triggers say;
	// the first trigger's factuality speaks for it.
	if a.Sentence == b.Sentence {
		return true
	}
	if a.Factuality != b.Factuality {
		return false
	}
	if a.Mode != "" && b.Mode != "" && a.Mode != b.Mode {
		return false
	}
	if !datesOK(a, b, published, true) || !placesOK(a, b) {
		return false
	}
	if loose {
		return true
	}
	return partyOK(a.Actor, b.Actor) && partyOK(a.Recipient, b.Recipient)
}

func span(x *timex.Expr, published time.Time) (time.Time, time.Time) {
	if x == nil {
		return published, published
	}
	from, to := x.From, x.To
	if from.IsZero() {
		from = to
	}
	if to.IsZero() {
		to = from
	}
	if from.IsZero() {
		return published, published
	}
	return from, to
}

// datesOK says whether two events' dates may be one happening's. A day
// either way is allowed ("mandag aften" may be reported as the published
// day's eve, a toll "on Monday" for Sunday's attack) except, when apart is
// set, between two events whose own clauses name their days ("dræbte
// mandag", "blev dræbt søndag"): those are two happenings.
func datesOK(a, b *Event, published time.Time, apart bool) bool {
	af, at := span(a.Date, published)
	bf, bt := span(b.Date, published)
	if af.IsZero() || bf.IsZero() {
		return true
	}
	slack := 24 * time.Hour
	if apart && a.dayOwn && b.dayOwn && a.Date.Precision == "day" && b.Date.Precision == "day" {
		slack = 0
	}
	return !af.After(bt.Add(slack)) && !bf.After(at.Add(slack))
}

func placesOK(a, b *Event) bool {
	if a.Location == nil || b.Location == nil {
		return true
	}
	pa, pb := a.Location.Place, b.Location.Place
	if pa.Country != pb.Country {
		return false
	}
	if a.LocationFrom != "sentence" || b.LocationFrom != "sentence" {
		return true
	}
	if pa.Precision == "country" || pb.Precision == "country" {
		return true
	}
	return pa.Name == pb.Name || (pa.Admin1 != "" && pa.Admin1 == pb.Admin1)
}

// stateKind reports whether kind names a part of a state: one state's
// government, head of state and forces may be reported as one another.
func stateKind(kind string) bool {
	switch kind {
	case "government", "head_of_state", "military":
		return true
	}
	return false
}

func partyOK(p, q *Party) bool {
	if p == nil || q == nil {
		return true
	}
	if p.Country != "" && q.Country != "" && p.Country != q.Country {
		return false
	}
	if p.Kind == q.Kind {
		return true
	}
	return p.Country != "" && p.Country == q.Country && stateKind(p.Kind) && stateKind(q.Kind)
}
