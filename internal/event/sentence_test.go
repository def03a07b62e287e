package event

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
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

// TestCalibrate measures the classifier fallback on development sentences
// that no trigger speaks for: those that report an event in other words
// (testdata/dev/<lang>_fallback.tsv) and the event-free ones. The threshold
// must let no event-free sentence through (precision first).
func TestCalibrate(t *testing.T) {
	type pt struct {
		score     float64
		want, got string
		s         string
	}
	var pts []pt
	add := func(lang, sentence, want string) {
		p := loadLayers(t, lang)
		in := p.input(sentence, devPublished)
		for si, s := range in.Doc.Sentences {
			trs, acts, _ := p.det.scanAll(s.Tokens)
			if len(trs) > 0 {
				continue
			}
			pr := p.model.Predict(classify.Words(s.Tokens))
			score := pr.PLOVERScore
			if pr.PLOVER == classify.NoPLOVER || !newStory(in, new(values)).namesParty(p.det, si, acts) {
				score = 0
			}
			pts = append(pts, pt{score, want, pr.PLOVER, sentence})
		}
	}
	for _, c := range readDev(t) {
		if c.typ == classify.NoPLOVER {
			add(c.lang, c.sentence, c.typ)
		}
	}
	for _, lang := range langpacks.Languages() {
		name := filepath.Join("testdata", "dev", lang+"_fallback.tsv")
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := table.Parse(name, data, table.Schema{Columns: []string{"sentence", "type"}, Required: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			add(lang, r.Get("sentence"), r.Get("type"))
		}
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].score > pts[j].score })
	var lines []string
	for _, x := range pts {
		lines = append(lines, strconv.FormatFloat(x.score, 'f', 3, 64)+"\t"+x.want+"\t"+x.got+"\t"+x.s)
	}
	t.Logf("untriggered development sentences by classifier score (score, gold, predicted):\n%s", strings.Join(lines, "\n"))
	for _, th := range []float64{0.5, 0.6, 0.7, 0.8, 0.9, 0.95, DefaultThreshold} {
		tp, fp, n := 0, 0, 0
		for _, x := range pts {
			if x.want != classify.NoPLOVER {
				n++
			}
			if x.score < th {
				continue
			}
			if x.want == x.got {
				tp++
			} else {
				fp++
			}
		}
		t.Logf("threshold %.2f: %d right, %d wrong of %d event sentences", th, tp, fp, n)
		if th == DefaultThreshold && fp > 0 {
			t.Errorf("the default threshold %.2f lets %d wrong events through", th, fp)
		}
	}
}
