package timex

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

// BenchmarkFindCorpus runs AppendFind as the pipeline does, on every sentence
// of the project's own articles in the pack's language, segmented by the real
// segmenter: unlike BenchmarkFind's sentences, most have no time expression.
func BenchmarkFindCorpus(b *testing.B) {
	for _, lang := range []string{"da", "en"} {
		b.Run(lang, func(b *testing.B) {
			p := parser(b, lang)
			docs := corpusDocs(b, lang)
			n := 0
			for _, d := range docs {
				n += len(d.Text)
			}
			published := time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC)
			var dst []Expr
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range docs {
					dst = dst[:0]
					for i := range d.Sentences {
						dst = p.AppendFind(dst, d.Text, d.Sentences[i].Tokens, published)
					}
				}
			}
		})
	}
}

// corpusDocs segments the project's articles in lang (examples/<lang>-*.txt,
// testdata/gold/<lang>/*.txt).
func corpusDocs(b *testing.B, lang string) []*text.Doc {
	b.Helper()
	var files []string
	for _, pat := range []string{"../../examples/" + lang + "-*.txt", "../../testdata/gold/" + lang + "/*.txt"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) == 0 {
		b.Skip("no articles found")
	}
	seg, err := segment.New(langpacks.FS, lang)
	if err != nil {
		b.Fatal(err)
	}
	var docs []*text.Doc
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		a, err := article.Plain(f, data)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, seg.Segment(a.Text))
	}
	return docs
}
