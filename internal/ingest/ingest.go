// Package ingest owns filling the store from sources: files, folders,
// JSON Lines batches, web pages and RSS/Atom/JSON feeds. It reads or fetches
// each article, extracts it on a pool of workers and stores it once; a
// problem with one item is reported and counted and the rest goes on.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/fetch"
	"github.com/urodata/uro/internal/store"
)

// Options steer a run.
type Options struct {
	// Follow fetches the page each feed item links to and extracts it,
	// instead of reading the item's own content.
	Follow bool
	// Watch, when positive, polls the feeds again every Watch until the
	// context ends; zero reads every source once.
	Watch time.Duration
	// Workers is how many articles are read and extracted at once; 0 means
	// GOMAXPROCS.
	Workers int
	// Lang is "auto" (or "") to identify each article's language, or the
	// code of a pack. A JSON Lines record's own "language" wins.
	Lang string
	// MaxBytes bounds one file or JSON Lines line; 0 means article.DefaultMaxBytes.
	MaxBytes int64
	// Progress, when not nil, shows a progress bar there (articles/s,
	// errors). Pass a terminal only.
	Progress io.Writer
	// Report receives every per-item problem: what failed (a path, a URL,
	// "file.jsonl:12") and why. Calls never overlap. nil drops them (they
	// are still counted).
	Report func(name string, err error)
	// Publish, when not nil, receives each new article instead of the
	// extractor and the store: 'uro ingest --queue' hands articles to the
	// work queue, and the workers extract and store them. It counts as added.
	Publish func(ctx context.Context, a *article.Article) error
}

// Stats counts what a run did.
type Stats struct {
	Added       int // articles stored
	Skipped     int // articles already stored (same URL or same text)
	Errors      int // inputs, items and pages that failed
	Polls       int // feed fetches
	NotModified int // feed fetches answered 304 Not Modified
}

// Read is how many articles were read, new or already stored.
func (s Stats) Read() int { return s.Added + s.Skipped }

// Ingester fills a store. Run may be called more than once, not at once.
type Ingester struct {
	store store.Store
	x     *extract.Extractor
	fetch *fetch.Client
	opt   Options
}

// New returns an ingester writing to st, extracting with x and fetching
// with f (which may be nil when no source is a URL).
func New(st store.Store, x *extract.Extractor, f *fetch.Client, opt Options) *Ingester {
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = article.DefaultMaxBytes
	}
	if opt.Lang == "" {
		opt.Lang = "auto"
	}
	return &Ingester{store: st, x: x, fetch: f, opt: opt}
}

// job is one article to read, extract and store.
type job struct {
	name string
	// url, when set, is the article's source URL: a stored one is not read
	// (nor fetched) again.
	url  string
	read func(ctx context.Context) (*article.Article, error)
	meta store.Meta
	poll *poll // the feed poll the item came from, or nil
}

type result struct {
	job  *job
	doc  *document.Document
	prep store.Prepared // doc made ready for the store, when it can be
	skip bool           // found stored before extraction
	sent bool           // handed to Options.Publish
	err  error
}

// run is the state of one Run.
type run struct {
	in   *Ingester
	ctx  context.Context
	jobs chan *job

	mu    sync.Mutex // guards stats, bar and Report
	stats Stats
	bar   *progressbar.ProgressBar
}

// Run ingests the sources: paths of files and folders and http(s) URLs of
// pages and feeds. It returns when every source was read (or, with Watch,
// when ctx ends). Per-item problems are reported and counted, never
// returned; the error is for the run as a whole (the context ended before
// the sources were read).
func (in *Ingester) Run(ctx context.Context, sources []string) (Stats, error) {
	r := &run{in: in, ctx: ctx, jobs: make(chan *job, 4*in.opt.Workers)}
	if in.opt.Progress != nil {
		r.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(in.opt.Progress),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	// A batch's worth of results can wait for the writer, so that the
	// workers go on extracting while it writes the last batch: writing is
	// the slower half, and it is single.
	results := make(chan result, max(maxBatch, 4*in.opt.Workers))
	var workers sync.WaitGroup
	for range in.opt.Workers {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for j := range r.jobs {
				if ctx.Err() != nil {
					continue // drain: an interrupted run stores nothing more
				}
				results <- r.process(j)
			}
		}()
	}
	// One writer: the store serialises writes anyway, and one goroutine
	// keeps the counts and feed states in step with what was stored.
	wrote := make(chan struct{})
	go func() {
		defer close(wrote)
		r.writeAll(results)
	}()

	r.produce(sources)

	close(r.jobs)
	workers.Wait()
	close(results)
	<-wrote
	if r.bar != nil {
		_ = r.bar.Finish()
	}
	if err := ctx.Err(); err != nil && in.opt.Watch <= 0 {
		return r.stats, fmt.Errorf("ingest interrupted: %w", err)
	}
	return r.stats, nil
}

// process reads and extracts one article (in a worker).
func (r *run) process(j *job) result {
	ctx := r.ctx
	if j.url != "" {
		has, err := r.in.store.HasURL(ctx, j.url)
		if err != nil {
			return result{job: j, err: fmt.Errorf("look up %s in the store: %w", j.url, err)}
		}
		if has {
			return result{job: j, skip: true}
		}
	}
	a, err := j.read(ctx)
	if err != nil {
		return result{job: j, err: err}
	}
	// The same text stored before is not extracted again: the document id
	// is the hash of the normalised text, which extraction keeps as it is.
	has, err := r.in.store.Has(ctx, document.ID(a.Text))
	if err != nil {
		return result{job: j, err: fmt.Errorf("look up %s in the store: %w", j.name, err)}
	}
	if has {
		return result{job: j, skip: true}
	}
	if pub := r.in.opt.Publish; pub != nil {
		if a.Lang == "" && r.in.opt.Lang != "auto" {
			a.Lang = r.in.opt.Lang
		}
		if err := pub(ctx, a); err != nil {
			return result{job: j, err: &storeError{fmt.Errorf("publish: %w", err)}}
		}
		return result{job: j, sent: true}
	}
	xo := extract.Options{Lang: r.in.opt.Lang, IncludeText: true}
	if a.Lang != "" {
		xo.Lang = a.Lang
	}
	doc, err := r.in.x.Extract(ctx, a, xo)
	if err != nil {
		return result{job: j, err: fmt.Errorf("extract: %w", err)}
	}
	// What the store can do without the database is done here, on the
	// workers, so that the one writer only writes.
	if p, ok := r.in.store.(store.Preparer); ok {
		prep, err := p.Prepare(doc, j.meta)
		if err != nil {
			return result{job: j, err: &storeError{fmt.Errorf("store: %w", err)}}
		}
		return result{job: j, doc: doc, prep: prep}
	}
	return result{job: j, doc: doc}
}

// batcher is a store that can write many articles in one transaction
// (sqlstore does): one commit, and its fsync, for a batch instead of each.
type batcher interface {
	PutMany(ctx context.Context, docs []*document.Document, meta store.Meta) ([]bool, error)
}

// A batch is written when it holds maxBatch articles or is maxBatchWait
// old: a commit (and the full-text index flush that goes with it) costs
// about as much as storing a few articles, and a crash or an interruption
// loses at most one batch's worth of work, which the next run redoes.
const (
	maxBatch     = 128
	maxBatchWait = 50 * time.Millisecond
)

// writeAll stores the results as they come (in the one writer goroutine),
// in batches when the store can write many at once.
func (r *run) writeAll(results <-chan result) {
	b, _ := r.in.store.(batcher)
	var batch []result
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	flush := func() {
		timer.Stop()
		r.flush(b, batch)
		batch = batch[:0]
	}
	for {
		var res result
		var ok bool
		if len(batch) == 0 {
			res, ok = <-results
		} else {
			select {
			case res, ok = <-results:
			case <-timer.C:
				flush()
				continue
			}
		}
		if !ok {
			break
		}
		if b != nil && res.err == nil && !res.skip && !res.sent && (len(batch) == 0 || batch[0].job.meta == res.job.meta) {
			batch = append(batch, res)
			if len(batch) == 1 {
				timer.Reset(maxBatchWait)
			}
			if len(batch) >= maxBatch {
				flush()
			}
			continue
		}
		flush()
		r.write(res)
	}
	flush()
}

// flush stores a batch in one transaction; when that fails, each article is
// stored on its own so that the one at fault is named and the rest kept.
func (r *run) flush(b batcher, batch []result) {
	if len(batch) == 0 {
		return
	}
	if len(batch) == 1 || r.ctx.Err() != nil {
		for _, res := range batch {
			r.write(res)
		}
		return
	}
	added, err := r.putMany(b, batch)
	if err != nil {
		for _, res := range batch {
			r.write(res)
		}
		return
	}
	for i, res := range batch {
		r.account(res, added[i], nil)
	}
}

// putMany stores a batch in one transaction, prepared when it was.
func (r *run) putMany(b batcher, batch []result) ([]bool, error) {
	if p, ok := b.(store.Preparer); ok && batch[0].prep != nil {
		preps := make([]store.Prepared, len(batch))
		for i, res := range batch {
			preps[i] = res.prep
		}
		return p.PutPrepared(r.ctx, preps)
	}
	docs := make([]*document.Document, len(batch))
	for i, res := range batch {
		docs[i] = res.doc
	}
	return b.PutMany(r.ctx, docs, batch[0].job.meta)
}

// write stores one result and counts it.
func (r *run) write(res result) {
	err := res.err
	added := false
	if res.sent {
		r.account(res, true, nil)
		return
	}
	if err == nil && !res.skip && r.ctx.Err() == nil {
		if p, ok := r.in.store.(store.Preparer); ok && res.prep != nil {
			var a []bool
			if a, err = p.PutPrepared(r.ctx, []store.Prepared{res.prep}); err == nil {
				added = a[0]
			}
		} else {
			added, err = r.in.store.Put(r.ctx, res.doc, res.job.meta)
		}
		if err != nil {
			err = &storeError{fmt.Errorf("store: %w", err)}
		}
	}
	r.account(res, added, err)
}

// account counts a stored (or failed) result and finishes its feed poll.
func (r *run) account(res result, added bool, err error) {
	if r.ctx.Err() != nil {
		return // interrupted: not counted; a feed keeps its old validators
	}
	switch {
	case err != nil:
		r.fail(res.job.name, err)
	case added:
		r.count(func(s *Stats) { s.Added++ })
	default:
		r.count(func(s *Stats) { s.Skipped++ })
	}
	if p := res.job.poll; p != nil {
		r.itemDone(p, err)
	}
}

// storeError marks a failure of the store, as opposed to the article.
type storeError struct{ err error }

func (e *storeError) Error() string { return e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }

// count changes the stats and moves the bar by one article.
func (r *run) count(f func(*Stats)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f(&r.stats)
	if r.bar != nil {
		_ = r.bar.Add(1)
	}
}

// fail reports and counts one problem.
func (r *run) fail(name string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stats.Errors++
	if r.bar != nil {
		_ = r.bar.Clear()
		r.bar.Describe(fmt.Sprintf("ingest (errors: %d)", r.stats.Errors))
		_ = r.bar.Add(1)
	}
	if r.in.opt.Report != nil {
		r.in.opt.Report(name, err)
	}
}

// transient reports whether err may go away on its own (a server or network
// failure, the store), so a feed's validators must not be advanced past it.
func transient(err error) bool {
	var se *storeError
	if errors.As(err, &se) {
		return true
	}
	var fe *fetch.Error
	return errors.As(err, &fe) && !errors.Is(err, fetch.ErrScheme)
}
