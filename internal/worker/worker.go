// Package worker owns the loop of a `uro worker` process: it pulls articles
// from the work queue, extracts them, stores each in one transaction, and
// only then acks it; failures are retried with back-off and, when they keep
// failing, parked in the queue's dead-letter stream.
package worker

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/queue"
	"github.com/urodata/uro/internal/store"
)

// Options tune a worker. Zero values pick the defaults.
type Options struct {
	// Concurrency is how many articles are extracted at once; 0 means GOMAXPROCS.
	Concurrency int
	// Batch is how many articles one pull asks for; 0 means 2×Concurrency.
	Batch int
	// Wait is how long an idle pull waits for work; 0 means 5s.
	Wait time.Duration
	// Heartbeat is how often held articles are reported in progress; 0
	// means a third of the queue's AckWait.
	Heartbeat time.Duration
	// Grace is how long articles being processed may take to finish after
	// ctx ends; 0 means 10s. Articles not started go back to the queue.
	Grace time.Duration
	// Extract is passed to the extractor (IncludeText is always set: the
	// store keeps the text).
	Extract extract.Options
	// Logger; nil means slog.Default().
	Logger *slog.Logger
}

// Stats counts what a worker did.
type Stats struct {
	Stored     int64 // articles new to the store
	Duplicates int64 // articles the store already had
	Retried    int64 // failed attempts that will be tried again
	Parked     int64 // articles moved to the dead-letter stream
}

// Run works until ctx ends, then finishes the articles in hand (within
// Grace), returns the rest to the queue and returns with a nil error. It
// returns an error only when the queue is closed under it. Connection
// trouble is logged and retried with back-off.
func Run(ctx context.Context, q *queue.Queue, st store.Store, x *extract.Extractor, opt Options) (Stats, error) {
	if x == nil {
		return Stats{}, errors.New("worker: no extractor")
	}
	return run(ctx, q, st, x.Extract, opt)
}

// extractFunc is Extractor.Extract; tests pass their own.
type extractFunc func(context.Context, *article.Article, extract.Options) (*document.Document, error)

type worker struct {
	q     *queue.Queue
	st    store.Store
	ex    extractFunc
	opt   Options
	log   *slog.Logger
	stats struct{ stored, dups, retried, parked atomic.Int64 }

	mu   sync.Mutex
	held map[*queue.Job]struct{}
}

func run(ctx context.Context, q *queue.Queue, st store.Store, ex extractFunc, opt Options) (Stats, error) {
	if opt.Concurrency <= 0 {
		opt.Concurrency = runtime.GOMAXPROCS(0)
	}
	if opt.Batch <= 0 {
		opt.Batch = 2 * opt.Concurrency
	}
	if opt.Wait <= 0 {
		opt.Wait = 5 * time.Second
	}
	if opt.Heartbeat <= 0 {
		opt.Heartbeat = q.AckWait() / 3
	}
	if opt.Grace <= 0 {
		opt.Grace = 10 * time.Second
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	opt.Extract.IncludeText = true
	w := &worker{q: q, st: st, ex: ex, opt: opt, log: opt.Logger, held: map[*queue.Job]struct{}{}}

	// Work started before ctx ended may finish within Grace: stopping must
	// not turn a good article into a failed attempt.
	workCtx, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	stopGrace := context.AfterFunc(ctx, func() { time.AfterFunc(opt.Grace, cancelWork) })
	defer stopGrace()

	hbCtx, stopHB := context.WithCancel(context.Background())
	var hbDone sync.WaitGroup
	hbDone.Go(func() { w.heartbeats(hbCtx) })

	jobs := make(chan *queue.Job)
	var wg sync.WaitGroup
	for range opt.Concurrency {
		wg.Go(func() {
			for j := range jobs {
				w.handle(workCtx, j)
			}
		})
	}
	err := w.pull(ctx, jobs)
	close(jobs)
	wg.Wait()
	stopHB()
	hbDone.Wait()
	return Stats{
		Stored: w.stats.stored.Load(), Duplicates: w.stats.dups.Load(),
		Retried: w.stats.retried.Load(), Parked: w.stats.parked.Load(),
	}, err
}

// pull fetches batches and hands their jobs to the workers until ctx ends.
func (w *worker) pull(ctx context.Context, jobs chan<- *queue.Job) error {
	failures := 0
	for ctx.Err() == nil {
		batch, err := w.q.Fetch(ctx, w.opt.Batch, w.opt.Wait)
		w.track(batch...)
		if err != nil {
			if w.q.Closed() {
				w.release(batch)
				return fmt.Errorf("worker: %w", err)
			}
			d := min(100*time.Millisecond<<min(failures, 6), 5*time.Second)
			failures++
			w.log.Warn("worker: fetch failed, retrying", "attempt", failures, "retry_in", d, "err", err)
			if len(batch) == 0 {
				sleepCtx(ctx, d)
				continue
			}
		} else if failures > 0 {
			w.log.Info("worker: fetching again", "after_failures", failures)
			failures = 0
		}
		for i, j := range batch {
			select {
			case jobs <- j:
			case <-ctx.Done():
				w.release(batch[i:])
				return nil
			}
		}
	}
	return nil
}

func (w *worker) release(jobs []*queue.Job) {
	for _, j := range jobs {
		if err := j.Release(); err != nil {
			w.log.Warn("worker: cannot return article to the queue; it comes back after AckWait", "id", j.ID, "err", err)
		}
		w.untrack(j)
	}
}

// handle extracts and stores one article and settles its job.
func (w *worker) handle(ctx context.Context, j *queue.Job) {
	defer w.untrack(j)
	doc, err := w.extract(ctx, j.Article)
	var added bool
	if err == nil {
		added, err = w.saveWaiting(ctx, j, doc)
	}
	switch {
	case err == nil:
		if added {
			w.stats.stored.Add(1)
		} else {
			w.stats.dups.Add(1)
		}
		if aerr := j.Ack(ctx); aerr != nil {
			// Stored already: the redelivery will find it in the store.
			w.log.Warn("worker: ack failed; the article will come back and be found stored", "id", j.ID, "err", aerr)
		}
	case ctx.Err() != nil:
		// Stopped past the grace period: not the article's fault.
		w.release([]*queue.Job{j})
	case permanent(err):
		w.stats.parked.Add(1)
		if perr := j.Park(ctx, err); perr != nil {
			w.log.Error("worker: cannot park article", "id", j.ID, "err", perr, "cause", err)
		}
	default:
		parked, rerr := j.Retry(ctx, err)
		if parked {
			w.stats.parked.Add(1)
		} else {
			w.stats.retried.Add(1)
			w.log.Warn("worker: article failed, will retry", "id", j.ID, "url", j.Article.URL,
				"path", j.Article.Path, "attempt", j.Attempt, "err", err)
		}
		if rerr != nil {
			w.log.Error("worker: cannot settle failed article; it comes back after AckWait", "id", j.ID, "err", rerr, "cause", err)
		}
	}
}

// save stores doc: a reprocess job replaces what the store has, any
// other adds it unless it is stored already.
func (w *worker) save(ctx context.Context, j *queue.Job, doc *document.Document) (added bool, err error) {
	if j.Reprocess {
		if err := w.st.Replace(ctx, doc, store.Meta{}); err != nil {
			return false, fmt.Errorf("store: replace: %w", err)
		}
		return true, nil
	}
	added, err = w.st.Put(ctx, doc, store.Meta{})
	if err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	return added, nil
}

// saveWaiting is save that, while the store is unavailable (down,
// restarting, overloaded, a deadlock), keeps the job and tries again with
// back-off until ctx ends: an outage of the database is not the article's
// fault, so it must not use up the article's attempts and park it.
func (w *worker) saveWaiting(ctx context.Context, j *queue.Job, doc *document.Document) (bool, error) {
	for failures := 0; ; failures++ {
		added, err := w.save(ctx, j, doc)
		if err == nil || !unavailable(err) || ctx.Err() != nil {
			if err == nil && failures > 0 {
				w.log.Info("worker: store available again", "id", j.ID, "after_failures", failures)
			}
			return added, err
		}
		d := min(100*time.Millisecond<<min(failures, 9), 30*time.Second)
		w.log.Warn("worker: store unavailable, retrying", "id", j.ID, "attempt", failures+1, "retry_in", d, "err", err)
		sleepCtx(ctx, d)
	}
}

// unavailable reports whether a store error is the database's state rather
// than the article's: no connection, a server shutting down or starting,
// a serialisation failure or deadlock, a busy SQLite file.
func unavailable(err error) bool {
	var ne net.Error
	if errors.Is(err, driver.ErrBadConn) || errors.As(err, &ne) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, sql.ErrConnDone) {
		return true
	}
	var pg interface{ SQLState() string } // PostgreSQL (pgconn.PgError)
	if errors.As(err, &pg) {
		c := pg.SQLState()
		return strings.HasPrefix(c, "08") || strings.HasPrefix(c, "57") || c == "40001" || c == "40P01" || c == "53300"
	}
	var lite interface{ Code() int } // SQLite (modernc.org/sqlite.Error)
	if errors.As(err, &lite) {
		c := lite.Code() & 0xff
		return c == 5 || c == 6 // SQLITE_BUSY, SQLITE_LOCKED
	}
	return false
}

// errPanic marks an extraction that panicked: the same text would panic
// again, so it is not retried.
var errPanic = errors.New("extraction panicked")

func (w *worker) extract(ctx context.Context, a *article.Article) (doc *document.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			w.log.Error("worker: extraction panicked", "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("%w: %v", errPanic, r)
		}
	}()
	doc, err = w.ex(ctx, a, w.opt.Extract)
	if ie, ok := errors.AsType[*extract.InternalError](err); ok {
		// Extract recovered a panic of its own: the same, and as permanent.
		w.log.Error("worker: extraction panicked", "panic", ie.Value, "stack", string(ie.Stack))
		return nil, fmt.Errorf("%w: %w", errPanic, err)
	}
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	return doc, nil
}

// permanent reports whether retrying err cannot help: the article has no
// language pack, extraction panicked on it, or the store cannot replace.
func permanent(err error) bool {
	return errors.Is(err, extract.ErrLanguage) || errors.Is(err, errPanic)
}

func (w *worker) track(jobs ...*queue.Job) {
	w.mu.Lock()
	for _, j := range jobs {
		w.held[j] = struct{}{}
	}
	w.mu.Unlock()
}

func (w *worker) untrack(j *queue.Job) {
	w.mu.Lock()
	delete(w.held, j)
	w.mu.Unlock()
}

// heartbeats keeps every held job, waiting or in progress, from being
// redelivered while this worker has it.
func (w *worker) heartbeats(ctx context.Context) {
	t := time.NewTicker(w.opt.Heartbeat)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		w.mu.Lock()
		held := make([]*queue.Job, 0, len(w.held))
		for j := range w.held {
			held = append(held, j)
		}
		w.mu.Unlock()
		for _, j := range held {
			if err := j.Heartbeat(); err != nil {
				w.log.Debug("worker: heartbeat failed", "id", j.ID, "err", err)
			}
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
