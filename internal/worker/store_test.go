package worker

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/store"
)

// replaceStore is a memStore that can also replace an article's findings.
type replaceStore struct {
	*memStore
	mu       sync.Mutex
	replaced map[string]int
}

func (r *replaceStore) Replace(_ context.Context, doc *document.Document, _ store.Meta) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.replaced[doc.ID]++
	return nil
}

func TestReprocess(t *testing.T) {
	q := open(t, testConfig(serve(t).URL()))
	x := extractor(t)
	ids := publish(t, q, 0, 6)

	rs := &replaceStore{memStore: newMemStore(), replaced: map[string]int{}}
	s := runUntil(t, q, rs, x.Extract, Options{Concurrency: 2}, drained(t, q))
	if s.Stored != 6 || len(rs.replaced) != 0 {
		t.Fatalf("first pass: %+v, replaced %v; want 6 stored, none replaced", s, rs.replaced)
	}
	for i := range 6 {
		if err := q.PublishReprocess(t.Context(), testArticle(i), "packs-1"); err != nil {
			t.Fatal(err)
		}
	}
	s = runUntil(t, q, rs, x.Extract, Options{Concurrency: 2}, drained(t, q))
	if s.Parked != 0 || s.Duplicates != 0 {
		t.Errorf("reprocess pass: %+v, want nothing parked or skipped", s)
	}
	for _, id := range ids {
		if rs.replaced[id] != 1 || rs.putCount(id) != 1 {
			t.Errorf("article %s: replaced %d times, put %d times; want 1 and 1", id, rs.replaced[id], rs.putCount(id))
		}
	}
}

// TestStoreOutage: while the database is down every Put fails with a
// connection error; the worker holds its articles and waits, so none uses
// up its attempts (testConfig allows 3) and none is parked.
func TestStoreOutage(t *testing.T) {
	q := open(t, testConfig(serve(t).URL()))
	x := extractor(t)
	st := newMemStore()
	ids := publish(t, q, 0, 8)
	up := time.Now().Add(1500 * time.Millisecond)
	st.fail = func(*document.Document) error {
		if time.Now().Before(up) {
			return fmt.Errorf("store: %w", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED})
		}
		return nil
	}
	var log syncLog
	s := runUntil(t, q, st, x.Extract, Options{Concurrency: 2, Logger: slog.New(slog.NewTextHandler(&log, nil))}, drained(t, q))
	if s.Stored != 8 || s.Retried != 0 || s.Parked != 0 {
		t.Errorf("stats = %+v, want 8 stored, nothing retried or parked", s)
	}
	tried := 0
	for _, id := range ids {
		if !st.has(id) {
			t.Errorf("article %s lost", id)
		}
		tried = max(tried, st.putCount(id))
	}
	if tried < 4 {
		t.Errorf("an article was put at most %d times during the outage, want more than the 3 attempts", tried)
	}
	if !strings.Contains(log.String(), "store unavailable, retrying") || !strings.Contains(log.String(), "store available again") {
		t.Errorf("the outage is not logged:\n%s", log.String())
	}
}

func TestUnavailable(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, true},
		{fmt.Errorf("store: %w", driver.ErrBadConn), true},
		{fmt.Errorf("store: %w", io.ErrUnexpectedEOF), true},
		{sqlState("57P01"), true},  // admin shutdown
		{sqlState("40P01"), true},  // deadlock
		{sqlState("23505"), false}, // unique violation: the article's
		{liteCode(5), true},
		{liteCode(19), false}, // SQLITE_CONSTRAINT
		{errors.New("disk I/O error"), false},
	}
	for _, tt := range tests {
		if got := unavailable(fmt.Errorf("store article: %w", tt.err)); got != tt.want {
			t.Errorf("unavailable(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

type sqlState string

func (s sqlState) Error() string    { return "pg error " + string(s) }
func (s sqlState) SQLState() string { return string(s) }

type liteCode int

func (c liteCode) Error() string { return fmt.Sprintf("sqlite error %d", int(c)) }
func (c liteCode) Code() int     { return int(c) }

type syncLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *syncLog) Write(p []byte) (int, error) { l.mu.Lock(); defer l.mu.Unlock(); return l.b.Write(p) }
func (l *syncLog) String() string              { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }
