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

// merge joins the events of the article just inserted (row n) into
// incidents. Incidents are the connected components of incident.Compatible
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
func (s *DB) merge(ctx context.Context, tx runner, n int64, doc *document.Document, meta store.Meta) error {
	k := len(doc.Events)
	if k == 0 {
		return nil
	}
	pub := ""
	if doc.Published != nil {
		pub = *doc.Published
	}
	evs := make([]incident.Event, k)
	for i, e := range doc.Events {
		evs[i] = incident.Of(doc.ID, pub, e)
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
		return err
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
				return fmt.Errorf("stored event %s is in no incident", c.ev.Key)
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
	art := store.ArticleRow{ID: doc.ID, URL: deref(doc.Source.URL), Path: deref(doc.Source.Path), Site: deref(doc.Source.Site),
		Title: deref(doc.Title), Lang: doc.Language, Published: pub, Fetched: time.Unix(0, meta.Fetched.UTC().UnixNano()).UTC(), Events: k}
	for _, r := range roots {
		g := groups[r]
		rows, err := incidentRows(ctx, tx, g.olds)
		if err != nil {
			return err
		}
		for _, i := range g.news {
			e := doc.Events[i]
			row := store.EventRow{Key: evs[i].Key, Article: art, Event: e, Figures: []document.Figure{}}
			for _, f := range doc.Figures {
				if f.Event != nil && *f.Event == e.ID {
					row.Figures = append(row.Figures, f)
				}
			}
			rows = append(rows, row)
		}
		inc := incident.Summarize(rows)
		if err := writeIncident(ctx, tx, inc, g.olds); err != nil {
			return err
		}
		for _, i := range g.news {
			if _, err := tx.ExecContext(ctx, `UPDATE events SET incident = ? WHERE article = ? AND ord = ?`, inc.ID, n, i); err != nil {
				return fmt.Errorf("file events under incident %s: %w", inc.ID, err)
			}
		}
	}
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
		q := `SELECT ` + mergeCols + `, a.id, a.published FROM events e JOIN articles a ON a.n = e.article
			WHERE e.day_start BETWEEN ? AND ? AND e.day_end >= ? AND e.article != ? AND e.loc_precision != ''`
		if !x.any {
			list, _ := json.Marshal(append(x.countries, "")) // strings always marshal
			q += ` AND ` + s.d.inList("e.loc_country")
			args = append(args, string(list))
		}
		cs, err := collect(ctx, tx, q, func(sc scanner) (candidate, error) {
			var id string
			var pub sql.NullString
			ev, inc, err := scanEvent(sc, &id, &pub)
			return candidate{incident.Of(id, pub.String, ev), inc}, err
		}, args...)
		if err != nil {
			return nil, fmt.Errorf("find candidate events: %w", err)
		}
		cands = append(cands, cs...)
	}
	return cands, nil
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
	ls, err := collect(ctx, q, `SELECT `+articleCols+`, e.key, `+eventCols+` FROM events e JOIN articles a ON a.n = e.article `+where,
		func(sc scanner) (loaded, error) {
			var l loaded
			var err error
			var ev scanner = scannerFunc(func(dest ...any) error {
				l.row.Article, l.n, err = scanArticle(sc, append([]any{&l.row.Key}, dest...)...)
				return err
			})
			l.row.Event, l.row.Incident, err = scanEvent(ev)
			return l, err
		}, args...)
	if err != nil {
		return nil, fmt.Errorf("load events: %w", err)
	}
	// The figures of all these events in one query.
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
	if len(arts) > 0 {
		list, _ := json.Marshal(arts) // integers always marshal
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
	body, err := json.Marshal(inc)
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
