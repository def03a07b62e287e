package attribution

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/figure"
	"github.com/urodata/uro/internal/number"
	"github.com/urodata/uro/internal/timex"
	"github.com/urodata/uro/langpacks"
)

// goldFile is the part of a gold answer this package is scored on.
type goldFile struct {
	Language  string `json:"language"`
	Published string `json:"published"`
	Figures   []struct {
		Kind       string `json:"kind"`
		Min        int64  `json:"min"`
		Qualifier  string `json:"qualifier"`
		SourceKind string `json:"source_kind"`
		Optional   bool   `json:"optional"`
		Sentence   string `json:"sentence"`
	} `json:"figures"`
}

// predicted is a figure with its attribution, as the pipeline would write it.
type predicted struct {
	figure.Figure
	sentence string
	kind     string // attribution kind, "unattributed" when none
	matched  bool
}

// article runs the layers the figure and attribution packages read, the way
// internal/extract runs them (numbers inside time expressions are dates).
func figuresOf(t testing.TB, lang, txt string, published time.Time) []predicted {
	p := pipeFor(t, lang)
	figs, err := figure.New(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	num, err := number.New(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := timex.New(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	r := p.run(article.Normalize(txt))
	var out []predicted
	for si := range r.doc.Sentences {
		s := &r.doc.Sentences[si]
		if s.Caption {
			continue
		}
		times := tx.Find(r.doc.Text, s.Tokens, published)
		var qs []number.Quantity
	next:
		for _, q := range num.Find(r.doc.Text, s.Tokens) {
			for _, e := range times {
				if q.Start >= e.Start && q.End <= e.End {
					continue next
				}
			}
			qs = append(qs, q)
		}
		for _, f := range figs.Find(r.doc, si, qs) {
			kind := Unattributed
			if a := p.att.FindAt(r.doc, si, f.Start, f.End, r.ents, r.quotes); a != nil {
				kind = a.Kind
			}
			out = append(out, predicted{Figure: f, sentence: r.doc.Text[s.Start:s.End], kind: kind})
		}
	}
	return out
}

type score struct {
	tp, fp, fn, attrOK, attrN int
	misses                    []string
}

// scoreFile matches figures by sentence, kind and min (vague ones by kind
// and qualifier), as the eval does; optional gold figures are neither
// required nor punished.
func scoreFile(t testing.TB, path string) score {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g goldFile
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	txt, err := os.ReadFile(strings.TrimSuffix(path, ".gold.json") + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := time.Parse("2006-01-02", g.Published)
	preds := figuresOf(t, g.Language, string(txt), pub)
	var sc score
	for _, gf := range g.Figures {
		found := false
		for i := range preds {
			pf := &preds[i]
			if pf.matched || pf.sentence != gf.Sentence || pf.Kind != gf.Kind {
				continue
			}
			if gf.Qualifier == "vague" && pf.Qualifier != "vague" || gf.Qualifier != "vague" && pf.Min != gf.Min {
				continue
			}
			pf.matched, found = true, true
			if !gf.Optional {
				sc.tp++
				sc.attrN++
				if pf.kind == gf.SourceKind || pf.kind == "agency" && gf.SourceKind == "media" || pf.kind == "media" && gf.SourceKind == "agency" {
					sc.attrOK++
				} else {
					sc.misses = append(sc.misses, "attribution "+pf.kind+" want "+gf.SourceKind+": "+gf.Sentence)
				}
			}
			break
		}
		if !found && !gf.Optional {
			sc.fn++
			sc.misses = append(sc.misses, "missed "+gf.Kind+": "+gf.Sentence)
		}
	}
	for _, pf := range preds {
		if !pf.matched {
			sc.fp++
			sc.misses = append(sc.misses, "extra "+pf.Kind+" "+pf.Qualifier+": "+pf.sentence)
		}
	}
	return sc
}

// TestSeed checks the seed article's six figures and their attributions.
func TestSeed(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "examples", "da-kasakhstan-2022-01-06.gold.json")
	if _, err := os.Stat(path); err != nil {
		t.Skip("seed example not present:", err)
	}
	sc := scoreFile(t, path)
	if sc.fn > 0 || sc.fp > 0 || sc.attrOK != sc.attrN || sc.tp != 5 {
		t.Errorf("seed: tp %d fp %d fn %d attribution %d/%d\n%s", sc.tp, sc.fp, sc.fn, sc.attrOK, sc.attrN, strings.Join(sc.misses, "\n"))
	}
}

// TestGold measures figures and attributions on the held-out gold set and the
// examples. It only guards against collapse; the numbers are for the report
// (go test -run TestGold -v).
func TestGold(t *testing.T) {
	sets := []struct{ name, pat string }{
		{"held-out testdata/gold", "../../testdata/gold/*/*.gold.json"},
		{"examples", "../../examples/*.gold.json"},
	}
	var all score
	for _, set := range sets {
		files, _ := filepath.Glob(set.pat)
		var tot score
		for _, f := range files {
			sc := scoreFile(t, f)
			tot.add(sc)
			for _, m := range sc.misses {
				t.Logf("%s: %s", filepath.Base(f), m)
			}
		}
		t.Logf("%s: %s", set.name, tot)
		all.add(tot)
	}
	if all.tp+all.fn == 0 {
		t.Skip("no gold files")
	}
	p, r, a := all.rates()
	t.Logf("all: %s", all)
	if p < 0.5 || r < 0.5 || a < 0.5 {
		t.Errorf("figure precision %.2f, recall %.2f or attribution accuracy %.2f below 0.5", p, r, a)
	}
}

func (s *score) add(o score) {
	s.tp += o.tp
	s.fp += o.fp
	s.fn += o.fn
	s.attrOK += o.attrOK
	s.attrN += o.attrN
}

func (s score) rates() (p, r, a float64) {
	p = float64(s.tp) / float64(max(1, s.tp+s.fp))
	r = float64(s.tp) / float64(max(1, s.tp+s.fn))
	a = float64(s.attrOK) / float64(max(1, s.attrN))
	return p, r, a
}

func (s score) String() string {
	p, r, a := s.rates()
	return fmt.Sprintf("figures tp %d fp %d fn %d precision %.2f recall %.2f F1 %.2f; attribution kind accuracy %d/%d = %.2f",
		s.tp, s.fp, s.fn, p, r, 2*p*r/max(p+r, 1e-9), s.attrOK, s.attrN, a)
}
