// Command loadtest owns the load test of `uro serve` (issue 6): it fills a
// store with about a million synthetic events, serves it, and drives the
// event list and map endpoints at a fixed rate from a second process,
// reporting requests/s and latency percentiles. The target is p99 ≤ 50 ms
// at 200 requests/s on loopback.
//
//	go run ./internal/server/loadtest seed  -db /tmp/uro-load.db -events 1000000
//	go run ./internal/server/loadtest serve -db /tmp/uro-load.db -addr 127.0.0.1:8089 &
//	go run ./internal/server/loadtest hit   -url http://127.0.0.1:8089 -rate 200 -duration 30s
//
// hit is open-loop (requests leave on schedule whether or not the last one
// came back), so a slow server cannot hide its latency by slowing the
// client; it asks each endpoint in turn with a random country and 90-day
// window taken from the store's own stats. The same mix with wrk (Debian's
// wrk; closed-loop, so read its latency as a lower bound):
//
//	wrk -t2 -c16 -d30s --latency 'http://127.0.0.1:8089/api/v1/events?country=AB&since=2020-01-01&until=2020-03-31'
//	wrk -t2 -c16 -d30s --latency 'http://127.0.0.1:8089/api/v1/map?country=AB&since=2020-01-01&until=2020-03-31&limit=2000'
//
// seed reuses the sqlstore benchmark's cached database when -db is empty
// and one exists (uro-bench-events-1000000-v*-s*.db in the temporary
// directory), since it holds the same kind of corpus.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/server"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/sqlstore"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: loadtest seed|serve|hit [flags]")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch os.Args[1] {
	case "seed":
		err = seed(ctx, os.Args[2:])
	case "serve":
		err = serve(ctx, os.Args[2:])
	case "hit":
		err = hit(ctx, os.Args[2:])
	default:
		err = fmt.Errorf("unknown mode %q (seed, serve, hit)", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// dbPath is -db, or the sqlstore benchmark's cache, or a file of our own.
func dbPath(db string, events int) string {
	if db != "" {
		return db
	}
	m, _ := filepath.Glob(filepath.Join(os.TempDir(), fmt.Sprintf("uro-bench-events-%d-v*-s*.db", events)))
	if len(m) > 0 {
		sort.Strings(m)
		return m[len(m)-1]
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("uro-load-%d.db", events))
}

func seed(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	db := fs.String("db", "", "store file (default: the sqlstore benchmark's cache, or uro-load-N.db in the temporary directory)")
	events := fs.Int("events", 1_000_000, "events to store (4 per article)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	path := dbPath(*db, *events)
	if _, err := os.Stat(path); err == nil {
		fmt.Println("using", path)
		return nil
	}
	st, err := sqlstore.Open(ctx, path+".filling")
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(7, 11))
	start := time.Now()
	const batch = 1000
	docs := *events / perArticle
	for i := 0; i < docs; i += batch {
		ds := make([]*document.Document, 0, batch)
		for j := i; j < min(i+batch, docs); j++ {
			ds = append(ds, synthetic(j, rng))
		}
		if _, err := st.PutMany(ctx, ds, store.Meta{Fetched: time.Now().UTC()}); err != nil {
			st.Close()
			return fmt.Errorf("seed %s: %w", path, err)
		}
		if i%(50*batch) == 0 {
			fmt.Fprintf(os.Stderr, "%d/%d articles, %.0f/s\n", i, docs, float64(i)/time.Since(start).Seconds())
		}
	}
	if err := st.Close(); err != nil {
		return err
	}
	if err := os.Rename(path+".filling", path); err != nil {
		return err
	}
	for _, sfx := range []string{"-wal", "-shm"} {
		os.Remove(path + ".filling" + sfx)
	}
	fmt.Printf("seeded %s: %d events in %s\n", path, docs*perArticle, time.Since(start).Round(time.Second))
	return nil
}

const perArticle = 4

var kinds = []struct{ plover, acled, sub string }{
	{"PROTEST", "Protests", "Peaceful protest"},
	{"PROTEST", "Riots", "Violent demonstration"},
	{"ASSAULT", "Battles", "Armed clash"},
	{"ASSAULT", "Violence against civilians", "Attack"},
	{"COERCE", "Strategic developments", "Arrests"},
}

// synthetic is article i: four events in one of 200 countries over ten
// years, at places on a grid, each with a figure.
func synthetic(i int, rng *rand.Rand) *document.Document {
	c := rng.IntN(200)
	country := string([]byte{byte('A' + c%26), byte('A' + c/26)})
	day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(3650)).Format(time.DateOnly)
	text := fmt.Sprintf("Synthetic report %d\n\nA load test made up this report of events in %s on %s.", i, country, day)
	title := fmt.Sprintf("Synthetic report %d", i)
	d := &document.Document{Schema: document.Schema, ID: fmt.Sprintf("l%015x", i), Title: &title, Language: "en",
		Published: &day, Text: &text, Events: []document.Event{}, Figures: []document.Figure{}, Entities: []document.Entity{},
		Quotes: []document.Quote{}, Credits: []document.Credit{}, Times: []document.Time{}, Numbers: []document.Number{}}
	for j := range perArticle {
		k := kinds[rng.IntN(len(kinds))]
		p := rng.IntN(500)
		lat := float64(c%12)*10 - 55 + float64(p%20)*0.5
		lon := float64(c/12)*20 - 170 + float64(p/20)*0.5
		name := fmt.Sprintf("%s-%d", country, p)
		id := fmt.Sprintf("e%d", j+1)
		d.Events = append(d.Events, document.Event{ID: id, Type: k.plover, ACLED: &document.ACLED{EventType: k.acled, SubEventType: k.sub},
			Context: []string{}, Factuality: "asserted",
			Location: &document.Place{Text: name, Name: name, Country: country, Lat: &lat, Lon: &lon, Precision: "city"},
			Date:     &document.When{Text: "", Start: &day, End: &day, Precision: "day"},
			Trigger:  document.Span{Text: "events", Start: 50, End: 56}, Evidence: document.Span{Text: "events", Start: 50, End: 56}})
		n := int64(rng.IntN(40))
		d.Figures = append(d.Figures, document.Figure{Kind: "killed", Min: n, Max: &n, Qualifier: "exact", Event: &id,
			Text: "report", Evidence: document.Span{Text: "report", Start: 35, End: 41}})
	}
	return d
}

func serve(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	db := fs.String("db", "", "store file (default as for seed)")
	events := fs.Int("events", 1_000_000, "events the default store file holds")
	addr := fs.String("addr", "127.0.0.1:8089", "address to listen on")
	quiet := fs.Bool("quiet", true, "log warnings only (a request log line per request costs time too)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	path := dbPath(*db, *events)
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("no store at %s: run seed first", path)
	}
	st, err := sqlstore.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	level := slog.LevelInfo
	if *quiet {
		level = slog.LevelWarn
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	return server.Run(ctx, *addr, server.New(server.Config{Store: st, Logger: log}).Handler(), log)
}

func hit(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("hit", flag.ContinueOnError)
	base := fs.String("url", "http://127.0.0.1:8089", "the server")
	rate := fs.Int("rate", 200, "requests per second, over all endpoints")
	dur := fs.Duration("duration", 30*time.Second, "how long to send")
	paths := fs.String("endpoints", "events,map", "endpoints to ask in turn: events, map")
	mapLimit := fs.Int("map-limit", 2000, "limit of the map requests")
	if err := fs.Parse(args); err != nil {
		return err
	}
	countries, days, err := shape(ctx, *base)
	if err != nil {
		return err
	}
	var eps []string
	for _, e := range []string{"events", "map"} {
		if slices.Contains(strings.Split(*paths, ","), e) {
			eps = append(eps, e)
		}
	}
	if len(eps) == 0 {
		return errors.New("no endpoint to ask")
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}, Timeout: 10 * time.Second}
	type result struct {
		ep    string
		d     time.Duration
		code  int
		bytes int64
		err   error
	}
	results := make(chan result, 1024)
	var wg sync.WaitGroup
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	interval := time.Second / time.Duration(*rate)
	start := time.Now()
	n := int(dur.Seconds() * float64(*rate))
	go func() {
		for i := range n {
			if ctx.Err() != nil {
				break
			}
			time.Sleep(time.Until(start.Add(time.Duration(i) * interval)))
			ep := eps[i%len(eps)]
			since := days[rng.IntN(max(1, len(days)-90))]
			t0, _ := time.Parse(time.DateOnly, since)
			q := url.Values{"country": {countries[rng.IntN(len(countries))]}, "since": {since}, "until": {t0.AddDate(0, 0, 89).Format(time.DateOnly)}}
			if ep == "map" {
				q.Set("limit", fmt.Sprint(*mapLimit))
			}
			target := *base + "/api/v1/" + ep + "?" + q.Encode()
			wg.Add(1)
			go func() {
				defer wg.Done()
				sent := time.Now()
				resp, err := client.Get(target)
				r := result{ep: ep, err: err}
				if err == nil {
					r.bytes, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					r.code = resp.StatusCode
				}
				r.d = time.Since(sent)
				results <- r
			}()
		}
		wg.Wait()
		close(results)
	}()
	lat := map[string][]time.Duration{}
	bad := map[string]int{}
	var bytes int64
	var firstBad string
	for r := range results {
		if r.err != nil || r.code != 200 {
			bad[r.ep]++
			if firstBad == "" {
				firstBad = fmt.Sprintf("%s: status %d, %v", r.ep, r.code, r.err)
			}
			continue
		}
		lat[r.ep] = append(lat[r.ep], r.d)
		bytes += r.bytes
	}
	elapsed := time.Since(start)
	fmt.Printf("%d requests in %s (%.1f req/s offered %d), %.1f MB\n", n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), *rate, float64(bytes)/1e6)
	if firstBad != "" {
		fmt.Println("first failure:", firstBad)
	}
	for _, ep := range eps {
		l := lat[ep]
		slices.Sort(l)
		if len(l) == 0 {
			fmt.Printf("%-7s no successful request, %d failed\n", ep, bad[ep])
			continue
		}
		pct := func(p int) time.Duration { return l[min(len(l)-1, len(l)*p/100)] }
		fmt.Printf("%-7s ok %d failed %d  p50 %s  p90 %s  p99 %s  max %s\n", ep, len(l), bad[ep],
			pct(50).Round(10*time.Microsecond), pct(90).Round(10*time.Microsecond), pct(99).Round(10*time.Microsecond), l[len(l)-1].Round(10*time.Microsecond))
	}
	failed := 0
	for _, n := range bad {
		failed += n
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d requests failed (first: %s)", failed, n, firstBad)
	}
	return nil
}

// shape asks the server's stats for the countries and days that hold
// events, so the requests ask for data that is there.
func shape(ctx context.Context, base string) ([]string, []string, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/stats", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("ask %s for stats: %w", base, err)
	}
	defer resp.Body.Close()
	var st server.Stats
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil || resp.StatusCode != 200 {
		return nil, nil, fmt.Errorf("stats from %s: status %d, %v", base, resp.StatusCode, err)
	}
	var countries, days []string
	for c := range st.ByCountry {
		countries = append(countries, c)
	}
	for d := range st.ByDay {
		days = append(days, d)
	}
	sort.Strings(countries)
	sort.Strings(days)
	if len(countries) == 0 || len(days) == 0 {
		return nil, nil, errors.New("the store has no events with countries and days")
	}
	return countries, days, nil
}
