package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/queue"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/langpacks"

	"github.com/urodata/uro/internal/worker"
)

// queueFlag declares --queue, shared by the commands that use the work queue.
func queueFlag(fs *flag.FlagSet, p *string) {
	fs.StringVar(p, "queue", os.Getenv("URO_QUEUE"), "the NATS server `URL` of the work queue (default $URO_QUEUE); a comma-separated list for a cluster. Example: --queue nats://127.0.0.1:4222")
}

// logger writes slog text (or JSON) lines to w.
func logger(w io.Writer, json bool) *slog.Logger {
	if json {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// openQueue connects to the queue with uro's defaults; the error names the
// URL (without a password).
func openQueue(ctx context.Context, raw string, ackWait time.Duration, log *slog.Logger) (*queue.Queue, error) {
	if raw == "" {
		return nil, usagef("no queue: give --queue nats://HOST:PORT or set URO_QUEUE")
	}
	q, err := queue.Open(ctx, queue.Config{URL: raw, AckWait: ackWait, Logger: log})
	if err != nil {
		return nil, maskedError{maskSecrets(err.Error(), raw), err}
	}
	return q, nil
}

// openStoreMasked is openStore with any password of the DSN hidden in its
// error, so a failure at start can be pasted into an issue.
func openStoreMasked(ctx context.Context, db string) (store.Store, error) {
	st, err := openStore(ctx, db)
	if err != nil {
		msg := maskSecrets(err.Error(), db)
		if shown := maskSecrets(db, db); shown != "" && !strings.Contains(msg, shown) {
			msg = fmt.Sprintf("store %s: %s", shown, msg)
		}
		return nil, maskedError{msg, err}
	}
	return st, nil
}

// maskedError is an error whose message had a password taken out; the
// cause stays reachable for errors.Is.
type maskedError struct {
	msg string
	err error
}

func (e maskedError) Error() string { return e.msg }
func (e maskedError) Unwrap() error { return e.err }

// maskSecrets replaces the passwords of the URLs in raw (a comma-separated
// list) wherever they appear in msg.
func maskSecrets(msg, raw string) string {
	// The URLs go to placeholders first, so that replacing a bare password
	// cannot reach into a URL already masked.
	var shown, pws []string
	// Each server of a list, then the whole: a password may hold a comma.
	for _, p := range append(strings.Split(raw, ","), raw) {
		p = strings.TrimSpace(p)
		u, err := url.Parse(p)
		if err != nil || u.User == nil {
			continue
		}
		if pw, ok := u.User.Password(); ok && pw != "" {
			msg = strings.ReplaceAll(msg, p, fmt.Sprintf("\x00%d\x00", len(shown)))
			shown = append(shown, u.Redacted())
			_, escaped, _ := strings.Cut(u.User.String(), ":")
			for _, s := range []string{pw, escaped} {
				if len(s) >= 3 { // a shorter one would mask unrelated text
					pws = append(pws, s)
				}
			}
		}
	}
	for _, pw := range pws {
		msg = strings.ReplaceAll(msg, pw, "xxxxx")
	}
	for i, s := range shown {
		msg = strings.ReplaceAll(msg, fmt.Sprintf("\x00%d\x00", i), s)
	}
	return msg
}

type workerOptions struct {
	queue, db   string
	concurrency int
	ackWait     time.Duration
	grace       time.Duration
	logJSON     bool
}

var workerCommand = &command{
	name:    "worker",
	summary: "take articles from the work queue, extract them and store them (run as many as you like)",
	usage:   "worker --queue URL [--db PATH|postgres://…] [--concurrency N]",
	help: `Worker pulls articles from the NATS JetStream work queue that 'uro ingest
--queue' and 'uro reprocess' fill, extracts each, stores it in one
transaction and only then acknowledges it, so an article is never lost: one
held by a worker that dies goes to another after --ack-wait. A failing
article is tried again with back-off and, after the last attempt, parked in
the dead-letter stream with its error ('uro queue status' lists them).

Any number of workers, on any number of machines, share the queue and one
store (PostgreSQL for more than one machine); incidents merge correctly
whatever worker stores an article. A queue or database that goes away is
retried with back-off and logged. SIGINT or SIGTERM stops the worker: the
articles in hand are finished, the rest go back to the queue, and a summary
line is printed.

The queue and the store must be reachable at start: otherwise the worker
names them and exits with status 1.`,
	example: `  uro queue serve --dir ./nats &
  uro ingest --queue nats://127.0.0.1:4222 articles/
  uro worker --queue nats://127.0.0.1:4222 --db ./corpus.db
  URO_QUEUE=nats://nats.internal:4222 uro worker --db postgres://uro@db.internal/uro --concurrency 8`,
	flags: func(fs *flag.FlagSet) any {
		o := &workerOptions{}
		queueFlag(fs, &o.queue)
		dbFlag(fs, &o.db)
		fs.IntVar(&o.concurrency, "concurrency", 0, "articles extracted at once: `N` goroutines (0 = one per CPU). Example: --concurrency 4")
		fs.DurationVar(&o.ackWait, "ack-wait", 30*time.Second, "how long an article may be held without a sign of life before it goes to another worker: `DUR` (every worker and ingester should use the same). Example: --ack-wait 1m")
		fs.DurationVar(&o.grace, "grace", 10*time.Second, "on SIGINT/SIGTERM, time `DUR` the articles in hand get to finish. Example: --grace 30s")
		fs.BoolVar(&o.logJSON, "log-json", false, "log as JSON lines instead of text. Example: --log-json")
		return o
	},
	run: runWorker,
}

func runWorker(ctx context.Context, e env, opts any, args []string) error {
	o := opts.(*workerOptions)
	switch {
	case len(args) > 0:
		return usagef("unexpected argument %q (worker takes only flags)", args[0])
	case o.concurrency < 0:
		return usagef("--concurrency %d must not be negative", o.concurrency)
	case o.ackWait <= 0:
		return usagef("--ack-wait %v must be positive", o.ackWait)
	case o.grace <= 0:
		return usagef("--grace %v must be positive", o.grace)
	case o.queue == "":
		return usagef("no queue: give --queue nats://HOST:PORT or set URO_QUEUE")
	}
	log := logger(e.stderr, o.logJSON)
	x, err := extract.New()
	if err != nil {
		return fmt.Errorf("load language packs: %w", err)
	}
	st, err := openStoreMasked(ctx, o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	q, err := openQueue(ctx, o.queue, o.ackWait, log)
	if err != nil {
		return err
	}
	defer q.Close()
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Info("worker: started", "queue", maskSecrets(o.queue, o.queue), "concurrency", o.concurrency)
	start := time.Now()
	stats, err := worker.Run(ctx, q, st, x, worker.Options{Concurrency: o.concurrency, Grace: o.grace, Logger: log})
	fmt.Fprintf(e.stderr, "uro worker: stored %d, duplicates %d, retried %d, parked %d in %s\n",
		stats.Stored, stats.Duplicates, stats.Retried, stats.Parked, time.Since(start).Round(time.Millisecond))
	if err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

type reprocessOptions struct {
	queue, db, since, generation string
}

var reprocessCommand = &command{
	name:    "reprocess",
	summary: "queue stored articles again so that workers extract them anew (after a language-pack upgrade)",
	usage:   "reprocess --since YYYY-MM-DD --queue URL [--db PATH|postgres://…]",
	help: `Reprocess puts the stored articles published or fetched on or after
--since back on the work queue, marked so that the worker that takes each
one replaces its stored findings (events, figures, incident membership)
with a fresh extraction instead of skipping it as already stored. Use it
after upgrading uro or its language packs; 'uro worker' does the work.

Each article is queued with the id "<document id>@<generation>". The
generation is by default a hash of the language packs, so running
reprocess twice with the same packs queues nothing new (within the queue's
duplicate window, 24 hours), while new packs queue everything again.`,
	example: `  uro reprocess --since 2025-01-01 --queue nats://127.0.0.1:4222 --db ./corpus.db
  uro reprocess --since 2024-06-01 --generation rerun-2 --db postgres://uro@db.internal/uro`,
	flags: func(fs *flag.FlagSet) any {
		o := &reprocessOptions{}
		queueFlag(fs, &o.queue)
		dbFlag(fs, &o.db)
		fs.StringVar(&o.since, "since", "", "queue articles published or fetched on or after `YYYY-MM-DD`. Example: --since 2025-01-01")
		fs.StringVar(&o.generation, "generation", "", "the `NAME` that makes this reprocessing distinct (default: a hash of the language packs). Example: --generation rerun-2")
		return o
	},
	run: runReprocess,
}

func runReprocess(ctx context.Context, e env, opts any, args []string) error {
	o := opts.(*reprocessOptions)
	if len(args) > 0 {
		return usagef("unexpected argument %q (reprocess takes only flags)", args[0])
	}
	if o.since == "" {
		return usagef("no --since: give the first day to reprocess, YYYY-MM-DD")
	}
	since, err := flagDate("since", o.since)
	if err != nil {
		return err
	}
	if o.queue == "" {
		return usagef("no queue: give --queue nats://HOST:PORT or set URO_QUEUE")
	}
	gen := o.generation
	if gen == "" {
		if gen, err = packVersion(langpacks.FS); err != nil {
			return err
		}
	}
	log := logger(e.stderr, false)
	st, err := openStoreMasked(ctx, o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	q, err := openQueue(ctx, o.queue, 0, log)
	if err != nil {
		return err
	}
	defer q.Close()
	n, err := reprocess(ctx, st, q, since, gen)
	fmt.Fprintf(e.stderr, "uro reprocess: queued %d articles (generation %s)\n", n, gen)
	return err
}

// reprocess queues every stored article published or fetched on or after
// since, and returns how many it queued.
func reprocess(ctx context.Context, st store.Store, q *queue.Queue, since time.Time, gen string) (int, error) {
	day := since.Format(time.DateOnly)
	n := 0
	f := store.Filter{Limit: 500}
	for {
		page, err := st.Articles(ctx, f)
		if err != nil {
			return n, fmt.Errorf("list stored articles: %w", err)
		}
		for _, row := range page.Items {
			if row.Published < day && row.Fetched.Before(since) {
				continue
			}
			doc, err := st.Document(ctx, row.ID)
			if err != nil {
				return n, fmt.Errorf("read stored article %s: %w", row.ID, err)
			}
			if doc.Text == nil {
				return n, fmt.Errorf("stored article %s has no text", row.ID)
			}
			a := &article.Article{Title: row.Title, Text: *doc.Text, URL: row.URL, Site: row.Site, Path: row.Path, Lang: row.Lang}
			if row.Published != "" {
				if a.Published, err = time.Parse(time.DateOnly, row.Published); err != nil {
					return n, fmt.Errorf("stored article %s: published %q: %w", row.ID, row.Published, err)
				}
			}
			if err := q.PublishReprocess(ctx, a, gen); err != nil {
				return n, err
			}
			n++
		}
		if page.Next == "" {
			return n, nil
		}
		f.Cursor = page.Next
	}
}

// packVersion is a short hash of every language-pack file: it changes
// exactly when the packs do.
func packVersion(fsys fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hash language packs: %w", err)
	}
	return "packs-" + hex.EncodeToString(h.Sum(nil))[:12], nil
}
