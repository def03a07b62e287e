package scaleout

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/queue"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/sqlstore"
)

var quiet = slog.New(slog.DiscardHandler)

// The uro binary is built once, on first use, into binDir.
var (
	binDir   string
	binOnce  sync.Once
	binPath  string
	binError error
)

func TestMain(m *testing.M) {
	slog.SetDefault(quiet) // the embedded NATS server's chatter
	var err error
	if binDir, err = os.MkdirTemp("", "uro-scaleout-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(binDir)
	os.Exit(code)
}

// uro returns the path of a uro binary built from this checkout.
func uro(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		p := filepath.Join(binDir, "uro")
		out, err := exec.Command("go", "build", "-o", p, "github.com/urodata/uro/cmd/uro").CombinedOutput()
		if err != nil {
			binError = fmt.Errorf("build uro: %v\n%s", err, out)
			return
		}
		binPath = p
	})
	if binError != nil {
		t.Fatal(binError)
	}
	return binPath
}

// runUro runs uro to the end and returns its exit code, stdout and stderr.
func runUro(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(uro(t), args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String(), errb.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), out.String(), errb.String()
	}
	t.Fatalf("run uro %v: %v", args, err)
	return 0, "", ""
}

// proc is a running `uro worker`.
type proc struct {
	cmd  *exec.Cmd
	log  string // path of its standard error
	done chan struct{}
	err  error
}

func startWorker(t testing.TB, qurl, dsn string, extra ...string) *proc {
	t.Helper()
	logf, err := os.CreateTemp(t.TempDir(), "worker-*.log")
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"worker", "--queue", qurl, "--db", dsn, "--ack-wait", "5s"}, extra...)
	cmd := exec.Command(uro(t), args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, log: logf.Name(), done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		logf.Close()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// output is what the worker logged so far.
func (p *proc) output() string {
	b, _ := os.ReadFile(p.log)
	return string(b)
}

// waitStarted waits until the worker has its store and queue open.
func (p *proc) waitStarted(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !bytes.Contains([]byte(p.output()), []byte("worker: started")) {
		select {
		case <-p.done:
			t.Fatalf("worker exited at start: %v\n%s", p.err, p.output())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("worker not started after 30s:\n%s", p.output())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop sends SIGTERM and waits for the exit; it fails the test unless the
// worker exits 0, and returns how many articles the worker stored.
func (p *proc) stop(t testing.TB) workerStats {
	t.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(40 * time.Second):
		t.Fatalf("worker did not stop within 40s of SIGTERM:\n%s", p.output())
	}
	if p.err != nil {
		t.Fatalf("worker exited with %v:\n%s", p.err, p.output())
	}
	s, ok := parseStats(p.output())
	if !ok {
		t.Fatalf("worker printed no summary:\n%s", p.output())
	}
	return s
}

// kill ends the worker with SIGKILL: no chance to finish or give back.
func (p *proc) kill(t testing.TB) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-p.done
}

type workerStats struct{ stored, dups, retried, parked int }

var statsLine = regexp.MustCompile(`uro worker: stored (\d+), duplicates (\d+), retried (\d+), parked (\d+)`)

func parseStats(log string) (workerStats, bool) {
	m := statsLine.FindStringSubmatch(log)
	if m == nil {
		return workerStats{}, false
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	return workerStats{n(m[1]), n(m[2]), n(m[3]), n(m[4])}, true
}

// storeDSN names a fresh, empty store: a new database on the PostgreSQL
// server of URO_TEST_POSTGRES when set, otherwise a SQLite file.
func storeDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv("URO_TEST_POSTGRES")
	if base == "" {
		return filepath.Join(t.TempDir(), "uro.db")
	}
	admin := func(ctx context.Context, stmt string) error {
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			return err
		}
		defer c.Close(ctx)
		_, err = c.Exec(ctx, stmt)
		return err
	}
	name := fmt.Sprintf("uro_scaleout_%d_%d", os.Getpid(), time.Now().UnixNano())
	if err := admin(t.Context(), "CREATE DATABASE "+name); err != nil {
		t.Fatalf("URO_TEST_POSTGRES: create database: %v", err)
	}
	t.Cleanup(func() { _ = admin(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("URO_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

func openStore(t testing.TB, dsn string) store.Store {
	t.Helper()
	st, err := sqlstore.Open(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func serveQueue(t testing.TB, dir, addr string) *queue.Server {
	t.Helper()
	s, err := queue.Serve(t.Context(), dir, addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Shutdown)
	return s
}

// queueConfig matches the workers' --ack-wait 5s, so that opening the
// queue from the test does not change the consumer under them.
func queueConfig(u string) queue.Config {
	return queue.Config{URL: u, AckWait: 5 * time.Second, Logger: quiet}
}

func openQueue(t testing.TB, u string) *queue.Queue {
	t.Helper()
	q, err := queue.Open(t.Context(), queueConfig(u))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func publishAll(t testing.TB, q *queue.Queue, arts []*article.Article) {
	t.Helper()
	for _, a := range arts {
		if err := q.Publish(t.Context(), a); err != nil {
			t.Fatal(err)
		}
	}
}

// waitDrained waits until every published article was taken and acked.
func waitDrained(t testing.TB, q *queue.Queue, within time.Duration, procs ...*proc) queue.Status {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		s, err := q.Status(t.Context())
		if err == nil && s.Pending == 0 && s.InFlight == 0 {
			return s
		}
		for _, p := range procs {
			select {
			case <-p.done:
				t.Fatalf("a worker exited early (%v):\n%s", p.err, p.output())
			default:
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue not drained after %v: %+v (err %v)", within, s, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitPending waits until at most n articles are still pending.
func waitPending(t testing.TB, q *queue.Queue, n uint64, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		s, err := q.Status(t.Context())
		if err == nil && s.Pending <= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("still more than %d pending after %v: %+v (err %v)", n, within, s, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// storedIDs lists the ids of every stored article, failing on a repeat.
func storedIDs(t testing.TB, st store.Store) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	f := store.Filter{Limit: 1000}
	for {
		page, err := st.Articles(t.Context(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Items {
			if ids[r.ID] {
				t.Errorf("article %s is listed twice", r.ID)
			}
			ids[r.ID] = true
		}
		if page.Next == "" {
			return ids
		}
		f.Cursor = page.Next
	}
}
