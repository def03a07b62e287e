package web

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/store"
)

// memStore is a small in-memory store.Store for the page tests: events
// merge into an incident when type, country and day agree, and a figure
// kind's reconciled value is the lowest claim, as the real store does in
// spirit. It filters the way the pages need and no further.
type memStore struct {
	mu        sync.Mutex
	docs      map[string]*document.Document
	order     []string
	rows      []store.EventRow
	incidents map[string]*store.Incident
}

func newMemStore() *memStore {
	return &memStore{docs: map[string]*document.Document{}, incidents: map[string]*store.Incident{}}
}

func (m *memStore) Put(ctx context.Context, doc *document.Document, meta store.Meta) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.docs[doc.ID]; ok {
		return false, nil
	}
	m.docs[doc.ID] = doc
	m.order = append(m.order, doc.ID)
	ar := articleRow(doc)
	for _, e := range doc.Events {
		key := doc.ID + "/" + e.ID
		country, date := "", ""
		if e.Location != nil {
			country = e.Location.Country
		}
		if e.Date != nil && e.Date.Start != nil {
			date = *e.Date.Start
		}
		sum := sha256.Sum256([]byte(e.Type + "|" + country + "|" + date))
		iid := hex.EncodeToString(sum[:6])
		inc, ok := m.incidents[iid]
		if !ok {
			inc = &store.Incident{ID: iid, Type: e.Type, ACLED: e.ACLED, Location: e.Location, Start: date, End: date}
			m.incidents[iid] = inc
		}
		inc.Events = append(inc.Events, key)
		if !slices.Contains(inc.Articles, doc.ID) {
			inc.Articles = append(inc.Articles, doc.ID)
		}
		row := store.EventRow{Key: key, Article: ar, Incident: iid, Event: e}
		for _, f := range doc.Figures {
			if f.Event == nil || *f.Event != e.ID {
				continue
			}
			row.Figures = append(row.Figures, f)
			claim := store.Claim{Article: doc.ID, Event: key, Site: ar.Site, Figure: f, Evidence: f.Evidence.Text}
			if f.Attribution != nil && f.Attribution.Kind != "unattributed" {
				claim.Source, claim.Kind = f.Attribution.Source, f.Attribution.Kind
			}
			reconcile(inc, claim)
		}
		m.rows = append(m.rows, row)
	}
	slices.SortFunc(m.rows, func(a, b store.EventRow) int {
		return cmp.Or(cmp.Compare(eventDate(a), eventDate(b)), cmp.Compare(a.Key, b.Key))
	})
	return true, nil
}

func reconcile(inc *store.Incident, c store.Claim) {
	i := slices.IndexFunc(inc.Figures, func(r store.Reconciled) bool { return r.Kind == c.Figure.Kind })
	if i < 0 {
		inc.Figures = append(inc.Figures, store.Reconciled{Kind: c.Figure.Kind, Value: c.Figure.Min, Min: c.Figure.Min, Max: c.Figure.Max})
		i = len(inc.Figures) - 1
	}
	r := &inc.Figures[i]
	r.Claims = append(r.Claims, c)
	r.Value, r.Min = min(r.Value, c.Figure.Min), min(r.Min, c.Figure.Min)
	switch {
	case c.Figure.Max == nil:
		r.Max = nil
	case r.Max != nil && *c.Figure.Max > *r.Max:
		v := *c.Figure.Max
		r.Max = &v
	}
}

func eventDate(r store.EventRow) string {
	if r.Event.Date != nil && r.Event.Date.Start != nil {
		return *r.Event.Date.Start
	}
	return ""
}

func articleRow(doc *document.Document) store.ArticleRow {
	return store.ArticleRow{ID: doc.ID, Title: derefOr(doc.Title, ""), Lang: doc.Language, Site: derefOr(doc.Source.Site, ""),
		URL: derefOr(doc.Source.URL, ""), Published: derefOr(doc.Published, ""), Events: len(doc.Events)}
}

func (m *memStore) match(r store.EventRow, f store.Filter) bool {
	e := r.Event
	d := eventDate(r)
	country := ""
	if e.Location != nil {
		country = e.Location.Country
	}
	switch {
	case f.Type != "" && e.Type != f.Type,
		f.ACLEDType != "" && (e.ACLED == nil || (e.ACLED.EventType != f.ACLEDType && e.ACLED.SubEventType != f.ACLEDType)),
		f.Country != "" && country != f.Country,
		!f.Since.IsZero() && (d == "" || d < f.Since.Format("2006-01-02")),
		!f.Until.IsZero() && (d == "" || d > f.Until.Format("2006-01-02")),
		f.Article != "" && r.Article.ID != f.Article,
		f.Incident != "" && r.Incident != f.Incident:
		return false
	}
	if f.Text != "" {
		doc := m.docs[r.Article.ID]
		return doc.Text != nil && strings.Contains(strings.ToLower(*doc.Text), strings.ToLower(f.Text))
	}
	return true
}

func pageOf[T any](items []T, f store.Filter) (store.Page[T], error) {
	from, _ := strconv.Atoi(f.Cursor)
	limit := cmp.Or(f.Limit, 100)
	from = min(from, len(items))
	to := min(from+limit, len(items))
	p := store.Page[T]{Items: items[from:to]}
	if to < len(items) {
		p.Next = strconv.Itoa(to)
	}
	return p, nil
}

func (m *memStore) Events(ctx context.Context, f store.Filter) (store.Page[store.EventRow], error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.EventRow
	for _, r := range m.rows {
		if m.match(r, f) {
			out = append(out, r)
		}
	}
	return pageOf(out, f)
}

func (m *memStore) Articles(ctx context.Context, f store.Filter) (store.Page[store.ArticleRow], error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.ArticleRow
	for _, id := range slices.Backward(m.order) {
		doc := m.docs[id]
		if f.Incident != "" {
			if inc := m.incidents[f.Incident]; inc == nil || !slices.Contains(inc.Articles, id) {
				continue
			}
		}
		out = append(out, articleRow(doc))
	}
	return pageOf(out, f)
}

func (m *memStore) Document(ctx context.Context, id string) (*document.Document, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if d, ok := m.docs[id]; ok {
		return d, nil
	}
	return nil, store.ErrNotFound
}

func (m *memStore) Incident(ctx context.Context, id string) (*store.Incident, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if inc, ok := m.incidents[id]; ok {
		return inc, nil
	}
	return nil, store.ErrNotFound
}

func (m *memStore) Incidents(ctx context.Context, f store.Filter) (store.Page[store.Incident], error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.Incident
	for _, inc := range m.incidents {
		out = append(out, *inc)
	}
	slices.SortFunc(out, func(a, b store.Incident) int { return cmp.Compare(a.ID, b.ID) })
	return pageOf(out, f)
}

func (m *memStore) Stats(ctx context.Context, f store.Filter) (store.Stats, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := store.Stats{ByDay: map[string]int{}, ByType: map[string]int{}, ByCountry: map[string]int{}}
	for _, r := range m.rows {
		if !m.match(r, f) {
			continue
		}
		s.Total++
		s.ByDay[eventDate(r)]++
		s.ByType[r.Event.Type]++
		if r.Event.Location != nil {
			s.ByCountry[r.Event.Location.Country]++
		}
	}
	return s, nil
}

// Replace is not needed by these tests; the real stores implement it.
func (m *memStore) Replace(ctx context.Context, doc *document.Document, meta store.Meta) error {
	return errors.New("memStore: Replace is not implemented by the test store")
}

func (m *memStore) Has(ctx context.Context, id string) (bool, error) {
	_, err := m.Document(ctx, id)
	return err == nil, nil
}
func (m *memStore) HasURL(ctx context.Context, url string) (bool, error) { return false, nil }
func (m *memStore) FeedState(ctx context.Context, url string) (store.FeedState, error) {
	return store.FeedState{URL: url}, nil
}
func (m *memStore) SetFeedState(ctx context.Context, s store.FeedState) error { return nil }
func (m *memStore) Check(ctx context.Context) ([]string, error)               { return nil, nil }
func (m *memStore) Close() error                                              { return nil }
