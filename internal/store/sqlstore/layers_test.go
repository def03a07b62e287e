package sqlstore

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/storetest"
)

func ptr(i int) *int { return &i }

func layersJSON(t *testing.T, d *document.Document) string {
	t.Helper()
	b, err := json.Marshal(layers{d.Entities, d.Quotes, d.Credits, d.Times, d.Numbers, d.Places, d.Blocks, false})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLayers: a document's layers read back as they were put, span texts
// left out where their offsets give them and kept where they do not.
func TestLayers(t *testing.T) {
	text := "Politiet anholdt 12 i Aarhus.\n\nDe blev løsladt."
	base := func() *document.Document {
		return &document.Document{ID: "x", Text: &text,
			Entities: []document.Entity{{Text: "Politiet", Kind: "organisation", Spans: []document.Span{{Text: "Politiet", Start: 0, End: 8}}},
				{Text: "Aarhus", Kind: "place"}, {Text: "De", Kind: "person", Spans: []document.Span{}}},
			Numbers: []document.Number{{Kind: "count", Min: 12, Span: document.Span{Text: "12", Start: 17, End: 19}}},
			Quotes:  []document.Quote{{Text: "De blev løsladt.", Span: document.Span{Text: "De blev løsladt.", Start: 31, End: 47}, Intro: &document.Span{Text: "De", Start: 31, End: 33}}},
			Places:  []document.Place{{Text: "Aarhus", Name: "Aarhus", Country: "DK", Precision: "city", Start: ptr(22), End: ptr(28)}},
			Blocks: []document.Block{{Kind: "paragraph", Start: 0, End: 29, Sentences: []document.Span{{Text: "Politiet anholdt 12 i Aarhus.", Start: 0, End: 29}}},
				{Kind: "paragraph", Start: 31, End: 47}},
		}
	}
	for _, tc := range []struct {
		name     string
		change   func(d *document.Document)
		verbatim bool
	}{
		{"texts from offsets", func(*document.Document) {}, false},
		{"a text of its own", func(d *document.Document) { d.Numbers[0].Span.Text = "tolv" }, false},
		{"an empty text against its offsets", func(d *document.Document) { d.Quotes[0].Intro.Text = "" }, true},
		{"text not UTF-8", func(d *document.Document) { bad := text + "\xff"; d.Text = &bad }, true},
		{"no lists", func(d *document.Document) {
			d.Entities, d.Quotes, d.Numbers, d.Places, d.Blocks = nil, []document.Quote{}, nil, nil, []document.Block{}
		}, false},
	} {
		d := base()
		tc.change(d)
		want := layersJSON(t, d)
		var r spans
		if utf8.ValidString(*d.Text) {
			r = spans([]rune(*d.Text))
		}
		stored, err := encodeLayers(d, r)
		if err != nil {
			t.Fatal(err)
		}
		if got := layersJSON(t, d); got != want {
			t.Errorf("%s: encoding changed the document: %s", tc.name, got)
		}
		if v := strings.Contains(stored, `"verbatim":true`); v != tc.verbatim {
			t.Errorf("%s: verbatim %v, want %v: %s", tc.name, v, tc.verbatim, stored)
		}
		if !tc.verbatim && strings.Contains(stored, "Politiet anholdt") {
			t.Errorf("%s: a sentence's text is stored: %s", tc.name, stored)
		}
		back := &document.Document{Text: d.Text}
		if err := decodeLayers(back, stored); err != nil {
			t.Fatal(err)
		}
		if got := layersJSON(t, back); got != want {
			t.Errorf("%s: reads back\n %s\nwant %s", tc.name, got, want)
		}
	}
	if err := decodeLayers(&document.Document{Text: &text}, `{"entities": 3}`); err == nil || !strings.Contains(err.Error(), "layers") {
		t.Errorf("bad layers: %v", err)
	}
}

// TestLayersBeforeSchema4: an article stored before schema 4 has its
// layers in child tables and NULL in its row; it reads back as it was put.
func TestLayersBeforeSchema4(t *testing.T) {
	ctx := context.Background()
	s := fresh(t)
	docs := storetest.Corpus()
	putCorpus(t, s, docs)
	for _, d := range docs {
		var n int64
		if err := s.db.QueryRowContext(ctx, `UPDATE articles SET layers = NULL WHERE id = ? RETURNING n`, d.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		for _, tr := range schema3Rows(d) {
			for i := 0; i < len(tr.args); i += tr.ncol {
				tr.args[i] = n
			}
			if err := insertRows(ctx, runner{s, nil}, tr.table, tr.cols, tr.ncol, tr.args); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := layersJSON(t, got), layersJSON(t, d); g != w {
			t.Errorf("%s reads back\n %s\nwant %s", d.ID, g, w)
		}
		if err := s.Replace(ctx, d, store.Meta{}); err != nil {
			t.Fatal(err)
		}
		var rows int
		if err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sentences WHERE article = ?) + (SELECT count(*) FROM entities WHERE article = ?)`, n, n).Scan(&rows); err != nil || rows != 0 {
			t.Errorf("%s: %d child rows left after Replace, %v", d.ID, rows, err)
		}
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check: %v %q", err, problems)
	}
}

// schema3Rows are the child-table rows schemas 1–3 stored for doc's layers.
func schema3Rows(doc *document.Document) []*tableRows {
	r := spans([]rune(*doc.Text))
	one := func(table, cols string, ncol int) *tableRows { return &tableRows{table: table, cols: cols, ncol: ncol} }
	entities := one("entities", `article, ord, text, kind, role, country, role_kind, org_kind, spans_nil`, 9)
	spanRows := one("entity_spans", `article, entity, ord, text, start, "end"`, 6)
	for i, e := range doc.Entities {
		entities.add(nil, i, e.Text, e.Kind, e.Role, e.Country, e.RoleKind, e.OrgKind, e.Spans == nil)
		for j, sp := range e.Spans {
			spanRows.add(nil, i, j, r.text(sp), sp.Start, sp.End)
		}
	}
	quotes := one("quotes", `article, ord, speaker, text, span_text, span_start, span_end, has_intro, intro_text, intro_start, intro_end`, 11)
	for i, q := range doc.Quotes {
		var it, is, ie any
		if q.Intro != nil {
			it, is, ie = r.text(*q.Intro), q.Intro.Start, q.Intro.End
		}
		quotes.add(nil, i, q.Speaker, q.Text, r.text(q.Span), q.Span.Start, q.Span.End, q.Intro != nil, it, is, ie)
	}
	credits := one("credits", `article, ord, name, agencies, span_text, span_start, span_end`, 7)
	for i, c := range doc.Credits {
		credits.add(nil, i, c.Name, jsonList(c.Agencies), r.text(c.Span), c.Span.Start, c.Span.End)
	}
	times := one("times", `article, ord, text, start, "end", precision, span_text, span_start, span_end, until, since`, 11)
	for i, x := range doc.Times {
		times.add(nil, i, x.Text, x.Start, x.End, x.Precision, r.text(x.Span), x.Span.Start, x.Span.End, x.Until, x.Since)
	}
	numbers := one("numbers", `article, ord, kind, min, max, qualifier, span_text, span_start, span_end`, 9)
	for i, x := range doc.Numbers {
		numbers.add(nil, i, x.Kind, x.Min, x.Max, x.Qualifier, r.text(x.Span), x.Span.Start, x.Span.End)
	}
	places := one("places", `article, ord, text, name, country, admin1, lat, lon, precision, geonames, start, "end"`, 12)
	for i, x := range doc.Places {
		places.add(nil, i, x.Text, x.Name, x.Country, x.Admin1, x.Lat, x.Lon, x.Precision, x.GeonamesID, x.Start, x.End)
	}
	blocks := one("blocks", `article, ord, kind, start, "end", sentences_nil`, 6)
	sentences := one("sentences", `article, block, ord, text, start, "end"`, 6)
	for i, b := range doc.Blocks {
		blocks.add(nil, i, b.Kind, b.Start, b.End, b.Sentences == nil)
		for j, sp := range b.Sentences {
			sentences.add(nil, i, j, r.text(sp), sp.Start, sp.End)
		}
	}
	rows := []*tableRows{entities, spanRows, quotes, credits, times, numbers, places, blocks, sentences}
	for _, t := range rows {
		if err := driverValues(t.args); err != nil {
			panic(err)
		}
	}
	return rows
}
