package entity_test

import (
	"testing"

	"github.com/urodata/uro/internal/entity"
	"github.com/urodata/uro/internal/entity/entitytest"
	"github.com/urodata/uro/internal/segment/segmenttest"
)

func benchmarkFind(b *testing.B, lang string) {
	s := entitytest.Article(lang)
	if s == "" {
		b.Fatal("no benchmark article for", lang)
	}
	doc := entitytest.Segment(lang, s)
	r := recognizer(b, lang)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		r.Find(doc)
	}
}

func BenchmarkFindDanish(b *testing.B)  { benchmarkFind(b, "da") }
func BenchmarkFindEnglish(b *testing.B) { benchmarkFind(b, "en") }

// BenchmarkFindCorpus runs FindInto as the pipeline does, on the project's
// own articles in each language, segmented by the real segmenter, reusing
// the output storage from one document to the next.
func BenchmarkFindCorpus(b *testing.B) {
	for _, lang := range []string{"da", "en"} {
		b.Run(lang, func(b *testing.B) {
			docs := segmenttest.Docs(b, lang)
			r := recognizer(b, lang)
			var ents []entity.Entity
			var ments []entity.Mention
			b.SetBytes(segmenttest.Bytes(docs))
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range docs {
					ents, ments = r.FindInto(ents, ments, d)
				}
			}
		})
	}
}
