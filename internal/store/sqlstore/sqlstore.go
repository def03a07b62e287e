// Package sqlstore owns the SQL implementation of store.Store: the schema and
// its migrations, the mapping of uro.document/v1 onto tables (events and
// figures a row each, the lists below them one JSON value an article), the
// incremental incident merge inside each write transaction, and the queries.
// It runs over database/sql; what differs between databases is kept in a
// small dialect (SQLite through modernc.org/sqlite, PostgreSQL through pgx).
package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/urodata/uro/internal/store"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations
var migrationFS embed.FS

// applicationID is written into the SQLite header by migration 1, so a
// SQLite file of another program is told apart from an old uro database.
const applicationID = 1970433841 // "uro1"

// dialect is what differs between the databases the store runs on.
type dialect struct {
	name   string
	driver string
	// migrations holds NNNN_name.sql files, applied in order.
	migrations string
	// textMatch is a condition on the article row number column col that
	// holds when the article's title or text matches one bound query.
	textMatch func(col string) string
	// ftsQuery turns a user's words into that bound query.
	ftsQuery func(words string) string
	// inList is a condition that col is one of the values of one bound
	// JSON list: one statement for any number of values, so it stays prepared.
	inList func(col string) string
	// indexText keeps the full-text index in step with a new article, and
	// unindexText with one whose title and text are about to change.
	indexText   func(ctx context.Context, r runner, n int64, title, text string) error
	unindexText func(ctx context.Context, r runner, n int64, title, text string) error
	// driverCaches is set when the driver keeps prepared statements itself
	// (see DB.prepared).
	driverCaches bool
	// check runs the database's own consistency checks (see Check).
	check func(ctx context.Context, s *DB) ([]string, error)
	// eventCounts is set when the database keeps event_counts (schema 2),
	// which a write transaction adds its new events to (schema 3).
	eventCounts bool
}

var sqlite = dialect{
	name:       "sqlite",
	driver:     "sqlite",
	migrations: "migrations/sqlite",
	textMatch: func(col string) string {
		return col + " IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)"
	},
	ftsQuery: func(words string) string {
		// Every word must occur; each is quoted so that FTS5's own syntax
		// (AND, NEAR, "-", ":") in a user's words is taken literally.
		// FTS5 reads a query only up to a NUL.
		words = strings.ReplaceAll(words, "\x00", " ")
		var q []string
		for _, w := range strings.Fields(words) {
			q = append(q, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
		}
		return strings.Join(q, " ")
	},
	inList: func(col string) string { return col + " IN (SELECT value FROM json_each(?))" },
	indexText: func(ctx context.Context, r runner, n int64, title, text string) error {
		_, err := r.ExecContext(ctx, `INSERT INTO article_fts (rowid, title, text) VALUES (?, ?, ?)`, n, title, text)
		return err
	},
	unindexText: func(ctx context.Context, r runner, n int64, title, text string) error {
		// An external-content FTS5 table forgets a row given its old values.
		_, err := r.ExecContext(ctx, `INSERT INTO article_fts (article_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)`, n, title, text)
		return err
	},
	check:       checkSQLite,
	eventCounts: true,
}

// DB is a uro store in a SQL database. It implements store.Store.
type DB struct {
	db   *sql.DB
	d    dialect
	name string // what to call the database in errors (its path)

	mu    sync.Mutex
	stmts map[string]*sql.Stmt // prepared statements by query text

	ckpt *checkpointer // SQLite only
}

var (
	_ store.Store    = (*DB)(nil)
	_ store.Batcher  = (*DB)(nil)
	_ store.Preparer = (*DB)(nil)
)

// Open opens the store that dsn names, creating and migrating it as needed:
// "" is uro.db in the platform's data directory (DefaultPath), a path or
// "sqlite:PATH" is a SQLite file, "postgres://…" (or "postgresql://…") is
// a PostgreSQL database, in the schema its search_path names first.
func Open(ctx context.Context, dsn string) (*DB, error) {
	switch {
	case isPostgres(dsn):
		return openPostgres(ctx, dsn)
	case dsn == "":
		p, err := DefaultPath()
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return nil, fmt.Errorf("open store: create data directory: %w", err)
		}
		return openSQLite(ctx, p)
	default:
		return openSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"))
	}
}

// DefaultPath is where the store lives when no database is named: uro.db in
// the platform's data directory ($XDG_DATA_HOME/uro or ~/.local/share/uro,
// ~/Library/Application Support/uro, %LocalAppData%\uro).
func DefaultPath() (string, error) {
	var dir string
	switch runtime.GOOS {
	case "windows":
		dir = os.Getenv("LocalAppData")
		if dir == "" {
			return "", errors.New("default store path: %LocalAppData% is not set")
		}
	case "darwin", "ios":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("default store path: %w", err)
		}
		dir = filepath.Join(home, "Library", "Application Support")
	default:
		dir = os.Getenv("XDG_DATA_HOME")
		if dir == "" || !filepath.IsAbs(dir) { // the XDG spec says to ignore relative paths
			home, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("default store path: %w", err)
			}
			dir = filepath.Join(home, ".local", "share")
		}
	}
	return filepath.Join(dir, "uro", "uro.db"), nil
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("open store: empty database path")
	}
	if strings.ContainsRune(path, '?') {
		// The driver reads what follows '?' as its own parameters.
		return nil, fmt.Errorf("open store %s: a path with '?' is not supported", path)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("open store %s: is a directory", path)
	}
	if _, err := os.Stat(filepath.Dir(path)); err != nil {
		return nil, fmt.Errorf("open store %s: no directory to hold it: %w", path, err)
	}
	// Writes take the database lock at BEGIN (immediate), so two processes
	// never both read and then both write; busy_timeout makes the second
	// wait instead of failing.
	dsn := path + "?_txlock=immediate" +
		"&_pragma=busy_timeout(30000)" +
		"&_pragma=foreign_keys(1)" +
		"&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(NORMAL)" +
		// The log is copied into the file by a checkpointer, not by
		// the commit that fills it (see checkpointer).
		"&_pragma=wal_autocheckpoint(0)" +
		// Statement journals in memory, and a page cache that holds a
		// batch's writes: both would otherwise be file writes per statement.
		"&_pragma=temp_store(MEMORY)" +
		"&_pragma=cache_size(-32768)" +
		// Reads map the file instead of copying pages through the cache: a
		// query over a million events touches far more pages than it keeps.
		"&_pragma=mmap_size(17179869184)"
	db, err := sql.Open(sqlite.driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// Connections are kept rather than closed after use (database/sql
	// keeps 2): each holds its own prepared statements, and an ingest's
	// workers reading while its writer writes would otherwise make the
	// writer prepare its statements anew on fresh connections.
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &DB{db: db, d: sqlite, name: path, stmts: map[string]*sql.Stmt{}}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	s.ckpt = startCheckpoints(db, checkpointEvery)
	return s, nil
}

// Close closes the database.
func (s *DB) Close() error {
	s.ckpt.close()
	s.mu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = map[string]*sql.Stmt{}
	s.mu.Unlock()
	return s.db.Close()
}

type migration struct {
	version int
	name    string
	sql     string
}

func (s *DB) loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, s.d.migrations)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s: want NNNN_name.sql", e.Name())
		}
		b, err := migrationFS.ReadFile(s.d.migrations + "/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		ms = append(ms, migration{v, e.Name(), string(b)})
	}
	slices.SortFunc(ms, func(a, b migration) int { return a.version - b.version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: want version %d (versions run 1, 2, 3 … without gaps)", m.name, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion is the newest schema this build knows.
func SchemaVersion() int {
	ms, err := (&DB{d: sqlite}).loadMigrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// migrate brings the schema up to date in one transaction, so a crash or a
// failing step leaves the database as it was. Several processes opening one
// new file at once are serialised by the immediate BEGIN.
func (s *DB) migrate(ctx context.Context) error {
	ms, err := s.loadMigrations()
	if err != nil {
		return err
	}
	fail := func(what string, err error) error {
		return fmt.Errorf("open store %s: %s: %w", s.name, what, err)
	}
	var appID int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return fail("cannot read it as a SQLite database", err)
	}
	if appID != 0 && appID != applicationID {
		return fmt.Errorf("open store %s: not a uro database (SQLite application id %d)", s.name, appID)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fail("begin migration", err)
	}
	defer tx.Rollback()
	var tables int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&tables); err != nil {
		return fail("read schema", err)
	}
	if tables == 0 {
		var other int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&other); err != nil {
			return fail("read schema", err)
		}
		if other > 0 {
			return fmt.Errorf("open store %s: not a uro database (it has tables but no schema_migrations)", s.name)
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL)`); err != nil {
			return fail("create schema_migrations", err)
		}
	}
	return s.applyMigrations(ctx, tx, ms, fail)
}

// applyMigrations runs the migrations tx's schema_migrations has not seen,
// recording each, and commits: the part of opening a store that every
// database does alike.
func (s *DB) applyMigrations(ctx context.Context, tx *sql.Tx, ms []migration, fail func(string, error) error) error {
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fail("read schema version", err)
	}
	if current > len(ms) {
		return fmt.Errorf("open store %s: schema version %d is newer than this uro knows (%d): upgrade uro", s.name, current, len(ms))
	}
	if current == len(ms) {
		return nil
	}
	for _, m := range ms[current:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fail("migration "+m.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)`,
			m.version, m.name, time.Now().UnixNano()); err != nil {
			return fail("record migration "+m.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fail("commit migrations", err)
	}
	return nil
}
