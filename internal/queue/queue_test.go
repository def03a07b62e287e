package queue

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
)

// serve starts an embedded server for one test.
func serve(t testing.TB) *Server {
	t.Helper()
	s, err := Serve(t.Context(), t.TempDir(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Shutdown)
	return s
}

// testConfig retries fast so tests see every attempt in well under a second.
func testConfig(url string) Config {
	return Config{
		URL:         url,
		MaxAttempts: 3,
		Backoff:     []time.Duration{20 * time.Millisecond},
		AckWait:     time.Second,
		Timeout:     2 * time.Second,
		Logger:      slog.New(slog.DiscardHandler),
	}
}

func open(t testing.TB, cfg Config) *Queue {
	t.Helper()
	q, err := Open(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func testArticle(i int) *article.Article {
	text := fmt.Sprintf("Politiet anholdt %d demonstranter i Aarhus\n\nPolitiet i Østjyllands Politikreds anholdt tirsdag aften %d personer i forbindelse med en demonstration på Bispetorvet, oplyser vagtchefen.", i, i)
	return &article.Article{
		Title: fmt.Sprintf("Politiet anholdt %d demonstranter i Aarhus", i), Text: text,
		URL: fmt.Sprintf("https://example.dk/nyheder/%d", i), Site: "example.dk",
		Published: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), Lang: "da",
	}
}

func status(t testing.TB, q *Queue) Status {
	t.Helper()
	s, err := q.Status(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func fetch(t testing.TB, q *Queue, n int, wait time.Duration) []*Job {
	t.Helper()
	jobs, err := q.Fetch(t.Context(), n, wait)
	if err != nil {
		t.Fatal(err)
	}
	return jobs
}

func TestEnvelopeRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		a    *article.Article
	}{
		{"full", testArticle(7)},
		{"text only", &article.Article{Text: "Storm over Fyn\n\nVinden væltede træer natten til søndag."}},
		{"unicode", &article.Article{Text: "Ærø: 3 såret\n\n“Det var slemt,” siger en beboer.", Author: "Jens Ø"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, data, err := encode(tt.a)
			if err != nil {
				t.Fatal(err)
			}
			if want := document.ID(tt.a.Text); id != want {
				t.Errorf("id = %s, want %s", id, want)
			}
			gotID, got, err := decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if gotID != id {
				t.Errorf("decoded id = %s, want %s", gotID, id)
			}
			if got.Text != tt.a.Text || got.Title != tt.a.Title || got.URL != tt.a.URL || got.Site != tt.a.Site ||
				got.Lang != tt.a.Lang || got.Path != tt.a.Path || got.Author != tt.a.Author || !got.Published.Equal(tt.a.Published) {
				t.Errorf("decoded %+v\nwant %+v", got, tt.a)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"not json", "hello", "decode work message"},
		{"no text", `{"v":1,"title":"x"}`, "no text"},
		{"version", `{"v":2,"text":"x"}`, "envelope version 2"},
		{"forged id", `{"v":1,"id":"0000000000000000","text":"x"}`, "does not match"},
		{"bad date", `{"v":1,"text":"x","published":"5 March"}`, "published"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := decode([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("decode(%q) error = %v, want it to mention %q", tt.data, err, tt.want)
			}
		})
	}
	if _, _, err := encode(&article.Article{}); err == nil {
		t.Error("encode of an article without text succeeded")
	}
}

func FuzzDecode(f *testing.F) {
	_, data, _ := encode(testArticle(1))
	f.Add(data)
	f.Add([]byte(`{"v":1,"text":"x","published":"2024-02-30"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		id, a, err := decode(data)
		if err != nil {
			return
		}
		// Whatever decodes must survive another round unchanged.
		id2, data2, err := encode(a)
		if err != nil || id2 != id {
			t.Fatalf("re-encode: id %s vs %s, err %v", id2, id, err)
		}
		_, b, err := decode(data2)
		if err != nil || b.Text != a.Text || !b.Published.Equal(a.Published) {
			t.Fatalf("second round changed the article: %v", err)
		}
	})
}

func TestOpenUnreachable(t *testing.T) {
	// A port that was free a moment ago: nothing listens there.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	url := "nats://uro:secret@" + addr
	_, err = Open(t.Context(), testConfig(url))
	if err == nil {
		t.Fatal("Open of an unreachable server succeeded")
	}
	msg := err.Error()
	for _, want := range []string{addr, "connection refused"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not mention %q", msg, want)
		}
	}
	if strings.Contains(msg, "secret") {
		t.Errorf("error %q shows the password", msg)
	}
}

func TestServeBadAddr(t *testing.T) {
	s := serve(t)
	host := strings.TrimPrefix(s.URL(), "nats://")
	_, err := Serve(t.Context(), t.TempDir(), host)
	if err == nil {
		t.Fatalf("second server on %s started", host)
	}
	if !strings.Contains(err.Error(), "address already in use") {
		t.Errorf("error %q does not say why", err)
	}
	for _, addr := range []string{"nocolon", "127.0.0.1:http"} {
		if _, err := Serve(t.Context(), t.TempDir(), addr); err == nil {
			t.Errorf("Serve on %q succeeded", addr)
		}
	}
	if _, err := Serve(t.Context(), "", "127.0.0.1:0"); err == nil {
		t.Error("Serve without a directory succeeded")
	}
}

func TestPublishDuplicate(t *testing.T) {
	q := open(t, testConfig(serve(t).URL()))
	a := testArticle(1)
	same := *a
	same.URL = "https://mirror.example.com/1" // same text elsewhere: same article
	for _, x := range []*article.Article{a, a, &same, testArticle(2)} {
		if err := q.Publish(t.Context(), x); err != nil {
			t.Fatal(err)
		}
	}
	if s := status(t, q); s.Pending != 2 {
		t.Fatalf("pending = %d after publishing 2 distinct texts 4 times, want 2", s.Pending)
	}
	jobs := fetch(t, q, 10, 500*time.Millisecond)
	if len(jobs) != 2 {
		t.Fatalf("fetched %d jobs, want 2", len(jobs))
	}
	if jobs[0].ID != document.ID(a.Text) || jobs[0].Article.URL != a.URL || jobs[0].Attempt != 1 {
		t.Errorf("first job = %s %s attempt %d", jobs[0].ID, jobs[0].Article.URL, jobs[0].Attempt)
	}
	for _, j := range jobs {
		if err := j.Ack(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	// Acked work leaves the stream; a re-publish inside the window stays a no-op.
	if err := q.Publish(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	if s := status(t, q); s.Pending != 0 || s.InFlight != 0 {
		t.Fatalf("status after ack and re-publish = %+v, want nothing pending", s)
	}
}

func TestRetryThenPark(t *testing.T) {
	q := open(t, testConfig(serve(t).URL()))
	a := testArticle(3)
	if err := q.Publish(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	cause := errors.New("store: database is locked")
	for attempt := 1; attempt <= 3; attempt++ {
		jobs := fetch(t, q, 1, 2*time.Second)
		if len(jobs) != 1 {
			t.Fatalf("attempt %d: fetched %d jobs", attempt, len(jobs))
		}
		j := jobs[0]
		if j.Attempt != attempt || j.Last() != (attempt == 3) {
			t.Fatalf("job attempt = %d last = %v, want %d", j.Attempt, j.Last(), attempt)
		}
		parked, err := j.Retry(t.Context(), cause)
		if err != nil {
			t.Fatal(err)
		}
		if parked != (attempt == 3) {
			t.Fatalf("attempt %d: parked = %v", attempt, parked)
		}
		if attempt == 1 {
			if s := status(t, q); s.InFlight != 1 || s.Dead != 0 {
				t.Errorf("status while waiting for retry = %+v", s)
			}
		}
	}
	s := status(t, q)
	if s.Dead != 1 || s.Pending != 0 || s.InFlight != 0 || len(s.Failures) != 1 {
		t.Fatalf("status after last attempt = %+v, want 1 dead and nothing else", s)
	}
	f := s.Failures[0]
	if f.ID != document.ID(a.Text) || f.URL != a.URL || f.Attempts != 3 || f.Error != cause.Error() || f.At.IsZero() {
		t.Errorf("failure = %+v", f)
	}
	if jobs := fetch(t, q, 1, 200*time.Millisecond); len(jobs) != 0 {
		t.Errorf("parked article delivered again")
	}
}

func TestParkNow(t *testing.T) {
	q := open(t, testConfig(serve(t).URL()))
	for i := range 3 {
		if err := q.Publish(t.Context(), testArticle(10+i)); err != nil {
			t.Fatal(err)
		}
	}
	jobs := fetch(t, q, 3, time.Second)
	if len(jobs) != 3 {
		t.Fatalf("fetched %d", len(jobs))
	}
	for i, j := range jobs {
		if err := j.Park(t.Context(), fmt.Errorf("no pack for article %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	s := status(t, q)
	if s.Dead != 3 || len(s.Failures) != 3 {
		t.Fatalf("status = %+v, want 3 dead", s)
	}
	// Newest first.
	if s.Failures[0].Error != "no pack for article 2" || s.Failures[2].Error != "no pack for article 0" || s.Failures[0].Attempts != 1 {
		t.Errorf("failures = %+v", s.Failures)
	}
}

func TestUndecodableParked(t *testing.T) {
	srv := serve(t)
	q := open(t, testConfig(srv.URL()))
	nc, err := nats.Connect(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	// Someone else's message on uro's subject.
	if _, err := nc.Request(WorkSubject, []byte("not an article"), 2*time.Second); err != nil {
		t.Fatal(err)
	}
	if jobs := fetch(t, q, 5, 500*time.Millisecond); len(jobs) != 0 {
		t.Fatalf("fetched %d jobs from an undecodable message", len(jobs))
	}
	s := status(t, q)
	if s.Dead != 1 || len(s.Failures) != 1 || !strings.Contains(s.Failures[0].Error, "decode work message") {
		t.Fatalf("status = %+v, want the message parked with its decode error", s)
	}
}

// A worker that dies on an article every time (no ack, no nak) must not
// strand it: after MaxAttempts deliveries it is parked.
func TestNoOutcomeParked(t *testing.T) {
	cfg := testConfig(serve(t).URL())
	cfg.MaxAttempts = 2
	cfg.AckWait = 300 * time.Millisecond
	q := open(t, cfg)
	if err := q.Publish(t.Context(), testArticle(4)); err != nil {
		t.Fatal(err)
	}
	for attempt := 1; attempt <= 2; attempt++ {
		jobs := fetch(t, q, 1, 2*time.Second)
		if len(jobs) != 1 || jobs[0].Attempt != attempt {
			t.Fatalf("attempt %d: got %d jobs", attempt, len(jobs))
		}
		// Dropped: as if the worker was killed.
	}
	if jobs := fetch(t, q, 1, 2*time.Second); len(jobs) != 0 {
		t.Fatalf("third delivery returned as a job")
	}
	s := status(t, q)
	if s.Dead != 1 || !strings.Contains(s.Failures[0].Error, "no outcome after 2 deliveries") {
		t.Fatalf("status = %+v", s)
	}
}

// A consumer that goes away mid-batch without acking: its articles go to
// the next consumer after AckWait.
func TestRedeliveredAfterConsumerDies(t *testing.T) {
	srv := serve(t)
	cfg := testConfig(srv.URL())
	q1 := open(t, cfg)
	for i := range 5 {
		if err := q1.Publish(t.Context(), testArticle(20+i)); err != nil {
			t.Fatal(err)
		}
	}
	got := fetch(t, q1, 5, time.Second)
	if len(got) != 5 {
		t.Fatalf("first consumer fetched %d", len(got))
	}
	if err := got[0].Ack(t.Context()); err != nil {
		t.Fatal(err)
	}
	q1.Close()

	q2 := open(t, cfg)
	if s := status(t, q2); s.InFlight != 4 {
		t.Errorf("in flight after the consumer died = %d, want 4", s.InFlight)
	}
	seen := map[string]bool{}
	deadline := time.Now().Add(5 * time.Second)
	for len(seen) < 4 && time.Now().Before(deadline) {
		for _, j := range fetch(t, q2, 5, time.Second) {
			if j.Attempt != 2 {
				t.Errorf("redelivered job attempt = %d, want 2", j.Attempt)
			}
			if j.ID == got[0].ID {
				t.Errorf("acked article %s delivered again", j.ID)
			}
			seen[j.ID] = true
			if err := j.Ack(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(seen) != 4 {
		t.Fatalf("second consumer got %d of the 4 unacked articles", len(seen))
	}
	if s := status(t, q2); s.Pending != 0 || s.InFlight != 0 || s.Dead != 0 {
		t.Errorf("status = %+v, want empty", s)
	}
}

// A server restarted on the same store keeps what was published, and a
// publisher running across the restart loses nothing.
func TestServerRestart(t *testing.T) {
	dir := t.TempDir()
	srv, err := Serve(t.Context(), dir, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := strings.TrimPrefix(srv.URL(), "nats://")
	var logs syncBuffer
	cfg := testConfig(srv.URL())
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	q := open(t, cfg)
	for i := range 10 {
		if err := q.Publish(t.Context(), testArticle(100+i)); err != nil {
			t.Fatal(err)
		}
	}
	srv.Shutdown()
	done := make(chan error, 1)
	go func() {
		// Published while the server is down: retried until it is back.
		for i := range 10 {
			if err := q.Publish(t.Context(), testArticle(200+i)); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	time.Sleep(300 * time.Millisecond)
	srv, err = Serve(t.Context(), dir, addr)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if s := status(t, q); s.Pending != 20 {
		t.Fatalf("pending after restart = %d, want 20", s.Pending)
	}
	for _, want := range []string{"queue: disconnected, reconnecting", "queue: reconnected"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log does not say %q:\n%s", want, logs.String())
		}
	}
}

// syncBuffer is a log sink that the connection's goroutines may share.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func TestOpenWithoutJetStream(t *testing.T) {
	ns, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: server.RANDOM_PORT, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go ns.Start()
	defer ns.Shutdown()
	if !ns.ReadyForConnections(5 * time.Second) {
		t.Fatal("server not ready")
	}
	_, err = Open(t.Context(), testConfig(ns.ClientURL()))
	if err == nil || !strings.Contains(err.Error(), "JetStream is not enabled") || !strings.Contains(err.Error(), ns.ClientURL()) {
		t.Fatalf("Open on a server without JetStream: %v", err)
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		attempt int
		want    time.Duration
	}{{0, 100 * time.Millisecond}, {1, 200 * time.Millisecond}, {3, 800 * time.Millisecond}, {10, 5 * time.Second}, {1000, 5 * time.Second}}
	for _, tt := range tests {
		if got := backoff(tt.attempt, 100*time.Millisecond, 5*time.Second); got != tt.want {
			t.Errorf("backoff(%d) = %v, want %v", tt.attempt, got, tt.want)
		}
	}
}

func BenchmarkPublish(b *testing.B) {
	q := open(b, testConfig(serve(b).URL()))
	arts := make([]*article.Article, b.N)
	for i := range arts {
		arts[i] = testArticle(i)
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := range b.N {
		if err := q.Publish(b.Context(), arts[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	// Client and embedded server share this process: CPU per article is
	// steadier than wall time on a shared machine.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-µs/article")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
