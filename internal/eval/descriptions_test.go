package eval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urodata/uro/internal/document"
)

func TestReadDescriptionsFile(t *testing.T) {
	ds, err := ReadDescriptions(context.Background(), "../../testdata/acled/descriptions.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) < 150 {
		t.Fatalf("%d descriptions, want at least 150", len(ds))
	}
	langs := map[string]int{}
	for _, d := range ds {
		langs[d.Lang]++
		if d.ID == "" || d.Text == "" || d.PLOVER == "" {
			t.Errorf("incomplete description %+v", d)
		}
	}
	if langs["da"] == 0 || langs["en"] == 0 {
		t.Errorf("languages %v, want da and en", langs)
	}
}

func TestParseDescriptionsErrors(t *testing.T) {
	good := `{"id": "x", "lang": "da", "event_type": "Protests", "sub_event_type": "Peaceful protest", "plover": "PROTEST", "text": "Omkring 300 mennesker demonstrerede fredeligt."}`
	tests := []struct{ name, data, want string }{
		{"malformed", good + "\n{\"id\": \n", "2: malformed JSON"},
		{"not an object", good + "\n\n[1]\n", "3: a description must be a JSON object"},
		{"wrong type", `{"id": 5, "lang": "da"}`, "1: id must be string"},
		{"no text", `{"id": "x", "lang": "da", "event_type": "Protests", "sub_event_type": "Peaceful protest"}`, `1: no "text"`},
		{"no lang", `{"id": "x", "text": "t", "event_type": "Protests", "sub_event_type": "Peaceful protest"}`, `1: no "lang"`},
		{"unknown sub type", `{"id": "x", "lang": "da", "text": "t", "event_type": "Protests", "sub_event_type": "Sit-in"}`, `1: sub_event_type "Sit-in"`},
		{"wrong event type", `{"id": "x", "lang": "da", "text": "t", "event_type": "Riots", "sub_event_type": "Peaceful protest"}`, `1: event_type "Riots"`},
		{"unknown plover", `{"id": "x", "lang": "da", "text": "t", "event_type": "Protests", "sub_event_type": "Peaceful protest", "plover": "MARCH"}`, `1: plover "MARCH"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDescriptions(strings.NewReader(tt.data))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want[:2]) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	path := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(path, []byte(good+"\nnull\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadDescriptions(context.Background(), path); err == nil || !strings.HasPrefix(err.Error(), path+":2: ") {
		t.Errorf("error %v, want it to start with %s:2:", err, path)
	}
	if _, err := ReadDescriptions(context.Background(), path+".none"); err == nil || !strings.Contains(err.Error(), "no such descriptions file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestScoreDescriptions(t *testing.T) {
	items := []Description{
		{ID: "a", Lang: "en", EventType: "Protests", SubEventType: "Peaceful protest", PLOVER: "PROTEST"},
		{ID: "b", Lang: "en", EventType: "Battles", SubEventType: "Armed clash", PLOVER: "ASSAULT"},
		{ID: "c", Lang: "da", EventType: "Riots", SubEventType: "Mob violence", PLOVER: "ASSAULT"},
		{ID: "d", Lang: "da", EventType: "Strategic developments", SubEventType: "Arrests", PLOVER: "COERCE"},
		{ID: "e", Lang: "da", EventType: "Strategic developments", SubEventType: "Other"},
	}
	evt := func(id, plover, typ, sub string) document.Event {
		e := document.Event{ID: id, Type: plover}
		if sub != "" {
			e.ACLED = &document.ACLED{EventType: typ, SubEventType: sub}
		}
		return e
	}
	docs := []*document.Document{
		// a: right
		{Events: []document.Event{evt("e1", "PROTEST", "Protests", "Peaceful protest")}},
		// b: primary_event names the second event, which is right
		{PrimaryEvent: str("e2"), Events: []document.Event{evt("e1", "COERCE", "Strategic developments", "Arrests"), evt("e2", "ASSAULT", "Battles", "Armed clash")}},
		// c: right type, wrong sub-type; no primary_event: the first event counts
		{Events: []document.Event{evt("e1", "ASSAULT", "Riots", "Violent demonstration"), evt("e2", "ASSAULT", "Riots", "Mob violence")}},
		// d: no events
		{},
		// e: nil document, no PLOVER coding
		nil,
	}
	res := ScoreDescriptions(items, docs)
	if len(res.Langs) != 2 || res.Langs[0].Lang != "da" || res.Langs[1].Lang != "en" {
		t.Fatalf("langs %+v", res.Langs)
	}
	da, en := res.Langs[0], res.Langs[1]
	if en.EventType != (Accuracy{2, 2}) || en.SubType != (Accuracy{2, 2}) || en.PLOVER != (Accuracy{2, 2}) || en.NoEvent != 0 {
		t.Errorf("en %+v", en)
	}
	if da.EventType != (Accuracy{1, 3}) || da.SubType != (Accuracy{0, 3}) || da.PLOVER != (Accuracy{1, 2}) || da.NoEvent != 2 {
		t.Errorf("da %+v", da)
	}
	if res.Total.EventType != (Accuracy{3, 5}) || res.Total.PLOVER != (Accuracy{3, 4}) || res.Total.NoEvent != 2 {
		t.Errorf("total %+v", res.Total)
	}
	if len(res.Misses) != 3 || res.Misses[0].ID != "c" || res.Misses[0].Mismatch != "sub_event_type" || res.Misses[1].Got != "no event" {
		t.Errorf("misses %+v", res.Misses)
	}
}

func FuzzParseDescriptions(f *testing.F) {
	// A few lines, not the whole file: the fuzzer minimises every new
	// input, which stalls on large ones.
	if b, err := os.ReadFile("../../testdata/acled/descriptions.jsonl"); err == nil {
		lines := strings.SplitAfter(string(b), "\n")
		f.Add([]byte(strings.Join(lines[:min(3, len(lines))], "")))
	}
	f.Add([]byte(`{"id": "x", "lang": "da", "event_type": "Protests", "sub_event_type": "Peaceful protest", "plover": "PROTEST", "text": "t"}` + "\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := ParseDescriptions(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		for _, d := range ds {
			if d.Text == "" || d.Lang == "" || d.EventType == "" {
				t.Fatalf("accepted %+v", d)
			}
		}
		res := ScoreDescriptions(ds, nil)
		if res.Total.EventType.Total != len(ds) || res.Total.NoEvent != len(ds) || res.Total.EventType.Correct != 0 {
			t.Fatalf("score of %d notes without documents: %+v", len(ds), res.Total)
		}
	})
}
