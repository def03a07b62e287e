package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/eval"
	"github.com/urodata/uro/internal/extract"
)

type evalOptions struct {
	json         bool
	verbose      bool
	minEventF1   float64
	minFigureF1  float64
	descriptions string
}

var evalCommand = &command{
	name:    "eval",
	summary: "score uro's events and figures against hand-coded gold answers",
	usage:   "eval [flags] GOLD.json|FOLDER…\neval --descriptions FILE.jsonl [flags]",
	help: `Eval extracts each gold file's article and scores the document against the
gold answer (the format of testdata/gold/README.md). The article is the file
beside the gold with the same name, <name>.txt or <name>.html; it is run with
the gold's "published" date and "language". A FOLDER stands for every
*.gold.json under it.

Events match one-to-one by PLOVER type (or one of the gold's alt_types),
country (any when the gold marks it optional_country) and date (the ranges
overlap after widening by one day; an event without a date has the
publication date). Figures match by kind, min and max; vague gold figures
("dusinvis", "dozens") by kind and qualifier. Gold items marked optional are
neither required nor punished. Over the matched pairs, attribution is the
share of figures whose attribution kind is the gold's source_kind (media and
agency count as one), and ACLED sub is the share of events whose ACLED
sub-event type is the gold's. The table gives per article and in total
(summed counts) true positives/false positives/misses, precision, recall and F1.

With --descriptions, eval reads ACLED-style notes instead (JSON Lines with id,
lang, event_type, sub_event_type, plover, text), extracts each note as an
article in its language, and reports per language how often the document's
primary event (else its first) has the note's ACLED event type, sub-event
type and PLOVER type.

A gold file that is missing or malformed, or has no article beside it, is
named on standard error; the others are still scored and the exit status is 1.
The exit status is also 1 when the total is under --min-event-f1 or
--min-figure-f1.`,
	example: `  uro eval ../shared/examples/da-kasakhstan-2022-01-06.gold.json
  uro eval --verbose testdata/gold/da
  uro eval --min-event-f1 0.8 --min-figure-f1 0.8 testdata/gold examples
  uro eval --json testdata/gold > scores.json
  uro eval --descriptions testdata/acled/descriptions.jsonl`,
	flags: func(fs *flag.FlagSet) any {
		o := &evalOptions{}
		fs.BoolVar(&o.json, "json", false, "print the scores as JSON (articles, total, errors) instead of a table. Example: --json")
		fs.BoolVar(&o.verbose, "verbose", false, "after the table, list each article's missed gold items, false positives and wrong attributions or ACLED types, with their sentences. Example: --verbose")
		fs.Float64Var(&o.minEventF1, "min-event-f1", 0, "exit with status 1 when the total event F1 is below `X` (0 to 1). Example: --min-event-f1 0.8")
		fs.Float64Var(&o.minFigureF1, "min-figure-f1", 0, "exit with status 1 when the total figure F1 is below `X` (0 to 1). Example: --min-figure-f1 0.8")
		fs.StringVar(&o.descriptions, "descriptions", "", "score the ACLED-style notes of this JSON Lines `FILE` instead of gold articles. Example: --descriptions testdata/acled/descriptions.jsonl")
		return o
	},
	run: runEval,
}

// evalError is one gold file that could not be scored.
type evalError struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

func runEval(ctx context.Context, e env, opts any, args []string) error {
	o := opts.(*evalOptions)
	if math.IsNaN(o.minEventF1) || math.IsNaN(o.minFigureF1) {
		return usagef("--min-event-f1 and --min-figure-f1 must be numbers")
	}
	if o.descriptions != "" {
		if len(args) > 0 {
			return usagef("--descriptions scores notes, not gold files; give one or the other")
		}
		if o.minEventF1 != 0 || o.minFigureF1 != 0 {
			return usagef("--min-event-f1 and --min-figure-f1 apply to gold files, not --descriptions")
		}
		return runEvalDescriptions(ctx, e, o)
	}
	if len(args) == 0 {
		return usagef("no gold file: name *.gold.json files or folders holding them")
	}
	var errs []evalError
	report := func(file string, err error) {
		msg := err.Error()
		// Errors from eval and article already start with the file name.
		if !strings.HasPrefix(msg, file) {
			msg = file + ": " + msg
		}
		fmt.Fprintf(e.stderr, "uro eval: %s\n", msg)
		errs = append(errs, evalError{File: file, Error: err.Error()})
	}
	files := goldFilesOf(args, report)
	x, err := extract.New()
	if err != nil {
		return fmt.Errorf("load language packs: %w", err)
	}
	results := []eval.Result{}
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		r, err := evalOne(ctx, x, path)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			report(path, err)
			continue
		}
		results = append(results, r)
	}
	total := eval.Total(results)
	if o.json {
		if errs == nil {
			errs = []evalError{}
		}
		if err := writeJSON(e.stdout, struct {
			Articles []eval.Result `json:"articles"`
			Total    eval.Result   `json:"total"`
			Errors   []evalError   `json:"errors"`
		}{results, total, errs}); err != nil {
			return err
		}
	} else {
		if err := writeEvalTable(e.stdout, results, total, o.verbose); err != nil {
			return err
		}
	}
	failed := len(errs) > 0
	if len(results) > 0 {
		for _, th := range []struct {
			what, flag string
			got, min   float64
		}{
			{"event F1", "--min-event-f1", total.Events.F1(), o.minEventF1},
			{"figure F1", "--min-figure-f1", total.Figures.F1(), o.minFigureF1},
		} {
			if th.got < th.min {
				fmt.Fprintf(e.stderr, "uro eval: total %s %.3f is below %s %g\n", th.what, th.got, th.flag, th.min)
				failed = true
			}
		}
	} else if o.minEventF1 > 0 || o.minFigureF1 > 0 {
		fmt.Fprintln(e.stderr, "uro eval: no article was scored, so no threshold is met")
		failed = true
	}
	if failed {
		return exitError{1}
	}
	return nil
}

// goldFilesOf expands folders to the *.gold.json files under them, sorted;
// other arguments are taken as gold files (reading reports those missing).
func goldFilesOf(args []string, report func(string, error)) []string {
	var files []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			files = append(files, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".gold.json") {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			report(a, fmt.Errorf("list gold files: %w", err))
			continue
		}
		if len(found) == 0 {
			report(a, errors.New("folder holds no *.gold.json file"))
			continue
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files
}

// evalOne reads a gold file, extracts its article and scores it.
func evalOne(ctx context.Context, x *extract.Extractor, path string) (eval.Result, error) {
	g, err := eval.ReadGold(ctx, path)
	if err != nil {
		return eval.Result{}, err
	}
	apath, err := articleOf(path)
	if err != nil {
		return eval.Result{}, err
	}
	a, err := article.ReadFile(ctx, apath, article.Options{})
	if err != nil {
		return eval.Result{}, err
	}
	doc, err := x.Extract(ctx, a, extract.Options{Published: g.PublishedDate, Lang: g.Language})
	if err != nil {
		return eval.Result{}, fmt.Errorf("%s: extract: %w", apath, err)
	}
	return eval.Score(g, doc), nil
}

// articleOf finds the article beside a gold file: same name, .txt or .html.
func articleOf(goldPath string) (string, error) {
	base := strings.TrimSuffix(goldPath, ".json")
	base = strings.TrimSuffix(base, ".gold")
	var tried []string
	for _, ext := range []string{".txt", ".html", ".htm"} {
		p := base + ext
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
		tried = append(tried, filepath.Base(p))
	}
	return "", fmt.Errorf("no article beside it (looked for %s)", strings.Join(tried, ", "))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("%w: %w", errWrite, err)
	}
	return nil
}

func writeEvalTable(out io.Writer, results []eval.Result, total eval.Result, verbose bool) error {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "article\tevents tp/fp/fn\tP\tR\tF1\tfigures tp/fp/fn\tP\tR\tF1\tattribution\tACLED sub")
	row := func(r eval.Result) {
		fmt.Fprintf(w, "%s\t%s\t%.2f\t%.2f\t%.2f\t%s\t%.2f\t%.2f\t%.2f\t%s\t%s\n", r.Article,
			counts(r.Events), r.Events.P(), r.Events.R(), r.Events.F1(),
			counts(r.Figures), r.Figures.P(), r.Figures.R(), r.Figures.F1(),
			accuracy(r.Attributions), accuracy(r.ACLEDSub))
	}
	byLang := map[string][]eval.Result{}
	for _, r := range results {
		row(r)
		byLang[r.Lang] = append(byLang[r.Lang], r)
	}
	if len(byLang) > 1 {
		langs := make([]string, 0, len(byLang))
		for l := range byLang {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			t := eval.Total(byLang[l])
			t.Article = "total:" + l
			row(t)
		}
	}
	row(total)
	if err := w.Flush(); err != nil {
		return fmt.Errorf("%w: %w", errWrite, err)
	}
	if !verbose {
		return nil
	}
	b := &strings.Builder{}
	for _, r := range results {
		if len(r.Missed)+len(r.False)+len(r.Wrong) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n%s\n", r.Article)
		for _, it := range r.Missed {
			fmt.Fprintf(b, "  missed %-6s %s\n         %q\n", it.What, it.Label, it.Sentence)
		}
		for _, it := range r.False {
			fmt.Fprintf(b, "  false  %-6s %s\n         %q\n", it.What, it.Label, it.Sentence)
		}
		for _, it := range r.Wrong {
			fmt.Fprintf(b, "  wrong  %-6s %s: %s %s, want %s\n         %q\n", it.What, it.Label, it.Aspect, it.Got, it.Want, it.Sentence)
		}
	}
	if _, err := io.WriteString(out, b.String()); err != nil {
		return fmt.Errorf("%w: %w", errWrite, err)
	}
	return nil
}

func counts(c eval.Counts) string { return fmt.Sprintf("%d/%d/%d", c.TP, c.FP, c.FN) }

func accuracy(a eval.Accuracy) string {
	if a.Total == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d %.2f", a.Correct, a.Total, a.Rate())
}

// runEvalDescriptions scores ACLED-style notes: each note is extracted as an
// article of its own, without a publication date.
func runEvalDescriptions(ctx context.Context, e env, o *evalOptions) error {
	items, err := eval.ReadDescriptions(ctx, o.descriptions)
	if err != nil {
		return err
	}
	x, err := extract.New()
	if err != nil {
		return fmt.Errorf("load language packs: %w", err)
	}
	docs := make([]*document.Document, len(items))
	failed := false
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			return err
		}
		a := &article.Article{ID: it.ID, Text: article.Normalize(it.Text), Lang: it.Lang}
		doc, err := x.Extract(ctx, a, extract.Options{Lang: it.Lang})
		if err != nil {
			fmt.Fprintf(e.stderr, "uro eval: %s: %s: %v\n", o.descriptions, it.ID, err)
			failed = true
			continue
		}
		docs[i] = doc
	}
	res := eval.ScoreDescriptions(items, docs)
	if o.json {
		if err := writeJSON(e.stdout, res); err != nil {
			return err
		}
	} else {
		w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(w, "lang\tnotes\tno event\tevent type\tsub-event type\tPLOVER")
		for _, l := range append(res.Langs, res.Total) {
			fmt.Fprintf(w, "%s\t%d\t%d\t%s\t%s\t%s\n", l.Lang, l.EventType.Total, l.NoEvent, accuracy(l.EventType), accuracy(l.SubType), accuracy(l.PLOVER))
		}
		if err := w.Flush(); err != nil {
			return fmt.Errorf("%w: %w", errWrite, err)
		}
		if o.verbose && len(res.Misses) > 0 {
			b := &strings.Builder{}
			fmt.Fprintln(b)
			for _, m := range res.Misses {
				fmt.Fprintf(b, "%s  want %s  got %s  (%s)\n  %q\n", m.ID, m.Want, m.Got, m.Mismatch, m.Text)
			}
			if _, err := io.WriteString(e.stdout, b.String()); err != nil {
				return fmt.Errorf("%w: %w", errWrite, err)
			}
		}
	}
	if failed {
		return exitError{1}
	}
	return nil
}
