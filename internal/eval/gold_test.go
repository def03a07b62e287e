package eval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urodata/uro/internal/document"
)

const seedGold = "../../../shared/examples/da-kasakhstan-2022-01-06.gold.json"

// goldFiles are every gold answer the repository holds (and the seed, when
// present beside the repository).
func goldFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"../../testdata/gold/*/*.gold.json", "../../examples/*.gold.json", seedGold} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	return files
}

func TestReadGoldFiles(t *testing.T) {
	files := goldFiles(t)
	if len(files) < 24 {
		t.Fatalf("found %d gold files, want the 24 of testdata/gold at least", len(files))
	}
	for _, f := range files {
		g, err := ReadGold(context.Background(), f)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if g.ID != Stem(f) {
			t.Errorf("%s: id %q, want the file stem %q", f, g.ID, Stem(f))
		}
		if len(g.Events) == 0 || g.PublishedDate.IsZero() || g.Language == "" {
			t.Errorf("%s: %d events, published %v, language %q", f, len(g.Events), g.PublishedDate, g.Language)
		}
		for i, e := range g.Events {
			if e.Start.IsZero() || e.End.Before(e.Start) {
				t.Errorf("%s: events[%d] dates %v..%v", f, i, e.Start, e.End)
			}
		}
	}
}

func TestReadGoldSeed(t *testing.T) {
	if _, err := os.Stat(seedGold); err != nil {
		t.Skip("seed gold absent:", err)
	}
	g, err := ReadGold(context.Background(), seedGold)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Events) != 12 || len(g.Figures) != 6 {
		t.Fatalf("%d events, %d figures, want 12 and 6", len(g.Events), len(g.Figures))
	}
	// The seed predates the acled field: not judged, not "none".
	if g.Events[0].HasACLED || g.Events[0].AltTypes[0] != "PROTEST" || !g.Events[11].OptionalCountry || !g.Figures[5].Optional {
		t.Errorf("seed fields misread: %+v %+v", g.Events[0], g.Figures[5])
	}
	if f := g.Figures[1]; f.Kind != "killed" || f.Min != 12 || f.Max != nil || f.SourceKind != "official" {
		t.Errorf("figures[1] = %+v", f)
	}
}

// A document that says exactly what the gold says scores 1 on everything;
// one that says nothing misses every required item.
func TestScoreGoldAgainstItself(t *testing.T) {
	for _, f := range goldFiles(t) {
		g, err := ReadGold(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		r := Score(g, perfect(g))
		if r.Events.FP+r.Events.FN+r.Figures.FP+r.Figures.FN > 0 || r.Attributions.Correct != r.Attributions.Total || r.ACLEDSub.Correct != r.ACLEDSub.Total || r.ACLEDNone.Correct != r.ACLEDNone.Total {
			t.Errorf("%s against itself: %+v", f, r)
		}
		if r.Attributions.Total == 0 {
			t.Errorf("%s: no attribution judged", f)
		}
		empty := Score(g, &document.Document{})
		if empty.Events.FN != required(g) || empty.Events.TP != 0 || empty.Events.F1() != 0 {
			t.Errorf("%s against nothing: %+v, want %d misses", f, empty.Events, required(g))
		}
	}
}

func required(g *Gold) int {
	n := 0
	for _, e := range g.Events {
		if !e.Optional {
			n++
		}
	}
	return n
}

// perfect builds the document that says exactly what g says.
func perfect(g *Gold) *document.Document {
	d := &document.Document{}
	for _, e := range g.Events {
		de := document.Event{Type: e.Type, Factuality: e.Factuality, Evidence: document.Span{Text: e.Sentence}}
		if e.Country != "" {
			de.Location = &document.Place{Country: e.Country}
		}
		if e.DateStart != "" {
			de.Date = &document.When{Start: str(e.Start.Format("2006-01-02")), End: str(e.End.Format("2006-01-02"))}
		}
		if e.SourceKind != "" {
			de.Attribution = &document.Attribution{Kind: e.SourceKind}
		}
		if e.ACLED != nil {
			de.ACLED = &document.ACLED{EventType: e.ACLED.EventType, SubEventType: e.ACLED.SubEventType}
		}
		d.Events = append(d.Events, de)
	}
	for _, f := range g.Figures {
		df := document.Figure{Kind: f.Kind, Min: f.Min, Max: f.Max, Qualifier: f.Qualifier, Evidence: document.Span{Text: f.Sentence}}
		if f.SourceKind != "" {
			df.Attribution = &document.Attribution{Kind: f.SourceKind}
		}
		d.Figures = append(d.Figures, df)
	}
	return d
}

func TestReadGoldErrors(t *testing.T) {
	const ev = `{"type": "PROTEST", "country": "DK", "date_start": "2024-03-09", "date_end": "2024-03-09", "sentence": "S"}`
	tests := []struct {
		name, data string
		want       []string // substrings of the error after the file name
	}{
		{"empty file", ``, []string{"1:1:", "unexpected end of JSON input"}},
		{"truncated", "{\"events\": [\n" + ev + ",\n", []string{"3:1:", "malformed JSON"}},
		{"syntax", "{\"events\": [],\n \"figures\": [}\n", []string{"2:14:", "invalid character '}'"}},
		{"trailing comma", "{\"events\": [],\n\"figures\": [],\n}", []string{"3:1:", "malformed JSON"}},
		{"array", `[]`, []string{"1:", "gold must be a JSON object, not a JSON array"}},
		{"null", `null`, []string{"gold must be a JSON object"}},
		{"no lists", `{"id": "x"}`, []string{`"events"`, `"figures"`}},
		{"type not a string", "{\"events\": [\n {\"type\": 5}], \"figures\": []}", []string{"2:", "events.type must be string, not a JSON number"}},
		{"min not a number", `{"events": [], "figures": [{"kind": "killed", "min": "12"}]}`, []string{"figures.min must be int64"}},
		{"unknown type", `{"events": [{"type": "ASSALT"}], "figures": []}`, []string{`events[0].type "ASSALT" is not a PLOVER type`}},
		{"NONE is no type", `{"events": [{"type": "NONE"}], "figures": []}`, []string{`events[0].type "NONE"`}},
		{"unknown alt type", `{"events": [` + ev + `, {"type": "PROTEST", "alt_types": ["RIOT"]}], "figures": []}`, []string{`events[1].alt_types "RIOT"`}},
		{"bad date", `{"events": [{"type": "PROTEST", "date_start": "09-03-2024"}], "figures": []}`, []string{`events[0].date_start "09-03-2024" is not a date YYYY-MM-DD`}},
		{"end before start", `{"events": [{"type": "PROTEST", "date_start": "2024-03-09", "date_end": "2024-03-08"}], "figures": []}`, []string{"events[0]", "before date_start"}},
		{"end without start", `{"events": [{"type": "PROTEST", "date_end": "2024-03-08"}], "figures": []}`, []string{"events[0] has date_end without date_start"}},
		{"bad published", `{"published": "yesterday", "events": [], "figures": []}`, []string{`published "yesterday"`}},
		{"bad factuality", `{"events": [{"type": "PROTEST", "factuality": "rumoured"}], "figures": []}`, []string{`events[0].factuality "rumoured"`}},
		{"unknown ACLED sub type", `{"events": [{"type": "PROTEST", "acled": {"event_type": "Protests", "sub_event_type": "Sit-in"}}], "figures": []}`, []string{`"Sit-in" is not an ACLED sub-event type`}},
		{"ACLED pair mismatched", `{"events": [{"type": "PROTEST", "acled": {"event_type": "Riots", "sub_event_type": "Peaceful protest"}}], "figures": []}`, []string{`"Peaceful protest" belongs to "Protests"`}},
		{"unknown figure kind", `{"events": [], "figures": [{"kind": "dead", "qualifier": "exact", "min": 1, "max": 1}]}`, []string{`figures[0].kind "dead"`}},
		{"unknown qualifier", `{"events": [], "figures": [{"kind": "killed", "qualifier": "roughly", "min": 1, "max": 1}]}`, []string{`figures[0].qualifier "roughly"`}},
		{"max below min", `{"events": [], "figures": [{"kind": "killed", "qualifier": "range", "min": 30, "max": 20}]}`, []string{"figures[0].max 20 is below min 30"}},
		{"negative min", `{"events": [], "figures": [{"kind": "killed", "qualifier": "exact", "min": -1, "max": null}]}`, []string{"figures[0].min -1 is negative"}},
		{"unknown source kind", `{"events": [], "figures": [{"kind": "killed", "qualifier": "exact", "min": 1, "max": 1, "source_kind": "rumour"}]}`, []string{`figures[0].source_kind "rumour"`}},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "bad.gold.json")
			if err := os.WriteFile(path, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			g, err := ReadGold(context.Background(), path)
			if err == nil {
				t.Fatalf("no error; read %+v", g)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, path+":") || strings.Contains(msg, "\n") {
				t.Errorf("error %q is not one line starting with the file name", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		path := filepath.Join(dir, "nope.gold.json")
		_, err := ReadGold(context.Background(), path)
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "no such gold file") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("directory", func(t *testing.T) {
		_, err := ReadGold(context.Background(), dir)
		if err == nil || !strings.Contains(err.Error(), dir) {
			t.Errorf("error %v", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := ReadGold(ctx, seedGold); err == nil {
			t.Error("no error from a cancelled context")
		}
	})
}

func TestGoldACLEDNullOrAbsent(t *testing.T) {
	g, err := ParseGold([]byte(`{"events": [{"type": "REQUEST"}, {"type": "REQUEST", "acled": null}, {"type": "PROTEST", "acled": {"event_type": "Protests", "sub_event_type": "Peaceful protest"}}], "figures": []}`))
	if err != nil {
		t.Fatal(err)
	}
	if g.Events[0].HasACLED || !g.Events[1].HasACLED || g.Events[1].ACLED != nil || !g.Events[2].HasACLED || g.Events[2].ACLED == nil {
		t.Errorf("acled read as %+v", g.Events)
	}
}

func TestStem(t *testing.T) {
	for in, want := range map[string]string{
		"a/b/da-x.gold.json": "da-x", "x.json": "x", "x.txt": "x.txt", "/p/q.gold.json": "q",
	} {
		if got := Stem(in); got != want {
			t.Errorf("Stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzReadGold(f *testing.F) {
	// Two real files, not all: the fuzzer minimises every new input, which
	// stalls on many large ones.
	for _, p := range []string{seedGold, "../../examples/da-aarhus-demonstration.gold.json"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"events": [{"type": "PROTEST", "alt_types": ["ASSAULT"], "country": "DK", "optional_country": true, "date_start": "2024-03-09", "acled": null, "optional": true}], "figures": [{"kind": "killed", "qualifier": "vague", "min": 12, "max": null}]}`))
	f.Add([]byte(`{"events": [], "figures": [], "published": "2024-02-29"}`))
	f.Add([]byte("{\"events\": [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseGold(data)
		if err != nil {
			if g != nil {
				t.Fatal("gold and error both returned")
			}
			return
		}
		for _, e := range g.Events {
			if e.DateStart != "" && (e.Start.IsZero() || e.End.Before(e.Start)) {
				t.Fatalf("accepted event with dates %q..%q read as %v..%v", e.DateStart, e.DateEnd, e.Start, e.End)
			}
		}
		for _, fg := range g.Figures {
			if fg.Min < 0 || fg.Max != nil && *fg.Max < fg.Min {
				t.Fatalf("accepted figure %+v", fg)
			}
		}
		if r := Score(g, perfect(g)); r.Events.FP+r.Events.FN+r.Figures.FP+r.Figures.FN > 0 {
			t.Fatalf("gold against itself: %+v", r)
		}
		if r := Score(g, nil); r.Events.FN != required(g) || r.Events.TP+r.Events.FP+r.Figures.TP+r.Figures.FP != 0 {
			t.Fatalf("gold against nothing: %+v", r)
		}
	})
}
