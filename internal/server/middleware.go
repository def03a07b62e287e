package server

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inflight prometheus.Gauge
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "uro_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "uro_http_request_duration_seconds",
			Help: "Time to answer an HTTP request, by route pattern.",
			// Finer below 50 ms: the p99 target of the list and map endpoints.
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
		}, []string{"route"}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "uro_http_requests_in_flight",
			Help: "HTTP requests being answered.",
		}),
	}
	reg.MustRegister(m.requests, m.duration, m.inflight,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (s *Server) metricsHandler() http.HandlerFunc {
	h := promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{})
	return h.ServeHTTP
}

// build registers the table on a ServeMux and wraps it in the middleware,
// outermost first: recover, log and metrics, JSON for the mux's own errors.
func (s *Server) build() http.Handler {
	mux := http.NewServeMux()
	for _, r := range s.routes {
		mux.Handle(r.method+" "+r.pattern, s.wrap(r))
	}
	return s.observe(s.jsonMuxErrors(mux))
}

// wrap adds what a route row asks for: the token check for writes, the body
// limit, the timeout and the query-parameter check.
func (s *Server) wrap(r route) http.Handler {
	allowed := map[string]bool{}
	for _, q := range r.query {
		allowed[q] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if r.write && !s.authorised(w, req) {
			return
		}
		if r.query != nil {
			for name := range req.URL.Query() {
				if !allowed[name] {
					writeError(w, http.StatusBadRequest, fmt.Sprintf("unknown query parameter %q", name))
					return
				}
			}
		}
		if req.ContentLength > s.cfg.MaxBody {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is %d bytes, over the limit of %d", req.ContentLength, s.cfg.MaxBody))
			return
		}
		req.Body = http.MaxBytesReader(w, req.Body, s.cfg.MaxBody)
		ctx, cancel := context.WithTimeout(req.Context(), s.cfg.Timeout)
		defer cancel()
		r.handler(w, req.WithContext(ctx))
	})
}

// authorised checks the bearer token of a write. Without a configured token
// the server is read-only.
func (s *Server) authorised(w http.ResponseWriter, r *http.Request) bool {
	if s.cfg.Token == "" {
		writeError(w, http.StatusForbidden, "this server is read-only: start it with --token or URO_TOKEN to allow writes")
		return false
	}
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if h == "" || !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="uro"`)
		writeError(w, http.StatusUnauthorized, "missing bearer token: send Authorization: Bearer <token>")
		return false
	}
	if subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.cfg.Token)) != 1 {
		writeError(w, http.StatusForbidden, "wrong token")
		return false
	}
	return true
}

// jsonMuxErrors answers the mux's own 404 and 405 in JSON, keeping its
// Allow header.
func (s *Server) jsonMuxErrors(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		rec := &headerRecorder{header: http.Header{}}
		h.ServeHTTP(rec, r)
		switch rec.code {
		case http.StatusMethodNotAllowed:
			w.Header().Set("Allow", rec.header.Get("Allow"))
			writeError(w, rec.code, fmt.Sprintf("method %s is not allowed on %s (allowed: %s)", r.Method, r.URL.Path, rec.header.Get("Allow")))
		case http.StatusNotFound, 0:
			writeError(w, http.StatusNotFound, fmt.Sprintf("no route for %s", r.URL.Path))
		default:
			// A redirect (cleaned path, trailing slash): pass it on.
			for k, v := range rec.header {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.code)
		}
	})
}

// headerRecorder keeps the status and headers of the mux's error handlers
// and drops their plain-text body.
type headerRecorder struct {
	header http.Header
	code   int
}

func (h *headerRecorder) Header() http.Header { return h.header }
func (h *headerRecorder) Write(b []byte) (int, error) {
	if h.code == 0 {
		h.code = http.StatusOK
	}
	return len(b), nil
}
func (h *headerRecorder) WriteHeader(code int) {
	if h.code == 0 {
		h.code = code
	}
}

// statusWriter remembers what a handler answered, for the log and metrics.
type statusWriter struct {
	http.ResponseWriter
	code  int
	bytes int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe logs each request, counts it in the metrics and turns a panic into
// a JSON 500 (when nothing was written yet) instead of a dropped connection.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		// Answers are JSON, GeoJSON or the pages' own types: never sniffed.
		w.Header().Set("X-Content-Type-Options", "nosniff")
		sw := &statusWriter{ResponseWriter: w}
		s.metrics.inflight.Inc()
		defer func() {
			s.metrics.inflight.Dec()
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				if sw.code == 0 {
					writeError(sw, http.StatusInternalServerError, "internal error")
				}
			}
			code := sw.code
			if code == 0 {
				code = http.StatusOK
			}
			d := time.Since(start)
			routeLabel := r.Pattern
			if routeLabel == "" {
				routeLabel = "unmatched" // bounded label set: never the raw path
			}
			s.metrics.requests.WithLabelValues(routeLabel, r.Method, strconv.Itoa(code)).Inc()
			s.metrics.duration.WithLabelValues(routeLabel).Observe(d.Seconds())
			s.log.Info("request", "method", r.Method, "path", r.URL.Path, "route", routeLabel,
				"status", code, "bytes", sw.bytes, "duration_ms", float64(d.Microseconds())/1000, "remote", r.RemoteAddr)
		}()
		next.ServeHTTP(sw, r)
	})
}
