package number

import (
	"testing"

	"github.com/urodata/uro/internal/segment/segmenttest"
)

// BenchmarkFindCorpus runs AppendFind as the pipeline does, on every sentence
// of the project's own articles in the pack's language, segmented by the real
// segmenter: unlike BenchmarkFind's sentences, most have no number.
func BenchmarkFindCorpus(b *testing.B) {
	for _, lang := range []string{"da", "en"} {
		b.Run(lang, func(b *testing.B) {
			p := parser(b, lang)
			docs := segmenttest.Docs(b, lang)
			var dst []Quantity
			b.SetBytes(segmenttest.Bytes(docs))
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range docs {
					dst = dst[:0]
					for i := range d.Sentences {
						dst = p.AppendFind(dst, d.Text, d.Sentences[i].Tokens)
					}
				}
			}
		})
	}
}
