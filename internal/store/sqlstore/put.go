package sqlstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/store"
)

// Bits of articles.nils: which of the document's always-present lists were
// null rather than empty, so the JSON reads back byte for byte.
const (
	nilEvents = 1 << iota
	nilFigures
	nilEntities
	nilQuotes
	nilCredits
	nilTimes
	nilNumbers
)

// Put stores doc and merges its events into incidents, in one transaction.
func (s *DB) Put(ctx context.Context, doc *document.Document, meta store.Meta) (bool, error) {
	added, err := s.PutMany(ctx, []*document.Document{doc}, meta)
	if err != nil {
		return false, err
	}
	return added[0], nil
}

// PutMany stores docs as Put does, all in one transaction: ingesting in
// batches saves a commit (and its fsync) per article. added[i] tells whether
// docs[i] was new; a duplicate inside the batch counts as already stored.
func (s *DB) PutMany(ctx context.Context, docs []*document.Document, meta store.Meta) ([]bool, error) {
	for _, doc := range docs {
		if doc == nil || doc.Text == nil {
			return nil, errors.New("store article: document without text (extract it with its text)")
		}
		if doc.ID == "" {
			return nil, errors.New("store article: document without id")
		}
	}
	if meta.Fetched.IsZero() {
		meta.Fetched = time.Now()
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store articles: begin: %w", err)
	}
	defer reuseStmts(tx)()
	defer tx.Rollback()
	r := runner{s, tx}
	w := newWork()
	added := make([]bool, len(docs))
	for i, doc := range docs {
		added[i], err = s.putDeferred(ctx, r, doc, meta, w)
		if err != nil {
			return nil, fmt.Errorf("store article %s: %w", doc.ID, err)
		}
	}
	if err := s.finish(ctx, r, w); err != nil {
		return nil, fmt.Errorf("store articles: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store articles: commit: %w", err)
	}
	return added, nil
}

// work is what a write transaction leaves to its end: the incidents whose
// members changed, summarised once however many articles of a batch join
// them, and the full-text rows, indexed together so that FTS5 flushes its
// pending terms once per transaction instead of at every later statement.
type work struct {
	dirty  map[string]bool           // incidents to summarise and write
	minKey map[string]string         // smallest member key of incidents this transaction named
	rows   map[string]store.EventRow // events this transaction put, by key, as summarize reads them
	texts  []textRow
}

type textRow struct {
	n           int64
	title, text string
}

func newWork() *work {
	return &work{dirty: map[string]bool{}, minKey: map[string]string{}, rows: map[string]store.EventRow{}}
}

// finish does w's work: the incidents, then the full-text index.
func (s *DB) finish(ctx context.Context, tx runner, w *work) error {
	if err := s.summarize(ctx, tx, w); err != nil {
		return fmt.Errorf("merge incidents: %w", err)
	}
	for _, t := range w.texts {
		if err := s.d.indexText(ctx, tx, t.n, t.title, t.text); err != nil {
			return fmt.Errorf("index article text: %w", err)
		}
	}
	w.texts = w.texts[:0]
	return nil
}

// put stores doc and finishes its incidents and index entry.
func (s *DB) put(ctx context.Context, tx runner, doc *document.Document, meta store.Meta) (bool, error) {
	w := newWork()
	added, err := s.putDeferred(ctx, tx, doc, meta, w)
	if err != nil || !added {
		return added, err
	}
	return true, s.finish(ctx, tx, w)
}

// putDeferred stores doc and files its events under incidents, leaving the
// incidents' summaries and the full-text index to w.
func (s *DB) putDeferred(ctx context.Context, tx runner, doc *document.Document, meta store.Meta, w *work) (bool, error) {
	var dup int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE id = ? OR (url = ? AND url != '')`, doc.ID, doc.Source.URL).Scan(&dup)
	if err != nil {
		return false, fmt.Errorf("look for duplicates: %w", err)
	}
	if dup > 0 {
		return false, nil
	}
	n, err := s.insertArticleRow(ctx, tx, doc, meta)
	if err != nil {
		return false, err
	}
	w.texts = append(w.texts, textRow{n, deref(doc.Title), *doc.Text})
	if err := insertFindings(ctx, tx, n, doc); err != nil {
		return false, err
	}
	if err := s.mergeEvents(ctx, tx, n, doc, meta, w); err != nil {
		return false, fmt.Errorf("merge incidents: %w", err)
	}
	return true, nil
}

func nilBits(doc *document.Document) int64 {
	var b int64
	for _, x := range [...]struct {
		bit   int64
		isNil bool
	}{
		{nilEvents, doc.Events == nil}, {nilFigures, doc.Figures == nil}, {nilEntities, doc.Entities == nil},
		{nilQuotes, doc.Quotes == nil}, {nilCredits, doc.Credits == nil}, {nilTimes, doc.Times == nil}, {nilNumbers, doc.Numbers == nil},
	} {
		if x.isNil {
			b |= x.bit
		}
	}
	return b
}

// jsonList is a list of short strings as one column: null, [] and a list
// stay apart.
func jsonList(l []string) string {
	b, _ := json.Marshal(l) // a []string always marshals
	return string(b)
}

// spans turns code-point spans into stored span texts: NULL when the text is
// what the offsets point at, which the reader restores from the article
// (spanSQL). A nil spans (text with invalid UTF-8) stores every text.
type spans []rune

func (r spans) text(sp document.Span) any {
	if r != nil && sp.Start >= 0 && sp.Start <= sp.End && sp.End <= len(r) && sameText(r[sp.Start:sp.End], sp.Text) {
		return nil
	}
	return sp.Text
}

// sameText reports whether string(rs) == s without building the string
// (a stored article has thousands of spans). rs holds valid code points
// only, so an s with invalid UTF-8 differs.
func sameText(rs []rune, s string) bool {
	if len(s) < len(rs) || !utf8.ValidString(s) {
		return false
	}
	i := 0
	for _, c := range s {
		if i == len(rs) || rs[i] != c {
			return false
		}
		i++
	}
	return i == len(rs)
}

// spanSQL is the stored text of a span: its own, else the slice of the
// article text (alias a) it points at; substr counts code points, as spans do.
func spanSQL(text, start, end string) string {
	return "coalesce(" + text + ", substr(a.text, " + start + " + 1, " + end + " - " + start + "))"
}

// insertArticleRow inserts doc's row in articles and returns its number.
func (s *DB) insertArticleRow(ctx context.Context, tx runner, doc *document.Document, meta store.Meta) (int64, error) {
	var warnings any
	if len(doc.Warnings) > 0 {
		warnings = jsonList(doc.Warnings)
	}
	var feed any
	if meta.Feed != "" {
		feed = meta.Feed
	}
	var n int64
	err := tx.QueryRowContext(ctx, `INSERT INTO articles (id, schema, url, path, site, title, language, published,
		primary_event, text, warnings, nils, fetched, feed, events) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING n`,
		doc.ID, doc.Schema, doc.Source.URL, doc.Source.Path, doc.Source.Site, doc.Title, doc.Language, doc.Published,
		doc.PrimaryEvent, *doc.Text, warnings, nilBits(doc), meta.Fetched.UTC().UnixNano(), feed, len(doc.Events)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("insert article: %w", err)
	}
	return n, nil
}

// insertFindings inserts what was extracted from doc (events, figures,
// entities, … blocks) under article row n.
func insertFindings(ctx context.Context, tx runner, n int64, doc *document.Document) error {
	var r spans
	if utf8.ValidString(*doc.Text) {
		r = spans([]rune(*doc.Text))
	}
	var events, figures, entities, spans, quotes, credits, times, numbers, places, blocks, sentences [][]any
	for i, e := range doc.Events {
		events = append(events, eventArgs(n, i, doc, e))
	}
	for i, f := range doc.Figures {
		w := who(f.Who)
		a := attribution(f.Attribution)
		figures = append(figures, []any{n, i, f.Kind, f.Min, f.Max, f.Qualifier, w[0], w[1], f.Event, a[0], a[1], a[2], f.Text,
			f.Evidence.Text, f.Evidence.Start, f.Evidence.End})
	}
	for i, e := range doc.Entities {
		entities = append(entities, []any{n, i, e.Text, e.Kind, e.Role, e.Country, e.RoleKind, e.OrgKind, e.Spans == nil})
		for j, sp := range e.Spans {
			spans = append(spans, []any{n, i, j, r.text(sp), sp.Start, sp.End})
		}
	}
	for i, q := range doc.Quotes {
		var it, is, ie any
		if q.Intro != nil {
			it, is, ie = r.text(*q.Intro), q.Intro.Start, q.Intro.End
		}
		quotes = append(quotes, []any{n, i, q.Speaker, q.Text, r.text(q.Span), q.Span.Start, q.Span.End, q.Intro != nil, it, is, ie})
	}
	for i, c := range doc.Credits {
		credits = append(credits, []any{n, i, c.Name, jsonList(c.Agencies), r.text(c.Span), c.Span.Start, c.Span.End})
	}
	for i, t := range doc.Times {
		times = append(times, []any{n, i, t.Text, t.Start, t.End, t.Precision, r.text(t.Span), t.Span.Start, t.Span.End, t.Until, t.Since})
	}
	for i, x := range doc.Numbers {
		numbers = append(numbers, []any{n, i, x.Kind, x.Min, x.Max, x.Qualifier, r.text(x.Span), x.Span.Start, x.Span.End})
	}
	for i, p := range doc.Places {
		places = append(places, []any{n, i, p.Text, p.Name, p.Country, p.Admin1, p.Lat, p.Lon, p.Precision, p.GeonamesID, p.Start, p.End})
	}
	for i, b := range doc.Blocks {
		blocks = append(blocks, []any{n, i, b.Kind, b.Start, b.End, b.Sentences == nil})
		for j, sp := range b.Sentences {
			sentences = append(sentences, []any{n, i, j, r.text(sp), sp.Start, sp.End})
		}
	}
	// Parents before children, for the foreign keys.
	for _, t := range []struct {
		table, cols string
		rows        [][]any
	}{
		{"events", eventInsertCols, events},
		{"figures", `article, ord, kind, min, max, qualifier, who_text, who_kind, event, attr_text, attr_source, attr_kind, text,
			evidence_text, evidence_start, evidence_end`, figures},
		{"entities", `article, ord, text, kind, role, country, role_kind, org_kind, spans_nil`, entities},
		{"entity_spans", `article, entity, ord, text, start, "end"`, spans},
		{"quotes", `article, ord, speaker, text, span_text, span_start, span_end, has_intro, intro_text, intro_start, intro_end`, quotes},
		{"credits", `article, ord, name, agencies, span_text, span_start, span_end`, credits},
		{"times", `article, ord, text, start, "end", precision, span_text, span_start, span_end, until, since`, times},
		{"numbers", `article, ord, kind, min, max, qualifier, span_text, span_start, span_end`, numbers},
		{"places", `article, ord, text, name, country, admin1, lat, lon, precision, geonames, start, "end"`, places},
		{"blocks", `article, ord, kind, start, "end", sentences_nil`, blocks},
		{"sentences", `article, block, ord, text, start, "end"`, sentences},
	} {
		if err := insertRows(ctx, tx, t.table, t.cols, t.rows); err != nil {
			return err
		}
	}
	return nil
}

// insertRows inserts rows into table, many rows a statement: SQLite spends
// more per statement than per row. Statements hold 16, 8, 4, 2 or 1 rows,
// so each table has a few statement shapes, all kept prepared.
func insertRows(ctx context.Context, tx runner, table, cols string, rows [][]any) error {
	for len(rows) > 0 {
		k := 16
		for k > len(rows) {
			k /= 2
		}
		ncol := len(rows[0])
		q := insertSQL(table, cols, ncol, k)
		args := make([]any, 0, k*ncol)
		for _, r := range rows[:k] {
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("insert %s: %w", table, err)
		}
		rows = rows[k:]
	}
	return nil
}

// insertStmts are the texts insertRows built, by table and row count.
var insertStmts sync.Map // insertShape → string

type insertShape struct {
	table, cols string
	rows        int
}

func insertSQL(table, cols string, ncol, k int) string {
	key := insertShape{table, cols, k}
	if q, ok := insertStmts.Load(key); ok {
		return q.(string)
	}
	one := "(" + placeholders(ncol) + ")"
	q := "INSERT INTO " + table + " (" + cols + ") VALUES " + one + strings.Repeat(", "+one, k-1)
	insertStmts.Store(key, q)
	return q
}

func placeholders(n int) string {
	b := make([]byte, 0, 3*n)
	for i := range n {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, '?')
	}
	return string(b)
}

const eventInsertCols = `article, ord, id, key, day_start, day_end, type, mode, acled_type, acled_sub, context, factuality,
	actor_text, actor_name, actor_kind, actor_country, recipient_text, recipient_name, recipient_kind, recipient_country,
	loc_text, loc_name, loc_country, loc_admin1, loc_lat, loc_lon, loc_precision, loc_geonames, loc_start, loc_end,
	date_text, date_start, date_end, date_precision, attr_text, attr_source, attr_kind,
	trigger_text, trigger_start, trigger_end, evidence_text, evidence_start, evidence_end`

func eventArgs(n int64, ord int, doc *document.Document, e document.Event) []any {
	start, end := eventDays(doc, e)
	var at, as any
	if e.ACLED != nil {
		at, as = e.ACLED.EventType, e.ACLED.SubEventType
	}
	args := []any{n, ord, e.ID, doc.ID + "/" + e.ID, start, end, e.Type, e.Mode, at, as, jsonList(e.Context), e.Factuality}
	args = append(args, party(e.Actor)...)
	args = append(args, party(e.Recipient)...)
	args = append(args, place(e.Location)...)
	if d := e.Date; d != nil {
		args = append(args, d.Text, d.Start, d.End, d.Precision)
	} else {
		args = append(args, nil, nil, nil, nil)
	}
	a := attribution(e.Attribution)
	args = append(args, a[0], a[1], a[2])
	args = append(args, e.Trigger.Text, e.Trigger.Start, e.Trigger.End, e.Evidence.Text, e.Evidence.Start, e.Evidence.End)
	return args
}

// eventDays are the days an event is filed under for filters, ordering and
// merging: its own date, else its article's ("" when neither is known).
func eventDays(doc *document.Document, e document.Event) (string, string) {
	if d := e.Date; d != nil && d.Start != nil {
		end := *d.Start
		if d.End != nil && *d.End > end {
			end = *d.End
		}
		return *d.Start, end
	}
	if doc.Published != nil {
		return *doc.Published, *doc.Published
	}
	return "", ""
}

func party(p *document.Party) []any {
	if p == nil {
		return []any{nil, nil, nil, nil}
	}
	return []any{p.Text, p.Name, p.Kind, p.Country}
}

func place(p *document.Place) []any {
	if p == nil {
		return []any{nil, nil, nil, nil, nil, nil, nil, nil, nil, nil}
	}
	return []any{p.Text, p.Name, p.Country, p.Admin1, p.Lat, p.Lon, p.Precision, p.GeonamesID, p.Start, p.End}
}

func attribution(a *document.Attribution) [3]any {
	if a == nil {
		return [3]any{}
	}
	return [3]any{a.Text, a.Source, a.Kind}
}

func who(w *document.Who) [2]any {
	if w == nil {
		return [2]any{}
	}
	return [2]any{w.Text, w.Kind}
}
