package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/incident"
	"github.com/urodata/uro/internal/store"
)

// maxSpanDays bounds how wide a stored event's dates may be for it to be
// fetched as a candidate, so the date-window query can use an index on the
// start day. incident.Compatible never ties events of different articles
// when either date is wider than a few days, so this loses nothing while it
// stays above incident's limit (3 days).
const maxSpanDays = 7

// mergeEvents joins the events of p, the article just inserted as row n,
// into incidents; the events themselves go in after, filed under the
// incidents it returns. Incidents are the connected components of incident.Compatible
// over all stored events; a new event can only join components that hold an
// event compatible with it, so merging looks at candidates (events of the
// same article, and events of other articles in its date window), unites
// the components of the compatible ones with the new events, and writes each
// resulting incident afresh: the same incidents whatever the arrival order.
//
// Candidates from other articles are also limited to events with a place in
// the same country (or with no country): incident.Compatible ties events of
// different articles only when both have places and never across two known
// countries. That keeps the query small on a large store.
//
// Each incident a merge changes is named at once (incident.ID: its
// smallest member key decides) and its events filed under that name; its
// summary is left to the end of the transaction (summarize), so an incident
// that many articles of a batch join is read and written once. It returns
// each new event's incident, which its row is inserted with.
func (s *DB) mergeEvents(ctx context.Context, tx runner, n int64, p *prepared, w *work) ([]string, error) {
	evs := p.evs
	k := len(evs)
	if k == 0 {
		return nil, nil
	}
	parent := make([]int, k) // union-find over the new events, then the incidents they touch
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		if ra, rb := find(a), find(b); ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	node := map[string]int{}
	var touched []string
	cands, err := s.candidates(ctx, tx, n, evs)
	if err != nil {
		return nil, err
	}
	for i := range evs {
		for j := range i {
			if incident.Compatible(evs[i], evs[j]) {
				union(i, j)
			}
		}
		for _, c := range cands {
			if !incident.Compatible(evs[i], c.ev) {
				continue
			}
			if c.incident == "" {
				return nil, fmt.Errorf("stored event %s is in no incident", c.ev.Key)
			}
			x, ok := node[c.incident]
			if !ok {
				x = len(parent)
				parent = append(parent, x)
				node[c.incident] = x
				touched = append(touched, c.incident)
			}
			union(i, x)
		}
	}
	type group struct {
		news []int
		olds []string
	}
	groups := map[int]*group{}
	var roots []int
	get := func(i int) *group {
		r := find(i)
		g := groups[r]
		if g == nil {
			g = &group{}
			groups[r] = g
			roots = append(roots, r)
		}
		return g
	}
	for i := range k {
		g := get(i)
		g.news = append(g.news, i)
	}
	for _, id := range touched {
		g := get(node[id])
		g.olds = append(g.olds, id)
	}
	ids := make([]string, k)
	for _, r := range roots {
		g := groups[r]
		smallest := evs[g.news[0]].Key
		for _, i := range g.news[1:] {
			smallest = min(smallest, evs[i].Key)
		}
		for _, id := range g.olds {
			key, err := w.smallest(ctx, tx, id)
			if err != nil {
				return nil, err
			}
			smallest = min(smallest, key)
		}
		id := incident.ID([]string{smallest})
		for _, old := range g.olds {
			delete(w.pre, old) // its members change
			if old == id {
				continue // its events stay where they are
			}
			if _, err := tx.ExecContext(ctx, `UPDATE events SET incident = ? WHERE incident = ?`, id, old); err != nil {
				return nil, fmt.Errorf("move events of %s to incident %s: %w", old, id, err)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM incidents WHERE id = ?`, old); err != nil {
				return nil, fmt.Errorf("replace incident %s: %w", old, err)
			}
			delete(w.dirty, old)
			delete(w.minKey, old)
		}
		for _, i := range g.news {
			ids[i] = id
		}
		// A group without stored events is one of the article's own
		// incidents, which Prepare summarised.
		if sum := p.local[id]; len(g.olds) == 0 && sum != nil && sameMembers(sum, evs, g.news) {
			w.pre[id] = sum
		}
		w.dirty[id] = true
		w.minKey[id] = smallest
	}
	for _, row := range p.rows {
		w.rows[row.Key] = row
	}
	return ids, nil
}

// sameMembers reports whether sum is the incident of the events news.
func sameMembers(sum *summary, evs []incident.Event, news []int) bool {
	if len(sum.inc.Events) != len(news) {
		return false
	}
	for _, i := range news {
		if _, ok := slices.BinarySearch(sum.inc.Events, evs[i].Key); !ok {
			return false
		}
	}
	return true
}

// smallest is the smallest key of incident id's events.
func (w *work) smallest(ctx context.Context, tx runner, id string) (string, error) {
	if k, ok := w.minKey[id]; ok {
		return k, nil
	}
	var k sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT min(key) FROM events WHERE incident = ?`, id).Scan(&k); err != nil {
		return "", fmt.Errorf("read incident %s: %w", id, err)
	}
	if !k.Valid {
		return "", fmt.Errorf("stored incident %s has no events", id)
	}
	w.minKey[id] = k.String
	return k.String, nil
}

// summarize writes the summaries of the incidents merging changed, reading
// all their events in one query.
func (s *DB) summarize(ctx context.Context, tx runner, w *work) error {
	if len(w.dirty) == 0 {
		return nil
	}
	var ids, rest []string
	for id := range w.dirty {
		ids = append(ids, id)
		if w.pre[id] == nil {
			rest = append(rest, id)
		}
	}
	slices.Sort(ids)
	members := map[string][]store.EventRow{}
	if len(rest) > 0 {
		// Which events the incidents hold (the events_incident index alone
		// answers), then the events this transaction did not put.
		type ref struct{ incident, key string }
		list, _ := json.Marshal(rest) // strings always marshal
		refs, err := collect(ctx, tx, `SELECT e.incident, e.key FROM events e WHERE `+s.d.inList("e.incident"), func(sc scanner) (ref, error) {
			var r ref
			err := sc.Scan(&r.incident, &r.key)
			return r, err
		}, string(list))
		if err != nil {
			return fmt.Errorf("list the events of incidents: %w", err)
		}
		var missing []string
		for _, r := range refs {
			if row, ok := w.rows[r.key]; ok {
				members[r.incident] = append(members[r.incident], row)
			} else {
				missing = append(missing, r.key)
			}
		}
		if len(missing) > 0 {
			list, _ := json.Marshal(missing) // strings always marshal
			rows, err := eventRows(ctx, tx, `WHERE `+s.d.inList("e.key"), string(list))
			if err != nil {
				return err
			}
			for _, r := range rows {
				members[r.Incident] = append(members[r.Incident], r)
			}
		}
	}
	for _, id := range ids {
		sum := w.pre[id]
		if sum == nil {
			var err error
			if sum, err = summarizeIncident(members[id]); err != nil {
				return err
			}
		}
		if sum.inc.ID != id {
			return fmt.Errorf("incident %s: its events make incident %q", id, sum.inc.ID)
		}
		if err := upsertIncident(ctx, tx, sum); err != nil {
			return err
		}
	}
	clear(w.dirty)
	clear(w.minKey)
	clear(w.rows)
	clear(w.pre)
	return nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

type candidate struct {
	ev       incident.Event
	incident string
}

// candidates are the stored events of other articles that may be compatible
// with one of evs (see merge); the caller tests each pair. Events whose date
// windows touch share one query, so an article costs one query or a few
// (a background event from another year gets its own).
func (s *DB) candidates(ctx context.Context, tx runner, n int64, evs []incident.Event) ([]candidate, error) {
	w := incident.WindowDays
	type window struct {
		lo, hi    time.Time // the events' starts and ends
		countries []string  // nil: any country
		any       bool
	}
	var wins []window
	for _, e := range evs {
		if e.Start.IsZero() || e.Precision == "" {
			continue // only its own article can join it
		}
		lo, hi := e.Start, e.End
		i := slices.IndexFunc(wins, func(x window) bool {
			return !lo.AddDate(0, 0, -2*w-maxSpanDays).After(x.hi) && !x.lo.AddDate(0, 0, -2*w-maxSpanDays).After(hi)
		})
		if i < 0 {
			wins = append(wins, window{lo: lo, hi: hi})
			i = len(wins) - 1
		}
		x := &wins[i]
		if lo.Before(x.lo) {
			x.lo = lo
		}
		if hi.After(x.hi) {
			x.hi = hi
		}
		if e.Country == "" {
			x.any = true
		} else if !slices.Contains(x.countries, e.Country) {
			x.countries = append(x.countries, e.Country)
		}
	}
	var cands []candidate
	for _, x := range wins {
		args := []any{
			x.lo.AddDate(0, 0, -w-maxSpanDays).Format(time.DateOnly),
			x.hi.AddDate(0, 0, w).Format(time.DateOnly),
			x.lo.AddDate(0, 0, -w).Format(time.DateOnly),
			n,
		}
		q := `SELECT ` + candidateCols + ` FROM events e WHERE e.day_start BETWEEN ? AND ? AND e.day_end >= ? AND e.article != ? AND e.loc_precision != ''`
		if !x.any {
			list, _ := json.Marshal(append(x.countries, "")) // strings always marshal
			q += ` AND ` + s.d.inList("e.loc_country")
			args = append(args, string(list))
		}
		cs, err := collect(ctx, tx, q, scanCandidate, args...)
		if err != nil {
			return nil, fmt.Errorf("find candidate events: %w", err)
		}
		cands = append(cands, cs...)
	}
	return cands, nil
}

// candidateCols are what scanCandidate reads, from events aliased e.
const candidateCols = `e.key, e.id, e.incident, e.day_start, e.type, e.acled_type, e.loc_country, e.loc_name, e.loc_admin1,
	e.loc_lat, e.loc_lon, e.loc_precision, e.date_start, e.date_end, e.actor_kind, e.recipient_kind`

// scanCandidate reads a candidate: the columns incident.Of reads, made into
// the parts of a document.Event it reads them from. An event with no date
// of its own is filed under its article's (day_start), which is what
// incident.Of falls back to.
func scanCandidate(sc scanner) (candidate, error) {
	var c candidate
	var key, id, day, typ string
	var inc, acled, country, name, admin1, prec, start, end, actor, recipient sql.NullString
	var lat, lon sql.NullFloat64
	if err := sc.Scan(&key, &id, &inc, &day, &typ, &acled, &country, &name, &admin1, &lat, &lon, &prec, &start, &end,
		&actor, &recipient); err != nil {
		return c, err
	}
	ev := document.Event{ID: id, Type: typ}
	if acled.Valid {
		ev.ACLED = &document.ACLED{EventType: acled.String}
	}
	ev.Location = &document.Place{Name: name.String, Country: country.String, Admin1: str(admin1),
		Lat: f64(lat), Lon: f64(lon), Precision: prec.String}
	if start.Valid {
		ev.Date = &document.When{Start: str(start), End: str(end)}
	}
	if actor.Valid {
		ev.Actor = &document.Party{Kind: actor.String}
	}
	if recipient.Valid {
		ev.Recipient = &document.Party{Kind: recipient.String}
	}
	// The key is "<article id>/<event id>".
	c.ev = incident.Of(key[:len(key)-len(id)-1], day, ev)
	c.incident = inc.String
	return c, nil
}

// incidentRows loads every event of the incidents ids with its article and
// figures.
func incidentRows(ctx context.Context, q runner, ids []string) ([]store.EventRow, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list, _ := json.Marshal(ids) // strings always marshal
	return eventRows(ctx, q, `WHERE `+q.s.d.inList("e.incident")+` ORDER BY e.key`, string(list))
}

// eventRows loads the events that where (a WHERE … ORDER BY … clause over
// events e and articles a) selects, with their figures.
func eventRows(ctx context.Context, q runner, where string, args ...any) ([]store.EventRow, error) {
	type loaded struct {
		row store.EventRow
		n   int64
	}
	// The events without their articles: a page's events come from a few
	// articles, read once each below.
	ls, err := collect(ctx, q, `SELECT e.article, e.key, `+eventCols+` FROM events e `+where,
		func(sc scanner) (loaded, error) {
			var l loaded
			var err error
			l.row.Event, l.row.Incident, err = scanEvent(scannerFunc(func(dest ...any) error {
				return sc.Scan(append([]any{&l.n, &l.row.Key}, dest...)...)
			}))
			return l, err
		}, args...)
	if err != nil {
		return nil, fmt.Errorf("load events: %w", err)
	}
	// The articles and the figures of all these events, a query each.
	type eventRef struct {
		n  int64
		id string
	}
	var arts []int64
	for _, l := range ls {
		if !slices.Contains(arts, l.n) {
			arts = append(arts, l.n)
		}
	}
	figs := map[eventRef][]document.Figure{}
	articles := map[int64]store.ArticleRow{}
	if len(arts) > 0 {
		list, _ := json.Marshal(arts) // integers always marshal
		type art struct {
			row store.ArticleRow
			n   int64
		}
		as, err := collect(ctx, q, `SELECT `+articleCols+` FROM articles a WHERE `+q.s.d.inList("a.n"), func(sc scanner) (art, error) {
			var a art
			var err error
			a.row, a.n, err = scanArticle(sc)
			return a, err
		}, string(list))
		if err != nil {
			return nil, fmt.Errorf("load articles: %w", err)
		}
		for _, a := range as {
			articles[a.n] = a.row
		}
		type figRow struct {
			ref eventRef
			fig document.Figure
		}
		frs, err := collect(ctx, q, `SELECT f.article, `+figureCols+` FROM figures f WHERE `+q.s.d.inList("f.article")+
			` AND f.event IS NOT NULL ORDER BY f.article, f.ord`, func(sc scanner) (figRow, error) {
			var r figRow
			var err error
			r.fig, err = scanFigureAfter(sc, &r.ref.n)
			if err == nil {
				r.ref.id = *r.fig.Event
			}
			return r, err
		}, string(list))
		if err != nil {
			return nil, fmt.Errorf("load figures: %w", err)
		}
		for _, fr := range frs {
			figs[fr.ref] = append(figs[fr.ref], fr.fig)
		}
	}
	rows := make([]store.EventRow, len(ls))
	for i, l := range ls {
		rows[i] = l.row
		rows[i].Article = articles[l.n]
		rows[i].Figures = figs[eventRef{l.n, l.row.Event.ID}]
		if rows[i].Figures == nil {
			rows[i].Figures = []document.Figure{}
		}
	}
	return rows, nil
}

// scannerFunc lets two scans share one row: scanArticle's columns come
// first, scanEvent's after.
type scannerFunc func(dest ...any) error

func (f scannerFunc) Scan(dest ...any) error { return f(dest...) }

// writeIncident replaces the incidents olds with inc.
func writeIncident(ctx context.Context, tx runner, inc store.Incident, olds []string) error {
	body, err := inc.MarshalJSON() // json.Marshal would re-read it to compact it
	if err != nil {
		return fmt.Errorf("encode incident %s: %w", inc.ID, err)
	}
	for _, id := range olds {
		if _, err := tx.ExecContext(ctx, `DELETE FROM incidents WHERE id = ?`, id); err != nil {
			return fmt.Errorf("replace incident %s: %w", id, err)
		}
		if id == inc.ID {
			continue // its events stay where they are
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET incident = ? WHERE incident = ?`, inc.ID, id); err != nil {
			return fmt.Errorf("move events of %s to incident %s: %w", id, inc.ID, err)
		}
	}
	var acled, country any
	if inc.ACLED != nil {
		acled = inc.ACLED.EventType
	}
	if inc.Location != nil {
		country = inc.Location.Country
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO incidents (id, type, acled_type, country, start, "end", events, articles, body)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, inc.ID, inc.Type, acled, country, inc.Start, inc.End,
		len(inc.Events), len(inc.Articles), string(body)); err != nil {
		return fmt.Errorf("insert incident %s: %w", inc.ID, err)
	}
	return nil
}

// upsertIncident writes an incident, replacing the stored incident of its id.
func upsertIncident(ctx context.Context, tx runner, sum *summary) error {
	inc := sum.inc
	var acled, country any
	if inc.ACLED != nil {
		acled = inc.ACLED.EventType
	}
	if inc.Location != nil {
		country = inc.Location.Country
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO incidents (id, type, acled_type, country, start, "end", events, articles, body)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET type = excluded.type, acled_type = excluded.acled_type,
		country = excluded.country, start = excluded.start, "end" = excluded."end", events = excluded.events,
		articles = excluded.articles, body = excluded.body`, inc.ID, inc.Type, acled, country, inc.Start, inc.End,
		len(inc.Events), len(inc.Articles), sum.body); err != nil {
		return fmt.Errorf("write incident %s: %w", inc.ID, err)
	}
	return nil
}
