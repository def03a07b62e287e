package extract

import (
	"strconv"
	"time"

	"github.com/urodata/uro/internal/attribution"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/event"
	"github.com/urodata/uro/internal/text"
)

// attributionOf converts a found source to the contract's Attribution; a
// sentence that names none is "unattributed": the article's own claim.
func attributionOf(a *attribution.Attribution) document.Attribution {
	if a == nil {
		return document.Attribution{Text: "", Source: "article", Kind: "unattributed"}
	}
	return document.Attribution{Text: a.Text, Source: a.Source, Kind: a.Kind}
}

// eventIDs are the ids of an article's first events, made once.
var eventIDs = func() []string {
	ids := make([]string, 64)
	for i := range ids {
		ids[i] = "e" + strconv.Itoa(i+1)
	}
	return ids
}()

func eventID(i int) string {
	if i < len(eventIDs) {
		return eventIDs[i]
	}
	return "e" + strconv.Itoa(i+1)
}

// sentenceSpan is the evidence of sentence si.
func (r *result) sentenceSpan(si int) document.Span {
	s := r.doc.Sentences[si]
	return r.span(s.Start, s.End)
}

// documentEvents converts the events and names the primary one: the first
// event read from the headline or the lead paragraph (by rank), else the
// first event;
// but a demonstration that the lead reports met by the police or turning
// violent is the primary event rather than the arrests or the violence
// told with it, as ACLED codes one event for the demonstration ("police
// arrested 3 demonstrators during a march" is a protest with intervention).
func (r *result) documentEvents(sl *slabs) ([]document.Event, *string) {
	out := reuse(&r.buf.events, len(r.events))
	boxes := zeroed(&r.buf.eboxes, len(r.events))
	primary := -1
	lead := r.leadBlock()
	isLead := func(si int) bool {
		bi := r.doc.Sentences[si].Block
		return bi == lead || bi < lead && r.doc.Blocks[bi].Kind == text.Headline
	}
	for i := range r.events {
		e := &r.events[i]
		box := &boxes[i]
		box.attr = attributionOf(r.eventAttr[i])
		de := document.Event{
			ID:          eventID(i),
			Type:        e.Type,
			Context:     e.Context,
			Factuality:  e.Factuality,
			Actor:       sl.party(e.Actor),
			Recipient:   sl.party(e.Recipient),
			Attribution: &box.attr,
			Trigger:     r.span(e.Trigger.Start, e.Trigger.End),
			Evidence:    r.sentenceSpan(e.Sentence),
		}
		if e.Mode != "" {
			box.mode = e.Mode
			de.Mode = &box.mode
		}
		if de.Context == nil {
			de.Context = []string{}
		}
		if e.ACLEDType != "" {
			box.acled = document.ACLED{EventType: e.ACLEDType, SubEventType: e.ACLEDSub}
			de.ACLED = &box.acled
		}
		if e.Location != nil {
			de.Location = sl.place(e.Location.Place)
			de.Location.Text = e.Location.Text
		}
		switch {
		case e.Date != nil:
			box.when = document.When{Text: e.Date.Text, Start: sl.date(e.Date.From), End: sl.date(e.Date.To), Precision: e.Date.Precision}
			de.Date = &box.when
		case !r.published.IsZero():
			// no time expression: the article's date, as ACLED codes a report
			box.when = document.When{Text: "", Start: sl.date(r.published), End: sl.date(r.published), Precision: "day"}
			de.Date = &box.when
		}
		if primary < 0 || rank(e) > rank(&r.events[primary]) {
			lead := isLead(e.Sentence)
			for _, si := range e.Evidence {
				lead = lead || isLead(si)
			}
			if lead {
				primary = i
			}
		}
		out = append(out, de)
	}
	if primary >= 0 && r.events[primary].Policing() {
		// by index: an event.Event is too large to copy for a look.
		for i := range r.events {
			if e := &r.events[i]; e.Confronted() && isLead(e.Sentence) {
				primary = i
				break
			}
		}
	}
	if primary < 0 && len(out) > 0 {
		primary = 0
	}
	if primary < 0 {
		return out, nil
	}
	return out, &out[primary].ID
}

// rank orders the lead's events for primary: one that happened and that
// ACLED codes, then one that happened, then the rest ("demanding" a wage
// beside the strike it explains is no ACLED event).
func rank(e *event.Event) int {
	switch {
	case e.Factuality != event.Asserted:
		return 0
	case e.ACLEDType == "":
		return 1
	}
	return 2
}

// leadBlock is the index of the first paragraph of prose (or quote block):
// with the headline blocks before it, the lead. It is len(Blocks) when
// there is none: then the headlines alone are.
func (r *result) leadBlock() int {
	for bi, b := range r.doc.Blocks {
		if b.Kind == text.Paragraph || b.Kind == text.QuoteBlock {
			return bi
		}
	}
	return len(r.doc.Blocks)
}

// figureFits says which event types a figure of each kind can belong to,
// best first; a figure goes to the first event of its sentence that fits.
var figureFits = map[string][]string{
	"killed":            {"ASSAULT"},
	"injured":           {"ASSAULT"},
	"missing":           {"ASSAULT", "COERCE"},
	"arrested":          {"COERCE", "ASSAULT", "PROTEST"},
	"detained_released": {"RETREAT", "AGREE", "CONCEDE", "COERCE"},
	"participants":      {"PROTEST"},
	"displaced":         {"ASSAULT", "COERCE"},
}

// documentFigures converts the figures and attaches each to the event of its
// sentence (or of its paragraph) that it counts.
func (r *result) documentFigures(sl *slabs, evs []document.Event) []document.Figure {
	out := reuse(&r.buf.figures, len(r.figures))
	boxes := zeroed(&r.buf.fboxes, len(r.figures))
	for i := range r.figures {
		f := &r.figures[i]
		box := &boxes[i]
		box.attr = attributionOf(f.attr)
		df := document.Figure{
			Kind:        f.Kind,
			Min:         f.Min,
			Qualifier:   f.Qualifier,
			Attribution: &box.attr,
			Text:        r.doc.Text[f.Start:f.End],
			Evidence:    r.sentenceSpan(f.sentence),
		}
		if f.HasMax {
			box.max = f.Max
			df.Max = &box.max
		}
		if f.Negated {
			df.Min, df.Qualifier = 0, "exact"
			box.max = 0
			df.Max = &box.max
		}
		if f.Who != "" || f.WhoKind != "" {
			box.who = document.Who{Text: f.Who, Kind: f.WhoKind}
			df.Who = &box.who
		}
		if i := r.eventFor(f); i >= 0 {
			df.Event = &evs[i].ID
		}
		out = append(out, df)
	}
	return out
}

// eventFor picks the event a figure counts: one reported in the figure's own
// sentence whose type fits the figure's kind, else one in the same block.
func (r *result) eventFor(f *sentFigure) int {
	block := r.doc.Sentences[f.sentence].Block
	best, bestRank := -1, 1<<30
	fits := figureFits[f.Kind]
	for i := range r.events {
		e := &r.events[i]
		rank := -1
		for k, t := range fits {
			if e.Type == t {
				rank = k
				break
			}
		}
		if rank < 0 {
			continue
		}
		same := e.Sentence == f.sentence
		for _, si := range e.Evidence {
			same = same || si == f.sentence
		}
		switch {
		case same:
		case r.doc.Sentences[e.Sentence].Block == block:
			rank += 10
		case r.sameTime(f.sentence, e):
			// A count in a paragraph of its own ("Politiet anslår, at 12.000
			// deltog.") belongs to the article's event it fits, the earliest
			// first, unless its sentence dates it elsewhere (a background
			// paragraph recalling an old attack).
			rank += 20
		default:
			continue
		}
		if rank < bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}

// sameTime reports whether sentence si's own dates (if it has any) fall
// within a week of event e's date, so that a figure there may count e.
func (r *result) sameTime(si int, e *event.Event) bool {
	day := r.published
	if e.Date != nil && !e.Date.From.IsZero() {
		day = e.Date.From
	}
	if si >= len(r.sentTimes) || day.IsZero() {
		return true
	}
	// A sentence without a date of its own is dated by its paragraph: in
	// "Memories of the June 2024 protests remain raw. Rights groups said
	// more than 60 were killed." the count is 2024's.
	block := r.doc.Sentences[si].Block
	for k := si; k >= 0 && r.doc.Sentences[k].Block == block; k-- {
		dated := false
		for _, t := range r.sentTimes[k] {
			if t.From.IsZero() {
				continue
			}
			dated = true
			if d := t.From.Sub(day); d > 7*24*time.Hour || d < -7*24*time.Hour {
				return false
			}
		}
		if dated {
			return true
		}
	}
	return true
}
