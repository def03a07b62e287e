package sqlstore

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// checkpointEvery is how often a SQLite store copies its write-ahead log
// into the database file. At ingest speed the log grows by some 20 MB a
// second, which readers search through until it is copied.
const checkpointEvery = 500 * time.Millisecond

// checkpointer copies a SQLite store's write-ahead log into the database
// file on a goroutine of its own. SQLite's automatic checkpoint (off in the
// connection string) runs inside the commit that crosses its threshold,
// and its fsync stalls the store's single writer for as long as it takes;
// a passive checkpoint on another connection runs beside the writer and
// waits for no one. Durability is the same: a commit is in the log either
// way, and the log is synced before the file is overwritten.
type checkpointer struct {
	stop    chan struct{}
	stopped sync.Once
	done    sync.WaitGroup
}

func startCheckpoints(db *sql.DB, every time.Duration) *checkpointer {
	c := &checkpointer{stop: make(chan struct{})}
	c.done.Add(1)
	go func() {
		defer c.done.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-c.stop:
				return
			case <-t.C:
				// A busy or failed checkpoint loses nothing: the log keeps
				// every commit, and the next tick tries again.
				ctx, cancel := context.WithTimeout(context.Background(), 10*every)
				db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
				cancel()
			}
		}
	}()
	return c
}

// close stops the checkpoints, once however often it is called; closing
// the last connection checkpoints what is left.
func (c *checkpointer) close() {
	if c == nil {
		return
	}
	c.stopped.Do(func() { close(c.stop) })
	c.done.Wait()
}
