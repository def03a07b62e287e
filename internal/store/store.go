// Package store owns uro's corpus: the articles uro has read, everything
// extracted from them (events, figures, entities, quotes, credits, times,
// numbers, places), the incidents that events from many articles merge
// into, and the state of the feeds it polls. The Store interface is what
// every command and the server use; SQLite (embedded, the default) and
// PostgreSQL implement it over database/sql with the same behaviour.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/urodata/uro/internal/document"
)

// ErrNotFound is returned when an article, event or incident id is unknown.
var ErrNotFound = errors.New("not found")

// Meta is what the store keeps about an article beyond its document.
type Meta struct {
	// Fetched is when uro read the article (UTC); zero means now.
	Fetched time.Time
	// Feed is the feed URL the article was found through, if any.
	Feed string
}

// Store is uro's corpus. All methods are safe for concurrent use; every
// write is one transaction, so a crash never leaves an article half stored.
type Store interface {
	// Put stores a document with its text (doc.Text must be set) and merges
	// its events into incidents. An article already stored, by document id
	// or by source URL, is left as it is and Put reports added == false.
	Put(ctx context.Context, doc *document.Document, meta Meta) (added bool, err error)
	// Replace stores doc in place of the article with the same document id
	// (or, failing that, the same source URL): its findings are replaced and
	// the incidents they touched merged anew, in one transaction. It is how
	// stored articles are re-extracted after a language-pack upgrade. An
	// article not stored yet is added as Put adds it.
	Replace(ctx context.Context, doc *document.Document, meta Meta) error
	// Has reports whether an article with this document id is stored.
	Has(ctx context.Context, id string) (bool, error)
	// HasURL reports whether an article with this source URL is stored.
	HasURL(ctx context.Context, url string) (bool, error)
	// Document returns the stored document of an article, text included,
	// exactly as it was put.
	Document(ctx context.Context, id string) (*document.Document, error)
	// Articles lists stored articles, newest first.
	Articles(ctx context.Context, f Filter) (Page[ArticleRow], error)
	// Events lists stored events matching f, by date then key.
	Events(ctx context.Context, f Filter) (Page[EventRow], error)
	// Incidents lists incidents matching f (an incident matches when one of
	// its events does), with their claims and reconciled figures.
	Incidents(ctx context.Context, f Filter) (Page[Incident], error)
	// Incident returns one incident by id.
	Incident(ctx context.Context, id string) (*Incident, error)
	// Stats counts events by day, type and country for f.
	Stats(ctx context.Context, f Filter) (Stats, error)
	// FeedState and SetFeedState keep a feed's conditional-GET validators.
	FeedState(ctx context.Context, url string) (FeedState, error)
	SetFeedState(ctx context.Context, s FeedState) error
	// Check verifies the store's invariants (every event's article exists,
	// every event is in exactly one incident, the full-text index matches
	// the articles, …) and returns the problems found.
	Check(ctx context.Context) ([]string, error)
	Close() error
}

// Filter selects events (and the incidents and articles they belong to).
// Zero fields do not filter.
type Filter struct {
	Type      string    // PLOVER type, e.g. "PROTEST"
	ACLEDType string    // ACLED event type or sub-event type
	Country   string    // ISO 3166-1 alpha-2
	Place     string    // place name, matched case-insensitively
	Since     time.Time // event date on or after (UTC day)
	Until     time.Time // event date on or before (UTC day)
	ActorKind string    // actor or recipient kind, e.g. "police"
	Text      string    // full-text search over article text
	// MinFigure keeps events with a figure of MinKind of at least MinFigure
	// (any kind when MinKind is "").
	MinFigure int64
	MinKind   string
	Article   string // only this article's events
	Incident  string // only this incident's events
	Limit     int    // page size; 0 means 100
	Cursor    string // from the previous Page's Next
}

// Page is one page of results; Next is "" on the last page.
type Page[T any] struct {
	Items []T
	Next  string
}

// ArticleRow is an article without its text and findings.
type ArticleRow struct {
	ID        string    `json:"id"`
	URL       string    `json:"url"`
	Path      string    `json:"path"`
	Site      string    `json:"site"`
	Title     string    `json:"title"`
	Lang      string    `json:"lang"`
	Published string    `json:"published"` // YYYY-MM-DD or ""
	Fetched   time.Time `json:"fetched"`
	Events    int       `json:"events"`
}

// EventRow is a stored event with the article it came from. Key is
// "<article id>/<event id>", unique in the store.
type EventRow struct {
	Key      string            `json:"key"`
	Article  ArticleRow        `json:"article"`
	Incident string            `json:"incident"`
	Event    document.Event    `json:"event"`
	Figures  []document.Figure `json:"figures"`
}

// Incident is one happening reported by one or more articles.
type Incident struct {
	ID       string          `json:"id"`
	Type     string          `json:"type"` // PLOVER type of its events (the most frequent)
	ACLED    *document.ACLED `json:"acled"`
	Location *document.Place `json:"location"`
	Start    string          `json:"start"` // first and last event date, YYYY-MM-DD or ""
	End      string          `json:"end"`
	Events   []string        `json:"events"`   // event keys
	Articles []string        `json:"articles"` // article ids
	Figures  []Reconciled    `json:"figures"`
}

// Reconciled is one figure kind of an incident: every claim, and the value
// uro reports for it.
type Reconciled struct {
	Kind string `json:"kind"`
	// Value is ACLED's choice: the most conservative credible figure.
	Value int64 `json:"value"`
	// Min and Max span every claim (Max is nil when a claim is open-ended).
	Min    int64   `json:"min"`
	Max    *int64  `json:"max"`
	Claims []Claim `json:"claims"`
}

// Claim is one figure as one source gives it in one article.
type Claim struct {
	Article  string          `json:"article"`
	Event    string          `json:"event"`  // event key
	Source   string          `json:"source"` // who says so ("" = the outlet itself)
	Kind     string          `json:"kind"`   // attribution kind
	Site     string          `json:"site"`   // the outlet
	Figure   document.Figure `json:"figure"`
	Evidence string          `json:"evidence"` // the sentence that proves it
}

// Stats counts events.
type Stats struct {
	Total     int            `json:"total"`
	ByDay     map[string]int `json:"by_day"`
	ByType    map[string]int `json:"by_type"`
	ByCountry map[string]int `json:"by_country"`
}

// FeedState is what uro remembers about a feed between polls.
type FeedState struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag"`
	LastModified string    `json:"last_modified"`
	Checked      time.Time `json:"checked"`
	Status       int       `json:"status"`
	Error        string    `json:"error"`
}

// Point is an event as the map draws it: where, what and when.
type Point struct {
	Key   string  `json:"key"`
	Lat   float64 `json:"lat"`
	Lon   float64 `json:"lon"`
	Type  string  `json:"type"`  // PLOVER type
	ACLED string  `json:"acled"` // ACLED event type, "" when none
	Date  string  `json:"date"`  // the event's own start date (YYYY-MM-DD), "" when it has none
}

// Mapper is a Store that lists the points of events without loading whole
// events: a map asks for thousands at a time. Callers type-assert:
// if m, ok := s.(store.Mapper); ok { … }.
type Mapper interface {
	// Points lists the events matching f that have coordinates, in the
	// order of Events (date, then key) and with cursors of the same form;
	// f.Limit counts points.
	Points(ctx context.Context, f Filter) (Page[Point], error)
}
