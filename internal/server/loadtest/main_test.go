package main

import (
	"context"
	"net"
	"path/filepath"
	"testing"

	"github.com/urodata/uro/internal/server"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/sqlstore"
)

// TestSeedServeHit runs the load test in miniature: a few hundred events,
// one second at 40 requests/s. hit fails when any request fails.
func TestSeedServeHit(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db := filepath.Join(t.TempDir(), "load.db")
	if err := seed(ctx, []string{"-db", db, "-events", "400"}); err != nil {
		t.Fatal(err)
	}
	st, err := sqlstore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ev, err := st.Events(ctx, store.Filter{Limit: 1000})
	if err != nil || len(ev.Items) != 400 {
		t.Fatalf("seeded %d events, %v; want 400", len(ev.Items), err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- server.Serve(ctx, ln, server.New(server.Config{Store: st}).Handler(), nil) }()
	if err := hit(ctx, []string{"-url", "http://" + ln.Addr().String(), "-rate", "40", "-duration", "1s"}); err != nil {
		t.Error(err)
	}
	if err := hit(ctx, []string{"-url", "http://" + ln.Addr().String(), "-endpoints", "nothing"}); err == nil {
		t.Error("hit with no endpoint did not fail")
	}
	cancel()
	if err := <-done; err != nil {
		t.Error(err)
	}
}
