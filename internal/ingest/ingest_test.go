package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/fetch"
	"github.com/urodata/uro/internal/ingest/ingesttest"
	"github.com/urodata/uro/internal/store"
)

// problems collects Report calls.
type problems struct {
	mu  sync.Mutex
	got map[string]error
}

func (p *problems) report(name string, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.got == nil {
		p.got = map[string]error{}
	}
	p.got[name] = err
}

func (p *problems) names() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for n := range p.got {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func newIngester(t testing.TB, st store.Store, opt Options) (*Ingester, *problems) {
	t.Helper()
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	p := &problems{}
	if opt.Report == nil {
		opt.Report = p.report
	}
	f := fetch.New(fetch.Options{Version: "test", Timeout: 500 * time.Millisecond, MaxBytes: 1 << 20, Rate: -1})
	return New(st, x, f, opt), p
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), ingesttest.Article(1))
	write(t, filepath.Join(dir, "sub", "b.txt"), ingesttest.Article(2))
	page, err := os.ReadFile("testdata/page.html")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "sub", "deeper", "c.html"), string(page))
	write(t, filepath.Join(dir, "batch.jsonl"),
		fmt.Sprintf(`{"id":"j1","text":%q,"url":"https://example.org/j1","published":"2024-03-09"}`+"\n", ingesttest.Article(3))+
			`{"id":"j2","text":`+"\n"+
			fmt.Sprintf(`{"id":"j3","text":%q,"language":"da"}`+"\n", ingesttest.Article(4)))
	write(t, filepath.Join(dir, "notes.pdf"), "%PDF-1.4 not read")
	write(t, filepath.Join(dir, "README"), "not read either")
	write(t, filepath.Join(dir, ".git", "x.txt"), ingesttest.Article(5))
	write(t, filepath.Join(dir, "empty.txt"), "  \n")

	st := ingesttest.NewMemStore()
	in, p := newIngester(t, st, Options{Workers: 3})
	stats, err := in.Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Added: 5, Errors: 2}); stats != want {
		t.Errorf("stats %+v, want %+v", stats, want)
	}
	wantBad := []string{filepath.Join(dir, "batch.jsonl") + ":2", filepath.Join(dir, "empty.txt")}
	if got := p.names(); strings.Join(got, "|") != strings.Join(wantBad, "|") {
		t.Errorf("reported %q, want %q", got, wantBad)
	}
	if err := p.got[wantBad[0]]; err == nil || !strings.Contains(err.Error(), "malformed JSON") {
		t.Errorf("bad line reported as %v", err)
	}
	docs := st.Docs()
	for _, d := range docs {
		if d.Text == nil || document.ID(*d.Text) != d.ID {
			t.Errorf("document %s stored without its text or under another id", d.ID)
		}
	}
	if d := st.ByURL("https://example.org/j1"); d == nil || d.Published == nil || *d.Published != "2024-03-09" {
		t.Errorf("JSONL record stored as %+v", d)
	}
	if d := st.ByURL(""); d != nil {
		t.Errorf("a document stored under the empty URL")
	}

	// The same folder again: nothing is extracted or written.
	puts := st.Puts
	stats, err = in.Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Skipped: 5, Errors: 2}); stats != want {
		t.Errorf("second run: stats %+v, want %+v", stats, want)
	}
	if st.Puts != puts || len(st.Docs()) != len(docs) {
		t.Errorf("second run wrote: %d puts (was %d), %d documents (was %d)", st.Puts, puts, len(st.Docs()), len(docs))
	}
}

func TestSources(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "one.txt"), ingesttest.Article(10))
	write(t, filepath.Join(dir, "same.txt"), ingesttest.Article(10))  // same text, another file
	write(t, filepath.Join(dir, "named.dat"), ingesttest.Article(11)) // named explicitly: read
	st := ingesttest.NewMemStore()
	in, p := newIngester(t, st, Options{Workers: 1})
	stats, err := in.Run(context.Background(), []string{
		filepath.Join(dir, "one.txt"), filepath.Join(dir, "same.txt"), filepath.Join(dir, "named.dat"),
		filepath.Join(dir, "missing.txt"), "ftp://example.org/feed.xml",
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Added: 2, Skipped: 1, Errors: 2}); stats != want {
		t.Errorf("stats %+v, want %+v", stats, want)
	}
	if err := p.got[filepath.Join(dir, "missing.txt")]; err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file reported as %v", err)
	}
	if err := p.got["ftp://example.org/feed.xml"]; !errors.Is(err, fetch.ErrScheme) {
		t.Errorf("ftp URL reported as %v", err)
	}
}

// TestStoreFailure: an article the store refuses is reported; the others
// are stored, and the refused one is not there at all.
func TestStoreFailure(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 6; i++ {
		write(t, filepath.Join(dir, fmt.Sprintf("%d.txt", i)), ingesttest.Article(20+i))
	}
	st := ingesttest.NewMemStore()
	bad := document.ID(article.Normalize(ingesttest.Article(23)))
	st.FailPut = func(d *document.Document) error {
		if d.ID == bad {
			return errors.New("disk full")
		}
		return nil
	}
	in, p := newIngester(t, st, Options{Workers: 2})
	stats, err := in.Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Added: 5, Errors: 1}); stats != want {
		t.Errorf("stats %+v, want %+v", stats, want)
	}
	if err := p.got[filepath.Join(dir, "3.txt")]; err == nil || !strings.Contains(err.Error(), "store: disk full") {
		t.Errorf("store failure reported as %v (all: %v)", err, p.names())
	}
	if _, ok := st.Docs()[bad]; ok {
		t.Errorf("refused article is stored")
	}
}

// feedServer serves the test feeds and pages and records what it was asked.
type feedServer struct {
	*httptest.Server
	mu    sync.Mutex
	hits  map[string]int
	conds map[string][]string // path -> If-None-Match|If-Modified-Since of each request
	after func(path string, n int)
}

func newFeedServer(t *testing.T) *feedServer {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	rss, broken, page := read("news.rss"), read("broken-items.rss"), string(read("page.html"))
	s := &feedServer{hits: map[string]int{}, conds: map[string][]string{}}
	mux := http.NewServeMux()
	feed := func(path, ctype, etag string, body func() []byte) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			if etag != "" && r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			if etag != "" {
				w.Header().Set("ETag", etag)
				w.Header().Set("Last-Modified", "Sat, 09 Mar 2024 22:15:00 GMT")
			}
			w.Header().Set("Content-Type", ctype)
			w.Write(body())
		})
	}
	feed("/news.rss", "application/rss+xml", `"n1"`, func() []byte { return rss })
	// An Atom feed served as plain XML: found to be a feed by parsing.
	feed("/links.atom", "text/xml", `"l1"`, func() []byte {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Lake Region Post</title><id>urn:lrp</id><updated>2024-03-12T08:00:00Z</updated>`)
		for i, link := range []string{"/pages/kisumu.html", "/pages/slow.html", "/pages/500.html", "/pages/huge.html", "ftp://lrp.example/x", "", "/pages/eldoret.html"} {
			fmt.Fprintf(&b, `<entry><title>Story %d</title><id>urn:lrp:%d</id><updated>2024-03-12T07:00:00Z</updated>`, i, i)
			if link != "" {
				fmt.Fprintf(&b, `<link href="%s"/>`, link)
			}
			b.WriteString(`</entry>`)
		}
		b.WriteString(`</feed>`)
		return []byte(b.String())
	})
	feed("/broken-items.rss", "application/rss+xml", "", func() []byte { return broken })
	feed("/not-xml.rss", "application/rss+xml", "", func() []byte { return []byte(`<rss version="2.0"><channel><item><title>cut`) })
	mux.HandleFunc("/pages/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/pages/kisumu.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		case "/pages/eldoret.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, strings.ReplaceAll(page, "Kisumu", "Eldoret"))
		case "/pages/slow.html":
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		case "/pages/500.html":
			http.Error(w, "internal error", http.StatusInternalServerError)
		case "/pages/huge.html":
			// 100 MB, streamed: the client must stop at its limit.
			w.Header().Set("Content-Type", "text/html")
			chunk := []byte(strings.Repeat("<p>filler text for a very long page</p>\n", 1600))
			for n := 0; n < 100<<20; n += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		default:
			http.NotFound(w, r)
		}
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		n := s.hits[r.URL.Path]
		s.conds[r.URL.Path] = append(s.conds[r.URL.Path], r.Header.Get("If-None-Match")+"|"+r.Header.Get("If-Modified-Since"))
		after := s.after
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
		if after != nil {
			after(r.URL.Path, n)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *feedServer) hit(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// TestFeedConditional: items become articles from their own content; a
// second poll is conditional, answered 304, and stores nothing.
func TestFeedConditional(t *testing.T) {
	srv := newFeedServer(t)
	st := ingesttest.NewMemStore()
	in, p := newIngester(t, st, Options{})
	u := srv.URL + "/news.rss"
	stats, err := in.Run(context.Background(), []string{u})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Added: 3, Polls: 1}); stats != want {
		t.Errorf("stats %+v, want %+v (problems %v)", stats, want, p.names())
	}
	d := st.ByURL("https://fynske.example/2024/03/uro-odense")
	if d == nil {
		t.Fatal("first item not stored by its link")
	}
	if !strings.HasPrefix(*d.Text, "Tre anholdt efter uro i Odense\n\nFyns Politi anholdt lørdag aften tre unge mænd") {
		t.Errorf("item text %q", *d.Text)
	}
	if d.Published == nil || *d.Published != "2024-03-09" || d.Language != "da" {
		t.Errorf("item published %v, language %q", d.Published, d.Language)
	}
	if m := st.Meta(d.ID); m.Feed != u {
		t.Errorf("meta %+v, want the feed URL", m)
	}
	fs, err := st.FeedState(context.Background(), u)
	if err != nil || fs.ETag != `"n1"` || fs.LastModified == "" || fs.Status != 200 || fs.Error != "" {
		t.Errorf("feed state %+v, %v", fs, err)
	}

	puts := st.Puts
	stats, err = in.Run(context.Background(), []string{u})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Polls: 1, NotModified: 1}); stats != want {
		t.Errorf("second poll: stats %+v, want %+v", stats, want)
	}
	if want := `"n1"|Sat, 09 Mar 2024 22:15:00 GMT`; len(srv.conds["/news.rss"]) != 2 || srv.conds["/news.rss"][1] != want {
		t.Errorf("conditional headers %q, want the second to be %q", srv.conds["/news.rss"], want)
	}
	if st.Puts != puts || len(st.Docs()) != 3 {
		t.Errorf("second poll wrote %d times", st.Puts-puts)
	}
}

// TestFeedFollow: each item's page is fetched and extracted; a slow page,
// a 500, a 100 MB page, a bad scheme and a missing link are each reported
// with the URL and the problem, and the good pages are stored.
func TestFeedFollow(t *testing.T) {
	srv := newFeedServer(t)
	st := ingesttest.NewMemStore()
	in, p := newIngester(t, st, Options{Follow: true, Workers: 2})
	u := srv.URL + "/links.atom"
	stats, err := in.Run(context.Background(), []string{u})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Added: 2, Errors: 5, Polls: 1}); stats != want {
		t.Errorf("stats %+v, want %+v", stats, want)
	}
	for _, tc := range []struct {
		name string
		kind error
		says string
	}{
		{srv.URL + "/pages/slow.html", fetch.ErrTimeout, "timed out"},
		{srv.URL + "/pages/500.html", fetch.ErrStatus, "500"},
		{srv.URL + "/pages/huge.html", fetch.ErrTooLarge, "1048576"},
		{"ftp://lrp.example/x", fetch.ErrScheme, "not an http"},
		{u + " item 6 \"Story 5\"", ErrNoLink, "no link"},
	} {
		err := p.got[tc.name]
		if !errors.Is(err, tc.kind) || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: reported %v, want %v saying %q", tc.name, err, tc.kind, tc.says)
		}
		if has, _ := st.HasURL(context.Background(), tc.name); has {
			t.Errorf("%s is stored", tc.name)
		}
	}
	d := st.ByURL(srv.URL + "/pages/kisumu.html")
	if d == nil || d.Language != "en" || !strings.HasPrefix(*d.Text, "Curfew imposed in Kisumu after night of clashes") {
		t.Fatalf("followed page stored as %+v", d)
	}
	if d.Source.Site == nil || *d.Source.Site != "Lake Region Post" || d.Published == nil || *d.Published != "2024-03-12" {
		t.Errorf("page metadata: site %v, published %v", d.Source.Site, d.Published)
	}
	// Transient failures keep the old validators: the next poll reads the
	// feed in full, skips the stored pages by URL and retries the others.
	fs, _ := st.FeedState(context.Background(), u)
	if fs.ETag != "" || !strings.Contains(fs.Error, "3 items failed") {
		t.Errorf("feed state after failures %+v", fs)
	}
	stats, err = in.Run(context.Background(), []string{u})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Skipped: 2, Errors: 5, Polls: 1}); stats != want {
		t.Errorf("second run: stats %+v, want %+v", stats, want)
	}
	if n := srv.hit("/pages/kisumu.html"); n != 1 {
		t.Errorf("stored page fetched %d times, want once", n)
	}
	if n := srv.hit("/pages/500.html"); n != 2 {
		t.Errorf("failed page fetched %d times, want twice", n)
	}
}

// TestBrokenFeeds: items without content are reported by name; a feed
// that does not parse, a server error and a timeout are reported by URL;
// the rest goes on.
func TestBrokenFeeds(t *testing.T) {
	srv := newFeedServer(t)
	st := ingesttest.NewMemStore()
	in, p := newIngester(t, st, Options{})
	b := srv.URL + "/broken-items.rss"
	stats, err := in.Run(context.Background(), []string{
		b, srv.URL + "/not-xml.rss", srv.URL + "/pages/500.html", srv.URL + "/pages/slow.html", srv.URL + "/pages/huge.html", srv.URL + "/news.rss",
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Added: 5, Errors: 6, Polls: 3}); stats != want {
		t.Errorf("stats %+v, want %+v (problems %q)", stats, want, p.names())
	}
	for name, says := range map[string]string{
		b + " item 2":                         "has no content",
		"https://coast.example/headline-only": "has no article text",
		srv.URL + "/not-xml.rss":              "parse feed",
		srv.URL + "/pages/500.html":           "server answered 500",
		srv.URL + "/pages/slow.html":          "timed out after 500ms",
		srv.URL + "/pages/huge.html":          "over the size limit of 1048576 bytes",
	} {
		if err := p.got[name]; err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("%s: reported %v, want it to say %q", name, err, says)
		}
	}
	// The item with an unreadable date is stored without one.
	if d := st.ByURL("https://coast.example/bus-malindi"); d == nil || d.Published != nil {
		t.Errorf("item with a bad date stored as %+v", d)
	}
}

// TestWatch polls until the context ends; later polls are conditional.
func TestWatch(t *testing.T) {
	srv := newFeedServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv.after = func(path string, n int) {
		if path == "/news.rss" && n == 3 {
			cancel()
		}
	}
	st := ingesttest.NewMemStore()
	in, _ := newIngester(t, st, Options{Watch: 10 * time.Millisecond})
	stats, err := in.Run(ctx, []string{srv.URL + "/news.rss"})
	if err != nil {
		t.Fatalf("a watch ended by its context is no error: %v", err)
	}
	if stats.Added != 3 || stats.Polls < 2 || stats.NotModified < 1 || stats.Errors != 0 {
		t.Errorf("stats %+v, want 3 added and at least one 304 poll", stats)
	}
	if n := srv.hit("/news.rss"); n != 3 {
		t.Errorf("feed fetched %d times, want 3", n)
	}
}

func TestInterrupted(t *testing.T) {
	dir := t.TempDir()
	if _, err := ingesttest.Corpus(dir, 40); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	st := ingesttest.NewMemStore()
	in, _ := newIngester(t, st, Options{})
	_, err := in.Run(ctx, []string{dir})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want the cancellation", err)
	}
	if n := len(st.Docs()); n != 0 {
		t.Errorf("%d articles stored after the context ended", n)
	}
}

func TestProgress(t *testing.T) {
	dir := t.TempDir()
	if _, err := ingesttest.Corpus(dir, 5); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "bad.txt"), "")
	var buf bytes.Buffer
	in, _ := newIngester(t, ingesttest.NewMemStore(), Options{Progress: &buf})
	if _, err := in.Run(context.Background(), []string{dir}); err != nil {
		t.Fatal(err)
	}
	// The bar redraws at most every 100ms, so only its first state is sure.
	if out := buf.String(); !strings.Contains(out, "articles/s") || !strings.Contains(out, "ingest") {
		t.Errorf("progress output %q lacks the rate", out)
	}
}

func TestFragmentText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"<p>One.</p><p>Two &amp; three.</p>", "\n\nOne.\n\n\n\nTwo & three.\n\n"},
		{"a<br>b<script>var x = '<p>';</script>c", "a\n\nbc"},
		{"<div><b>Bold</b> text</div>", "\n\nBold text\n\n"},
	} {
		if got := fragmentText(tc.in); got != tc.want {
			t.Errorf("fragmentText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzFragmentText: any input gives valid text with no markup of block
// elements left, and never panics.
func FuzzFragmentText(f *testing.F) {
	f.Add("<p>Politiet anholdt tre.</p>")
	f.Add("<script>x</script><style>y")
	f.Add("a < b & c > d")
	f.Fuzz(func(t *testing.T, s string) {
		out := fragmentText(s)
		if !strings.ContainsAny(s, "<&") && out != s {
			t.Fatalf("text without markup changed: %q -> %q", s, out)
		}
		if len(out) > 2*len(s)+8 && len(out) > 64 {
			// Only block tags add text ("\n\n", 2 bytes for at least 3).
			t.Fatalf("output %d bytes from %d", len(out), len(s))
		}
	})
}
