// Package storetest owns the behavioural test suite every store.Store
// implementation must pass (SQLite and PostgreSQL), so the backends
// cannot drift apart.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	readarticle "github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/incident"
	"github.com/urodata/uro/internal/segment/segmenttest"
	"github.com/urodata/uro/internal/store"
)

// Run runs the suite; open must return a new, empty store for each call
// (it is closed by the suite).
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	fresh := func(t *testing.T) store.Store {
		s := open(t)
		t.Cleanup(func() { s.Close() })
		return s
	}
	tests := []struct {
		name string
		f    func(*testing.T, store.Store)
	}{
		{"PutDedupe", testPutDedupe},
		{"PutNoText", testPutNoText},
		{"NotFound", testNotFound},
		{"RoundTripEdgeCases", testRoundTripEdge},
		{"RoundTripExtracted", testRoundTripExtracted},
		{"Filters", testFilters},
		{"Pagination", testPagination},
		{"Incidents", testIncidents},
		{"Stats", testStats},
		{"FeedState", testFeedState},
		{"Check", testCheck},
		{"ConcurrentPut", testConcurrentPut},
		{"PutMany", testPutMany},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.f(t, fresh(t)) })
	}
	t.Run("OrderIndependence", func(t *testing.T) { testOrder(t, fresh) })
	t.Run("Replace", func(t *testing.T) { testReplace(t, fresh) })
}

func putAll(t *testing.T, s store.Store, docs []*document.Document) {
	t.Helper()
	for _, d := range docs {
		if _, err := s.Put(context.Background(), d, store.Meta{}); err != nil {
			t.Fatalf("put %s: %v", d.ID, err)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func testPutDedupe(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := corpus()
	d := docs[0]
	for i, want := range []bool{true, false} {
		added, err := s.Put(ctx, d, store.Meta{Feed: "https://example.org/feed"})
		if err != nil || added != want {
			t.Fatalf("put #%d: added %v, %v; want %v", i+1, added, err, want)
		}
	}
	// The same URL with a corrected text is the same article.
	again := article("Daily Wire Service", *d.Source.URL, "2022-01-06", "Riot in Almaty\n\nA corrected version.")
	if added, err := s.Put(ctx, again, store.Meta{}); err != nil || added {
		t.Fatalf("put of a known URL: added %v, %v", added, err)
	}
	for _, c := range []struct {
		what string
		f    func() (bool, error)
		want bool
	}{
		{"Has", func() (bool, error) { return s.Has(ctx, d.ID) }, true},
		{"Has corrected", func() (bool, error) { return s.Has(ctx, again.ID) }, false},
		{"HasURL", func() (bool, error) { return s.HasURL(ctx, *d.Source.URL) }, true},
		{"HasURL other", func() (bool, error) { return s.HasURL(ctx, "https://example.org/none") }, false},
	} {
		if got, err := c.f(); err != nil || got != c.want {
			t.Errorf("%s = %v, %v; want %v", c.what, got, err, c.want)
		}
	}
	// Articles without URL are told apart by their text alone.
	noURL := []*document.Document{
		article("X", "", "2022-01-06", "One\n\nFirst text."),
		article("X", "", "2022-01-06", "Two\n\nSecond text."),
	}
	for _, d := range noURL {
		if added, err := s.Put(ctx, d, store.Meta{}); err != nil || !added {
			t.Fatalf("put of %s without URL: added %v, %v", d.ID, added, err)
		}
	}
	// An empty URL names no page: it dedupes nothing.
	for _, text := range []string{"Three\n\nThird text.", "Four\n\nFourth text."} {
		d := article("X", "", "2022-01-06", text)
		d.Source.URL = ptr("")
		if added, err := s.Put(ctx, d, store.Meta{}); err != nil || !added {
			t.Fatalf("put of %s with an empty URL: added %v, %v", d.ID, added, err)
		}
	}
	if ok, err := s.HasURL(ctx, ""); err != nil || ok {
		t.Errorf(`HasURL("") = %v, %v`, ok, err)
	}
	page, err := s.Articles(ctx, store.Filter{})
	if err != nil || len(page.Items) != 5 {
		t.Fatalf("Articles: %d, %v; want 5", len(page.Items), err)
	}
}

func testPutNoText(t *testing.T, s store.Store) {
	d := corpus()[0]
	d.Text = nil
	if _, err := s.Put(context.Background(), d, store.Meta{}); err == nil {
		t.Fatal("put of a document without text succeeded")
	}
}

func testNotFound(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.Document(ctx, "0000000000000000"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document of an unknown id: %v, want ErrNotFound", err)
	}
	if _, err := s.Incident(ctx, "inone"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Incident of an unknown id: %v, want ErrNotFound", err)
	}
}

func roundTrip(t *testing.T, s store.Store, docs []*document.Document) {
	t.Helper()
	ctx := context.Background()
	for _, d := range docs {
		want := mustJSON(t, d)
		if added, err := s.Put(ctx, d, store.Meta{}); err != nil || !added {
			t.Fatalf("put %s: added %v, %v", d.ID, added, err)
		}
		got, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Fatalf("Document %s: %v", d.ID, err)
		}
		if g := mustJSON(t, got); g != want {
			t.Errorf("document %s reads back differently:\n got %s\nwant %s", d.ID, g, want)
		}
	}
}

func testRoundTripEdge(t *testing.T, s store.Store) { roundTrip(t, s, edgeCases()) }

// extracted returns what uro extract makes (with text) of the examples and
// the gold test articles, each at the date its gold answer gives.
func extracted(t *testing.T) []*document.Document {
	root := segmenttest.Root(t)
	var paths []string
	for _, pat := range []string{"examples/*.txt", "testdata/gold/*/*.txt"} {
		m, err := filepath.Glob(filepath.Join(root, pat))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		t.Skip("no example articles")
	}
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var docs []*document.Document
	for _, p := range paths {
		var gold struct {
			Published string `json:"published"`
		}
		if b, err := os.ReadFile(strings.TrimSuffix(p, ".txt") + ".gold.json"); err == nil {
			if err := json.Unmarshal(b, &gold); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
		}
		var opt extract.Options
		opt.IncludeText = true
		if gold.Published != "" {
			if opt.Published, err = time.Parse(time.DateOnly, gold.Published); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
		}
		a, err := readarticle.ReadFile(ctx, p, readarticle.Options{})
		if err != nil {
			t.Fatal(err)
		}
		d, err := x.Extract(ctx, a, opt)
		if err != nil {
			t.Fatalf("extract %s: %v", p, err)
		}
		docs = append(docs, d)
	}
	return docs
}

func testRoundTripExtracted(t *testing.T, s store.Store) {
	docs := extracted(t)
	roundTrip(t, s, docs)
	problems, err := s.Check(context.Background())
	if err != nil || len(problems) > 0 {
		t.Errorf("Check after %d extracted articles: %v %q", len(docs), err, problems)
	}
	t.Logf("%d extracted documents round-trip", len(docs))
}

// keys lists the event keys f selects, over every page.
func keys(t *testing.T, s store.Store, f store.Filter) []string {
	t.Helper()
	var out []string
	for {
		page, err := s.Events(context.Background(), f)
		if err != nil {
			t.Fatalf("Events(%+v): %v", f, err)
		}
		for _, r := range page.Items {
			out = append(out, r.Key)
		}
		if page.Next == "" {
			return out
		}
		f.Cursor = page.Next
	}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func testFilters(t *testing.T, s store.Store) {
	docs := corpus()
	putAll(t, s, docs)
	k := func(doc int, ev string) string { return docs[doc].ID + "/" + ev }
	riots := []string{k(0, "e1"), k(1, "e1"), k(2, "e1")}
	inc, err := s.Events(context.Background(), store.Filter{Article: docs[1].ID})
	if err != nil || len(inc.Items) != 1 {
		t.Fatalf("events of article 2: %v, %v", inc.Items, err)
	}
	riotIncident := inc.Items[0].Incident
	tests := []struct {
		name string
		f    store.Filter
		want []string
	}{
		{"all", store.Filter{}, []string{k(0, "e1"), k(1, "e1"), k(3, "e1"), k(5, "e1"), k(2, "e1"), k(4, "e1"), k(4, "e2")}},
		{"type", store.Filter{Type: "COERCE"}, []string{k(4, "e2")}},
		{"acled type", store.Filter{ACLEDType: "Riots"}, []string{k(0, "e1"), k(1, "e1")}},
		{"acled sub-event type", store.Filter{ACLEDType: "Peaceful protest"}, []string{k(3, "e1")}},
		{"country", store.Filter{Country: "DK"}, []string{k(3, "e1"), k(4, "e1"), k(4, "e2")}},
		{"place, any case", store.Filter{Place: "almaty"}, riots},
		{"since", store.Filter{Since: day("2022-01-07")}, []string{k(4, "e1"), k(4, "e2")}},
		{"until", store.Filter{Until: day("2022-01-05")}, []string{k(0, "e1")}},
		{"since and until", store.Filter{Since: day("2022-01-06"), Until: day("2022-01-06")}, []string{k(1, "e1"), k(3, "e1"), k(5, "e1"), k(2, "e1")}},
		{"actor kind", store.Filter{ActorKind: "police"}, []string{k(4, "e2")}},
		{"text", store.Filter{Text: "energy prices"}, []string{k(3, "e1")}},
		{"text, all words", store.Filter{Text: "energy Almaty"}, nil},
		{"text with syntax", store.Filter{Text: "Almaty:"}, riots},
		{"text with an operator", store.Filter{Text: "-Almaty"}, riots},
		{"min figure", store.Filter{MinFigure: 12}, []string{k(1, "e1"), k(3, "e1"), k(2, "e1"), k(4, "e1")}},
		{"min figure of kind", store.Filter{MinFigure: 12, MinKind: "killed"}, []string{k(1, "e1"), k(2, "e1")}},
		{"kind only", store.Filter{MinKind: "arrested"}, []string{k(4, "e2")}},
		{"article", store.Filter{Article: docs[4].ID}, []string{k(4, "e1"), k(4, "e2")}},
		{"incident", store.Filter{Incident: riotIncident}, riots},
		{"combined", store.Filter{Country: "DK", Type: "PROTEST", Since: day("2022-01-10")}, []string{k(4, "e1")}},
		{"nothing", store.Filter{Country: "SE"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := keys(t, s, tt.f)
			want := slices.Clone(tt.want)
			// The order is checked below.
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("got %v\nwant %v", got, want)
			}
		})
	}
	t.Run("order", func(t *testing.T) {
		page, err := s.Events(context.Background(), store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i < len(page.Items); i++ {
			a, b := page.Items[i-1], page.Items[i]
			if da, db := eventDay(a), eventDay(b); da > db || (da == db && a.Key > b.Key) {
				t.Errorf("%s (%s) listed before %s (%s)", a.Key, da, b.Key, db)
			}
		}
	})
	t.Run("rows", func(t *testing.T) {
		page, err := s.Events(context.Background(), store.Filter{Article: docs[2].ID})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("%v %v", page.Items, err)
		}
		r := page.Items[0]
		if r.Article.ID != docs[2].ID || r.Article.Site != "Nordic Courier" || r.Article.Events != 1 || r.Article.Published != "2022-01-07" {
			t.Errorf("article of the row: %+v", r.Article)
		}
		if len(r.Figures) != 2 || r.Figures[1].Kind != "injured" || r.Figures[1].Evidence.Text != "300" {
			t.Errorf("figures of the row: %+v", r.Figures)
		}
		if mustJSON(t, r.Event) != mustJSON(t, docs[2].Events[0]) {
			t.Errorf("event of the row differs from the one put")
		}
	})
	t.Run("incidents and articles", func(t *testing.T) {
		incs, err := s.Incidents(context.Background(), store.Filter{Country: "KZ"})
		if err != nil || len(incs.Items) != 1 || incs.Items[0].ID != riotIncident {
			t.Errorf("incidents in KZ: %v, %v", incs.Items, err)
		}
		arts, err := s.Articles(context.Background(), store.Filter{Country: "DK"})
		if err != nil || len(arts.Items) != 2 {
			t.Errorf("articles about DK: %v, %v", arts.Items, err)
		}
		arts, err = s.Articles(context.Background(), store.Filter{Text: "inquiry"})
		if err != nil || len(arts.Items) != 1 || arts.Items[0].ID != docs[5].ID {
			t.Errorf("articles with 'inquiry': %v, %v", arts.Items, err)
		}
		arts, err = s.Articles(context.Background(), store.Filter{Text: "Almaty", ActorKind: "rioters"})
		if err != nil || len(arts.Items) != 1 || arts.Items[0].ID != docs[1].ID {
			t.Errorf("articles with 'Almaty' and rioters: %v, %v", arts.Items, err)
		}
	})
}

func eventDay(r store.EventRow) string {
	if r.Event.Date != nil && r.Event.Date.Start != nil {
		return *r.Event.Date.Start
	}
	return r.Article.Published
}

func testPagination(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := corpus()
	for i, d := range docs {
		// Distinct fetch times give the newest-first order of Articles.
		if _, err := s.Put(ctx, d, store.Meta{Fetched: time.Date(2022, 1, 10, 0, 0, i, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
	}
	all := keys(t, s, store.Filter{Limit: 1000})
	for _, size := range []int{1, 2, 3, 7, 8} {
		if got := keys(t, s, store.Filter{Limit: size}); !slices.Equal(got, all) {
			t.Errorf("events in pages of %d: %v, want %v", size, got, all)
		}
	}
	if len(all) != 7 {
		t.Fatalf("%d events, want 7", len(all))
	}
	var arts []string
	f := store.Filter{Limit: 2}
	for {
		page, err := s.Articles(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range page.Items {
			arts = append(arts, a.ID)
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	var want []string
	for i := len(docs) - 1; i >= 0; i-- {
		want = append(want, docs[i].ID)
	}
	if !slices.Equal(arts, want) {
		t.Errorf("articles in pages of 2: %v, want newest first %v", arts, want)
	}
	allIncs, err := s.Incidents(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var incs []string
	f = store.Filter{Limit: 1}
	for {
		page, err := s.Incidents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) > 1 {
			t.Fatalf("page of %d incidents with limit 1", len(page.Items))
		}
		for _, a := range page.Items {
			incs = append(incs, a.ID)
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	if len(incs) != len(allIncs.Items) || len(incs) != 4 {
		t.Errorf("incidents one by one: %v, want the %d of one page (4)", incs, len(allIncs.Items))
	}
	if _, err := s.Events(ctx, store.Filter{Cursor: "not a cursor"}); err == nil {
		t.Error("a bad cursor was accepted")
	}
}

// grouping is the store's incidents as sorted lists of event keys.
func grouping(t *testing.T, s store.Store) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	f := store.Filter{Limit: 1000}
	page, err := s.Incidents(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	for _, inc := range page.Items {
		out[inc.ID] = inc.Events
	}
	return out
}

func testIncidents(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := corpus()
	putAll(t, s, docs)
	g := grouping(t, s)
	// The reference: connected components of Compatible over all events.
	var evs []incident.Event
	for _, d := range docs {
		for _, e := range d.Events {
			evs = append(evs, incident.Of(d.ID, *d.Published, e))
		}
	}
	want := map[string][]string{}
	for _, c := range incident.Cluster(evs) {
		var ks []string
		for _, i := range c {
			ks = append(ks, evs[i].Key)
		}
		slices.Sort(ks)
		want[incident.ID(ks)] = ks
	}
	if mustJSON(t, g) != mustJSON(t, want) {
		t.Errorf("incidents %v\nwant (incident.Cluster) %v", g, want)
	}
	if len(g) != 4 {
		t.Errorf("%d incidents, want 4 (Almaty riot, Copenhagen, Aarhus, the inquiry)", len(g))
	}
	riot := incident.ID([]string{docs[0].ID + "/e1", docs[1].ID + "/e1", docs[2].ID + "/e1"})
	inc, err := s.Incident(ctx, riot)
	if err != nil {
		t.Fatalf("the Almaty incident: %v", err)
	}
	if len(inc.Articles) != 3 || inc.Location == nil || inc.Location.Name != "Almaty" || inc.Start != "2022-01-05" || inc.End != "2022-01-06" {
		t.Errorf("Almaty incident: %+v", inc)
	}
	var killed *store.Reconciled
	for i := range inc.Figures {
		if inc.Figures[i].Kind == "killed" {
			killed = &inc.Figures[i]
		}
	}
	// Police say 8, officials at least 12, the outlet 18: ACLED's choice is
	// the lowest source's figure; the range is open above.
	if killed == nil || killed.Value != 8 || killed.Min != 8 || killed.Max != nil || len(killed.Claims) != 3 {
		t.Fatalf("killed in Almaty: %+v", killed)
	}
	// Events of one article may sit in one incident (Aarhus).
	aarhus, err := s.Events(ctx, store.Filter{Article: docs[4].ID})
	if err != nil || len(aarhus.Items) != 2 || aarhus.Items[0].Incident != aarhus.Items[1].Incident {
		t.Errorf("Aarhus events: %+v, %v", aarhus.Items, err)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check: %v %q", err, problems)
	}
}

// bridge is an article whose event joins two incidents that were apart: it
// tests that merging unites components, not only adds to one.
func bridge() []*document.Document {
	return []*document.Document{
		article("A", "https://example.org/b1", "2022-03-01", "Clash in Gao\n\nFighters clashed in Gao on Tuesday.",
			ev{typ: "ASSAULT", acled: "Battles", sub: "Armed clash", where: place("Gao", "ML", 16.27, -0.04), date: "2022-03-01", trigger: "clashed"}),
		article("B", "https://example.org/b2", "2022-03-04", "Clash in Gao\n\nFighting in Gao on Thursday.",
			ev{typ: "ASSAULT", acled: "Battles", sub: "Armed clash", where: place("Gao", "ML", 16.27, -0.04), date: "2022-03-03", trigger: "Fighting"}),
		article("C", "https://example.org/b3", "2022-03-04", "Gao fighting lasted days\n\nThe fighting in Gao went on from Tuesday to Thursday, a resident said.",
			ev{typ: "ASSAULT", acled: "Battles", sub: "Armed clash", where: place("Gao", "ML", 16.27, -0.04), date: "2022-03-02", trigger: "fighting",
				figures: []fig{{kind: "killed", min: 4, max: ptr[int64](4), qualifier: "exact", text: "a resident"}}}),
	}
}

func testOrder(t *testing.T, fresh func(*testing.T) store.Store) {
	docs := append(corpus(), bridge()...)
	docs = append(docs, edgeCases()...)
	rng := rand.New(rand.NewPCG(5, 5))
	var first string
	var firstGroups map[string][]string
	for round := range 6 {
		order := slices.Clone(docs)
		switch round {
		case 0:
		case 1:
			slices.Reverse(order)
		default:
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		s := fresh(t)
		putAll(t, s, order)
		page, err := s.Incidents(context.Background(), store.Filter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		got := mustJSON(t, page.Items)
		if round == 0 {
			first, firstGroups = got, grouping(t, s)
			continue
		}
		if got != first {
			t.Errorf("order %d gives other incidents:\n%v\nwant %v", round, grouping(t, s), firstGroups)
		}
		if problems, err := s.Check(context.Background()); err != nil || len(problems) > 0 {
			t.Errorf("Check: %v %q", err, problems)
		}
	}
	// The bridge: all three Gao reports are one incident.
	var b []string
	for _, d := range bridge() {
		b = append(b, d.ID+"/e1")
	}
	slices.Sort(b)
	if !slices.Equal(firstGroups[incident.ID(b)], b) {
		t.Errorf("Gao reports not united: %v", firstGroups)
	}
}

func testStats(t *testing.T, s store.Store) {
	putAll(t, s, corpus())
	st, err := s.Stats(context.Background(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := store.Stats{Total: 7,
		ByDay:     map[string]int{"2022-01-05": 1, "2022-01-06": 4, "2022-01-13": 2},
		ByType:    map[string]int{"PROTEST": 4, "ASSAULT": 1, "COERCE": 1, "AGREE": 1},
		ByCountry: map[string]int{"KZ": 3, "DK": 3, "": 1},
	}
	if mustJSON(t, st) != mustJSON(t, want) {
		t.Errorf("Stats = %+v\nwant %+v", st, want)
	}
	st, err = s.Stats(context.Background(), store.Filter{Country: "DK"})
	if err != nil || st.Total != 3 || st.ByType["PROTEST"] != 2 {
		t.Errorf("Stats in DK = %+v, %v", st, err)
	}
}

func testFeedState(t *testing.T, s store.Store) {
	ctx := context.Background()
	url := "https://example.org/feed.xml"
	st, err := s.FeedState(ctx, url)
	if err != nil || st != (store.FeedState{URL: url}) {
		t.Fatalf("state of a new feed: %+v, %v", st, err)
	}
	for _, want := range []store.FeedState{
		{URL: url, ETag: `"abc"`, LastModified: "Thu, 06 Jan 2022 10:00:00 GMT", Checked: time.Date(2022, 1, 6, 10, 0, 1, 5, time.UTC), Status: 200},
		{URL: url, Checked: time.Date(2022, 1, 6, 11, 0, 0, 0, time.UTC), Status: 500, Error: "server error"},
	} {
		if err := s.SetFeedState(ctx, want); err != nil {
			t.Fatal(err)
		}
		got, err := s.FeedState(ctx, url)
		if err != nil || !got.Checked.Equal(want.Checked) {
			t.Fatalf("FeedState = %+v, %v; want %+v", got, err, want)
		}
		got.Checked = want.Checked
		if got != want {
			t.Errorf("FeedState = %+v, want %+v", got, want)
		}
	}
	if err := s.SetFeedState(ctx, store.FeedState{}); err == nil {
		t.Error("a feed state without URL was saved")
	}
}

func testCheck(t *testing.T, s store.Store) {
	ctx := context.Background()
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check of an empty store: %v %q", err, problems)
	}
	putAll(t, s, append(corpus(), edgeCases()...))
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check: %v %q", err, problems)
	}
}

func testConcurrentPut(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := append(append(corpus(), bridge()...), edgeCases()...)
	const workers = 4
	added := make([]int, len(docs))
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Every worker puts every document, each in its own order.
			order := rand.New(rand.NewPCG(uint64(w), 7)).Perm(len(docs))
			for _, i := range order {
				ok, err := s.Put(ctx, docs[i], store.Meta{})
				if err != nil {
					errs <- fmt.Errorf("worker %d: put %s: %w", w, docs[i].ID, err)
					return
				}
				if ok {
					mu.Lock()
					added[i]++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for i, n := range added {
		if n != 1 {
			t.Errorf("document %d added %d times", i, n)
		}
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check: %v %q", err, problems)
	}
}

func testPutMany(t *testing.T, s store.Store) {
	b, ok := s.(store.Batcher)
	if !ok {
		t.Skip("the store does not batch")
	}
	ctx := context.Background()
	docs := corpus()
	added, err := b.PutMany(ctx, []*document.Document{docs[0], docs[1], docs[0]}, store.Meta{})
	if err != nil || !slices.Equal(added, []bool{true, true, false}) {
		t.Fatalf("PutMany: %v, %v; want [true true false]", added, err)
	}
	// A batch that fails part-way stores nothing: two events with one id
	// break the event key's uniqueness.
	bad := article("X", "https://example.org/bad", "2022-01-06", "Bad\n\nTwo events, one id.",
		ev{typ: "AGREE", trigger: "Two"}, ev{typ: "AGREE", trigger: "one"})
	bad.Events[1].ID = bad.Events[0].ID
	if _, err := b.PutMany(ctx, []*document.Document{docs[2], bad}, store.Meta{}); err == nil {
		t.Fatal("a batch with a broken document was stored")
	}
	if ok, err := s.Has(ctx, docs[2].ID); err != nil || ok {
		t.Errorf("the good half of a failed batch was kept: %v, %v", ok, err)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check: %v %q", err, problems)
	}
}

// replacer is a store that can replace an article's findings.
type replacer interface {
	Replace(ctx context.Context, doc *document.Document, meta store.Meta) error
}

// testReplace re-extracts articles in place, as uro reprocess does: one
// whose event moves away (the incident it bridged splits), one that gains
// an event and loses its figures, one unchanged, and one not stored yet.
// The store must then hold what a fresh store of the final documents holds.
func testReplace(t *testing.T, fresh func(*testing.T) store.Store) {
	s := fresh(t)
	r, ok := s.(replacer)
	if !ok {
		t.Skip("the store cannot replace")
	}
	ctx := context.Background()
	docs := append(corpus(), bridge()...)
	for i, d := range docs {
		if _, err := s.Put(ctx, d, store.Meta{Fetched: time.Date(2022, 3, 10, 0, 0, i, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
	}
	before, err := s.Articles(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	gao := bridge()
	if g := grouping(t, s); len(g[incident.ID([]string{gao[0].ID + "/e1", gao[1].ID + "/e1", gao[2].ID + "/e1"})]) != 3 {
		t.Fatalf("the Gao reports are not one incident before replacing: %v", g)
	}
	moved := bridge()[2]
	moved.Events[0].Location = place("Timbuktu", "ML", 16.77, -3.0)
	grown := corpus()[1]
	grown.Figures = []document.Figure{}
	arrest := grown.Events[0]
	arrest.ID, arrest.Type, arrest.ACLED = "e2", "COERCE", &document.ACLED{EventType: "Strategic developments", SubEventType: "Arrests"}
	grown.Events = append(grown.Events, arrest)
	same := corpus()[3]
	added := article("Jutland Post", "https://example.org/new", "2022-01-14", "Aarhus calm again\n\nAarhus was calm on Friday after the arrests.",
		ev{typ: "PROTEST", acled: "Protests", sub: "Peaceful protest", where: aarhus, trigger: "calm"})
	for _, d := range []*document.Document{moved, grown, same, added} {
		if err := r.Replace(ctx, d, store.Meta{}); err != nil {
			t.Fatalf("Replace %s: %v", d.ID, err)
		}
		got, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if mustJSON(t, got) != mustJSON(t, d) {
			t.Errorf("document %s after Replace:\n got %s\nwant %s", d.ID, mustJSON(t, got), mustJSON(t, d))
		}
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check after Replace: %v %q", err, problems)
	}
	// Replaced articles keep their place; the new one comes first.
	after, err := s.Articles(ctx, store.Filter{})
	listed := func(rows []store.ArticleRow) (out []string) {
		for _, a := range rows {
			out = append(out, a.ID+" "+a.URL+" "+a.Fetched.String())
		}
		return out
	}
	if err != nil || len(after.Items) != len(before.Items)+1 || !slices.Equal(listed(after.Items[1:]), listed(before.Items)) {
		t.Errorf("articles after Replace: %v, %v\nbefore: %v", listed(after.Items), err, listed(before.Items))
	}
	g := grouping(t, s)
	if ks := g[incident.ID([]string{gao[0].ID + "/e1", gao[1].ID + "/e1"})]; len(ks) == 2 {
		t.Errorf("the Gao reports stay one incident without the report that bridged them: %v", g)
	}
	// The same final documents put afresh make the same incidents.
	final := slices.Clone(docs)
	for i, d := range final {
		for _, x := range []*document.Document{moved, grown, same} {
			if d.ID == x.ID {
				final[i] = x
			}
		}
	}
	final = append(final, added)
	want := fresh(t)
	putAll(t, want, final)
	a, err := s.Incidents(ctx, store.Filter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	b, err := want.Incidents(ctx, store.Filter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if mustJSON(t, a) != mustJSON(t, b) {
		t.Errorf("incidents after Replace:\n%v\nof the final documents put afresh:\n%v", g, grouping(t, want))
	}
}
