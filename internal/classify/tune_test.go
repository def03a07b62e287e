package classify

import (
	"fmt"
	"os"
	"testing"

	"github.com/urodata/uro/langpacks"
)

func TestTune(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip()
	}
	for _, lang := range []string{"da", "en"} {
		var train, test []Example
		for _, e := range examples(t, lang) {
			if heldOut(e) {
				test = append(test, e)
			} else {
				train = append(train, e)
			}
		}
		for _, l1 := range []float64{0.03, 0.1, 0.3} {
			for _, ep := range []int{16} {
				for _, rate := range []float64{0.2, 0.5, 1} {
					for _, tw := range []float64{0.2, 0.5, 1} {
						cfg := Config{Epochs: ep, Rate: rate, Decay: 0.88, L1: l1, Prune: 0.01, Seed: 1, TemplateWeight: tw}
						m, _ := Train(langpacks.FS, lang, train, cfg)
						var r [2]int
						for _, e := range test {
							p := m.Predict(e.Tokens)
							if p.ACLED == e.ACLED {
								r[0]++
							}
							if p.PLOVER == e.PLOVER {
								r[1]++
							}
						}
						nf, nw := m.Size()
						_ = 0
						fmt.Printf("%s l1=%g ep=%d rate=%g tw=%g: %.3f %.3f  feats=%d w=%d\n", lang, l1, ep, rate, tw, float64(r[0])/float64(len(test)), float64(r[1])/float64(len(test)), nf, nw)
					}
				}
			}
		}
	}
}
