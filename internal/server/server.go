// Package server owns `uro serve`: the HTTP server over a store, its route
// table, the JSON API under /api/v1/ with its OpenAPI document, and the
// middleware every request passes (logs, metrics, limits, timeouts, token
// checks, JSON errors). The web pages live in internal/web and are served
// through rows of the same route table.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/store"
)

// Defaults for the zero values of Config.
const (
	DefaultMaxBody = 2 << 20 // a news article is far smaller; a wrong upload fails fast
	DefaultTimeout = 30 * time.Second
)

// Config is what a Server serves and how.
type Config struct {
	Store store.Store
	// Extractor runs POST /api/v1/extract and POST /api/v1/articles; nil
	// makes those routes answer 503.
	Extractor *extract.Extractor
	// Token guards the writes (Authorization: Bearer <Token>). "" makes the
	// server read-only: writes are refused with 403.
	Token string
	// Tiles is an online tile server URL template for the map page; "" means
	// the embedded world outline only.
	Tiles  string
	Logger *slog.Logger
	// MaxBody bounds a request body in bytes (0: DefaultMaxBody).
	MaxBody int64
	// Timeout bounds one request's work (0: DefaultTimeout).
	Timeout time.Duration
}

// Server is the HTTP face of a store.
type Server struct {
	cfg     Config
	log     *slog.Logger
	reg     *prometheus.Registry
	metrics *metrics
	routes  []route
	handler http.Handler
}

// New builds a server from cfg; it does not listen (see Run).
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	s := &Server{cfg: cfg, log: cfg.Logger}
	// A registry per server, not the global one, so tests can run many.
	s.reg = prometheus.NewRegistry()
	s.metrics = newMetrics(s.reg)
	s.routes = s.table()
	s.handler = s.build()
	return s
}

// Handler returns the server's root handler, middleware included.
func (s *Server) Handler() http.Handler { return s.handler }

// Run serves h on addr until ctx is done, then shuts down gracefully: new
// connections are refused and requests in flight get up to 10 s to finish.
// The caller cancels ctx on SIGINT/SIGTERM (signal.NotifyContext).
func Run(ctx context.Context, addr string, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	return Serve(ctx, ln, h, log)
}

// Serve is Run on a listener the caller opened (tests use port 0).
func Serve(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "addr", ln.Addr().String())
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shut down %s: %w", ln.Addr(), err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	}
	return nil
}
