// Package table reads the tab-separated tables that language packs are made
// of, and reports every problem with the file and line it comes from, the way
// a compiler does, so that a pack author can fix data without reading Go.
//
// A table file is UTF-8 text. Lines starting with '#' and blank lines are
// ignored. The first other line is the header: the column names, separated by
// tabs. Every later line is a row whose fields are separated by one or more
// tabs; trailing optional columns may be left out.
package table

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// Row is one data line of a table.
type Row struct {
	File   string // path of the file, as given to Read
	Line   int    // 1-based line number
	Fields []string
	cols   map[string]int
}

// Get returns the field of the named column, or "" when the row leaves it out.
// Asking for a column the table does not declare is a programming error and panics.
func (r Row) Get(col string) string {
	i, ok := r.cols[col]
	if !ok {
		panic(fmt.Sprintf("table: %s has no column %q", r.File, col))
	}
	if i < len(r.Fields) {
		return r.Fields[i]
	}
	return ""
}

// Errorf returns an error that names the row's file and line.
func (r Row) Errorf(format string, args ...any) error {
	return &Error{File: r.File, Line: r.Line, Msg: fmt.Sprintf(format, args...)}
}

// Error is a problem in a table, located by file and line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Schema says which columns a table must have, in order. The first Required of
// them must be present in every row; the rest may be left out at the end.
type Schema struct {
	Columns  []string
	Required int
}

// Read parses the table at path in fsys against schema.
func Read(fsys fs.FS, path string, schema Schema) ([]Row, error) {
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, fmt.Errorf("read table %s: %w", path, err)
	}
	return Parse(path, data, schema)
}

// Parse parses table data named name against schema.
func Parse(name string, data []byte, schema Schema) ([]Row, error) {
	if !utf8.Valid(data) {
		return nil, &Error{File: name, Line: 1, Msg: "file is not valid UTF-8"}
	}
	cols := make(map[string]int, len(schema.Columns))
	for i, c := range schema.Columns {
		cols[c] = i
	}
	var rows []Row
	header := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), " \r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimLeft(text, " "), "#") {
			continue
		}
		fields := split(text)
		if !header {
			header = true
			if strings.Join(fields, "\t") != strings.Join(schema.Columns, "\t") {
				return nil, &Error{File: name, Line: line, Msg: fmt.Sprintf("header is %q, want the columns %q", strings.Join(fields, " "), strings.Join(schema.Columns, " "))}
			}
			continue
		}
		if len(fields) < schema.Required {
			return nil, &Error{File: name, Line: line, Msg: fmt.Sprintf("row has %d fields, want at least %d (%s); fields are separated by tabs", len(fields), schema.Required, strings.Join(schema.Columns[:schema.Required], ", "))}
		}
		if len(fields) > len(schema.Columns) {
			return nil, &Error{File: name, Line: line, Msg: fmt.Sprintf("row has %d fields, want at most %d (%s)", len(fields), len(schema.Columns), strings.Join(schema.Columns, ", "))}
		}
		rows = append(rows, Row{File: name, Line: line, Fields: fields, cols: cols})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read table %s: %w", name, err)
	}
	if !header {
		return nil, &Error{File: name, Line: line + 1, Msg: "table has no header line"}
	}
	return rows, nil
}

// split cuts a line at runs of tabs and trims spaces around each field.
func split(line string) []string {
	parts := strings.Split(line, "\t")
	out := parts[:0]
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Words reads a word list: one entry per line, '#' comments and blank lines
// ignored, entries trimmed. It returns the entries with their line numbers.
func Words(fsys fs.FS, path string) ([]Row, error) {
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, fmt.Errorf("read word list %s: %w", path, err)
	}
	if !utf8.Valid(data) {
		return nil, &Error{File: path, Line: 1, Msg: "file is not valid UTF-8"}
	}
	var rows []Row
	cols := map[string]int{"word": 0}
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		rows = append(rows, Row{File: path, Line: i + 1, Fields: []string{l}, cols: cols})
	}
	return rows, nil
}
