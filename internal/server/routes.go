package server

import (
	"net/http"

	"github.com/urodata/uro/internal/web"
)

// route is one row of the route table.
type route struct {
	method  string
	pattern string // http.ServeMux pattern without the method, e.g. "/api/v1/events/{key...}"
	handler http.HandlerFunc
	// write routes need the bearer token (403 on a read-only server).
	write bool
	// query lists the query parameters the handler reads; any other is a
	// 400. nil (pages, assets) skips the check. The OpenAPI test compares
	// these lists with the document.
	query []string
}

// table is every route the server answers, in one place. The web pages add
// their rows at the end (internal/web); API rows are documented in
// openapi.json, and TestOpenAPIMatchesRoutes keeps the two in step.
func (s *Server) table() []route {
	pages := s.pages()
	return []route{
		{method: "GET", pattern: "/healthz", handler: s.healthz, query: []string{}},
		{method: "GET", pattern: "/metrics", handler: s.metricsHandler(), query: []string{}},
		{method: "GET", pattern: "/api/v1/openapi.json", handler: s.openapi, query: []string{}},

		{method: "GET", pattern: "/api/v1/articles", handler: s.listArticles, query: filterParams},
		{method: "GET", pattern: "/api/v1/articles/{id}", handler: s.getArticle, query: []string{}},
		{method: "POST", pattern: "/api/v1/articles", handler: s.postArticle, write: true, query: inputParams},
		{method: "GET", pattern: "/api/v1/events", handler: s.listEvents, query: filterParams},
		{method: "GET", pattern: "/api/v1/events/{key...}", handler: s.getEvent, query: []string{}},
		{method: "GET", pattern: "/api/v1/figures", handler: s.listFigures, query: filterParams},
		{method: "GET", pattern: "/api/v1/incidents", handler: s.listIncidents, query: filterParams},
		{method: "GET", pattern: "/api/v1/incidents/{id}", handler: s.getIncident, query: []string{}},
		{method: "GET", pattern: "/api/v1/entities", handler: s.listEntities, query: entityParams},
		{method: "GET", pattern: "/api/v1/search", handler: s.search, query: searchParams},
		{method: "GET", pattern: "/api/v1/stats", handler: s.stats, query: statsParams},
		{method: "GET", pattern: "/api/v1/map", handler: s.mapEvents, query: filterParams},
		{method: "POST", pattern: "/api/v1/extract", handler: s.postExtract, write: true, query: inputParams},

		// Web pages (internal/web) go below this line.
		// HTML pages skip the query check: a stray parameter in a shared
		// link must not turn a page into a JSON error.
		{method: "GET", pattern: "/{$}", handler: pages.Map},
		{method: "GET", pattern: "/incidents/{id}", handler: pages.Incident},
		{method: "GET", pattern: "/articles/{id}", handler: pages.Article},
		{method: "GET", pattern: "/paste", handler: pages.Paste},
		{method: "GET", pattern: "/web/events", handler: pages.Events, query: web.Query},
		{method: "GET", pattern: "/assets/", handler: pages.Assets},
	}
}

// pages builds the web pages over the server's store. Their templates and
// interface text are embedded and tested in internal/web, so a failure
// here is a broken build, not a runtime condition.
func (s *Server) pages() *web.Web {
	var langs []string
	if s.cfg.Extractor != nil {
		langs = s.cfg.Extractor.Langs()
	}
	w, err := web.New(web.Config{Store: s.cfg.Store, Tiles: s.cfg.Tiles, Writable: s.cfg.Token != "", Langs: langs, Logger: s.log})
	if err != nil {
		panic(err)
	}
	return w
}
