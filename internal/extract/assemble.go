package extract

import (
	"path/filepath"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/attribution"
	"github.com/urodata/uro/internal/credit"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/entity"
	"github.com/urodata/uro/internal/event"
	"github.com/urodata/uro/internal/figure"
	"github.com/urodata/uro/internal/geocode"
	"github.com/urodata/uro/internal/number"
	"github.com/urodata/uro/internal/quote"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/internal/timex"
)

// result gathers what the layers found in one article, in byte offsets.
type result struct {
	doc      *text.Doc
	runes    *text.Runes
	numbers  []number.Quantity
	times    []timex.Expr
	entities []entity.Entity
	quotes   []quote.Quote
	credits  []credit.Credit
	places   []geocode.Mention

	published   time.Time
	sentTimes   [][]timex.Expr      // per sentence
	sentNumbers [][]number.Quantity // per sentence, without those inside times
	events      []event.Event
	eventAttr   []*attribution.Attribution // per event
	figures     []sentFigure

	buf *Buffer // where the document is made
}

// sentFigure is a figure with the sentence it was read from and its source.
type sentFigure struct {
	figure.Figure
	sentence int
	attr     *attribution.Attribution
}

// placeBox holds the values a document.Place points to: one allocation
// for all of them, or none when a document's places share an array.
type placeBox struct {
	lat, lon   float64
	id         int
	admin1     string
	start, end int
}

// placeIn converts a geocoded place to the contract's Place, with the
// values it points to in box.
func placeIn(p geocode.Place, box *placeBox) document.Place {
	out := document.Place{Text: p.Text, Name: p.Name, Country: p.Country, Precision: p.Precision}
	box.lat, box.lon = p.Lat, p.Lon
	out.Lat, out.Lon = &box.lat, &box.lon
	if p.Admin1 != "" {
		box.admin1 = p.Admin1
		out.Admin1 = &box.admin1
	}
	if p.GeonamesID != 0 {
		box.id = p.GeonamesID
		out.GeonamesID = &box.id
	}
	return out
}

// geocoded reports whether any mention of e was resolved by the geocoder.
func (r *result) geocoded(e entity.Entity) bool {
	for _, m := range e.Mentions {
		if _, ok := r.placeAt(m.Start, m.End); ok {
			return true
		}
	}
	return false
}

// placeAt returns the place mention that covers [start, end), if any.
func (r *result) placeAt(start, end int) (geocode.Mention, bool) {
	for _, m := range r.places {
		if m.Start <= start && end <= m.End || start <= m.Start && m.End <= end {
			return m, true
		}
	}
	return geocode.Mention{}, false
}

// span converts a byte range to the contract's code-point Span.
func (r *result) span(start, end int) document.Span {
	return document.Span{Text: r.doc.Text[start:end], Start: r.runes.Offset(start), End: r.runes.Offset(end)}
}

// datep formats a date as time.DateOnly does.
func datep(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		s := t.Format(time.DateOnly)
		return &s
	}
	// time.DateOnly by hand: Format parses its layout on every call.
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + d/10), byte('0' + d%10)}
	s := string(b[:])
	return &s
}

func (r *result) document(a *article.Article, lang string, published time.Time, opt Options) *document.Document {
	// Every entity's mentions and every quote's intro take their spans
	// from one array.
	nspans := 0
	for _, e := range r.entities {
		nspans += len(e.Mentions)
	}
	for _, q := range r.quotes {
		if q.Intro.End > q.Intro.Start {
			nspans++
		}
	}
	b := r.buf
	sl := &b.sl
	r.size(sl, opt.IncludeText)
	spans := reuse(&b.spans, nspans)
	d := &b.doc
	*d = document.Document{
		Schema:    document.Schema,
		ID:        sl.id(r.doc.Text),
		Language:  lang,
		Published: sl.date(published),
		Events:    []document.Event{},
		Figures:   []document.Figure{},
		Entities:  reuse(&b.entities, len(r.entities)),
		Quotes:    reuse(&b.quotes, len(r.quotes)),
		Credits:   reuse(&b.credits, len(r.credits)),
		Times:     reuse(&b.times, len(r.times)),
		Numbers:   reuse(&b.numbers, len(r.numbers)),
		Warnings:  a.Warnings,
	}
	if a.Path != "" {
		d.Source.Path = take(&sl.strs, filepath.Base(a.Path))
	}
	url := a.URL
	if url == "" {
		url = opt.URL
	}
	d.Source.URL = sl.str(url)
	d.Source.Site = sl.str(a.Site)
	d.Title = sl.str(a.Title)
	if d.Title == nil && len(r.doc.Blocks) > 0 && r.doc.Blocks[0].Kind == text.Headline {
		b := r.doc.Blocks[0]
		d.Title = sl.str(r.doc.Text[b.Start:b.End])
	}
	if opt.IncludeText {
		d.Text = take(&sl.strs, r.doc.Text)
		if len(r.doc.Blocks) > 0 {
			d.Blocks = reuse(&b.blocks, len(r.doc.Blocks))
		}
		sents := reuse(&b.sents, len(r.doc.Sentences)) // every block's, one array
		for _, b := range r.doc.Blocks {
			at := len(sents)
			for _, si := range b.Sentences {
				s := r.doc.Sentences[si]
				sents = append(sents, r.span(s.Start, s.End))
			}
			d.Blocks = append(d.Blocks, document.Block{Kind: b.Kind.String(), Start: r.runes.Offset(b.Start), End: r.runes.Offset(b.End), Sentences: sents[at:len(sents):len(sents)]})
		}
	}
	for _, t := range r.times {
		d.Times = append(d.Times, document.Time{
			When:  sl.when(t),
			Span:  r.span(t.Start, t.End),
			Until: t.Until,
			Since: t.Since,
		})
	}
	for _, q := range r.numbers {
		n := document.Number{Kind: q.Kind.String(), Min: q.Min, Qualifier: q.Qualifier, Span: r.span(q.Start, q.End)}
		if q.HasMax {
			n.Max = sl.int64(q.Max)
		}
		d.Numbers = append(d.Numbers, n)
	}
	for _, e := range r.entities {
		if e.Kind == entity.Place && !r.geocoded(e) {
			// The geocoder, which reads the whole gazetteer, is the authority on
			// places: a capitalised word it cannot place ("Krise" of "Psykiatri i
			// Krise") is not reported as one.
			continue
		}
		at := len(spans)
		spans = spans[:at+len(e.Mentions)]
		de := document.Entity{Text: e.Name, Kind: e.Kind.String(), Role: sl.str(e.Role), RoleKind: sl.str(e.RoleKind), OrgKind: sl.str(e.OrgKind), Country: sl.str(e.Country), Spans: spans[at:at:len(spans)]}
		for _, m := range e.Mentions {
			de.Spans = append(de.Spans, r.span(m.Start, m.End))
			// a place entity takes its country from the geocoder
			if e.Kind == entity.Place && de.Country == nil {
				if pm, ok := r.placeAt(m.Start, m.End); ok && pm.Place.Country != "" {
					de.Country = sl.str(pm.Place.Country)
				}
			}
		}
		d.Entities = append(d.Entities, de)
	}
	for _, q := range r.quotes {
		dq := document.Quote{Speaker: sl.str(q.Speaker), Text: q.Text, Span: r.span(q.Start, q.End)}
		if q.Intro.End > q.Intro.Start {
			dq.Intro = take(&spans, r.span(q.Intro.Start, q.Intro.End))
		}
		d.Quotes = append(d.Quotes, dq)
	}
	var boxes []placeBox // what the places point to, one array
	for _, m := range r.places {
		if m.InOrg {
			continue
		}
		if d.Places == nil {
			n := 0
			for _, m := range r.places {
				if !m.InOrg {
					n++
				}
			}
			d.Places = reuse(&b.places, n) // nil (null) when there is none
			boxes = zeroed(&b.pboxes, n)
		}
		box := &boxes[len(d.Places)]
		p := placeIn(m.Place, box)
		p.Text = m.Text
		box.start, box.end = r.runes.Offset(m.Start), r.runes.Offset(m.End)
		p.Start, p.End = &box.start, &box.end
		d.Places = append(d.Places, p)
	}
	d.Events, d.PrimaryEvent = r.documentEvents(sl)
	d.Figures = r.documentFigures(sl, d.Events)
	for _, c := range r.credits {
		ag := c.Agencies
		if ag == nil {
			ag = []string{}
		}
		d.Credits = append(d.Credits, document.Credit{Name: sl.str(c.Name), Agencies: ag, Span: r.span(c.Start, c.End)})
	}
	return d
}
