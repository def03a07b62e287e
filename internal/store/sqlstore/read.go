package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/store"
)

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type scanner interface{ Scan(dest ...any) error }

// Has reports whether an article with document id id is stored.
func (s *DB) Has(ctx context.Context, id string) (bool, error) {
	return s.exists(ctx, `SELECT count(*) FROM articles WHERE id = ?`, id)
}

// HasURL reports whether an article with source URL url is stored.
func (s *DB) HasURL(ctx context.Context, url string) (bool, error) {
	return s.exists(ctx, `SELECT count(*) FROM articles WHERE url = ? AND url != ''`, url)
}

func (s *DB) exists(ctx context.Context, q string, arg string) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, q, arg).Scan(&n); err != nil {
		return false, fmt.Errorf("look up article %s: %w", arg, err)
	}
	return n > 0, nil
}

// str and friends turn nullable columns into the document's pointers.
func str(v sql.NullString) *string {
	if !v.Valid {
		return nil
	}
	return &v.String
}

func i64(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	return &v.Int64
}

func intp(v sql.NullInt64) *int {
	if !v.Valid {
		return nil
	}
	i := int(v.Int64)
	return &i
}

func f64(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	return &v.Float64
}

func list(s string) ([]string, error) {
	var l []string
	if err := json.Unmarshal([]byte(s), &l); err != nil {
		return nil, fmt.Errorf("stored list %q: %w", s, err)
	}
	return l, nil
}

// articleCols are the columns of an ArticleRow, from articles aliased a.
const articleCols = `a.n, a.id, a.url, a.path, a.site, a.title, a.language, a.published, a.fetched, a.events`

func scanArticle(sc scanner, extra ...any) (store.ArticleRow, int64, error) {
	var r store.ArticleRow
	var n, fetched int64
	var url, path, site, title, pub sql.NullString
	dest := append([]any{&n, &r.ID, &url, &path, &site, &title, &r.Lang, &pub, &fetched, &r.Events}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return r, 0, err
	}
	r.URL, r.Path, r.Site, r.Title, r.Published = url.String, path.String, site.String, title.String, pub.String
	r.Fetched = time.Unix(0, fetched).UTC()
	return r, n, nil
}

// eventCols are an event's columns (events aliased e, its article a), in
// the order scanEvent reads them.
var eventCols = `e.id, e.incident, e.type, e.mode, e.acled_type, e.acled_sub, e.context, e.factuality,
	e.actor_text, e.actor_name, e.actor_kind, e.actor_country, e.recipient_text, e.recipient_name, e.recipient_kind, e.recipient_country,
	e.loc_text, e.loc_name, e.loc_country, e.loc_admin1, e.loc_lat, e.loc_lon, e.loc_precision, e.loc_geonames, e.loc_start, e.loc_end,
	e.date_text, e.date_start, e.date_end, e.date_precision, e.attr_text, e.attr_source, e.attr_kind,
	e.trigger_text, e.trigger_start, e.trigger_end, e.evidence_text, e.evidence_start, e.evidence_end`

type nullParty struct{ text, name, kind, country sql.NullString }

func (p *nullParty) dest() []any { return []any{&p.text, &p.name, &p.kind, &p.country} }

func (p *nullParty) party() *document.Party {
	if !p.text.Valid {
		return nil
	}
	return &document.Party{Text: p.text.String, Name: p.name.String, Kind: p.kind.String, Country: str(p.country)}
}

type nullPlace struct {
	text, name, country, admin1 sql.NullString
	lat, lon                    sql.NullFloat64
	precision                   sql.NullString
	geonames, start, end        sql.NullInt64
}

func (p *nullPlace) dest() []any {
	return []any{&p.text, &p.name, &p.country, &p.admin1, &p.lat, &p.lon, &p.precision, &p.geonames, &p.start, &p.end}
}

func (p *nullPlace) place() *document.Place {
	if !p.text.Valid {
		return nil
	}
	return &document.Place{Text: p.text.String, Name: p.name.String, Country: p.country.String, Admin1: str(p.admin1),
		Lat: f64(p.lat), Lon: f64(p.lon), Precision: p.precision.String, GeonamesID: intp(p.geonames),
		Start: intp(p.start), End: intp(p.end)}
}

type nullAttribution struct{ text, source, kind sql.NullString }

func (a *nullAttribution) dest() []any { return []any{&a.text, &a.source, &a.kind} }

func (a *nullAttribution) attribution() *document.Attribution {
	if !a.text.Valid {
		return nil
	}
	return &document.Attribution{Text: a.text.String, Source: a.source.String, Kind: a.kind.String}
}

// scanEvent reads eventCols, then extra.
func scanEvent(sc scanner, extra ...any) (document.Event, string, error) {
	var e document.Event
	var incident, mode, acledType, acledSub, dateText, dateStart, dateEnd, datePrec sql.NullString
	var context string
	var actor, recipient nullParty
	var loc nullPlace
	var attr nullAttribution
	dest := []any{&e.ID, &incident, &e.Type, &mode, &acledType, &acledSub, &context, &e.Factuality}
	dest = append(dest, actor.dest()...)
	dest = append(dest, recipient.dest()...)
	dest = append(dest, loc.dest()...)
	dest = append(dest, &dateText, &dateStart, &dateEnd, &datePrec)
	dest = append(dest, attr.dest()...)
	dest = append(dest, &e.Trigger.Text, &e.Trigger.Start, &e.Trigger.End, &e.Evidence.Text, &e.Evidence.Start, &e.Evidence.End)
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return e, "", err
	}
	e.Mode = str(mode)
	if acledType.Valid {
		e.ACLED = &document.ACLED{EventType: acledType.String, SubEventType: acledSub.String}
	}
	var err error
	if e.Context, err = list(context); err != nil {
		return e, "", err
	}
	e.Actor, e.Recipient, e.Location, e.Attribution = actor.party(), recipient.party(), loc.place(), attr.attribution()
	if dateText.Valid {
		e.Date = &document.When{Text: dateText.String, Start: str(dateStart), End: str(dateEnd), Precision: datePrec.String}
	}
	return e, incident.String, nil
}

// figureCols are a figure's columns (figures aliased f).
const figureCols = `f.kind, f.min, f.max, f.qualifier, f.who_text, f.who_kind, f.event, f.attr_text, f.attr_source, f.attr_kind, f.text,
	f.evidence_text, f.evidence_start, f.evidence_end`

func scanFigure(sc scanner) (document.Figure, error) { return scanFigureAfter(sc) }

// scanFigureAfter reads pre, then figureCols.
func scanFigureAfter(sc scanner, pre ...any) (document.Figure, error) {
	var f document.Figure
	var max sql.NullInt64
	var whoText, whoKind, event sql.NullString
	var attr nullAttribution
	dest := append(pre, &f.Kind, &f.Min, &max, &f.Qualifier, &whoText, &whoKind, &event)
	dest = append(dest, attr.dest()...)
	dest = append(dest, &f.Text, &f.Evidence.Text, &f.Evidence.Start, &f.Evidence.End)
	if err := sc.Scan(dest...); err != nil {
		return f, err
	}
	f.Max, f.Event, f.Attribution = i64(max), str(event), attr.attribution()
	if whoText.Valid {
		f.Who = &document.Who{Text: whoText.String, Kind: whoKind.String}
	}
	return f, nil
}

// collect runs q and appends what scan makes of each row.
func collect[T any](ctx context.Context, q querier, query string, scan func(scanner) (T, error), args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Document returns the stored document of article id, text included.
func (s *DB) Document(ctx context.Context, id string) (*document.Document, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("read document %s: %w", id, err)
	}
	defer tx.Rollback()
	doc, err := readDocument(ctx, runner{s, tx}, id)
	if err != nil {
		return nil, fmt.Errorf("read document %s: %w", id, err)
	}
	return doc, nil
}

func readDocument(ctx context.Context, tx querier, id string) (*document.Document, error) {
	doc := &document.Document{ID: id}
	var n, nils int64
	var url, path, site, title, pub, primary, warnings, stored sql.NullString
	var text string
	err := tx.QueryRowContext(ctx, `SELECT n, schema, url, path, site, title, language, published, primary_event, text, warnings, nils, layers
		FROM articles WHERE id = ?`, id).Scan(&n, &doc.Schema, &url, &path, &site, &title, &doc.Language, &pub, &primary, &text, &warnings, &nils, &stored)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	doc.Source = document.Source{Path: str(path), URL: str(url), Site: str(site)}
	doc.Title, doc.Published, doc.PrimaryEvent, doc.Text = str(title), str(pub), str(primary), &text
	if warnings.Valid {
		if doc.Warnings, err = list(warnings.String); err != nil {
			return nil, err
		}
	}
	// Lists read back empty, not null, unless they were put as null.
	empty := func(bit int64) bool { return nils&bit == 0 }

	if doc.Events, err = collect(ctx, tx, `SELECT `+eventCols+` FROM events e JOIN articles a ON a.n = e.article
		WHERE e.article = ? ORDER BY e.ord`, func(sc scanner) (document.Event, error) {
		e, _, err := scanEvent(sc)
		return e, err
	}, n); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	if doc.Events == nil && empty(nilEvents) {
		doc.Events = []document.Event{}
	}
	if doc.Figures, err = collect(ctx, tx, `SELECT `+figureCols+` FROM figures f WHERE f.article = ? ORDER BY f.ord`, scanFigure, n); err != nil {
		return nil, fmt.Errorf("figures: %w", err)
	}
	if doc.Figures == nil && empty(nilFigures) {
		doc.Figures = []document.Figure{}
	}
	if stored.Valid {
		if err := decodeLayers(doc, stored.String); err != nil {
			return nil, err
		}
		return doc, nil
	}
	// Stored before schema 4: the layers are rows of their own.
	if err := readEntities(ctx, tx, n, doc); err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	if doc.Entities == nil && empty(nilEntities) {
		doc.Entities = []document.Entity{}
	}
	if doc.Quotes, err = collect(ctx, tx, `SELECT q.speaker, q.text, `+spanSQL("q.span_text", "q.span_start", "q.span_end")+`,
		q.span_start, q.span_end, q.has_intro, `+spanSQL("q.intro_text", "q.intro_start", "q.intro_end")+`, q.intro_start, q.intro_end
		FROM quotes q JOIN articles a ON a.n = q.article WHERE q.article = ? ORDER BY q.ord`, func(sc scanner) (document.Quote, error) {
		var q document.Quote
		var speaker, introText sql.NullString
		var hasIntro bool
		var introStart, introEnd sql.NullInt64
		err := sc.Scan(&speaker, &q.Text, &q.Span.Text, &q.Span.Start, &q.Span.End, &hasIntro, &introText, &introStart, &introEnd)
		q.Speaker = str(speaker)
		if hasIntro {
			q.Intro = &document.Span{Text: introText.String, Start: int(introStart.Int64), End: int(introEnd.Int64)}
		}
		return q, err
	}, n); err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	if doc.Quotes == nil && empty(nilQuotes) {
		doc.Quotes = []document.Quote{}
	}
	if doc.Credits, err = collect(ctx, tx, `SELECT c.name, c.agencies, `+spanSQL("c.span_text", "c.span_start", "c.span_end")+`,
		c.span_start, c.span_end FROM credits c JOIN articles a ON a.n = c.article WHERE c.article = ? ORDER BY c.ord`,
		func(sc scanner) (document.Credit, error) {
			var c document.Credit
			var name sql.NullString
			var agencies string
			if err := sc.Scan(&name, &agencies, &c.Span.Text, &c.Span.Start, &c.Span.End); err != nil {
				return c, err
			}
			c.Name = str(name)
			var err error
			c.Agencies, err = list(agencies)
			return c, err
		}, n); err != nil {
		return nil, fmt.Errorf("credits: %w", err)
	}
	if doc.Credits == nil && empty(nilCredits) {
		doc.Credits = []document.Credit{}
	}
	if doc.Times, err = collect(ctx, tx, `SELECT t.text, t.start, t."end", t.precision, `+spanSQL("t.span_text", "t.span_start", "t.span_end")+`,
		t.span_start, t.span_end, t.until, t.since FROM times t JOIN articles a ON a.n = t.article WHERE t.article = ? ORDER BY t.ord`,
		func(sc scanner) (document.Time, error) {
			var t document.Time
			var start, end sql.NullString
			err := sc.Scan(&t.Text, &start, &end, &t.Precision, &t.Span.Text, &t.Span.Start, &t.Span.End, &t.Until, &t.Since)
			t.Start, t.End = str(start), str(end)
			return t, err
		}, n); err != nil {
		return nil, fmt.Errorf("times: %w", err)
	}
	if doc.Times == nil && empty(nilTimes) {
		doc.Times = []document.Time{}
	}
	if doc.Numbers, err = collect(ctx, tx, `SELECT x.kind, x.min, x.max, x.qualifier, `+spanSQL("x.span_text", "x.span_start", "x.span_end")+`,
		x.span_start, x.span_end FROM numbers x JOIN articles a ON a.n = x.article WHERE x.article = ? ORDER BY x.ord`,
		func(sc scanner) (document.Number, error) {
			var x document.Number
			var max sql.NullInt64
			err := sc.Scan(&x.Kind, &x.Min, &max, &x.Qualifier, &x.Span.Text, &x.Span.Start, &x.Span.End)
			x.Max = i64(max)
			return x, err
		}, n); err != nil {
		return nil, fmt.Errorf("numbers: %w", err)
	}
	if doc.Numbers == nil && empty(nilNumbers) {
		doc.Numbers = []document.Number{}
	}
	if doc.Places, err = collect(ctx, tx, `SELECT text, name, country, admin1, lat, lon, precision, geonames, start, "end"
		FROM places WHERE article = ? ORDER BY ord`, func(sc scanner) (document.Place, error) {
		var p nullPlace
		err := sc.Scan(p.dest()...)
		return *p.place(), err
	}, n); err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	if err := readBlocks(ctx, tx, n, doc); err != nil {
		return nil, fmt.Errorf("blocks: %w", err)
	}
	return doc, nil
}

func readEntities(ctx context.Context, tx querier, n int64, doc *document.Document) error {
	type spanRow struct {
		entity int
		span   document.Span
	}
	var err error
	var spansNil []bool
	if doc.Entities, err = collect(ctx, tx, `SELECT text, kind, role, country, role_kind, org_kind, spans_nil
		FROM entities WHERE article = ? ORDER BY ord`, func(sc scanner) (document.Entity, error) {
		var e document.Entity
		var role, country, roleKind, orgKind sql.NullString
		var isNil bool
		err := sc.Scan(&e.Text, &e.Kind, &role, &country, &roleKind, &orgKind, &isNil)
		e.Role, e.Country, e.RoleKind, e.OrgKind = str(role), str(country), str(roleKind), str(orgKind)
		spansNil = append(spansNil, isNil)
		return e, err
	}, n); err != nil {
		return err
	}
	sps, err := collect(ctx, tx, `SELECT s.entity, `+spanSQL("s.text", "s.start", `s."end"`)+`, s.start, s."end"
		FROM entity_spans s JOIN articles a ON a.n = s.article WHERE s.article = ? ORDER BY s.entity, s.ord`,
		func(sc scanner) (spanRow, error) {
			var r spanRow
			err := sc.Scan(&r.entity, &r.span.Text, &r.span.Start, &r.span.End)
			return r, err
		}, n)
	if err != nil {
		return err
	}
	for i := range doc.Entities {
		if !spansNil[i] {
			doc.Entities[i].Spans = []document.Span{}
		}
	}
	for _, r := range sps {
		if r.entity >= len(doc.Entities) {
			return fmt.Errorf("span of entity %d, which is not stored", r.entity)
		}
		doc.Entities[r.entity].Spans = append(doc.Entities[r.entity].Spans, r.span)
	}
	return nil
}

func readBlocks(ctx context.Context, tx querier, n int64, doc *document.Document) error {
	type sentRow struct {
		block int
		span  document.Span
	}
	var err error
	if doc.Blocks, err = collect(ctx, tx, `SELECT kind, start, "end", sentences_nil FROM blocks WHERE article = ? ORDER BY ord`,
		func(sc scanner) (document.Block, error) {
			var b document.Block
			var isNil bool
			err := sc.Scan(&b.Kind, &b.Start, &b.End, &isNil)
			if !isNil {
				b.Sentences = []document.Span{}
			}
			return b, err
		}, n); err != nil {
		return err
	}
	sents, err := collect(ctx, tx, `SELECT s.block, `+spanSQL("s.text", "s.start", `s."end"`)+`, s.start, s."end"
		FROM sentences s JOIN articles a ON a.n = s.article WHERE s.article = ? ORDER BY s.block, s.ord`,
		func(sc scanner) (sentRow, error) {
			var r sentRow
			err := sc.Scan(&r.block, &r.span.Text, &r.span.Start, &r.span.End)
			return r, err
		}, n)
	if err != nil {
		return err
	}
	for _, r := range sents {
		if r.block >= len(doc.Blocks) {
			return fmt.Errorf("sentence of block %d, which is not stored", r.block)
		}
		doc.Blocks[r.block].Sentences = append(doc.Blocks[r.block].Sentences, r.span)
	}
	return nil
}
