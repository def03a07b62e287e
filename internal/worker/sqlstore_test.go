package worker

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/urodata/uro/internal/store/sqlstore"
)

// Three workers, each with its own connection, share one queue and one
// SQLite store: every article is stored once and the store is consistent.
func TestWorkersIntoSQLite(t *testing.T) {
	srv := serve(t)
	cfg := testConfig(srv.URL())
	st, err := sqlstore.Open(t.Context(), filepath.Join(t.TempDir(), "uro.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pub := open(t, cfg)
	ids := publish(t, pub, 0, 60)
	publish(t, pub, 0, 60) // again: no-ops

	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	stats := make([]Stats, 3)
	x := extractor(t)
	for i := range stats {
		q := open(t, cfg)
		wg.Go(func() {
			s, err := Run(ctx, q, st, x, Options{Concurrency: 1, Batch: 4, Wait: 200 * time.Millisecond, Logger: quiet})
			if err != nil {
				t.Error(err)
			}
			stats[i] = s
		})
	}
	deadline := time.Now().Add(30 * time.Second)
	for !drained(t, pub)() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	var total Stats
	for _, s := range stats {
		total.Stored += s.Stored
		total.Duplicates += s.Duplicates
		total.Parked += s.Parked + s.Retried
	}
	if total.Stored != 60 || total.Duplicates != 0 || total.Parked != 0 {
		t.Errorf("stats = %+v (per worker %+v), want 60 stored", total, stats)
	}
	for _, id := range ids {
		ok, err := st.Has(t.Context(), id)
		if err != nil || !ok {
			t.Errorf("article %s stored = %v, %v", id, ok, err)
		}
	}
	problems, err := st.Check(t.Context())
	if err != nil || len(problems) > 0 {
		t.Errorf("store check: %v %v", problems, err)
	}
	if qs := status(t, pub); qs.Pending != 0 || qs.InFlight != 0 || qs.Dead != 0 {
		t.Errorf("queue status = %+v", qs)
	}
}
