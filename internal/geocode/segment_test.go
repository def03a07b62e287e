package geocode

import (
	"os"
	"strings"
	"testing"

	realseg "github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/langpacks"
)

// TestWithSegmenter runs the mention table and the seed article through the
// real segmenter (internal/segment), not the small one of doc_test.go.
func TestWithSegmenter(t *testing.T) {
	segs := map[string]*realseg.Segmenter{}
	for _, lang := range []string{"da", "en"} {
		s, err := realseg.New(langpacks.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		segs[lang] = s
	}
	failed := 0
	for _, tc := range mentionCases {
		ms := coder(t, tc.lang).Places(segs[tc.lang].Segment(tc.text))
		got := map[string]bool{}
		for _, m := range ms {
			got[m.Text] = true
		}
		for _, item := range strings.Split(tc.want, ";") {
			surface, val, _ := strings.Cut(item, "=")
			surface = strings.TrimSuffix(surface, "@org")
			if val != "-" && !got[surface] && surface != "U.S" {
				failed++
				t.Errorf("%s: no mention %q with the real segmenter; mentions %s\n  in %q", tc.lang, surface, list(ms), tc.text)
			}
		}
	}
	data, err := os.ReadFile("../../../shared/examples/da-kasakhstan-2022-01-06.txt")
	if err != nil {
		t.Skip("seed article absent:", err)
	}
	ms := coder(t, "da").Places(segs["da"].Segment(strings.TrimSpace(string(data))))
	n := map[string]int{}
	for _, m := range ms {
		n[m.Text]++
		if m.Text == "Kasakhstans største by" && m.Place.GeonamesID != 1526384 {
			t.Errorf("Kasakhstans største by = %+v", m.Place)
		}
	}
	t.Logf("seed article with the real segmenter: %v", n)
	for _, w := range []string{"Almaty", "Kasakhstan", "Rusland", "Kasakhstans største by"} {
		if n[w] == 0 {
			t.Errorf("seed article: no %q with the real segmenter", w)
		}
	}
}
