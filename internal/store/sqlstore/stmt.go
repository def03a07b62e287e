package sqlstore

import (
	"context"
	"database/sql"
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

// stmt is q prepared, or nil to run it unprepared.
func (r runner) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	st, err := r.s.prepared(ctx, q)
	if err != nil || st == nil {
		return nil, err
	}
	if r.tx != nil {
		// Closed with the transaction; the connection keeps the prepared
		// statement for the next transaction.
		return r.tx.StmtContext(ctx, st), nil
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
