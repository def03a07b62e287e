package sqlstore

import (
	"context"
	"database/sql"
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
		if err := checkDoc(doc); err != nil {
			return nil, err
		}
	}
	if meta.Fetched.IsZero() {
		meta.Fetched = time.Now()
	}
	ps := make([]*prepared, len(docs))
	for i, doc := range docs {
		p, err := prepare(doc, meta)
		if err != nil {
			return nil, err // it names the article
		}
		ps[i] = p
	}
	return s.putMany(ctx, ps)
}

// PutPrepared stores documents Prepare made ready, as PutMany does.
func (s *DB) PutPrepared(ctx context.Context, docs []store.Prepared) ([]bool, error) {
	ps := make([]*prepared, len(docs))
	for i, d := range docs {
		p, ok := d.(*prepared)
		if !ok {
			return nil, fmt.Errorf("store articles: %T was not prepared by this store", d)
		}
		ps[i] = p
	}
	return s.putMany(ctx, ps)
}

func (s *DB) putMany(ctx context.Context, ps []*prepared) ([]bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store articles: begin: %w", err)
	}
	defer reuseStmts(tx)()
	defer tx.Rollback()
	r := runner{s, tx}
	w := newWork()
	w.articles = len(ps)
	added := make([]bool, len(ps))
	for i, p := range ps {
		added[i], err = s.putPrepared(ctx, r, p, w)
		if err != nil {
			return nil, fmt.Errorf("store article %s: %w", p.doc.ID, err)
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

// work is what a write transaction leaves to its end: the rows of the
// tables nothing reads during the transaction, inserted together in wide
// statements; the incidents whose members changed, summarised once however
// many articles of a batch join them; the event counters; and the full-text
// rows, indexed together so that FTS5 flushes its pending terms once per
// transaction instead of at every later statement.
type work struct {
	// pending are the rows left to finish; articles is how many articles
	// the transaction stores, to size them.
	pending  []tableRows
	articles int
	dirty    map[string]bool           // incidents to summarise and write
	minKey   map[string]string         // smallest member key of incidents this transaction named
	rows     map[string]store.EventRow // events this transaction put, by key, as summarize reads them
	// pre are the dirty incidents whose members are the events of one new
	// article alone, summarised by Prepare.
	pre    map[string]*summary
	counts map[countKey]int
	texts  []textRow
}

type textRow struct {
	n           int64
	title, text string
}

func newWork() *work {
	return &work{dirty: map[string]bool{}, minKey: map[string]string{}, rows: map[string]store.EventRow{},
		pre: map[string]*summary{}, counts: map[countKey]int{}}
}

// finish does w's work: the pending rows, the incidents, the event
// counters, then the full-text index.
func (s *DB) finish(ctx context.Context, tx runner, w *work) error {
	for i := range w.pending {
		t := &w.pending[i]
		if err := insertRows(ctx, tx, t.table, t.cols, t.ncol, t.args); err != nil {
			return err
		}
		t.args = t.args[:0]
	}
	if err := s.summarize(ctx, tx, w); err != nil {
		return fmt.Errorf("merge incidents: %w", err)
	}
	if s.d.eventCounts {
		for k, c := range w.counts {
			if _, err := tx.ExecContext(ctx, `INSERT INTO event_counts (dim, value, n) VALUES (?, ?, ?)
				ON CONFLICT DO UPDATE SET n = n + excluded.n`, k.dim, k.value, c); err != nil {
				return fmt.Errorf("count events: %w", err)
			}
		}
	}
	clear(w.counts)
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
	p, err := prepare(doc, meta)
	if err != nil {
		return false, err
	}
	w := newWork()
	added, err := s.putPrepared(ctx, tx, p, w)
	if err != nil || !added {
		return added, err
	}
	return true, s.finish(ctx, tx, w)
}

// putPrepared stores p's article and events and files the events under
// incidents, leaving the other rows, the incidents' summaries, the counters
// and the full-text index to w.
func (s *DB) putPrepared(ctx context.Context, tx runner, p *prepared, w *work) (bool, error) {
	// An article stored before, by id or by URL, conflicts and is skipped.
	var n int64
	err := tx.QueryRowContext(ctx, `INSERT INTO articles (id, schema, url, path, site, title, language, published,
		primary_event, text, warnings, nils, fetched, feed, events, layers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING RETURNING n`, p.article...).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("insert article: %w", err)
	}
	if err := s.putFindings(ctx, tx, n, p, w); err != nil {
		return false, err
	}
	w.texts = append(w.texts, textRow{n, deref(p.doc.Title), *p.doc.Text})
	return true, nil
}

// putFindings files p's events under incidents and inserts them as article
// row n's, leaving the other findings to w.
func (s *DB) putFindings(ctx context.Context, tx runner, n int64, p *prepared, w *work) error {
	p.number(n)
	ids, err := s.mergeEvents(ctx, tx, n, p, w)
	if err != nil {
		return fmt.Errorf("merge incidents: %w", err)
	}
	// Events go in at once, with their incidents: the next article's merge
	// reads them.
	ev := &p.tables[0]
	for i, id := range ids {
		ev.args[i*ev.ncol+eventIncidentCol] = id
	}
	if err := insertRows(ctx, tx, ev.table, ev.cols, ev.ncol, ev.args); err != nil {
		return err
	}
	if w.pending == nil {
		// Sized from the first article, as the batch's articles tend to
		// be alike: growing them copies every value again and again.
		w.pending = make([]tableRows, len(p.tables)-1)
		for i, t := range p.tables[1:] {
			size := min(len(t.args)*max(w.articles, 1)*5/4, 1<<16)
			w.pending[i] = tableRows{table: t.table, cols: t.cols, ncol: t.ncol, args: make([]any, 0, size)}
		}
	}
	for i, t := range p.tables[1:] {
		w.pending[i].args = append(w.pending[i].args, t.args...)
	}
	for k, c := range p.counts {
		w.counts[k] += c
	}
	return nil
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

// insertRows inserts rows (ncol values each) into table, many rows a
// statement: SQLite spends more per statement than per row. Statements hold
// 64, 32, … or 1 rows, so each table has a few statement shapes, all kept
// prepared.
func insertRows(ctx context.Context, tx runner, table, cols string, ncol int, args []any) error {
	for len(args) > 0 {
		rows := len(args) / ncol
		k := 64
		for k > rows {
			k /= 2
		}
		if _, err := tx.ExecContext(ctx, insertSQL(table, cols, ncol, k), args[:k*ncol]...); err != nil {
			return fmt.Errorf("insert %s: %w", table, err)
		}
		args = args[k*ncol:]
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

const eventInsertCols = `article, ord, id, key, incident, day_start, day_end, type, mode, acled_type, acled_sub, context, factuality,
	actor_text, actor_name, actor_kind, actor_country, recipient_text, recipient_name, recipient_kind, recipient_country,
	loc_text, loc_name, loc_country, loc_admin1, loc_lat, loc_lon, loc_precision, loc_geonames, loc_start, loc_end,
	date_text, date_start, date_end, date_precision, attr_text, attr_source, attr_kind,
	trigger_text, trigger_start, trigger_end, evidence_text, evidence_start, evidence_end`

// eventWidth counts eventInsertCols.
const eventWidth = 44

// appendEventArgs appends the row of event e (number ord) to args, with
// neither article number nor incident yet.
func appendEventArgs(args []any, ord int, doc *document.Document, e document.Event) []any {
	start, end := eventDays(doc, e)
	var at, as any
	if e.ACLED != nil {
		at, as = e.ACLED.EventType, e.ACLED.SubEventType
	}
	args = append(args, nil, ord, e.ID, doc.ID+"/"+e.ID, nil, start, end, e.Type, e.Mode, at, as, jsonList(e.Context), e.Factuality)
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
	return append(args, e.Trigger.Text, e.Trigger.Start, e.Trigger.End, e.Evidence.Text, e.Evidence.Start, e.Evidence.End)
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
