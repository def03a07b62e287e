package sqlstore

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/incident"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/storetest"
)

// The PostgreSQL tests run on the server URO_TEST_POSTGRES names (a
// postgres:// URL of a role that may create databases), in one database
// made for the test run and dropped at its end; each store gets a schema
// of its own in it.
var pgRun struct {
	once    sync.Once
	base    *url.URL // the run's database
	err     error
	schemas atomic.Int64
}

func TestMain(m *testing.M) {
	code := m.Run()
	if pgRun.base != nil {
		if err := pgAdmin(context.Background(), "DROP DATABASE IF EXISTS "+strings.TrimPrefix(pgRun.base.Path, "/")+" WITH (FORCE)"); err != nil {
			fmt.Fprintln(os.Stderr, "drop the test database:", err)
		}
	}
	os.Exit(code)
}

// pgAdmin runs stmt on the database URO_TEST_POSTGRES names.
func pgAdmin(ctx context.Context, stmt string) error {
	c, err := pgx.Connect(ctx, os.Getenv("URO_TEST_POSTGRES"))
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	_, err = c.Exec(ctx, stmt)
	return err
}

// pgDSN returns the URL of a new, empty store on the test server, or skips
// when there is none.
func pgDSN(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv("URO_TEST_POSTGRES")
	if base == "" {
		tb.Skip("URO_TEST_POSTGRES is not set: no PostgreSQL server to test on (.ci/run starts one)")
	}
	ctx := context.Background()
	pgRun.once.Do(func() {
		u, err := url.Parse(base)
		if err != nil {
			pgRun.err = err
			return
		}
		b := make([]byte, 6)
		crand.Read(b)
		name := "uro_test_" + hex.EncodeToString(b)
		if pgRun.err = pgAdmin(ctx, "CREATE DATABASE "+name); pgRun.err == nil {
			u.Path = "/" + name
			pgRun.base = u
		}
	})
	if pgRun.err != nil {
		tb.Fatalf("URO_TEST_POSTGRES: create the test database: %v", pgRun.err)
	}
	schema := fmt.Sprintf("s%d", pgRun.schemas.Add(1))
	c, err := pgx.Connect(ctx, pgRun.base.String())
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatal(err)
	}
	u := *pgRun.base
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestStorePostgres(t *testing.T) {
	pgDSN(t) // skips without a server
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), pgDSN(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestRebind(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"x = '?' AND y = ?", "x = '?' AND y = $1"},
		{`"odd?col" = ?`, `"odd?col" = $1`},
		{"x = 'it''s ?' OR y IN (?, ?)", "x = 'it''s ?' OR y IN ($1, $2)"},
		{"-- is it?\nx = ?", "-- is it?\nx = $1"},
		{"a - ? -- b?", "a - $1 -- b?"},
		{"x = 'open ? quote", "x = 'open ? quote"},
		{strings.Repeat("?,", 11) + "?", "$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12"},
	} {
		if got := rebind(tt.in); got != tt.want {
			t.Errorf("rebind(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestOpenPostgresErrors: an unreachable server is named with its cause,
// without the password, within the connect timeout; a schema of another
// program and a newer schema are refused.
func TestOpenPostgresErrors(t *testing.T) {
	ctx := context.Background()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := l.Addr().String()
	l.Close()
	start := time.Now()
	_, err = Open(ctx, "postgres://uro:s3cret@"+dead+"/uro?sslmode=disable")
	if err == nil {
		t.Fatal("Open of a closed port succeeded")
	}
	t.Log(err)
	for _, w := range []string{"postgres://uro:xxxxx@" + dead, "cannot connect to " + dead, "refused"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Errorf("error shows the password: %v", err)
	}
	if d := time.Since(start); d > 2*connectTimeout {
		t.Errorf("Open took %s to fail", d)
	}
	// A server that accepts and never answers: Open gives up after the
	// connect timeout instead of hanging.
	if !testing.Short() {
		silent, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer silent.Close()
		go func() {
			for {
				c, err := silent.Accept()
				if err != nil {
					return
				}
				defer c.Close()
			}
		}()
		start := time.Now()
		_, err = Open(ctx, "postgres://uro@"+silent.Addr().String()+"/uro?sslmode=disable")
		t.Logf("%s: %v", time.Since(start).Round(time.Millisecond), err)
		if err == nil || !strings.Contains(err.Error(), "cannot connect to "+silent.Addr().String()) || !strings.Contains(err.Error(), "timeout") {
			t.Errorf("Open of a silent server: %v", err)
		}
	}
	if _, err := Open(ctx, "postgres://uro@host/db?connect_timeout=x"); err == nil || !strings.Contains(err.Error(), "connect_timeout") {
		t.Errorf("bad parameter: %v", err)
	}

	dsn := pgDSN(t)
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE TABLE notes (body text)"); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, dsn); err == nil || !strings.Contains(err.Error(), "not a uro database") {
		t.Errorf("schema of another program: %v", err)
	}
	newer := pgDSN(t)
	s := open(t, newer)
	if _, err := s.db.Exec(`INSERT INTO schema_migrations (version, name, applied) VALUES (99, '0099_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, newer); err == nil || !strings.Contains(err.Error(), "schema version 99") || !strings.Contains(err.Error(), "upgrade uro") {
		t.Errorf("newer schema: %v", err)
	}
	// Reopening runs no migration again and keeps the data.
	again := pgDSN(t)
	s = open(t, again)
	doc := storetest.Corpus()[0]
	if _, err := s.Put(ctx, doc, store.Meta{}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, again)
	if ok, err := s.Has(ctx, doc.ID); err != nil || !ok {
		t.Errorf("article lost on reopen: %v %v", ok, err)
	}
}

// TestPostgresText: the full-text filter stems in the article's language
// and takes operators in a user's words literally.
func TestPostgresText(t *testing.T) {
	ctx := context.Background()
	s := open(t, pgDSN(t))
	da := "Demonstranter samlet i Odense\n\nFlere hundrede demonstranter samledes lørdag foran rådhuset i Odense."
	en := "Strikes spread\n\nWorkers were striking at three ports on Monday."
	for _, d := range []struct{ lang, text string }{{"da", da}, {"en", en}, {"sv", "Strejk i Göteborg\n\nHamnarbetare strejkade."}} {
		doc := &document.Document{Schema: document.Schema, ID: document.ID(d.text), Language: d.lang, Text: &d.text}
		if _, err := s.Put(ctx, doc, store.Meta{}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		words string
		want  int
	}{
		{"demonstrant", 1},      // Danish stem of demonstranter
		{"rådhus", 1},           // of rådhuset
		{"strike", 1},           // English stem of striking
		{"ports Monday", 1},     // every word
		{"ports Odense", 0},     // not every word
		{"strejkade", 1},        // other languages: the word as written
		{"-workers", 1},         // no operators
		{"workers | odense", 0}, // no operators
		{"ODENSE:*", 1},         // no prefix syntax either
		{"\x00 \xff", 0},        // nothing left to search for: no filter
	} {
		page, err := s.Articles(ctx, store.Filter{Text: tt.words})
		want := tt.want
		if strings.TrimSpace(strings.ToValidUTF8(strings.ReplaceAll(tt.words, "\x00", ""), "")) == "" {
			want = 3
		}
		if err != nil || len(page.Items) != want {
			t.Errorf("Text %q: %d articles, %v; want %d", tt.words, len(page.Items), err, want)
		}
	}
}

// pgDocs is a corpus in which many articles report few happenings: events
// in three countries, four places each, over twelve days, so incidents
// merge, bridge and chain.
func pgDocs(n int) []*document.Document {
	var docs []*document.Document
	base := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		c := i % 3
		country := []string{"DK", "KZ", "ML"}[c]
		day := base.AddDate(0, 0, (i*7)%12).Format(time.DateOnly)
		text := fmt.Sprintf("Report %d\n\nA report of unrest in %s, number %d, on %s.", i, country, i, day)
		pub := day
		doc := &document.Document{Schema: document.Schema, ID: document.ID(text), Title: &text, Language: "en", Published: &pub, Text: &text,
			Events: []document.Event{}, Figures: []document.Figure{}, Entities: []document.Entity{}, Quotes: []document.Quote{},
			Credits: []document.Credit{}, Times: []document.Time{}, Numbers: []document.Number{}}
		for j := range 1 + i%3 {
			k := (i/3 + j) % 4
			lat, lon := 10+float64(c)*20+float64(k)*0.5, 10+float64(k)*0.5
			name := fmt.Sprintf("%s-%d", country, k)
			t := synthTypes[(i+j)%2] // the two protest types
			d := base.AddDate(0, 0, (i*7+j)%12).Format(time.DateOnly)
			id := fmt.Sprintf("e%d", j+1)
			doc.Events = append(doc.Events, document.Event{ID: id, Type: t.plover, ACLED: &document.ACLED{EventType: t.acled, SubEventType: t.sub},
				Context: []string{}, Factuality: "asserted",
				Location: &document.Place{Text: name, Name: name, Country: country, Lat: &lat, Lon: &lon, Precision: "city"},
				Date:     &document.When{Start: &d, End: &d, Precision: "day"},
				Trigger:  document.Span{Text: "unrest", Start: 24, End: 30}, Evidence: document.Span{Text: "unrest", Start: 24, End: 30}})
			min := int64(i % 7)
			doc.Figures = append(doc.Figures, document.Figure{Kind: "killed", Min: min, Max: &min, Qualifier: "exact", Event: &doc.Events[j].ID,
				Text: "report", Evidence: document.Span{Text: "report", Start: 12, End: 18}})
		}
		docs = append(docs, doc)
	}
	return docs
}

// reference is the incidents incident.Cluster makes of docs' events, as
// sorted lists of event keys by incident id.
func reference(docs []*document.Document) map[string][]string {
	var evs []incident.Event
	for _, d := range docs {
		for _, e := range d.Events {
			evs = append(evs, incident.Of(d.ID, deref(d.Published), e))
		}
	}
	out := map[string][]string{}
	for _, c := range incident.Cluster(evs) {
		var ks []string
		for _, i := range c {
			ks = append(ks, evs[i].Key)
		}
		slices.Sort(ks)
		out[incident.ID(ks)] = ks
	}
	return out
}

func allIncidents(t *testing.T, s store.Store) ([]store.Incident, map[string][]string) {
	t.Helper()
	var incs []store.Incident
	groups := map[string][]string{}
	f := store.Filter{Limit: 500}
	for {
		page, err := s.Incidents(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, inc := range page.Items {
			incs = append(incs, inc)
			groups[inc.ID] = inc.Events
		}
		if page.Next == "" {
			return incs, groups
		}
		f.Cursor = page.Next
	}
}

// TestPostgresConcurrent: 8 writers, each with its own connections (its
// own DB, as separate worker processes have), put overlapping sets of
// documents at once. Every article is stored once, the incidents are what
// incident.Cluster makes of all events and what one writer alone stores,
// and Check is clean.
func TestPostgresConcurrent(t *testing.T) {
	ctx := context.Background()
	dsn := pgDSN(t)
	docs := append(pgDocs(240), storetest.Corpus()...)
	open(t, dsn).Close() // migrated once, so the writers race on data
	const writers = 8
	added := make([]atomic.Int32, len(docs))
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(ctx, dsn)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			// Writer w puts a quarter of the documents from its own offset,
			// so each document is put by two writers, in different orders.
			for i := range len(docs) / 4 {
				k := (w*len(docs)/8 + i) % len(docs)
				if w%2 == 1 {
					k = (w*len(docs)/8 + len(docs)/4 - 1 - i) % len(docs)
				}
				ok, err := s.Put(ctx, docs[k], store.Meta{})
				if err != nil {
					errs <- fmt.Errorf("writer %d: put %d: %w", w, k, err)
					return
				}
				if ok {
					added[k].Add(1)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for i := range added {
		if n := added[i].Load(); n != 1 {
			t.Errorf("document %d added %d times", i, n)
		}
	}
	s := open(t, dsn)
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check: %v %q", err, problems)
	}
	incs, groups := allIncidents(t, s)
	want := reference(docs)
	if !equalGroups(groups, want) {
		t.Errorf("%d incidents from %d writers, incident.Cluster makes %d", len(groups), writers, len(want))
	}
	alone := open(t, pgDSN(t))
	for _, d := range docs {
		if _, err := alone.Put(ctx, d, store.Meta{}); err != nil {
			t.Fatal(err)
		}
	}
	one, _ := allIncidents(t, alone)
	a, _ := json.Marshal(one)
	b, _ := json.Marshal(incs)
	if string(a) != string(b) {
		t.Errorf("incidents of %d writers differ from one writer's", writers)
	}
	// Then the writers replace a fifth of the articles at once (each twice,
	// as a re-queued reprocess job would): their events move to another
	// place, which splits some incidents and joins others.
	final := slices.Clone(docs)
	var replaced []int
	for i := 0; i < len(pgDocs(240)); i += 5 {
		d := cloneDoc(t, docs[i])
		for j := range d.Events {
			loc := *d.Events[j].Location
			lat := *loc.Lat + 0.5
			loc.Lat, loc.Name, loc.Text = &lat, loc.Name+"-moved", loc.Text+"-moved"
			d.Events[j].Location = &loc
		}
		final[i] = d
		replaced = append(replaced, i)
	}
	errs = make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(ctx, dsn)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			for i := range len(replaced) / 4 {
				k := replaced[(w*len(replaced)/8+i)%len(replaced)]
				if err := s.Replace(ctx, final[k], store.Meta{}); err != nil {
					errs <- fmt.Errorf("writer %d: replace %d: %w", w, k, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check after Replace: %v %q", err, problems)
	}
	incs, groups = allIncidents(t, s)
	if want := reference(final); !equalGroups(groups, want) {
		t.Errorf("after Replace: %d incidents, incident.Cluster makes %d of the final documents", len(groups), len(want))
	}
	afresh := open(t, pgDSN(t))
	for _, d := range final {
		if _, err := afresh.Put(ctx, d, store.Meta{}); err != nil {
			t.Fatal(err)
		}
	}
	one, _ = allIncidents(t, afresh)
	if mustJSON(t, one) != mustJSON(t, incs) {
		t.Errorf("incidents after %d writers replaced %d articles differ from the final documents put afresh", writers, len(replaced))
	}
	multi := 0
	for _, ks := range groups {
		if len(ks) > 1 {
			multi++
		}
	}
	t.Logf("%d documents, %d incidents, %d of more than one event", len(docs), len(groups), multi)
	if multi < 10 {
		t.Errorf("only %d incidents merge events: the corpus does not test merging", multi)
	}
}

func equalGroups(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for id, ks := range a {
		if !slices.Equal(ks, b[id]) {
			return false
		}
	}
	return true
}

// FuzzRebind: rebinding only renumbers placeholders: with each $n put back
// as '?', the query is what it was, and the numbers run 1, 2, 3 ….
func FuzzRebind(f *testing.F) {
	for _, s := range []string{"a = ?", "'?' ? \"?\" ?", "-- ?\n?", "'it''s' ?", "'open ?", "?-?--?\n?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if strings.Contains(q, "$") || regexp.MustCompile(`\?[0-9]`).MatchString(q) {
			return // numbered placeholders (SQLite's ?NNN) are not rebound; uro uses none
		}
		got := rebind(q)
		back, n := strings.Builder{}, 0
		for i := 0; i < len(got); i++ {
			if got[i] != '$' {
				back.WriteByte(got[i])
				continue
			}
			j := i + 1
			for j < len(got) && got[j] >= '0' && got[j] <= '9' {
				j++
			}
			n++
			if got[i+1:j] != fmt.Sprint(n) {
				t.Fatalf("rebind(%q) = %q: placeholder %d is $%s", q, got, n, got[i+1:j])
			}
			back.WriteByte('?')
			i = j - 1
		}
		if back.String() != q {
			t.Fatalf("rebind(%q) = %q, which is another query", q, got)
		}
	})
}

// BenchmarkPutPostgres is BenchmarkPut on PostgreSQL (URO_TEST_POSTGRES).
// cpu-ms/article is this process's CPU time only, not the server's.
func BenchmarkPutPostgres(b *testing.B) {
	docs := realDocs(b)
	for _, batch := range []int{1, 100} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			s, err := Open(context.Background(), pgDSN(b))
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
			b.ReportMetric(float64((cpuTime()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/article")
		})
	}
}

// pgEvents is the PostgreSQL store of BenchmarkEventsByCountryDatePostgres,
// filled once per test run.
var pgEvents struct {
	once sync.Once
	dsn  string
	err  error
}

// BenchmarkEventsByCountryDatePostgres is BenchmarkEventsByCountryDate on
// PostgreSQL: the first page of one country's events in 90 days, over
// -bench.events events (1M), reported as latency percentiles.
func BenchmarkEventsByCountryDatePostgres(b *testing.B) {
	events := *benchEvents
	ctx := context.Background()
	pgEvents.once.Do(func() {
		dsn := pgDSN(b)
		s, err := Open(ctx, dsn)
		if err != nil {
			pgEvents.err = err
			return
		}
		defer s.Close()
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
				pgEvents.err = err
				return
			}
		}
		if _, err := s.db.ExecContext(ctx, `ANALYZE`); err != nil {
			pgEvents.err = err
			return
		}
		b.Logf("filled a PostgreSQL store with %d events in %s (%.0f articles/s)", events, time.Since(start), float64(docs)/time.Since(start).Seconds())
		pgEvents.dsn = dsn
	})
	if pgEvents.err != nil {
		b.Fatal(pgEvents.err)
	}
	s, err := Open(ctx, pgEvents.dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	benchCountryDate(b, s, events)
}

func cloneDoc(t *testing.T, d *document.Document) *document.Document {
	t.Helper()
	var c document.Document
	if err := json.Unmarshal([]byte(mustJSON(t, d)), &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
