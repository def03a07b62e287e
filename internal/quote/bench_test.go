package quote_test

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
	p := load(b, lang)
	ents := p.r.Find(doc)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		p.f.Find(doc, ents)
	}
}

func BenchmarkFindDanish(b *testing.B)  { benchmarkFind(b, "da") }
func BenchmarkFindEnglish(b *testing.B) { benchmarkFind(b, "en") }
