package sqlstore

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/incident"
	"github.com/urodata/uro/internal/store"
)

// prepared is a document made ready for a write transaction: the values of
// its rows, its events as merging reads them, and the summaries of the
// incidents its events make on their own. None of it needs the database, so
// an ingest computes it on its extraction workers (Prepare) and the one
// writer only runs statements.
type prepared struct {
	doc *document.Document
	// article is the row of articles, without its number; its last value
	// is the document's layers.
	article []any
	// tables are the rows of its events and figures; the first
	// column of every row is the article number and an event's incident is
	// eventIncidentCol, both set by the writer (so a prepared document is
	// stored by one transaction at a time).
	tables []tableRows
	evs    []incident.Event
	rows   []store.EventRow // the events as summarize reads them
	// local are the incidents the events make when no stored event joins
	// them (incident.Cluster over evs alone), by id: most articles report
	// happenings no other article in the store does.
	local map[string]*summary
	// counts are the article's events counted by day, type and country.
	counts map[countKey]int
}

// tableRows are rows of one table, flattened: ncol values a row.
type tableRows struct {
	table, cols string
	ncol        int
	args        []any
}

func (t *tableRows) add(row ...any) { t.args = append(t.args, row...) }

// summary is an incident summarised and encoded, ready to write.
type summary struct {
	inc  store.Incident // its Events are its member keys, sorted
	body string
}

// countKey is one counter of event_counts.
type countKey struct{ dim, value string }

// Prepare makes doc ready for PutPrepared; it may run on any goroutine, and
// is the part of storing an article that needs no database.
func (s *DB) Prepare(doc *document.Document, meta store.Meta) (store.Prepared, error) {
	return prepare(doc, meta)
}

func (p *prepared) Document() *document.Document { return p.doc }

func checkDoc(doc *document.Document) error {
	if doc == nil || doc.Text == nil {
		return errors.New("store article: document without text (extract it with its text)")
	}
	if doc.ID == "" {
		return errors.New("store article: document without id")
	}
	return nil
}

// eventIncidentCol is where in an events row its incident goes (after
// article, ord, id, key).
const eventIncidentCol = 4

func prepare(doc *document.Document, meta store.Meta) (*prepared, error) {
	if err := checkDoc(doc); err != nil {
		return nil, err
	}
	if meta.Fetched.IsZero() {
		meta.Fetched = time.Now()
	}
	p := &prepared{doc: doc}
	var warnings, feed any
	if len(doc.Warnings) > 0 {
		warnings = jsonList(doc.Warnings)
	}
	if meta.Feed != "" {
		feed = meta.Feed
	}
	var r spans
	if utf8.ValidString(*doc.Text) {
		r = spans([]rune(*doc.Text))
	}
	layers, err := encodeLayers(doc, r)
	if err != nil {
		return nil, fmt.Errorf("store article %s: %w", doc.ID, err)
	}
	p.article = []any{doc.ID, doc.Schema, doc.Source.URL, doc.Source.Path, doc.Source.Site, doc.Title, doc.Language, doc.Published,
		doc.PrimaryEvent, *doc.Text, warnings, nilBits(doc), meta.Fetched.UTC().UnixNano(), feed, len(doc.Events), layers}
	p.tables = findingRows(doc)
	if err := driverValues(p.article); err != nil {
		return nil, fmt.Errorf("store article %s: %w", doc.ID, err)
	}
	for _, t := range p.tables {
		if err := driverValues(t.args); err != nil {
			return nil, fmt.Errorf("store article %s: %s: %w", doc.ID, t.table, err)
		}
	}

	pub := deref(doc.Published)
	p.evs = make([]incident.Event, len(doc.Events))
	for i, e := range doc.Events {
		p.evs[i] = incident.Of(doc.ID, pub, e)
	}
	// The new events as summarize would read them back, so that it need
	// not: most new events start or join small incidents.
	art := store.ArticleRow{ID: doc.ID, URL: deref(doc.Source.URL), Path: deref(doc.Source.Path), Site: deref(doc.Source.Site),
		Title: deref(doc.Title), Lang: doc.Language, Published: pub, Fetched: time.Unix(0, meta.Fetched.UTC().UnixNano()).UTC(),
		Events: len(doc.Events)}
	p.rows = make([]store.EventRow, len(doc.Events))
	p.counts = map[countKey]int{}
	for i, e := range doc.Events {
		row := store.EventRow{Key: p.evs[i].Key, Article: art, Event: e, Figures: []document.Figure{}}
		for _, f := range doc.Figures {
			if f.Event != nil && *f.Event == e.ID {
				row.Figures = append(row.Figures, f)
			}
		}
		p.rows[i] = row
		start, _ := eventDays(doc, e)
		country := ""
		if e.Location != nil {
			country = e.Location.Country
		}
		p.counts[countKey{"day", start}]++
		p.counts[countKey{"type", e.Type}]++
		p.counts[countKey{"country", country}]++
	}
	p.local = map[string]*summary{}
	for _, c := range incident.Cluster(p.evs) {
		members := make([]store.EventRow, len(c))
		for j, i := range c {
			members[j] = p.rows[i]
		}
		sum, err := summarizeIncident(members)
		if err != nil {
			return nil, err
		}
		p.local[sum.inc.ID] = sum
	}
	return p, nil
}

// summarizeIncident summarises an incident's events and encodes it for its
// row.
func summarizeIncident(members []store.EventRow) (*summary, error) {
	inc := incident.Summarize(members)
	body, err := inc.MarshalJSON() // json.Marshal would re-read it to compact it
	if err != nil {
		return nil, fmt.Errorf("encode incident %s: %w", inc.ID, err)
	}
	return &summary{inc: inc, body: string(body)}, nil
}

// findingRows are the rows of doc's events and figures, which the store
// queries; the rest of what was extracted is its layers. Events have no
// incident yet (eventIncidentCol).
func findingRows(doc *document.Document) []tableRows {
	t := []tableRows{
		{table: "events", cols: eventInsertCols},
		{table: "figures", cols: `article, ord, kind, min, max, qualifier, who_text, who_kind, event, attr_text, attr_source, attr_kind, text,
			evidence_text, evidence_start, evidence_end`},
	}
	events, figures := &t[0], &t[1]
	events.ncol = eventWidth
	for i, e := range doc.Events {
		events.args = appendEventArgs(events.args, i, doc, e)
	}
	figures.ncol = 16
	for i, f := range doc.Figures {
		w := who(f.Who)
		a := attribution(f.Attribution)
		figures.add(nil, i, f.Kind, f.Min, f.Max, f.Qualifier, w[0], w[1], f.Event, a[0], a[1], a[2], f.Text,
			f.Evidence.Text, f.Evidence.Start, f.Evidence.End)
	}
	return t
}

// driverValues converts args in place to the values database/sql would
// bind (ints to int64, pointers to what they point at or nil, named string
// types to string), so that the writer binds them as they are instead of
// converting each by reflection.
func driverValues(args []any) error {
	for i, v := range args {
		if driver.IsValue(v) {
			continue
		}
		dv, err := driver.DefaultParameterConverter.ConvertValue(v)
		if err != nil {
			return fmt.Errorf("value %d (%T): %w", i, v, err)
		}
		args[i] = dv
	}
	return nil
}

// number sets the article number of every row.
func (p *prepared) number(n int64) {
	for _, t := range p.tables {
		for i := 0; i < len(t.args); i += t.ncol {
			t.args[i] = n
		}
	}
}
