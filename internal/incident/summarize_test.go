package incident

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/store"
)

func i64(v int64) *int64 { return &v }

func fig(kind string, min int64, max *int64, source, skind, sentence string, at int) document.Figure {
	f := document.Figure{Kind: kind, Min: min, Max: max, Qualifier: "exact", Text: sentence,
		Evidence: document.Span{Text: sentence, Start: at, End: at + len(sentence)}}
	if max == nil {
		f.Qualifier = "at_least"
	}
	if source != "" {
		f.Attribution = &document.Attribution{Text: source, Source: source, Kind: skind}
	} else {
		f.Attribution = &document.Attribution{Source: "article", Kind: "unattributed"}
	}
	return f
}

func row(article, site, id, published, place string, prec string, figs ...document.Figure) store.EventRow {
	d := published
	return store.EventRow{
		Key:     article + "/" + id,
		Article: store.ArticleRow{ID: article, Site: site, Published: published},
		Event: document.Event{ID: id, Type: "PROTEST", ACLED: &document.ACLED{EventType: "Protests", SubEventType: "Protest with intervention"},
			Location: &document.Place{Name: place, Country: "KZ", Precision: prec, Lat: f64(43.25), Lon: f64(76.91)},
			Date:     &document.When{Start: &d, End: &d, Precision: "day"}},
		Figures: figs,
	}
}

func TestSummarize(t *testing.T) {
	rows := []store.EventRow{
		// The police's first count, then their revision upwards: the police's
		// claim is their highest, 19.
		row("a1", "Nordjysk Dagblad", "e1", "2022-01-05", "Almaty", "city",
			fig("killed", 12, nil, "politiet", "police", "Mindst 12 er dræbt, oplyser politiet.", 0),
			fig("arrested", 2000, i64(2000), "", "", "2000 er anholdt.", 40)),
		row("b1", "Baltic Wire", "e1", "2022-01-06", "Almaty", "city",
			fig("killed", 19, i64(19), "politiet", "police", "Dødstallet er steget til 19, oplyser politiet.", 0)),
		// Eyewitnesses say more; the conservative value is still the police's 19.
		row("c1", "Baltic Wire", "e3", "2022-01-06", "Almaty", "city",
			fig("killed", 24, nil, "eyewitnesses", "eyewitness", "Dozens were killed, eyewitnesses said.", 10)),
		row("c1", "Baltic Wire", "e4", "2022-01-06", "Kazakhstan", "country"),
		// The outlet's own arrest figure, lower than the other outlet's.
		row("d1", "Kyiv Ledger", "e1", "2022-01-06", "Almaty", "city",
			fig("arrested", 1500, i64(1800), "", "", "Between 1,500 and 1,800 people were detained.", 0)),
	}
	want := store.Incident{
		ID:       ID([]string{"a1/e1", "b1/e1", "c1/e3", "c1/e4", "d1/e1"}),
		Type:     "PROTEST",
		ACLED:    &document.ACLED{EventType: "Protests", SubEventType: "Protest with intervention"},
		Location: &document.Place{Text: "Almaty", Name: "Almaty", Country: "KZ", Precision: "city", Lat: f64(43.25), Lon: f64(76.91)},
		Start:    "2022-01-05", End: "2022-01-06",
		Events:   []string{"a1/e1", "b1/e1", "c1/e3", "c1/e4", "d1/e1"},
		Articles: []string{"a1", "b1", "c1", "d1"},
	}
	got := Summarize(rows)
	if len(got.Figures) != 2 {
		t.Fatalf("Figures = %+v, want arrested and killed", got.Figures)
	}
	arrested, killed := got.Figures[0], got.Figures[1]
	if arrested.Kind != "arrested" || arrested.Value != 1500 || arrested.Min != 1500 || arrested.Max == nil || *arrested.Max != 2000 || len(arrested.Claims) != 2 {
		t.Errorf("arrested = %+v, want value 1500, range 1500-2000, 2 claims", arrested)
	}
	if killed.Kind != "killed" || killed.Value != 19 || killed.Min != 12 || killed.Max != nil || len(killed.Claims) != 3 {
		t.Errorf("killed = %+v, want value 19, min 12, open-ended, 3 claims", killed)
	}
	for _, c := range killed.Claims {
		if c.Evidence == "" || c.Article == "" || c.Site == "" {
			t.Errorf("claim without its proof: %+v", c)
		}
	}
	got.Figures = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Summarize =\n%+v\nwant\n%+v", got, want)
	}

	// The same rows in any order give the same incident.
	ref := Summarize(rows)
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
		if s := Summarize(rows); !reflect.DeepEqual(s, ref) {
			t.Fatalf("order changed the summary:\n%+v\nvs\n%+v", s, ref)
		}
	}
}

func TestSummarizeEmpty(t *testing.T) {
	got := Summarize(nil)
	if got.ID != "" || got.Location != nil || len(got.Figures) != 0 || got.Events == nil {
		t.Errorf("Summarize(nil) = %+v", got)
	}
}
