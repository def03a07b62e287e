package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// maxPrepared bounds the statement cache: filters make many query shapes,
// and the hot ones (inserts, merging, lookups) are few.
const maxPrepared = 256

// prepared returns q prepared once for the whole pool: SQLite spends more
// time parsing a statement than running a small insert.
// A driver that caches statements itself (pgx) runs q unprepared here.
func (s *DB) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	if s.d.driverCaches {
		return nil, nil
	}
	s.mu.Lock()
	st := s.stmts[q]
	s.mu.Unlock()
	if st != nil {
		return st, nil
	}
	s.mu.Lock()
	full := len(s.stmts) >= maxPrepared
	s.mu.Unlock()
	if full {
		return nil, nil // run unprepared
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.stmts[q]; old != nil {
		st.Close()
		return old, nil
	}
	s.stmts[q] = st
	return st, nil
}

// runner runs statements through the cache, inside tx when it is set.
type runner struct {
	s  *DB
	tx *sql.Tx
}

// txStmts holds, for each transaction that asked (reuseStmts), the
// statements already bound to it: binding (Tx.StmtContext) costs a lock and
// an allocation, and a batch runs the same few statements thousands of
// times. A transaction is used by one goroutine at a time, so its map needs
// no lock of its own.
var txStmts sync.Map // *sql.Tx → map[string]*sql.Stmt

// reuseStmts makes runners over tx reuse the statements they bind until
// done is called (after the commit or rollback, which closes them).
func reuseStmts(tx *sql.Tx) (done func()) {
	txStmts.Store(tx, map[string]*sql.Stmt{})
	return func() { txStmts.Delete(tx) }
}

// stmt is q prepared, or nil to run it unprepared.
func (r runner) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	var bound map[string]*sql.Stmt
	if r.tx != nil {
		if m, ok := txStmts.Load(r.tx); ok {
			bound = m.(map[string]*sql.Stmt)
			if st := bound[q]; st != nil {
				return st, nil
			}
		}
	}
	st, err := r.s.prepared(ctx, q)
	if err != nil || st == nil {
		return nil, err
	}
	if r.tx != nil {
		// Closed with the transaction; the connection keeps the prepared
		// statement for the next transaction.
		st = r.tx.StmtContext(ctx, st)
		if bound != nil {
			bound[q] = st
		}
	}
	return st, nil
}

// direct is where unprepared statements run.
func (r runner) direct() interface {
	querier
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
} {
	if r.tx != nil {
		return r.tx
	}
	return r.s.db
}

func (r runner) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := r.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return r.direct().QueryContext(ctx, q, args...)
	}
	return st.QueryContext(ctx, args...)
}

func (r runner) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := r.stmt(ctx, q)
	if err != nil || st == nil {
		// Unprepared; a query that failed to prepare fails again here, and
		// the row carries the error.
		return r.direct().QueryRowContext(ctx, q, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

func (r runner) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := r.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return r.direct().ExecContext(ctx, q, args...)
	}
	return st.ExecContext(ctx, args...)
}
