package sqlstore

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/store"
)

// BenchmarkPutFiles stores the articles of the folder URO_BENCH_SRC names,
// extracted as `uro ingest` extracts them, in batches as ingest writes
// them (-bench.batch): the store's share of an ingest, alone. Prepare runs
// before the timer, as ingest runs it on its extraction workers; the
// benchmark reports the CPU time per article of each part (the writer's is
// what bounds an ingest).
//
//	URO_BENCH_SRC=DIR go test ./internal/store/sqlstore -run '^$' -bench PutFiles -benchtime 1x
func BenchmarkPutFiles(b *testing.B) {
	dir := os.Getenv("URO_BENCH_SRC")
	if dir == "" {
		b.Skip("URO_BENCH_SRC names no folder of articles")
	}
	docs := filesDocs(b, dir)
	ctx := context.Background()
	b.ResetTimer()
	var prep, put time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(ctx, filepath.Join(b.TempDir(), "uro.db"))
		if err != nil {
			b.Fatal(err)
		}
		c0 := cpuTime()
		ps := make([]store.Prepared, len(docs))
		for j, d := range docs {
			if ps[j], err = s.Prepare(d, store.Meta{}); err != nil {
				b.Fatal(err)
			}
		}
		prep += cpuTime() - c0
		b.StartTimer()
		c0 = cpuTime()
		if err := putBatches(ctx, s, ps, *benchBatch); err != nil {
			b.Fatal(err)
		}
		put += cpuTime() - c0
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	n := float64(len(docs) * b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(put.Seconds()*1000/n, "put-cpu-ms/article")
	b.ReportMetric(prep.Seconds()*1000/n, "prepare-cpu-ms/article")
}

// benchNoPut leaves the writing out of BenchmarkPutFiles, so that an
// instruction count of the whole benchmark (callgrind) minus one with it
// set is the writer's.
var benchBatch = flag.Int("bench.batch", 64, "BenchmarkPutFiles: articles a transaction (ingest's maxBatch)")

var benchNoPut = flag.Bool("bench.noput", false, "BenchmarkPutFiles: extract and prepare only")

// putBatches stores ps in batches of batch articles.
func putBatches(ctx context.Context, s *DB, ps []store.Prepared, batch int) error {
	if *benchNoPut {
		return nil
	}
	for j := 0; j < len(ps); j += batch {
		if _, err := s.PutPrepared(ctx, ps[j:min(j+batch, len(ps))]); err != nil {
			return err
		}
	}
	return nil
}

var filesCache struct {
	sync.Mutex
	dir  string
	docs []*document.Document
}

// filesDocs extracts every article in dir, once per process.
func filesDocs(b *testing.B, dir string) []*document.Document {
	b.Helper()
	filesCache.Lock()
	defer filesCache.Unlock()
	if filesCache.dir == dir {
		return filesCache.docs
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var docs []*document.Document
	for _, e := range entries {
		a, err := article.ReadFile(ctx, filepath.Join(dir, e.Name()), article.Options{})
		if err != nil {
			b.Fatal(err)
		}
		d, err := x.Extract(ctx, a, extract.Options{Lang: "auto", IncludeText: true})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	filesCache.dir, filesCache.docs = dir, docs
	return docs
}
