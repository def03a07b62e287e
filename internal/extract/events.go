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
func attributionOf(a *attribution.Attribution) *document.Attribution {
	if a == nil {
		return &document.Attribution{Text: "", Source: "article", Kind: "unattributed"}
	}
	return &document.Attribution{Text: a.Text, Source: a.Source, Kind: a.Kind}
}

func partyOf(p *event.Party) *document.Party {
	if p == nil {
		return nil
	}
	return &document.Party{Text: p.Text, Name: p.Name, Kind: p.Kind, Country: strp(p.Country)}
}

// sentenceSpan is the evidence of sentence si.
func (r *result) sentenceSpan(si int) document.Span {
	s := r.doc.Sentences[si]
	return r.span(s.Start, s.End)
}

// documentEvents converts the events and names the primary one: the first
// event read from the headline or the lead paragraph, else the first event.
func (r *result) documentEvents() ([]document.Event, *string) {
	out := make([]document.Event, 0, len(r.events))
	var primary *string
	lead := r.leadBlocks()
	for i, e := range r.events {
		id := "e" + strconv.Itoa(i+1)
		de := document.Event{
			ID:          id,
			Type:        e.Type,
			Mode:        strp(e.Mode),
			Context:     e.Context,
			Factuality:  e.Factuality,
			Actor:       partyOf(e.Actor),
			Recipient:   partyOf(e.Recipient),
			Attribution: attributionOf(r.eventAttr[i]),
			Trigger:     r.span(e.Trigger.Start, e.Trigger.End),
			Evidence:    r.sentenceSpan(e.Sentence),
		}
		if de.Context == nil {
			de.Context = []string{}
		}
		if e.ACLEDType != "" {
			de.ACLED = &document.ACLED{EventType: e.ACLEDType, SubEventType: e.ACLEDSub}
		}
		if e.Location != nil {
			p := placeOf(e.Location.Place)
			p.Text = e.Location.Text
			de.Location = &p
		}
		switch {
		case e.Date != nil:
			de.Date = &document.When{Text: e.Date.Text, Start: datep(e.Date.From), End: datep(e.Date.To), Precision: e.Date.Precision}
		case !r.published.IsZero():
			// no time expression: the article's date, as ACLED codes a report
			de.Date = &document.When{Text: "", Start: datep(r.published), End: datep(r.published), Precision: "day"}
		}
		if primary == nil {
			if lead[r.doc.Sentences[e.Sentence].Block] {
				primary = &id
			}
			for _, si := range e.Evidence {
				if primary == nil && lead[r.doc.Sentences[si].Block] {
					primary = &id
				}
			}
		}
		out = append(out, de)
	}
	if primary == nil && len(out) > 0 {
		primary = &out[0].ID
	}
	return out, primary
}

// leadBlocks marks the headline and the first paragraph of prose.
func (r *result) leadBlocks() map[int]bool {
	lead := map[int]bool{}
	for bi, b := range r.doc.Blocks {
		switch b.Kind {
		case text.Headline:
			lead[bi] = true
		case text.Paragraph, text.QuoteBlock:
			lead[bi] = true
			return lead
		}
	}
	return lead
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
func (r *result) documentFigures(evs []document.Event) []document.Figure {
	out := make([]document.Figure, 0, len(r.figures))
	for _, f := range r.figures {
		df := document.Figure{
			Kind:        f.Kind,
			Min:         f.Min,
			Qualifier:   f.Qualifier,
			Attribution: attributionOf(f.attr),
			Text:        r.doc.Text[f.Start:f.End],
			Evidence:    r.sentenceSpan(f.sentence),
		}
		if f.HasMax {
			m := f.Max
			df.Max = &m
		}
		if f.Negated {
			df.Min, df.Qualifier = 0, "exact"
			zero := int64(0)
			df.Max = &zero
		}
		if f.Who != "" || f.WhoKind != "" {
			df.Who = &document.Who{Text: f.Who, Kind: f.WhoKind}
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
func (r *result) eventFor(f sentFigure) int {
	block := r.doc.Sentences[f.sentence].Block
	best, bestRank := -1, 1<<30
	for i, e := range r.events {
		rank := -1
		for k, t := range figureFits[f.Kind] {
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
func (r *result) sameTime(si int, e event.Event) bool {
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
