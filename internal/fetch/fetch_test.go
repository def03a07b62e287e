package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// testClient has no rate limit unless a test asks for one.
func testClient(opt Options) *Client {
	if opt.Rate == 0 {
		opt.Rate = -1
	}
	return New(opt)
}

func TestUserAgentAndBody(t *testing.T) {
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><body><p>hej</p></body></html>")
	}))
	defer srv.Close()
	resp, err := testClient(Options{Version: "1.2.3"}).Get(context.Background(), srv.URL+"/a", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "uro/1.2.3 (+https://github.com/urodata/uro)"; ua != want {
		t.Errorf("User-Agent %q, want %q", ua, want)
	}
	if resp.ContentType != "text/html" || !strings.Contains(string(resp.Body), "hej") || resp.Status != 200 {
		t.Errorf("response %+v", resp)
	}
}

func TestConditionalGet(t *testing.T) {
	const etag, lm = `"v7"`, "Sat, 09 Mar 2024 12:00:00 GMT"
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Get("If-None-Match")+"|"+r.Header.Get("If-Modified-Since"))
		mu.Unlock()
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lm)
		fmt.Fprint(w, "body")
	}))
	defer srv.Close()
	c := testClient(Options{})
	ctx := context.Background()
	first, err := c.Get(ctx, srv.URL, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || first.Validators != (Validators{ETag: etag, LastModified: lm}) {
		t.Fatalf("first response %+v", first)
	}
	second, err := c.Get(ctx, srv.URL, first.Validators)
	if err != nil {
		t.Fatal(err)
	}
	if !second.NotModified || len(second.Body) != 0 || second.Validators != first.Validators {
		t.Errorf("second response %+v, want 304 with the same validators", second)
	}
	if want := []string{"|", etag + "|" + lm}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("conditional headers %q, want %q", got, want)
	}
}

func TestFailures(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", 500) })
	mux.HandleFunc("/404", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select { // never answers in time; ends when the client gives up
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/trickle", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		for i := 0; i < 100; i++ {
			if _, err := w.Write([]byte("x")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
	mux.HandleFunc("/declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "104857600")
		w.WriteHeader(200)
		w.Write([]byte("short"))
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://files.example/a.txt", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := testClient(Options{Timeout: 300 * time.Millisecond, MaxBytes: 1 << 20, MaxRedirects: 3})
	for _, tc := range []struct {
		path string
		kind error
		msg  string
	}{
		{"/500", ErrStatus, "server answered 500 Internal Server Error"},
		{"/404", ErrStatus, "server answered 404 Not Found"},
		{"/slow", ErrTimeout, "timed out after 300ms"},
		{"/trickle", ErrTimeout, "timed out after 300ms"},
		{"/declared", ErrTooLarge, "over the size limit of 1048576 bytes"},
		{"/loop", ErrRedirects, "more than 3 redirects"},
		{"/ftp", ErrScheme, "ftp://files.example/a.txt is not an http or https URL"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			_, err := c.Get(context.Background(), srv.URL+tc.path, Validators{})
			if !errors.Is(err, tc.kind) {
				t.Fatalf("error %v, want %v", err, tc.kind)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not say %q", err, tc.msg)
			}
			if tc.kind != ErrScheme && !strings.Contains(err.Error(), srv.URL+tc.path) {
				t.Errorf("error %q does not name the URL", err)
			}
		})
	}
}

func TestSchemes(t *testing.T) {
	c := testClient(Options{})
	for _, u := range []string{"ftp://example.org/feed", "file:///etc/passwd", "/relative/path", "http:///nohost"} {
		if _, err := c.Get(context.Background(), u, Validators{}); !errors.Is(err, ErrScheme) {
			t.Errorf("Get(%q) = %v, want ErrScheme", u, err)
		}
	}
}

// TestHugeBodyIsNotBuffered streams 100 MB without a Content-Length; the
// client must stop at the limit, and allocate about the limit, not the body.
func TestHugeBodyIsNotBuffered(t *testing.T) {
	const total = 100 << 20
	sent := make(chan int64, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat("<p>lorem ipsum dolor</p>\n", 2600)) // ~64 KB
		var n int64
		defer func() { sent <- n }()
		for n < total {
			m, err := w.Write(chunk)
			n += int64(m)
			if err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	const limit = 2 << 20
	c := testClient(Options{MaxBytes: limit})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := c.Get(context.Background(), srv.URL+"/huge", Validators{})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error %v, want ErrTooLarge", err)
	}
	if !strings.Contains(err.Error(), srv.URL+"/huge") || !strings.Contains(err.Error(), "2097152") {
		t.Errorf("error %q should name the URL and the limit", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16*limit {
		t.Errorf("allocated %d bytes for a %d-byte limit: the body was buffered", alloc, limit)
	}
	if n := <-sent; n >= total {
		t.Errorf("server sent all %d bytes: the client read the whole body", n)
	}
}

// TestRatePerHost checks that requests to one host are spaced out (a
// lower bound on the time taken, which the limiter guarantees however busy
// the machine) and that another host keeps its own allowance.
func TestRatePerHost(t *testing.T) {
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer a.Close()
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer b.Close()
	c := New(Options{Rate: 10, Burst: 1})
	ctx := context.Background()
	start := time.Now()
	for i := 0; i < 4; i++ {
		if _, err := c.Get(ctx, a.URL, Validators{}); err != nil {
			t.Fatal(err)
		}
	}
	if took := time.Since(start); took < 290*time.Millisecond {
		t.Errorf("4 requests at 10/s took %v, want at least 300ms", took)
	}
	// Host b has its own limiter, untouched by a's requests.
	if _, err := c.Get(ctx, b.URL, Validators{}); err != nil {
		t.Fatal(err)
	}
	if la, lb := c.limiter(hostOf(a.URL)), c.limiter(hostOf(b.URL)); la == lb || len(c.hosts) != 2 {
		t.Errorf("hosts share a limiter (%d limiters)", len(c.hosts))
	}
}

func hostOf(u string) string { return strings.TrimPrefix(u, "http://") }

func TestCancel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err := testClient(Options{}).Get(ctx, srv.URL, Validators{})
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
		t.Errorf("error %v, want the caller's cancellation, not a timeout", err)
	}
}
