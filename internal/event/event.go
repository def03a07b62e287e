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
	"fmt"
	"io/fs"
	"sort"
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

// Default thresholds of the classifier's PLOVER probability, calibrated on
// testdata/dev (see TestCalibrate): a sentence with no trigger becomes an
// event only when the classifier is this sure; a weak trigger needs less.
const (
	DefaultThreshold     = 0.97
	DefaultWeakThreshold = 0.5
)

// Detector finds events for one language. It is safe for concurrent use.
type Detector struct {
	lang     string
	model    *classify.Model
	trig     *index
	triggers []trigger
	cues     *index
	cueRows  []cue
	actors   *index
	actorKs  []string
	cb       *codebook
	// Threshold and WeakThreshold may be changed before use (calibration).
	Threshold, WeakThreshold float64
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
	DateFrom            string           // sentence | article
	Evidence            []int            // sentences that report it
	// Source says what found it: the trigger row (file:line) or "classifier".
	Source string

	backdrop bool // cause or background of another event: merges freely
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
	d := &Detector{lang: lang, model: model, Threshold: DefaultThreshold, WeakThreshold: DefaultWeakThreshold}
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
	return d, nil
}

// Lang is the detector's language.
func (d *Detector) Lang() string { return d.lang }

// Find returns the events of an article, one per happening, in text order.
func (d *Detector) Find(in Input) []Event {
	if in.Doc == nil {
		return nil
	}
	art := newStory(in)
	var evs []Event
	for si := range in.Doc.Sentences {
		s := &in.Doc.Sentences[si]
		if s.Caption || (s.Block < len(in.Doc.Blocks) && in.Doc.Blocks[s.Block].Kind == text.Caption) {
			continue
		}
		evs = append(evs, d.sentence(art, si)...)
	}
	for i := range evs {
		d.refine(&evs[i])
		art.place(&evs[i])
		art.date(&evs[i])
		if evs[i].Date != nil && evs[i].Date.Future && evs[i].Factuality == Asserted {
			evs[i].Factuality = Planned // "på fredag", "next week"
		}
	}
	return dedup(evs, in.Published)
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

// allMatches returns every match of x (cues may overlap).
func allMatches(x *index, toks []text.Token) []match {
	var out []match
	for i := range toks {
		x.at(toks, i, func(id, end int) { out = append(out, match{id, i, end}) })
	}
	return out
}

func (d *Detector) sentence(art *story, si int) []Event {
	in := art.in
	s := &in.Doc.Sentences[si]
	toks := s.Tokens
	if len(toks) == 0 {
		return nil
	}
	trs := scan(d.trig, toks)
	if len(trs) == 0 && (d.model == nil || !art.namesParty(d, si)) {
		// The classifier speaks only for sentences that name someone who
		// could act: descriptions and background ("Prisen på benzin er
		// steget") are left alone, and most sentences cost two look-ups.
		return nil
	}
	sc := &sent{d: d, art: art, si: si, toks: toks}
	sc.cues = allMatches(d.cues, toks)
	sc.parties = art.candidates(d, si)
	var evs []Event
	var blocks []match
	for _, m := range trs {
		if d.triggers[m.id].kind == kindBlock {
			blocks = append(blocks, m)
		}
	}
	var pred *classify.Prediction
	predict := func() *classify.Prediction {
		if pred == nil && d.model != nil {
			p := d.model.Predict(classify.Words(toks))
			pred = &p
		}
		return pred
	}
	for _, m := range trs {
		t := d.triggers[m.id]
		if t.kind == kindBlock || inside(m, blocks) || sc.isParty(m) {
			continue
		}
		if t.kind == kindWeak {
			p := predict()
			if p == nil || p.PLOVER != t.typ || p.PLOVERScore < d.WeakThreshold {
				continue
			}
		}
		evs = append(evs, sc.event(m, t))
	}
	// A trigger that is also the cue negating another event ("police denied
	// firing") reports that event's denial, not an event of its own.
	out := evs[:0]
	for _, e := range evs {
		drop := false
		for _, c := range sc.used {
			if toks[c.start].Start == e.Trigger.Start && toks[c.end-1].End == e.Trigger.End {
				drop = true
			}
		}
		if !drop {
			out = append(out, e)
		}
	}
	evs = out
	if len(evs) == 0 && len(trs) == 0 && d.model != nil {
		if p := predict(); p.PLOVER != classify.NoPLOVER && isPlover(p.PLOVER) && p.PLOVERScore >= d.Threshold {
			e := Event{Sentence: si, Type: p.PLOVER, Factuality: Asserted, Evidence: []int{si}, Source: "classifier",
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
	if from == "" {
		from = "-"
	}
	for _, r := range d.cb.acled {
		if r.typ != e.Type || (r.mode != "*" && r.mode != e.Mode) || !kindOK(r.actor, ak) || !kindOK(r.recipient, rk) {
			continue
		}
		if r.from != "*" && r.from != from {
			continue
		}
		e.ACLEDSub = r.to
		break
	}
	if e.ACLEDSub != "" {
		e.ACLEDType = classify.EventType(e.ACLEDSub)
	}
}

func kindOK(rule, k string) bool {
	return rule == "*" || rule == k
}

// dedup merges the reports of one happening. Events with parties of their
// own merge only with compatible ones (a true repeat: the headline and the
// lead); events with no parties, or reported as the background of another,
// are further reports of an event already found when type, mode, date and
// place agree.
func dedup(evs []Event, published time.Time) []Event {
	var kept []Event
	loose := func(e *Event) bool { return e.backdrop || (e.Actor == nil && e.Recipient == nil) }
	for pass := 0; pass < 2; pass++ {
		for i := range evs {
			e := &evs[i]
			if loose(e) != (pass == 1) {
				continue
			}
			merged := false
			for k := range kept {
				if compatible(&kept[k], e, pass == 1, published) {
					adopt(&kept[k], e)
					kept[k].Evidence = appendUnique(kept[k].Evidence, e.Sentence)
					merged = true
					break
				}
			}
			if !merged {
				kept = append(kept, *e)
			}
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Sentence < kept[j].Sentence })
	for i := range kept {
		sort.Ints(kept[i].Evidence)
	}
	return kept
}

// adopt lets a report that names the means ("en vejsidebombe") lend its
// mode and ACLED line to the event it merges into ("dræbte fire soldater").
func adopt(k, e *Event) {
	if k.Mode != "" || e.Mode == "" {
		return
	}
	k.Mode = e.Mode
	if e.ACLEDSub != "" && (k.ACLEDSub == "" || k.ACLEDSub == genericSub) {
		k.ACLEDSub, k.ACLEDType = e.ACLEDSub, e.ACLEDType
	}
}

// genericSub is the ACLED line of violence with nothing known about it.
const genericSub = "Attack"

func appendUnique(xs []int, x int) []int {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

func compatible(a, b *Event, loose bool, published time.Time) bool {
	if a.Type != b.Type || a.Factuality != b.Factuality {
		return false
	}
	// One sentence reports one happening of a type: "Soldiers opened fire on
	// protesters, killing seven" is one event, whatever its two triggers say.
	if a.Sentence == b.Sentence {
		return true
	}
	if a.Mode != "" && b.Mode != "" && a.Mode != b.Mode {
		return false
	}
	if !datesOK(a.Date, b.Date, published) || !placesOK(a, b) {
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

func datesOK(a, b *timex.Expr, published time.Time) bool {
	af, at := span(a, published)
	bf, bt := span(b, published)
	if af.IsZero() || bf.IsZero() {
		return true
	}
	day := 24 * time.Hour
	return !af.After(bt.Add(day)) && !bf.After(at.Add(day))
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

// stateKinds name the parts of a state: one state's government, head of
// state and forces may be reported as one another.
var stateKinds = map[string]bool{"government": true, "head_of_state": true, "military": true}

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
	return p.Country != "" && p.Country == q.Country && stateKinds[p.Kind] && stateKinds[q.Kind]
}
