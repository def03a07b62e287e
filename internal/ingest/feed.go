package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/fetch"
	"github.com/urodata/uro/internal/store"
)

// Problems of a feed item.
var (
	ErrNoLink    = errors.New("has no link to follow")
	ErrNoContent = errors.New("has no content (--follow reads the page it links to)")
)

// poll is one fetch of a feed whose items are on their way. Its new
// validators are saved only when every item was stored or failed for good:
// a crash or a server failure half way leaves the old ones, so the next
// poll reads the feed in full and the stored items are skipped by URL.
type poll struct {
	url     string
	old     store.FeedState
	fresh   store.FeedState
	pending atomic.Int64 // items not yet written, +1 while the producer queues
	failed  atomic.Int64 // items that failed transiently
}

// feed queues the items of a fetched feed.
func (r *run) feed(u string, old store.FeedState, resp *fetch.Response, f *fetch.Feed) {
	p := &poll{url: u, old: old, fresh: store.FeedState{
		URL: u, ETag: resp.Validators.ETag, LastModified: resp.Validators.LastModified, Status: resp.Status,
	}}
	p.pending.Store(1)
	base, _ := url.Parse(resp.URL)
	for _, it := range f.Items {
		if r.ctx.Err() != nil {
			return // the poll is never finished: old validators stay
		}
		link := resolve(base, it.Link)
		name := link
		if name == "" {
			name = u + " " + it.Name()
		}
		meta := store.Meta{Feed: u}
		if r.in.opt.Follow {
			if link == "" {
				r.fail(name, fmt.Errorf("feed item %w", ErrNoLink))
				continue
			}
			p.pending.Add(1)
			published := it.Published
			r.send(&job{name: link, url: link, meta: meta, poll: p, read: func(ctx context.Context) (*article.Article, error) {
				resp, err := r.in.fetch.Get(ctx, link, fetch.Validators{})
				if err != nil {
					return nil, err
				}
				a, err := pageArticle(ctx, link, resp)
				if err != nil {
					return nil, err
				}
				if a.Published.IsZero() {
					a.Published = day(published)
				}
				return a, nil
			}})
			continue
		}
		if strings.TrimSpace(it.Content) == "" && it.Title == "" {
			r.fail(name, fmt.Errorf("feed item %w", ErrNoContent))
			continue
		}
		p.pending.Add(1)
		it, site := it, f.Title
		r.send(&job{name: name, url: link, meta: meta, poll: p, read: func(context.Context) (*article.Article, error) {
			return itemArticle(name, link, site, it)
		}})
	}
	r.itemDone(p, nil)
}

// itemDone counts one item of p as written; the last one saves the state.
func (r *run) itemDone(p *poll, err error) {
	if err != nil && transient(err) {
		p.failed.Add(1)
	}
	if p.pending.Add(-1) != 0 {
		return
	}
	if n := p.failed.Load(); n > 0 {
		r.saveState(p.url, p.old, p.fresh.Status, fmt.Errorf("%d items failed; the next poll reads the feed in full", n))
		return
	}
	r.saveState(p.url, p.fresh, p.fresh.Status, nil)
}

func resolve(base *url.URL, link string) string {
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return link // Get names the bad URL
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	return u.String()
}

func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// itemArticle makes an article of a feed item's own content: the title is
// the headline, the content (HTML or text) the body.
func itemArticle(name, link, site string, it fetch.Item) (*article.Article, error) {
	body := fragmentText(it.Content)
	title := strings.Join(strings.Fields(it.Title), " ")
	text := body
	if title != "" {
		first, _, _ := strings.Cut(strings.TrimSpace(body), "\n")
		if !strings.EqualFold(strings.TrimSpace(first), title) {
			text = title + "\n\n" + body
		}
	}
	a, err := article.Plain(name, []byte(text))
	if err != nil {
		return nil, err
	}
	if !strings.Contains(a.Text, "\n\n") {
		// A headline alone is no article to extract events from.
		return nil, &article.Error{Name: name, Kind: article.ErrNoText, Err: ErrNoContent}
	}
	a.Path = ""
	a.URL = link
	a.Site = site
	a.Published = day(it.Published)
	return a, nil
}

// fragmentText turns an HTML fragment (or plain text) into text whose
// blocks are separated by blank lines: block elements end a paragraph,
// scripts and styles are dropped, entities are decoded.
func fragmentText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				if tt == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			case atom.P, atom.Div, atom.Br, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
				atom.Li, atom.Blockquote, atom.Article, atom.Section, atom.Tr, atom.Figcaption,
				atom.Pre, atom.Ul, atom.Ol, atom.Table, atom.Figure, atom.Header, atom.Footer, atom.Hr:
				b.WriteString("\n\n")
			}
		}
	}
}
