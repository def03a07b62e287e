// Package export owns the files uro's corpus leaves in: CSV with ACLED's
// column names and order, JSON Lines, GeoJSON for maps, and PLOVER's event
// records. Every writer streams page by page from the store, so an export of
// millions of events runs in constant memory.
package export

import (
	"bufio"
	"cmp"
	"context"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/gazetteer"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/table"
)

// Formats are the formats Write knows.
var Formats = []string{"csv", "jsonl", "geojson", "plover"}

// Units are what one record stands for: an event as one article reports it,
// or an incident, the happening every report of it describes (ACLED's unit).
var Units = []string{"events", "incidents"}

// Options steer one export.
type Options struct {
	Format string
	// Unit is "events" or "incidents"; "" means incidents for csv (ACLED
	// rows are happenings, not reports) and events for the rest.
	Unit   string
	Filter store.Filter
}

// Exporter writes exports. Its country codes and names come from the
// gazetteer.
type Exporter struct {
	gaz   *gazetteer.Gazetteer
	inter map[string]string
}

//go:embed inter.tsv
var interTSV []byte

// New returns an exporter over the gazetteer g.
func New(g *gazetteer.Gazetteer) (*Exporter, error) {
	inter, err := loadInter(interTSV)
	if err != nil {
		return nil, err
	}
	return &Exporter{gaz: g, inter: inter}, nil
}

// acledInter is ACLED's closed set of actor categories.
var acledInter = []string{"State forces", "Rebel group", "Political militia", "Identity militia",
	"Rioters", "Protesters", "Civilians", "External/Other forces"}

func loadInter(data []byte) (map[string]string, error) {
	rows, err := table.Parse("inter.tsv", data, table.Schema{Columns: []string{"kind", "inter"}, Required: 2})
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, r := range rows {
		if !slices.Contains(acledInter, r.Get("inter")) {
			return nil, r.Errorf("unknown ACLED actor category %q", r.Get("inter"))
		}
		m[r.Get("kind")] = r.Get("inter")
	}
	return m, nil
}

// Write exports what opt selects from st to w and returns the number of
// records written.
func (x *Exporter) Write(ctx context.Context, w io.Writer, st store.Store, opt Options) (int, error) {
	unit := opt.Unit
	if unit == "" {
		unit = "events"
		if opt.Format == "csv" {
			unit = "incidents"
		}
	}
	if !slices.Contains(Units, unit) {
		return 0, fmt.Errorf("unknown unit %q (want %s)", unit, strings.Join(Units, " or "))
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var (
		n   int
		err error
	)
	switch opt.Format {
	case "csv":
		n, err = x.csv(ctx, bw, st, opt.Filter, unit)
	case "jsonl":
		n, err = x.jsonl(ctx, bw, st, opt.Filter, unit)
	case "geojson":
		n, err = x.geojson(ctx, bw, st, opt.Filter, unit)
	case "plover":
		if unit != "events" {
			return 0, fmt.Errorf("plover records are events; --unit %s does not apply", unit)
		}
		n, err = x.plover(ctx, bw, st, opt.Filter)
	default:
		return 0, fmt.Errorf("unknown format %q (want %s)", opt.Format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return n, err
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("write export: %w", err)
	}
	return n, nil
}

// eachEvent calls fn for every event f selects, page by page.
func eachEvent(ctx context.Context, st store.Store, f store.Filter, fn func(store.EventRow) error) error {
	for {
		page, err := st.Events(ctx, f)
		if err != nil {
			return fmt.Errorf("read events: %w", err)
		}
		for _, r := range page.Items {
			if err := fn(r); err != nil {
				return err
			}
		}
		if page.Next == "" {
			return nil
		}
		f.Cursor = page.Next
	}
}

// eachIncident calls fn for every incident f selects with its events.
func eachIncident(ctx context.Context, st store.Store, f store.Filter, fn func(store.Incident, []store.EventRow) error) error {
	for {
		page, err := st.Incidents(ctx, f)
		if err != nil {
			return fmt.Errorf("read incidents: %w", err)
		}
		for _, inc := range page.Items {
			var rows []store.EventRow
			err := eachEvent(ctx, st, store.Filter{Incident: inc.ID, Limit: 1000}, func(r store.EventRow) error {
				rows = append(rows, r)
				return nil
			})
			if err != nil {
				return fmt.Errorf("incident %s: %w", inc.ID, err)
			}
			if err := fn(inc, rows); err != nil {
				return err
			}
		}
		if page.Next == "" {
			return nil
		}
		f.Cursor = page.Next
	}
}

func (x *Exporter) jsonl(ctx context.Context, w io.Writer, st store.Store, f store.Filter, unit string) (int, error) {
	n := 0
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var err error
	if unit == "events" {
		err = eachEvent(ctx, st, f, func(r store.EventRow) error { n++; return enc.Encode(r) })
	} else {
		err = eachIncident(ctx, st, f, func(inc store.Incident, _ []store.EventRow) error { n++; return enc.Encode(inc) })
	}
	return n, err
}

// acledColumns are ACLED's export columns uro fills, in ACLED's order.
var acledColumns = []string{"event_id_cnty", "event_date", "year", "time_precision", "event_type",
	"sub_event_type", "actor1", "inter1", "actor2", "inter2", "interaction", "iso", "country", "admin1",
	"location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities"}

// record is one ACLED row before it is written.
type record struct {
	id, date, precision string
	acled               *document.ACLED
	actor1, actor2      *document.Party
	place               *document.Place
	sources, notes      []string
	fatalities          int64
}

func (x *Exporter) csv(ctx context.Context, w io.Writer, st store.Store, f store.Filter, unit string) (int, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(acledColumns); err != nil {
		return 0, fmt.Errorf("write csv: %w", err)
	}
	n := 0
	write := func(r record) error {
		n++
		return cw.Write(x.acledRow(r))
	}
	var err error
	if unit == "events" {
		err = eachEvent(ctx, st, f, func(r store.EventRow) error { return write(eventRecord(r)) })
	} else {
		err = eachIncident(ctx, st, f, func(inc store.Incident, rows []store.EventRow) error {
			return write(incidentRecord(inc, rows))
		})
	}
	if err != nil {
		return n, err
	}
	cw.Flush()
	return n, cw.Error()
}

func eventRecord(r store.EventRow) record {
	rec := record{id: r.Key, acled: r.Event.ACLED, actor1: r.Event.Actor, actor2: r.Event.Recipient,
		place: r.Event.Location, sources: sources([]store.EventRow{r}), notes: []string{r.Event.Evidence.Text}}
	if d := r.Event.Date; d != nil && d.Start != nil {
		end := *d.Start
		if d.End != nil {
			end = *d.End
		}
		rec.date, rec.precision = *d.Start, timePrecision(*d.Start, end)
	}
	// One report's own fatality count: its lowest killed figure, the
	// conservative reading when it gives several.
	first := true
	for _, fg := range r.Figures {
		if fg.Kind == "killed" && (first || fg.Min < rec.fatalities) {
			rec.fatalities, first = fg.Min, false
		}
	}
	return rec
}

func incidentRecord(inc store.Incident, rows []store.EventRow) record {
	rec := record{id: inc.ID, acled: inc.ACLED, place: inc.Location, date: inc.Start,
		precision: timePrecision(inc.Start, inc.End), sources: sources(rows)}
	rec.actor1, rec.actor2 = commonParty(rows, func(e document.Event) *document.Party { return e.Actor }),
		commonParty(rows, func(e document.Event) *document.Party { return e.Recipient })
	if len(rows) > 0 {
		rec.notes = append(rec.notes, rows[0].Event.Evidence.Text)
	}
	for _, fg := range inc.Figures {
		if fg.Kind == "killed" {
			rec.fatalities = fg.Value
		}
		rec.notes = append(rec.notes, claimNote(fg))
	}
	return rec
}

// claimNote sums up one figure kind's claims for the notes column, so the
// disagreement the fatalities column hides stays visible.
func claimNote(fg store.Reconciled) string {
	var parts []string
	for _, c := range fg.Claims {
		who := c.Source
		if who == "" {
			who = c.Site
		}
		v := strconv.FormatInt(c.Figure.Min, 10)
		if c.Figure.Max == nil {
			v += "+"
		} else if *c.Figure.Max != c.Figure.Min {
			v += "-" + strconv.FormatInt(*c.Figure.Max, 10)
		}
		parts = append(parts, v+" ("+who+")")
	}
	return fmt.Sprintf("%s: %d reconciled; claims %s.", fg.Kind, fg.Value, strings.Join(parts, ", "))
}

// commonParty is the party the most events give, by name then text.
func commonParty(rows []store.EventRow, of func(document.Event) *document.Party) *document.Party {
	counts := map[string]int{}
	parties := map[string]*document.Party{}
	for _, r := range rows {
		if p := of(r.Event); p != nil {
			k := cmp.Or(p.Name, p.Text)
			counts[k]++
			parties[k] = p
		}
	}
	best, n := "", 0
	for k, c := range counts {
		if c > n || (c == n && k < best) {
			best, n = k, c
		}
	}
	return parties[best]
}

// sources lists the outlets and the named sources of rows' events and
// figures, sorted: who reported it and whom they cite, as ACLED's column does.
func sources(rows []store.EventRow) []string {
	var out []string
	add := func(s string) {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, r := range rows {
		add(r.Article.Site)
		if a := r.Event.Attribution; a != nil && a.Kind != "unattributed" {
			add(a.Source)
		}
		for _, f := range r.Figures {
			if a := f.Attribution; a != nil && a.Kind != "unattributed" {
				add(a.Source)
			}
		}
	}
	slices.Sort(out)
	return out
}

// timePrecision is ACLED's code: 1 the day is known, 2 the week, 3 the month.
func timePrecision(start, end string) string {
	if start == "" {
		return ""
	}
	switch d := days(start, end); {
	case d <= 0:
		return "1"
	case d < 7:
		return "2"
	}
	return "3"
}

// geoPrecision is ACLED's code: 1 a town or a point, 2 near one, 3 a region.
func geoPrecision(p string) string {
	switch p {
	case "point", "city":
		return "1"
	case "admin1", "country":
		return "3"
	}
	return ""
}

func (x *Exporter) acledRow(r record) []string {
	row := make([]string, len(acledColumns))
	set := func(col, v string) { row[slices.Index(acledColumns, col)] = v }
	cc := ""
	if r.place != nil {
		cc = r.place.Country
	}
	a2, a3, num, ok := x.gaz.ISO(cc)
	if !ok {
		a3 = "XXX"
	}
	set("event_id_cnty", a3+"-"+r.id)
	set("event_date", r.date)
	if len(r.date) >= 4 {
		set("year", r.date[:4])
	}
	set("time_precision", r.precision)
	if r.acled != nil {
		set("event_type", r.acled.EventType)
		set("sub_event_type", r.acled.SubEventType)
	}
	i1, i2 := "", ""
	if p := r.actor1; p != nil {
		set("actor1", cmp.Or(p.Name, p.Text))
		i1 = x.inter[p.Kind]
		set("inter1", i1)
	}
	if p := r.actor2; p != nil {
		set("actor2", cmp.Or(p.Name, p.Text))
		i2 = x.inter[p.Kind]
		set("inter2", i2)
	}
	switch {
	case i1 != "" && i2 != "":
		set("interaction", i1+"-"+i2)
	case i1 != "":
		set("interaction", i1+" only")
	}
	if ok {
		set("iso", num)
		if e, found := x.gaz.Country(a2); found {
			set("country", e.Name)
		}
	}
	if p := r.place; p != nil {
		if p.Admin1 != nil {
			set("admin1", *p.Admin1)
		}
		set("location", p.Name)
		if p.Lat != nil && p.Lon != nil {
			set("latitude", strconv.FormatFloat(*p.Lat, 'f', 4, 64))
			set("longitude", strconv.FormatFloat(*p.Lon, 'f', 4, 64))
		}
		set("geo_precision", geoPrecision(p.Precision))
	}
	set("source", strings.Join(r.sources, "; "))
	set("notes", strings.Join(r.notes, " "))
	set("fatalities", strconv.FormatInt(r.fatalities, 10))
	return row
}

// days is the number of days from start to end (dates YYYY-MM-DD); 0 when
// either does not parse.
func days(start, end string) int {
	a, err1 := time.Parse(time.DateOnly, start)
	b, err2 := time.Parse(time.DateOnly, end)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(b.Sub(a).Hours() / 24)
}
