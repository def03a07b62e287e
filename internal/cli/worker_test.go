package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/ingest/ingesttest"
	"github.com/urodata/uro/internal/queue"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/sqlstore"
)

func TestScaleOutUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"worker argument", []string{"worker", "--queue", "nats://127.0.0.1:1", "extra"}, []string{"unexpected argument", "extra"}},
		{"worker concurrency", []string{"worker", "--queue", "nats://127.0.0.1:1", "--concurrency", "-1"}, []string{"--concurrency"}},
		{"worker ack-wait", []string{"worker", "--queue", "nats://127.0.0.1:1", "--ack-wait", "0s"}, []string{"--ack-wait"}},
		{"worker no queue", []string{"worker"}, []string{"no queue"}},
		{"queue nothing", []string{"queue"}, []string{"serve, status"}},
		{"queue unknown", []string{"queue", "purge"}, []string{"purge"}},
		{"serve no dir", []string{"queue", "serve"}, []string{"--dir"}},
		{"serve bad addr", []string{"queue", "serve", "--dir", t.TempDir(), "--addr", "4222"}, []string{"--addr"}},
		{"status no queue", []string{"queue", "status"}, []string{"no queue"}},
		{"reprocess no since", []string{"reprocess", "--queue", "nats://127.0.0.1:1"}, []string{"--since"}},
		{"reprocess bad since", []string{"reprocess", "--since", "1/2/2025", "--queue", "nats://127.0.0.1:1"}, []string{"--since", "YYYY-MM-DD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("URO_QUEUE", "")
			code, _, stderr := run(t, "", tt.args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2; stderr %q", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not mention %q", stderr, w)
				}
			}
		})
	}
}

func TestScaleOutHelp(t *testing.T) {
	for _, c := range []string{"worker", "queue", "reprocess"} {
		code, out, _ := run(t, "", "help", c)
		if code != 0 {
			t.Fatalf("help %s: exit %d", c, code)
		}
		blocks := strings.Split(out[strings.Index(out, "Flags:"):strings.Index(out, "Examples:")], "\n  --")
		if len(blocks) < 2 {
			t.Fatalf("help %s lists no flags:\n%s", c, out)
		}
		for _, b := range blocks[1:] {
			if !strings.Contains(b, "Example:") {
				t.Errorf("help %s: flag --%s has no example", c, b)
			}
		}
	}
	_, out, _ := run(t, "", "help")
	if !strings.Contains(out, "worker") || strings.Index(out, "  reprocess") > strings.Index(out, "  help") {
		t.Errorf("overview does not list the scale-out commands before help:\n%s", out)
	}
}

func TestMaskSecrets(t *testing.T) {
	tests := []struct{ msg, raw, want string }{
		{"dial postgres://u:pw1@h/db: refused", "postgres://u:pw1@h/db", "dial postgres://u:xxxxx@h/db: refused"},
		{"auth failed for pw1", "postgres://u:pw1@h/db", "auth failed for xxxxx"},
		{"connect nats://a:x@h1,nats://b:y@h2", "nats://a:x@h1,nats://b:y@h2", "connect nats://a:xxxxx@h1,nats://b:xxxxx@h2"},
		{"open store ./uro.db: bad", "./uro.db", "open store ./uro.db: bad"},
		{"nats://h:4222 refused", "nats://h:4222", "nats://h:4222 refused"},
	}
	for _, tt := range tests {
		if got := maskSecrets(tt.msg, tt.raw); got != tt.want {
			t.Errorf("maskSecrets(%q, %q) = %q, want %q", tt.msg, tt.raw, got, tt.want)
		}
	}
}

func TestPackVersion(t *testing.T) {
	fsys := fstest.MapFS{"da/a.tsv": {Data: []byte("x\n")}, "en/b.txt": {Data: []byte("y\n")}}
	v1, err := packVersion(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if v2, _ := packVersion(fsys); v2 != v1 {
		t.Errorf("version changed without a change: %s, %s", v1, v2)
	}
	fsys["en/b.txt"] = &fstest.MapFile{Data: []byte("y\nz\n")}
	if v3, _ := packVersion(fsys); v3 == v1 {
		t.Errorf("version %s did not change with the packs", v1)
	}
	fsys["sv/c.tsv"] = &fstest.MapFile{Data: []byte("")}
	if v4, _ := packVersion(fsys); v4 == v1 {
		t.Errorf("version did not change when a pack was added")
	}
}

// queueStatus runs `uro queue status --json`.
func queueStatus(t *testing.T, url string) statusJSON {
	t.Helper()
	code, out, stderr := run(t, "", "queue", "status", "--queue", url, "--json")
	if code != 0 {
		t.Fatalf("queue status: exit %d: %s", code, stderr)
	}
	var s statusJSON
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("queue status --json: %v: %q", err, out)
	}
	return s
}

// runWorkerUntilDrained runs `uro worker` in this process until the queue
// has nothing pending or in flight, then stops it as SIGINT would.
func runWorkerUntilDrained(t *testing.T, url, db string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"worker", "--queue", url, "--db", db, "--ack-wait", "5s"}, strings.NewReader(""), &bytes.Buffer{}, &errb)
	}()
	for deadline := time.Now().Add(60 * time.Second); ; {
		s := queueStatus(t, url)
		if s.Pending == 0 && s.InFlight == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue not drained: %+v", s)
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("worker exit %d: %s", code, errb.String())
	}
	return errb.String()
}

// TestIngestQueueWorkerReprocess runs the whole path in this process:
// ingest --queue publishes (and stores nothing), a worker stores, status
// shows the queue empty, reprocess queues everything once per generation.
func TestIngestQueueWorkerReprocess(t *testing.T) {
	srv, err := queue.Serve(t.Context(), t.TempDir(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	if _, err := ingesttest.Corpus(src, 12); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "c.db")

	code, _, stderr := run(t, "", "ingest", "--queue", srv.URL(), "--db", db, src)
	if code != 0 {
		t.Fatalf("ingest --queue: exit %d: %s", code, stderr)
	}
	if s := queueStatus(t, srv.URL()); s.Pending != 12 {
		t.Fatalf("after ingest --queue: %+v, want 12 pending", s)
	}
	st, err := sqlstore.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if ids := articleIDs(t, st); len(ids) != 0 {
		t.Fatalf("ingest --queue stored %d articles itself", len(ids))
	}
	// Publishing the same sources again queues nothing new.
	if code, _, stderr := run(t, "", "ingest", "--queue", srv.URL(), "--db", db, src); code != 0 {
		t.Fatalf("second ingest --queue: exit %d: %s", code, stderr)
	}
	if s := queueStatus(t, srv.URL()); s.Pending != 12 {
		t.Fatalf("after a second ingest --queue: %+v, want still 12 pending", s)
	}

	log := runWorkerUntilDrained(t, srv.URL(), db)
	if !strings.Contains(log, "uro worker: stored 12, duplicates 0, retried 0, parked 0") {
		t.Errorf("worker summary:\n%s", log)
	}
	if ids := articleIDs(t, st); len(ids) != 12 {
		t.Fatalf("store has %d articles after the worker, want 12", len(ids))
	}

	for i, want := range []string{"queued 12 articles (generation g1)", "queued 12 articles (generation g1)"} {
		code, _, stderr := run(t, "", "reprocess", "--since", "2000-01-01", "--generation", "g1", "--queue", srv.URL(), "--db", db)
		if code != 0 || !strings.Contains(stderr, want) {
			t.Fatalf("reprocess run %d: exit %d: %s", i+1, code, stderr)
		}
		// The second run with the same generation is deduplicated.
		if s := queueStatus(t, srv.URL()); s.Pending != 12 {
			t.Fatalf("after reprocess run %d: %+v, want 12 pending", i+1, s)
		}
	}
	if _, _, stderr := run(t, "", "reprocess", "--since", "2999-01-01", "--generation", "g2", "--queue", srv.URL(), "--db", db); !strings.Contains(stderr, "queued 0 articles") {
		t.Errorf("reprocess of the future: %s", stderr)
	}

	runWorkerUntilDrained(t, srv.URL(), db)
	s := queueStatus(t, srv.URL())
	if _, canReplace := any(st).(interface {
		Replace(context.Context, *document.Document, store.Meta) error
	}); canReplace {
		if s.Dead != 0 {
			t.Errorf("reprocessed articles parked: %+v", s)
		}
	} else if s.Dead != 12 || len(s.Failures) == 0 || !strings.Contains(s.Failures[0].Error, "cannot replace") {
		// Until the store can replace, the worker parks them with a clear error.
		t.Errorf("reprocess on a store without Replace: %+v", s)
	}
	if ids := articleIDs(t, st); len(ids) != 12 {
		t.Errorf("store has %d articles after reprocessing, want 12", len(ids))
	}
}

func articleIDs(t *testing.T, st *sqlstore.DB) []string {
	t.Helper()
	page, err := st.Articles(t.Context(), store.Filter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range page.Items {
		ids = append(ids, r.ID)
	}
	return ids
}

// FuzzMaskSecrets: whatever the message, a URL with its password never
// comes out whole.
func FuzzMaskSecrets(f *testing.F) {
	f.Add("connect to nats://uro:s3cret@h:4222: refused", "uro", "s3cret")
	f.Add("", "", "abc")
	f.Add("pw=xyz postgres://a:xyz@db/uro", "a", "xyz")
	f.Fuzz(func(t *testing.T, msg, user, pw string) {
		if len(pw) < 3 || strings.Contains("xxxxx", pw) {
			return
		}
		raw := "nats://" + url.UserPassword(user, pw).String() + "@h:4222"
		u, err := url.Parse(raw)
		if err != nil || u.User == nil {
			return
		}
		if p, _ := u.User.Password(); p != pw || strings.Contains(u.Redacted(), pw) {
			return
		}
		got := maskSecrets(msg+raw+msg, raw)
		if strings.Contains(got, raw) {
			t.Errorf("maskSecrets kept %q in %q", raw, got)
		}
	})
}
