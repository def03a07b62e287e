package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/fetch"
	"github.com/urodata/uro/internal/ingest"
)

type ingestOptions struct {
	db       string
	queue    string
	follow   bool
	watch    time.Duration
	lang     string
	workers  int
	rate     float64
	timeout  time.Duration
	maxBytes int64
}

var ingestCommand = &command{
	name:    "ingest",
	summary: "read articles from files, folders, pages and feeds into the store",
	usage:   "ingest [--db PATH] [--follow] [--watch DUR] [--lang LANG] [--workers N] SOURCE…",
	help: `Ingest reads articles, extracts what happened in them and keeps them in
the store, where 'uro events', 'uro incidents' and 'uro export' find them.

A SOURCE is a file, a folder, or an http(s) URL. Folders are read
recursively: .txt and .html/.htm files are articles, .jsonl files are JSON
Lines batches (as for 'uro extract --jsonl'); other files and hidden folders
are skipped. A URL is a web page (its main text is extracted) or an RSS,
Atom or JSON feed, whose items become articles: from the content the feed
carries, or with --follow from the pages the items link to.

Each article is stored once: one with the same text or the same URL as a
stored one is skipped (and a stored URL is not fetched again), so ingesting
the same sources again changes nothing. Feeds are fetched with conditional
GET (ETag, Last-Modified), at most --rate requests a second to one host,
with uro's User-Agent.

A bad file, line, item or page is named on standard error with its problem
and the rest goes on. A summary line ends the run. The exit status is 1
when nothing could be read.`,
	example: `  uro ingest examples/ && uro incidents
  uro ingest --db corpus.db articles/ batch.jsonl
  uro ingest --follow https://example.org/news/rss.xml
  uro ingest --follow --watch 15m https://example.org/news/rss.xml`,
	flags: func(fs *flag.FlagSet) any {
		o := &ingestOptions{}
		dbFlag(fs, &o.db)
		fs.StringVar(&o.queue, "queue", "", "publish each new article to the work queue at NATS `URL` for 'uro worker' instead of storing it here. Example: --queue nats://127.0.0.1:4222")
		fs.BoolVar(&o.follow, "follow", false, "for feed items, fetch the page each item links to and extract it, instead of the item's own text. Example: --follow")
		fs.DurationVar(&o.watch, "watch", 0, "poll the feeds again every `DUR` until interrupted (Ctrl-C); 0 reads them once. Example: --watch 15m")
		fs.StringVar(&o.lang, "lang", "auto", "language `LANG` of the articles: auto, or the code of a language pack (da, en); a JSON Lines record's own language wins. Example: --lang da")
		fs.IntVar(&o.workers, "workers", 0, "articles read and extracted at once: `N` goroutines (0 = one per CPU). Example: --workers 4")
		fs.Float64Var(&o.rate, "rate", fetch.DefaultRate, "at most `R` requests a second to one web host. Example: --rate 0.5")
		fs.DurationVar(&o.timeout, "timeout", fetch.DefaultTimeout, "give up on a web request after `DUR`, body included. Example: --timeout 10s")
		fs.Int64Var(&o.maxBytes, "max-bytes", article.DefaultMaxBytes, "largest file, JSON Lines line or web page `N` in bytes that is read. Example: --max-bytes 5000000")
		return o
	},
	run: runIngest,
}

func runIngest(ctx context.Context, e env, opts any, args []string) error {
	o := opts.(*ingestOptions)
	if len(args) == 0 {
		return usagef("no sources: name files, folders or URLs")
	}
	switch {
	case o.watch < 0:
		return usagef("--watch %v must not be negative", o.watch)
	case o.workers < 0:
		return usagef("--workers %d must not be negative", o.workers)
	case o.rate <= 0:
		return usagef("--rate %v must be positive", o.rate)
	case o.timeout <= 0:
		return usagef("--timeout %v must be positive", o.timeout)
	case o.maxBytes <= 0:
		return usagef("--max-bytes %d must be positive", o.maxBytes)
	}
	if o.watch > 0 {
		urls := false
		for _, a := range args {
			urls = urls || strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://")
		}
		if !urls {
			return usagef("--watch polls feeds: name at least one feed URL")
		}
	}
	x, err := extract.New()
	if err != nil {
		return fmt.Errorf("load language packs: %w", err)
	}
	if o.lang != "auto" && !x.HasLang(o.lang) {
		return usagef("--lang %q has no language pack (have auto, %s)", o.lang, joinComma(x.Langs()))
	}
	st, err := openStore(ctx, o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	f := fetch.New(fetch.Options{Version: uaVersion(), Timeout: o.timeout, MaxBytes: o.maxBytes, Rate: o.rate})
	iopt := ingest.Options{
		Follow: o.follow, Watch: o.watch, Workers: o.workers, Lang: o.lang, MaxBytes: o.maxBytes,
		Report: func(name string, err error) {
			fmt.Fprintf(e.stderr, "uro ingest: %s: %v\n", name, err)
			printStack(e.stderr, err)
		},
	}
	if o.queue != "" {
		// Articles go to the work queue unextracted; 'uro worker' extracts
		// and stores them. The store still answers "seen before?".
		q, err := openQueue(ctx, o.queue, 0, logger(e.stderr, false))
		if err != nil {
			return err
		}
		defer q.Close()
		iopt.Publish = q.Publish
	}
	if isTerminal(e.stderr) {
		iopt.Progress = e.stderr
	}
	stats, runErr := ingest.New(st, x, f, iopt).Run(ctx, args)
	fmt.Fprintf(e.stderr, "uro ingest: %s\n", summary(stats))
	if runErr != nil {
		return runErr
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	if stats.Read() == 0 && stats.NotModified == 0 {
		fmt.Fprintln(e.stderr, "uro ingest: nothing could be read")
		return exitError{1}
	}
	return nil
}

func summary(s ingest.Stats) string {
	out := fmt.Sprintf("added %d, skipped %d, errors %d", s.Added, s.Skipped, s.Errors)
	if s.Polls > 0 {
		out += fmt.Sprintf(" (feeds: %d fetched, %d not modified)", s.Polls, s.NotModified)
	}
	return out
}

// isTerminal reports whether w is a terminal: the progress bar is for a
// person watching, never for a log file or a pipe.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// uaVersion is the version for the User-Agent: one word, no build details.
func uaVersion() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
