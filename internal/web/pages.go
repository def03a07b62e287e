package web

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/store"
)

// ploverTypes are the event types of uro.document/v1, for the type filter.
var ploverTypes = []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
	"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

// acledTypes are ACLED's six event types, for the ACLED filter.
var acledTypes = []string{"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments"}

// filterForm is the map page's filter, as the URL query gives it.
type filterForm struct {
	Type, ACLED, Country, Since, Until, Q string
}

// parseFilter reads the page filter; a bad date is an error the caller
// reports, never a silently ignored filter.
func parseFilter(q url.Values) (filterForm, store.Filter, error) {
	ff := filterForm{
		Type:    strings.ToUpper(strings.TrimSpace(q.Get("type"))),
		ACLED:   strings.TrimSpace(q.Get("acled")),
		Country: strings.ToUpper(strings.TrimSpace(q.Get("country"))),
		Since:   strings.TrimSpace(q.Get("since")),
		Until:   strings.TrimSpace(q.Get("until")),
		Q:       strings.TrimSpace(q.Get("q")),
	}
	f := store.Filter{Type: ff.Type, ACLEDType: ff.ACLED, Country: ff.Country, Text: ff.Q}
	var err error
	if ff.Since != "" {
		if f.Since, err = time.Parse(time.DateOnly, ff.Since); err != nil {
			return ff, f, fmt.Errorf("since: want a date like 2024-06-09, got %q", ff.Since)
		}
	}
	if ff.Until != "" {
		if f.Until, err = time.Parse(time.DateOnly, ff.Until); err != nil {
			return ff, f, fmt.Errorf("until: want a date like 2024-06-09, got %q", ff.Until)
		}
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && f.Until.Before(f.Since) {
		return ff, f, fmt.Errorf("until %s is before since %s", ff.Until, ff.Since)
	}
	return ff, f, nil
}

type mapData struct {
	Form      filterForm
	Error     string
	Types     []string
	ACLED     []string
	Countries []string
	Tiles     string
}

// Map is the map page: filters, time line, map and event list.
func (w *Web) Map(rw http.ResponseWriter, r *http.Request) {
	if !w.hasStore(rw, r) {
		return
	}
	ff, _, err := parseFilter(r.URL.Query())
	d := mapData{Form: ff, Types: ploverTypes, ACLED: acledTypes, Tiles: w.cfg.Tiles}
	if err != nil {
		d.Error = err.Error()
	}
	if d.Countries, err = w.countries(r.Context()); err != nil {
		w.fail(rw, r, err)
		return
	}
	status := http.StatusOK
	if d.Error != "" {
		status = http.StatusBadRequest
	}
	w.render(rw, r, status, "map", w.strings[w.lang(r)].Get("nav_map"), "map", d)
}

// countriesTTL is how long the country filter's options are reused:
// counting a large store on every page view would cost more than the page.
const countriesTTL = time.Minute

// countries lists the countries that have events, for the filter.
func (w *Web) countries(ctx context.Context) ([]string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.countryList != nil && time.Since(w.countryAt) < countriesTTL {
		return w.countryList, nil
	}
	st, err := w.cfg.Store.Stats(ctx, store.Filter{})
	if err != nil {
		return nil, fmt.Errorf("count events by country: %w", err)
	}
	cs := slices.Sorted(maps.Keys(st.ByCountry))
	w.countryList = slices.DeleteFunc(cs, func(c string) bool { return c == "" })
	w.countryAt = time.Now()
	return w.countryList, nil
}

// mapEvent is one event as the map page's script reads it.
type mapEvent struct {
	Key         string   `json:"key"`
	Type        string   `json:"type"`
	Mode        string   `json:"mode,omitempty"`
	ACLED       string   `json:"acled,omitempty"`
	SubEvent    string   `json:"sub_event,omitempty"`
	Factuality  string   `json:"factuality"`
	Date        string   `json:"date,omitempty"`
	Country     string   `json:"country,omitempty"`
	Place       string   `json:"place,omitempty"`
	Lat         *float64 `json:"lat,omitempty"`
	Lon         *float64 `json:"lon,omitempty"`
	Trigger     string   `json:"trigger"`
	Evidence    string   `json:"evidence"`
	Figures     []string `json:"figures,omitempty"`
	Attribution string   `json:"attribution,omitempty"`
	Article     string   `json:"article"`
	Title       string   `json:"title,omitempty"`
	Site        string   `json:"site,omitempty"`
	Incident    string   `json:"incident,omitempty"`
}

type eventsReply struct {
	Events    []mapEvent `json:"events"`
	Truncated bool       `json:"truncated"`
	Max       int        `json:"max"`
}

// Events is the map page's data: every event matching the filter, up to
// MaxEvents, in the compact shape the script draws. The public API is
// /api/v1; this endpoint serves the page only.
func (w *Web) Events(rw http.ResponseWriter, r *http.Request) {
	if !w.hasStore(rw, r) {
		return
	}
	_, f, err := parseFilter(r.URL.Query())
	if err != nil {
		writeJSON(rw, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	reply := eventsReply{Events: []mapEvent{}, Max: MaxEvents}
	f.Limit = 1000
	for {
		page, err := w.cfg.Store.Events(r.Context(), f)
		if err != nil {
			w.cfg.Logger.ErrorContext(r.Context(), "list events", "err", err)
			writeJSON(rw, http.StatusInternalServerError, map[string]string{"error": "could not list events: " + err.Error()})
			return
		}
		for _, row := range page.Items {
			if len(reply.Events) == MaxEvents {
				reply.Truncated = true
				break
			}
			reply.Events = append(reply.Events, toMapEvent(row))
		}
		if reply.Truncated || page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	writeJSON(rw, http.StatusOK, reply)
}

func toMapEvent(row store.EventRow) mapEvent {
	e := row.Event
	m := mapEvent{
		Key: row.Key, Type: e.Type, Mode: derefOr(e.Mode, ""), Factuality: e.Factuality,
		Trigger: e.Trigger.Text, Evidence: e.Evidence.Text,
		Article: row.Article.ID, Title: row.Article.Title, Site: row.Article.Site, Incident: row.Incident,
	}
	if e.ACLED != nil {
		m.ACLED, m.SubEvent = e.ACLED.EventType, e.ACLED.SubEventType
	}
	if e.Date != nil {
		m.Date = derefOr(e.Date.Start, "")
	}
	if l := e.Location; l != nil {
		m.Country, m.Place, m.Lat, m.Lon = l.Country, l.Name, l.Lat, l.Lon
		if m.Place == "" {
			m.Place = l.Text
		}
	}
	if e.Attribution != nil && e.Attribution.Kind != "unattributed" {
		m.Attribution = e.Attribution.Source
	}
	for _, f := range row.Figures {
		m.Figures = append(m.Figures, f.Text)
	}
	return m
}

func writeJSON(rw http.ResponseWriter, status int, v any) {
	rw.Header().Set("Content-Type", "application/json")
	rw.WriteHeader(status)
	json.NewEncoder(rw).Encode(v)
}

// matrixRow is one source's claims in the incident's figure matrix.
type matrixRow struct {
	Source string
	Site   string
	Cells  [][]store.Claim // per figure kind, in the incident's order
}

type incidentData struct {
	Incident *store.Incident
	Kinds    []string
	Matrix   []matrixRow
	Articles []store.ArticleRow
	Events   []store.EventRow
}

// Incident is an incident's page: every claimed figure by source, side by
// side with the reconciled value, and its articles.
func (w *Web) Incident(rw http.ResponseWriter, r *http.Request) {
	if !w.hasStore(rw, r) {
		return
	}
	inc, err := w.cfg.Store.Incident(r.Context(), r.PathValue("id"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	arts, err := w.cfg.Store.Articles(r.Context(), store.Filter{Incident: inc.ID, Limit: 200})
	if err != nil {
		w.fail(rw, r, fmt.Errorf("list the incident's articles: %w", err))
		return
	}
	evs, err := w.cfg.Store.Events(r.Context(), store.Filter{Incident: inc.ID, Limit: 200})
	if err != nil {
		w.fail(rw, r, fmt.Errorf("list the incident's events: %w", err))
		return
	}
	d := incidentData{Incident: inc, Articles: arts.Items, Events: evs.Items}
	d.Kinds, d.Matrix = figureMatrix(inc.Figures)
	t := w.strings[w.lang(r)]
	w.render(rw, r, http.StatusOK, "incident", t.Get("incident")+" "+inc.ID, "", d)
}

// figureMatrix lays the claims out with one row per source (who says it,
// in which outlet) and one column per figure kind, so conflicting figures
// stand side by side.
func figureMatrix(figs []store.Reconciled) ([]string, []matrixRow) {
	kinds := make([]string, len(figs))
	var rows []matrixRow
	index := map[[2]string]int{}
	for k, rec := range figs {
		kinds[k] = rec.Kind
		for _, c := range rec.Claims {
			key := [2]string{c.Source, c.Site}
			i, ok := index[key]
			if !ok {
				i = len(rows)
				index[key] = i
				rows = append(rows, matrixRow{Source: c.Source, Site: c.Site, Cells: make([][]store.Claim, len(figs))})
			}
			rows[i].Cells[k] = append(rows[i].Cells[k], c)
		}
	}
	return kinds, rows
}

type articleEvent struct {
	document.Event
	Incident string
	Figures  []document.Figure
}

type articleData struct {
	Doc      *document.Document
	Segments []Segment
	Events   []articleEvent
}

// Article is an article's page: its text with every event's evidence
// highlighted, and its events, linked both ways.
func (w *Web) Article(rw http.ResponseWriter, r *http.Request) {
	if !w.hasStore(rw, r) {
		return
	}
	doc, err := w.cfg.Store.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	incidents := map[string]string{}
	f := store.Filter{Article: doc.ID, Limit: 1000}
	for {
		page, err := w.cfg.Store.Events(r.Context(), f)
		if err != nil {
			w.fail(rw, r, fmt.Errorf("list the article's events: %w", err))
			return
		}
		for _, row := range page.Items {
			incidents[row.Event.ID] = row.Incident
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	d := articleData{Doc: doc, Segments: Highlight(doc)}
	for _, e := range doc.Events {
		ae := articleEvent{Event: e, Incident: incidents[e.ID]}
		for _, fg := range doc.Figures {
			if fg.Event != nil && *fg.Event == e.ID {
				ae.Figures = append(ae.Figures, fg)
			}
		}
		d.Events = append(d.Events, ae)
	}
	w.render(rw, r, http.StatusOK, "article", derefOr(doc.Title, doc.ID), "", d)
}

type pasteData struct {
	Writable bool
	Langs    []string
}

// Paste is the page that sends a pasted article to POST /api/v1/extract.
func (w *Web) Paste(rw http.ResponseWriter, r *http.Request) {
	t := w.strings[w.lang(r)]
	w.render(rw, r, http.StatusOK, "paste", t.Get("paste_title"), "paste", pasteData{Writable: w.cfg.Writable, Langs: w.cfg.Langs})
}

// hasStore answers 503 when the server was built without a store.
func (w *Web) hasStore(rw http.ResponseWriter, r *http.Request) bool {
	if w.cfg.Store != nil {
		return true
	}
	if strings.HasPrefix(r.URL.Path, "/web/") {
		writeJSON(rw, http.StatusServiceUnavailable, map[string]string{"error": "this server has no store"})
	} else {
		http.Error(rw, "this server has no store", http.StatusServiceUnavailable)
	}
	return false
}
