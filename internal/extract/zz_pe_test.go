package extract

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
)

// Temporary (perf-events helper): a small whole-extract run for cachegrind.
func BenchmarkPESmall(b *testing.B) { benchExtract(b, 1<<20, Options{}) }

// Temporary (perf-events helper): dumps every corpus document to $PE_DUMP.
func TestPEDump(t *testing.T) {
	out := os.Getenv("PE_DUMP")
	if out == "" {
		t.Skip("PE_DUMP not set")
	}
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	var names []string
	for _, pat := range []string{"../../examples/*.txt", "../../testdata/gold/*/*.txt", "../../internal/*/testdata/*.txt", "../../internal/*/testdata/*/*.txt"} {
		m, _ := filepath.Glob(pat)
		for _, f := range m {
			data, _ := os.ReadFile(f)
			texts = append(texts, string(data))
			names = append(names, f)
		}
	}
	fh, _ := os.Open("../../testdata/acled/descriptions.jsonl")
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var d struct{ ID, Text string }
		json.Unmarshal(sc.Bytes(), &d)
		texts = append(texts, d.Text)
		names = append(names, d.ID)
	}
	var b strings.Builder
	for i, txt := range texts {
		a, err := article.Plain(names[i], []byte(txt))
		if err != nil {
			continue
		}
		for _, pub := range []time.Time{{}, time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC)} {
			d, err := x.Extract(context.Background(), a, Options{Published: pub})
			b.WriteString(names[i] + "\n")
			if err != nil {
				b.WriteString("error " + err.Error() + "\n")
				continue
			}
			j, _ := json.Marshal(d)
			b.Write(j)
			b.WriteString("\n")
		}
	}
	os.WriteFile(out, []byte(b.String()), 0o644)
	t.Logf("%d texts", len(texts))
}
