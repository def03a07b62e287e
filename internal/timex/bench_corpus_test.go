package timex

import (
	"testing"
	"time"

	"github.com/urodata/uro/internal/segment/segmenttest"
)

// BenchmarkFindCorpus runs AppendFind as the pipeline does, on every sentence
// of the project's own articles in the pack's language, segmented by the real
// segmenter: unlike BenchmarkFind's sentences, most have no time expression.
func BenchmarkFindCorpus(b *testing.B) {
	for _, lang := range []string{"da", "en"} {
		b.Run(lang, func(b *testing.B) {
			p := parser(b, lang)
			docs := segmenttest.Docs(b, lang)
			published := time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC)
			var dst []Expr
			b.SetBytes(segmenttest.Bytes(docs))
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
