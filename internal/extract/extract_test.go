package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/segment/segmenttest"
	"github.com/urodata/uro/internal/timex"
	"github.com/urodata/uro/langpacks"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const seedPath = "../../../shared/examples/da-kasakhstan-2022-01-06.txt"

func extractFile(t testing.TB, path, published string) *document.Document {
	t.Helper()
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.ReadFile(context.Background(), path, article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pub, err := time.Parse(time.DateOnly, published)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := x.Extract(context.Background(), a, Options{Published: pub, IncludeText: true})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestEveryPackLoads(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(x.Langs(), ","), strings.Join(langpacks.Languages(), ","); got != want || len(x.Langs()) < 2 {
		t.Fatalf("loaded packs %q, want %q", got, want)
	}
}

// checkSpans verifies that every span of doc points at the text it claims,
// counting code points as the contract says.
func checkSpans(t *testing.T, doc *document.Document) {
	t.Helper()
	runes := []rune(*doc.Text)
	check := func(what string, s document.Span) {
		if s.Start < 0 || s.End > len(runes) || s.Start > s.End {
			t.Errorf("%s: span %d..%d out of range", what, s.Start, s.End)
			return
		}
		if got := string(runes[s.Start:s.End]); got != s.Text {
			t.Errorf("%s: span %d..%d is %q, claims %q", what, s.Start, s.End, got, s.Text)
		}
	}
	for _, e := range doc.Entities {
		for _, s := range e.Spans {
			check("entity "+e.Text, s)
		}
	}
	for _, q := range doc.Quotes {
		check("quote", q.Span)
		if q.Intro != nil {
			check("quote intro", *q.Intro)
		}
	}
	for _, c := range doc.Credits {
		check("credit", c.Span)
	}
	for _, tm := range doc.Times {
		check("time", tm.Span)
	}
	for _, n := range doc.Numbers {
		check("number", n.Span)
	}
	for _, b := range doc.Blocks {
		for _, s := range b.Sentences {
			check("sentence", s)
		}
	}
}

// TestSeedArticle holds uro to the hand-made answer of the article the
// project began from: its people and roles, quotes, credits, times and counts.
func TestSeedArticle(t *testing.T) {
	if _, err := os.Stat(seedPath); err != nil {
		t.Skip("seed article not present:", err)
	}
	doc := extractFile(t, seedPath, "2022-01-06")
	checkSpans(t, doc)
	if doc.Language != "da" {
		t.Errorf("language %q, want da", doc.Language)
	}

	// The four people of the gold file, with their roles, and no one else:
	// the photographers of the captions are credits, not people of the story.
	wantPeople := map[string]string{
		"Kassym-Jomart Tokayev": "præsident",
		"Vladimir Putin":        "præsident", // "sin russiske kollega": the counterpart of a president
		"Irina Mednikova":       "øjenvidne",
		"Saltanat Azirbek":      "polititalsmand",
	}
	people := map[string]string{}
	for _, e := range doc.Entities {
		if e.Kind == "person" {
			role := ""
			if e.Role != nil {
				role = *e.Role
			}
			people[e.Text] = role
		}
	}
	for name, role := range wantPeople {
		if got, ok := people[name]; !ok {
			t.Errorf("person %s not found (people: %v)", name, people)
		} else if got != role {
			t.Errorf("%s has role %q, want %q", name, got, role)
		}
	}
	for name := range people {
		if _, ok := wantPeople[name]; !ok {
			t.Errorf("unexpected person %q", name)
		}
	}

	// Both quotes with the right speaker.
	wantQuotes := map[string]string{
		"Irina Mednikova":  "Boligen blev brændt helt ned til grunden.",
		"Saltanat Azirbek": "I nat forsøgte ekstremistiske kræfter",
	}
	if len(doc.Quotes) != len(wantQuotes) {
		t.Errorf("%d quotes, want %d", len(doc.Quotes), len(wantQuotes))
	}
	for _, q := range doc.Quotes {
		if q.Speaker == nil {
			t.Errorf("quote %q has no speaker", q.Text)
			continue
		}
		if starts, ok := wantQuotes[*q.Speaker]; !ok || !strings.HasPrefix(q.Text, starts) {
			t.Errorf("quote by %s starts %q, want %q", *q.Speaker, q.Text, starts)
		}
	}

	// All three photographers with their agencies.
	wantCredits := map[string]string{
		"Valery Sharifulin":  "Tass|Ritzau Scanpix",
		"Pavel Mikheyev":     "Ritzau Scanpix",
		"Alexander Bogdanov": "Ritzau Scanpix",
	}
	gotCredits := map[string]string{}
	for _, c := range doc.Credits {
		if c.Name != nil {
			gotCredits[*c.Name] = strings.Join(c.Agencies, "|")
		}
	}
	for name, ag := range wantCredits {
		if gotCredits[name] != ag {
			t.Errorf("credit %s: agencies %q, want %q", name, gotCredits[name], ag)
		}
	}

	// Every time expression resolved as the gold notes imply.
	wantTimes := []struct{ text, start, end string }{
		{"torsdag", "2022-01-06", "2022-01-06"},
		{"I nat", "2022-01-05", "2022-01-06"},
		{"det seneste døgn", "2022-01-05", "2022-01-06"},
		{"De seneste tre dage", "2022-01-04", "2022-01-06"},
		{"frem til 19. januar", "2022-01-06", "2022-01-19"},
	}
	for _, w := range wantTimes {
		found := false
		for _, tm := range doc.Times {
			if tm.Text != w.text {
				continue
			}
			found = true
			if tm.Start == nil || tm.End == nil || *tm.Start != w.start || *tm.End != w.end {
				t.Errorf("%q resolved to %v..%v, want %s..%s", w.text, deref(tm.Start), deref(tm.End), w.start, w.end)
			}
		}
		if !found {
			t.Errorf("time expression %q not found", w.text)
		}
	}
	for _, tm := range doc.Times {
		if tm.Text == "frem til 19. januar" && !tm.Until {
			t.Errorf("%q is not marked until", tm.Text)
		}
	}

	// Counts: the figures' numbers, and never the ordinals.
	type count struct {
		min int64
		q   string
	}
	counts := map[string]count{}
	for _, n := range doc.Numbers {
		if n.Kind != "count" {
			continue
		}
		counts[n.Span.Text] = count{n.Min, n.Qualifier}
		for _, bad := range []string{"76", "45", "19"} {
			if strings.Contains(n.Span.Text, bad) {
				t.Errorf("%q read as a count", n.Span.Text)
			}
		}
	}
	for text, want := range map[string]count{
		"400": {400, "exact"}, "mindst 12": {12, "at_least"}, "2000": {2000, "exact"},
		"dusinvis": {12, "vague"}, "Dusinvis": {12, "vague"},
	} {
		if got, ok := counts[text]; !ok || got != want {
			t.Errorf("count %q = %+v (found %v), want %+v", text, got, ok, want)
		}
	}
	if _, ok := counts["tre"]; ok {
		t.Errorf(`"tre" of "De seneste tre dage" read as a count`)
	}
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

// golden lists whole articles whose documents are kept in testdata/golden.
var golden = []struct{ path, published string }{
	{"../../examples/da-aarhus-demonstration.txt", "2024-03-16"},
	{"../../examples/en-sahel-attack.txt", "2024-06-10"},
}

func TestGolden(t *testing.T) {
	for _, g := range golden {
		name := strings.TrimSuffix(filepath.Base(g.path), ".txt")
		t.Run(name, func(t *testing.T) {
			doc := extractFile(t, g.path, g.published)
			checkSpans(t, doc)
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(doc); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/extract -run Golden -update)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("document differs from %s; inspect with -update and git diff\n%s", file, firstDiff(string(want), buf.String()))
			}
		})
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n  want " + w + "\n  got  " + g
		}
	}
	return ""
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestUnknownLanguageIsReported(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	a := &article.Article{Text: "Polizei nimmt zwölf Demonstranten fest\n\nDie Polizei hat am Donnerstag in Berlin zwölf Demonstranten festgenommen, wie ein Sprecher der Polizei mitteilte. Die Proteste richteten sich gegen die hohen Preise für Benzin und Heizöl."}
	if _, err := x.Extract(context.Background(), a, Options{}); err == nil {
		t.Fatal("German article extracted, want an error naming the missing pack")
	}
	if _, err := x.Extract(context.Background(), a, Options{Lang: "sv"}); err == nil || !strings.Contains(err.Error(), `"sv"`) {
		t.Fatalf("Lang sv: err %v, want one naming sv", err)
	}
}

func TestWithoutPublishedDateRelativeTimesStayOpen(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	a := &article.Article{Text: "Tre anholdt efter uro\n\nPolitiet anholdt i går tre mænd i Aarhus. Retssagen begynder den 6. januar 2022."}
	doc, err := x.Extract(context.Background(), a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range doc.Times {
		switch tm.Text {
		case "i går":
			if tm.Start != nil || tm.End != nil {
				t.Errorf("%q resolved without a publication date", tm.Text)
			}
		case "den 6. januar 2022", "6. januar 2022":
			if tm.Start == nil || *tm.Start != "2022-01-06" {
				t.Errorf("%q = %v, want 2022-01-06", tm.Text, deref(tm.Start))
			}
		}
	}
	if doc.Published != nil {
		t.Errorf("published = %v, want null", *doc.Published)
	}
}

// TestShortSampleAgrees checks the short-sample shortcut of Language on the
// project's own articles: it must name the language the long sample names.
func TestShortSampleAgrees(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	shortcuts := 0
	for _, a := range segmenttest.Articles(t, "") {
		want := x.id.Identify(sample(a.Text, longSample)).Lang
		got, err := x.Language(a, Options{})
		if err != nil || got != want {
			t.Errorf("%s: Language = %q, %v; the long sample says %q", a.Path, got, err, want)
		}
		if r := x.id.Identify(sample(a.Text, shortSample)); r.Lang != "" && r.Confidence >= decisive {
			shortcuts++
		}
	}
	if shortcuts == 0 {
		t.Error("the short sample decided no article")
	}
}

// TestDatep checks the hand-made date formatting against time.Format.
func TestDatep(t *testing.T) {
	if datep(time.Time{}) != nil {
		t.Error("datep(zero) is not nil")
	}
	for _, d := range []time.Time{
		time.Date(2022, 1, 6, 0, 0, 0, 0, time.UTC),
		time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(987, 7, 4, 0, 0, 0, 0, time.UTC),
		time.Date(10012, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-44, 3, 15, 0, 0, 0, 0, time.UTC),
	} {
		if got, want := *datep(d), d.Format(time.DateOnly); got != want {
			t.Errorf("datep(%v) = %q, want %q", d, got, want)
		}
	}
	// The slab's dates, written one after another into one buffer (too
	// small on purpose, so that it grows), must each stay as written.
	sl := new(slabs)
	sl.texts.Grow(10)
	var got []*string
	days := []time.Time{
		time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC), time.Date(2024, 6, 11, 0, 0, 0, 0, time.UTC),
		time.Date(2022, 1, 6, 0, 0, 0, 0, time.UTC), time.Date(10012, 3, 1, 0, 0, 0, 0, time.UTC),
	}
	for _, d := range days {
		got = append(got, sl.date(d))
	}
	for i, d := range days {
		if want := d.Format(time.DateOnly); *got[i] != want {
			t.Errorf("slab date %d = %q, want %q", i, *got[i], want)
		}
	}
	if sl.date(time.Time{}) != nil {
		t.Error("slab date of zero is not nil")
	}
	w := sl.when(timex.Expr{From: days[0], To: days[1]})
	if *w.Start != "2024-06-10" || *w.End != "2024-06-11" {
		t.Errorf("when = %s, %s", *w.Start, *w.End)
	}
}

// TestPrimaryEvent: the primary event is the lead's first event that
// happened and that ACLED codes, not one denied before it nor the demand
// beside it; a demonstration met by the police is primary rather than the
// arrests or the force it met, as ACLED codes it.
func TestPrimaryEvent(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, lang, typ, sub string
	}{
		{"Police arrested three demonstrators who blocked the tram tracks during a march against hospital cuts in Aarhus.",
			"en", "PROTEST", "Protest with intervention"},
		{"Politiet skød mod demonstranter under en march mod regeringen i Maputo, og tre blev dræbt.",
			"da", "PROTEST", "Excessive force against protesters"},
		{"Ingen blev anholdt, da flere tusinde mandag demonstrerede foran parlamentet i København.",
			"da", "PROTEST", ""},
		{"The army denied that it had shelled the town, but rebels seized a border post near Goma on Monday.",
			"en", "", ""},
		{"Nurses at public hospitals in Kisumu went on strike and held a sit-in outside the Ministry of Health demanding unpaid wages.",
			"en", "PROTEST", "Peaceful protest"},
	} {
		a := &article.Article{Text: tc.text, Lang: tc.lang}
		doc, err := x.Extract(context.Background(), a, Options{Published: time.Date(2024, 6, 12, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		var primary *document.Event
		for i := range doc.Events {
			t.Logf("%.30s… %s %s %v", tc.text, doc.Events[i].ID, doc.Events[i].Type, doc.Events[i].Factuality)
			if doc.PrimaryEvent != nil && doc.Events[i].ID == *doc.PrimaryEvent {
				primary = &doc.Events[i]
			}
		}
		switch {
		case primary == nil:
			t.Errorf("%q: no primary event", tc.text)
		case primary.Factuality != "asserted":
			t.Errorf("%q: primary event %s is %s", tc.text, primary.Type, primary.Factuality)
		case tc.typ != "" && primary.Type != tc.typ:
			t.Errorf("%q: primary event %s, want %s", tc.text, primary.Type, tc.typ)
		case tc.sub != "" && (primary.ACLED == nil || primary.ACLED.SubEventType != tc.sub):
			t.Errorf("%q: primary event's ACLED line %v, want %s", tc.text, primary.ACLED, tc.sub)
		}
	}
}
