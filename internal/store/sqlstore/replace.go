package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/incident"
	"github.com/urodata/uro/internal/store"
)

// childTables hold an article's findings, children before their parents:
// events and figures, and the layers of an article stored before schema 4.
var childTables = []string{"sentences", "blocks", "entity_spans", "entities", "figures", "quotes", "credits", "times", "numbers", "places", "events"}

// Replace stores doc in place of the stored article with its document id
// (or, failing that, its source URL), in one transaction: uro reprocess
// re-extracts stored articles after a language-pack upgrade. The article
// keeps its row (so its place in listings) and its URL, and its fetch time
// and feed unless meta gives new ones; its findings are dropped and doc's
// stored. Incidents are re-merged: removing events can split an incident,
// so the incidents the old events were in are re-clustered from their
// remaining events, and then doc's events merge as a new article's do.
// An article not stored is added as Put adds it.
func (s *DB) Replace(ctx context.Context, doc *document.Document, meta store.Meta) error {
	if doc == nil || doc.Text == nil {
		return errors.New("replace article: document without text (extract it with its text)")
	}
	if doc.ID == "" {
		return errors.New("replace article: document without id")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("replace article %s: begin: %w", doc.ID, err)
	}
	defer tx.Rollback()
	if err := s.replace(ctx, runner{s, tx}, doc, meta); err != nil {
		return fmt.Errorf("replace article %s: %w", doc.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("replace article %s: commit: %w", doc.ID, err)
	}
	return nil
}

func (s *DB) replace(ctx context.Context, tx runner, doc *document.Document, meta store.Meta) error {
	var n, fetched int64
	var url, title, feed sql.NullString
	var text string
	find := func(cond, arg string) error {
		return tx.QueryRowContext(ctx, `SELECT n, url, title, text, fetched, feed FROM articles WHERE `+cond, arg).
			Scan(&n, &url, &title, &text, &fetched, &feed)
	}
	err := find(`id = ?`, doc.ID)
	if errors.Is(err, sql.ErrNoRows) && doc.Source.URL != nil && *doc.Source.URL != "" {
		err = find(`url = ? AND url != ''`, *doc.Source.URL)
	}
	if errors.Is(err, sql.ErrNoRows) {
		if meta.Fetched.IsZero() {
			meta.Fetched = time.Now()
		}
		_, err := s.put(ctx, tx, doc, meta)
		return err
	}
	if err != nil {
		return fmt.Errorf("find the stored article: %w", err)
	}
	if meta.Fetched.IsZero() {
		meta.Fetched = time.Unix(0, fetched)
	}
	if meta.Feed == "" {
		meta.Feed = feed.String
	}
	// The stored URL stays; the copy carries it into the incidents' rows.
	d := *doc
	d.Source.URL = str(url)

	olds, err := collect(ctx, tx, `SELECT DISTINCT incident FROM events WHERE article = ? AND incident IS NOT NULL ORDER BY incident`,
		func(sc scanner) (string, error) {
			var id string
			err := sc.Scan(&id)
			return id, err
		}, n)
	if err != nil {
		return fmt.Errorf("find the article's incidents: %w", err)
	}
	for _, t := range childTables {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE article = ?`, n); err != nil {
			return fmt.Errorf("drop the article's %s: %w", t, err)
		}
	}
	if err := s.d.unindexText(ctx, tx, n, title.String, text); err != nil {
		return fmt.Errorf("unindex the old text: %w", err)
	}
	p, err := prepare(&d, meta)
	if err != nil {
		return err // it names the article
	}
	// The row as put would insert it (its URL is the stored one, above).
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET id = ?, schema = ?, url = ?, path = ?, site = ?, title = ?, language = ?,
		published = ?, primary_event = ?, text = ?, warnings = ?, nils = ?, fetched = ?, feed = ?, events = ?, layers = ? WHERE n = ?`,
		append(p.article, n)...); err != nil {
		return fmt.Errorf("update article: %w", err)
	}
	if err := s.d.indexText(ctx, tx, n, deref(d.Title), *d.Text); err != nil {
		return fmt.Errorf("index article text: %w", err)
	}
	if err := s.recluster(ctx, tx, olds); err != nil {
		return fmt.Errorf("re-cluster incidents: %w", err)
	}
	w := newWork()
	if err := s.putFindings(ctx, tx, n, p, w); err != nil {
		return err
	}
	return s.finish(ctx, tx, w)
}

// recluster rewrites the incidents ids from the events they still hold:
// the connected components of incident.Compatible over those events. No
// event outside them is compatible with one inside (else it would be in
// one of them), so the components are the store's incidents.
func (s *DB) recluster(ctx context.Context, tx runner, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := incidentRows(ctx, tx, ids)
	if err != nil {
		return err
	}
	list, _ := json.Marshal(ids) // strings always marshal
	if _, err := tx.ExecContext(ctx, `DELETE FROM incidents WHERE `+s.d.inList("id"), string(list)); err != nil {
		return fmt.Errorf("drop incidents: %w", err)
	}
	evs := make([]incident.Event, len(rows))
	for i, r := range rows {
		evs[i] = incident.Of(r.Article.ID, r.Article.Published, r.Event)
	}
	for _, c := range incident.Cluster(evs) {
		members := make([]store.EventRow, len(c))
		keys := make([]string, len(c))
		for j, i := range c {
			members[j], keys[j] = rows[i], rows[i].Key
		}
		inc := incident.Summarize(members)
		if err := writeIncident(ctx, tx, inc, nil); err != nil {
			return err
		}
		list, _ := json.Marshal(keys)
		if _, err := tx.ExecContext(ctx, `UPDATE events SET incident = ? WHERE `+s.d.inList("key"), inc.ID, string(list)); err != nil {
			return fmt.Errorf("file events under incident %s: %w", inc.ID, err)
		}
	}
	return nil
}
