package sqlstore

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/store"
)

// realDocs extracts the examples and gold articles once.
func realDocs(b *testing.B) []*document.Document {
	b.Helper()
	var paths []string
	for _, pat := range []string{"../../../examples/*.txt", "../../../testdata/gold/*/*.txt"} {
		m, _ := filepath.Glob(pat)
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		b.Skip("no example articles")
	}
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var docs []*document.Document
	for _, p := range paths {
		a, err := article.ReadFile(ctx, p, article.Options{})
		if err != nil {
			b.Fatal(err)
		}
		d, err := x.Extract(ctx, a, extract.Options{IncludeText: true, Published: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// variant is doc as a new article: another id, no URL, and every date moved
// by shift days, so that copies do not all pile into one incident.
func variant(b *testing.B, doc *document.Document, i, shift int) *document.Document {
	raw, err := json.Marshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	var d document.Document
	if err := json.Unmarshal(raw, &d); err != nil {
		b.Fatal(err)
	}
	d.ID = fmt.Sprintf("%016x", i)
	d.Source.URL = nil
	move := func(s *string) {
		if s == nil {
			return
		}
		if t, err := time.Parse(time.DateOnly, *s); err == nil {
			*s = t.AddDate(0, 0, shift).Format(time.DateOnly)
		}
	}
	move(d.Published)
	for j := range d.Events {
		if w := d.Events[j].Date; w != nil {
			move(w.Start)
			move(w.End)
		}
	}
	return &d
}

// BenchmarkPut stores real extracted articles (text, blocks, events,
// figures, entities …) into a fresh file, one transaction per article and
// in batches of 100.
func BenchmarkPut(b *testing.B) {
	docs := realDocs(b)
	for _, batch := range []int{1, 100} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			s, err := Open(context.Background(), filepath.Join(b.TempDir(), "uro.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			vs := make([]*document.Document, b.N)
			for i := range vs {
				vs[i] = variant(b, docs[i%len(docs)], i, i/len(docs)*10)
			}
			ctx := context.Background()
			b.ResetTimer()
			c0 := cpuTime()
			for i := 0; i < b.N; i += batch {
				added, err := s.PutMany(ctx, vs[i:min(i+batch, b.N)], store.Meta{})
				if err != nil {
					b.Fatal(err)
				}
				if !added[0] {
					b.Fatal("variant not added")
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			// CPU time per article: the work itself, apart from waiting for a
			// core on a shared machine.
			b.ReportMetric(float64((cpuTime()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/article")
		})
	}
}

// Synthetic corpus for the query benchmark: articles of four events each,
// spread over countries, places and ten years, like a large news corpus
// with few reports of one happening.
const (
	synthCountries = 200
	synthPlaces    = 500 // per country, on a grid 0.5° apart
	synthDays      = 3650
	synthEvents    = 4
)

// synthVersion names the cached file: change it when synthDoc changes.
const synthVersion = 2

var synthStart = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)

func synthCountry(i int) string { return string([]byte{byte('A' + i%26), byte('A' + i/26)}) }

var synthTypes = []struct{ plover, acled, sub string }{
	{"PROTEST", "Protests", "Peaceful protest"},
	{"PROTEST", "Riots", "Violent demonstration"},
	{"ASSAULT", "Battles", "Armed clash"},
	{"ASSAULT", "Explosions/Remote violence", "Shelling/artillery/missile attack"},
	{"COERCE", "Strategic developments", "Arrests"},
}

func synthDoc(i int, rng *rand.Rand) *document.Document {
	c := rng.IntN(synthCountries)
	country := synthCountry(c)
	day := synthStart.AddDate(0, 0, rng.IntN(synthDays)).Format(time.DateOnly)
	text := fmt.Sprintf("Report %d from %s\n\nThis synthetic report %d tells of events in %s on %s, with figures that a test invented for the query benchmark.",
		i, country, i, country, day)
	pub := day
	doc := &document.Document{Schema: document.Schema, ID: fmt.Sprintf("s%015x", i), Title: &text, Language: "en", Published: &pub, Text: &text,
		Events: []document.Event{}, Figures: []document.Figure{}, Entities: []document.Entity{}, Quotes: []document.Quote{},
		Credits: []document.Credit{}, Times: []document.Time{}, Numbers: []document.Number{}}
	for j := range synthEvents {
		id := fmt.Sprintf("e%d", j+1)
		t := synthTypes[rng.IntN(len(synthTypes))]
		k := rng.IntN(synthPlaces)
		lat, lon := float64(c%12)*10-55+float64(k%20)*0.5, float64(c/12)*20-170+float64(k/20)*0.5
		name := fmt.Sprintf("%s-%d", country, k)
		ev := document.Event{ID: id, Type: t.plover, ACLED: &document.ACLED{EventType: t.acled, SubEventType: t.sub}, Context: []string{},
			Factuality: "asserted", Location: &document.Place{Text: name, Name: name, Country: country, Lat: &lat, Lon: &lon, Precision: "city"},
			Date:    &document.When{Text: "", Start: &pub, End: &pub, Precision: "day"},
			Trigger: document.Span{Text: "events", Start: 40, End: 46}, Evidence: document.Span{Text: "events", Start: 40, End: 46}}
		doc.Events = append(doc.Events, ev)
		max := int64(rng.IntN(50))
		doc.Figures = append(doc.Figures, document.Figure{Kind: "killed", Min: max, Max: &max, Qualifier: "exact", Event: &ev.ID,
			Text: "figures", Evidence: document.Span{Text: "figures", Start: 60, End: 67}})
	}
	return doc
}

// eventsDB returns a store holding about 1M synthetic events, filled once
// and cached under the temporary directory by schema version.
func eventsDB(b *testing.B, events int) *DB {
	b.Helper()
	// Keyed by the migrations' text too: an edited schema gets a new file.
	h := fnv.New64a()
	fs.WalkDir(migrationFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := migrationFS.ReadFile(p)
			h.Write(b)
		}
		return nil
	})
	path := filepath.Join(os.TempDir(), fmt.Sprintf("uro-bench-events-%d-v%d-%x-s%d.db", events, SchemaVersion(), h.Sum64()&0xffffff, synthVersion))
	ctx := context.Background()
	if _, err := os.Stat(path); err != nil {
		tmp := path + ".filling"
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(tmp + suffix)
		}
		s, err := Open(ctx, tmp)
		if err != nil {
			b.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		start := time.Now()
		const batch = 1000
		docs := events / synthEvents
		for i := 0; i < docs; i += batch {
			ds := make([]*document.Document, 0, batch)
			for j := i; j < min(i+batch, docs); j++ {
				ds = append(ds, synthDoc(j, rng))
			}
			if _, err := s.PutMany(ctx, ds, store.Meta{}); err != nil {
				b.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		b.Logf("filled %s with %d events in %s (%.0f articles/s)", path, events, time.Since(start), float64(docs)/time.Since(start).Seconds())
	}
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

var benchEvents = flag.Int("bench.events", 1_000_000, "events in BenchmarkEventsByCountryDate's store")

// BenchmarkEventsByCountryDate asks for the first page (100 events, with
// their figures) of one country's events in a 90-day range, over 1M stored
// events, and reports the 99th-percentile latency.
func BenchmarkEventsByCountryDate(b *testing.B) {
	events := *benchEvents
	s := eventsDB(b, events)
	defer s.Close()
	benchCountryDate(b, s, events)
}

// benchCountryDate measures 100-event pages of one country's events in a
// 90-day range on a store of events synthetic events, for either database.
func benchCountryDate(b *testing.B, s *DB, events int) {
	ctx := context.Background()
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM events`).Scan(&n); err != nil || n != events {
		b.Fatalf("%d events stored, %v; want %d", n, err, events)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	lat := make([]time.Duration, 0, b.N)
	cpu := make([]time.Duration, 0, b.N)
	rows := 0
	b.ResetTimer()
	for range b.N {
		since := synthStart.AddDate(0, 0, rng.IntN(synthDays-90))
		f := store.Filter{Country: synthCountry(rng.IntN(synthCountries)), Since: since, Until: since.AddDate(0, 0, 89), Limit: 100}
		c0 := cpuTime()
		t0 := time.Now()
		page, err := s.Events(ctx, f)
		lat = append(lat, time.Since(t0))
		cpu = append(cpu, cpuTime()-c0)
		if err != nil {
			b.Fatal(err)
		}
		rows += len(page.Items)
	}
	b.StopTimer()
	// Wall time on a shared machine has a long tail of time spent waiting
	// for a core; the process's CPU time per query shows the work itself.
	p := func(d []time.Duration, q int) float64 {
		slices.Sort(d)
		return float64(d[(len(d)-1)*q/100].Microseconds()) / 1000
	}
	b.ReportMetric(p(lat, 99), "p99-ms")
	b.ReportMetric(p(lat, 50), "p50-ms")
	b.ReportMetric(p(cpu, 99), "p99-cpu-ms")
	b.ReportMetric(float64(rows)/float64(b.N), "rows/op")
}
