package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
)

// corpus reads the project's own articles (examples and the gold test set).
func corpus(b *testing.B) []*article.Article {
	b.Helper()
	var files []string
	for _, pat := range []string{"../../examples/*.txt", "../../testdata/gold/*/*.txt"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) == 0 {
		b.Skip("no articles found")
	}
	var arts []*article.Article
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		a, err := article.Plain(f, data)
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, a)
	}
	return arts
}

// BenchmarkTextLayer extracts the project's own articles, repeated to 20 MB,
// on one goroutine: segmentation, numbers, time expressions, people and
// organisations, quotes, credits and the document's assembly. The target is
// ≥ 30 MB/s on one core: go test ./internal/extract -run '^$' -bench TextLayer -cpu 1
func BenchmarkTextLayer(b *testing.B) {
	arts := corpus(b)
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	const target = 20 << 20
	var size int64
	var work []*article.Article
	for size < target {
		for _, a := range arts {
			work = append(work, a)
			size += int64(len(a.Text))
		}
	}
	ctx := context.Background()
	opt := Options{Published: time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC)}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range work {
			if _, err := x.Extract(ctx, a, opt); err != nil {
				b.Fatal(err)
			}
		}
	}
}
