package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urodata/uro/internal/export"
	"github.com/urodata/uro/internal/gazetteer"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/sqlstore"
)

// dbFlag declares --db, shared by every command that reads or writes the store.
func dbFlag(fs *flag.FlagSet, p *string) {
	fs.StringVar(p, "db", os.Getenv("URO_DB"), "the store: a SQLite file `PATH` (default: uro.db in the platform's data directory, or $URO_DB). Example: --db ./corpus.db")
}

// openStore opens the store a command names, creating and migrating it on
// first use.
func openStore(ctx context.Context, db string) (store.Store, error) {
	st, err := sqlstore.Open(ctx, db)
	if err != nil {
		return nil, err
	}
	return st, nil
}

// filterOptions are the flags that select events, shared by events,
// incidents and export.
type filterOptions struct {
	db                        string
	typ, acled, country       string
	place, since, until, kind string
	text, minKind             string
	minFigure                 int64
	limit                     int
}

func filterFlags(fs *flag.FlagSet, o *filterOptions) {
	dbFlag(fs, &o.db)
	fs.StringVar(&o.typ, "type", "", "only events of PLOVER `TYPE`. Example: --type PROTEST")
	fs.StringVar(&o.acled, "acled", "", "only events of this ACLED event or sub-event `TYPE`. Example: --acled \"Peaceful protest\"")
	fs.StringVar(&o.country, "country", "", "only events in the country with ISO 3166-1 alpha-2 `CC`. Example: --country KZ")
	fs.StringVar(&o.place, "place", "", "only events at the place `NAME` (any case). Example: --place Almaty")
	fs.StringVar(&o.since, "since", "", "only events on or after `YYYY-MM-DD`. Example: --since 2022-01-01")
	fs.StringVar(&o.until, "until", "", "only events on or before `YYYY-MM-DD`. Example: --until 2022-01-31")
	fs.StringVar(&o.kind, "actor-kind", "", "only events whose actor or recipient is of `KIND` (police, military, protesters …). Example: --actor-kind police")
	fs.StringVar(&o.text, "q", "", "only events of articles matching the full-text `QUERY`. Example: --q \"Almaty AND demonstranter\"")
	fs.Int64Var(&o.minFigure, "min", 0, "only events with a figure of at least `N` (of --min-kind, if given). Example: --min 10")
	fs.StringVar(&o.minKind, "min-kind", "", "the figure `KIND` --min counts (killed, injured, arrested, participants …). Example: --min-kind killed")
}

// filter turns the flags into a store filter, or a usage error naming the
// flag that is wrong.
func (o *filterOptions) filter() (store.Filter, error) {
	f := store.Filter{Type: strings.ToUpper(o.typ), ACLEDType: o.acled, Country: strings.ToUpper(o.country),
		Place: o.place, ActorKind: o.kind, Text: o.text, MinFigure: o.minFigure, MinKind: o.minKind}
	var err error
	if f.Since, err = flagDate("since", o.since); err != nil {
		return f, err
	}
	if f.Until, err = flagDate("until", o.until); err != nil {
		return f, err
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && f.Until.Before(f.Since) {
		return f, usagef("--until %s is before --since %s", o.until, o.since)
	}
	if o.limit < 0 {
		return f, usagef("--limit %d must not be negative", o.limit)
	}
	if o.minFigure < 0 {
		return f, usagef("--min %d must not be negative", o.minFigure)
	}
	if f.Country != "" && len(f.Country) != 2 {
		return f, usagef("--country %q is not an ISO 3166-1 alpha-2 code (e.g. KZ)", o.country)
	}
	return f, nil
}

func flagDate(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return t, usagef("--%s %q is not a date YYYY-MM-DD", name, v)
	}
	return t, nil
}

type listOptions struct {
	filterOptions
	json bool
}

var eventsCommand = &command{
	name:    "events",
	summary: "list the stored events that match filters, as a table or JSON Lines",
	usage:   "events [--db PATH] [filters] [--json] [--limit N]",
	help: `Events lists the events uro has stored (see 'uro ingest'), ordered by
date, one row each: date, PLOVER type, ACLED sub-event type, place, the
figures the article gives for it, who says so, and the event's key
(article id/event id). With --json each event is one JSON object per line
with its article, incident, the full uro.document/v1 event and its figures.`,
	example: `  uro events --country KZ --since 2022-01-01 --until 2022-01-31
  uro events --acled "Peaceful protest" --place Aarhus --json
  uro events --min 10 --min-kind killed`,
	flags: func(fs *flag.FlagSet) any {
		o := &listOptions{}
		filterFlags(fs, &o.filterOptions)
		fs.IntVar(&o.limit, "limit", 50, "print at most `N` rows (0: all). Example: --limit 200")
		fs.BoolVar(&o.json, "json", false, "print JSON Lines instead of a table. Example: --json")
		return o
	},
	run: runEvents,
}

var incidentsCommand = &command{
	name:    "incidents",
	summary: "list incidents: events of many articles merged, with every claimed figure and the reconciled one",
	usage:   "incidents [--db PATH] [filters] [--json] [--limit N]",
	help: `Incidents lists the happenings uro has merged from the events of all
stored articles: events of compatible types at the same place on the same or
neighbouring days, with compatible actors, form one incident, whatever order
the articles arrived in. For each figure kind an incident keeps every claim
(who says so, in which article and sentence) and a reconciled value: the most
conservative credible figure, ACLED's rule (each source's latest, highest
count; the lowest of those), with the range of all claims beside it. An
incident matches the filters when one of its events does.`,
	example: `  uro incidents
  uro incidents --country KZ --min 10 --min-kind killed
  uro incidents --json --limit 0 > incidents.jsonl`,
	flags: eventsCommand.flags,
	run:   runIncidents,
}

func runEvents(ctx context.Context, e env, opts any, args []string) error {
	return list(ctx, e, opts.(*listOptions), args, "events", "DATE\tTYPE\tACLED\tPLACE\tFIGURES\tSOURCE\tKEY",
		func(st store.Store) func(context.Context, store.Filter) (store.Page[store.EventRow], error) {
			return st.Events
		},
		func(r store.EventRow) string {
			ev := r.Event
			date, place, acled, source := "-", "-", "-", r.Article.Site
			if ev.Date != nil && ev.Date.Start != nil {
				date = *ev.Date.Start
			}
			if ev.Location != nil {
				place = ev.Location.Name + ", " + ev.Location.Country
			}
			if ev.ACLED != nil {
				acled = ev.ACLED.SubEventType
			}
			if a := ev.Attribution; a != nil && a.Kind != "unattributed" {
				source = a.Source
			}
			var figs []string
			for _, fg := range r.Figures {
				figs = append(figs, fg.Kind+" "+figureText(fg.Min, fg.Max))
			}
			return strings.Join([]string{date, ev.Type, acled, place, dash(strings.Join(figs, ", ")), dash(source), r.Key}, "\t")
		})
}

func runIncidents(ctx context.Context, e env, opts any, args []string) error {
	return list(ctx, e, opts.(*listOptions), args, "incidents", "DATES\tTYPE\tACLED\tPLACE\tREPORTS\tFIGURES (reconciled [range] claims)\tID",
		func(st store.Store) func(context.Context, store.Filter) (store.Page[store.Incident], error) {
			return st.Incidents
		},
		func(inc store.Incident) string {
			dates := inc.Start
			if inc.End != inc.Start {
				dates += "…" + inc.End
			}
			place, acled := "-", "-"
			if inc.Location != nil {
				place = inc.Location.Name + ", " + inc.Location.Country
			}
			if inc.ACLED != nil {
				acled = inc.ACLED.SubEventType
			}
			var figs []string
			for _, fg := range inc.Figures {
				figs = append(figs, fmt.Sprintf("%s %d [%s] %d", fg.Kind, fg.Value, figureText(fg.Min, fg.Max), len(fg.Claims)))
			}
			return strings.Join([]string{dash(dates), inc.Type, acled, place, strconv.Itoa(len(inc.Articles)),
				dash(strings.Join(figs, "; ")), inc.ID}, "\t")
		})
}

// list runs a listing command: the filters, the store, then a table of
// row(item) lines under header, or JSON Lines with --json.
func list[T any](ctx context.Context, e env, o *listOptions, args []string, what, header string,
	lister func(store.Store) func(context.Context, store.Filter) (store.Page[T], error), row func(T) string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q (%s takes only flags)", args[0], what)
	}
	f, err := o.filter()
	if err != nil {
		return err
	}
	st, err := openStore(ctx, o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	if !o.json {
		fmt.Fprintln(tw, header)
	}
	n := 0
	err = page(ctx, f, o.limit, lister(st), func(it T) error {
		n++
		if o.json {
			return enc.Encode(it)
		}
		_, err := fmt.Fprintln(tw, row(it))
		return err
	})
	if err != nil {
		return err
	}
	if !o.json {
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "%d %s\n", n, what)
	}
	return nil
}

// page walks a store listing until limit rows (0: all) have been shown.
func page[T any](ctx context.Context, f store.Filter, limit int, list func(context.Context, store.Filter) (store.Page[T], error), fn func(T) error) error {
	shown := 0
	for {
		f.Limit = 500
		if limit > 0 {
			f.Limit = min(500, limit-shown)
		}
		p, err := list(ctx, f)
		if err != nil {
			return fmt.Errorf("read the store: %w", err)
		}
		for _, it := range p.Items {
			if err := fn(it); err != nil {
				return err
			}
			shown++
		}
		if p.Next == "" || (limit > 0 && shown >= limit) {
			return nil
		}
		f.Cursor = p.Next
	}
}

func figureText(min int64, max *int64) string {
	s := strconv.FormatInt(min, 10)
	switch {
	case max == nil:
		return s + "+"
	case *max != min:
		return s + "–" + strconv.FormatInt(*max, 10)
	}
	return s
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

type exportOptions struct {
	filterOptions
	format, unit, out string
}

var exportCommand = &command{
	name:    "export",
	summary: "write stored events or incidents as ACLED-style CSV, JSON Lines, GeoJSON or PLOVER records",
	usage:   "export --format csv|jsonl|geojson|plover [--unit events|incidents] [--out FILE] [filters]",
	help: `Export writes what the filters select from the store:

  csv      ACLED's column names in ACLED's order, for the columns uro fills
           (event_id_cnty, event_date, year, time_precision, event_type,
           sub_event_type, actor1, inter1, actor2, inter2, interaction, iso,
           country, admin1, location, latitude, longitude, geo_precision,
           source, source_scale, notes, fatalities). One row per incident by
           default, as ACLED codes happenings, not reports; fatalities is the
           reconciled figure and notes list every claim beside it.
           source_scale stays empty: uro does not know an outlet's reach.
  jsonl    one JSON object per event (or incident) per line.
  geojson  one RFC 7946 FeatureCollection of points.
  plover   PLOVER event records (id, date, actor, recipient, event, mode,
           context, event_loc, event_text, cite_info, size), one per line.

The export streams from the store page by page, in constant memory.`,
	example: `  uro export --format csv --out kazakhstan.csv --country KZ
  uro export --format geojson --unit events --since 2022-01-01 > events.geojson
  uro export --format plover --type PROTEST`,
	flags: func(fs *flag.FlagSet) any {
		o := &exportOptions{}
		filterFlags(fs, &o.filterOptions)
		fs.StringVar(&o.format, "format", "", "the file `FORMAT`: csv, jsonl, geojson or plover (required). Example: --format csv")
		fs.StringVar(&o.unit, "unit", "", "what a record is: `events` or incidents (default incidents for csv, events otherwise). Example: --unit events")
		fs.StringVar(&o.out, "out", "", "write to `FILE` instead of standard output (replaced only when the export succeeds). Example: --out events.csv")
		return o
	},
	run: runExport,
}

func runExport(ctx context.Context, e env, opts any, args []string) error {
	o := opts.(*exportOptions)
	if len(args) > 0 {
		return usagef("unexpected argument %q (export takes only flags)", args[0])
	}
	if o.format == "" {
		return usagef("--format is required (%s)", strings.Join(export.Formats, ", "))
	}
	f, err := o.filter()
	if err != nil {
		return err
	}
	g, err := gazetteer.Load()
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	x, err := export.New(g)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	w := e.stdout
	var tmp *os.File
	if o.out != "" {
		// Written beside the target and renamed into place, so a failed
		// export never leaves a truncated file where a good one was.
		if tmp, err = os.CreateTemp(filepath.Dir(o.out), ".uro-export-*"); err != nil {
			return fmt.Errorf("create %s: %w", o.out, err)
		}
		defer os.Remove(tmp.Name())
		w = tmp
	}
	n, err := x.Write(ctx, w, st, export.Options{Format: o.format, Unit: o.unit, Filter: f})
	if err != nil {
		if tmp != nil {
			tmp.Close()
		}
		if strings.HasPrefix(err.Error(), "unknown ") || strings.Contains(err.Error(), "does not apply") {
			return usagef("%v", err)
		}
		return fmt.Errorf("export: %w", err)
	}
	if tmp != nil {
		if err := tmp.Close(); err != nil {
			return fmt.Errorf("write %s: %w", o.out, err)
		}
		if err := os.Rename(tmp.Name(), o.out); err != nil {
			return fmt.Errorf("write %s: %w", o.out, err)
		}
	}
	fmt.Fprintf(e.stderr, "%d records\n", n)
	return nil
}
