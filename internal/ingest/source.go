package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/fetch"
	"github.com/urodata/uro/internal/store"
)

// produce turns the sources into jobs, then with Watch polls the feeds
// until the context ends.
func (r *run) produce(sources []string) {
	var feeds []string // URLs to poll again: feeds, and URLs that failed
	for _, src := range sources {
		if r.ctx.Err() != nil {
			return
		}
		if isURL(src) {
			if r.url(src) {
				feeds = append(feeds, src)
			}
			continue
		}
		r.path(src)
	}
	if r.in.opt.Watch <= 0 || len(feeds) == 0 {
		return
	}
	t := time.NewTicker(r.in.opt.Watch)
	defer t.Stop()
	for {
		select {
		case <-r.ctx.Done():
			return
		case <-t.C:
		}
		for _, u := range feeds {
			if r.ctx.Err() != nil {
				return
			}
			r.url(u)
		}
	}
}

// isURL tells a URL from a path: anything with a scheme ("ftp://…" too, so
// that it is refused by name rather than looked for on disk).
func isURL(s string) bool {
	i := strings.Index(s, "://")
	return i > 0 && !strings.ContainsAny(s[:i], `/\.`)
}

// Kinds of files a folder walk reads; others are skipped.
func readable(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".html", ".htm", ".jsonl":
		return true
	}
	return false
}

// path ingests a file or, recursively, a folder.
func (r *run) path(src string) {
	st, err := os.Stat(src)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("no such file or folder")
		}
		r.fail(src, err)
		return
	}
	if !st.IsDir() {
		r.file(src) // named explicitly: read whatever its extension
		return
	}
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			r.fail(p, err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if r.ctx.Err() != nil {
			return r.ctx.Err()
		}
		if p != src && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir // .git and the like
			}
			return nil
		}
		if d.Type().IsRegular() && readable(p) {
			r.file(p)
		}
		return nil
	})
	if err != nil && r.ctx.Err() == nil {
		r.fail(src, err)
	}
}

// file queues one file, or every line of a JSON Lines file.
func (r *run) file(p string) {
	if strings.EqualFold(filepath.Ext(p), ".jsonl") {
		r.jsonl(p)
		return
	}
	ro := article.Options{MaxBytes: r.in.opt.MaxBytes}
	r.send(&job{name: p, read: func(ctx context.Context) (*article.Article, error) {
		return article.ReadFile(ctx, p, ro)
	}})
}

// jsonl queues each record of a JSON Lines file; a bad line is reported
// and the file goes on.
func (r *run) jsonl(p string) {
	f, err := os.Open(p)
	if err != nil {
		r.fail(p, err)
		return
	}
	defer f.Close()
	ro := article.Options{MaxBytes: r.in.opt.MaxBytes}
	err = article.JSONL(r.ctx, f, ro, func(line int, a *article.Article, err error) error {
		name := fmt.Sprintf("%s:%d", p, line)
		if err != nil {
			var le *article.LineError
			if errors.As(err, &le) {
				err = le.Err
			}
			r.fail(name, err)
			return nil
		}
		r.send(&job{name: name, url: a.URL, read: func(context.Context) (*article.Article, error) { return a, nil }})
		return nil
	})
	if err != nil && r.ctx.Err() == nil {
		r.fail(p, err)
	}
}

func (r *run) send(j *job) {
	select {
	case r.jobs <- j:
	case <-r.ctx.Done():
	}
}

// url fetches a page or feed given as a source and reports whether it is
// one to poll again with Watch (a feed, or a URL that failed).
func (r *run) url(u string) (again bool) {
	if r.in.fetch == nil {
		r.fail(u, errors.New("fetching is not enabled"))
		return false
	}
	// A page stored before is not fetched again; a feed is never stored
	// as an article, so this costs feeds nothing.
	if has, err := r.in.store.HasURL(r.ctx, u); err != nil {
		r.fail(u, fmt.Errorf("look up in the store: %w", err))
		return true
	} else if has {
		r.count(func(s *Stats) { s.Skipped++ })
		return false
	}
	old, err := r.in.store.FeedState(r.ctx, u)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		r.fail(u, fmt.Errorf("read feed state: %w", err))
		return true
	}
	resp, err := r.in.fetch.Get(r.ctx, u, fetch.Validators{ETag: old.ETag, LastModified: old.LastModified})
	if err != nil {
		if r.ctx.Err() != nil {
			return false
		}
		r.fail(u, err)
		if old.URL != "" { // a known feed: remember the failure, keep the validators
			r.saveState(u, old, 0, err)
		}
		return transient(err) || old.URL != ""
	}
	if resp.NotModified {
		r.mu.Lock()
		r.stats.Polls++
		r.stats.NotModified++
		r.mu.Unlock()
		r.saveState(u, old, resp.Status, nil)
		return true
	}
	if !fetch.IsFeed(resp.ContentType, resp.Body) {
		r.send(&job{name: u, url: "", read: func(ctx context.Context) (*article.Article, error) {
			return pageArticle(ctx, u, resp)
		}})
		return false
	}
	r.mu.Lock()
	r.stats.Polls++
	r.mu.Unlock()
	feed, err := fetch.ParseFeed(resp.Body)
	if err != nil {
		r.fail(u, err)
		r.saveState(u, old, resp.Status, err)
		return true
	}
	r.feed(u, old, resp, feed)
	return true
}

// pageArticle reads an article from a fetched page; its URL is the one
// asked for, so that the page is known as stored by that URL.
func pageArticle(ctx context.Context, u string, resp *fetch.Response) (*article.Article, error) {
	var a *article.Article
	var err error
	if resp.ContentType == "text/html" || resp.ContentType == "application/xhtml+xml" {
		a, err = article.HTML(ctx, u, resp.Body, u)
	} else {
		a, err = article.Read(ctx, u, bytes.NewReader(resp.Body), article.Options{URL: u, MaxBytes: int64(len(resp.Body)) + 1})
	}
	if err != nil {
		return nil, err
	}
	a.URL = u
	return a, nil
}

// saveState records a feed poll; err == nil with a fresh response advances
// the validators.
func (r *run) saveState(u string, st store.FeedState, status int, err error) {
	st.URL = u
	st.Checked = time.Now().UTC()
	st.Status = status
	st.Error = ""
	if err != nil {
		st.Error = err.Error()
	}
	if serr := r.in.store.SetFeedState(r.ctx, st); serr != nil && r.ctx.Err() == nil {
		r.fail(u, fmt.Errorf("save feed state: %w", serr))
	}
}
