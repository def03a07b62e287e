package sqlstore

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/incident"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/storetest"
)

// The tests here hold the shortcuts of the write and read paths to what
// they stand for: the candidate columns to incident.Of over the whole event,
// Points to Events, the event counters to counting the events, and a batch
// to articles put one by one.

func fresh(t *testing.T) *DB {
	t.Helper()
	return open(t, filepath.Join(t.TempDir(), "uro.db"))
}

func putCorpus(t *testing.T, s *DB, docs []*document.Document) {
	t.Helper()
	if _, err := s.PutMany(context.Background(), docs, store.Meta{}); err != nil {
		t.Fatal(err)
	}
}

func TestCandidateIsOf(t *testing.T) {
	s := fresh(t)
	docs := storetest.Corpus()
	putCorpus(t, s, docs)
	want := map[string]incident.Event{}
	for _, d := range docs {
		for _, e := range d.Events {
			want[d.ID+"/"+e.ID] = incident.Of(d.ID, deref(d.Published), e)
		}
	}
	got, err := collect(context.Background(), runner{s, nil}, `SELECT `+candidateCols+` FROM events e`, scanCandidate)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("%d events read, %d stored", len(got), len(want))
	}
	for _, c := range got {
		if w := want[c.ev.Key]; !reflect.DeepEqual(c.ev, w) {
			t.Errorf("candidate %s:\n got %+v\nwant %+v", c.ev.Key, c.ev, w)
		}
		if c.incident == "" {
			t.Errorf("candidate %s: no incident", c.ev.Key)
		}
	}
}

func TestPointsAreEventsWithCoordinates(t *testing.T) {
	s := fresh(t)
	putCorpus(t, s, storetest.Corpus())
	ctx := context.Background()
	for _, f := range []store.Filter{{}, {Country: "DK"}, {Type: "PROTEST"}, {Text: "politi"}} {
		var want []store.Point
		g := f
		g.Limit = 3
		for {
			p, err := s.Events(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range p.Items {
				loc := e.Event.Location
				if loc == nil || loc.Lat == nil || loc.Lon == nil {
					continue
				}
				pt := store.Point{Key: e.Key, Lat: *loc.Lat, Lon: *loc.Lon, Type: e.Event.Type}
				if e.Event.ACLED != nil {
					pt.ACLED = e.Event.ACLED.EventType
				}
				if d := e.Event.Date; d != nil && d.Start != nil {
					pt.Date = *d.Start
				}
				want = append(want, pt)
			}
			if g.Cursor = p.Next; g.Cursor == "" {
				break
			}
		}
		var got []store.Point
		g = f
		g.Limit = 2 // pages of points, not events
		pages := 0
		for {
			p, err := s.Points(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Items) > 2 {
				t.Errorf("%+v: a page of %d points for limit 2", f, len(p.Items))
			}
			pages++
			got = append(got, p.Items...)
			if g.Cursor = p.Next; g.Cursor == "" {
				break
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Points(%+v) in %d pages:\n got %+v\nwant %+v", f, pages, got, want)
		}
		if f == (store.Filter{}) && len(want) < 5 {
			t.Errorf("only %d points in the corpus: the test shows little", len(want))
		}
	}
	if _, err := s.Points(ctx, store.Filter{Cursor: "not a cursor"}); err == nil || !strings.Contains(err.Error(), "cursor") {
		t.Errorf("bad cursor: %v", err)
	}
}

// TestStatsCounters: event_counts agrees with the events after every way
// of writing them (put in code, delete and update by trigger), also in a
// store made at schema 2, whose insert trigger migration 3 replaced; and
// Check notices a counter that does not.
func TestStatsCounters(t *testing.T) {
	ctx := context.Background()
	docs := storetest.Corpus()
	half := len(docs) / 2
	same := func(t *testing.T, s *DB, when string) {
		t.Helper()
		counted, err := s.Stats(ctx, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		grouped, err := s.groupedStats(ctx, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(counted, grouped) {
			t.Errorf("%s: counters say %+v\nevents say %+v", when, counted, grouped)
		}
		if len(grouped.ByType) == 0 && when != "after replacing every article's events by none" {
			t.Errorf("%s: no events counted: the test shows nothing", when)
		}
		if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
			t.Errorf("%s: Check: %v %q", when, err, problems)
		}
	}
	for _, tc := range []struct {
		name string
		put  func(t *testing.T, s *DB, docs []*document.Document)
	}{
		{"Put", func(t *testing.T, s *DB, docs []*document.Document) {
			for _, d := range docs {
				if _, err := s.Put(ctx, d, store.Meta{}); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"PutMany", func(t *testing.T, s *DB, docs []*document.Document) { putCorpus(t, s, docs) }},
		{"PutPrepared", func(t *testing.T, s *DB, docs []*document.Document) {
			ps := make([]store.Prepared, len(docs))
			for i, d := range docs {
				p, err := s.Prepare(d, store.Meta{})
				if err != nil {
					t.Fatal(err)
				}
				ps[i] = p
			}
			if _, err := s.PutPrepared(ctx, ps); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := fresh(t)
			tc.put(t, s, docs[:half])
			same(t, s, "after putting half the corpus")
			tc.put(t, s, docs[half:])
			same(t, s, "after putting the rest")
			// Replacing an article deletes its events (the trigger counts)
			// and inserts its new ones (put counts).
			for _, d := range docs[:3] {
				if err := s.Replace(ctx, d, store.Meta{}); err != nil {
					t.Fatal(err)
				}
			}
			same(t, s, "after replacing articles by themselves")
			for _, d := range docs {
				none := *d
				none.Events = nil
				if err := s.Replace(ctx, &none, store.Meta{}); err != nil {
					t.Fatal(err)
				}
			}
			same(t, s, "after replacing every article's events by none")
		})
	}

	t.Run("made at schema 2", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "uro.db")
		s := open(t, path)
		putCorpus(t, s, docs[:half])
		// Back to schema 2 as it was: the insert trigger counts, and
		// migrations 3 and 4 are yet to run.
		trigger, err := migrationFS.ReadFile("migrations/sqlite/0002_read_speed.sql")
		if err != nil {
			t.Fatal(err)
		}
		from := strings.Index(string(trigger), "CREATE TRIGGER events_count_insert")
		to := strings.Index(string(trigger[from:]), "END;")
		if from < 0 || to < 0 {
			t.Fatal("schema 2 has no insert trigger to restore")
		}
		if _, err := s.db.ExecContext(ctx, string(trigger[from:from+to+len("END;")])); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{`DELETE FROM schema_migrations WHERE version >= 3`, `ALTER TABLE articles DROP COLUMN layers`} {
			if _, err := s.db.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
		s = open(t, path)
		var triggers int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'events_count_insert'`).Scan(&triggers); err != nil || triggers != 0 {
			t.Fatalf("insert trigger left after migration 3: %d, %v", triggers, err)
		}
		same(t, s, "after migrating")
		putCorpus(t, s, docs[half:])
		same(t, s, "after putting the rest")
	})

	s := fresh(t)
	putCorpus(t, s, docs)
	if _, err := s.db.ExecContext(ctx, `UPDATE event_counts SET n = n + 2 WHERE dim = 'type' AND value = 'PROTEST'`); err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check(ctx)
	if err != nil || !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, "events counted by type 'PROTEST'") }) {
		t.Errorf("Check after breaking a counter: %v %q", err, problems)
	}
}

// TestBatchIsOneByOne puts a corpus in shuffled batches and one article at
// a time: the incidents (their members and summaries) must be the same.
func TestBatchIsOneByOne(t *testing.T) {
	ctx := context.Background()
	docs := storetest.Corpus()
	incidents := func(s *DB) string {
		t.Helper()
		var all []store.Incident
		f := store.Filter{Limit: 1000}
		for {
			p, err := s.Incidents(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, p.Items...)
			if f.Cursor = p.Next; f.Cursor == "" {
				break
			}
		}
		if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
			t.Errorf("Check: %v %q", err, problems)
		}
		b, _ := json.Marshal(all)
		return string(b)
	}
	one := fresh(t)
	for _, d := range docs {
		if _, err := one.Put(ctx, d, store.Meta{}); err != nil {
			t.Fatal(err)
		}
	}
	want := incidents(one)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{len(docs), 7, 3} {
		ds := slices.Clone(docs)
		rng.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
		s := fresh(t)
		for i := 0; i < len(ds); i += size {
			if _, err := s.PutMany(ctx, ds[i:min(i+size, len(ds))], store.Meta{}); err != nil {
				t.Fatal(err)
			}
		}
		if got := incidents(s); got != want {
			t.Errorf("batches of %d make other incidents:\n got %s\nwant %s", size, got, want)
		}
	}
}

func TestSameText(t *testing.T) {
	for _, tt := range []struct {
		runes string
		s     string
	}{
		{"", ""}, {"", "a"}, {"a", ""}, {"Nørrebro", "Nørrebro"}, {"Nørrebro", "Norrebro"}, {"ab", "abc"},
		{"abc", "ab"}, {"\uFFFD", "\xff"}, {"é", "e\u0301"}, {"x\uFFFDy", "x\uFFFDy"},
	} {
		rs := []rune(tt.runes)
		if got, want := sameText(rs, tt.s), string(rs) == tt.s; got != want {
			t.Errorf("sameText(%q, %q) = %v, want %v", tt.runes, tt.s, got, want)
		}
	}
}
