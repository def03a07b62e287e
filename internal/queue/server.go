package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Server is an embedded NATS server with JetStream, for development and
// tests; production connects to an existing NATS cluster instead.
type Server struct {
	s   *server.Server
	dir string
}

// maxPayload lets long articles through (NATS's own default is 1 MB); 8 MB
// is the most NATS advises.
const maxPayload = 8 << 20

// Serve starts a NATS server with JetStream storing in dir, listening on
// addr ("host:port"; port 0 picks a free one; "" means 127.0.0.1:4222).
// The server stops when ctx ends or Shutdown is called.
func Serve(ctx context.Context, dir, addr string) (*Server, error) {
	if dir == "" {
		return nil, errors.New("queue server: no store directory")
	}
	if addr == "" {
		addr = "127.0.0.1:4222"
	}
	host, ps, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("queue server: address %q: %w", addr, err)
	}
	port, err := strconv.Atoi(ps)
	if err != nil || port < 0 || port > 65535 {
		return nil, fmt.Errorf("queue server: address %q: bad port", addr)
	}
	if port == 0 {
		port = server.RANDOM_PORT
	}
	if host == "" {
		host = "0.0.0.0"
	}
	s, err := server.NewServer(&server.Options{
		ServerName: "uro",
		Host:       host,
		Port:       port,
		JetStream:  true,
		StoreDir:   dir,
		NoSigs:     true,
		MaxPayload: maxPayload,
	})
	if err != nil {
		return nil, fmt.Errorf("queue server: %w", err)
	}
	lg := &serverLog{log: slog.Default().With("component", "nats")}
	s.SetLoggerV2(lg, false, false, false)
	go s.Start()
	// Polled in short steps so a failure to listen (logged as fatal) is
	// reported at once rather than after the whole wait.
	for deadline := time.Now().Add(10 * time.Second); !s.ReadyForConnections(50 * time.Millisecond); {
		f := lg.fatal()
		if f == "" && time.Now().Before(deadline) && ctx.Err() == nil {
			continue
		}
		s.Shutdown()
		switch {
		case f != "":
			return nil, fmt.Errorf("queue server on %s: %s", addr, f)
		case ctx.Err() != nil:
			return nil, fmt.Errorf("queue server on %s: %w", addr, ctx.Err())
		}
		return nil, fmt.Errorf("queue server on %s: not ready after 10s", addr)
	}
	srv := &Server{s: s, dir: dir}
	context.AfterFunc(ctx, srv.Shutdown)
	slog.Info("queue: serving NATS with JetStream", "url", srv.URL(), "dir", dir)
	return srv, nil
}

// URL is the server's client URL, e.g. "nats://127.0.0.1:4222"; a server
// listening on every interface is reached through loopback.
func (s *Server) URL() string {
	a, ok := s.s.Addr().(*net.TCPAddr)
	if !ok {
		return s.s.ClientURL()
	}
	ip := a.IP
	if ip == nil || ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return "nats://" + net.JoinHostPort(ip.String(), strconv.Itoa(a.Port))
}

// Shutdown stops the server and waits until it has; calling it again is harmless.
func (s *Server) Shutdown() {
	s.s.Shutdown()
	s.s.WaitForShutdown()
}

// serverLog passes the server's log to slog; its notices are start-up
// chatter, so they go to debug.
type serverLog struct {
	log  *slog.Logger
	mu   sync.Mutex
	last string
}

func (l *serverLog) fatal() string { l.mu.Lock(); defer l.mu.Unlock(); return l.last }

func (l *serverLog) Noticef(f string, v ...any) { l.log.Debug(fmt.Sprintf(f, v...)) }
func (l *serverLog) Warnf(f string, v ...any)   { l.log.Warn(fmt.Sprintf(f, v...)) }
func (l *serverLog) Errorf(f string, v ...any)  { l.log.Error(fmt.Sprintf(f, v...)) }
func (l *serverLog) Debugf(f string, v ...any)  { l.log.Debug(fmt.Sprintf(f, v...)) }
func (l *serverLog) Tracef(f string, v ...any)  { l.log.Debug(fmt.Sprintf(f, v...)) }

// Fatalf must not exit the process as the server's own logger would: the
// failure is returned by Serve instead.
func (l *serverLog) Fatalf(f string, v ...any) {
	msg := fmt.Sprintf(f, v...)
	l.mu.Lock()
	l.last = msg
	l.mu.Unlock()
	l.log.Error(msg)
}
