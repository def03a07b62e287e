package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestServeUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"operand", []string{"serve", "extra"}, `unexpected argument "extra"`},
		{"bad addr", []string{"serve", "--addr", "localhost"}, `--addr "localhost"`},
		{"bad max body", []string{"serve", "--max-body", "0"}, "--max-body 0"},
		{"unknown flag", []string{"serve", "--port", "80"}, "port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, "", tt.args...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
		})
	}
}

func TestServeHelp(t *testing.T) {
	code, out, _ := run(t, "", "help", "serve")
	if code != 0 {
		t.Fatalf("help serve: exit %d", code)
	}
	for _, want := range []string{"--addr HOST:PORT", "--token T", "--tiles URL", "--db PATH", "(default 127.0.0.1:8080)", "URO_TOKEN", "read-only"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "Example: --"); n < 6 {
		t.Errorf("%d flags with an example, want every one (6)", n)
	}
}

// syncBuffer is a buffer the server's logger and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeRunsAndStops starts `uro serve` on a free port over a new
// store, asks /healthz and a read-only write, and stops it by cancelling
// (what SIGINT does).
func TestServeRunsAndStops(t *testing.T) {
	var stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	db := filepath.Join(t.TempDir(), "uro.db")
	go func() {
		done <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--token", ""}, strings.NewReader(""), io.Discard, &stderr)
	}()
	addrRE := regexp.MustCompile(`msg=serving addr=(127\.0\.0\.1:\d+)`)
	var addr string
	for deadline := time.Now().Add(60 * time.Second); addr == "" && time.Now().Before(deadline); {
		select {
		case code := <-done:
			t.Fatalf("serve ended with %d: %s", code, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			addr = m[1]
		}
	}
	if addr == "" {
		t.Fatalf("serve did not say where it listens: %s", stderr.String())
	}
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("healthz: %d", resp.StatusCode)
	}
	resp, err = http.Post("http://"+addr+"/api/v1/extract", "text/plain", strings.NewReader("Overskrift\n\nTekst."))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("write without --token: %d, want 403", resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve stopped with exit %d: %s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	for _, want := range []string{"read-only", "route=\"POST /api/v1/extract\"", "status=403", "shutting down"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("log lacks %q: %s", want, stderr.String())
		}
	}
}
