package eval

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/urodata/uro/internal/document"
)

// goldOf parses a gold answer made of the given event and figure objects.
func goldOf(t *testing.T, events, figures string) *Gold {
	t.Helper()
	g, err := ParseGold([]byte(`{"id": "test", "language": "da", "published": "2022-01-06", "events": [` + events + `], "figures": [` + figures + `]}`))
	if err != nil {
		t.Fatalf("gold: %v", err)
	}
	return g
}

func str(s string) *string { return &s }

func i64(n int64) *int64 { return &n }

// ev builds a predicted event; start/end "" leave the date null, country ""
// leaves the location null.
func ev(typ, country, start, end string) document.Event {
	e := document.Event{Type: typ, Factuality: "asserted"}
	if country != "" {
		e.Location = &document.Place{Name: country, Country: country, Precision: "country"}
	}
	if start != "" {
		e.Date = &document.When{Start: str(start), End: str(end), Precision: "day"}
	}
	return e
}

func withEvidence(e document.Event, s string) document.Event {
	e.Evidence = document.Span{Text: s}
	return e
}

func withACLED(e document.Event, typ, sub string) document.Event {
	e.ACLED = &document.ACLED{EventType: typ, SubEventType: sub}
	return e
}

func withSource(e document.Event, kind string) document.Event {
	e.Attribution = &document.Attribution{Kind: kind}
	return e
}

func fig(kind, qualifier string, min int64, max *int64, source string) document.Figure {
	f := document.Figure{Kind: kind, Qualifier: qualifier, Min: min, Max: max}
	if source != "" {
		f.Attribution = &document.Attribution{Kind: source}
	}
	return f
}

func gev(typ, country, start, end string, extra ...string) string {
	s := fmt.Sprintf(`{"type": %q, "country": %q, "date_start": %q, "date_end": %q, "factuality": "asserted", "sentence": "S"`, typ, country, start, end)
	for _, x := range extra {
		s += ", " + x
	}
	return s + "}"
}

func gfig(kind, qualifier string, min int64, max string, extra ...string) string {
	s := fmt.Sprintf(`{"kind": %q, "qualifier": %q, "min": %d, "max": %s, "sentence": "S"`, kind, qualifier, min, max)
	for _, x := range extra {
		s += ", " + x
	}
	return s + "}"
}

func TestScoreEvents(t *testing.T) {
	const day, day2 = "2022-01-06", "2022-01-06"
	tests := []struct {
		name      string
		gold      []string
		doc       []document.Event
		published *string
		want      Counts
	}{
		{"exact type, country, day", []string{gev("ASSAULT", "KZ", day, day2)}, []document.Event{ev("ASSAULT", "KZ", day, day)}, nil, Counts{TP: 1}},
		{"alternative type accepted", []string{gev("ASSAULT", "KZ", day, day, `"alt_types": ["PROTEST"]`)}, []document.Event{ev("PROTEST", "KZ", day, day)}, nil, Counts{TP: 1}},
		{"other type refused", []string{gev("ASSAULT", "KZ", day, day, `"alt_types": ["PROTEST"]`)}, []document.Event{ev("COERCE", "KZ", day, day)}, nil, Counts{FP: 1, FN: 1}},
		{"country differs", []string{gev("PROTEST", "KZ", day, day)}, []document.Event{ev("PROTEST", "RU", day, day)}, nil, Counts{FP: 1, FN: 1}},
		{"country case ignored", []string{gev("PROTEST", "KZ", day, day)}, []document.Event{ev("PROTEST", "kz", day, day)}, nil, Counts{TP: 1}},
		{"no location needs optional country", []string{gev("PROTEST", "KZ", day, day)}, []document.Event{ev("PROTEST", "", day, day)}, nil, Counts{FP: 1, FN: 1}},
		{"optional country takes any", []string{gev("MOBILIZE", "RU", day, day, `"optional_country": true`)}, []document.Event{ev("MOBILIZE", "KZ", day, day)}, nil, Counts{TP: 1}},
		{"optional country takes none", []string{gev("MOBILIZE", "RU", day, day, `"optional_country": true`)}, []document.Event{ev("MOBILIZE", "", day, day)}, nil, Counts{TP: 1}},
		{"one day later", []string{gev("PROTEST", "KZ", day, day)}, []document.Event{ev("PROTEST", "KZ", "2022-01-07", "2022-01-07")}, nil, Counts{TP: 1}},
		{"one day earlier", []string{gev("PROTEST", "KZ", day, day)}, []document.Event{ev("PROTEST", "KZ", "2022-01-05", "2022-01-05")}, nil, Counts{TP: 1}},
		{"two days later", []string{gev("PROTEST", "KZ", day, day)}, []document.Event{ev("PROTEST", "KZ", "2022-01-08", "2022-01-08")}, nil, Counts{FP: 1, FN: 1}},
		{"two days earlier", []string{gev("PROTEST", "KZ", day, day)}, []document.Event{ev("PROTEST", "KZ", "2022-01-04", "2022-01-04")}, nil, Counts{FP: 1, FN: 1}},
		{"ranges overlap", []string{gev("PROTEST", "KZ", "2022-01-04", "2022-01-06")}, []document.Event{ev("PROTEST", "KZ", "2022-01-06", "2022-01-10")}, nil, Counts{TP: 1}},
		{"ranges a day apart", []string{gev("PROTEST", "KZ", "2022-01-01", "2022-01-02")}, []document.Event{ev("PROTEST", "KZ", "2022-01-03", "2022-01-05")}, nil, Counts{TP: 1}},
		{"ranges two days apart", []string{gev("PROTEST", "KZ", "2022-01-01", "2022-01-02")}, []document.Event{ev("PROTEST", "KZ", "2022-01-04", "2022-01-05")}, nil, Counts{FP: 1, FN: 1}},
		{"day inside a month", []string{gev("COERCE", "KZ", "2022-01-05", "2022-01-19")}, []document.Event{ev("COERCE", "KZ", "2022-01-10", "2022-01-10")}, nil, Counts{TP: 1}},
		{"no date takes the publication date", []string{gev("PROTEST", "KZ", day, day)}, []document.Event{ev("PROTEST", "KZ", "", "")}, str("2022-01-07"), Counts{TP: 1}},
		{"no date and no publication date", []string{gev("PROTEST", "KZ", day, day)}, []document.Event{ev("PROTEST", "KZ", "", "")}, nil, Counts{FP: 1, FN: 1}},
		{"optional gold found: no TP, no FP", []string{gev("ASSAULT", "KZ", day, day, `"optional": true`)}, []document.Event{ev("ASSAULT", "KZ", day, day)}, nil, Counts{}},
		{"optional gold missed: no FN", []string{gev("ASSAULT", "KZ", day, day, `"optional": true`), gev("PROTEST", "KZ", day, day)}, []document.Event{ev("PROTEST", "KZ", day, day)}, nil, Counts{TP: 1}},
		{"one-to-one: a duplicate is a false positive", []string{gev("PROTEST", "KZ", day, day)}, []document.Event{ev("PROTEST", "KZ", day, day), ev("PROTEST", "KZ", day, day)}, nil, Counts{TP: 1, FP: 1}},
		{"one-to-one: a duplicate of an optional item is a false positive", []string{gev("PROTEST", "KZ", day, day, `"optional": true`)}, []document.Event{ev("PROTEST", "KZ", day, day), ev("PROTEST", "KZ", day, day)}, nil, Counts{FP: 1}},
		{
			// Greedy in gold order gives the wide event the first prediction,
			// which is also the only one the narrow event can take.
			"maximum matching where greedy fails",
			[]string{gev("PROTEST", "KZ", "2022-01-01", "2022-01-10"), gev("PROTEST", "KZ", "2022-01-10", "2022-01-10")},
			[]document.Event{ev("PROTEST", "KZ", "2022-01-10", "2022-01-10"), ev("PROTEST", "KZ", "2022-01-02", "2022-01-02")},
			nil, Counts{TP: 2},
		},
		{
			"required gold wins over optional",
			[]string{gev("PROTEST", "KZ", day, day, `"optional": true`), gev("PROTEST", "KZ", day, day)},
			[]document.Event{ev("PROTEST", "KZ", day, day)},
			nil, Counts{TP: 1},
		},
		{"nothing predicted", []string{gev("PROTEST", "KZ", day, day), gev("COERCE", "KZ", day, day)}, nil, nil, Counts{FN: 2}},
		{"nothing to find", nil, []document.Event{ev("PROTEST", "KZ", day, day)}, nil, Counts{FP: 1}},
		{"nothing at all", nil, nil, nil, Counts{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := goldOf(t, strings.Join(tt.gold, ","), "")
			r := Score(g, &document.Document{Events: tt.doc, Published: tt.published})
			if r.Events != tt.want {
				t.Errorf("events %+v, want %+v", r.Events, tt.want)
			}
			if len(r.Missed) != tt.want.FN || len(r.False) != tt.want.FP {
				t.Errorf("%d missed and %d false items listed, want %d and %d", len(r.Missed), len(r.False), tt.want.FN, tt.want.FP)
			}
		})
	}
}

func TestScoreFigures(t *testing.T) {
	tests := []struct {
		name string
		gold []string
		doc  []document.Figure
		want Counts
		attr Accuracy
	}{
		{"exact", []string{gfig("injured", "exact", 400, "400")}, []document.Figure{fig("injured", "exact", 400, i64(400), "")}, Counts{TP: 1}, Accuracy{}},
		{"open max against closed", []string{gfig("killed", "at_least", 12, "null")}, []document.Figure{fig("killed", "at_least", 12, i64(12), "")}, Counts{FP: 1, FN: 1}, Accuracy{}},
		{"closed max against open", []string{gfig("injured", "exact", 400, "400")}, []document.Figure{fig("injured", "exact", 400, nil, "")}, Counts{FP: 1, FN: 1}, Accuracy{}},
		{"open max both", []string{gfig("killed", "at_least", 12, "null")}, []document.Figure{fig("killed", "more_than", 12, nil, "")}, Counts{TP: 1}, Accuracy{}},
		{"range", []string{gfig("participants", "range", 200, "250")}, []document.Figure{fig("participants", "range", 200, i64(250), "")}, Counts{TP: 1}, Accuracy{}},
		{"range max differs", []string{gfig("participants", "range", 200, "250")}, []document.Figure{fig("participants", "range", 200, i64(300), "")}, Counts{FP: 1, FN: 1}, Accuracy{}},
		{"kind differs", []string{gfig("killed", "exact", 3, "3")}, []document.Figure{fig("injured", "exact", 3, i64(3), "")}, Counts{FP: 1, FN: 1}, Accuracy{}},
		{"vague by kind and qualifier", []string{gfig("killed", "vague", 12, "null")}, []document.Figure{fig("killed", "vague", 10, nil, "")}, Counts{TP: 1}, Accuracy{}},
		{"vague gold needs a vague figure", []string{gfig("killed", "vague", 12, "null")}, []document.Figure{fig("killed", "at_least", 12, nil, "")}, Counts{FP: 1, FN: 1}, Accuracy{}},
		{"optional found", []string{gfig("killed", "exact", 1, "1", `"optional": true`)}, []document.Figure{fig("killed", "exact", 1, i64(1), "")}, Counts{}, Accuracy{}},
		{"optional missed", []string{gfig("killed", "exact", 1, "1", `"optional": true`)}, nil, Counts{}, Accuracy{}},
		{"zero figure", []string{gfig("injured", "exact", 0, "0")}, []document.Figure{fig("injured", "exact", 0, i64(0), "")}, Counts{TP: 1}, Accuracy{}},
		{"attribution right", []string{gfig("killed", "at_least", 12, "null", `"source_kind": "official"`)}, []document.Figure{fig("killed", "at_least", 12, nil, "official")}, Counts{TP: 1}, Accuracy{1, 1}},
		{"attribution wrong", []string{gfig("killed", "at_least", 12, "null", `"source_kind": "official"`)}, []document.Figure{fig("killed", "at_least", 12, nil, "police")}, Counts{TP: 1}, Accuracy{0, 1}},
		{"media is agency", []string{gfig("killed", "exact", 1, "1", `"source_kind": "media"`)}, []document.Figure{fig("killed", "exact", 1, i64(1), "agency")}, Counts{TP: 1}, Accuracy{1, 1}},
		{"agency is media", []string{gfig("killed", "exact", 1, "1", `"source_kind": "agency"`)}, []document.Figure{fig("killed", "exact", 1, i64(1), "media")}, Counts{TP: 1}, Accuracy{1, 1}},
		{"no attribution is unattributed", []string{gfig("arrested", "exact", 2000, "2000", `"source_kind": "unattributed"`)}, []document.Figure{fig("arrested", "exact", 2000, i64(2000), "")}, Counts{TP: 1}, Accuracy{1, 1}},
		{"no attribution is not official", []string{gfig("arrested", "exact", 2000, "2000", `"source_kind": "official"`)}, []document.Figure{fig("arrested", "exact", 2000, i64(2000), "")}, Counts{TP: 1}, Accuracy{0, 1}},
		{"attribution of a found optional figure is judged", []string{gfig("killed", "exact", 1, "1", `"optional": true`, `"source_kind": "media"`)}, []document.Figure{fig("killed", "exact", 1, i64(1), "police")}, Counts{}, Accuracy{0, 1}},
		{"unmatched figures are not judged", []string{gfig("killed", "exact", 1, "1", `"source_kind": "media"`)}, []document.Figure{fig("killed", "exact", 2, i64(2), "media")}, Counts{FP: 1, FN: 1}, Accuracy{}},
		{
			"conflicting counts both kept",
			[]string{gfig("participants", "exact", 35000, "35000", `"source_kind": "organiser"`), gfig("participants", "exact", 15000, "15000", `"source_kind": "police"`)},
			[]document.Figure{fig("participants", "exact", 15000, i64(15000), "police"), fig("participants", "exact", 35000, i64(35000), "organiser")},
			Counts{TP: 2}, Accuracy{2, 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := goldOf(t, "", strings.Join(tt.gold, ","))
			r := Score(g, &document.Document{Figures: tt.doc})
			if r.Figures != tt.want {
				t.Errorf("figures %+v, want %+v", r.Figures, tt.want)
			}
			if r.Attributions != tt.attr {
				t.Errorf("attributions %+v, want %+v", r.Attributions, tt.attr)
			}
			if wrong := tt.attr.Total - tt.attr.Correct; len(r.Wrong) != wrong {
				t.Errorf("%d wrong items listed, want %d: %+v", len(r.Wrong), wrong, r.Wrong)
			}
		})
	}
}

func TestScoreACLEDAndEventAttribution(t *testing.T) {
	const d = "2022-01-06"
	acled := `"acled": {"event_type": "Protests", "sub_event_type": "Peaceful protest"}`
	tests := []struct {
		name      string
		gold      string
		doc       document.Event
		sub, none Accuracy
		attr      Accuracy
	}{
		{"same sub-event type", gev("PROTEST", "DK", d, d, acled), withACLED(ev("PROTEST", "DK", d, d), "Protests", "Peaceful protest"), Accuracy{1, 1}, Accuracy{}, Accuracy{}},
		{"other sub-event type", gev("PROTEST", "DK", d, d, acled), withACLED(ev("PROTEST", "DK", d, d), "Protests", "Protest with intervention"), Accuracy{0, 1}, Accuracy{}, Accuracy{}},
		{"no ACLED predicted", gev("PROTEST", "DK", d, d, acled), ev("PROTEST", "DK", d, d), Accuracy{0, 1}, Accuracy{}, Accuracy{}},
		{"none and none", gev("REQUEST", "DK", d, d, `"acled": null`), ev("REQUEST", "DK", d, d), Accuracy{}, Accuracy{1, 1}, Accuracy{}},
		{"none but one predicted", gev("REQUEST", "DK", d, d, `"acled": null`), withACLED(ev("REQUEST", "DK", d, d), "Strategic developments", "Other"), Accuracy{}, Accuracy{0, 1}, Accuracy{}},
		{"gold without acled is not judged", gev("REQUEST", "DK", d, d), withACLED(ev("REQUEST", "DK", d, d), "Strategic developments", "Other"), Accuracy{}, Accuracy{}, Accuracy{}},
		{"event attribution agency≈media", gev("ASSAULT", "DK", d, d, `"source_kind": "media"`), withSource(ev("ASSAULT", "DK", d, d), "agency"), Accuracy{}, Accuracy{}, Accuracy{1, 1}},
		{"event attribution differs", gev("ASSAULT", "DK", d, d, `"source_kind": "police"`), withSource(ev("ASSAULT", "DK", d, d), "eyewitness"), Accuracy{}, Accuracy{}, Accuracy{0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(goldOf(t, tt.gold, ""), &document.Document{Events: []document.Event{tt.doc}})
			if r.Events != (Counts{TP: 1}) {
				t.Fatalf("events %+v, want one match", r.Events)
			}
			if r.ACLEDSub != tt.sub || r.ACLEDNone != tt.none || r.EventAttributions != tt.attr {
				t.Errorf("acled sub %+v none %+v attribution %+v, want %+v %+v %+v", r.ACLEDSub, r.ACLEDNone, r.EventAttributions, tt.sub, tt.none, tt.attr)
			}
		})
	}
}

// With two gold events the same prediction could stand for, the pairing
// follows the sentences, so the accuracies judge the right pairs.
func TestScorePrefersSameSentence(t *testing.T) {
	const d = "2022-01-06"
	g := goldOf(t,
		`{"type": "ASSAULT", "country": "KZ", "date_start": "2022-01-06", "date_end": "2022-01-06", "sentence": "Politiet skød mod demonstranterne.", "source_kind": "police"},
		 {"type": "ASSAULT", "country": "KZ", "date_start": "2022-01-06", "date_end": "2022-01-06", "sentence": "Demonstranterne kastede sten.", "source_kind": "eyewitness"}`, "")
	doc := &document.Document{Events: []document.Event{
		withSource(withEvidence(ev("ASSAULT", "KZ", d, d), "Demonstranterne kastede sten."), "eyewitness"),
		withSource(withEvidence(ev("ASSAULT", "KZ", d, d), "Politiet skød mod demonstranterne."), "police"),
	}}
	r := Score(g, doc)
	if r.Events != (Counts{TP: 2}) || r.EventAttributions != (Accuracy{2, 2}) {
		t.Errorf("events %+v attributions %+v, want 2 matches both attributed right; wrong %+v", r.Events, r.EventAttributions, r.Wrong)
	}
}

func TestScoreDetails(t *testing.T) {
	g := goldOf(t, gev("PROTEST", "KZ", "2022-01-04", "2022-01-06"), gfig("killed", "at_least", 12, "null"))
	doc := &document.Document{
		Events:  []document.Event{withEvidence(ev("COERCE", "KZ", "2022-01-06", "2022-01-06"), "2000 er blevet anholdt.")},
		Figures: []document.Figure{{Kind: "arrested", Qualifier: "exact", Min: 2000, Max: i64(2000), Evidence: document.Span{Text: "2000 er blevet anholdt."}}},
	}
	r := Score(g, doc)
	want := []Item{
		{Article: "test", What: "event", Label: "PROTEST KZ 2022-01-04..2022-01-06", Sentence: "S"},
		{Article: "test", What: "figure", Label: "killed at_least 12", Sentence: "S"},
	}
	if fmt.Sprint(r.Missed) != fmt.Sprint(want) {
		t.Errorf("missed %+v, want %+v", r.Missed, want)
	}
	wantFalse := []Item{
		{Article: "test", What: "event", Label: "COERCE KZ 2022-01-06", Sentence: "2000 er blevet anholdt."},
		{Article: "test", What: "figure", Label: "arrested exact 2000", Sentence: "2000 er blevet anholdt."},
	}
	if fmt.Sprint(r.False) != fmt.Sprint(wantFalse) {
		t.Errorf("false %+v, want %+v", r.False, wantFalse)
	}
}

func TestScoreNilDocument(t *testing.T) {
	r := Score(goldOf(t, gev("PROTEST", "KZ", "2022-01-06", "2022-01-06"), gfig("killed", "exact", 1, "1")), nil)
	if r.Events != (Counts{FN: 1}) || r.Figures != (Counts{FN: 1}) {
		t.Errorf("events %+v figures %+v, want one miss each", r.Events, r.Figures)
	}
}

func TestCounts(t *testing.T) {
	tests := []struct {
		c        Counts
		p, r, f1 float64
	}{
		{Counts{}, 1, 1, 1},
		{Counts{TP: 3}, 1, 1, 1},
		{Counts{FN: 4}, 0, 0, 0},
		{Counts{FP: 2}, 0, 0, 0},
		{Counts{TP: 1, FP: 1}, 0.5, 1, 2.0 / 3},
		{Counts{TP: 3, FP: 1, FN: 2}, 0.75, 0.6, 6.0 / 9},
	}
	for _, tt := range tests {
		if p, r, f := tt.c.P(), tt.c.R(), tt.c.F1(); !near(p, tt.p) || !near(r, tt.r) || !near(f, tt.f1) {
			t.Errorf("%+v: P %.3f R %.3f F1 %.3f, want %.3f %.3f %.3f", tt.c, p, r, f, tt.p, tt.r, tt.f1)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestTotal(t *testing.T) {
	a := Result{Article: "a", Events: Counts{TP: 2, FN: 1}, Figures: Counts{TP: 1}, Attributions: Accuracy{1, 1}, ACLEDSub: Accuracy{0, 1}, Missed: []Item{{Article: "a"}}}
	b := Result{Article: "b", Events: Counts{TP: 1, FP: 3}, Figures: Counts{FN: 2}, Attributions: Accuracy{0, 1}, ACLEDSub: Accuracy{2, 2}, False: []Item{{Article: "b"}, {Article: "b"}}}
	tot := Total([]Result{a, b})
	if tot.Events != (Counts{3, 3, 1}) || tot.Figures != (Counts{1, 0, 2}) || tot.Attributions != (Accuracy{1, 2}) || tot.ACLEDSub != (Accuracy{2, 3}) {
		t.Errorf("total %+v", tot)
	}
	if tot.Lang != "" {
		t.Errorf("total of two articles without language has language %q", tot.Lang)
	}
	a.Lang, b.Lang = "da", "da"
	if l := Total([]Result{a, b}).Lang; l != "da" {
		t.Errorf("total of Danish articles has language %q", l)
	}
	b.Lang = "en"
	if l := Total([]Result{a, b}).Lang; l != "" {
		t.Errorf("total of mixed articles has language %q", l)
	}
	if len(tot.Missed) != 1 || len(tot.False) != 2 || tot.Article != "total" {
		t.Errorf("total items: %d missed, %d false, article %q", len(tot.Missed), len(tot.False), tot.Article)
	}
	if z := Total(nil); z.Events.F1() != 1 || z.Missed == nil {
		t.Errorf("empty total %+v", z)
	}
}

func TestResultJSON(t *testing.T) {
	r := Result{Article: "a", Events: Counts{TP: 1, FP: 1}, ACLEDSub: Accuracy{1, 2}}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"events":{"tp":1,"fp":1,"fn":0,"p":0.5,"r":1,"f1":0.6667}`, `"acled_sub":{"correct":1,"total":2,"accuracy":0.5}`, `"attributions":{"correct":0,"total":0,"accuracy":null}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON %s lacks %s", b, want)
		}
	}
}

func TestAssign(t *testing.T) {
	none := func(int) bool { return false }
	tests := []struct {
		name     string
		pref     [][]int // -1: may not match
		nRight   int
		optional func(int) bool
		want     []int
	}{
		{"empty", nil, 0, none, []int{}},
		{"no predictions", [][]int{{}, {}}, 0, none, []int{-1, -1}},
		{"nothing matches", [][]int{{-1, -1}}, 2, none, []int{-1}},
		{"chain needs augmenting", [][]int{{0, 0}, {0, -1}}, 2, none, []int{1, 0}},
		{"long chain", [][]int{{0, 0, -1, -1}, {-1, 0, 0, -1}, {-1, -1, 0, 0}, {0, -1, -1, -1}}, 4, none, []int{1, 2, 3, 0}},
		{"more gold than predictions", [][]int{{0}, {0}, {0}}, 1, none, []int{0, -1, -1}},
		{"preference breaks ties", [][]int{{1, 5}, {5, 1}}, 2, none, []int{1, 0}},
		{"count beats preference", [][]int{{15, 0}, {0, -1}}, 2, none, []int{1, 0}},
		{"count of optional items beats preference", [][]int{{15, 0}, {0, -1}}, 2, func(int) bool { return true }, []int{1, 0}},
		{"required beats optional", [][]int{{15}, {0}}, 1, func(i int) bool { return i == 0 }, []int{-1, 0}},
		{"required beats a tempting optional", [][]int{{-1, 0}, {0, 0}, {-1, 15}}, 2, func(i int) bool { return i > 0 }, []int{1, 0, -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := assign(weights(tt.pref, tt.nRight, tt.optional), tt.nRight)
			if fmt.Sprint(m) != fmt.Sprint(tt.want) {
				t.Errorf("assign = %v, want %v", m, tt.want)
			}
		})
	}
}
