package eval

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/urodata/uro/internal/document"
)

// Counts are the matches of one kind of item: true positives, false
// positives (predicted, matching no gold item) and false negatives (required
// gold items nothing matched).
type Counts struct{ TP, FP, FN int }

// P is precision. With nothing predicted it is 1 when nothing was to be
// found and 0 otherwise, so an empty answer never looks precise.
func (c Counts) P() float64 {
	if c.TP+c.FP == 0 {
		return vacuous(c)
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// R is recall; with nothing to find it is 1 when nothing was predicted.
func (c Counts) R() float64 {
	if c.TP+c.FN == 0 {
		return vacuous(c)
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 is the harmonic mean of P and R, 1 when there was nothing to find and
// nothing was predicted.
func (c Counts) F1() float64 {
	if c.TP+c.FP+c.FN == 0 {
		return 1
	}
	return 2 * float64(c.TP) / float64(2*c.TP+c.FP+c.FN)
}

func vacuous(c Counts) float64 {
	if c.TP+c.FP+c.FN == 0 {
		return 1
	}
	return 0
}

func (c *Counts) add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// MarshalJSON writes the counts with their precision, recall and F1.
func (c Counts) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		TP int     `json:"tp"`
		FP int     `json:"fp"`
		FN int     `json:"fn"`
		P  float64 `json:"p"`
		R  float64 `json:"r"`
		F1 float64 `json:"f1"`
	}{c.TP, c.FP, c.FN, round(c.P()), round(c.R()), round(c.F1())})
}

func round(f float64) float64 { return float64(int(f*10000+0.5)) / 10000 }

// Accuracy counts how many of the judged items were right.
type Accuracy struct{ Correct, Total int }

// Rate is Correct/Total, or 0 with nothing judged (see Total).
func (a Accuracy) Rate() float64 {
	if a.Total == 0 {
		return 0
	}
	return float64(a.Correct) / float64(a.Total)
}

func (a *Accuracy) add(o Accuracy) { a.Correct += o.Correct; a.Total += o.Total }

func (a *Accuracy) judge(ok bool) {
	a.Total++
	if ok {
		a.Correct++
	}
}

// MarshalJSON writes the counts with the rate, null when nothing was judged.
func (a Accuracy) MarshalJSON() ([]byte, error) {
	var rate *float64
	if a.Total > 0 {
		r := round(a.Rate())
		rate = &r
	}
	return json.Marshal(struct {
		Correct  int      `json:"correct"`
		Total    int      `json:"total"`
		Accuracy *float64 `json:"accuracy"`
	}{a.Correct, a.Total, rate})
}

// Item is one gold or predicted item a report names: a miss, a false
// positive, or a matched pair whose attribution or ACLED coding disagrees.
type Item struct {
	Article  string `json:"article"`
	What     string `json:"what"`             // "event" or "figure"
	Label    string `json:"label"`            // "ASSAULT KZ 2022-01-05..2022-01-06", "killed at_least 12"
	Sentence string `json:"sentence"`         // the gold sentence, or the prediction's evidence
	Aspect   string `json:"aspect,omitempty"` // Wrong only: "attribution" or "acled"
	Got      string `json:"got,omitempty"`
	Want     string `json:"want,omitempty"`
}

// Result is the score of one article (or, from Total, of several).
//
// Accuracies are judged over every matched pair, optional gold items
// included: an optional item is not required, but once found its coding is
// fair to check. ACLEDSub judges pairs whose gold names an ACLED sub-event
// type; ACLEDNone, kept apart, pairs whose gold says ACLED has none (right
// when the prediction has none either). Gold without an "acled" field is not
// judged.
type Result struct {
	Article string `json:"article"`
	Lang    string `json:"lang"` // the gold's language; a total's when all agree
	Events  Counts `json:"events"`
	Figures Counts `json:"figures"`
	// Attributions: figures whose gold has source_kind; media and agency
	// count as one kind.
	Attributions      Accuracy `json:"attributions"`
	EventAttributions Accuracy `json:"event_attributions"`
	ACLEDSub          Accuracy `json:"acled_sub"`
	ACLEDNone         Accuracy `json:"acled_none"`

	Missed []Item `json:"missed"` // required gold items nothing matched
	False  []Item `json:"false"`  // predictions that matched no gold item
	Wrong  []Item `json:"wrong"`  // matched, but attribution or ACLED disagrees
}

// Total sums results: counts add up (micro-averaged P/R/F1) and the items
// are kept with their articles.
func Total(rs []Result) Result {
	t := Result{Article: "total", Missed: []Item{}, False: []Item{}, Wrong: []Item{}}
	for i, r := range rs {
		if i == 0 {
			t.Lang = r.Lang
		} else if r.Lang != t.Lang {
			t.Lang = ""
		}
		t.Events.add(r.Events)
		t.Figures.add(r.Figures)
		t.Attributions.add(r.Attributions)
		t.EventAttributions.add(r.EventAttributions)
		t.ACLEDSub.add(r.ACLEDSub)
		t.ACLEDNone.add(r.ACLEDNone)
		t.Missed = append(t.Missed, r.Missed...)
		t.False = append(t.False, r.False...)
		t.Wrong = append(t.Wrong, r.Wrong...)
	}
	return t
}

// Score matches the document of an article against its gold answer.
//
// Events match one-to-one by type (or an alt_type), country (any when the
// gold says optional_country) and date (ranges overlap after widening by one
// day; an event without a date has the document's publication date).
// Figures match by kind, min and max, vague gold figures by kind and
// qualifier. Gold items marked optional are neither required nor punished:
// a prediction matched to one is no false positive, and missing one is no
// false negative.
func Score(g *Gold, d *document.Document) Result {
	if d == nil {
		d = &document.Document{}
	}
	r := Result{Article: g.ID, Lang: g.Language, Missed: []Item{}, False: []Item{}, Wrong: []Item{}}
	scoreEvents(&r, g, d)
	scoreFigures(&r, g, d)
	return r
}

func scoreEvents(r *Result, g *Gold, d *document.Document) {
	published := d.Published
	pref := make([][]int, len(g.Events))
	for gi, ge := range g.Events {
		pref[gi] = make([]int, len(d.Events))
		for di, de := range d.Events {
			ok, exact := eventMatches(ge, de, published)
			if !ok {
				pref[gi][di] = -1
				continue
			}
			// Tie-breaks among pairs that all match: the same sentence
			// first, then agreement on what else the gold codes.
			p := 0
			if sameSentence(ge.Sentence, de.Evidence.Text) {
				p += 8
			}
			if exact {
				p += 2
			}
			if de.Factuality == ge.Factuality {
				p++
			}
			if de.Mode != nil && ge.Mode != nil && *de.Mode == *ge.Mode {
				p++
			}
			if ge.SourceKind != "" && sameSourceKind(attributionKind(de.Attribution), ge.SourceKind) {
				p++
			}
			if ge.ACLED != nil && de.ACLED != nil && de.ACLED.SubEventType == ge.ACLED.SubEventType {
				p++
			}
			pref[gi][di] = p
		}
	}
	match := assign(weights(pref, len(d.Events), func(i int) bool { return g.Events[i].Optional }), len(d.Events))
	taken := make([]bool, len(d.Events))
	for gi, ge := range g.Events {
		di := match[gi]
		if di < 0 {
			if !ge.Optional {
				r.Events.FN++
				r.Missed = append(r.Missed, Item{Article: g.ID, What: "event", Label: goldEventLabel(ge), Sentence: ge.Sentence})
			}
			continue
		}
		taken[di] = true
		if !ge.Optional {
			r.Events.TP++
		}
		de := d.Events[di]
		wrong := func(aspect, got, want string) {
			r.Wrong = append(r.Wrong, Item{Article: g.ID, What: "event", Label: goldEventLabel(ge), Sentence: ge.Sentence, Aspect: aspect, Got: got, Want: want})
		}
		if ge.SourceKind != "" {
			got := attributionKind(de.Attribution)
			ok := sameSourceKind(got, ge.SourceKind)
			r.EventAttributions.judge(ok)
			if !ok {
				wrong("attribution", got, ge.SourceKind)
			}
		}
		if ge.HasACLED {
			got := ""
			if de.ACLED != nil {
				got = de.ACLED.SubEventType
			}
			if ge.ACLED != nil {
				ok := got == ge.ACLED.SubEventType
				r.ACLEDSub.judge(ok)
				if !ok {
					wrong("acled", orNone(got), ge.ACLED.SubEventType)
				}
			} else {
				r.ACLEDNone.judge(got == "")
				if got != "" {
					wrong("acled", got, "none")
				}
			}
		}
	}
	for di, de := range d.Events {
		if !taken[di] {
			r.Events.FP++
			r.False = append(r.False, Item{Article: g.ID, What: "event", Label: docEventLabel(de, published), Sentence: de.Evidence.Text})
		}
	}
}

func scoreFigures(r *Result, g *Gold, d *document.Document) {
	pref := make([][]int, len(g.Figures))
	for gi, gf := range g.Figures {
		pref[gi] = make([]int, len(d.Figures))
		for di, df := range d.Figures {
			if !figureMatches(gf, df) {
				pref[gi][di] = -1
				continue
			}
			p := 0
			if sameSentence(gf.Sentence, df.Evidence.Text) {
				p += 8
			}
			if df.Qualifier == gf.Qualifier {
				p++
			}
			if gf.SourceKind != "" && sameSourceKind(attributionKind(df.Attribution), gf.SourceKind) {
				p++
			}
			pref[gi][di] = p
		}
	}
	match := assign(weights(pref, len(d.Figures), func(i int) bool { return g.Figures[i].Optional }), len(d.Figures))
	taken := make([]bool, len(d.Figures))
	for gi, gf := range g.Figures {
		di := match[gi]
		if di < 0 {
			if !gf.Optional {
				r.Figures.FN++
				r.Missed = append(r.Missed, Item{Article: g.ID, What: "figure", Label: goldFigureLabel(gf), Sentence: gf.Sentence})
			}
			continue
		}
		taken[di] = true
		if !gf.Optional {
			r.Figures.TP++
		}
		if gf.SourceKind != "" {
			got := attributionKind(d.Figures[di].Attribution)
			ok := sameSourceKind(got, gf.SourceKind)
			r.Attributions.judge(ok)
			if !ok {
				r.Wrong = append(r.Wrong, Item{Article: g.ID, What: "figure", Label: goldFigureLabel(gf), Sentence: gf.Sentence, Aspect: "attribution", Got: got, Want: gf.SourceKind})
			}
		}
	}
	for di, df := range d.Figures {
		if !taken[di] {
			r.Figures.FP++
			r.False = append(r.False, Item{Article: g.ID, What: "figure", Label: docFigureLabel(df), Sentence: df.Evidence.Text})
		}
	}
}

// eventMatches reports whether a predicted event may stand for a gold one,
// and whether it does so by the gold's own type rather than an alternative.
func eventMatches(ge GoldEvent, de document.Event, published *string) (ok, exact bool) {
	exact = de.Type == ge.Type
	if !exact && !contains(ge.AltTypes, de.Type) {
		return false, false
	}
	if !ge.OptionalCountry && ge.Country != "" {
		if de.Location == nil || !strings.EqualFold(de.Location.Country, ge.Country) {
			return false, false
		}
	}
	if !ge.Start.IsZero() {
		start, end, ok := docDates(de.Date, published)
		if !ok {
			return false, false
		}
		// Widen by a day each way: [start-1, end+1] must meet the gold range.
		day := 24 * time.Hour
		if start.Add(-day).After(ge.End) || end.Add(day).Before(ge.Start) {
			return false, false
		}
	}
	return true, exact
}

// docDates is the day range of a predicted event: its own date, else the
// publication date (what a missing date means in the pipeline).
func docDates(w *document.When, published *string) (start, end time.Time, ok bool) {
	var s, e *string
	if w != nil {
		s, e = w.Start, w.End
	}
	if s == nil && e == nil {
		s, e = published, published
	}
	if s == nil {
		s = e
	}
	if e == nil {
		e = s
	}
	if s == nil {
		return time.Time{}, time.Time{}, false
	}
	start, err1 := parseDate(*s)
	end, err2 := parseDate(*e)
	if err1 != nil || err2 != nil {
		return time.Time{}, time.Time{}, false
	}
	if end.Before(start) {
		start, end = end, start
	}
	return start, end, true
}

func figureMatches(gf GoldFigure, df document.Figure) bool {
	if gf.Kind != df.Kind {
		return false
	}
	if gf.Qualifier == "vague" {
		// A vague count's number is a convention (dozens → 12); its kind
		// and vagueness are what the text says.
		return df.Qualifier == "vague"
	}
	if gf.Min != df.Min {
		return false
	}
	if gf.Max == nil || df.Max == nil {
		return gf.Max == nil && df.Max == nil
	}
	return *gf.Max == *df.Max
}

func attributionKind(a *document.Attribution) string {
	if a == nil || a.Kind == "" {
		return "unattributed"
	}
	return a.Kind
}

// sameSourceKind compares attribution kinds; the gold writer used media and
// agency interchangeably for news agencies, so they are one kind here.
func sameSourceKind(got, want string) bool {
	norm := func(k string) string {
		if k == "agency" {
			return "media"
		}
		return k
	}
	return norm(got) == norm(want)
}

// sameSentence reports whether a prediction's evidence and a gold sentence
// are the same text, or one holds the other.
func sameSentence(gold, evidence string) bool {
	g, e := strings.Join(strings.Fields(gold), " "), strings.Join(strings.Fields(evidence), " ")
	if g == "" || e == "" {
		return false
	}
	return strings.Contains(g, e) || strings.Contains(e, g)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func goldEventLabel(e GoldEvent) string {
	var b strings.Builder
	b.WriteString(e.Type)
	if len(e.AltTypes) > 0 {
		b.WriteString("|" + strings.Join(e.AltTypes, "|"))
	}
	c := e.Country
	if c == "" {
		c = "-"
	}
	if e.OptionalCountry {
		c += "?"
	}
	b.WriteString(" " + c)
	if e.DateStart != "" {
		b.WriteString(" " + dateRange(e.DateStart, e.End.Format(time.DateOnly)))
	}
	if e.Factuality != "" && e.Factuality != "asserted" {
		b.WriteString(" " + e.Factuality)
	}
	return b.String()
}

func docEventLabel(e document.Event, published *string) string {
	c := "-"
	if e.Location != nil && e.Location.Country != "" {
		c = e.Location.Country
	}
	label := e.Type + " " + c
	if s, en, ok := docDates(e.Date, published); ok {
		label += " " + dateRange(s.Format(time.DateOnly), en.Format(time.DateOnly))
	}
	if e.Factuality != "" && e.Factuality != "asserted" {
		label += " " + e.Factuality
	}
	return label
}

func dateRange(s, e string) string {
	if s == e || e == "" {
		return s
	}
	return s + ".." + e
}

func goldFigureLabel(f GoldFigure) string { return figureLabel(f.Kind, f.Qualifier, f.Min, f.Max) }

func docFigureLabel(f document.Figure) string { return figureLabel(f.Kind, f.Qualifier, f.Min, f.Max) }

func figureLabel(kind, qualifier string, min int64, max *int64) string {
	n := fmt.Sprint(min)
	if max != nil && *max != min {
		n += "-" + fmt.Sprint(*max)
	}
	return kind + " " + qualifier + " " + n
}
