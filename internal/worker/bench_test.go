package worker

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/extract"
)

// benchConsume publishes b.N articles, then times one worker taking them
// all through ex into an in-memory store.
func benchConsume(b *testing.B, ex extractFunc, concurrency int) {
	q := open(b, testConfig(serve(b).URL()))
	publish(b, q, 0, b.N)
	st := newMemStore()
	ctx, cancel := context.WithCancel(b.Context())
	defer cancel()
	b.ResetTimer()
	cpu0 := cpuTime()
	done := make(chan Stats, 1)
	go func() {
		s, _ := run(ctx, q, st, ex, Options{Concurrency: concurrency, Batch: 64, Wait: 100 * time.Millisecond, Logger: quiet})
		done <- s
	}()
	for st.len() < b.N {
		time.Sleep(time.Millisecond)
	}
	b.StopTimer()
	cpu := cpuTime() - cpu0
	cancel()
	<-done
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	// CPU time per article (worker, client and the embedded server, all in
	// this process) is steadier than wall time on a shared machine.
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/article")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkConsumeQueueOnly measures the queue's own cost per article:
// extraction is a stub that only hashes the text.
func BenchmarkConsumeQueueOnly(b *testing.B) {
	stub := func(_ context.Context, a *article.Article, _ extract.Options) (*document.Document, error) {
		t := a.Text
		return &document.Document{ID: document.ID(t), Text: &t}, nil
	}
	benchConsume(b, stub, 2)
}

// BenchmarkConsumeExtract is the whole worker on short news items.
func BenchmarkConsumeExtract(b *testing.B) {
	benchConsume(b, extractor(b).Extract, 2)
}
