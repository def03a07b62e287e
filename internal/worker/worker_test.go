package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/queue"
	"github.com/urodata/uro/internal/store"
)

// memStore is the part of store.Store a worker uses, in memory, until the
// SQLite store can stand in. fail, when set, fails Put for some documents.
type memStore struct {
	store.Store // the rest panics: a worker must not call it
	mu          sync.Mutex
	docs        map[string]*document.Document
	puts        map[string]int // Put calls per document id
	fail        func(*document.Document) error
	delay       time.Duration
}

func newMemStore() *memStore {
	return &memStore{docs: map[string]*document.Document{}, puts: map[string]int{}}
}

func (m *memStore) Put(ctx context.Context, doc *document.Document, _ store.Meta) (bool, error) {
	if doc.Text == nil {
		return false, errors.New("document without text")
	}
	if m.delay > 0 {
		time.Sleep(m.delay)
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.puts[doc.ID]++
	if m.fail != nil {
		if err := m.fail(doc); err != nil {
			return false, err
		}
	}
	if _, ok := m.docs[doc.ID]; ok {
		return false, nil
	}
	m.docs[doc.ID] = doc
	return true, nil
}

func (m *memStore) len() int { m.mu.Lock(); defer m.mu.Unlock(); return len(m.docs) }

func (m *memStore) has(id string) bool { m.mu.Lock(); defer m.mu.Unlock(); return m.docs[id] != nil }

func (m *memStore) putCount(id string) int { m.mu.Lock(); defer m.mu.Unlock(); return m.puts[id] }

var quiet = slog.New(slog.DiscardHandler)

func serve(t testing.TB) *queue.Server {
	t.Helper()
	s, err := queue.Serve(t.Context(), t.TempDir(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Shutdown)
	return s
}

func testConfig(url string) queue.Config {
	return queue.Config{
		URL: url, MaxAttempts: 3, Backoff: []time.Duration{20 * time.Millisecond},
		AckWait: time.Second, Timeout: 2 * time.Second, Logger: quiet,
	}
}

func open(t testing.TB, cfg queue.Config) *queue.Queue {
	t.Helper()
	q, err := queue.Open(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func extractor(t testing.TB) *extract.Extractor {
	t.Helper()
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// testArticle writes article i: Danish for even i, English for odd, each
// with its own figures so every text (and id) differs.
func testArticle(i int) *article.Article {
	var title, body, lang string
	if i%2 == 0 {
		lang = "da"
		title = fmt.Sprintf("%d anholdt efter uro i Aarhus", i)
		body = fmt.Sprintf("Østjyllands Politi anholdt natten til lørdag %d unge mænd efter flere timers uro i Gellerup. "+
			"Ifølge vagtchef Henrik Mølgaard blev %d betjente lettere såret af kasteskyts.", i, i%7+1)
	} else {
		lang = "en"
		title = fmt.Sprintf("Police arrest %d after clashes in Leeds", i)
		body = fmt.Sprintf("West Yorkshire Police arrested %d people on Saturday night after clashes outside a stadium in Leeds. "+
			"A spokesperson said %d officers were treated for minor injuries.", i, i%5+1)
	}
	return &article.Article{
		Title: title, Text: title + "\n\n" + body, Lang: lang,
		URL:       fmt.Sprintf("https://news.example/%s/%d", lang, i),
		Site:      "news.example",
		Published: time.Date(2025, 6, 14, 0, 0, 0, 0, time.UTC),
	}
}

func publish(t testing.TB, q *queue.Queue, from, n int) []string {
	t.Helper()
	ids := make([]string, 0, n)
	for i := from; i < from+n; i++ {
		a := testArticle(i)
		if err := q.Publish(t.Context(), a); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, document.ID(a.Text))
	}
	return ids
}

// runUntil runs a worker until done() or 20s, then stops it and returns its stats.
func runUntil(t *testing.T, q *queue.Queue, st store.Store, ex extractFunc, opt Options, done func() bool) Stats {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	type result struct {
		s   Stats
		err error
	}
	res := make(chan result, 1)
	if opt.Logger == nil {
		opt.Logger = quiet
	}
	if opt.Wait == 0 {
		opt.Wait = 200 * time.Millisecond
	}
	go func() {
		s, err := run(ctx, q, st, ex, opt)
		res <- result{s, err}
	}()
	deadline := time.Now().Add(20 * time.Second)
	for !done() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	r := <-res
	if r.err != nil {
		t.Fatalf("worker: %v", r.err)
	}
	if !done() {
		t.Fatalf("worker did not finish in 20s: %+v", r.s)
	}
	return r.s
}

func status(t testing.TB, q *queue.Queue) queue.Status {
	t.Helper()
	s, err := q.Status(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// drained reports whether the queue has nothing pending or in flight.
func drained(t testing.TB, q *queue.Queue) func() bool {
	return func() bool {
		s, err := q.Status(t.Context())
		return err == nil && s.Pending == 0 && s.InFlight == 0
	}
}

func TestRoundTrip(t *testing.T) {
	q := open(t, testConfig(serve(t).URL()))
	x := extractor(t)
	st := newMemStore()
	ids := publish(t, q, 0, 40)
	publish(t, q, 0, 10) // published again: no-ops
	s := runUntil(t, q, st, x.Extract, Options{Concurrency: 2, Batch: 8}, drained(t, q))
	if s.Stored != 40 || s.Duplicates != 0 || s.Retried != 0 || s.Parked != 0 {
		t.Errorf("stats = %+v, want 40 stored", s)
	}
	for i, id := range ids {
		if !st.has(id) {
			t.Fatalf("article %d (%s) not stored", i, id)
		}
		d := st.docs[id]
		a := testArticle(i)
		if *d.Text != a.Text || d.Language != a.Lang || d.Source.URL == nil || *d.Source.URL != a.URL {
			t.Errorf("article %d stored as %s %q", i, d.Language, *d.Text)
		}
		if d.Published == nil || *d.Published != "2025-06-14" {
			t.Errorf("article %d published = %v", i, d.Published)
		}
	}
	// Extraction really ran: the arrests are found.
	if d := st.docs[ids[4]]; len(d.Figures) == 0 {
		t.Errorf("no figures extracted from %q", *d.Text)
	}
	if st := status(t, q); st.Dead != 0 {
		t.Errorf("dead = %d", st.Dead)
	}
}

func TestFailingArticleParked(t *testing.T) {
	q := open(t, testConfig(serve(t).URL()))
	x := extractor(t)
	st := newMemStore()
	ids := publish(t, q, 0, 6)
	bad := ids[3]
	st.fail = func(d *document.Document) error {
		if d.ID == bad {
			return errors.New("disk I/O error")
		}
		return nil
	}
	s := runUntil(t, q, st, x.Extract, Options{Concurrency: 1}, drained(t, q))
	if s.Stored != 5 || s.Retried != 2 || s.Parked != 1 {
		t.Errorf("stats = %+v, want 5 stored, 2 retried, 1 parked", s)
	}
	if n := st.putCount(bad); n != 3 {
		t.Errorf("failing article tried %d times, want 3", n)
	}
	qs := status(t, q)
	if qs.Dead != 1 || len(qs.Failures) != 1 {
		t.Fatalf("status = %+v, want 1 dead", qs)
	}
	f := qs.Failures[0]
	if f.ID != bad || f.Attempts != 3 || f.Error != "store: disk I/O error" || f.URL != testArticle(3).URL {
		t.Errorf("failure = %+v", f)
	}
}

func TestPermanentParkedAtOnce(t *testing.T) {
	q := open(t, testConfig(serve(t).URL()))
	x := extractor(t)
	st := newMemStore()
	ids := publish(t, q, 0, 4)
	noPack := testArticle(99)
	noPack.Lang = "xx" // no language pack
	if err := q.Publish(t.Context(), noPack); err != nil {
		t.Fatal(err)
	}
	boom := testArticle(98)
	if err := q.Publish(t.Context(), boom); err != nil {
		t.Fatal(err)
	}
	// A panic Extract recovered itself comes back as an *InternalError.
	bug := testArticle(97)
	if err := q.Publish(t.Context(), bug); err != nil {
		t.Fatal(err)
	}
	ex := func(ctx context.Context, a *article.Article, o extract.Options) (*document.Document, error) {
		switch a.Text {
		case boom.Text:
			var m map[string]int
			m["boom"]++ // a bug in a layer
		case bug.Text:
			return nil, &extract.InternalError{Article: a.ID, Value: "index out of range [3] with length 2", Stack: []byte("goroutine 1 [running]:")}
		}
		return x.Extract(ctx, a, o)
	}
	s := runUntil(t, q, st, ex, Options{}, drained(t, q))
	if s.Stored != 4 || s.Parked != 3 || s.Retried != 0 {
		t.Errorf("stats = %+v, want 4 stored and 3 parked at once", s)
	}
	for _, id := range ids {
		if !st.has(id) {
			t.Errorf("%s not stored", id)
		}
	}
	qs := status(t, q)
	if qs.Dead != 3 {
		t.Fatalf("status = %+v", qs)
	}
	errs := map[string]queue.Failure{}
	for _, f := range qs.Failures {
		errs[f.ID] = f
	}
	if f := errs[document.ID(noPack.Text)]; f.Attempts != 1 || !strings.Contains(f.Error, "no language pack") {
		t.Errorf("no-pack failure = %+v", f)
	}
	if f := errs[document.ID(boom.Text)]; f.Attempts != 1 || !strings.Contains(f.Error, "panicked") {
		t.Errorf("panic failure = %+v", f)
	}
	if f := errs[document.ID(bug.Text)]; f.Attempts != 1 || !strings.Contains(f.Error, "panicked") || !strings.Contains(f.Error, "index out of range") {
		t.Errorf("recovered panic failure = %+v", f)
	}
}

// A worker killed mid-batch (connection gone, nothing acked): another
// worker gets its articles after AckWait and stores each once.
func TestKilledWorkerRedelivered(t *testing.T) {
	srv := serve(t)
	cfg := testConfig(srv.URL())
	q1 := open(t, cfg)
	ids := publish(t, q1, 0, 12)
	jobs, err := q1.Fetch(t.Context(), 8, time.Second)
	if err != nil || len(jobs) != 8 {
		t.Fatalf("fetched %d, %v", len(jobs), err)
	}
	q1.Close()

	q2 := open(t, cfg)
	st := newMemStore()
	s := runUntil(t, q2, st, extractor(t).Extract, Options{Concurrency: 2}, drained(t, q2))
	if s.Stored != 12 {
		t.Errorf("stats = %+v, want 12 stored", s)
	}
	for _, id := range ids {
		if n := st.putCount(id); n != 1 {
			t.Errorf("article %s put %d times, want 1", id, n)
		}
	}
}

// A slow article outlives AckWait: heartbeats keep it with its worker, so
// it is stored once and never handed to another.
func TestHeartbeatKeepsSlowArticle(t *testing.T) {
	cfg := testConfig(serve(t).URL())
	cfg.AckWait = 300 * time.Millisecond
	q := open(t, cfg)
	ids := publish(t, q, 0, 2)
	st := newMemStore()
	st.delay = 700 * time.Millisecond
	s := runUntil(t, q, st, extractor(t).Extract, Options{Concurrency: 1, Batch: 2, Heartbeat: 100 * time.Millisecond}, drained(t, q))
	if s.Stored != 2 || s.Retried != 0 {
		t.Errorf("stats = %+v", s)
	}
	for _, id := range ids {
		if n := st.putCount(id); n != 1 {
			t.Errorf("slow article put %d times, want 1", n)
		}
	}
}

// Stopping returns unstarted articles at once and lets started ones finish.
func TestGracefulStop(t *testing.T) {
	q := open(t, testConfig(serve(t).URL()))
	publish(t, q, 0, 20)
	st := newMemStore()
	st.delay = 50 * time.Millisecond
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(200*time.Millisecond, cancel)
	s, err := run(ctx, q, st, extractor(t).Extract, Options{Concurrency: 1, Batch: 20, Wait: time.Second, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	if s.Stored == 0 || s.Stored >= 20 || s.Retried != 0 || s.Parked != 0 {
		t.Fatalf("stats = %+v, want some stored and nothing failed", s)
	}
	// The rest were handed back: another worker gets them at once, well
	// before AckWait (1s) would have returned them.
	left := 20 - int(s.Stored)
	var got []*queue.Job
	for start := time.Now(); len(got) < left && time.Since(start) < 500*time.Millisecond; {
		jobs, err := q.Fetch(t.Context(), left, 100*time.Millisecond)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, jobs...)
	}
	if len(got) != left {
		t.Fatalf("after stop, %d articles came back at once, want %d", len(got), left)
	}
	for _, j := range got {
		if st.has(j.ID) {
			t.Errorf("stored article %s handed back", j.ID)
		}
	}
}

// The server restarts mid-run while a publisher and a worker are at work:
// every article ends stored exactly once.
func TestServerRestartMidRun(t *testing.T) {
	dir := t.TempDir()
	srv, err := queue.Serve(t.Context(), dir, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := strings.TrimPrefix(srv.URL(), "nats://")
	cfg := testConfig(srv.URL())
	cfg.MaxReconnectWait = 200 * time.Millisecond
	q := open(t, cfg)
	ids := publish(t, q, 0, 150)
	st := newMemStore()
	st.delay = 2 * time.Millisecond

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	type result struct {
		s   Stats
		err error
	}
	res := make(chan result, 1)
	go func() {
		s, err := run(ctx, q, st, extractor(t).Extract, Options{Concurrency: 2, Wait: 200 * time.Millisecond, Logger: quiet})
		res <- result{s, err}
	}()
	for st.len() < 40 {
		time.Sleep(5 * time.Millisecond)
	}
	if n := st.len(); n >= 150 {
		t.Fatalf("worker finished (%d stored) before the restart", n)
	}
	srv.Shutdown()
	pubDone := make(chan error, 1)
	go func() {
		for i := 150; i < 200; i++ {
			a := testArticle(i)
			if err := q.Publish(ctx, a); err != nil {
				pubDone <- err
				return
			}
		}
		pubDone <- nil
	}()
	time.Sleep(500 * time.Millisecond)
	srv, err = queue.Serve(t.Context(), dir, addr)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	if err := <-pubDone; err != nil {
		t.Fatal(err)
	}
	for i := 150; i < 200; i++ {
		ids = append(ids, document.ID(testArticle(i).Text))
	}
	deadline := time.Now().Add(30 * time.Second)
	for (st.len() < 200 || !drained(t, q)()) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	r := <-res
	if r.err != nil {
		t.Fatal(r.err)
	}
	if st.len() != 200 {
		t.Fatalf("stored %d of 200 (stats %+v)", st.len(), r.s)
	}
	for _, id := range ids {
		if !st.has(id) {
			t.Errorf("article %s lost", id)
		}
	}
	if r.s.Stored != 200 || r.s.Parked != 0 {
		t.Errorf("stats = %+v, want 200 stored (a repeat Put after a lost ack is allowed as a duplicate)", r.s)
	}
	if qs := status(t, q); qs.Pending != 0 || qs.InFlight != 0 || qs.Dead != 0 {
		t.Errorf("status = %+v, want empty", qs)
	}
}
