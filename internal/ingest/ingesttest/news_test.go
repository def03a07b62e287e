package ingesttest

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/urodata/uro/internal/article"
)

var newsDump = flag.String("news.dump", "", "write this many generated articles (see -news.n) to the folder, to read or run uro on")
var newsN = flag.Int("news.n", 40, "how many articles -news.dump writes")

func TestNewsDump(t *testing.T) {
	if *newsDump == "" {
		t.Skip("no -news.dump folder")
	}
	if _, err := NewsCorpus(*newsDump, *newsN); err != nil {
		t.Fatal(err)
	}
}

// TestNews checks what the ingest benchmark relies on: the same text for the
// same i, a different text for every i, full-length articles (3–5 KB, mean
// near 3.8 KB), half Danish, and 2–5 articles per incident.
func TestNews(t *testing.T) {
	const n = 600
	seen := map[string]int{}
	total, danish := 0, 0
	perIncident := map[int]int{}
	for i := 0; i < n; i++ {
		s := News(i)
		if again := News(i); again != s {
			t.Fatalf("article %d differs between two calls", i)
		}
		if j, ok := seen[s]; ok {
			t.Fatalf("articles %d and %d are the same text", j, i)
		}
		seen[s] = i
		if !utf8.ValidString(s) || strings.Contains(s, "{") {
			t.Errorf("article %d has a bad rune or an unfilled slot:\n%s", i, s)
		}
		if len(s) < 3000 || len(s) > 5000 {
			t.Errorf("article %d is %d bytes, want 3,000–5,000", i, len(s))
		}
		paras := strings.Split(strings.TrimSpace(s), "\n\n")
		if len(paras) < 11 || len(paras) > 17 {
			t.Errorf("article %d has %d blocks, want a headline, a lead, a caption and 8–14 paragraphs", i, len(paras))
		}
		j, _ := NewsIncident(i)
		if day := dateText(i%2, facts(j).date); !strings.Contains(paras[1], day) {
			t.Errorf("article %d: the lead %q does not give the day, %s", i, paras[1], day)
		}
		if !strings.Contains(s, "Foto: ") && !strings.Contains(s, "Photo: ") {
			t.Errorf("article %d has no photo credit", i)
		}
		if article.Normalize(s) != strings.TrimSuffix(s, "\n") && article.Normalize(s) != s {
			t.Errorf("article %d is not normalised text", i)
		}
		total += len(s)
		if i%2 == 0 {
			danish++
		}
		perIncident[j]++
	}
	mean := total / n
	t.Logf("%d articles, mean %d bytes", n, mean)
	if mean < 3500 || mean > 4200 {
		t.Errorf("mean size %d bytes, want about 3,800", mean)
	}
	if danish != n/2 {
		t.Errorf("%d of %d Danish, want half", danish, n)
	}
	last := 0
	for j := range perIncident {
		last = max(last, j)
	}
	for j := 0; j < last; j++ { // the last incident may be cut short by n
		if c := perIncident[j]; c < 2 || c > 5 {
			t.Errorf("incident %d is told by %d articles, want 2–5", j, c)
		}
	}
}

// TestNewsIncident checks that articles come in runs of one incident each,
// so NewsCorpus and News agree.
func TestNewsIncident(t *testing.T) {
	it := newsIter{}
	for i := 0; i < 200; i++ {
		wj, wk := it.next()
		if j, k := NewsIncident(i); j != wj || k != wk {
			t.Fatalf("NewsIncident(%d) = %d, %d; want %d, %d", i, j, k, wj, wk)
		}
	}
	for _, tc := range []struct{ i, j, k int }{{0, 0, 0}, {1, 0, 1}, {2, 1, 0}} {
		if j, k := NewsIncident(tc.i); j != tc.j || k != tc.k {
			t.Errorf("NewsIncident(%d) = %d, %d; want %d, %d", tc.i, j, k, tc.j, tc.k)
		}
	}
}

func TestNewsCorpus(t *testing.T) {
	dir := t.TempDir()
	paths, err := NewsCorpus(dir, 25)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 25 {
		t.Fatalf("%d paths, want 25", len(paths))
	}
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != News(i) {
			t.Errorf("%s is not News(%d)", filepath.Base(p), i)
		}
	}
}

// TestNewsBackground checks that no two incidents recall an older event on
// the same day, that none recalls a day near the corpus's own incidents, and
// that every incident is dated three days after the one before: the corpus
// means its incidents apart, so whatever merges them is uro's doing.
func TestNewsBackground(t *testing.T) {
	seen := map[string]int{}
	for j := 0; j < 3000; j++ {
		f := facts(j)
		day := f.bg.Format("2006-01-02")
		if o, ok := seen[day]; ok {
			t.Fatalf("incidents %d and %d both recall %s", o, j, day)
		}
		seen[day] = j
		if !f.bg.Before(newsEpoch.AddDate(0, 0, -2)) {
			t.Fatalf("incident %d recalls %s, within reach of the corpus's own incidents", j, day)
		}
		if j > 0 {
			if gap := f.date.Sub(facts(j-1).date).Hours() / 24; gap != 3 {
				t.Fatalf("incidents %d and %d are %v days apart, want 3", j-1, j, gap)
			}
		}
	}
}
