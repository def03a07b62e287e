// Package web owns uro's web page: the server-rendered HTML views (map with
// time line, filters and event list; incident; article with its evidence
// highlighted; paste an article), their small scripts and styles, the
// vendored map and chart libraries, and the Danish and English interface
// text. It reads the corpus through store.Store; internal/server mounts the
// handlers that Routes lists. Nothing it serves comes from the internet: the
// assets are embedded, and map tiles are used only when Config.Tiles is set.
package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/urodata/uro/internal/store"
)

//go:generate go run ./gen -out assets/vendor

//go:embed assets templates i18n
var files embed.FS

// MaxEvents caps the events the map page loads at once; past it the page
// says so and asks for narrower filters.
const MaxEvents = 5000

// Config is what the pages need from the server.
type Config struct {
	Store store.Store
	// Tiles is a tile URL template ("https://tile.example/{z}/{x}/{y}.png");
	// "" keeps the map on the embedded world outline, offline.
	Tiles string
	// Writable is true when the server has a token, so the paste page can
	// ask for it; false makes the page say the server is read-only.
	Writable bool
	// Langs are the language packs the extractor has, offered on the
	// paste page besides automatic detection.
	Langs  []string
	Logger *slog.Logger
}

// Web serves the pages.
type Web struct {
	cfg     Config
	strings map[string]Strings
	langs   []string
	pages   map[string]*template.Template
	assets  http.Handler

	mu          sync.Mutex // guards the cached country list
	countryList []string
	countryAt   time.Time
}

// Route is one page route for the server's table.
type Route struct {
	Method  string
	Pattern string // http.ServeMux pattern, without the method
	Handler http.Handler
}

// New loads the templates and the interface text.
func New(cfg Config) (*Web, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	strs, err := loadStrings(files, "i18n")
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	w := &Web{cfg: cfg, strings: strs, langs: slices.Sorted(maps.Keys(strs)), pages: map[string]*template.Template{}}
	for _, name := range []string{"map", "incident", "article", "paste", "error"} {
		t, err := template.New(name).Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		w.pages[name] = t
	}
	sub, err := fs.Sub(files, "assets")
	if err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	w.assets = http.StripPrefix("/assets/", cacheFor(24*time.Hour, http.FileServerFS(sub)))
	return w, nil
}

// Routes lists the page routes. Patterns use Go 1.22 ServeMux syntax; the
// server's route table (internal/server/routes.go) names the same handlers.
func (w *Web) Routes() []Route {
	return []Route{
		{"GET", "/{$}", http.HandlerFunc(w.Map)},
		{"GET", "/incidents/{id}", http.HandlerFunc(w.Incident)},
		{"GET", "/articles/{id}", http.HandlerFunc(w.Article)},
		{"GET", "/paste", http.HandlerFunc(w.Paste)},
		{"GET", "/web/events", http.HandlerFunc(w.Events)},
		{"GET", "/assets/", http.HandlerFunc(w.Assets)},
	}
}

// Query lists the query parameters the map page and its data endpoint
// read, for servers that refuse unknown ones.
var Query = []string{"type", "acled", "country", "since", "until", "q"}

// Assets serves the embedded styles, scripts and vendored libraries under
// /assets/.
func (w *Web) Assets(rw http.ResponseWriter, r *http.Request) { w.assets.ServeHTTP(rw, r) }

// Handler is the pages on their own mux, for tests and for servers
// without a routes table.
func (w *Web) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, r := range w.Routes() {
		mux.Handle(r.Method+" "+r.Pattern, r.Handler)
	}
	return mux
}

func cacheFor(d time.Duration, h http.Handler) http.Handler {
	v := fmt.Sprintf("public, max-age=%d", int(d.Seconds()))
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Cache-Control", v)
		h.ServeHTTP(rw, r)
	})
}

var funcs = template.FuncMap{
	"join":  strings.Join,
	"deref": func(s *string) string { return derefOr(s, "") },
	"span":  figureRange,
	"json": func(v any) (template.JS, error) {
		b, err := json.Marshal(v)
		return template.JS(b), err
	},
	"eventID": func(key string) string { _, id, _ := strings.Cut(key, "/"); return id },
}

func derefOr(s *string, or string) string {
	if s == nil {
		return or
	}
	return *s
}

// figureRange writes a figure's span: "27", "12–15", "27+".
func figureRange(lo int64, hi *int64) string {
	switch {
	case hi == nil:
		return fmt.Sprintf("%d+", lo)
	case *hi == lo:
		return fmt.Sprint(lo)
	default:
		return fmt.Sprintf("%d–%d", lo, *hi)
	}
}

// page is what every template gets.
type page struct {
	Lang  string
	T     Strings
	Title string
	Nav   string // "map", "paste" or ""
	Data  any
}

func (w *Web) lang(r *http.Request) string {
	return pickLang(r.Header.Get("Accept-Language"), w.langs)
}

func (w *Web) render(rw http.ResponseWriter, r *http.Request, status int, name, title, nav string, data any) {
	lang := w.lang(r)
	p := page{Lang: lang, T: w.strings[lang], Title: title, Nav: nav, Data: data}
	var buf bytes.Buffer
	if err := w.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		w.cfg.Logger.ErrorContext(r.Context(), "render page", "page", name, "err", err)
		http.Error(rw, "could not render the page", http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.Header().Set("Content-Language", lang)
	rw.Header().Set("Vary", "Accept-Language")
	rw.WriteHeader(status)
	rw.Write(buf.Bytes())
}

func (w *Web) fail(rw http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, store.ErrNotFound) {
		t := w.strings[w.lang(r)]
		w.render(rw, r, http.StatusNotFound, "error", t.Get("not_found"), "", t.Get("not_found_text"))
		return
	}
	w.cfg.Logger.ErrorContext(r.Context(), "page", "path", r.URL.Path, "err", err)
	t := w.strings[w.lang(r)]
	w.render(rw, r, http.StatusInternalServerError, "error", t.Get("error"), "", err.Error())
}
