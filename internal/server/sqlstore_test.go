package server

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/sqlstore"
)

// TestRoutesOverSQLStore runs the route table's cases against the real
// SQLite store, seeded with the same articles.
func TestRoutesOverSQLStore(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds a SQLite store")
	}
	x, docs := seedDocuments(t)
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "uro.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i, d := range docs {
		if _, err := db.Put(ctx, d, store.Meta{Fetched: time.Date(2025, 1, 1, 0, i, 0, 0, time.UTC)}); err != nil {
			t.Fatalf("put %s: %v", d.ID, err)
		}
	}
	f := fixtureOver(t, x, db, testToken)
	t.Run("routes", func(t *testing.T) { testRoutes(t, f) })
	t.Run("pagination", func(t *testing.T) { testPagination(t, f) })
	if probs, err := db.Check(ctx); err != nil || len(probs) > 0 {
		t.Errorf("store check after the API's writes: %v %v", probs, err)
	}
}

// BenchmarkAPIOver1M asks the event list and the map for one country's
// 90 days over the sqlstore benchmark's cached store of 1M events (see
// internal/store/sqlstore's BenchmarkEventsByCountryDate, which fills it;
// skipped without it; $URO_BENCH_DB names another such file), and reports the p99 latency of the whole answer.
// The load test with a second process is ./loadtest.
func BenchmarkAPIOver1M(b *testing.B) {
	m, _ := filepath.Glob(filepath.Join(os.TempDir(), "uro-bench-events-1000000-v*-s*.db"))
	if p := os.Getenv("URO_BENCH_DB"); p != "" {
		m = []string{p} // a copy of it, safe from the sqlstore benchmark's refills
	}
	if len(m) == 0 {
		b.Skip("no cached 1M-event store: run go test -bench EventsByCountryDate ./internal/store/sqlstore first")
	}
	sort.Strings(m)
	db, err := sqlstore.Open(context.Background(), m[len(m)-1])
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	h := New(Config{Store: db}).Handler()
	for _, ep := range []string{"events", "map"} {
		b.Run(ep, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(5, 6))
			lat := make([]time.Duration, 0, b.N)
			start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
			for b.Loop() {
				since := start.AddDate(0, 0, rng.IntN(3650-90))
				country := string([]byte{byte('A' + rng.IntN(26)), byte('A' + rng.IntN(7))})
				target := fmt.Sprintf("/api/v1/%s?country=%s&since=%s&until=%s", ep, country,
					since.Format(time.DateOnly), since.AddDate(0, 0, 89).Format(time.DateOnly))
				rec := httptest.NewRecorder()
				t0 := time.Now()
				h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
				lat = append(lat, time.Since(t0))
				if rec.Code != 200 {
					b.Fatalf("%s: %d %s", target, rec.Code, rec.Body)
				}
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		})
	}
}
