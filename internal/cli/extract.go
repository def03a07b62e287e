package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/extract"
)

type extractOptions struct {
	published string
	lang      string
	url       string
	text      bool
	format    string
	jsonl     bool
	maxBytes  int64
}

var extractCommand = &command{
	name:    "extract",
	summary: "read articles and print what happened in them as uro.document/v1",
	usage:   "extract [flags] FILE…\nextract [flags] -\nextract --jsonl [flags] [FILE…]",
	help: `Extract reads news articles and writes one uro.document/v1 per article
(the contract in docs/document-v1-extensions.md and ../shared/spec/document-v1.md):
the language, the sentences, the people and organisations with their roles,
quotes with their speakers, photo credits, time expressions resolved against
the publication date, and numbers with what they count.

An article is a plain-text file (first line the headline, then paragraphs
separated by blank lines) or an HTML page (the main text is extracted). "-"
reads one article from standard input. With --jsonl, every input is JSON Lines:
one article per line, {"id":…,"text":…,"title":…,"published":…,"language":…,"url":…},
and one document is written per line in input order; a bad line yields
{"id":…,"error":…} and the batch goes on.

With one input and --format json the document is indented; with several
inputs (or --jsonl) each document is one line of JSON. A bad input is named on
standard error and the others still run; the exit status is then 1.`,
	example: `  uro extract examples/da-aarhus-demonstration.txt --published 2024-03-09
  uro extract --format text --published 2022-01-06 ../shared/examples/da-kasakhstan-2022-01-06.txt
  curl -s https://example.org/story.html | uro extract --url https://example.org/story.html -
  uro extract --jsonl articles.jsonl > documents.jsonl`,
	flags: func(fs *flag.FlagSet) any {
		o := &extractOptions{}
		fs.StringVar(&o.published, "published", "", "publication date `YYYY-MM-DD` that relative dates (\"torsdag\", \"yesterday\") are resolved against; overrides the page's own date. Without any date, relative dates stay unresolved. Example: --published 2022-01-06")
		fs.StringVar(&o.lang, "lang", "auto", "language of the articles: auto, or the code of a language pack (da, en). Example: --lang da")
		fs.StringVar(&o.url, "url", "", "the article's `URL`, recorded in source.url (and used to read HTML metadata). Example: --url https://example.org/a.html")
		fs.BoolVar(&o.text, "text", false, "include the normalised article text and its blocks in the output, so offsets can be checked. Example: --text")
		fs.StringVar(&o.format, "format", "json", "output format: json (uro.document/v1) or text (a readable summary for a person at a terminal). Example: --format text")
		fs.BoolVar(&o.jsonl, "jsonl", false, "read JSON Lines articles (one per line) from the files, or standard input when none is given. Example: --jsonl batch.jsonl")
		fs.Int64Var(&o.maxBytes, "max-bytes", article.DefaultMaxBytes, "largest input `N` in bytes (one file, or one JSON Lines line) that is read. Example: --max-bytes 1000000")
		return o
	},
	run: runExtract,
}

func runExtract(ctx context.Context, e env, opts any, args []string) error {
	o := opts.(*extractOptions)
	var published time.Time
	if o.published != "" {
		t, err := time.Parse(time.DateOnly, o.published)
		if err != nil {
			return usagef("--published %q is not a date YYYY-MM-DD", o.published)
		}
		published = t
	}
	if o.format != "json" && o.format != "text" {
		return usagef("--format %q is not json or text", o.format)
	}
	if o.maxBytes <= 0 {
		return usagef("--max-bytes %d must be positive", o.maxBytes)
	}
	x, err := extract.New()
	if err != nil {
		return fmt.Errorf("load language packs: %w", err)
	}
	if o.lang != "auto" && !x.HasLang(o.lang) {
		return usagef("--lang %q has no language pack (have auto, %s)", o.lang, joinComma(x.Langs()))
	}
	xo := extract.Options{Lang: o.lang, Published: published, IncludeText: o.text, URL: o.url}
	ro := article.Options{MaxBytes: o.maxBytes, URL: o.url}
	w := newWriter(e.stdout, o.format)
	if o.jsonl {
		return runJSONL(ctx, e, x, xo, ro, args, w)
	}
	if len(args) == 0 {
		return usagef("no input: name one or more files, or - for standard input")
	}
	w.indent = len(args) == 1
	failed := false
	var buf extract.Buffer // each document is written out before the next
	for _, path := range args {
		if err := ctx.Err(); err != nil {
			return err
		}
		var a *article.Article
		if path == "-" {
			a, err = article.Read(ctx, "-", e.stdin, ro)
		} else {
			a, err = article.ReadFile(ctx, path, ro)
		}
		if err == nil {
			var doc *document.Document
			doc, err = x.ExtractTo(ctx, a, xo, &buf)
			if err == nil {
				for _, warn := range doc.Warnings {
					fmt.Fprintf(e.stderr, "uro extract: %s: warning: %s\n", nameOf(path), warn)
				}
				err = w.write(doc)
			}
		}
		if err != nil {
			if errors.Is(err, errWrite) {
				return err
			}
			fmt.Fprintf(e.stderr, "uro extract: %s: %v\n", nameOf(path), err)
			printStack(e.stderr, err)
			failed = true
		}
	}
	if failed {
		return exitError{1}
	}
	return nil
}

func nameOf(path string) string {
	if path == "-" {
		return "standard input"
	}
	return path
}

// runJSONL extracts a JSON Lines batch: one document per line, in input
// order; a bad line becomes an error object and the batch goes on.
func runJSONL(ctx context.Context, e env, x *extract.Extractor, xo extract.Options, ro article.Options, args []string, w *writer) error {
	if len(args) == 0 {
		args = []string{"-"}
	}
	bad := 0
	var buf extract.Buffer // each document is written out before the next
	for _, path := range args {
		var r io.Reader
		if path == "-" {
			r = e.stdin
		} else {
			f, err := os.Open(path)
			if err != nil {
				fmt.Fprintf(e.stderr, "uro extract: %v\n", err)
				bad++
				continue
			}
			defer f.Close()
			if st, err := f.Stat(); err == nil && st.IsDir() {
				fmt.Fprintf(e.stderr, "uro extract: %s is a directory, not a JSON Lines file\n", path)
				bad++
				continue
			}
			r = f
		}
		err := article.JSONL(ctx, r, ro, func(line int, a *article.Article, err error) error {
			id := ""
			if a != nil {
				id = a.ID
			}
			if err == nil {
				o := xo
				if a.Lang != "" {
					o.Lang = a.Lang
				}
				var doc *document.Document
				doc, err = x.ExtractTo(ctx, a, o, &buf)
				if err == nil {
					if id != "" {
						doc.ID = id
					}
					return w.write(doc)
				}
			}
			bad++
			fmt.Fprintf(e.stderr, "uro extract: %s: line %d: %v\n", nameOf(path), line, err)
			printStack(e.stderr, err)
			return w.writeError(id, err)
		})
		if err != nil {
			if errors.Is(err, errWrite) || ctx.Err() != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "uro extract: %s: %v\n", nameOf(path), err)
			bad++
		}
	}
	if bad > 0 {
		return exitError{1}
	}
	return nil
}

var errWrite = errors.New("write output")

// printStack writes where the pipeline panicked, when err says it did: the
// line above names the article, this is what a bug report needs.
func printStack(w io.Writer, err error) {
	if ie, ok := errors.AsType[*extract.InternalError](err); ok {
		fmt.Fprintf(w, "%s\n", ie.Stack)
	}
}

// writer prints documents in the chosen format.
type writer struct {
	out    io.Writer
	format string
	indent bool
}

func newWriter(out io.Writer, format string) *writer { return &writer{out: out, format: format} }

func (w *writer) write(doc *document.Document) error {
	var err error
	if w.format == "text" {
		err = document.WriteSummary(w.out, doc)
	} else {
		enc := json.NewEncoder(w.out)
		enc.SetEscapeHTML(false)
		if w.indent {
			enc.SetIndent("", "  ")
		}
		err = enc.Encode(doc)
	}
	if err != nil {
		return fmt.Errorf("%w: %w", errWrite, err)
	}
	return nil
}

func (w *writer) writeError(id string, cause error) error {
	var idv any
	if id != "" {
		idv = id
	}
	b, _ := json.Marshal(map[string]any{"id": idv, "error": cause.Error()})
	if _, err := fmt.Fprintf(w.out, "%s\n", b); err != nil {
		return fmt.Errorf("%w: %w", errWrite, err)
	}
	return nil
}

func joinComma(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += ", "
		}
		out += v
	}
	return out
}
