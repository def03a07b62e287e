// Package ingesttest owns what tests of ingesting need and no program
// does: an in-memory store.Store and generators of distinct news articles
// written to a folder: small ones (Corpus) for tests, and full-length wire
// copy with several outlets per incident (NewsCorpus) for benchmarks.
package ingesttest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/store"
)

// ErrUnsupported is what MemStore's query methods return: ingesting needs
// only writes, look-ups and feed state.
var ErrUnsupported = errors.New("not supported by the in-memory test store")

// MemStore keeps documents in memory. Put is atomic like the real store's
// transaction: a document is there whole or not at all.
type MemStore struct {
	mu    sync.Mutex
	docs  map[string]*document.Document
	urls  map[string]string
	meta  map[string]store.Meta
	feeds map[string]store.FeedState
	// Puts counts calls of Put, FeedStates calls of SetFeedState.
	Puts, FeedStates int
	// FailPut, when set, is returned by Put for documents it matches.
	FailPut func(doc *document.Document) error
}

// NewMemStore returns an empty store.
func NewMemStore() *MemStore {
	return &MemStore{docs: map[string]*document.Document{}, urls: map[string]string{}, meta: map[string]store.Meta{}, feeds: map[string]store.FeedState{}}
}

var _ store.Store = (*MemStore)(nil)

func urlOf(doc *document.Document) string {
	if doc.Source.URL != nil {
		return *doc.Source.URL
	}
	return ""
}

// Put stores doc unless its id or URL is stored.
func (m *MemStore) Put(ctx context.Context, doc *document.Document, meta store.Meta) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if doc.Text == nil || doc.ID == "" {
		return false, errors.New("document without text or id")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Puts++
	if m.FailPut != nil {
		if err := m.FailPut(doc); err != nil {
			return false, err
		}
	}
	if _, ok := m.docs[doc.ID]; ok {
		return false, nil
	}
	u := urlOf(doc)
	if _, ok := m.urls[u]; ok && u != "" {
		return false, nil
	}
	m.docs[doc.ID] = doc
	m.meta[doc.ID] = meta
	if u != "" {
		m.urls[u] = doc.ID
	}
	return true, nil
}

// Replace puts doc in place of the stored article with its id or URL.
func (m *MemStore) Replace(ctx context.Context, doc *document.Document, meta store.Meta) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if doc.Text == nil || doc.ID == "" {
		return errors.New("document without text or id")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	old := doc.ID
	if _, ok := m.docs[old]; !ok {
		old = m.urls[urlOf(doc)]
	}
	if prev, ok := m.docs[old]; ok {
		delete(m.docs, old)
		delete(m.meta, old)
		delete(m.urls, urlOf(prev))
	}
	m.docs[doc.ID] = doc
	m.meta[doc.ID] = meta
	if u := urlOf(doc); u != "" {
		m.urls[u] = doc.ID
	}
	return nil
}

func (m *MemStore) Has(ctx context.Context, id string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.docs[id]
	return ok, nil
}

func (m *MemStore) HasURL(ctx context.Context, url string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.urls[url]
	return ok, nil
}

func (m *MemStore) Document(ctx context.Context, id string) (*document.Document, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if d, ok := m.docs[id]; ok {
		return d, nil
	}
	return nil, store.ErrNotFound
}

// Docs returns the stored documents by id.
func (m *MemStore) Docs() map[string]*document.Document {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]*document.Document, len(m.docs))
	for k, v := range m.docs {
		out[k] = v
	}
	return out
}

// Meta returns what was stored with an article.
func (m *MemStore) Meta(id string) store.Meta {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.meta[id]
}

// ByURL returns the document stored for a URL, or nil.
func (m *MemStore) ByURL(url string) *document.Document {
	m.mu.Lock()
	defer m.mu.Unlock()
	if id, ok := m.urls[url]; ok {
		return m.docs[id]
	}
	return nil
}

func (m *MemStore) Articles(context.Context, store.Filter) (store.Page[store.ArticleRow], error) {
	return store.Page[store.ArticleRow]{}, ErrUnsupported
}
func (m *MemStore) Events(context.Context, store.Filter) (store.Page[store.EventRow], error) {
	return store.Page[store.EventRow]{}, ErrUnsupported
}
func (m *MemStore) Incidents(context.Context, store.Filter) (store.Page[store.Incident], error) {
	return store.Page[store.Incident]{}, ErrUnsupported
}
func (m *MemStore) Incident(context.Context, string) (*store.Incident, error) {
	return nil, ErrUnsupported
}
func (m *MemStore) Stats(context.Context, store.Filter) (store.Stats, error) {
	return store.Stats{}, ErrUnsupported
}

func (m *MemStore) FeedState(ctx context.Context, url string) (store.FeedState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s, ok := m.feeds[url]; ok {
		return s, nil
	}
	return store.FeedState{}, store.ErrNotFound
}

func (m *MemStore) SetFeedState(ctx context.Context, s store.FeedState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.FeedStates++
	m.feeds[s.URL] = s
	return nil
}

// Check finds documents stored twice under one URL, or under the wrong id.
func (m *MemStore) Check(ctx context.Context) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for id, d := range m.docs {
		if d.ID != id || document.ID(*d.Text) != id {
			out = append(out, fmt.Sprintf("article %s: id does not match its text", id))
		}
	}
	return out, nil
}

func (m *MemStore) Close() error { return nil }

// Corpus writes n small news articles (plain text, Danish and English by
// turns, every one different) as n .txt files spread over subfolders of
// dir, and returns their paths.
func Corpus(dir string, n int) ([]string, error) {
	paths := make([]string, 0, n)
	for i := 0; i < n; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("%02d", i%20))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return nil, err
		}
		p := filepath.Join(sub, fmt.Sprintf("article-%05d.txt", i))
		if err := os.WriteFile(p, []byte(Article(i)), 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

var (
	daTowns   = []string{"Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding", "Horsens", "Vejle", "Roskilde", "Herning"}
	daDays    = []string{"mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"}
	daCauses  = []string{"nedskæringer på sygehusene", "lukningen af en skole", "en ny motorvej", "højere huslejer", "klimapolitikken"}
	enCities  = []string{"Nairobi", "Lagos", "Accra", "Dakar", "Kampala", "Lusaka", "Harare", "Kigali", "Bamako", "Abuja"}
	enDays    = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	enCauses  = []string{"fuel prices", "a new tax law", "the closure of a hospital", "the arrest of an opposition leader", "rising food prices"}
	officers  = []string{"Lars Holm", "Mette Skov", "Jens Bach", "Anne Lund", "Peter Krogh"}
	spokesmen = []string{"Grace Otieno", "Samuel Mensah", "Amina Diallo", "Joseph Banda", "Ruth Nakato"}
)

// Article returns the i-th generated article: a headline and three short
// paragraphs, different for every i.
func Article(i int) string {
	n, crowd, hurt := 2+i%37, 100*(1+i%43), i%5
	if i%2 == 0 {
		town, day := daTowns[i%len(daTowns)], daDays[i%len(daDays)]
		return fmt.Sprintf("Politiet anholdt %d ved demonstration i %s\n\n"+
			"Politiet anholdt %s %d personer, da omkring %d mennesker demonstrerede mod %s i %s.\n\n"+
			"Ifølge vagtchef %s forløb demonstrationen roligt, indtil en gruppe kastede flasker mod betjentene. %d betjente blev lettere såret.\n\n"+
			"Politiet har oprettet sag nummer %d og efterforsker hændelsen.\n",
			n, town, day, n, crowd, daCauses[i%len(daCauses)], town, officers[i%len(officers)], hurt, 4100+i)
	}
	city, day := enCities[i%len(enCities)], enDays[i%len(enDays)]
	return fmt.Sprintf("Police arrest %d after protest in %s\n\n"+
		"Police in %s arrested %d people on %s after around %d protesters marched against %s.\n\n"+
		"Police spokesperson %s said %d officers were slightly injured when bottles were thrown at the end of the march.\n\n"+
		"The case, number %d, has been handed to prosecutors.\n",
		n, city, city, n, day, crowd, enCauses[i%len(enCauses)], spokesmen[i%len(spokesmen)], hurt, 7300+i)
}
