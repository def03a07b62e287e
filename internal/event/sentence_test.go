package event

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/urodata/uro/internal/classify"
	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/langpacks"
)

var devPublished = time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC)

type devCase struct {
	lang, sentence                                 string
	typ, mode, acled, factuality, actor, recipient string
	line                                           string
}

func readDev(t testing.TB) []devCase {
	t.Helper()
	var out []devCase
	for _, lang := range langpacks.Languages() {
		name := filepath.Join("testdata", "dev", lang+".tsv")
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("every pack needs development sentences: %v", err)
		}
		rows, err := table.Parse(name, data, table.Schema{
			Columns: []string{"sentence", "type", "mode", "acled", "factuality", "actor", "recipient"}, Required: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			c := devCase{lang: lang, sentence: r.Get("sentence"), typ: r.Get("type"), mode: r.Get("mode"),
				acled: r.Get("acled"), factuality: r.Get("factuality"), actor: r.Get("actor"), recipient: r.Get("recipient"),
				line: r.Errorf("").Error()}
			out = append(out, c)
		}
	}
	return out
}

// oneSentence runs the real layers over a one-sentence article; the
// sentence is its headline, which yields events like any prose.
func oneSentence(t testing.TB, lang, s string) (Input, []Event) {
	p := loadLayers(t, lang)
	in := p.input(s, devPublished)
	return in, p.det.Find(in)
}

func kindOf(p *Party) string {
	if p == nil {
		return "-"
	}
	return p.Kind
}

// TestSentences: each development sentence gives the event written beside
// it (its first event), or none.
func TestSentences(t *testing.T) {
	cases := readDev(t)
	if len(cases) < 60 {
		t.Fatalf("only %d development sentences", len(cases))
	}
	for _, c := range cases {
		t.Run(c.lang+"/"+c.sentence, func(t *testing.T) {
			in, evs := oneSentence(t, c.lang, c.sentence)
			if c.typ == classify.NoPLOVER {
				if len(evs) != 0 {
					t.Errorf("%s: want no event, got %s", c.line, describe(in, evs[0]))
				}
				return
			}
			if len(evs) == 0 {
				t.Fatalf("%s: want %s, got no event", c.line, c.typ)
			}
			e := evs[0]
			check := func(what, want, got string) {
				if want != "" && want != "*" && want != got {
					t.Errorf("%s: %s: want %q, got %q (%s)", c.line, what, want, got, describe(in, e))
				}
			}
			check("type", c.typ, e.Type)
			check("mode", c.mode, e.Mode)
			check("acled", c.acled, e.ACLEDSub)
			check("factuality", c.factuality, e.Factuality)
			check("actor", c.actor, kindOf(e.Actor))
			check("recipient", c.recipient, kindOf(e.Recipient))
			if e.ACLEDSub != "" && e.ACLEDType != classify.EventType(e.ACLEDSub) {
				t.Errorf("ACLED type %q does not own %q", e.ACLEDType, e.ACLEDSub)
			}
			if e.Trigger.Start < 0 || e.Trigger.End > len(in.Doc.Text) || e.Trigger.Start >= e.Trigger.End {
				t.Errorf("bad trigger span %v", e.Trigger)
			}
		})
	}
}

// TestCalibrate prints, for sentences no trigger speaks for, the
// classifier's PLOVER probability, so that the fallback threshold keeps
// every event-free development sentence out (precision first).
func TestCalibrate(t *testing.T) {
	type pt struct {
		score float64
		event bool
		s     string
	}
	var pts []pt
	for _, c := range readDev(t) {
		p := loadLayers(t, c.lang)
		in := p.input(c.sentence, devPublished)
		for _, s := range in.Doc.Sentences {
			if len(scan(p.det.trig, s.Tokens)) > 0 {
				continue
			}
			pr := p.model.Predict(classify.Words(s.Tokens))
			score := pr.PLOVERScore
			if pr.PLOVER == classify.NoPLOVER {
				score = 0
			}
			pts = append(pts, pt{score, c.typ != classify.NoPLOVER, c.sentence})
		}
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].score > pts[j].score })
	var lines []string
	maxNone := 0.0
	for _, x := range pts {
		lines = append(lines, strings.Join([]string{ftoa(x.score), map[bool]string{true: "event", false: "none"}[x.event], x.s}, "\t"))
		if !x.event && x.score > maxNone {
			maxNone = x.score
		}
	}
	t.Logf("untriggered development sentences by classifier score:\n%s", strings.Join(lines, "\n"))
	if maxNone >= DefaultThreshold {
		t.Errorf("an event-free sentence scores %.3f, above the threshold %.3f", maxNone, DefaultThreshold)
	}
}

func ftoa(f float64) string {
	return strings.TrimRight(strings.TrimRight(time.Duration(f*1000).String(), "s"), "µn")
}
