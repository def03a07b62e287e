package server

import (
	"context"
	_ "embed"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/store"
)

// The API's JSON shapes (documented in openapi.json). The store's Go types
// carry no JSON names; these give them snake_case names and nulls.

// Figure is one figure of a stored event, flattened for tables.
type Figure struct {
	EventKey  string  `json:"event_key"`
	Article   string  `json:"article"`
	Site      *string `json:"site"`
	EventType string  `json:"event_type"`
	Date      *string `json:"date"`
	document.Figure
}

// Entity is a person, organisation or place, in one article or counted
// over many.
type Entity struct {
	Text     string          `json:"text"`
	Kind     string          `json:"kind"`
	Role     *string         `json:"role"`
	Country  *string         `json:"country"`
	Mentions int             `json:"mentions"`
	Articles int             `json:"articles"`
	Spans    []document.Span `json:"spans,omitempty"`
}

// Stats counts events.
type Stats struct {
	Total     int            `json:"total"`
	ByDay     map[string]int `json:"by_day"`
	ByType    map[string]int `json:"by_type"`
	ByCountry map[string]int `json:"by_country"`
}

// Articles, events and incidents are written in the store types' own JSON
// form (internal/store/json.go), the one the CLI writes too.

// Page is one page of a list; Next is null on the last page.
type Page[T any] struct {
	Items []T     `json:"items"`
	Next  *string `json:"next"`
}

// PutResult answers POST /api/v1/articles.
type PutResult struct {
	ID    string `json:"id"`
	Added bool   `json:"added"`
}

func same[T any](v T) T { return v }

func pageJSON[T, U any](p store.Page[T], kind string, conv func(T) U) Page[U] {
	out := Page[U]{Items: make([]U, 0, len(p.Items)), Next: strOrNil(encodeCursor(p.Next, kind))}
	for _, it := range p.Items {
		out.Items = append(out.Items, conv(it))
	}
	return out
}

//go:embed openapi.json
var openapiJSON []byte

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openapiJSON)
}

// healthz answers 200 when the store answers.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.cfg.Store.Has(ctx, "0000000000000000"); err != nil {
		s.log.Error("health check", "err", err)
		writeError(w, http.StatusServiceUnavailable, "store unavailable")
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) listArticles(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query(), "articles", DefaultLimit, MaxLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.cfg.Store.Articles(r.Context(), f)
	if err != nil {
		s.fail(w, r, fmt.Errorf("list articles: %w", err))
		return
	}
	writeJSON(w, http.StatusOK, pageJSON(p, "articles", same[store.ArticleRow]))
}

func (s *Server) getArticle(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	doc, err := s.cfg.Store.Document(r.Context(), id)
	if err != nil {
		s.fail(w, r, fmt.Errorf("article %s: %w", id, err))
		return
	}
	writeJSON(w, http.StatusOK, doc)
}

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query(), "events", DefaultLimit, MaxLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.cfg.Store.Events(r.Context(), f)
	if err != nil {
		s.fail(w, r, fmt.Errorf("list events: %w", err))
		return
	}
	writeJSON(w, http.StatusOK, pageJSON(p, "events", same[store.EventRow]))
}

// getEvent finds one event by key "<article id>/<event id>" among its
// article's events (the store lists events, it has no by-key lookup).
func (s *Server) getEvent(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	aid, _, ok := strings.Cut(key, "/")
	if !ok || aid == "" {
		s.fail(w, r, badf("event key %q is not <article id>/<event id>", key))
		return
	}
	f := store.Filter{Article: aid, Limit: MaxLimit}
	for {
		p, err := s.cfg.Store.Events(r.Context(), f)
		if err != nil {
			s.fail(w, r, fmt.Errorf("event %s: %w", key, err))
			return
		}
		for _, e := range p.Items {
			if e.Key == key {
				writeJSON(w, http.StatusOK, e)
				return
			}
		}
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}
	s.fail(w, r, fmt.Errorf("event %s: %w", key, store.ErrNotFound))
}

func (s *Server) listFigures(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query(), "figures", DefaultLimit, MaxLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.cfg.Store.Events(r.Context(), f)
	if err != nil {
		s.fail(w, r, fmt.Errorf("list figures: %w", err))
		return
	}
	// The page is a page of events: limit counts events, and the cursor
	// goes on after the last event.
	out := Page[Figure]{Items: []Figure{}, Next: strOrNil(encodeCursor(p.Next, "figures"))}
	for _, e := range p.Items {
		var date *string
		if e.Event.Date != nil {
			date = e.Event.Date.Start
		}
		for _, fig := range e.Figures {
			out.Items = append(out.Items, Figure{EventKey: e.Key, Article: e.Article.ID, Site: strOrNil(e.Article.Site),
				EventType: e.Event.Type, Date: date, Figure: fig})
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) listIncidents(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query(), "incidents", DefaultLimit, MaxLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.cfg.Store.Incidents(r.Context(), f)
	if err != nil {
		s.fail(w, r, fmt.Errorf("list incidents: %w", err))
		return
	}
	writeJSON(w, http.StatusOK, pageJSON(p, "incidents", same[store.Incident]))
}

func (s *Server) getIncident(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	in, err := s.cfg.Store.Incident(r.Context(), id)
	if err != nil {
		s.fail(w, r, fmt.Errorf("incident %s: %w", id, err))
		return
	}
	writeJSON(w, http.StatusOK, in)
}

// EntityScan is how many of the newest articles GET /api/v1/entities
// reads when no article is named: the store keeps no entity index, so top
// entities are counted over recent articles.
const EntityScan = 100

var entityKinds = []string{"person", "organization", "place"}

func (s *Server) listEntities(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := parseLimit(q, DefaultLimit, MaxLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	kind := q.Get("kind")
	if kind != "" && !contains(entityKinds, kind) {
		s.fail(w, r, badf("kind %q is not one of %s", kind, strings.Join(entityKinds, ", ")))
		return
	}
	ids := []string{}
	if id := q.Get("article"); id != "" {
		ids = append(ids, id)
	} else {
		p, err := s.cfg.Store.Articles(r.Context(), store.Filter{Limit: EntityScan})
		if err != nil {
			s.fail(w, r, fmt.Errorf("list articles: %w", err))
			return
		}
		for _, a := range p.Items {
			ids = append(ids, a.ID)
		}
	}
	type key struct{ text, kind string }
	counts := map[key]*Entity{}
	var order []key
	for _, id := range ids {
		doc, err := s.cfg.Store.Document(r.Context(), id)
		if err != nil {
			s.fail(w, r, fmt.Errorf("article %s: %w", id, err))
			return
		}
		for _, e := range doc.Entities {
			if kind != "" && e.Kind != kind {
				continue
			}
			k := key{e.Text, e.Kind}
			c := counts[k]
			if c == nil {
				c = &Entity{Text: e.Text, Kind: e.Kind, Role: e.Role, Country: e.Country}
				counts[k] = c
				order = append(order, k)
			}
			c.Mentions += len(e.Spans)
			c.Articles++
			if len(ids) == 1 {
				c.Spans = append(c.Spans, e.Spans...)
			}
		}
	}
	items := make([]Entity, 0, len(order))
	for _, k := range order {
		items = append(items, *counts[k])
	}
	if len(ids) > 1 {
		sort.SliceStable(items, func(i, j int) bool {
			if items[i].Articles != items[j].Articles {
				return items[i].Articles > items[j].Articles
			}
			return items[i].Mentions > items[j].Mentions
		})
	}
	if len(items) > limit {
		items = items[:limit]
	}
	writeJSON(w, http.StatusOK, Page[Entity]{Items: items})
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if strings.TrimSpace(q.Get("q")) == "" {
		s.fail(w, r, badf("search needs q, the words to look for"))
		return
	}
	f, err := parseFilter(q, "search", DefaultLimit, MaxLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.cfg.Store.Articles(r.Context(), f)
	if err != nil {
		s.fail(w, r, fmt.Errorf("search %q: %w", f.Text, err))
		return
	}
	writeJSON(w, http.StatusOK, pageJSON(p, "search", same[store.ArticleRow]))
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query(), "stats", DefaultLimit, MaxLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.cfg.Store.Stats(r.Context(), f)
	if err != nil {
		s.fail(w, r, fmt.Errorf("stats: %w", err))
		return
	}
	out := Stats{Total: st.Total, ByDay: st.ByDay, ByType: st.ByType, ByCountry: st.ByCountry}
	for _, m := range []*map[string]int{&out.ByDay, &out.ByType, &out.ByCountry} {
		if *m == nil {
			*m = map[string]int{}
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// mapEvents answers a compact GeoJSON FeatureCollection of the events that
// have coordinates: [lon, lat] and the key, type, ACLED type and date the
// map colours and filters by. It is written by hand, row by row, because
// the map asks for thousands of events at a time.
func (s *Server) mapEvents(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query(), "map", DefaultMapLimit, MaxMapLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.points(r.Context(), f)
	if err != nil {
		s.fail(w, r, fmt.Errorf("map events: %w", err))
		return
	}
	bp := mapBuffers.Get().(*[]byte)
	defer func() {
		if cap(*bp) <= 4<<20 { // keep a few MB per buffer at most
			mapBuffers.Put(bp)
		}
	}()
	b := (*bp)[:0]
	b = append(b, `{"type":"FeatureCollection","features":[`...)
	for i := range p.Items {
		pt := &p.Items[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"type":"Feature","geometry":{"type":"Point","coordinates":[`...)
		b = strconv.AppendFloat(b, pt.Lon, 'f', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, pt.Lat, 'f', -1, 64)
		b = append(b, `]},"properties":{"key":`...)
		b = appendJSONString(b, pt.Key)
		b = append(b, `,"type":`...)
		b = appendJSONString(b, pt.Type)
		b = append(b, `,"acled":`...)
		b = appendNullString(b, pt.ACLED)
		b = append(b, `,"date":`...)
		b = appendNullString(b, pt.Date)
		b = append(b, "}}"...)
	}
	b = append(b, `],"next":`...)
	if next := encodeCursor(p.Next, "map"); next != "" {
		b = appendJSONString(b, next)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, "}\n"...)
	*bp = b
	w.Header().Set("Content-Type", "application/geo+json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}

// appendNullString appends s as a JSON string, or null when it is "".
func appendNullString(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendJSONString(b, s)
}

// points lists the map's points: from the store's Points when it has them
// (one narrow query), else from its events, those with coordinates.
func (s *Server) points(ctx context.Context, f store.Filter) (store.Page[store.Point], error) {
	if m, ok := s.cfg.Store.(store.Mapper); ok {
		return m.Points(ctx, f)
	}
	p, err := s.cfg.Store.Events(ctx, f)
	if err != nil {
		return store.Page[store.Point]{}, err
	}
	out := store.Page[store.Point]{Next: p.Next, Items: make([]store.Point, 0, len(p.Items))}
	for _, e := range p.Items {
		loc := e.Event.Location
		if loc == nil || loc.Lat == nil || loc.Lon == nil {
			continue
		}
		pt := store.Point{Key: e.Key, Lat: *loc.Lat, Lon: *loc.Lon, Type: e.Event.Type}
		if e.Event.ACLED != nil {
			pt.ACLED = e.Event.ACLED.EventType
		}
		if d := e.Event.Date; d != nil && d.Start != nil {
			pt.Date = *d.Start
		}
		out.Items = append(out.Items, pt)
	}
	return out, nil
}

// mapBuffers reuse the map's answer buffers: at 200 requests/s of 2,000
// features each, fresh buffers would be most of the garbage.
var mapBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}
