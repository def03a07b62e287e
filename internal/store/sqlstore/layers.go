package sqlstore

import (
	"encoding/json"
	"fmt"

	"github.com/urodata/uro/internal/document"
)

// layers are the lists of a document below its events and figures. Nothing
// queries them: only a whole document reads them back. So an article keeps
// them as one JSON value in its row (schema 4), not as a row each in child
// tables; inserting those rows took a third of the single writer's time.
// Span texts that match their offsets are left out. They are restored from
// the article text when read, as the child tables of schemas 1–3 store NULL
// for them. Articles stored before schema 4 keep those tables, and
// readDocument still reads them.
type layers struct {
	Entities []document.Entity `json:"entities"`
	Quotes   []document.Quote  `json:"quotes"`
	Credits  []document.Credit `json:"credits"`
	Times    []document.Time   `json:"times"`
	Numbers  []document.Number `json:"numbers"`
	Places   []document.Place  `json:"places"`
	Blocks   []document.Block  `json:"blocks"`
	// Verbatim is set when every span text is stored as given: a span with
	// an empty text that its offsets contradict could not be told from one
	// whose text was left out.
	Verbatim bool `json:"verbatim,omitempty"`
}

// encodeLayers is doc's layers as stored; r is its text's code points (nil
// when the text is not valid UTF-8: then every span keeps its text).
func encodeLayers(doc *document.Document, r spans) (string, error) {
	l := layers{Places: doc.Places, Verbatim: r == nil}
	trim := func(sp document.Span) document.Span {
		if sp.Text == "" && sp.Start < sp.End {
			l.Verbatim = true
		}
		if r.text(sp) == nil {
			sp.Text = ""
		}
		return sp
	}
	trimAll := func(sps []document.Span) []document.Span {
		if sps == nil {
			return nil
		}
		out := make([]document.Span, len(sps))
		for i, sp := range sps {
			out[i] = trim(sp)
		}
		return out
	}
	l.Entities = cloneWith(doc.Entities, func(e *document.Entity) { e.Spans = trimAll(e.Spans) })
	l.Quotes = cloneWith(doc.Quotes, func(q *document.Quote) {
		q.Span = trim(q.Span)
		if q.Intro != nil {
			in := trim(*q.Intro)
			q.Intro = &in
		}
	})
	l.Credits = cloneWith(doc.Credits, func(c *document.Credit) { c.Span = trim(c.Span) })
	l.Times = cloneWith(doc.Times, func(t *document.Time) { t.Span = trim(t.Span) })
	l.Numbers = cloneWith(doc.Numbers, func(x *document.Number) { x.Span = trim(x.Span) })
	l.Blocks = cloneWith(doc.Blocks, func(b *document.Block) { b.Sentences = trimAll(b.Sentences) })
	if l.Verbatim {
		// Trimmed before the contradiction was seen: start again as given.
		l = layers{doc.Entities, doc.Quotes, doc.Credits, doc.Times, doc.Numbers, doc.Places, doc.Blocks, true}
	}
	b, err := json.Marshal(l)
	if err != nil {
		return "", fmt.Errorf("encode layers: %w", err)
	}
	return string(b), nil
}

// cloneWith is a copy of xs (nil stays nil) with f applied to each element.
func cloneWith[T any](xs []T, f func(*T)) []T {
	if xs == nil {
		return nil
	}
	out := make([]T, len(xs))
	copy(out, xs)
	for i := range out {
		f(&out[i])
	}
	return out
}

// decodeLayers fills doc's layers from their stored JSON, restoring left-out
// span texts from doc's text.
func decodeLayers(doc *document.Document, stored string) error {
	var l layers
	if err := json.Unmarshal([]byte(stored), &l); err != nil {
		return fmt.Errorf("decode layers: %w", err)
	}
	if !l.Verbatim {
		r := []rune(*doc.Text)
		fill := func(sp *document.Span) {
			if sp.Text == "" && 0 <= sp.Start && sp.Start < sp.End && sp.End <= len(r) {
				sp.Text = string(r[sp.Start:sp.End])
			}
		}
		for i := range l.Entities {
			for j := range l.Entities[i].Spans {
				fill(&l.Entities[i].Spans[j])
			}
		}
		for i := range l.Quotes {
			fill(&l.Quotes[i].Span)
			if l.Quotes[i].Intro != nil {
				fill(l.Quotes[i].Intro)
			}
		}
		for i := range l.Credits {
			fill(&l.Credits[i].Span)
		}
		for i := range l.Times {
			fill(&l.Times[i].Span)
		}
		for i := range l.Numbers {
			fill(&l.Numbers[i].Span)
		}
		for i := range l.Blocks {
			for j := range l.Blocks[i].Sentences {
				fill(&l.Blocks[i].Sentences[j])
			}
		}
	}
	doc.Entities, doc.Quotes, doc.Credits, doc.Times = l.Entities, l.Quotes, l.Credits, l.Times
	doc.Numbers, doc.Places, doc.Blocks = l.Numbers, l.Places, l.Blocks
	return nil
}
