package quote_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urodata/uro/internal/entity/entitytest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden runs entities and quotes over the benchmark articles and
// compares a readable dump with testdata/<lang>.golden.
func TestGolden(t *testing.T) {
	for _, lang := range []string{"da", "en"} {
		t.Run(lang, func(t *testing.T) {
			doc := entitytest.Segment(lang, entitytest.Article(lang))
			qs, ents := load(t, lang).quotes(doc)
			check(t, doc, ents, qs)
			var b strings.Builder
			for _, e := range ents {
				fmt.Fprintf(&b, "%s %q role=%q/%s org=%s/%s |", e.Kind, e.Name, e.Role, e.RoleKind, e.OrgKind, e.Country)
				for _, m := range e.Mentions {
					fmt.Fprintf(&b, " %s:%q@%d", m.Kind, m.Text, m.Start)
				}
				b.WriteString("\n")
			}
			for _, q := range qs {
				fmt.Fprintf(&b, "quote %q %q@%d intro=%q\n", q.Speaker, q.Text, q.Start, doc.Text[q.Intro.Start:q.Intro.End])
			}
			path := filepath.Join("testdata", lang+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if b.String() != string(want) {
				t.Errorf("output differs from %s (run with -update after checking):\n%s", path, b.String())
			}
		})
	}
}
