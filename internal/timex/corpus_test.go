package timex

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/langpacks"
)

// TestSkipOnCorpus checks Find's shortcuts (sentences with no possible start
// are skipped, tokens before the first one are not atomized) against the full
// walk on every sentence of the project's own articles, in both packs.
func TestSkipOnCorpus(t *testing.T) {
	var files []string
	for _, pat := range []string{"../../examples/*.txt", "../../testdata/gold/*/*.txt"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no articles found")
	}
	published := time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC)
	skipped, found := 0, 0
	for _, lang := range []string{"da", "en"} {
		seg, err := segment.New(langpacks.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		p := parser(t, lang)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			a, err := article.Plain(f, data)
			if err != nil {
				t.Fatal(err)
			}
			doc := seg.Segment(a.Text)
			for _, s := range doc.Sentences {
				full := p.find(doc.Text, s.Tokens, published)
				got := p.Find(doc.Text, s.Tokens, published)
				if !reflect.DeepEqual(full, got) {
					t.Errorf("%s %s: Find(%q) = %+v, the full walk finds %+v", lang, f, doc.Text[s.Start:s.End], got, full)
				}
				if !p.possible(doc.Text, s.Tokens) {
					skipped++
				}
				found += len(full)
			}
		}
	}
	if skipped == 0 || found == 0 {
		t.Errorf("skipped %d sentences and found %d expressions: the test checks nothing", skipped, found)
	}
}
