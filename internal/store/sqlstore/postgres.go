package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// connectTimeout bounds connecting to PostgreSQL when the URL sets no
// connect_timeout: an unreachable server is reported at Open, not hung on.
const connectTimeout = 5 * time.Second

// writeLockKey is the advisory lock every read-write transaction on
// PostgreSQL takes at BEGIN ("uro1" again). See postgresConn.BeginTx.
const writeLockKey = 1970433841

// postgres is the dialect of PostgreSQL, through pgx's database/sql
// adapter. Queries are written with '?' like SQLite's; the connection
// rebinds them to $1, $2 … as they run (rebind), so one text serves both.
var postgres = dialect{
	name:       "postgres",
	driver:     "pgx",
	migrations: "migrations/postgres",
	textMatch: func(col string) string {
		// The article's vector is in its language's configuration; the
		// words are parsed in each configuration uro indexes with and the
		// queries ORed, so a word matches in whichever its article uses.
		// The one bound query is named once (w.q), and the planner inlines
		// the one-row subquery, so the GIN index on fts serves the match.
		return col + ` IN (SELECT t.n FROM articles t, (SELECT CAST(? AS text) AS q) w WHERE t.fts @@ (
			plainto_tsquery('danish', w.q) || plainto_tsquery('english', w.q) || plainto_tsquery('simple', w.q)))`
	},
	ftsQuery: func(words string) string {
		// plainto_tsquery reads every word as a word (no operators) and
		// requires all of them, as SQLite's quoted terms do. PostgreSQL
		// text holds neither NUL nor invalid UTF-8.
		words = strings.ToValidUTF8(strings.ReplaceAll(words, "\x00", " "), " ")
		return strings.Join(strings.Fields(words), " ")
	},
	inList: func(col string) string {
		// The list is JSON text, as for SQLite; its elements are compared
		// in the column's type, so that the column's index serves the test.
		typ := "text"
		if strings.HasSuffix(col, ".article") || strings.HasSuffix(col, ".n") || col == "article" || col == "n" {
			typ = "bigint"
		}
		return col + ` IN (SELECT CAST(v AS ` + typ + `) FROM jsonb_array_elements_text(CAST(? AS jsonb)) AS v)`
	},
	// fts is a generated column: it follows the article by itself.
	indexText:   func(context.Context, runner, int64, string, string) error { return nil },
	unindexText: func(context.Context, runner, int64, string, string) error { return nil },
	// pgx keeps its own per-connection statement cache.
	driverCaches: true,
	check:        checkPostgres,
}

// openPostgres opens the store in the PostgreSQL database dsn names.
func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	name := redact(dsn)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		// pgx's message masks the password of the URL it quotes.
		return nil, fmt.Errorf("open store %s: %w", name, err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	db := sql.OpenDB(postgresConnector{stdlib.GetConnector(*cfg)})
	// Connections stay open between transactions (pgx caches statements
	// per connection); the number open is not capped, so a transaction
	// never waits for a connection another one holds.
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: cannot connect to %s: %w", name, hostPort(cfg), err)
	}
	s := &DB{db: db, d: postgres, name: name, stmts: map[string]*sql.Stmt{}}
	if err := s.migratePostgres(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// redact is dsn with its password masked, for error messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…" // unparsable: quote nothing that may hold a password
	}
	return u.Redacted()
}

func hostPort(cfg *pgx.ConnConfig) string {
	return cfg.Host + ":" + strconv.Itoa(int(cfg.Port))
}

// migratePostgres brings the schema up to date in one transaction, as
// migrate does for SQLite; the write lock taken at BEGIN serialises
// processes opening one new database at once. The store lives in the
// connection's current schema (search_path).
func (s *DB) migratePostgres(ctx context.Context) error {
	ms, err := s.loadMigrations()
	if err != nil {
		return err
	}
	fail := func(what string, err error) error {
		return fmt.Errorf("open store %s: %s: %w", s.name, what, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fail("begin migration", err)
	}
	defer tx.Rollback()
	var schema sql.NullString
	var tables, other int
	if err := tx.QueryRowContext(ctx, `SELECT current_schema(),
		(SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'),
		(SELECT count(*) FROM pg_tables WHERE schemaname = current_schema())`).Scan(&schema, &tables, &other); err != nil {
		return fail("read schema", err)
	}
	if !schema.Valid {
		return fmt.Errorf("open store %s: no schema to hold the store (search_path names none that exists)", s.name)
	}
	if tables == 0 {
		if other > 0 {
			return fmt.Errorf("open store %s: not a uro database (schema %s has tables but no schema_migrations)", s.name, schema.String)
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied BIGINT NOT NULL)`); err != nil {
			return fail("create schema_migrations", err)
		}
	}
	return s.applyMigrations(ctx, tx, ms, fail)
}

// checkPostgres is what PostgreSQL can tell about its own state: indexes
// left invalid (a failed concurrent build) and constraints not validated.
// Foreign keys are always enforced, and the full-text vector is a
// generated column, so neither can drift.
func checkPostgres(ctx context.Context, s *DB) ([]string, error) {
	return s.checkQueries(ctx, []checkQuery{
		{"indexes", `SELECT 'index ' || c.relname || ' is not valid' FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
			JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = current_schema() AND NOT i.indisvalid`},
		{"constraints", `SELECT 'constraint ' || conname || ' is not validated' FROM pg_constraint
			WHERE connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND NOT convalidated`},
	})
}

// postgresConnector makes the connections of a PostgreSQL store.
type postgresConnector struct{ driver.Connector }

func (c postgresConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	pc, ok := conn.(*stdlib.Conn)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("pgx connector made a %T", conn)
	}
	return &postgresConn{pc}, nil
}

// postgresConn is a pgx connection that rebinds '?' placeholders and
// serialises writers. Everything else is pgx's.
type postgresConn struct{ *stdlib.Conn }

func (c *postgresConn) Prepare(q string) (driver.Stmt, error) { return c.Conn.Prepare(rebind(q)) }

func (c *postgresConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, rebind(q))
}

func (c *postgresConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.ExecContext(ctx, rebind(q), args)
}

func (c *postgresConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, rebind(q), args)
}

func (c *postgresConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

// BeginTx begins a transaction; a read-write one then waits for the
// store's advisory lock, held until it commits or rolls back. So writers
// (in any process) run one after another, as SQLite's immediate
// transactions do: a Put's look for duplicates, its insert, and its
// incident merge (read the candidate events and their incidents, write
// the united incidents) see every earlier write and no half of a
// concurrent one. SERIALIZABLE with retries would let writers overlap,
// but articles of one news day share candidate windows, so most would
// conflict and redo their work; a write takes milliseconds, far less than
// extracting the article, so one writer at a time is not what limits
// many workers. Readers never take the lock.
func (c *postgresConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.Conn.BeginTx(ctx, opts)
	if err != nil || opts.ReadOnly {
		return tx, err
	}
	if _, err := c.Conn.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, []driver.NamedValue{{Ordinal: 1, Value: int64(writeLockKey)}}); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("take the store's write lock: %w", err)
	}
	return tx, nil
}

// rebind turns the '?' placeholders of q into PostgreSQL's $1, $2 …,
// leaving string literals, quoted names and comments alone. SQLite's
// numbered placeholders (?NNN) are not supported: uro writes none.
func rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		switch c := q[i]; {
		case c == '\'' || c == '"':
			j := strings.IndexByte(q[i+1:], c)
			if j < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+j+2]) // a doubled quote inside is two such runs
			i += j + 1
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+j])
			i += j - 1
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// isPostgres reports whether dsn names a PostgreSQL database.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}
