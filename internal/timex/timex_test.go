package timex

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/urodata/uro/langpacks"
)

// pub is the publication date of the seed article: Thursday 6 January 2022.
const pub = "2022-01-06"

type want struct {
	text      string
	from, to  string // "" = unresolved
	precision string
	flags     string // U until, S since, F future
}

type tcase struct {
	lang, published, sentence string
	want                      []want
}

func w(text, from, to, precision, flags string) want { return want{text, from, to, precision, flags} }

func day1(text, d string) want { return want{text, d, d, "day", ""} }

var cases = []tcase{
	// Danish.
	{"da", pub, "Det dramatiske oprør i Kasakhstan fortsætter torsdag ufortrødent.", []want{day1("torsdag", "2022-01-06")}},
	{"da", pub, "Torsdag blev 2000 personer anholdt.", []want{day1("Torsdag", "2022-01-06")}},
	{"da", pub, "Demonstranterne samledes i torsdags foran rådhuset.", []want{day1("i torsdags", "2021-12-30")}},
	{"da", pub, "Demonstranterne samledes i onsdags foran rådhuset.", []want{day1("i onsdags", "2022-01-05")}},
	{"da", pub, "Oppositionen holder et nyt møde på lørdag.", []want{w("på lørdag", "2022-01-08", "2022-01-08", "day", "F")}},
	{"da", pub, "Forhandlingerne fortsætter lørdag den 8. i Genève.", []want{w("lørdag den 8.", "2022-01-08", "2022-01-08", "day", "F")}},
	{"da", pub, "Demonstranterne skal mødes lørdag foran parlamentet.", []want{w("lørdag", "2022-01-08", "2022-01-08", "day", "F")}},
	{"da", pub, "Demonstranterne mødtes lørdag foran parlamentet.", []want{day1("lørdag", "2022-01-01")}},
	{"da", pub, "Politiet anholdt i dag 40 personer.", []want{day1("i dag", "2022-01-06")}},
	{"da", pub, "Præsidenten talte i går til nationen.", []want{day1("i går", "2022-01-05")}},
	{"da", pub, "Parlamentet samles i morgen.", []want{w("i morgen", "2022-01-07", "2022-01-07", "day", "F")}},
	{"da", pub, "I nat forsøgte ekstremistiske kræfter at storme bygningerne.", []want{w("I nat", "2022-01-05", "2022-01-06", "range", "")}},
	{"da", pub, "Græsplænen var i morges farvet rød af blod.", []want{day1("i morges", "2022-01-06")}},
	{"da", pub, "Der blev i aftes affyret skud mod politiet.", []want{day1("i aftes", "2022-01-05")}},
	{"da", pub, "Der var demonstrationer i går aftes i Almaty.", []want{day1("i går aftes", "2022-01-05")}},
	{"da", pub, "Medier melder om dusinvis af døde det seneste døgn.", []want{w("det seneste døgn", "2022-01-05", "2022-01-06", "range", "")}},
	{"da", pub, "De seneste tre dage har der været omfattende protester.", []want{w("De seneste tre dage", "2022-01-04", "2022-01-06", "range", "")}},
	{"da", pub, "De seneste 3 dage har der været omfattende protester.", []want{w("De seneste 3 dage", "2022-01-04", "2022-01-06", "range", "")}},
	{"da", pub, "Brændstofpriserne steg kraftigt i sidste uge.", []want{w("i sidste uge", "2021-12-27", "2022-01-02", "week", "")}},
	{"da", pub, "Regeringen indførte sidste uge et prisloft.", []want{w("sidste uge", "2021-12-27", "2022-01-02", "week", "")}},
	{"da", pub, "Der har været uro i hele landet i denne uge.", []want{w("i denne uge", "2022-01-03", "2022-01-09", "week", "")}},
	{"da", pub, "Ministeren rejser næste uge til Moskva.", []want{w("næste uge", "2022-01-10", "2022-01-16", "week", "F")}},
	{"da", pub, "Priserne steg med 20 procent sidste måned.", []want{w("sidste måned", "2021-12-01", "2021-12-31", "month", "")}},
	{"da", pub, "Protesterne begyndte i januar.", []want{w("i januar", "2022-01-01", "2022-01-31", "month", "")}},
	{"da", pub, "Valget blev afholdt i december.", []want{w("i december", "2021-12-01", "2021-12-31", "month", "")}},
	{"da", pub, "Valget skal afholdes i marts.", []want{w("i marts", "2022-03-01", "2022-03-31", "month", "F")}},
	{"da", pub, "Præsidenten kom til magten i 2019.", []want{w("i 2019", "2019-01-01", "2019-12-31", "year", "")}},
	{"da", pub, "Undtagelsestilstanden er i kraft frem til 19. januar.", []want{w("frem til 19. januar", "2022-01-06", "2022-01-19", "range", "U")}},
	{"da", pub, "Undtagelsestilstanden varer indtil fredag.", []want{w("indtil fredag", "2022-01-06", "2022-01-07", "range", "U")}},
	{"da", pub, "Aftalen blev underskrevet den 3. januar.", []want{day1("den 3. januar", "2022-01-03")}},
	{"da", pub, "Han blev anholdt den 28. december.", []want{day1("den 28. december", "2021-12-28")}},
	{"da", pub, "Mødet fandt sted 6. januar 2022 i Almaty.", []want{day1("6. januar 2022", "2022-01-06")}},
	{"da", pub, "Mødet fandt sted 6. jan. 2022 i Almaty.", []want{day1("6. jan. 2022", "2022-01-06")}},
	{"da", pub, "Torsdag den 6. januar 2022 blev der erklæret undtagelsestilstand.", []want{day1("Torsdag den 6. januar 2022", "2022-01-06")}},
	{"da", pub, "Loven trådte i kraft 2022-01-06.", []want{day1("2022-01-06", "2022-01-06")}},
	{"da", pub, "Beslutningen blev truffet 6/1-2022 om aftenen.", []want{day1("6/1-2022", "2022-01-06")}},
	{"da", pub, "Demonstrationerne fandt sted 4.-6. januar.", []want{w("4.-6. januar", "2022-01-04", "2022-01-06", "range", "")}},
	{"da", pub, "Der var uroligheder mellem 4. og 6. januar i flere byer.", []want{w("mellem 4. og 6. januar", "2022-01-04", "2022-01-06", "range", "")}},
	{"da", pub, "Kampene har stået på siden mandag.", []want{w("siden mandag", "2022-01-03", "2022-01-06", "range", "S")}},
	{"da", pub, "Der har ikke været så store protester siden 2011.", []want{w("siden 2011", "2011-01-01", "2022-01-06", "range", "S")}},
	{"da", pub, "Natten til torsdag blev flere bygninger sat i brand.", []want{w("Natten til torsdag", "2022-01-05", "2022-01-06", "range", "")}},
	{"da", pub, "Hun fortæller, at græsplænen torsdag morgen var farvet rød.", []want{day1("torsdag morgen", "2022-01-06")}},
	{"da", pub, "Det skete for tre dage siden.", []want{day1("for tre dage siden", "2022-01-03")}},
	{"da", pub, "I går var der protester, og i dag fortsætter de.", []want{day1("I går", "2022-01-05"), day1("i dag", "2022-01-06")}},
	{"da", pub, "Kampene fortsatte i løbet af natten.", []want{w("i løbet af natten", "2022-01-05", "2022-01-06", "range", "")}},
	{"da", "2021-12-20", "Det nye parlament samles 19. januar.", []want{w("19. januar", "2022-01-19", "2022-01-19", "day", "F")}},
	{"da", pub, "Valget blev afholdt 20. december.", []want{day1("20. december", "2021-12-20")}},
	{"da", pub, "Situationen i jul var rolig.", nil},
	{"da", pub, "Aftalen gælder fra 31. februar.", nil},
	{"da", pub, "Der var 400 sårede og 2.000 anholdte.", nil},
	{"da", pub, "Han fik 12 point i 76. luftbårne division.", nil},
	// Danish without a publication date: relative stays unresolved, dates with a year resolve.
	{"da", "", "Politiet anholdt i går 20 demonstranter.", []want{w("i går", "", "", "day", "")}},
	{"da", "", "Kampene fortsatte torsdag.", []want{w("torsdag", "", "", "day", "")}},
	{"da", "", "Mødet fandt sted 6. januar 2022.", []want{day1("6. januar 2022", "2022-01-06")}},
	{"da", "", "Undtagelsestilstanden gælder frem til 19. januar.", []want{w("frem til 19. januar", "", "", "range", "U")}},
	{"da", "", "De seneste tre dage har der været protester.", []want{w("De seneste tre dage", "", "", "range", "")}},

	// English.
	{"en", pub, "Protesters set fire to government buildings on Thursday.", []want{day1("Thursday", "2022-01-06")}},
	{"en", pub, "Opposition leaders planned a rally for Saturday.", []want{w("Saturday", "2022-01-08", "2022-01-08", "day", "F")}},
	{"en", pub, "Protesters rallied on Saturday in the capital.", []want{day1("Saturday", "2022-01-01")}},
	{"en", pub, "The talks resume next Saturday.", []want{w("next Saturday", "2022-01-08", "2022-01-08", "day", "F")}},
	{"en", pub, "The leaders will meet this Saturday.", []want{w("this Saturday", "2022-01-08", "2022-01-08", "day", "F")}},
	{"en", pub, "Protests began last Thursday.", []want{day1("last Thursday", "2021-12-30")}},
	{"en", pub, "Police arrested 40 people today.", []want{day1("today", "2022-01-06")}},
	{"en", pub, "The president addressed the nation yesterday.", []want{day1("yesterday", "2022-01-05")}},
	{"en", pub, "Parliament will meet tomorrow.", []want{w("tomorrow", "2022-01-07", "2022-01-07", "day", "F")}},
	{"en", pub, "Gunfire was heard in Almaty last night.", []want{w("last night", "2022-01-05", "2022-01-06", "range", "")}},
	{"en", pub, "Troops moved into the city overnight.", []want{w("overnight", "2022-01-05", "2022-01-06", "range", "")}},
	{"en", pub, "He was detained on Wednesday night.", []want{w("Wednesday night", "2022-01-05", "2022-01-06", "range", "")}},
	{"en", pub, "The airport was seized this morning.", []want{day1("this morning", "2022-01-06")}},
	{"en", pub, "Protesters gathered yesterday evening outside the mayor's office.", []want{day1("yesterday evening", "2022-01-05")}},
	{"en", pub, "Protesters gathered last evening outside the mayor's office.", []want{day1("last evening", "2022-01-05")}},
	{"en", pub, "Dozens were killed in the past 24 hours.", []want{w("the past 24 hours", "2022-01-05", "2022-01-06", "range", "")}},
	{"en", pub, "Protests have spread over the past three days.", []want{w("the past three days", "2022-01-04", "2022-01-06", "range", "")}},
	{"en", pub, "The last three days saw the worst unrest in decades.", []want{w("The last three days", "2022-01-04", "2022-01-06", "range", "")}},
	{"en", pub, "Fuel prices doubled last week.", []want{w("last week", "2021-12-27", "2022-01-02", "week", "")}},
	{"en", pub, "Unrest spread across the country this week.", []want{w("this week", "2022-01-03", "2022-01-09", "week", "")}},
	{"en", pub, "The minister travels to Moscow next week.", []want{w("next week", "2022-01-10", "2022-01-16", "week", "F")}},
	{"en", pub, "Prices rose by a fifth last month.", []want{w("last month", "2021-12-01", "2021-12-31", "month", "")}},
	{"en", pub, "Protests began in January.", []want{w("in January", "2022-01-01", "2022-01-31", "month", "")}},
	{"en", pub, "Elections were held in December.", []want{w("in December", "2021-12-01", "2021-12-31", "month", "")}},
	{"en", pub, "Elections will be held in March.", []want{w("in March", "2022-03-01", "2022-03-31", "month", "F")}},
	{"en", pub, "Tokayev took office in 2019.", []want{w("in 2019", "2019-01-01", "2019-12-31", "year", "")}},
	{"en", pub, "The state of emergency will last until 19 January.", []want{w("until 19 January", "2022-01-06", "2022-01-19", "range", "U")}},
	{"en", pub, "The curfew runs through Friday.", []want{w("through Friday", "2022-01-06", "2022-01-07", "range", "U")}},
	{"en", pub, "The accord was signed on Jan. 19, 2022 in Geneva.", []want{w("Jan. 19, 2022", "2022-01-19", "2022-01-19", "day", "F")}},
	{"en", pub, "The vote took place on 3 January.", []want{day1("3 January", "2022-01-03")}},
	{"en", pub, "The vote took place on January 3.", []want{day1("January 3", "2022-01-03")}},
	{"en", pub, "The ceasefire was agreed on January 19th.", []want{w("January 19th", "2022-01-19", "2022-01-19", "day", "F")}},
	{"en", pub, "The body was found on 19 Jan 2022 near the border.", []want{w("19 Jan 2022", "2022-01-19", "2022-01-19", "day", "F")}},
	{"en", pub, "The law took effect on 2022-01-06.", []want{day1("2022-01-06", "2022-01-06")}},
	{"en", pub, "Thursday, January 6, 2022 was a day of chaos.", []want{day1("Thursday, January 6, 2022", "2022-01-06")}},
	{"en", pub, "Clashes broke out on January 4-6 in Almaty.", []want{w("January 4-6", "2022-01-04", "2022-01-06", "range", "")}},
	{"en", pub, "Rallies were held from 4 to 6 January.", []want{w("from 4 to 6 January", "2022-01-04", "2022-01-06", "range", "")}},
	{"en", pub, "Rallies were held 4-6 January in several cities.", []want{w("4-6 January", "2022-01-04", "2022-01-06", "range", "")}},
	{"en", pub, "Rallies were held between 4 and 6 January.", []want{w("between 4 and 6 January", "2022-01-04", "2022-01-06", "range", "")}},
	{"en", pub, "Strikes lasted from December 28 - January 3 across the region.", []want{w("December 28 - January 3", "2021-12-28", "2022-01-03", "range", "")}},
	{"en", pub, "Fighting has continued since Monday.", []want{w("since Monday", "2022-01-03", "2022-01-06", "range", "S")}},
	{"en", pub, "The unrest is the worst since 2011.", []want{w("since 2011", "2011-01-01", "2022-01-06", "range", "S")}},
	{"en", pub, "The attack happened three days ago.", []want{day1("three days ago", "2022-01-03")}},
	{"en", pub, "At least 12 may have died in the clashes.", nil},
	{"en", pub, "Black Friday sales were cancelled.", nil},
	{"en", pub, "The Sunday Times reported the figures.", nil},
	{"en", pub, "Officials said 164 people had died since the protests began.", nil},
	// English without a publication date.
	{"en", "", "Police arrested 20 protesters yesterday.", []want{w("yesterday", "", "", "day", "")}},
	{"en", "", "Troops arrived on Thursday.", []want{w("Thursday", "", "", "day", "")}},
	{"en", "", "The decree was signed on 6 January 2022.", []want{day1("6 January 2022", "2022-01-06")}},
	{"en", "", "The vote took place on 19 January.", []want{w("19 January", "", "", "day", "")}},
	{"en", "", "Tokayev took office in 2019.", []want{w("in 2019", "2019-01-01", "2019-12-31", "year", "")}},
}

var parsers = map[string]*Parser{}

func parser(t testing.TB, lang string) *Parser {
	t.Helper()
	if p := parsers[lang]; p != nil {
		return p
	}
	p, err := New(langpacks.FS, lang)
	if err != nil {
		t.Fatalf("New(%s): %v", lang, err)
	}
	parsers[lang] = p
	return p
}

func ymd(t *testing.T, s string) time.Time {
	t.Helper()
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func show(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

func TestFind(t *testing.T) {
	perLang := map[string]int{}
	for _, tc := range cases {
		perLang[tc.lang]++
		for _, keep := range []bool{true, false} {
			name := fmt.Sprintf("%s/%s/keepDots=%v", tc.lang, tc.sentence, keep)
			t.Run(name, func(t *testing.T) {
				got := parser(t, tc.lang).Find(tc.sentence, tokenize(tc.sentence, keep), ymd(t, tc.published))
				if len(got) != len(tc.want) {
					t.Fatalf("got %d expressions %+v, want %d", len(got), got, len(tc.want))
				}
				from := 0
				for i, wt := range tc.want {
					g := got[i]
					start := strings.Index(tc.sentence[from:], wt.text) + from
					if g.Text != wt.text || g.Start != start || g.End != start+len(wt.text) || tc.sentence[g.Start:g.End] != g.Text {
						t.Errorf("expression %d = %q [%d,%d), want %q [%d,%d)", i, g.Text, g.Start, g.End, wt.text, start, start+len(wt.text))
					}
					from = start + len(wt.text)
					if show(g.From) != wt.from || show(g.To) != wt.to {
						t.Errorf("%q resolves to %s..%s, want %s..%s", g.Text, show(g.From), show(g.To), wt.from, wt.to)
					}
					if g.Precision != wt.precision {
						t.Errorf("%q precision %s, want %s", g.Text, g.Precision, wt.precision)
					}
					flags := ""
					if g.Until {
						flags += "U"
					}
					if g.Since {
						flags += "S"
					}
					if g.Future {
						flags += "F"
					}
					if flags != wt.flags {
						t.Errorf("%q flags %q, want %q", g.Text, flags, wt.flags)
					}
				}
			})
		}
	}
	for _, lang := range []string{"da", "en"} {
		if perLang[lang] < 35 {
			t.Errorf("%s has %d cases, want at least 35", lang, perLang[lang])
		}
	}
}

// TestPossible checks the cheap skip against the full walk: a sentence it
// rules out has no expression, and every case with one passes it.
func TestPossible(t *testing.T) {
	skipped := 0
	for _, tc := range cases {
		for _, keep := range []bool{true, false} {
			p, toks := parser(t, tc.lang), tokenize(tc.sentence, keep)
			full := p.find(tc.sentence, toks, ymd(t, tc.published))
			if got := p.Find(tc.sentence, toks, ymd(t, tc.published)); !reflect.DeepEqual(full, got) {
				t.Errorf("%s: Find(%q) = %+v, the full walk finds %+v", tc.lang, tc.sentence, got, full)
			}
			if !p.possible(tc.sentence, toks) {
				skipped++
				if len(full) > 0 {
					t.Errorf("%s: possible rules out %q, which has %d expressions", tc.lang, tc.sentence, len(full))
				}
			}
		}
	}
	for lang, ss := range benchSentences {
		p := parser(t, lang)
		for _, s := range ss {
			toks := tokenize(s, true)
			if !p.possible(s, toks) {
				skipped++
				if len(p.find(s, toks, time.Time{})) > 0 {
					t.Errorf("%s: possible rules out %q, which has expressions", lang, s)
				}
			}
		}
	}
	if skipped == 0 {
		t.Error("possible ruled out no sentence at all")
	}
}

// TestSeedArticle reads the seed article, when present, and checks the time
// expressions its gold answer rests on.
func TestSeedArticle(t *testing.T) {
	data, err := os.ReadFile("../../../shared/examples/da-kasakhstan-2022-01-06.txt")
	if err != nil {
		t.Skip("seed article not available:", err)
	}
	src := string(data)
	p := parser(t, "da")
	found := map[string]string{}
	for _, e := range p.Find(src, tokenize(src, true), ymd(t, pub)) {
		found[e.Text] = show(e.From) + ".." + show(e.To)
	}
	for text, span := range map[string]string{
		"torsdag":             "2022-01-06..2022-01-06",
		"det seneste døgn":    "2022-01-05..2022-01-06",
		"I nat":               "2022-01-05..2022-01-06",
		"De seneste tre dage": "2022-01-04..2022-01-06",
		"frem til 19. januar": "2022-01-06..2022-01-19",
		"torsdag morgen":      "2022-01-06..2022-01-06",
	} {
		if found[text] != span {
			t.Errorf("%q = %q, want %q (found %v)", text, found[text], span, found)
		}
	}
	for text := range found {
		if strings.Contains(text, "76") || strings.Contains(text, "45") {
			t.Errorf("ordinal unit number read as a time: %q", text)
		}
	}
}

func TestEveryPackLoads(t *testing.T) {
	langs := langpacks.Languages()
	if len(langs) == 0 {
		t.Fatal("no language packs")
	}
	for _, lang := range langs {
		p, err := New(langpacks.FS, lang)
		if err != nil {
			t.Errorf("%s: %v", lang, err)
			continue
		}
		if len(p.words) == 0 {
			t.Errorf("%s: no time words loaded", lang)
		}
	}
}

func TestBrokenTables(t *testing.T) {
	good := map[string]string{
		"x/weekdays.tsv": "word\tweekday\nmandag\t1\n",
		"x/months.tsv":   "word\tmonth\njanuar\t1\n",
		"x/time.tsv":     "pattern\trule\targ\tscope\ni dag\tday_offset\t0\n",
	}
	tests := []struct {
		file, data, err string
	}{
		{"x/time.tsv", "pattern\trule\targ\tscope\ni dag\tday_offset\t0\ni går\tyesterday\n", "x/time.tsv:3: unknown rule"},
		{"x/time.tsv", "pattern\trule\targ\tscope\n{dag}\tweekday_past\n", "x/time.tsv:2: unknown slot {dag}"},
		{"x/time.tsv", "pattern\trule\targ\tscope\ni dag\tday_offset\tnul\n", "x/time.tsv:2: rule day_offset needs an integer arg"},
		{"x/time.tsv", "pattern\trule\targ\tscope\ni {month}\tweekday_past\n", "x/time.tsv:2: pattern \"i {month}\" does not fit rule weekday_past"},
		{"x/time.tsv", "pattern\trule\targ\tscope\n{day} - {month}\tdate_range\n", "x/time.tsv:2: pattern \"{day} - {month}\" does not fit rule date_range"},
		{"x/time.tsv", "pattern\trule\targ\tscope\nsiden\tsince\t-\tsometimes\n", "x/time.tsv:2: unknown scope"},
		{"x/time.tsv", "pattern\trule\targ\tscope\n\ni dag\tday_offset\t0\ni dag\tday_offset\t0\n", "x/time.tsv:4: pattern \"i dag\" repeats line 3"},
		{"x/time.tsv", "pattern\trule\targ\tscope\nI Dag\tday_offset\t0\n", "x/time.tsv:2: literal \"I\""},
		{"x/time.tsv", "pattern\trule\targ\tscope\nvil skal\tfuture_cue\n", "x/time.tsv:2: pattern \"vil skal\" does not fit rule future_cue"},
		{"x/time.tsv", "pattern\trule\targ\tscope\nde seneste {n} dage\tlast_n_days\t0\n", "x/time.tsv:2: rule last_n_days takes the days per unit"},
		{"x/time.tsv", "pattern\trule\targ\n", "x/time.tsv:1: header"},
		{"x/weekdays.tsv", "word\tweekday\nmandag\t1\nsøndag\t8\n", "x/weekdays.tsv:3: weekday \"8\""},
		{"x/weekdays.tsv", "word\tweekday\nMandag\t1\n", "x/weekdays.tsv:2: word \"Mandag\" must be lower case"},
		{"x/months.tsv", "word\tmonth\n# comment\njanuar\t13\n", "x/months.tsv:3: month \"13\""},
		{"x/months.tsv", "word\tmonth\njanuar\t1\njanuar\t2\n", "x/months.tsv:3: word \"januar\" is already month 1"},
		{"x/numbers.tsv", "word\tvalue\n", "x/numbers.tsv:1: header"},
	}
	for _, tt := range tests {
		t.Run(tt.err, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for f, d := range good {
				fsys[f] = &fstest.MapFile{Data: []byte(d)}
			}
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			_, err := New(fsys, "x")
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.err)
			}
		})
	}
	t.Run("good tables load without numbers.tsv", func(t *testing.T) {
		fsys := fstest.MapFS{}
		for f, d := range good {
			fsys[f] = &fstest.MapFile{Data: []byte(d)}
		}
		p, err := New(fsys, "x")
		if err != nil {
			t.Fatal(err)
		}
		s := "Det skete i dag."
		if got := p.Find(s, tokenize(s, true), ymd(t, pub)); len(got) != 1 || got[0].Text != "i dag" {
			t.Fatalf("Find = %+v", got)
		}
	})
}

// TestNumberWordsFromNumbersTable checks that {n} reads integer rows of
// numbers.tsv and ignores rows whose value is not a plain integer.
func TestNumberWordsFromNumbersTable(t *testing.T) {
	fsys := fstest.MapFS{
		"x/weekdays.tsv": {Data: []byte("word\tweekday\nmandag\t1\n")},
		"x/months.tsv":   {Data: []byte("word\tmonth\njanuar\t1\n")},
		"x/numbers.tsv":  {Data: []byte("word\tvalue\tkind\ntre\t3\tunit\ndusin\t12\tsomething_new\nhalv\t0.5\tfraction\nste\t-\tordinal_suffix\n")},
		"x/time.tsv":     {Data: []byte("pattern\trule\targ\tscope\nde seneste {n} dage\tlast_n_days\t1\n")},
	}
	p, err := New(fsys, "x")
	if err != nil {
		t.Fatal(err)
	}
	for s, want := range map[string]string{
		"de seneste tre dage":   "2022-01-04",
		"de seneste dusin dage": "2021-12-26",
		"de seneste halv dage":  "",
		"de seneste ste dage":   "",
	} {
		got := p.Find(s, tokenize(s, true), ymd(t, pub))
		g := ""
		if len(got) == 1 {
			g = show(got[0].From)
		}
		if g != want {
			t.Errorf("%q: From = %q, want %q", s, g, want)
		}
	}
}

// TestWeekdayRules pins each weekday rule for every weekday against a
// Thursday, so the today-included/excluded choices are explicit.
func TestWeekdayRules(t *testing.T) {
	p := parser(t, "da")
	published := ymd(t, pub)
	for _, tt := range []struct{ s, want string }{
		{"mandag", "2022-01-03"}, {"torsdag", "2022-01-06"}, {"fredag", "2021-12-31"}, {"søndag", "2022-01-02"},
		{"i mandags", "2022-01-03"}, {"i torsdags", "2021-12-30"}, {"i fredags", "2021-12-31"},
		{"på mandag", "2022-01-10"}, {"på torsdag", "2022-01-13"}, {"på fredag", "2022-01-07"},
		{"skal mødes torsdag", "2022-01-06"}, {"skal mødes onsdag", "2022-01-12"},
	} {
		got := p.Find(tt.s, tokenize(tt.s, true), published)
		if len(got) != 1 || show(got[0].From) != tt.want {
			t.Errorf("%q = %+v, want %s", tt.s, got, tt.want)
		}
	}
}

func TestConcurrentFind(t *testing.T) {
	p := parser(t, "da")
	s := "De seneste tre dage har der været protester, og i nat blev 2000 anholdt frem til 19. januar."
	toks := tokenize(s, true)
	want := fmt.Sprint(p.Find(s, toks, ymd(t, pub)))
	done := make(chan string)
	for range 8 {
		go func() {
			var last string
			for range 200 {
				last = fmt.Sprint(p.Find(s, toks, time.Date(2022, 1, 6, 0, 0, 0, 0, time.UTC)))
			}
			done <- last
		}()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Fatalf("concurrent Find = %s, want %s", got, want)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, tc := range cases {
		f.Add(tc.sentence, tc.lang == "en", int64(18998), true)
	}
	f.Add("4.-6. januar 2022 frem til 31. december og siden 29/2-2024", false, int64(0), false)
	f.Add("December 28 - January 3, 1800 until Friday night", true, int64(-3), true)
	pa, pe := parser(f, "da"), parser(f, "en")
	f.Fuzz(func(t *testing.T, s string, en bool, days int64, keep bool) {
		if !utf8.ValidString(s) {
			return
		}
		p := pa
		if en {
			p = pe
		}
		var published time.Time
		if days != 0 {
			published = time.Unix(0, 0).UTC().AddDate(0, 0, int(days%200000))
		}
		toks := tokenize(s, keep)
		if full, got := p.find(s, toks, published), p.Find(s, toks, published); !reflect.DeepEqual(full, got) {
			t.Fatalf("Find(%q) = %+v, the full walk finds %+v", s, got, full)
		}
		for _, e := range p.Find(s, toks, published) {
			if e.Start < 0 || e.End > len(s) || e.Start >= e.End {
				t.Fatalf("offsets [%d,%d) out of range for %q", e.Start, e.End, s)
			}
			if !utf8.RuneStart(s[e.Start]) || (e.End < len(s) && !utf8.RuneStart(s[e.End])) {
				t.Fatalf("offsets [%d,%d) split a rune in %q", e.Start, e.End, s)
			}
			if e.Text != s[e.Start:e.End] {
				t.Fatalf("Text %q != src[%d:%d]", e.Text, e.Start, e.End)
			}
			if !e.From.IsZero() && !e.To.IsZero() && e.From.After(e.To) {
				t.Fatalf("%q: From %s after To %s", e.Text, e.From, e.To)
			}
			if published.IsZero() && e.Future {
				t.Fatalf("%q: Future without a publication date", e.Text)
			}
		}
	})
}
