package classify

import (
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/urodata/uro/langpacks"
)

func TestConfusion(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip()
	}
	lang := os.Getenv("TUNE")
	var train, test []Example
	for _, e := range examples(t, lang) {
		if heldOut(e) {
			test = append(test, e)
		} else {
			train = append(train, e)
		}
	}
	m, _ := Train(langpacks.FS, lang, train, Config{Epochs: 24, Rate: 0.5, Decay: 0.88, L1: 0.03, Prune: 0.01, Seed: 1})
	conf := map[string]int{}
	seen := map[string]bool{}
	for _, e := range test {
		p := m.Predict(e.Tokens)
		if p.ACLED != e.ACLED {
			conf[e.ACLED+" -> "+p.ACLED]++
			if !seen[e.Origin] {
				seen[e.Origin] = true
				fmt.Printf("%s | %s -> %s (%.2f) | %s\n", e.Origin, e.ACLED, p.ACLED, p.ACLEDScore, e.Text)
			}
		}
	}
	var keys []string
	for k := range conf {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return conf[keys[i]] > conf[keys[j]] })
	for _, k := range keys[:min(30, len(keys))] {
		fmt.Println(conf[k], k)
	}
}
