package event

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/urodata/uro/internal/classify"
	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/langpacks"
)

// TestACLEDRefine measures the ACLED sub-event line of the development
// sentences written for it (testdata/dev/<lang>_acled.tsv) and holds a
// floor, so that the classifier's refinement of a trigger's line cannot
// silently get worse.
func TestACLEDRefine(t *testing.T) {
	floor := map[string]float64{"da": 0.7, "en": 0.7}
	for _, lang := range langpacks.Languages() {
		name := filepath.Join("testdata", "dev", lang+"_acled.tsv")
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("every pack needs ACLED development sentences: %v", err)
		}
		rows, err := table.Parse(name, data, table.Schema{Columns: []string{"sentence", "acled"}, Required: 2})
		if err != nil {
			t.Fatal(err)
		}
		p := loadLayers(t, lang)
		right := 0
		for _, r := range rows {
			in := p.input(r.Get("sentence"), devPublished)
			evs := p.det.Find(in)
			pr := p.model.Predict(classify.Words(in.Doc.Sentences[0].Tokens))
			got := "-"
			if len(evs) > 0 {
				got = evs[0].ACLEDSub
			}
			if got == r.Get("acled") {
				right++
				continue
			}
			t.Logf("%s: want %q got %q; classifier %q %.2f / %s %.2f", r.Errorf("").Error(), r.Get("acled"), got,
				pr.ACLED, pr.ACLEDScore, pr.PLOVER, pr.PLOVERScore)
		}
		acc := float64(right) / float64(len(rows))
		t.Logf("%s: ACLED sub-event %d/%d %.2f", lang, right, len(rows), acc)
		if acc < floor[lang] {
			t.Errorf("%s: ACLED sub-event accuracy %.2f under the floor %.2f", lang, acc, floor[lang])
		}
	}
}
