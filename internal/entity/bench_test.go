package entity_test

import (
	"testing"

	"github.com/urodata/uro/internal/entity/entitytest"
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
