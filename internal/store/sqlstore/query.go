package sqlstore

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/urodata/uro/internal/store"
)

const defaultLimit = 100

func limit(f store.Filter) int {
	if f.Limit <= 0 {
		return defaultLimit
	}
	return f.Limit
}

// A cursor is the sort key of the last item of a page; the next page starts
// after it (keyset pagination: no OFFSET, stable while rows are added).
func encodeCursor(key ...any) string {
	b, _ := json.Marshal(key) // strings and integers always marshal
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(c string, dest ...any) error {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		var raw []json.RawMessage
		if err = json.Unmarshal(b, &raw); err == nil && len(raw) != len(dest) {
			err = errors.New("wrong length")
		}
		for i := range raw {
			if err == nil {
				err = json.Unmarshal(raw[i], dest[i])
			}
		}
	}
	if err != nil {
		return fmt.Errorf("bad cursor %q: %w", c, err)
	}
	return nil
}

func day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// where collects the conditions of a query and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(w.conds, " AND ")
}

// eventConds adds f's conditions on events aliased e. Article and Text are
// left out when withArticle is false, for queries that test them on the
// article itself.
func (s *DB) eventConds(w *where, f store.Filter, withArticle bool) {
	if f.Type != "" {
		w.add("e.type = ?", f.Type)
	}
	if f.ACLEDType != "" {
		w.add("(e.acled_type = ? OR e.acled_sub = ?)", f.ACLEDType, f.ACLEDType)
	}
	if f.Country != "" {
		w.add("e.loc_country = ?", f.Country)
	}
	if f.Place != "" {
		// lower() folds ASCII only in SQLite; the text's own form is tried too.
		w.add("(lower(e.loc_name) = lower(?) OR lower(e.loc_text) = lower(?))", f.Place, f.Place)
	}
	if !f.Since.IsZero() {
		w.add("e.day_start >= ?", day(f.Since))
	}
	if !f.Until.IsZero() {
		w.add("e.day_start != '' AND e.day_start <= ?", day(f.Until))
	}
	if f.ActorKind != "" {
		w.add("(e.actor_kind = ? OR e.recipient_kind = ?)", f.ActorKind, f.ActorKind)
	}
	if f.MinFigure > 0 || f.MinKind != "" {
		if f.MinKind != "" {
			w.add("EXISTS (SELECT 1 FROM figures f WHERE f.article = e.article AND f.event = e.id AND f.kind = ? AND f.min >= ?)", f.MinKind, f.MinFigure)
		} else {
			w.add("EXISTS (SELECT 1 FROM figures f WHERE f.article = e.article AND f.event = e.id AND f.min >= ?)", f.MinFigure)
		}
	}
	if f.Incident != "" {
		w.add("e.incident = ?", f.Incident)
	}
	if withArticle {
		if f.Article != "" {
			w.add("e.article = (SELECT n FROM articles WHERE id = ?)", f.Article)
		}
		if q := s.d.ftsQuery(f.Text); q != "" {
			w.add(s.d.textMatch("e.article"), q)
		}
	}
}

// hasEventConds reports whether f filters events (not only articles).
func hasEventConds(f store.Filter) bool {
	g := f
	g.Article, g.Text, g.Limit, g.Cursor = "", "", 0, ""
	return g != store.Filter{}
}

// Events lists stored events matching f, by date then key.
func (s *DB) Events(ctx context.Context, f store.Filter) (store.Page[store.EventRow], error) {
	var page store.Page[store.EventRow]
	w := &where{}
	s.eventConds(w, f, true)
	if f.Cursor != "" {
		var d, key string
		if err := decodeCursor(f.Cursor, &d, &key); err != nil {
			return page, fmt.Errorf("list events: %w", err)
		}
		w.add("(e.day_start, e.key) > (?, ?)", d, key)
	}
	n := limit(f)
	rows, err := eventRows(ctx, runner{s, nil}, w.sql()+fmt.Sprintf(" ORDER BY e.day_start, e.key LIMIT %d", n+1), w.args...)
	if err != nil {
		return page, fmt.Errorf("list events: %w", err)
	}
	if len(rows) > n {
		rows = rows[:n]
		last := rows[n-1]
		page.Next = encodeCursor(rowDay(last), last.Key)
	}
	page.Items = rows
	return page, nil
}

// rowDay is the day an event is filed under (eventDays).
func rowDay(r store.EventRow) string {
	if d := r.Event.Date; d != nil && d.Start != nil {
		return *d.Start
	}
	return r.Article.Published
}

// Incidents lists incidents with an event matching f, by first day then id.
func (s *DB) Incidents(ctx context.Context, f store.Filter) (store.Page[store.Incident], error) {
	var page store.Page[store.Incident]
	w := &where{}
	if f.Incident != "" {
		w.add("i.id = ?", f.Incident)
	}
	ev := &where{}
	s.eventConds(ev, f, true)
	if len(ev.conds) > 0 {
		w.add("i.id IN (SELECT e.incident FROM events e "+ev.sql()+")", ev.args...)
	}
	if f.Cursor != "" {
		var start, id string
		if err := decodeCursor(f.Cursor, &start, &id); err != nil {
			return page, fmt.Errorf("list incidents: %w", err)
		}
		w.add("(i.start, i.id) > (?, ?)", start, id)
	}
	n := limit(f)
	incs, err := collect(ctx, runner{s, nil}, `SELECT i.body FROM incidents i `+w.sql()+fmt.Sprintf(` ORDER BY i.start, i.id LIMIT %d`, n+1),
		scanIncident, w.args...)
	if err != nil {
		return page, fmt.Errorf("list incidents: %w", err)
	}
	if len(incs) > n {
		incs = incs[:n]
		page.Next = encodeCursor(incs[n-1].Start, incs[n-1].ID)
	}
	page.Items = incs
	return page, nil
}

func scanIncident(sc scanner) (store.Incident, error) {
	var body string
	var inc store.Incident
	if err := sc.Scan(&body); err != nil {
		return inc, err
	}
	if err := json.Unmarshal([]byte(body), &inc); err != nil {
		return inc, fmt.Errorf("stored incident: %w", err)
	}
	return inc, nil
}

// Incident returns one incident by id.
func (s *DB) Incident(ctx context.Context, id string) (*store.Incident, error) {
	inc, err := scanIncident(s.db.QueryRowContext(ctx, `SELECT body FROM incidents WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("incident %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read incident %s: %w", id, err)
	}
	return &inc, nil
}

// Articles lists articles with an event matching f (every article when f
// filters no events), newest first.
func (s *DB) Articles(ctx context.Context, f store.Filter) (store.Page[store.ArticleRow], error) {
	var page store.Page[store.ArticleRow]
	w := &where{}
	if f.Article != "" {
		w.add("a.id = ?", f.Article)
	}
	if q := s.d.ftsQuery(f.Text); q != "" {
		w.add(s.d.textMatch("a.n"), q)
	}
	if hasEventConds(f) {
		ev := &where{}
		s.eventConds(ev, f, false)
		w.add("a.n IN (SELECT e.article FROM events e "+ev.sql()+")", ev.args...)
	}
	if f.Cursor != "" {
		var fetched, n int64
		if err := decodeCursor(f.Cursor, &fetched, &n); err != nil {
			return page, fmt.Errorf("list articles: %w", err)
		}
		w.add("(a.fetched, a.n) < (?, ?)", fetched, n)
	}
	lim := limit(f)
	type art struct {
		row store.ArticleRow
		n   int64
	}
	arts, err := collect(ctx, runner{s, nil}, `SELECT `+articleCols+` FROM articles a `+w.sql()+fmt.Sprintf(` ORDER BY a.fetched DESC, a.n DESC LIMIT %d`, lim+1),
		func(sc scanner) (art, error) {
			r, n, err := scanArticle(sc)
			return art{r, n}, err
		}, w.args...)
	if err != nil {
		return page, fmt.Errorf("list articles: %w", err)
	}
	if len(arts) > lim {
		arts = arts[:lim]
		last := arts[lim-1]
		page.Next = encodeCursor(last.row.Fetched.UnixNano(), last.n)
	}
	for _, a := range arts {
		page.Items = append(page.Items, a.row)
	}
	return page, nil
}

// Points lists the points of the events matching f that have coordinates,
// by date then key: the columns the map draws, without the joins and the
// figures of Events.
func (s *DB) Points(ctx context.Context, f store.Filter) (store.Page[store.Point], error) {
	var page store.Page[store.Point]
	w := &where{}
	s.eventConds(w, f, true)
	w.add("e.loc_lat IS NOT NULL AND e.loc_lon IS NOT NULL")
	if f.Cursor != "" {
		var d, key string
		if err := decodeCursor(f.Cursor, &d, &key); err != nil {
			return page, fmt.Errorf("list points: %w", err)
		}
		w.add("(e.day_start, e.key) > (?, ?)", d, key)
	}
	n := limit(f)
	type point struct {
		p   store.Point
		day string
	}
	ps, err := collect(ctx, runner{s, nil}, `SELECT e.key, e.loc_lat, e.loc_lon, e.type, e.acled_type, e.date_start, e.day_start
		FROM events e `+w.sql()+fmt.Sprintf(" ORDER BY e.day_start, e.key LIMIT %d", n+1), func(sc scanner) (point, error) {
		var p point
		var acled, date sql.NullString
		err := sc.Scan(&p.p.Key, &p.p.Lat, &p.p.Lon, &p.p.Type, &acled, &date, &p.day)
		p.p.ACLED, p.p.Date = acled.String, date.String
		return p, err
	}, w.args...)
	if err != nil {
		return page, fmt.Errorf("list points: %w", err)
	}
	if len(ps) > n {
		ps = ps[:n]
		page.Next = encodeCursor(ps[n-1].day, ps[n-1].p.Key)
	}
	page.Items = make([]store.Point, len(ps))
	for i := range ps {
		page.Items[i] = ps[i].p
	}
	return page, nil
}

// Stats counts events matching f by day, type and country. Without a
// filter, a database that keeps event_counts (SQLite: put counts inserts,
// triggers deletes and updates) reads those counters instead of every
// event; a filter counts the matching events, grouped in the order of the
// events_day index so that a date range reads the index alone.
func (s *DB) Stats(ctx context.Context, f store.Filter) (store.Stats, error) {
	st := store.Stats{ByDay: map[string]int{}, ByType: map[string]int{}, ByCountry: map[string]int{}}
	g := f
	g.Limit, g.Cursor = 0, ""
	if g == (store.Filter{}) && s.d.eventCounts {
		if err := s.countedStats(ctx, &st); err != nil {
			return st, fmt.Errorf("count events: %w", err)
		}
		return st, nil
	}
	return s.groupedStats(ctx, f)
}

// groupedStats counts the events matching f.
func (s *DB) groupedStats(ctx context.Context, f store.Filter) (store.Stats, error) {
	st := store.Stats{ByDay: map[string]int{}, ByType: map[string]int{}, ByCountry: map[string]int{}}
	w := &where{}
	s.eventConds(w, f, true)
	rows, err := runner{s, nil}.QueryContext(ctx, `SELECT e.day_start, e.type, e.loc_country, count(*) FROM events e `+
		w.sql()+` GROUP BY e.day_start, e.type, e.loc_country`, w.args...)
	if err != nil {
		return st, fmt.Errorf("count events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d, t string
		var c sql.NullString
		var n int
		if err := rows.Scan(&d, &t, &c, &n); err != nil {
			return st, fmt.Errorf("count events: %w", err)
		}
		st.Total += n
		st.ByDay[d] += n
		st.ByType[t] += n
		st.ByCountry[c.String] += n
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("count events: %w", err)
	}
	return st, nil
}

// countedStats reads the event counters.
func (s *DB) countedStats(ctx context.Context, st *store.Stats) error {
	rows, err := runner{s, nil}.QueryContext(ctx, `SELECT dim, value, n FROM event_counts WHERE n > 0`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var dim, v string
		var n int
		if err := rows.Scan(&dim, &v, &n); err != nil {
			return err
		}
		switch dim {
		case "day":
			st.ByDay[v] = n
			st.Total += n
		case "type":
			st.ByType[v] = n
		case "country":
			st.ByCountry[v] = n
		}
	}
	return rows.Err()
}

// FeedState returns what is kept about a feed; a feed never polled has only
// its URL.
func (s *DB) FeedState(ctx context.Context, url string) (store.FeedState, error) {
	st := store.FeedState{URL: url}
	var checked int64
	err := s.db.QueryRowContext(ctx, `SELECT etag, last_modified, checked, status, error FROM feeds WHERE url = ?`, url).
		Scan(&st.ETag, &st.LastModified, &checked, &st.Status, &st.Error)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("read feed state %s: %w", url, err)
	}
	if checked != 0 {
		st.Checked = time.Unix(0, checked).UTC()
	}
	return st, nil
}

// SetFeedState records a feed's state, replacing what was kept.
func (s *DB) SetFeedState(ctx context.Context, st store.FeedState) error {
	if st.URL == "" {
		return errors.New("save feed state: no URL")
	}
	var checked int64
	if !st.Checked.IsZero() {
		checked = st.Checked.UTC().UnixNano()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO feeds (url, etag, last_modified, checked, status, error) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
		checked = excluded.checked, status = excluded.status, error = excluded.error`,
		st.URL, st.ETag, st.LastModified, checked, st.Status, st.Error)
	if err != nil {
		return fmt.Errorf("save feed state %s: %w", st.URL, err)
	}
	return nil
}
