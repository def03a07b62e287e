package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/storetest"
)

func open(t *testing.T, dsn string) *DB {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (body TEXT)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	newer := filepath.Join(dir, "newer.db")
	s := open(t, newer)
	if _, err := s.db.Exec(`INSERT INTO schema_migrations (version, name, applied) VALUES (99, '0099_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	s.Close()

	tests := []struct {
		name, dsn string
		want      []string // in the error
	}{
		{"text file", write("notes.txt", []byte(strings.Repeat("this is not a database\n", 200))), []string{"notes.txt", "not a database"}},
		{"corrupt header", write("corrupt.db", append([]byte("SQLite format 3\x00"), make([]byte, 4096)...)), []string{"corrupt.db"}},
		{"other program's database", other, []string{"other.db", "not a uro database"}},
		{"newer schema", newer, []string{"newer.db", "schema version 99", "upgrade uro"}},
		{"directory", dir, []string{dir, "directory"}},
		{"missing directory", filepath.Join(dir, "no", "such", "uro.db"), []string{"uro.db", "no directory"}},
		{"postgres unreachable", "postgres://uro:pw123@127.0.0.1:1/uro", []string{"postgres://uro:xxxxx@127.0.0.1:1/uro", "cannot connect"}},
		{"question mark", filepath.Join(dir, "a?b.db"), []string{"'?'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(ctx, tt.dsn)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q) succeeded", tt.dsn)
			}
			t.Log(err)
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestOpenForms(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := filepath.Join(dir, "uro.db")
	s := open(t, "sqlite:"+p)
	doc := storetest.Corpus()[0]
	if _, err := s.Put(ctx, doc, store.Meta{}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Opened again as a plain path: migrations are not re-run, data stays.
	s = open(t, p)
	if ok, err := s.Has(ctx, doc.ID); err != nil || !ok {
		t.Fatalf("article lost on reopen: %v %v", ok, err)
	}
	var mode string
	var fk int
	if err := s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode %q, %v; want wal", mode, err)
	}
	if err := s.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign keys %d, %v; want on", fk, err)
	}
	var versions int
	if err := s.db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&versions); err != nil || versions != SchemaVersion() || versions < 1 {
		t.Errorf("%d migrations recorded, %v; want %d", versions, err, SchemaVersion())
	}

	// "" is the platform data directory.
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	t.Setenv("HOME", filepath.Join(dir, "home"))
	t.Setenv("LocalAppData", filepath.Join(dir, "local"))
	want, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(want) != "uro.db" || !strings.HasPrefix(want, dir) || filepath.Base(filepath.Dir(want)) != "uro" {
		t.Errorf("DefaultPath = %s", want)
	}
	open(t, "")
	if _, err := os.Stat(want); err != nil {
		t.Errorf("Open(\"\") made no %s: %v", want, err)
	}
}

func TestDefaultPathXDG(t *testing.T) {
	if os.PathSeparator != '/' || strings.Contains("darwin ios windows", goos()) {
		t.Skip("XDG applies to Linux and other Unix systems")
	}
	for _, tt := range []struct{ xdg, home, want string }{
		{"/data", "/home/u", "/data/uro/uro.db"},
		{"", "/home/u", "/home/u/.local/share/uro/uro.db"},
		{"relative/dir", "/home/u", "/home/u/.local/share/uro/uro.db"},
	} {
		t.Setenv("XDG_DATA_HOME", tt.xdg)
		t.Setenv("HOME", tt.home)
		if got, err := DefaultPath(); err != nil || got != tt.want {
			t.Errorf("XDG_DATA_HOME=%q: %s, %v; want %s", tt.xdg, got, err, tt.want)
		}
	}
}

// TestCheckFindsProblems breaks the store behind its back, one invariant at
// a time, and expects Check to name each.
func TestCheckFindsProblems(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		sql   []string
		wants []string
	}{
		{"incident summary", []string{`UPDATE incidents SET body = json_set(body, '$.Start', '1999-01-01')`}, []string{"differs from a recomputation"}},
		{"missing incident", []string{`DELETE FROM incidents WHERE id = (SELECT min(incident) FROM events)`}, []string{"which is not stored", "refers to a missing incidents"}},
		{"event outside incidents", []string{`UPDATE events SET incident = NULL WHERE ord = 0`}, []string{"is in no incident"}},
		{"event count", []string{`UPDATE articles SET events = events + 1`}, []string{"counts"}},
		{"orphan event", []string{`UPDATE events SET article = 999999 WHERE key = (SELECT min(key) FROM events)`}, []string{"belongs to no stored article"}},
		{"full-text index", []string{`INSERT INTO article_fts (article_fts, rowid, title, text) SELECT 'delete', n, title, text FROM articles LIMIT 1`},
			[]string{"full-text index has"}},
		{"wrong incident id", []string{
			`INSERT INTO incidents (id, type, start, "end", events, articles, body) SELECT 'ifake', type, start, "end", events, articles, body FROM incidents LIMIT 1`,
			`UPDATE events SET incident = 'ifake' WHERE incident = (SELECT min(id) FROM incidents WHERE id != 'ifake')`,
		}, []string{"its events make incident"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t, filepath.Join(t.TempDir(), "uro.db"))
			for _, d := range storetest.Corpus() {
				if _, err := s.Put(ctx, d, store.Meta{}); err != nil {
					t.Fatal(err)
				}
			}
			if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
				t.Fatalf("Check before breaking: %v %q", err, problems)
			}
			conn, err := s.db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
				t.Fatal(err)
			}
			for _, q := range tt.sql {
				if _, err := conn.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			conn.ExecContext(ctx, `PRAGMA foreign_keys = ON`)
			conn.Close()
			problems, err := s.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(problems, "\n")
			for _, w := range tt.wants {
				if !strings.Contains(all, w) {
					t.Errorf("Check found %q, nothing about %q", problems, w)
				}
			}
		})
	}
}

// TestProcesses has several processes write one file at once: the
// database's locks, not a Go mutex, keep every article once and the
// incidents what one process alone makes.
func TestProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	ctx := context.Background()
	dir := t.TempDir()
	shared := filepath.Join(dir, "shared.db")
	open(t, shared).Close() // created once, so the children race on data, not on the schema
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	const procs = 3
	cmds := make([]*exec.Cmd, procs)
	for i := range cmds {
		cmds[i] = exec.Command(exe, "-test.run=^TestChildPut$")
		cmds[i].Env = append(os.Environ(), "URO_STORE_CHILD="+shared, fmt.Sprintf("URO_STORE_CHILD_SEED=%d", i))
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("process %d: %v", i, err)
		}
	}
	s := open(t, shared)
	docs := storetest.Corpus()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM articles`).Scan(&n); err != nil || n != len(docs) {
		t.Fatalf("%d articles stored by %d processes, %v; want %d", n, procs, err, len(docs))
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check: %v %q", err, problems)
	}
	alone := open(t, filepath.Join(dir, "alone.db"))
	for _, d := range docs {
		if _, err := alone.Put(ctx, d, store.Meta{}); err != nil {
			t.Fatal(err)
		}
	}
	a, _ := alone.Incidents(ctx, store.Filter{Limit: 1000})
	b, _ := s.Incidents(ctx, store.Filter{Limit: 1000})
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) || len(a.Items) == 0 {
		t.Errorf("incidents of %d processes differ from one process's", procs)
	}
}

// TestChildPut is one writing process of TestProcesses.
func TestChildPut(t *testing.T) {
	path := os.Getenv("URO_STORE_CHILD")
	if path == "" {
		t.Skip("run by TestProcesses")
	}
	ctx := context.Background()
	s := open(t, path)
	docs := storetest.Corpus()
	seed := 0
	fmt.Sscan(os.Getenv("URO_STORE_CHILD_SEED"), &seed)
	for i := range docs {
		d := docs[(i*(seed+1)+seed)%len(docs)]
		if seed%2 == 1 {
			d = docs[len(docs)-1-(i+seed)%len(docs)]
		}
		if _, err := s.Put(ctx, d, store.Meta{}); err != nil {
			t.Fatal(err)
		}
	}
	// Every process puts every document, whatever order it used.
	for _, d := range docs {
		if _, err := s.Put(ctx, d, store.Meta{}); err != nil {
			t.Fatal(err)
		}
	}
}

func goos() string { return runtime.GOOS }

// TestCheckpoints: with SQLite's own checkpoints off, the store's
// checkpointer copies the write-ahead log into the database file while the
// store stays open, and Close stops it (twice is harmless).
func TestCheckpoints(t *testing.T) {
	p := filepath.Join(t.TempDir(), "uro.db")
	s := open(t, p)
	size := func() int64 {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return st.Size()
	}
	before := size()
	putCorpus(t, s, storetest.Corpus())
	if size() != before {
		t.Fatalf("the database file grew from %d to %d bytes at commit: SQLite checkpointed by itself", before, size())
	}
	deadline := time.Now().Add(20 * checkpointEvery)
	for size() == before && time.Now().Before(deadline) {
		time.Sleep(checkpointEvery / 10)
	}
	if size() == before {
		t.Errorf("database file still %d bytes after %s: no checkpoint", before, 20*checkpointEvery)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Logf("second Close: %v", err)
	}
}
