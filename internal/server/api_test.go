package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/store"
)

const testToken = "t0ken"

// fixture is a seeded server and facts about its store to ask for.
type fixture struct {
	h        http.Handler
	st       store.Store
	articles int    // articles in the store
	article  string // an article with events
	event    string // an event key with coordinates
	incident string
	country  string // the country of that event
	total    int    // events in the store
}

func newFixture(t *testing.T, token string) *fixture {
	t.Helper()
	x, st := seededStore(t)
	return fixtureOver(t, x, st, token)
}

func fixtureOver(t *testing.T, x *extract.Extractor, st store.Store, token string) *fixture {
	t.Helper()
	f := &fixture{st: st}
	arts, err := st.Articles(context.Background(), store.Filter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	f.articles = len(arts.Items)
	all, err := st.Events(context.Background(), store.Filter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	f.total = len(all.Items)
	for _, e := range all.Items {
		if l := e.Event.Location; l != nil && l.Lat != nil && l.Country != "" && len(e.Figures) > 0 {
			f.article, f.event, f.incident, f.country = e.Article.ID, e.Key, e.Incident, l.Country
			break
		}
	}
	if f.event == "" {
		t.Fatal("seed has no event with coordinates and figures")
	}
	f.h = New(Config{Store: st, Extractor: x, Token: token, MaxBody: 64 << 10}).Handler()
	return f
}

type response struct {
	code   int
	header http.Header
	body   []byte
}

func (f *fixture) do(t *testing.T, method, target string, body io.Reader, header map[string]string) response {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.Bytes()}
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %T: %v in %.300s", v, err, b)
	}
	return v
}

// TestRoutes asks every route, good and bad, and checks the status, that
// every answer but /metrics is JSON, and what the good answers hold.
func TestRoutes(t *testing.T) {
	testRoutes(t, newFixture(t, testToken))
}

func testRoutes(t *testing.T, f *fixture) {
	auth := map[string]string{"Authorization": "Bearer " + testToken}
	jsonCT := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
	article := `{"title":"Politiet anholdt tre demonstranter i Aarhus","text":"Politiet i Aarhus anholdt lørdag tre demonstranter, der blokerede sporvognen på Park Allé.\n\nOmkring 500 mennesker deltog i demonstrationen, oplyser politiet.","published":"2024-03-16","lang":"da","url":"https://news.example/aarhus"}`
	type tc struct {
		name    string
		method  string
		target  string
		body    string
		header  map[string]string
		want    int
		wantErr string // substring of the JSON error message
		check   func(t *testing.T, b []byte)
	}
	cases := []tc{
		{name: "healthz", method: "GET", target: "/healthz", want: 200, check: func(t *testing.T, b []byte) {
			if decode[map[string]string](t, b)["status"] != "ok" {
				t.Errorf("healthz: %s", b)
			}
		}},
		{name: "openapi", method: "GET", target: "/api/v1/openapi.json", want: 200, check: func(t *testing.T, b []byte) {
			if decode[map[string]any](t, b)["openapi"] != "3.0.3" {
				t.Errorf("not an OpenAPI 3 document")
			}
		}},
		{name: "articles", method: "GET", target: "/api/v1/articles", want: 200, check: func(t *testing.T, b []byte) {
			p := decode[Page[store.ArticleRow]](t, b)
			if len(p.Items) != f.articles || p.Next != nil {
				t.Errorf("got %d articles, next %v; want %d, null", len(p.Items), p.Next, f.articles)
			}
		}},
		{name: "articles filtered", method: "GET", target: "/api/v1/articles?country=" + f.country + "&limit=1", want: 200, check: func(t *testing.T, b []byte) {
			if p := decode[Page[store.ArticleRow]](t, b); len(p.Items) != 1 {
				t.Errorf("got %d articles, want 1", len(p.Items))
			}
		}},
		{name: "article", method: "GET", target: "/api/v1/articles/" + f.article, want: 200, check: func(t *testing.T, b []byte) {
			d := decode[map[string]any](t, b)
			text, _ := d["text"].(string)
			if d["id"] != f.article || text == "" || d["schema"] != "uro.document/v1" {
				t.Errorf("article: id %v, %d bytes of text", d["id"], len(text))
			}
			// offsets are code points into text: the first event's trigger must be there
			evs := d["events"].([]any)
			tr := evs[0].(map[string]any)["trigger"].(map[string]any)
			runes := []rune(text)
			s, e := int(tr["start"].(float64)), int(tr["end"].(float64))
			if got := string(runes[s:e]); got != tr["text"] {
				t.Errorf("trigger at %d:%d is %q, want %q", s, e, got, tr["text"])
			}
		}},
		{name: "article unknown", method: "GET", target: "/api/v1/articles/ffffffffffffffff", want: 404, wantErr: "not found"},
		{name: "events", method: "GET", target: "/api/v1/events?limit=1000", want: 200, check: func(t *testing.T, b []byte) {
			if p := decode[Page[store.EventRow]](t, b); len(p.Items) != f.total {
				t.Errorf("got %d events, want %d", len(p.Items), f.total)
			}
		}},
		{name: "events by country", method: "GET", target: "/api/v1/events?country=" + strings.ToLower(f.country), want: 200, check: func(t *testing.T, b []byte) {
			p := decode[Page[store.EventRow]](t, b)
			if len(p.Items) == 0 || len(p.Items) == f.total {
				t.Errorf("country filter kept %d of %d events", len(p.Items), f.total)
			}
			for _, e := range p.Items {
				if e.Event.Location == nil || e.Event.Location.Country != f.country {
					t.Errorf("event %s is not in %s", e.Key, f.country)
				}
			}
		}},
		{name: "events all filters", method: "GET", target: "/api/v1/events?type=protest&acled=Protests&country=DK&place=Aarhus&since=2020-01-01&until=2030-01-01&actor_kind=police&q=politi&min_figure=1&min_kind=arrested&article=x&incident=y&limit=5", want: 200},
		{name: "events bad since", method: "GET", target: "/api/v1/events?since=2024-13-01", want: 400, wantErr: "since"},
		{name: "events until before since", method: "GET", target: "/api/v1/events?since=2024-02-01&until=2024-01-01", want: 400, wantErr: "before"},
		{name: "events unknown param", method: "GET", target: "/api/v1/events?colour=red", want: 400, wantErr: "colour"},
		{name: "events repeated param", method: "GET", target: "/api/v1/events?type=A&type=B", want: 400, wantErr: "once"},
		{name: "events limit 0", method: "GET", target: "/api/v1/events?limit=0", want: 400, wantErr: "limit"},
		{name: "events limit too big", method: "GET", target: "/api/v1/events?limit=1001", want: 400, wantErr: "limit"},
		{name: "events limit text", method: "GET", target: "/api/v1/events?limit=ten", want: 400, wantErr: "limit"},
		{name: "events bad cursor", method: "GET", target: "/api/v1/events?cursor=garbage", want: 400, wantErr: "cursor"},
		{name: "events foreign cursor", method: "GET", target: "/api/v1/events?cursor=" + encodeCursor("2", "incidents"), want: 400, wantErr: "incidents"},
		{name: "events bad country", method: "GET", target: "/api/v1/events?country=Denmark", want: 400, wantErr: "country"},
		{name: "events bad min_figure", method: "GET", target: "/api/v1/events?min_figure=-3", want: 400, wantErr: "min_figure"},
		{name: "events bad min_kind", method: "GET", target: "/api/v1/events?min_kind=dead", want: 400, wantErr: "min_kind"},
		{name: "event", method: "GET", target: "/api/v1/events/" + f.event, want: 200, check: func(t *testing.T, b []byte) {
			if e := decode[store.EventRow](t, b); e.Key != f.event || e.Article.ID != f.article || len(e.Figures) == 0 {
				t.Errorf("event: got %s of %s with %d figures", e.Key, e.Article.ID, len(e.Figures))
			}
		}},
		{name: "event unknown", method: "GET", target: "/api/v1/events/" + f.article + "/e999", want: 404},
		{name: "event unknown article", method: "GET", target: "/api/v1/events/ffffffffffffffff/e1", want: 404},
		{name: "event key without slash", method: "GET", target: "/api/v1/events/e1", want: 400, wantErr: "key"},
		{name: "figures", method: "GET", target: "/api/v1/figures?article=" + f.article, want: 200, check: func(t *testing.T, b []byte) {
			p := decode[Page[Figure]](t, b)
			d, _ := f.st.Document(context.Background(), f.article)
			attached := 0
			for _, fg := range d.Figures {
				if fg.Event != nil {
					attached++
				}
			}
			if len(p.Items) != attached || attached == 0 {
				t.Errorf("got %d figures, want the article's %d attached to events", len(p.Items), attached)
			}
			for _, fg := range p.Items {
				if !strings.HasPrefix(fg.EventKey, f.article+"/") || fg.Kind == "" {
					t.Errorf("figure %+v", fg)
				}
			}
		}},
		{name: "figures bad", method: "GET", target: "/api/v1/figures?until=yesterday", want: 400, wantErr: "until"},
		{name: "incidents", method: "GET", target: "/api/v1/incidents?limit=3", want: 200, check: func(t *testing.T, b []byte) {
			p := decode[Page[store.Incident]](t, b)
			if len(p.Items) != 3 || p.Next == nil {
				t.Errorf("got %d incidents, next %v", len(p.Items), p.Next)
			}
		}},
		{name: "incidents bad", method: "GET", target: "/api/v1/incidents?limit=-1", want: 400, wantErr: "limit"},
		{name: "incident", method: "GET", target: "/api/v1/incidents/" + f.incident, want: 200, check: func(t *testing.T, b []byte) {
			in := decode[store.Incident](t, b)
			if in.ID != f.incident || len(in.Figures) == 0 || len(in.Figures[0].Claims) == 0 {
				t.Errorf("incident %s: %d figures", in.ID, len(in.Figures))
			}
		}},
		{name: "incident unknown", method: "GET", target: "/api/v1/incidents/nope", want: 404},
		{name: "entities of article", method: "GET", target: "/api/v1/entities?article=" + f.article, want: 200, check: func(t *testing.T, b []byte) {
			p := decode[Page[Entity]](t, b)
			d, _ := f.st.Document(context.Background(), f.article)
			if len(p.Items) == 0 || len(p.Items) > len(d.Entities) || len(p.Items[0].Spans) == 0 {
				t.Errorf("got %d entities for %d in the document", len(p.Items), len(d.Entities))
			}
		}},
		{name: "top entities", method: "GET", target: "/api/v1/entities?kind=place&limit=5", want: 200, check: func(t *testing.T, b []byte) {
			p := decode[Page[Entity]](t, b)
			if len(p.Items) == 0 || len(p.Items) > 5 {
				t.Fatalf("got %d top places", len(p.Items))
			}
			for i, e := range p.Items {
				if e.Kind != "place" || e.Spans != nil || (i > 0 && e.Articles > p.Items[i-1].Articles) {
					t.Errorf("entity %d: %+v", i, e)
				}
			}
		}},
		{name: "entities bad kind", method: "GET", target: "/api/v1/entities?kind=animal", want: 400, wantErr: "kind"},
		{name: "entities unknown article", method: "GET", target: "/api/v1/entities?article=ffffffffffffffff", want: 404},
		{name: "search", method: "GET", target: "/api/v1/search?q=Seytenga", want: 200, check: func(t *testing.T, b []byte) {
			p := decode[Page[store.ArticleRow]](t, b)
			if len(p.Items) != 1 {
				t.Errorf("search Seytenga: %d articles, want 1", len(p.Items))
			}
		}},
		{name: "search FTS syntax taken literally", method: "GET", target: "/api/v1/search?q=%22Seytenga+AND+NEAR(+-x:", want: 200},
		{name: "search without q", method: "GET", target: "/api/v1/search", want: 400, wantErr: "q"},
		{name: "search with filter", method: "GET", target: "/api/v1/search?q=x&type=PROTEST", want: 400, wantErr: "type"},
		{name: "stats", method: "GET", target: "/api/v1/stats", want: 200, check: func(t *testing.T, b []byte) {
			st := decode[Stats](t, b)
			n := 0
			for _, v := range st.ByType {
				n += v
			}
			if st.Total != f.total || n != f.total || len(st.ByDay) == 0 || st.ByCountry[f.country] == 0 {
				t.Errorf("stats: %+v, want total %d", st, f.total)
			}
		}},
		{name: "stats no limit", method: "GET", target: "/api/v1/stats?limit=5", want: 400, wantErr: "limit"},
		{name: "map", method: "GET", target: "/api/v1/map?country=" + f.country, want: 200, check: func(t *testing.T, b []byte) {
			fc := decode[struct {
				Type     string
				Features []struct {
					Geometry struct {
						Type        string
						Coordinates []float64
					}
					Properties struct{ Key, Type, Date string }
				}
				Next *string
			}](t, b)
			if fc.Type != "FeatureCollection" || len(fc.Features) == 0 || fc.Next != nil {
				t.Fatalf("map: %.300s", b)
			}
			found := false
			for _, ft := range fc.Features {
				if len(ft.Geometry.Coordinates) != 2 || ft.Properties.Key == "" || ft.Properties.Type == "" {
					t.Errorf("feature %+v", ft)
				}
				if ft.Properties.Key == f.event {
					found = true
					e, _ := f.st.Events(context.Background(), store.Filter{Article: f.article})
					for _, ev := range e.Items {
						if ev.Key == f.event && (ft.Geometry.Coordinates[0] != *ev.Event.Location.Lon || ft.Geometry.Coordinates[1] != *ev.Event.Location.Lat) {
							t.Errorf("feature %s at %v, want [lon, lat] [%v, %v]", f.event, ft.Geometry.Coordinates, *ev.Event.Location.Lon, *ev.Event.Location.Lat)
						}
					}
				}
			}
			if !found {
				t.Errorf("map lacks %s", f.event)
			}
		}},
		{name: "map limit", method: "GET", target: "/api/v1/map?limit=10000", want: 200},
		{name: "map limit too big", method: "GET", target: "/api/v1/map?limit=10001", want: 400, wantErr: "10000"},
		{name: "extract json", method: "POST", target: "/api/v1/extract", body: article, header: jsonCT, want: 200, check: func(t *testing.T, b []byte) {
			d := decode[map[string]any](t, b)
			if d["language"] != "da" || d["published"] != "2024-03-16" || d["text"] == nil || len(d["events"].([]any)) == 0 {
				t.Errorf("extract: %.400s", b)
			}
			if ok, _ := f.st.Has(context.Background(), d["id"].(string)); ok {
				t.Errorf("extract stored the article")
			}
		}},
		{name: "extract plain", method: "POST", target: "/api/v1/extract?published=2024-03-16&lang=da", header: auth,
			body: "Tre anholdt i Aarhus\n\nPolitiet anholdt lørdag tre demonstranter i Aarhus.", want: 200, check: func(t *testing.T, b []byte) {
				if d := decode[map[string]any](t, b); d["title"] != "Tre anholdt i Aarhus" {
					t.Errorf("extract plain: title %v", d["title"])
				}
			}},
		{name: "extract html", method: "POST", target: "/api/v1/extract?published=2024-03-16", header: map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "text/html; charset=utf-8"},
			body: "<html lang=da><head><title>Tre anholdt</title></head><body><article><h1>Tre anholdt i Aarhus</h1><p>Politiet i Aarhus anholdt lørdag tre demonstranter, der blokerede sporvognen. Omkring 500 mennesker deltog i demonstrationen mod nedskæringerne i psykiatrien, oplyser politiet.</p></article></body></html>", want: 200},
		{name: "extract no token", method: "POST", target: "/api/v1/extract", body: article, want: 401, wantErr: "token"},
		{name: "extract wrong token", method: "POST", target: "/api/v1/extract", body: article, header: map[string]string{"Authorization": "Bearer nope"}, want: 403, wantErr: "token"},
		{name: "extract basic auth", method: "POST", target: "/api/v1/extract", body: article, header: map[string]string{"Authorization": "Basic dTpw"}, want: 401},
		{name: "extract bad json", method: "POST", target: "/api/v1/extract", body: `{"text": 3}`, header: jsonCT, want: 400, wantErr: "article"},
		{name: "extract unknown field", method: "POST", target: "/api/v1/extract", body: `{"text":"a b c","colour":"red"}`, header: jsonCT, want: 400, wantErr: "colour"},
		{name: "extract no text", method: "POST", target: "/api/v1/extract", body: `{"title":"x"}`, header: jsonCT, want: 400, wantErr: "text"},
		{name: "extract empty text", method: "POST", target: "/api/v1/extract", body: `{"text":"   "}`, header: jsonCT, want: 400, wantErr: "empty"},
		{name: "extract bad date", method: "POST", target: "/api/v1/extract", body: `{"text":"Hej verden","published":"16/3/2024"}`, header: jsonCT, want: 400, wantErr: "published"},
		{name: "extract unknown lang", method: "POST", target: "/api/v1/extract", body: `{"text":"Hej verden","lang":"xx"}`, header: jsonCT, want: 422, wantErr: "xx"},
		{name: "extract bad type", method: "POST", target: "/api/v1/extract", body: "x", header: map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "image/png"}, want: 415, wantErr: "image/png"},
		{name: "extract huge", method: "POST", target: "/api/v1/extract", body: strings.Repeat("Ord ", 20<<10), header: auth, want: 413, wantErr: "limit"},
		{name: "extract unknown param", method: "POST", target: "/api/v1/extract?store=yes", body: article, header: jsonCT, want: 400, wantErr: "store"},
		{name: "post article", method: "POST", target: "/api/v1/articles", body: article, header: jsonCT, want: 201, check: func(t *testing.T, b []byte) {
			r := decode[PutResult](t, b)
			if !r.Added || r.ID == "" {
				t.Fatalf("put: %s", b)
			}
			if ok, _ := f.st.Has(context.Background(), r.ID); !ok {
				t.Errorf("article %s not stored", r.ID)
			}
		}},
		{name: "post article again", method: "POST", target: "/api/v1/articles", body: article, header: jsonCT, want: 200, check: func(t *testing.T, b []byte) {
			if r := decode[PutResult](t, b); r.Added {
				t.Errorf("second put added: %s", b)
			}
		}},
		{name: "post article no token", method: "POST", target: "/api/v1/articles", body: article, want: 401},
		{name: "post article huge", method: "POST", target: "/api/v1/articles", body: strings.Repeat("x", 65<<10), header: jsonCT, want: 413},
		{name: "wrong method", method: "DELETE", target: "/api/v1/events", want: 405, wantErr: "DELETE"},
		{name: "wrong method on item", method: "PUT", target: "/api/v1/articles/" + f.article, want: 405, wantErr: "PUT"},
		{name: "unknown route", method: "GET", target: "/api/v1/nothing", want: 404, wantErr: "no route"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var body io.Reader
			if c.body != "" {
				body = strings.NewReader(c.body)
			}
			r := f.do(t, c.method, c.target, body, c.header)
			if r.code != c.want {
				t.Fatalf("%s %s: status %d, want %d: %.300s", c.method, c.target, r.code, c.want, r.body)
			}
			if ct := r.header.Get("Content-Type"); !strings.Contains(ct, "json") {
				t.Fatalf("content type %q, want JSON", ct)
			}
			if c.want >= 400 {
				e := decode[errorBody](t, r.body)
				if e.Error == "" || !strings.Contains(e.Error, c.wantErr) {
					t.Errorf("error %q, want it to mention %q", e.Error, c.wantErr)
				}
			}
			if c.check != nil {
				c.check(t, r.body)
			}
		})
	}
}

func TestMethodNotAllowedKeepsAllow(t *testing.T) {
	f := newFixture(t, testToken)
	r := f.do(t, "DELETE", "/api/v1/articles", nil, nil)
	if r.code != 405 || !strings.Contains(r.header.Get("Allow"), "POST") || !strings.Contains(r.header.Get("Allow"), "GET") {
		t.Errorf("405 with Allow %q", r.header.Get("Allow"))
	}
}

func TestReadOnlyServerRefusesWrites(t *testing.T) {
	f := newFixture(t, "")
	for _, path := range []string{"/api/v1/extract", "/api/v1/articles"} {
		r := f.do(t, "POST", path, strings.NewReader(`{"text":"x"}`), map[string]string{"Authorization": "Bearer anything"})
		if r.code != 403 || !strings.Contains(decode[errorBody](t, r.body).Error, "read-only") {
			t.Errorf("%s on a read-only server: %d %s", path, r.code, r.body)
		}
	}
	if r := f.do(t, "GET", "/api/v1/events", nil, nil); r.code != 200 {
		t.Errorf("reads on a read-only server: %d", r.code)
	}
}

// TestChunkedBodyOverLimit sends a body without Content-Length: the limit
// must hold while reading.
func TestChunkedBodyOverLimit(t *testing.T) {
	f := newFixture(t, testToken)
	req := httptest.NewRequest("POST", "/api/v1/extract", io.MultiReader(strings.NewReader(strings.Repeat("Ord ", 40<<10))))
	req.ContentLength = -1
	req.Header.Set("Authorization", "Bearer "+testToken)
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	if rec.Code != 413 {
		t.Errorf("chunked 160 KiB body: %d %s", rec.Code, rec.Body)
	}
}

// TestPagination walks the event list two at a time and must see every
// event once, in order.
func TestPagination(t *testing.T) {
	testPagination(t, newFixture(t, testToken))
}

func testPagination(t *testing.T, f *fixture) {
	for _, list := range []string{"events", "incidents", "articles", "figures", "map"} {
		t.Run(list, func(t *testing.T) {
			target := "/api/v1/" + list + "?limit=2"
			pages, items := 0, 0
			seen := map[string]bool{}
			for target != "" {
				r := f.do(t, "GET", target, nil, nil)
				if r.code != 200 {
					t.Fatalf("%s: %d %s", target, r.code, r.body)
				}
				var p struct {
					Items    []map[string]any
					Features []map[string]any
					Next     *string
				}
				if err := json.Unmarshal(r.body, &p); err != nil {
					t.Fatal(err)
				}
				pages++
				for _, it := range append(p.Items, p.Features...) {
					items++
					k := fmt.Sprint(it["key"], it["id"], it["event_key"], it["kind"], it["min"], it["properties"])
					if seen[k] && list != "figures" {
						t.Errorf("%s seen twice", k)
					}
					seen[k] = true
				}
				target = ""
				if p.Next != nil {
					target = "/api/v1/" + list + "?limit=2&cursor=" + url.QueryEscape(*p.Next)
				}
				if pages > 1000 {
					t.Fatal("no end of pages")
				}
			}
			// what the store holds now (the route tests may have added an article)
			ctx, all := context.Background(), store.Filter{Limit: 100000}
			var want int
			switch list {
			case "events":
				p, _ := f.st.Events(ctx, all)
				want = len(p.Items)
			case "incidents":
				p, _ := f.st.Incidents(ctx, all)
				want = len(p.Items)
			case "articles":
				p, _ := f.st.Articles(ctx, all)
				want = len(p.Items)
			}
			if list != "figures" && list != "map" && items != want {
				t.Errorf("%d %s over %d pages, want %d", items, list, pages, want)
			}
			if pages < 2 {
				t.Errorf("only %d page", pages)
			}
		})
	}
}

func TestPanicBecomesJSON500(t *testing.T) {
	x, st := seededStore(t)
	f := fixtureOver(t, x, st, testToken)
	st.panics = true
	r := f.do(t, "GET", "/api/v1/events", nil, nil)
	if r.code != 500 || decode[errorBody](t, r.body).Error != "internal error" {
		t.Errorf("panic: %d %s", r.code, r.body)
	}
}

// failStore fails every call, as a broken database would.
type failStore struct{ *memStore }

var errBroken = errors.New("disk on fire")

func (*failStore) Has(context.Context, string) (bool, error) { return false, errBroken }
func (*failStore) Events(context.Context, store.Filter) (store.Page[store.EventRow], error) {
	return store.Page[store.EventRow]{}, errBroken
}

func TestStoreErrors(t *testing.T) {
	var logs bytes.Buffer
	h := New(Config{Store: &failStore{newMemStore()}, Logger: slog.New(slog.NewTextHandler(&logs, nil))}).Handler()
	for target, want := range map[string]int{"/healthz": 503, "/api/v1/events": 500, "/api/v1/map": 500} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		if rec.Code != want || strings.Contains(rec.Body.String(), "fire") {
			t.Errorf("%s: %d %s, want %d without the cause", target, rec.Code, rec.Body, want)
		}
	}
	if !strings.Contains(logs.String(), "disk on fire") {
		t.Errorf("the cause is not logged: %s", logs.String())
	}
}

func TestTimeoutIs503(t *testing.T) {
	_, st := seededStore(t)
	h := New(Config{Store: &slowStore{st}, Timeout: 10 * time.Millisecond}).Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/events", nil))
	if rec.Code != 503 {
		t.Errorf("slow store: %d %s", rec.Code, rec.Body)
	}
}

// slowStore waits for the request's deadline, as a store stuck on a lock.
type slowStore struct{ *memStore }

func (s *slowStore) Events(ctx context.Context, f store.Filter) (store.Page[store.EventRow], error) {
	<-ctx.Done()
	return store.Page[store.EventRow]{}, fmt.Errorf("query events: %w", ctx.Err())
}

func TestMetricsCountRequests(t *testing.T) {
	f := newFixture(t, testToken)
	f.do(t, "GET", "/api/v1/events", nil, nil)
	f.do(t, "GET", "/api/v1/events?limit=0", nil, nil)
	f.do(t, "GET", "/no/such/page", nil, nil)
	r := f.do(t, "GET", "/metrics", nil, nil)
	if r.code != 200 {
		t.Fatalf("metrics: %d", r.code)
	}
	for _, want := range []string{
		`uro_http_requests_total{code="200",method="GET",route="GET /api/v1/events"} 1`,
		`uro_http_requests_total{code="400",method="GET",route="GET /api/v1/events"} 1`,
		`uro_http_requests_total{code="404",method="GET",route="unmatched"} 1`,
		`uro_http_request_duration_seconds_bucket{route="GET /api/v1/events",le="0.05"}`,
		`go_goroutines`,
	} {
		if !bytes.Contains(r.body, []byte(want)) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestRequestLog(t *testing.T) {
	_, st := seededStore(t)
	var logs bytes.Buffer
	h := New(Config{Store: st, Logger: slog.New(slog.NewJSONHandler(&logs, nil))}).Handler()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/api/v1/stats?type=PROTEST", nil))
	var rec map[string]any
	if err := json.Unmarshal(logs.Bytes(), &rec); err != nil {
		t.Fatalf("log %q: %v", logs.String(), err)
	}
	if rec["msg"] != "request" || rec["route"] != "GET /api/v1/stats" || rec["status"] != float64(200) || rec["path"] != "/api/v1/stats" {
		t.Errorf("log record %v", rec)
	}
}

// TestServeShutsDownGracefully serves on a real port, answers a request,
// and returns nil once the context is cancelled.
func TestServeShutsDownGracefully(t *testing.T) {
	_, st := seededStore(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, New(Config{Store: st}).Handler(), nil) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("healthz: %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after cancel: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Error("still answering after shutdown")
	}
}

func TestRunBadAddress(t *testing.T) {
	err := Run(context.Background(), "256.0.0.1:http", http.NotFoundHandler(), nil)
	if err == nil || !strings.Contains(err.Error(), "256.0.0.1") {
		t.Errorf("Run on a bad address: %v", err)
	}
}
