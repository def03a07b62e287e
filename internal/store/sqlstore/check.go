package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/urodata/uro/internal/incident"
)

// maxProblems caps each check's report: one broken invariant tends to show
// in every row.
const maxProblems = 20

// Check verifies the store's invariants and returns the problems found; an
// error means the checks themselves could not run.
func (s *DB) Check(ctx context.Context) ([]string, error) {
	problems, err := s.d.check(ctx, s)
	if err != nil {
		return problems, err
	}
	found, err := s.checkQueries(ctx, []checkQuery{
		{"events", `SELECT 'event ' || e.key || ' belongs to no stored article' FROM events e WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.n = e.article)`},
		{"events", `SELECT 'event ' || e.key || ' is in no incident' FROM events e WHERE e.incident IS NULL`},
		{"events", `SELECT 'event ' || e.key || ' is in incident ' || e.incident || ', which is not stored' FROM events e
			WHERE e.incident IS NOT NULL AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = e.incident)`},
		{"events", `SELECT 'article ' || a.id || ' counts ' || a.events || ' events, stores ' || (SELECT count(*) FROM events e WHERE e.article = a.n)
			FROM articles a WHERE a.events != (SELECT count(*) FROM events e WHERE e.article = a.n)`},
		{"incidents", `SELECT 'incident ' || i.id || ' has no events' FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.incident = i.id)`},
	})
	problems = append(problems, found...)
	if err != nil {
		return problems, err
	}
	incs, err := s.checkIncidents(ctx)
	if err != nil {
		return problems, err
	}
	return append(problems, incs...), nil
}

// checkQuery lists problem rows as one text column.
type checkQuery struct{ what, q string }

func (s *DB) checkQueries(ctx context.Context, queries []checkQuery) ([]string, error) {
	var problems []string
	for _, q := range queries {
		found, err := collect(ctx, s.db, q.q+fmt.Sprintf(" LIMIT %d", maxProblems), func(sc scanner) (string, error) {
			var p string
			err := sc.Scan(&p)
			return p, err
		})
		if err != nil {
			return problems, fmt.Errorf("check %s: %w", q.what, err)
		}
		problems = append(problems, found...)
	}
	return problems, nil
}

// checkSQLite runs SQLite's own checks: the file's integrity, the foreign
// keys (SQLite enforces them per connection, so a connection without them
// could have broken them), and the full-text index against its content.
func checkSQLite(ctx context.Context, s *DB) ([]string, error) {
	problems, err := s.checkQueries(ctx, []checkQuery{
		{"integrity", `SELECT integrity_check FROM pragma_integrity_check WHERE integrity_check != 'ok'`},
		{"foreign keys", `SELECT "table" || ' row ' || coalesce(rowid, '?') || ' refers to a missing ' || parent FROM pragma_foreign_key_check`},
		{"full-text index", `SELECT 'full-text index has ' || (SELECT count(*) FROM article_fts_docsize) || ' rows for ' || (SELECT count(*) FROM articles) || ' articles'
			WHERE (SELECT count(*) FROM article_fts_docsize) != (SELECT count(*) FROM articles)`},
		// The counters the triggers keep (schema 2) against the events.
		{"event counts", `SELECT 'events counted by ' || coalesce(c.dim, t.dim) || ' ' || quote(coalesce(c.value, t.value)) || ': '
			|| coalesce(c.n, 0) || ', stored ' || coalesce(t.n, 0)
			FROM (SELECT dim, value, n FROM event_counts WHERE n != 0) c FULL JOIN (
				SELECT 'day' AS dim, day_start AS value, count(*) AS n FROM events GROUP BY day_start
				UNION ALL SELECT 'type', type, count(*) FROM events GROUP BY type
				UNION ALL SELECT 'country', coalesce(loc_country, ''), count(*) FROM events GROUP BY 2) t
			ON c.dim = t.dim AND c.value = t.value
			WHERE coalesce(c.n, 0) != coalesce(t.n, 0)`},
	})
	if err != nil {
		return problems, err
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO article_fts (article_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		problems = append(problems, fmt.Sprintf("full-text index does not match the articles: %v", err))
	}
	return problems, nil
}

// checkIncidents recomputes every incident from its events: its id and its
// summary must be what incident.Summarize makes of them now.
func (s *DB) checkIncidents(ctx context.Context) ([]string, error) {
	ids, err := collect(ctx, s.db, `SELECT id FROM incidents ORDER BY id`, func(sc scanner) (string, error) {
		var id string
		err := sc.Scan(&id)
		return id, err
	})
	if err != nil {
		return nil, fmt.Errorf("check incidents: %w", err)
	}
	var problems []string
	for _, id := range ids {
		if len(problems) >= maxProblems {
			break
		}
		stored, err := s.Incident(ctx, id)
		if err != nil {
			return problems, fmt.Errorf("check incidents: %w", err)
		}
		rows, err := incidentRows(ctx, runner{s, nil}, []string{id})
		if err != nil {
			return problems, fmt.Errorf("check incident %s: %w", id, err)
		}
		if len(rows) == 0 {
			continue // reported above
		}
		want := incident.Summarize(rows)
		if want.ID != id {
			problems = append(problems, fmt.Sprintf("incident %s: its events make incident %s", id, want.ID))
			continue
		}
		a, _ := json.Marshal(stored)
		b, _ := json.Marshal(want)
		if string(a) != string(b) {
			problems = append(problems, fmt.Sprintf("incident %s: stored summary differs from a recomputation", id))
		}
		if !slices.Equal(stored.Events, want.Events) {
			problems = append(problems, fmt.Sprintf("incident %s: lists events %v, holds %v", id, stored.Events, want.Events))
		}
	}
	return problems, nil
}
