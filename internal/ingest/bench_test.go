package ingest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/urodata/uro/internal/ingest/ingesttest"
	"github.com/urodata/uro/internal/store"
)

// benchArticles is the size of the benchmark corpus: small news articles
// (~500 bytes), Danish and English.
const benchArticles = 2000

// benchIngest ingests the corpus into a fresh store per iteration and
// reports articles/s, extraction included. The SQLite figure (issue 5's
// target: ≥ 1,000/s on 2 cores) is BenchmarkIngestSQLite in internal/cli.
//
//	go test ./internal/ingest -run '^$' -bench Ingest -benchtime 3x
func benchIngest(b *testing.B, open func(b *testing.B) store.Store) {
	dir := b.TempDir()
	if _, err := ingesttest.Corpus(filepath.Join(dir, "src"), benchArticles); err != nil {
		b.Fatal(err)
	}
	in, p := newIngester(b, nil, Options{})
	_ = p
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st := open(b)
		in.store = st
		b.StartTimer()
		stats, err := in.Run(context.Background(), []string{filepath.Join(dir, "src")})
		b.StopTimer()
		if err != nil || stats.Added != benchArticles {
			b.Fatalf("stats %+v, %v (problems %v)", stats, err, p.names())
		}
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(benchArticles*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkIngestMemory ingests into memory: what reading, extraction and
// the pipeline cost without a database.
func BenchmarkIngestMemory(b *testing.B) {
	benchIngest(b, func(*testing.B) store.Store { return ingesttest.NewMemStore() })
}
