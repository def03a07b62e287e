package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/urodata/uro/internal/gazetteer"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/sqlstore"
	"github.com/urodata/uro/internal/store/storetest"
)

// seeded returns a store holding the shared suite's hand-made corpus: four
// outlets on one Almaty riot with conflicting tolls, protests in Copenhagen
// and Aarhus, and edge cases.
func seeded(t *testing.T) (store.Store, *Exporter) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlstore.Open(ctx, t.TempDir()+"/export.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, d := range storetest.Corpus() {
		if _, err := st.Put(ctx, d, store.Meta{}); err != nil {
			t.Fatalf("put %s: %v", d.ID, err)
		}
	}
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(g)
	if err != nil {
		t.Fatal(err)
	}
	return st, x
}

func count(t *testing.T, st store.Store, incidents bool) int {
	t.Helper()
	ctx := context.Background()
	n := 0
	f := store.Filter{Limit: 1000}
	if incidents {
		p, err := st.Incidents(ctx, f)
		if err != nil || p.Next != "" {
			t.Fatalf("incidents: %v (next %q)", err, p.Next)
		}
		n = len(p.Items)
	} else {
		p, err := st.Events(ctx, f)
		if err != nil || p.Next != "" {
			t.Fatalf("events: %v (next %q)", err, p.Next)
		}
		n = len(p.Items)
	}
	return n
}

func TestCSV(t *testing.T) {
	st, x := seeded(t)
	var buf bytes.Buffer
	n, err := x.Write(context.Background(), &buf, st, Options{Format: "csv", Filter: store.Filter{Limit: 2}})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the export is not CSV: %v", err)
	}
	if !slices.Equal(rows[0], acledColumns) {
		t.Errorf("header = %v", rows[0])
	}
	if want := count(t, st, true); n != want || len(rows)-1 != want {
		t.Errorf("wrote %d rows (%d read back), want one per incident: %d (paging by 2)", n, len(rows)-1, want)
	}
	col := func(row []string, name string) string { return row[slices.Index(acledColumns, name)] }
	var almaty []string
	for _, r := range rows[1:] {
		if col(r, "location") == "Almaty" && col(r, "event_type") == "Riots" {
			almaty = r
		}
	}
	if almaty == nil {
		t.Fatalf("no row for the Almaty riot in\n%v", rows)
	}
	// Three outlets give 8 (police), at least 12 (officials) and 18 (the
	// outlet itself): ACLED's rule keeps the lowest, 8.
	checks := map[string]string{
		"iso": "398", "country": "Kazakhstan", "year": "2022", "fatalities": "8", "geo_precision": "1",
		"latitude": "43.2500", "longitude": "76.9100", "sub_event_type": "Violent demonstration",
	}
	for c, want := range checks {
		if got := col(almaty, c); got != want {
			t.Errorf("Almaty %s = %q, want %q", c, got, want)
		}
	}
	if id := col(almaty, "event_id_cnty"); !strings.HasPrefix(id, "KAZ-i") {
		t.Errorf("event_id_cnty = %q, want KAZ- and the incident id", id)
	}
	for _, s := range []string{"Daily Wire Service", "Steppe Herald", "Nordic Courier", "police", "officials"} {
		if !strings.Contains(col(almaty, "source"), s) {
			t.Errorf("source %q lacks %q", col(almaty, "source"), s)
		}
	}
	for _, s := range []string{"killed: 8 reconciled", "8 (police)", "12+ (officials)", "18 (Nordic Courier)"} {
		if !strings.Contains(col(almaty, "notes"), s) {
			t.Errorf("notes %q lack %q", col(almaty, "notes"), s)
		}
	}
	if got := col(almaty, "interaction"); got != "Rioters only" && got != "Protesters only" {
		t.Errorf("interaction = %q", got)
	}
}

func TestCSVEvents(t *testing.T) {
	st, x := seeded(t)
	var buf bytes.Buffer
	n, err := x.Write(context.Background(), &buf, st, Options{Format: "csv", Unit: "events", Filter: store.Filter{Country: "DK"}})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if n != len(rows)-1 || n == 0 {
		t.Fatalf("wrote %d, read %d rows", n, len(rows)-1)
	}
	for _, r := range rows[1:] {
		if r[slices.Index(acledColumns, "iso")] != "208" {
			t.Errorf("a Danish event with iso %q: %v", r[slices.Index(acledColumns, "iso")], r)
		}
	}
}

func TestJSONLAndGeoJSON(t *testing.T) {
	st, x := seeded(t)
	ctx := context.Background()
	for _, unit := range Units {
		var buf bytes.Buffer
		n, err := x.Write(ctx, &buf, st, Options{Format: "jsonl", Unit: unit, Filter: store.Filter{Limit: 3}})
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if want := count(t, st, unit == "incidents"); n != want || len(lines) != want {
			t.Errorf("jsonl %s: %d records, %d lines, want %d", unit, n, len(lines), want)
		}
		for _, l := range lines {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("jsonl %s: %v in %s", unit, err, l)
			}
		}

		buf.Reset()
		n, err = x.Write(ctx, &buf, st, Options{Format: "geojson", Unit: unit})
		if err != nil {
			t.Fatal(err)
		}
		var fc struct {
			Type     string
			Features []struct {
				Type     string
				Geometry *struct {
					Type        string
					Coordinates []float64
				}
				Properties map[string]any
			}
		}
		if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
			t.Fatalf("geojson %s: %v", unit, err)
		}
		if fc.Type != "FeatureCollection" || len(fc.Features) != n {
			t.Errorf("geojson %s: type %q with %d features, wrote %d", unit, fc.Type, len(fc.Features), n)
		}
		points := 0
		for _, f := range fc.Features {
			if g := f.Geometry; g != nil {
				points++
				if g.Type != "Point" || len(g.Coordinates) != 2 || g.Coordinates[0] < -180 || g.Coordinates[1] > 90 {
					t.Errorf("geojson %s: bad geometry %+v", unit, g)
				}
				if g.Coordinates[1] > 40 && g.Coordinates[1] < 45 && g.Coordinates[0] < 70 {
					t.Errorf("geojson %s: Almaty's coordinates in lat, lon order: %v", unit, g.Coordinates)
				}
			}
		}
		if points == 0 {
			t.Errorf("geojson %s: no points", unit)
		}
	}
}

func TestPLOVER(t *testing.T) {
	st, x := seeded(t)
	var buf bytes.Buffer
	n, err := x.Write(context.Background(), &buf, st, Options{Format: "plover", Filter: store.Filter{Place: "Almaty"}})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no PLOVER records for Almaty")
	}
	dead := map[float64]bool{}
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var r map[string]any
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text", "cite_info", "size"} {
			if _, ok := r[k]; !ok {
				t.Errorf("record lacks %q: %s", k, l)
			}
		}
		if d, ok := r["size"].(map[string]any)["dead"].(float64); ok {
			dead[d] = true
		}
	}
	if !dead[8] || !dead[12] || !dead[18] {
		t.Errorf("dead sizes = %v, want each report's own 8, 12 and 18", dead)
	}
}

func TestBadOptions(t *testing.T) {
	st, x := seeded(t)
	for _, o := range []Options{{Format: "xml"}, {Format: "csv", Unit: "articles"}, {Format: "plover", Unit: "incidents"}} {
		var buf bytes.Buffer
		if _, err := x.Write(context.Background(), &buf, st, o); err == nil {
			t.Errorf("Write(%+v) = nil error", o)
		} else if buf.Len() != 0 {
			t.Errorf("Write(%+v) wrote %q before failing", o, buf.String())
		}
	}
}

func TestInterTable(t *testing.T) {
	if _, err := loadInter(interTSV); err != nil {
		t.Fatal(err)
	}
	_, err := loadInter([]byte("kind\tinter\npolice\tState force\n"))
	if err == nil || !strings.Contains(err.Error(), "inter.tsv:2") {
		t.Errorf("a bad category gave %v, want an error at inter.tsv:2", err)
	}
}
