package scaleout

import (
	"bufio"
	"net"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/queue"
)

// closedAddr is a loopback address nothing listens on.
func closedAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// TestBadStart: an unreachable queue or store is named, without its
// password, and the command exits non-zero at once.
func TestBadStart(t *testing.T) {
	srv := serveQueue(t, t.TempDir(), "127.0.0.1:0")
	dead := closedAddr(t)
	db := filepath.Join(t.TempDir(), "uro.db")
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"queue unreachable", []string{"worker", "--queue", "nats://uro:s3cret@" + dead, "--db", db}, 1,
			[]string{"connect to queue", "nats://uro:xxxxx@" + dead, "connection refused"}},
		{"no queue", []string{"worker", "--db", db}, 2, []string{"no queue", "--queue"}},
		{"store directory missing", []string{"worker", "--queue", srv.URL(), "--db", "/nonexistent/uro/uro.db"}, 1,
			[]string{"/nonexistent/uro/uro.db"}},
		{"postgres unreachable", []string{"worker", "--queue", srv.URL(), "--db", "postgres://uro:s3cret@" + dead + "/uro"}, 1,
			[]string{"postgres://uro:xxxxx@" + dead + "/uro"}},
		{"status queue unreachable", []string{"queue", "status", "--queue", "nats://" + dead}, 1, []string{"nats://" + dead}},
		{"reprocess queue unreachable", []string{"reprocess", "--since", "2024-01-01", "--db", db, "--queue", "nats://" + dead}, 1, []string{"nats://" + dead}},
		{"reprocess no since", []string{"reprocess", "--db", db, "--queue", srv.URL()}, 2, []string{"--since"}},
		{"serve no dir", []string{"queue", "serve"}, 2, []string{"--dir"}},
		{"queue no subcommand", []string{"queue"}, 2, []string{"serve, status"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			code, _, stderr := runUro(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not mention %q:\n%s", w, stderr)
				}
			}
			if strings.Contains(stderr, "s3cret") {
				t.Errorf("stderr shows the password:\n%s", stderr)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v to give up", d)
			}
		})
	}
}

// TestQueueOutage stops the NATS server under a working worker and starts
// it again: the worker logs the trouble, carries on, and loses nothing.
func TestQueueOutage(t *testing.T) {
	const n = 400
	arts := corpus(t, n)
	dir, addr := t.TempDir(), closedAddr(t)
	srv := serveQueue(t, dir, addr)
	q := openQueue(t, srv.URL())
	dsn := storeDSN(t)
	st := openStore(t, dsn)
	publishAll(t, q, arts)
	w := startWorker(t, srv.URL(), dsn, "--concurrency", "1")
	waitPending(t, q, n*3/4, time.Minute)
	srv.Shutdown()
	time.Sleep(2 * time.Second)
	srv = serveQueue(t, dir, addr)
	waitDrained(t, q, 2*time.Minute, w)
	s := w.stop(t)
	log := w.output()
	for _, want := range []string{"queue: disconnected", "queue: reconnected"} {
		if !strings.Contains(log, want) {
			t.Errorf("worker log does not mention %q:\n%s", want, log)
		}
	}
	ids := storedIDs(t, st)
	if len(ids) != n {
		t.Errorf("store has %d articles, want %d (worker: %+v)", len(ids), n, s)
	}
	for _, a := range arts {
		if !ids[document.ID(a.Text)] {
			t.Errorf("article %s was lost", a.URL)
		}
	}
	if s.stored+s.dups < n {
		t.Errorf("worker stats %+v account for fewer than %d articles", s, n)
	}
}

// TestQueueServe runs `uro queue serve` as a process: it prints its URL,
// answers `uro queue status`, and stops on SIGTERM with status 0, keeping
// what was published for the next start.
func TestQueueServe(t *testing.T) {
	dir := t.TempDir()
	start := func() (*exec.Cmd, string) {
		cmd := exec.Command(uro(t), "queue", "serve", "--dir", dir, "--addr", "127.0.0.1:0")
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, err := bufio.NewReader(out).ReadString('\n')
		if err != nil {
			cmd.Process.Kill()
			t.Fatalf("queue serve printed no URL: %v", err)
		}
		return cmd, strings.TrimSpace(line)
	}
	stop := func(cmd *exec.Cmd) {
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Wait(); err != nil {
			t.Errorf("queue serve after SIGTERM: %v", err)
		}
	}
	cmd, u := start()
	if !strings.HasPrefix(u, "nats://127.0.0.1:") {
		cmd.Process.Kill()
		t.Fatalf("queue serve printed %q, want a nats:// URL", u)
	}
	q, err := queue.Open(t.Context(), queueConfig(u))
	if err != nil {
		t.Fatal(err)
	}
	publishAll(t, q, corpus(t, 5))
	q.Close()
	stop(cmd)

	cmd, u = start()
	defer stop(cmd)
	code, out, errOut := runUro(t, "queue", "status", "--queue", u)
	if code != 0 || !regexp.MustCompile(`pending\s+5\n`).MatchString(out) {
		t.Errorf("queue status after a restart: exit %d\n%s%s", code, out, errOut)
	}
}
