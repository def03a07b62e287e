package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/store"
)

func TestParseFilter(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	cases := []struct {
		query string
		want  store.Filter
		err   bool
	}{
		{"", store.Filter{Limit: DefaultLimit}, false},
		{"type=protest&country=kz&since=2022-01-01&until=2022-01-31&limit=5", store.Filter{Type: "PROTEST", Country: "KZ", Since: day("2022-01-01"), Until: day("2022-01-31"), Limit: 5}, false},
		{"min_figure=10&min_kind=killed&q=Almaty&place=almaty&actor_kind=police&acled=Riots", store.Filter{MinFigure: 10, MinKind: "killed", Text: "Almaty", Place: "almaty", ActorKind: "police", ACLEDType: "Riots", Limit: DefaultLimit}, false},
		{"since=2022-01-01&until=2022-01-01", store.Filter{Since: day("2022-01-01"), Until: day("2022-01-01"), Limit: DefaultLimit}, false},
		{"cursor=" + encodeCursor("42", "events"), store.Filter{Cursor: "42", Limit: DefaultLimit}, false},
		{"since=2022-02-30", store.Filter{}, true},
		{"until=20220101", store.Filter{}, true},
		{"limit=1001", store.Filter{}, true},
		{"limit=1e3", store.Filter{}, true},
		{"min_figure=1.5", store.Filter{}, true},
		{"country=DNK", store.Filter{}, true},
		{"country=D1", store.Filter{}, true},
		{"cursor=" + encodeCursor("42", "map"), store.Filter{}, true},
		{"cursor=" + encodeCursor("42", "events") + "x", store.Filter{}, true},
	}
	for _, c := range cases {
		q, err := url.ParseQuery(c.query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseFilter(q, "events", DefaultLimit, MaxLimit)
		if (err != nil) != c.err {
			t.Errorf("%q: error %v, want error %v", c.query, err, c.err)
			continue
		}
		if !c.err && fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", c.query, got, c.want)
		}
	}
}

func FuzzParseFilter(f *testing.F) {
	f.Add("type=PROTEST&since=2022-01-01&limit=10")
	f.Add("cursor=" + encodeCursor("a\x00b", "events"))
	f.Add("min_figure=-1&country=zz")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		fl, err := parseFilter(q, "events", DefaultLimit, MaxLimit)
		if err != nil {
			if _, ok := err.(badRequest); !ok {
				t.Fatalf("%q: error %T is not a bad request", raw, err)
			}
			return
		}
		if fl.Limit < 1 || fl.Limit > MaxLimit || fl.MinFigure < 0 || (!fl.Until.IsZero() && fl.Until.Before(fl.Since)) {
			t.Fatalf("%q: accepted %+v", raw, fl)
		}
	})
}

func FuzzCursor(f *testing.F) {
	f.Add("42", "events", "")
	f.Add("", "map", "Zm9v")
	f.Fuzz(func(t *testing.T, c, kind, garbage string) {
		if kind == "" {
			return
		}
		enc := encodeCursor(c, kind)
		got, err := decodeCursor(enc, kind)
		if c != "" && (err != nil || got != c) {
			// a NUL in the store cursor or kind cannot round-trip; the
			// store's cursors are printable
			if !containsNUL(c) && !containsNUL(kind) {
				t.Fatalf("round trip of %q: %q, %v", c, got, err)
			}
		}
		_, _ = decodeCursor(garbage, kind) // must not panic
	})
}

func containsNUL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return true
		}
	}
	return false
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "Århus \"citat\" \\ \n\t\x01", "\u2028\u2029", "\xff\xfe bad", "<script>&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%q gave invalid JSON %s: %v", s, b, err)
		}
		want, _ := json.Marshal(s) // replaces invalid UTF-8 as we do
		var wantBack string
		_ = json.Unmarshal(want, &wantBack)
		if back != wantBack {
			t.Fatalf("%q: decoded %q, encoding/json gives %q", s, back, wantBack)
		}
	})
}

// pageStore answers every Events call with the same page of n synthetic
// events: the benchmarks measure the handlers, not a store.
type pageStore struct {
	*memStore
	page store.Page[store.EventRow]
}

func (p *pageStore) Events(context.Context, store.Filter) (store.Page[store.EventRow], error) {
	return p.page, nil
}

func syntheticEvents(n int) store.Page[store.EventRow] {
	p := store.Page[store.EventRow]{Next: "next"}
	for i := range n {
		lat, lon := 50+float64(i%1000)/100, 10+float64(i%777)/100
		day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%365).Format(time.DateOnly)
		max := int64(20)
		p.Items = append(p.Items, store.EventRow{
			Key:      fmt.Sprintf("%016x/e%d", i, i%5+1),
			Article:  store.ArticleRow{ID: fmt.Sprintf("%016x", i), Title: "Demonstranter samledes i Aarhus", Site: "news.example", Lang: "da", Published: day},
			Incident: fmt.Sprintf("inc%08d", i),
			Event: document.Event{ID: "e1", Type: "PROTEST", ACLED: &document.ACLED{EventType: "Protests", SubEventType: "Peaceful protest"},
				Context: []string{}, Factuality: "asserted",
				Location: &document.Place{Text: "Aarhus", Name: "Aarhus", Country: "DK", Lat: &lat, Lon: &lon, Precision: "city"},
				Date:     &document.When{Text: "lørdag", Start: &day, End: &day, Precision: "day"},
				Trigger:  document.Span{Text: "demonstrerede", Start: 40, End: 53}, Evidence: document.Span{Text: "Omkring 500 demonstrerede lørdag i Aarhus.", Start: 30, End: 72}},
			Figures: []document.Figure{{Kind: "participants", Min: 12, Max: &max, Qualifier: "approx", Text: "omkring 500", Evidence: document.Span{Text: "Omkring 500", Start: 30, End: 41}}},
		})
	}
	return p
}

func benchmarkRoute(b *testing.B, target string, n int) {
	h := New(Config{Store: &pageStore{memStore: newMemStore(), page: syntheticEvents(n)}}).Handler()
	req := httptest.NewRequest("GET", target, nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("%s: %d %s", target, rec.Code, rec.Body)
		}
	}
}

// The handler's share of an answer (encoding, middleware), store excluded.
func BenchmarkEventsPage100(b *testing.B) { benchmarkRoute(b, "/api/v1/events?country=DK", 100) }
func BenchmarkMapPage2000(b *testing.B)   { benchmarkRoute(b, "/api/v1/map?country=DK", 2000) }
