package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/store"
)

func TestLoadStrings(t *testing.T) {
	strs, err := loadStrings(files, "i18n")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"da", "en"} {
		if len(strs[lang]) < 50 {
			t.Errorf("%s: %d strings, want the whole interface", lang, len(strs[lang]))
		}
	}
	if strs["da"].Get("nav_map") != "Kort" || strs["en"].Get("nav_map") != "Map" {
		t.Errorf("nav_map = %q / %q", strs["da"].Get("nav_map"), strs["en"].Get("nav_map"))
	}
	if got := strs["en"].Get("no_such_key"); got != "⟦no_such_key⟧" {
		t.Errorf("missing key shows %q", got)
	}
}

func TestLoadStringsBroken(t *testing.T) {
	for _, tc := range []struct {
		name string
		fs   fstest.MapFS
		want string
	}{
		{"missing key", fstest.MapFS{"i/en.json": {Data: []byte(`{"a":"A","b":"B"}`)}, "i/da.json": {Data: []byte(`{"a":"A"}`)}}, `i/da.json: missing key "b"`},
		{"extra key", fstest.MapFS{"i/en.json": {Data: []byte(`{"a":"A"}`)}, "i/da.json": {Data: []byte(`{"a":"A","c":"C"}`)}}, `i/da.json: key "c" is not in en.json`},
		{"bad json", fstest.MapFS{"i/en.json": {Data: []byte(`{"a":`)}}, "i/en.json: unexpected end"},
		{"empty text", fstest.MapFS{"i/en.json": {Data: []byte(`{"a":" "}`)}}, `i/en.json: key "a" has no text`},
		{"no english", fstest.MapFS{"i/da.json": {Data: []byte(`{"a":"A"}`)}}, "i: no en.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadStrings(tc.fs, "i")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestPickLang(t *testing.T) {
	have := []string{"da", "en"}
	for _, tc := range []struct{ header, want string }{
		{"", "en"},
		{"da", "da"},
		{"da-DK,da;q=0.9,en-US;q=0.8,en;q=0.7", "da"},
		{"en-GB,en;q=0.9,da;q=0.8", "en"},
		{"de-DE,de;q=0.9,da;q=0.5", "da"},
		{"fr", "en"},
		{"en;q=0.2, da;q=0.9", "da"},
		{"da;q=0, en", "en"},
		{"da;q=abc, en;q=0.1", "en"},
		{"*", "en"},
		{"DA-dk", "da"},
		{" , ;q=1, da", "da"},
	} {
		if got := pickLang(tc.header, have); got != tc.want {
			t.Errorf("pickLang(%q) = %q, want %q", tc.header, got, tc.want)
		}
	}
}

func FuzzPickLang(f *testing.F) {
	for _, s := range []string{"da-DK,da;q=0.9", "en;q=0.5,da", ";;;q=", "da;q=1e9"} {
		f.Add(s)
	}
	have := []string{"da", "en"}
	f.Fuzz(func(t *testing.T, s string) {
		if got := pickLang(s, have); !slices.Contains(have, got) {
			t.Fatalf("pickLang(%q) = %q, not a language we have", s, got)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func TestHighlight(t *testing.T) {
	// Code points, not bytes: "Ærø" and the emoji come before the marks.
	text := "Ærø 🚨 Politiet anholdt 12 personer i Aarhus lørdag, oplyser politiet.\n\nIngen kom til skade."
	runes := []rune(text)
	at := func(s string) document.Span {
		i := indexRunes(runes, 0, len(runes), []rune(s))
		if i < 0 {
			t.Fatalf("%q not in text", s)
		}
		return document.Span{Text: s, Start: i, End: i + len([]rune(s))}
	}
	sentence := at("Politiet anholdt 12 personer i Aarhus lørdag, oplyser politiet.")
	doc := &document.Document{
		Text: &text,
		Events: []document.Event{{
			ID: "e1", Type: "COERCE", Trigger: at("anholdt"), Evidence: sentence,
			Location:    &document.Place{Text: "Aarhus"},
			Date:        &document.When{Text: "lørdag"},
			Attribution: &document.Attribution{Text: "oplyser politiet"},
		}, {
			ID: "e2", Type: "ASSAULT", Trigger: document.Span{Start: 500, End: 510}, Evidence: document.Span{Start: -1, End: 3},
		}},
		Figures: []document.Figure{{Kind: "arrested", Text: "12 personer", Event: ptr("e1"), Evidence: sentence}},
	}
	segs := Highlight(doc)
	var joined strings.Builder
	kinds := map[string][]string{}
	for _, s := range segs {
		joined.WriteString(s.Text)
		kinds[s.Text] = s.Kinds
	}
	if joined.String() != text {
		t.Fatalf("segments join to %q", joined.String())
	}
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"anholdt", []string{"evidence", "trigger"}},
		{"12 personer", []string{"evidence", "figure"}},
		{"Aarhus", []string{"evidence", "place"}},
		{"lørdag", []string{"date", "evidence"}},
		{"oplyser politiet", []string{"attribution", "evidence"}},
		{"Ærø 🚨 ", nil},
		{"\n\nIngen kom til skade.", nil},
	} {
		if got := kinds[tc.text]; !slices.Equal(got, tc.want) {
			t.Errorf("%q: kinds %v, want %v", tc.text, got, tc.want)
		}
	}
	for _, s := range segs {
		if s.Text == "anholdt" && !slices.Equal(s.Anchors, []string{"e1"}) {
			t.Errorf("trigger anchors = %v", s.Anchors)
		}
		if slices.Contains(s.Events, "e2") {
			t.Errorf("e2 has offsets outside the text but was marked: %+v", s)
		}
	}
	if Highlight(&document.Document{}) != nil {
		t.Error("a document without text gave segments")
	}
}

func newTestWeb(t testing.TB, writable bool) (*Web, *memStore) {
	st := seedStore(t)
	w, err := New(Config{Store: st, Writable: writable, Langs: []string{"da", "en"}})
	if err != nil {
		t.Fatal(err)
	}
	return w, st
}

func get(t *testing.T, h http.Handler, path, lang string) (int, string, http.Header) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(b), rec.Result().Header
}

// sahelIncident finds the incident that the Sahel example and this
// package's follow-up both report.
func sahelIncident(t testing.TB, st *memStore) string {
	t.Helper()
	for id, inc := range st.incidents {
		if len(inc.Articles) > 1 && len(inc.Figures) > 0 {
			return id
		}
	}
	t.Fatal("no incident with figures from two articles in the seed")
	return ""
}

func TestPages(t *testing.T) {
	w, st := newTestWeb(t, true)
	h := w.Handler()
	inc := sahelIncident(t, st)
	art := st.incidents[inc].Articles[0]
	for _, tc := range []struct {
		path, lang string
		status     int
		want       []string
	}{
		{"/", "", 200, []string{`<html lang="en">`, `id="map"`, `id="timeline"`, `name="type"`, `<option value="BF"`, "/assets/map.js"}},
		{"/", "da-DK,da;q=0.9", 200, []string{`<html lang="da">`, ">Kort<", "Begivenheder pr. dag"}},
		{"/?since=yesterday", "", 400, []string{`role="alert"`, "since: want a date"}},
		{"/incidents/" + inc, "", 200, []string{`id="matrix"`, "Reconciled", "Sahel Wire", "/articles/", `id="incident-events"`, `<span class="badge t-ASSAULT">`}},
		{"/incidents/" + inc, "da", 200, []string{"Afstemt", "dræbt"}},
		{"/incidents/nope", "", 404, []string{"Not found"}},
		{"/articles/" + art, "", 200, []string{`class="hl hl-evidence hl-trigger"`, `id="t-e1"`, `href="#ev-e1"`, `id="ev-e1"`, `href="#t-e1"`, "/incidents/"}},
		{"/articles/nope", "da", 404, []string{"Ikke fundet"}},
		{"/paste", "", 200, []string{`name="token"`, `name="text"`, `<option value="da">`}},
		{"/assets/vendor/leaflet/leaflet.js", "", 200, []string{"Leaflet"}},
		{"/assets/vendor/world/countries-110m.geojson", "", 200, []string{`"name":"Denmark"`}},
		{"/assets/nope.js", "", 404, nil},
	} {
		code, body, _ := get(t, h, tc.path, tc.lang)
		if code != tc.status {
			t.Errorf("GET %s: status %d, want %d", tc.path, code, tc.status)
		}
		for _, s := range tc.want {
			if !strings.Contains(body, s) {
				t.Errorf("GET %s (%s): body lacks %q", tc.path, tc.lang, s)
			}
		}
		if strings.Contains(body, "⟦") {
			t.Errorf("GET %s (%s): a missing interface string shows", tc.path, tc.lang)
		}
	}
	ro, err := New(Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ := get(t, ro.Handler(), "/paste", "")
	if strings.Contains(body, `name="token"`) || !strings.Contains(body, `id="readonly"`) || !strings.Contains(body, "disabled") {
		t.Error("read-only paste page asks for a token or lets the form submit")
	}
}

func TestEventsData(t *testing.T) {
	w, st := newTestWeb(t, false)
	h := w.Handler()
	total, err := st.Stats(context.Background(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query  string
		status int
		check  func(t *testing.T, r eventsReply)
	}{
		{"", 200, func(t *testing.T, r eventsReply) {
			if len(r.Events) != total.Total || r.Truncated {
				t.Errorf("%d events (truncated %v), the store has %d", len(r.Events), r.Truncated, total.Total)
			}
		}},
		{"type=assault", 200, func(t *testing.T, r eventsReply) {
			if len(r.Events) == 0 {
				t.Error("no ASSAULT events")
			}
			for _, e := range r.Events {
				if e.Type != "ASSAULT" {
					t.Errorf("%s: type %s", e.Key, e.Type)
				}
			}
		}},
		{"country=bf&since=2024-06-01&until=2024-06-30", 200, func(t *testing.T, r eventsReply) {
			if len(r.Events) == 0 {
				t.Error("no events in Burkina Faso in June 2024")
			}
			for _, e := range r.Events {
				if e.Country != "BF" || e.Date < "2024-06-01" || e.Date > "2024-06-30" || e.Lat == nil {
					t.Errorf("%s: %s %s lat %v", e.Key, e.Country, e.Date, e.Lat)
				}
			}
		}},
		{"since=2024-13-01", 400, nil},
		{"until=2024-01-01&since=2024-02-01", 400, nil},
	} {
		code, body, hdr := get(t, h, "/web/events?"+tc.query, "")
		if code != tc.status || hdr.Get("Content-Type") != "application/json" {
			t.Errorf("%s: status %d %s, want %d JSON", tc.query, code, hdr.Get("Content-Type"), tc.status)
			continue
		}
		if tc.status != 200 {
			var e map[string]string
			if json.Unmarshal([]byte(body), &e) != nil || e["error"] == "" {
				t.Errorf("%s: error body %q", tc.query, body)
			}
			continue
		}
		var r eventsReply
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		tc.check(t, r)
	}
}

func TestFigureMatrix(t *testing.T) {
	claim := func(src, site, text string, n int64) store.Claim {
		return store.Claim{Source: src, Site: site, Figure: document.Figure{Text: text, Min: n, Max: ptr(n)}}
	}
	figs := []store.Reconciled{
		{Kind: "killed", Value: 27, Min: 27, Max: ptr(int64(40)), Claims: []store.Claim{
			claim("official", "Wire A", "27", 27), claim("residents", "Wire B", "40", 40), claim("official", "Wire A", "27 civilians", 27)}},
		{Kind: "injured", Value: 15, Min: 15, Max: ptr(int64(15)), Claims: []store.Claim{claim("residents", "Wire B", "15", 15)}},
	}
	kinds, rows := figureMatrix(figs)
	if !slices.Equal(kinds, []string{"killed", "injured"}) || len(rows) != 2 {
		t.Fatalf("kinds %v, %d rows", kinds, len(rows))
	}
	if rows[0].Source != "official" || len(rows[0].Cells[0]) != 2 || len(rows[0].Cells[1]) != 0 {
		t.Errorf("official row = %+v", rows[0])
	}
	if rows[1].Source != "residents" || len(rows[1].Cells[0]) != 1 || len(rows[1].Cells[1]) != 1 {
		t.Errorf("residents row = %+v", rows[1])
	}
	if kinds, rows := figureMatrix(nil); len(kinds) != 0 || len(rows) != 0 {
		t.Error("an incident without figures gave a matrix")
	}
}

func TestFigureRange(t *testing.T) {
	for _, tc := range []struct {
		lo   int64
		hi   *int64
		want string
	}{{27, nil, "27+"}, {27, ptr(int64(27)), "27"}, {200, ptr(int64(250)), "200–250"}} {
		if got := figureRange(tc.lo, tc.hi); got != tc.want {
			t.Errorf("figureRange(%d, %v) = %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
	}
}

func BenchmarkHighlight(b *testing.B) {
	st := seedStore(b)
	var longest *document.Document
	for _, d := range st.docs {
		if longest == nil || len(*d.Text) > len(*longest.Text) {
			longest = d
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		Highlight(longest)
	}
}

// FuzzHighlight: whatever the offsets, the segments rebuild the text and
// every trigger anchor sits on a segment that is a trigger.
func FuzzHighlight(f *testing.F) {
	f.Add("Politiet anholdt 12 i Århus 🚨 lørdag.", 9, 16, 0, 37, "12", "Århus")
	f.Add("", 0, 0, 0, 0, "", "")
	f.Add("ab", 5, 1, -3, 2, "b", "zz")
	f.Fuzz(func(t *testing.T, text string, ts, te, es, ee int, fig, place string) {
		doc := &document.Document{
			Text: &text,
			Events: []document.Event{{ID: "e1", Trigger: document.Span{Start: ts, End: te}, Evidence: document.Span{Start: es, End: ee},
				Location: &document.Place{Text: place}}},
			Figures: []document.Figure{{Text: fig, Event: ptr("e1"), Evidence: document.Span{Start: es, End: ee}}},
		}
		var b strings.Builder
		for _, s := range Highlight(doc) {
			b.WriteString(s.Text)
			if len(s.Anchors) > 0 && !s.Has(hlTrigger) {
				t.Fatalf("anchor on a segment without a trigger: %+v", s)
			}
		}
		if b.String() != string([]rune(text)) {
			t.Fatalf("segments rebuild %q, want %q", b.String(), text)
		}
	})
}

func TestTiles(t *testing.T) {
	st := seedStore(t)
	for _, tiles := range []string{"", "https://tiles.example/{z}/{x}/{y}.png"} {
		w, err := New(Config{Store: st, Tiles: tiles})
		if err != nil {
			t.Fatal(err)
		}
		_, body, _ := get(t, w.Handler(), "/", "")
		if want := `data-tiles="` + tiles + `"`; !strings.Contains(body, want) {
			t.Errorf("map page lacks %s", want)
		}
	}
}
