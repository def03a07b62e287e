package server

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/store"
)

// memStore is a small in-memory store.Store for the API tests: enough
// filtering and paging to tell whether the handlers pass filters and
// cursors on. (The SQL store has its own behavioural suite.)
type memStore struct {
	mu      sync.Mutex
	docs    map[string]*document.Document
	fetched map[string]time.Time
	order   []string // article ids, oldest first
	panics  bool     // Events panics: for the recover test
}

func newMemStore() *memStore {
	return &memStore{docs: map[string]*document.Document{}, fetched: map[string]time.Time{}}
}

func (m *memStore) Put(ctx context.Context, doc *document.Document, meta store.Meta) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.docs[doc.ID]; ok {
		return false, nil
	}
	m.docs[doc.ID] = doc
	m.fetched[doc.ID] = meta.Fetched
	m.order = append(m.order, doc.ID)
	return true, nil
}

// Replace is not needed by these tests; the real stores implement it.
func (m *memStore) Replace(ctx context.Context, doc *document.Document, meta store.Meta) error {
	return errors.New("memStore: Replace is not implemented by the test store")
}

func (m *memStore) Has(ctx context.Context, id string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.docs[id]
	return ok, nil
}

func (m *memStore) HasURL(ctx context.Context, url string) (bool, error) { return false, nil }

func (m *memStore) Document(ctx context.Context, id string) (*document.Document, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.docs[id]
	if !ok {
		return nil, store.ErrNotFound
	}
	return d, nil
}

func (m *memStore) row(id string) store.ArticleRow {
	d := m.docs[id]
	r := store.ArticleRow{ID: id, Lang: d.Language, Fetched: m.fetched[id], Events: len(d.Events)}
	if d.Title != nil {
		r.Title = *d.Title
	}
	if d.Published != nil {
		r.Published = *d.Published
	}
	if d.Source.URL != nil {
		r.URL = *d.Source.URL
	}
	if d.Source.Site != nil {
		r.Site = *d.Source.Site
	}
	return r
}

// events lists every event matching f, by date then key.
func (m *memStore) events(f store.Filter) []store.EventRow {
	var out []store.EventRow
	for _, id := range m.order {
		d := m.docs[id]
		if f.Article != "" && id != f.Article {
			continue
		}
		if f.Text != "" && (d.Text == nil || !strings.Contains(strings.ToLower(*d.Text), strings.ToLower(f.Text))) {
			continue
		}
		for _, e := range d.Events {
			key := id + "/" + e.ID
			if f.Incident != "" && f.Incident != incidentOf(key) {
				continue
			}
			if f.Type != "" && e.Type != f.Type {
				continue
			}
			if f.ACLEDType != "" && (e.ACLED == nil || (e.ACLED.EventType != f.ACLEDType && e.ACLED.SubEventType != f.ACLEDType)) {
				continue
			}
			if f.Country != "" && (e.Location == nil || e.Location.Country != f.Country) {
				continue
			}
			if f.Place != "" && (e.Location == nil || !strings.EqualFold(e.Location.Name, f.Place)) {
				continue
			}
			day := eventDay(e)
			if !f.Since.IsZero() && (day == "" || day < f.Since.Format(time.DateOnly)) {
				continue
			}
			if !f.Until.IsZero() && (day == "" || day > f.Until.Format(time.DateOnly)) {
				continue
			}
			var figs []document.Figure
			for _, fg := range d.Figures {
				if fg.Event != nil && *fg.Event == e.ID {
					figs = append(figs, fg)
				}
			}
			if f.MinFigure > 0 {
				ok := false
				for _, fg := range figs {
					if fg.Min >= f.MinFigure && (f.MinKind == "" || fg.Kind == f.MinKind) {
						ok = true
					}
				}
				if !ok {
					continue
				}
			}
			out = append(out, store.EventRow{Key: key, Article: m.row(id), Incident: incidentOf(key), Event: e, Figures: figs})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		di, dj := eventDay(out[i].Event), eventDay(out[j].Event)
		if di != dj {
			return di < dj
		}
		return out[i].Key < out[j].Key
	})
	return out
}

func eventDay(e document.Event) string {
	if e.Date != nil && e.Date.Start != nil {
		return *e.Date.Start
	}
	return ""
}

func incidentOf(key string) string { return "inc-" + strings.ReplaceAll(key, "/", "-") }

// page cuts a page out of all by the offset cursor.
func page[T any](all []T, f store.Filter) (store.Page[T], error) {
	off := 0
	if f.Cursor != "" {
		n, err := strconv.Atoi(f.Cursor)
		if err != nil || n < 0 {
			return store.Page[T]{}, store.ErrNotFound
		}
		off = n
	}
	limit := f.Limit
	if limit == 0 {
		limit = 100
	}
	if off > len(all) {
		off = len(all)
	}
	end := min(off+limit, len(all))
	p := store.Page[T]{Items: all[off:end]}
	if end < len(all) {
		p.Next = strconv.Itoa(end)
	}
	return p, nil
}

func (m *memStore) Articles(ctx context.Context, f store.Filter) (store.Page[store.ArticleRow], error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	seen := map[string]bool{}
	var all []store.ArticleRow
	filtered := f.Type != "" || f.ACLEDType != "" || f.Country != "" || f.Place != "" || !f.Since.IsZero() || !f.Until.IsZero() || f.MinFigure > 0
	if filtered {
		for _, e := range m.events(f) {
			seen[e.Article.ID] = true
		}
	}
	for i := len(m.order) - 1; i >= 0; i-- {
		id := m.order[i]
		d := m.docs[id]
		if filtered && !seen[id] {
			continue
		}
		if f.Text != "" && (d.Text == nil || !strings.Contains(strings.ToLower(*d.Text), strings.ToLower(f.Text))) {
			continue
		}
		all = append(all, m.row(id))
	}
	return page(all, f)
}

func (m *memStore) Events(ctx context.Context, f store.Filter) (store.Page[store.EventRow], error) {
	if m.panics {
		panic("memStore: told to panic")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return page(m.events(f), f)
}

func (m *memStore) incident(e store.EventRow) store.Incident {
	in := store.Incident{ID: e.Incident, Type: e.Event.Type, ACLED: e.Event.ACLED, Location: e.Event.Location,
		Start: eventDay(e.Event), End: eventDay(e.Event), Events: []string{e.Key}, Articles: []string{e.Article.ID}}
	byKind := map[string]*store.Reconciled{}
	for _, fg := range e.Figures {
		r := byKind[fg.Kind]
		if r == nil {
			in.Figures = append(in.Figures, store.Reconciled{Kind: fg.Kind, Value: fg.Min, Min: fg.Min, Max: fg.Max})
			r = &in.Figures[len(in.Figures)-1]
			byKind[fg.Kind] = r
		}
		src := ""
		if fg.Attribution != nil {
			src = fg.Attribution.Source
		}
		r.Claims = append(r.Claims, store.Claim{Article: e.Article.ID, Event: e.Key, Source: src, Kind: "media",
			Site: e.Article.Site, Figure: fg, Evidence: fg.Evidence.Text})
	}
	return in
}

func (m *memStore) Incidents(ctx context.Context, f store.Filter) (store.Page[store.Incident], error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var all []store.Incident
	for _, e := range m.events(f) {
		all = append(all, m.incident(e))
	}
	return page(all, f)
}

func (m *memStore) Incident(ctx context.Context, id string) (*store.Incident, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.events(store.Filter{}) {
		if e.Incident == id {
			in := m.incident(e)
			return &in, nil
		}
	}
	return nil, store.ErrNotFound
}

func (m *memStore) Stats(ctx context.Context, f store.Filter) (store.Stats, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st := store.Stats{ByDay: map[string]int{}, ByType: map[string]int{}, ByCountry: map[string]int{}}
	for _, e := range m.events(f) {
		st.Total++
		if d := eventDay(e.Event); d != "" {
			st.ByDay[d]++
		}
		st.ByType[e.Event.Type]++
		if e.Event.Location != nil {
			st.ByCountry[e.Event.Location.Country]++
		}
	}
	return st, nil
}

func (m *memStore) FeedState(ctx context.Context, url string) (store.FeedState, error) {
	return store.FeedState{URL: url}, nil
}
func (m *memStore) SetFeedState(ctx context.Context, s store.FeedState) error { return nil }
func (m *memStore) Check(ctx context.Context) ([]string, error)               { return nil, nil }
func (m *memStore) Close() error                                              { return nil }

var (
	seedOnce sync.Once
	seedX    *extract.Extractor
	seedDocs []*document.Document
	seedErr  error
)

// seedDocuments extracts the example articles and the gold test articles
// (with text, published on their gold dates), once per test binary.
func seedDocuments(t testing.TB) (*extract.Extractor, []*document.Document) {
	t.Helper()
	seedOnce.Do(func() {
		seedX, seedErr = extract.New()
		if seedErr != nil {
			return
		}
		files, _ := filepath.Glob("../../examples/*.txt")
		more, _ := filepath.Glob("../../testdata/gold/*/*.txt")
		files = append(files, more...)
		for _, path := range files {
			var published time.Time
			if b, err := os.ReadFile(strings.TrimSuffix(path, ".txt") + ".gold.json"); err == nil {
				var g struct {
					Published string `json:"published"`
				}
				if json.Unmarshal(b, &g) == nil {
					published, _ = time.Parse(time.DateOnly, g.Published)
				}
			}
			a, err := article.ReadFile(context.Background(), path, article.Options{})
			if err != nil {
				seedErr = err
				return
			}
			doc, err := seedX.Extract(context.Background(), a, extract.Options{IncludeText: true, Published: published,
				URL: "https://news.example/" + filepath.Base(path)})
			if err != nil {
				seedErr = err
				return
			}
			seedDocs = append(seedDocs, doc)
		}
	})
	if seedErr != nil {
		t.Fatalf("seed: %v", seedErr)
	}
	if len(seedDocs) < 4 {
		t.Fatalf("seed: only %d articles", len(seedDocs))
	}
	return seedX, seedDocs
}

func seededStore(t testing.TB) (*extract.Extractor, *memStore) {
	x, docs := seedDocuments(t)
	m := newMemStore()
	for i, d := range docs {
		if _, err := m.Put(context.Background(), d, store.Meta{Fetched: time.Date(2025, 1, 1, 0, i, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
	}
	return x, m
}
