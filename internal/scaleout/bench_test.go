package scaleout

import (
	"fmt"
	"syscall"
	"testing"
	"time"
)

// benchArticles is the corpus one benchmark iteration pushes through.
const benchArticles = 2000

// BenchmarkWorkers measures articles/s through 1, 2 and 4 `uro worker`
// processes sharing one queue and one store (PostgreSQL with
// URO_TEST_POSTGRES, else SQLite), from publish to the last ack, and the
// CPU the workers spend per article (user+system of the child processes,
// steadier than wall time on a shared machine). Run with -benchtime=1x.
func BenchmarkWorkers(b *testing.B) {
	arts := corpus(b, benchArticles)
	uro(b)
	for _, procs := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("procs=%d", procs), func(b *testing.B) {
			var wall time.Duration
			var cpu time.Duration
			for range b.N {
				b.StopTimer()
				srv := serveQueue(b, b.TempDir(), "127.0.0.1:0")
				q := openQueue(b, srv.URL())
				dsn := storeDSN(b)
				openStore(b, dsn).Close() // schema first
				var ws []*proc
				for range procs {
					ws = append(ws, startWorker(b, srv.URL(), dsn))
				}
				for _, w := range ws {
					w.waitStarted(b)
				}
				cpu0 := childCPU()
				start := time.Now()
				b.StartTimer()
				publishAll(b, q, arts)
				waitDrained(b, q, 10*time.Minute, ws...)
				b.StopTimer()
				wall += time.Since(start)
				for _, w := range ws {
					w.stop(b)
				}
				cpu += childCPU() - cpu0
				q.Close()
				srv.Shutdown()
			}
			n := float64(b.N * len(arts))
			b.ReportMetric(n/wall.Seconds(), "articles/s")
			b.ReportMetric(float64(cpu.Microseconds())/n, "worker-cpu-µs/article")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// childCPU is the CPU time of the waited-for child processes so far.
func childCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
