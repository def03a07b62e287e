package incident

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/urodata/uro/internal/document"
)

func f64(v float64) *float64 { return &v }
func strp(s string) *string  { return &s }

// ev builds a merge view directly; tests of Of build documents instead.
func ev(key, typ, acled, place string, lat, lon float64, prec, from, to string, sides ...string) Event {
	art, _, _ := strings.Cut(key, "/")
	e := Event{Key: key, Article: art, Type: typ, ACLEDType: acled, Place: place, Precision: prec, Sides: sides, Country: "KZ"}
	if prec != "" {
		e.Lat, e.Lon = f64(lat), f64(lon)
	}
	if from != "" {
		e.Start, e.End = day(from), day(to)
	}
	return e
}

func TestCompatible(t *testing.T) {
	almaty := func(key, from string) Event {
		return ev(key, "PROTEST", "Protests", "Almaty", 43.25, 76.91, "city", from, from, "crowd")
	}
	tests := []struct {
		name string
		a, b Event
		want bool
	}{
		{"same city same day", almaty("a/e1", "2022-01-05"), almaty("b/e1", "2022-01-05"), true},
		{"one day apart", almaty("a/e1", "2022-01-05"), almaty("b/e1", "2022-01-06"), true},
		{"three days apart", almaty("a/e1", "2022-01-05"), almaty("b/e1", "2022-01-08"), false},
		{"other city", almaty("a/e1", "2022-01-05"),
			ev("b/e1", "PROTEST", "Protests", "Aktau", 43.65, 51.2, "city", "2022-01-05", "2022-01-05", "crowd"), false},
		{"suburb within the urban area", almaty("a/e1", "2022-01-05"),
			ev("b/e1", "PROTEST", "Protests", "Boraldai", 43.36, 76.86, "city", "2022-01-05", "2022-01-05"), true},
		{"protest turned riot", almaty("a/e1", "2022-01-05"),
			ev("b/e1", "PROTEST", "Riots", "Almaty", 43.25, 76.91, "city", "2022-01-05", "2022-01-05", "crowd"), true},
		{"protest and arrests of protesters", almaty("a/e1", "2022-01-05"),
			ev("b/e1", "COERCE", "Strategic developments", "Almaty", 43.25, 76.91, "city", "2022-01-05", "2022-01-05", "state", "crowd"), true},
		{"protest and an air strike", almaty("a/e1", "2022-01-05"),
			ev("b/e1", "ASSAULT", "Explosions/Remote violence", "Almaty", 43.25, 76.91, "city", "2022-01-05", "2022-01-05"), false},
		{"parties on no common side", ev("a/e1", "ASSAULT", "Battles", "Almaty", 43.25, 76.91, "city", "2022-01-05", "2022-01-05", "state", "armed"),
			ev("b/e1", "ASSAULT", "Battles", "Almaty", 43.25, 76.91, "city", "2022-01-05", "2022-01-05", "crowd"), false},
		{"unknown party fits any side", ev("a/e1", "ASSAULT", "Battles", "Almaty", 43.25, 76.91, "city", "2022-01-05", "2022-01-05", "state", "armed"),
			ev("b/e1", "ASSAULT", "Battles", "Almaty", 43.25, 76.91, "city", "2022-01-05", "2022-01-05", "any"), true},
		{"undated across articles", almaty("a/e1", ""), almaty("b/e1", "2022-01-05"), false},
		{"undated in one article", almaty("a/e1", ""), almaty("a/e2", "2022-01-05"), true},
		{"week-long range across articles", ev("a/e1", "PROTEST", "Protests", "Almaty", 43.25, 76.91, "city", "2022-01-01", "2022-01-07"),
			almaty("b/e1", "2022-01-05"), false},
		{"no place across articles", ev("a/e1", "PROTEST", "Protests", "", 0, 0, "", "2022-01-05", "2022-01-05"),
			almaty("b/e1", "2022-01-05"), false},
		{"no place in one article", ev("a/e1", "PROTEST", "Protests", "", 0, 0, "", "2022-01-05", "2022-01-05"),
			almaty("a/e2", "2022-01-05"), true},
		{"country-wide against a city, other article", ev("a/e1", "PROTEST", "Protests", "Kazakhstan", 48, 68, "country", "2022-01-05", "2022-01-05"),
			almaty("b/e1", "2022-01-05"), false},
		{"country-wide against a city, same article", ev("a/e1", "PROTEST", "Protests", "Kazakhstan", 48, 68, "country", "2022-01-05", "2022-01-05"),
			almaty("a/e2", "2022-01-05"), true},
		{"two country-wide reports", ev("a/e1", "PROTEST", "Protests", "Kazakhstan", 48, 68, "country", "2022-01-05", "2022-01-05"),
			ev("b/e1", "PROTEST", "Protests", "Kazakhstan", 48, 68, "country", "2022-01-05", "2022-01-05"), true},
		{"region and a town in it", ev("a/e1", "PROTEST", "Protests", "Mangystau", 44, 53, "admin1", "2022-01-05", "2022-01-05"),
			func() Event {
				e := almaty("b/e1", "2022-01-05")
				e.Place, e.Admin1, e.Lat, e.Lon = "Zhanaozen", "Mangystau", f64(43.34), f64(52.86)
				return e
			}(), true},
		{"region and a town elsewhere", ev("a/e1", "PROTEST", "Protests", "Mangystau", 44, 53, "admin1", "2022-01-05", "2022-01-05"),
			func() Event { e := almaty("b/e1", "2022-01-05"); e.Admin1 = "Almaty Oblysy"; return e }(), false},
		{"other country", almaty("a/e1", "2022-01-05"),
			func() Event { e := almaty("b/e1", "2022-01-05"); e.Country = "KG"; return e }(), false},
		{"non-ACLED types compare by PLOVER", ev("a/e1", "ACCUSE", "", "Almaty", 43.25, 76.91, "city", "2022-01-05", "2022-01-05"),
			ev("b/e1", "THREATEN", "", "Almaty", 43.25, 76.91, "city", "2022-01-05", "2022-01-05"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Compatible(tt.a, tt.b); got != tt.want {
				t.Errorf("Compatible(a, b) = %v, want %v", got, tt.want)
			}
			if got := Compatible(tt.b, tt.a); got != tt.want {
				t.Errorf("Compatible(b, a) = %v, want %v (not symmetric)", got, tt.want)
			}
		})
	}
}

func TestOf(t *testing.T) {
	d := document.Event{
		ID: "e2", Type: "PROTEST", ACLED: &document.ACLED{EventType: "Protests", SubEventType: "Peaceful protest"},
		Actor:    &document.Party{Kind: "protesters"},
		Location: &document.Place{Name: "Almaty", Country: "KZ", Admin1: strp("Almaty"), Lat: f64(43.25), Lon: f64(76.91), Precision: "city"},
		Date:     &document.When{Start: strp("2022-01-05"), End: strp("2022-01-06"), Precision: "range"},
	}
	e := Of("abc", "2022-01-07", d)
	if e.Key != "abc/e2" || e.ACLEDType != "Protests" || e.Admin1 != "Almaty" || !slices.Equal(e.Sides, []string{"crowd"}) {
		t.Errorf("Of = %+v", e)
	}
	if !e.Start.Equal(day("2022-01-05")) || !e.End.Equal(day("2022-01-06")) {
		t.Errorf("dates = %v..%v", e.Start, e.End)
	}
	d.Date = nil
	if e := Of("abc", "2022-01-07", d); !e.Start.Equal(day("2022-01-07")) {
		t.Errorf("undated event: Start = %v, want the article's date", e.Start)
	}
	if e := Of("abc", "", d); !e.Start.IsZero() {
		t.Errorf("undated event of an undated article: Start = %v, want zero", e.Start)
	}

	// "Since July 2020": two articles saying it of one place are not
	// thereby about one day, with or without a publication date.
	d.Date = &document.When{Text: "siden juli 2020", Start: strp("2020-07-01"), Precision: "range"}
	for _, pub := range []string{"", "2022-01-07"} {
		a, b := Of("a", pub, d), Of("b", pub, d)
		if Compatible(a, b) {
			t.Errorf("published %q: two open-ended ranges from one start joined across articles", pub)
		}
		if !a.vagueDate() {
			t.Errorf("published %q: open-ended range %v..%v not vague", pub, a.Start, a.End)
		}
	}
	d.Date = &document.When{Text: "siden i går", Start: strp("2022-01-06"), Precision: "range"}
	if e := Of("a", "2022-01-07", d); e.vagueDate() || !e.End.Equal(day("2022-01-07")) {
		t.Errorf("since yesterday: %v..%v, vague %v; want it to run to the article's day", e.Start, e.End, e.vagueDate())
	}
}

// TestClusterOrderIndependent shuffles a corpus of events many times: the
// incidents (as sets of keys) must never change.
func TestClusterOrderIndependent(t *testing.T) {
	var evs []Event
	cities := []struct {
		name     string
		lat, lon float64
	}{{"Almaty", 43.25, 76.91}, {"Aktau", 43.65, 51.2}, {"Astana", 51.17, 71.45}}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 120 {
		c := cities[r.IntN(len(cities))]
		d := time.Date(2022, 1, 2+r.IntN(8), 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		typ, acled := "PROTEST", "Protests"
		if r.IntN(3) == 0 {
			typ, acled = "ASSAULT", "Battles"
		}
		key := string(rune('a'+i%26)) + strings.Repeat("x", i/26) + "/e1"
		evs = append(evs, ev(key, typ, acled, c.name, c.lat, c.lon, "city", d, d))
	}
	canon := func(evs []Event) []string {
		var out []string
		for _, g := range Cluster(evs) {
			var keys []string
			for _, i := range g {
				keys = append(keys, evs[i].Key)
			}
			slices.Sort(keys)
			out = append(out, strings.Join(keys, ","))
		}
		slices.Sort(out)
		return out
	}
	want := canon(evs)
	if len(want) < 3 || len(want) == len(evs) {
		t.Fatalf("degenerate corpus: %d incidents of %d events", len(want), len(evs))
	}
	for range 50 {
		r.Shuffle(len(evs), func(i, j int) { evs[i], evs[j] = evs[j], evs[i] })
		if got := canon(evs); !slices.Equal(got, want) {
			t.Fatalf("a different order gave other incidents:\n got %v\nwant %v", got, want)
		}
	}
}

func TestClusterChains(t *testing.T) {
	// Day 1 and day 3 are too far apart alone, but day 2 ties them: single
	// linkage makes one incident of a three-day standoff.
	evs := []Event{
		ev("a/e1", "PROTEST", "Protests", "Almaty", 43.25, 76.91, "city", "2022-01-04", "2022-01-04"),
		ev("c/e1", "PROTEST", "Protests", "Almaty", 43.25, 76.91, "city", "2022-01-06", "2022-01-06"),
		ev("b/e1", "PROTEST", "Protests", "Almaty", 43.25, 76.91, "city", "2022-01-05", "2022-01-05"),
		ev("d/e1", "PROTEST", "Protests", "Aktau", 43.65, 51.2, "city", "2022-01-05", "2022-01-05"),
	}
	got := Cluster(evs)
	want := [][]int{{0, 1, 2}, {3}}
	if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
		t.Errorf("Cluster = %v, want %v", got, want)
	}
}

func TestID(t *testing.T) {
	a := ID([]string{"b/e1", "a/e2", "c/e1"})
	if b := ID([]string{"c/e1", "b/e1", "a/e2"}); a != b {
		t.Errorf("ID depends on order: %s vs %s", a, b)
	}
	if a == ID([]string{"b/e1", "c/e1"}) {
		t.Errorf("ID ignores the smallest key")
	}
	if !strings.HasPrefix(a, "i") || len(a) != 17 {
		t.Errorf("ID = %q, want i + 16 hex digits", a)
	}
	if ID(nil) != "" {
		t.Errorf("ID(nil) = %q, want empty", ID(nil))
	}
}

func TestRules(t *testing.T) {
	if _, err := loadRules(compatibleTSV, sidesTSV); err != nil {
		t.Fatalf("embedded rules: %v", err)
	}
	tests := []struct{ compat, sides, want string }{
		{"a\tb\nProtests\tRiot\n", "kind\tside\n", "compatible.tsv:2: unknown event type \"Riot\""},
		{"a\tb\nProtests\n", "kind\tside\n", "compatible.tsv:2"},
		{"a\tb\n", "kind\tside\npolice\tstate\npolice\tcrowd\n", "sides.tsv:3: party kind \"police\" listed twice"},
		{"a\tb\n", "kind\tside\npolice\tgovernment\n", "sides.tsv:2: unknown side \"government\""},
	}
	for _, tt := range tests {
		_, err := loadRules([]byte(tt.compat), []byte(tt.sides))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("loadRules(%q, %q) = %v, want an error containing %q", tt.compat, tt.sides, err, tt.want)
		}
	}
}

func FuzzLoadRules(f *testing.F) {
	f.Add(compatibleTSV, sidesTSV)
	f.Add([]byte("a\tb\nProtests\t\n"), []byte("kind\tside\n\tstate\n"))
	f.Fuzz(func(t *testing.T, compat, sides []byte) {
		r, err := loadRules(compat, sides)
		if err == nil && r == nil {
			t.Fatal("nil rules without an error")
		}
	})
}
