package quote_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urodata/uro/internal/credit"
	"github.com/urodata/uro/internal/entity"
	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/langpacks"
)

// TestGoldCorpus scores people, quotes and credits against the hand-made
// answers in testdata/gold, segmented by the real segmenter, and fails when
// recall or precision drops below what this layer reaches today.
func TestGoldCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/gold/*/*.gold.json")
	if len(files) == 0 {
		t.Skip("no gold corpus")
	}
	type score struct{ tp, fp, fn int }
	var sc [3]score // people, quotes, credits
	for _, f := range files {
		var g struct {
			People []struct{ Name string }
			Quotes []struct{ Speaker, Starts string }
			// Credits are compared as "name|agency,agency".
			Credits []struct {
				Name     string
				Agencies []string
			}
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		txt, err := os.ReadFile(strings.TrimSuffix(f, ".gold.json") + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		lang := filepath.Base(filepath.Dir(f))
		sg, err := segment.New(langpacks.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		doc := sg.Segment(strings.TrimSpace(string(txt)))
		p := load(t, lang)
		qs, ents := p.quotes(doc)
		check(t, doc, ents, qs)
		cf, err := credit.New(langpacks.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		// match counts got items that some wanted item accepts, each wanted item once.
		match := func(k int, want, got []string, ok func(w, g string) bool) {
			used := make([]bool, len(want))
			for _, gv := range got {
				hit := false
				for i, wv := range want {
					if !used[i] && ok(wv, gv) {
						used[i], hit = true, true
						break
					}
				}
				if hit {
					sc[k].tp++
				} else {
					sc[k].fp++
					t.Logf("%s: unwanted %q", filepath.Base(f), gv)
				}
			}
			for i, u := range used {
				if !u {
					sc[k].fn++
					t.Logf("%s: missing %q", filepath.Base(f), want[i])
				}
			}
		}
		eq := func(w, g string) bool { return w == g }
		var wp, gp, wq, gq, wc, gc []string
		for _, x := range g.People {
			wp = append(wp, x.Name)
		}
		for _, e := range ents {
			if e.Kind == entity.Person {
				gp = append(gp, e.Name)
			}
		}
		match(0, wp, gp, eq)
		for _, x := range g.Quotes {
			wq = append(wq, x.Speaker+"|"+x.Starts)
		}
		for _, q := range qs {
			gq = append(gq, q.Speaker+"|"+q.Text)
		}
		match(1, wq, gq, func(w, g string) bool { return strings.HasPrefix(g, w) })
		for _, x := range g.Credits {
			wc = append(wc, x.Name+"|"+strings.Join(x.Agencies, ","))
		}
		for _, c := range cf.Find(doc) {
			gc = append(gc, c.Name+"|"+strings.Join(c.Agencies, ","))
		}
		match(2, wc, gc, eq)
	}
	for k, name := range []string{"people", "quotes", "credits"} {
		s := sc[k]
		prec := float64(s.tp) / float64(max(1, s.tp+s.fp))
		rec := float64(s.tp) / float64(max(1, s.tp+s.fn))
		t.Logf("%s: %d right, %d unwanted, %d missing: precision %.2f recall %.2f", name, s.tp, s.fp, s.fn, prec, rec)
		if prec < 0.9 || rec < 0.9 {
			t.Errorf("%s: precision %.2f, recall %.2f; want both ≥ 0.90", name, prec, rec)
		}
	}
}
