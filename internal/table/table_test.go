package table

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	schema := Schema{Columns: []string{"word", "value", "note"}, Required: 2}
	tests := []struct {
		name, data string
		rows       int
		err        string // substring of the error, "" for none
	}{
		{"ok", "# comment\nword\tvalue\tnote\ntolv\t12\n\nto\t\t2\tshort\n", 2, ""},
		{"optional left out", "word\tvalue\tnote\ntolv\t12\n", 1, ""},
		{"bad header", "word\tnumber\ntolv\t12\n", 0, "x.tsv:1: header"},
		{"too few", "word\tvalue\tnote\ntolv\n", 0, "x.tsv:2: row has 1 fields"},
		{"too many", "word\tvalue\tnote\ntolv\t12\ta\tb\n", 0, "x.tsv:2: row has 4 fields, want at most 3"},
		{"no header", "# only a comment\n", 0, "no header"},
		{"bad utf8", "word\tvalue\tnote\n\xff\t1\n", 0, "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := Parse("x.tsv", []byte(tt.data), schema)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != tt.rows {
				t.Fatalf("got %d rows, want %d", len(rows), tt.rows)
			}
		})
	}
}

func TestRowGetAndErrorf(t *testing.T) {
	rows, err := Parse("p.tsv", []byte("a\tb\nx\t1\n"), Schema{Columns: []string{"a", "b"}, Required: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].Get("b") != "1" || rows[0].Line != 2 {
		t.Fatalf("row = %+v", rows[0])
	}
	if got := rows[0].Errorf("bad %s", "value").Error(); got != "p.tsv:2: bad value" {
		t.Fatalf("Errorf = %q", got)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("word\tvalue\ntolv\t12\n")
	f.Fuzz(func(t *testing.T, data string) {
		rows, err := Parse("f.tsv", []byte(data), Schema{Columns: []string{"word", "value"}, Required: 1})
		if err == nil {
			for _, r := range rows {
				_ = r.Get("value")
			}
		}
	})
}
