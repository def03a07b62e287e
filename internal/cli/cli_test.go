package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run runs uro with args and returns exit code, stdout and stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const sampleArticle = "Politiet anholdt 12 demonstranter i København\n\nPolitiet anholdt torsdag 12 demonstranter ved Christiansborg, oplyser Københavns Politi.\n\nOmkring 2.000 mennesker deltog i demonstrationen.\n"

func TestExtractBadInput(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.txt", []byte(sampleArticle))
	empty := writeFile(t, dir, "empty.txt", []byte("  \n\n "))
	binary := writeFile(t, dir, "photo.jpg", append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), make([]byte, 512)...))
	big := writeFile(t, dir, "big.txt", []byte(strings.Repeat("Politiet anholdt 12 demonstranter. ", 100)))
	finnish := writeFile(t, dir, "fi.txt", []byte("Poliisi pidätti kaksitoista mielenosoittajaa\n\nPoliisi pidätti lauantaina kaksitoista mielenosoittajaa Helsingin keskustassa, kertoo poliisin tiedottaja. Mielenosoittajat vastustivat hallituksen uutta lakia."))
	tests := []struct {
		name string
		args []string
		code int
		want []string // substrings of the single stderr line
	}{
		{"missing file", []string{"extract", filepath.Join(dir, "nope.txt")}, 1, []string{"nope.txt", "no such file"}},
		{"directory", []string{"extract", dir}, 1, []string{dir, "directory"}},
		{"binary", []string{"extract", binary}, 1, []string{"photo.jpg", "binary"}},
		{"empty", []string{"extract", empty}, 1, []string{"empty.txt", "empty"}},
		{"too big", []string{"extract", "--max-bytes", "1000", big}, 1, []string{"big.txt", "max-bytes"}},
		{"unknown lang", []string{"extract", "--lang", "xx", good}, 2, []string{"--lang", `"xx"`, "no language pack"}},
		{"language without a pack", []string{"extract", finnish}, 1, []string{"fi.txt", "no language pack fits: looks like none of da, en"}},
		{"bad published", []string{"extract", "--published", "6/1/2022", good}, 2, []string{"--published", "6/1/2022", "YYYY-MM-DD"}},
		{"bad format", []string{"extract", "--format", "xml", good}, 2, []string{"--format", "xml"}},
		{"no input", []string{"extract"}, 2, []string{"no input"}},
		{"unknown flag", []string{"extract", "--frobnicate", good}, 2, []string{"frobnicate"}},
		{"unknown command", []string{"frobnicate"}, 2, []string{"unknown command", "frobnicate"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := run(t, "", tt.args...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d; stderr %q", code, tt.code, stderr)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			if n := strings.Count(strings.TrimRight(stderr, "\n"), "\n"); n != 0 {
				t.Errorf("stderr has %d lines, want one: %q", n+1, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
			if strings.Count(stderr, "no language pack") > 1 {
				t.Errorf("stderr %q says it twice", stderr)
			}
		})
	}
}

func TestExtractGoodAndBadTogether(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.txt", []byte(sampleArticle))
	code, out, stderr := run(t, "", "extract", "--published", "2024-03-07", good, filepath.Join(dir, "missing.txt"))
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(stderr, "missing.txt") {
		t.Errorf("stderr %q does not name missing.txt", stderr)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &doc); err != nil {
		t.Fatalf("first output line is not a document: %v\n%s", err, out)
	}
	if doc["language"] != "da" || doc["published"] != "2024-03-07" {
		t.Errorf("language %v published %v", doc["language"], doc["published"])
	}
}

func TestExtractInvalidUTF8IsRepaired(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "latin1.txt", []byte("Politiet anholdt 12 demonstranter i K\xf8benhavn\n\nPolitiet anholdt torsdag 12 demonstranter ved Christiansborg.\n"))
	code, out, stderr := run(t, "", "extract", p)
	if code != 0 {
		t.Fatalf("exit %d; stderr %q", code, stderr)
	}
	if !strings.Contains(stderr, "latin1.txt") || !strings.Contains(stderr, "U+FFFD") {
		t.Errorf("stderr %q should warn about the repair and name the file", stderr)
	}
	if !strings.Contains(out, "K\uFFFDbenhavn") {
		t.Errorf("output lacks the repaired text")
	}
}

func TestExtractStdinAndText(t *testing.T) {
	code, out, stderr := run(t, sampleArticle, "extract", "--format", "text", "--published", "2024-03-07", "-")
	if code != 0 {
		t.Fatalf("exit %d; stderr %q", code, stderr)
	}
	for _, w := range []string{"Politiet anholdt 12 demonstranter i København", "language da", "2024-03-07"} {
		if !strings.Contains(out, w) {
			t.Errorf("text summary lacks %q:\n%s", w, out)
		}
	}
}

func TestExtractJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a1","text":"Police arrested 40 protesters in London\n\nPolice arrested 40 protesters on Saturday, officers said.","published":"2024-03-09","language":"en"}`,
		`{"id":"a2","text":"","published":"2024-03-09"}`,
		`{"id":"a3", this is not json`,
		`{"id":"a4","text":"Politiet anholdt 12 demonstranter\n\nPolitiet anholdt torsdag 12 demonstranter ved Christiansborg.","published":"7/3/2024"}`,
		`{"id":"a5","text":"Politiet anholdt 12 demonstranter\n\nPolitiet anholdt torsdag 12 demonstranter ved Christiansborg, oplyser politiet."}`,
	}, "\n") + "\n"
	code, out, stderr := run(t, in, "extract", "--jsonl")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (bad lines); stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("got %d output lines, want 5:\n%s", len(lines), out)
	}
	wantErr := []bool{false, true, true, true, false}
	for i, l := range lines {
		var v map[string]any
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("line %d is not JSON: %v", i+1, err)
		}
		_, isErr := v["error"]
		if isErr != wantErr[i] {
			t.Errorf("line %d: error=%v, want %v: %s", i+1, isErr, wantErr[i], l)
		}
	}
	for _, w := range []string{"line 2", "line 3", "line 4"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q: %q", w, stderr)
		}
	}
	if !strings.Contains(lines[0], `"id":"a1"`) || !strings.Contains(lines[4], `"id":"a5"`) {
		t.Errorf("ids not kept in order:\n%s", out)
	}
}

func TestHelpExplainsEveryFlag(t *testing.T) {
	code, out, _ := run(t, "", "help", "extract")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, f := range []string{"--published", "--lang", "--url", "--text", "--format", "--jsonl", "--max-bytes"} {
		i := strings.Index(out, "  "+f)
		if i < 0 {
			t.Errorf("help extract does not explain %s", f)
			continue
		}
		rest := out[i:]
		if j := strings.Index(rest[2:], "\n  --"); j > 0 {
			rest = rest[:j+2]
		}
		if !strings.Contains(rest, "Example:") {
			t.Errorf("help for %s has no example: %q", f, rest)
		}
	}
	if code, out, _ := run(t, "", "version"); code != 0 || !strings.HasPrefix(out, "uro ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestGeocode(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		out  []string // substrings of stdout
		err  []string // substrings of stderr
	}{
		{"city", []string{"geocode", "Almaty"}, 0, []string{"1. Almaty", "KZ", "1526384", "population"}, nil},
		{"danish inflection", []string{"geocode", "--lang", "da", "--json", "Kasakhstans"}, 0, []string{`"country":"KZ"`, `"precision":"country"`}, nil},
		{"qualified", []string{"geocode", "--json", "Paris, Texas"}, 0, []string{`"country":"US"`, `"admin1":"Texas"`}, nil},
		{"favoured country", []string{"geocode", "--country", "US", "--max", "1", "Georgia"}, 0, []string{"US (admin1)"}, nil},
		{"empty name", []string{"geocode", ""}, 1, nil, []string{"empty name"}},
		{"control characters", []string{"geocode", "Alma\x00ty"}, 1, nil, []string{"control characters"}},
		{"very long name", []string{"geocode", strings.Repeat("Almaty ", 1500)}, 1, nil, []string{"candidates for"}},
		{"bad and good", []string{"geocode", "", "Almaty"}, 1, []string{"1. Almaty"}, []string{"empty name"}},
		{"unknown country", []string{"geocode", "--country", "XX", "Paris"}, 2, nil, []string{`unknown country "XX"`}},
		{"unknown lang", []string{"geocode", "--lang", "xx", "Paris"}, 2, nil, []string{`"xx"`}},
		{"no name", []string{"geocode"}, 2, nil, []string{"no name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := run(t, "", tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, stderr)
			}
			for _, w := range tt.out {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.err {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q: %q", w, stderr)
				}
			}
		})
	}
}
