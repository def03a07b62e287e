package scaleout

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/sqlstore"
)

func corpus(t testing.TB, n int) []*article.Article {
	t.Helper()
	pb, err := loadPhrasebook("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return pb.generate(n, 7)
}

// TestScaleOut is issue 7's end-to-end test: 3 worker processes share the
// queue and the store, one is killed mid-run, and the result is what one
// process makes of the same corpus.
func TestScaleOut(t *testing.T) {
	n := 5000
	if testing.Short() {
		n = 600
	}
	arts := corpus(t, n)
	uro(t) // build before the clock matters
	srv := serveQueue(t, t.TempDir(), "127.0.0.1:0")
	q := openQueue(t, srv.URL())
	dsn := storeDSN(t)
	st := openStore(t, dsn) // creates the schema before the workers race to

	start := time.Now()
	publishAll(t, q, arts)
	t.Logf("published %d articles in %v", n, time.Since(start).Round(time.Millisecond))

	start = time.Now()
	var ws []*proc
	for range 3 {
		ws = append(ws, startWorker(t, srv.URL(), dsn, "--concurrency", "2"))
	}
	waitPending(t, q, uint64(n*6/10), 2*time.Minute)
	ws[0].kill(t)
	t.Logf("killed worker 1 with SIGKILL after %v", time.Since(start).Round(time.Millisecond))
	waitDrained(t, q, 3*time.Minute, ws[1:]...)
	elapsed := time.Since(start)
	total := 0
	for i, w := range ws[1:] {
		s := w.stop(t)
		t.Logf("worker %d: %+v", i+2, s)
		if s.parked != 0 {
			t.Errorf("worker %d parked %d articles:\n%s", i+2, s.parked, w.output())
		}
		total += s.stored
	}
	t.Logf("%d articles through 3 workers (one killed) in %v: %.0f articles/s", n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds())
	if total == 0 || total >= n {
		t.Errorf("surviving workers stored %d articles, want 1..%d (the killed one must have stored some)", total, n-1)
	}

	// Every article stored exactly once.
	ids := storedIDs(t, st)
	if len(ids) != n {
		t.Errorf("store has %d articles, want %d", len(ids), n)
	}
	for _, a := range arts {
		if id := document.ID(a.Text); !ids[id] {
			t.Errorf("article %s (%s) is not stored", id, a.URL)
		}
	}
	problems, err := st.Check(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("store.Check: %s", p)
	}

	// Nothing pending, unacked or dead, as `uro queue status` says it.
	code, out, errOut := runUro(t, "queue", "status", "--queue", srv.URL(), "--json")
	if code != 0 {
		t.Fatalf("uro queue status: exit %d: %s", code, errOut)
	}
	var status struct {
		Pending, InFlight, Dead int
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("uro queue status --json: %v: %q", err, out)
	}
	status.Pending, status.InFlight, status.Dead = int(raw["pending"].(float64)), int(raw["in_flight"].(float64)), int(raw["dead"].(float64))
	if status.Pending != 0 || status.InFlight != 0 || status.Dead != 0 {
		t.Errorf("uro queue status: %s, want nothing pending, in flight or dead", out)
	}

	// The incidents are those of a single process.
	start = time.Now()
	want := incidentSet(t, referenceStore(t, arts))
	t.Logf("single-process reference run in %v", time.Since(start).Round(time.Millisecond))
	got := incidentSet(t, st)
	compareIncidents(t, got, want)
}

// referenceStore extracts and stores arts in this process, one after
// another, as one worker would, into a fresh SQLite store.
func referenceStore(t testing.TB, arts []*article.Article) store.Store {
	t.Helper()
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlstore.Open(t.Context(), t.TempDir()+"/reference.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	const batch = 64
	var docs []*document.Document
	flush := func() {
		if _, err := st.PutMany(t.Context(), docs, store.Meta{}); err != nil {
			t.Fatal(err)
		}
		docs = docs[:0]
	}
	for _, a := range arts {
		doc, err := x.Extract(context.Background(), a, extract.Options{IncludeText: true})
		if err != nil {
			t.Fatalf("extract %s: %v", a.URL, err)
		}
		if docs = append(docs, doc); len(docs) == batch {
			flush()
		}
	}
	flush()
	return st
}

// incidentSet maps each incident's sorted event keys to its reconciled
// figures: what must not depend on which worker stored what, or when.
func incidentSet(t testing.TB, st store.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	f := store.Filter{Limit: 1000}
	for {
		page, err := st.Incidents(t.Context(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, inc := range page.Items {
			events := slices.Clone(inc.Events)
			slices.Sort(events)
			var figs []string
			for _, r := range inc.Figures {
				max := "open"
				if r.Max != nil {
					max = fmt.Sprint(*r.Max)
				}
				figs = append(figs, fmt.Sprintf("%s=%d[%d,%s]x%d", r.Kind, r.Value, r.Min, max, len(r.Claims)))
			}
			slices.Sort(figs)
			key := strings.Join(events, ",")
			if _, dup := out[key]; dup {
				t.Errorf("two incidents with the events %s", key)
			}
			out[key] = inc.Type + " " + strings.Join(figs, " ")
		}
		if page.Next == "" {
			return out
		}
		f.Cursor = page.Next
	}
}

func compareIncidents(t testing.TB, got, want map[string]string) {
	t.Helper()
	if len(want) == 0 {
		t.Fatal("the reference run has no incidents: the corpus tests nothing")
	}
	bad := 0
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			t.Errorf("incident of %s (%s) is missing", k, w)
		case g != w:
			t.Errorf("incident of %s: figures %q, want %q", k, g, w)
		default:
			continue
		}
		if bad++; bad >= 10 {
			t.Fatalf("… and more; %d incidents, want %d", len(got), len(want))
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("incident of %s (%s) is not in the single-process run", k, g)
		}
	}
	t.Logf("%d incidents, as in the single-process run", len(want))
}
