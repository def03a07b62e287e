// Package segmenttest gives tests and benchmarks the project's own articles
// (examples/ and testdata/gold/), read and segmented as the pipeline reads
// and segments them.
package segmenttest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

// Articles returns the project's articles in lang, or in every language
// for "": examples/<lang>-*.txt, then testdata/gold/<lang>/*.txt, as plain
// text. It skips tb when there are none (a copy of the tree without them).
func Articles(tb testing.TB, lang string) []*article.Article {
	tb.Helper()
	root := Root(tb)
	ex, gold := "*.txt", "*/*.txt"
	if lang != "" {
		ex, gold = lang+"-*.txt", lang+"/*.txt"
	}
	var files []string
	for _, pat := range []string{filepath.Join(root, "examples", ex), filepath.Join(root, "testdata", "gold", gold)} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) == 0 {
		tb.Skip("no articles found")
	}
	var arts []*article.Article
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		a, err := article.Plain(f, data)
		if err != nil {
			tb.Fatal(err)
		}
		arts = append(arts, a)
	}
	return arts
}

// Docs returns Articles(tb, lang) segmented with lang's segmenter, each
// Doc's Lang set to lang.
func Docs(tb testing.TB, lang string) []*text.Doc {
	tb.Helper()
	seg, err := segment.New(langpacks.FS, lang)
	if err != nil {
		tb.Fatal(err)
	}
	var docs []*text.Doc
	for _, a := range Articles(tb, lang) {
		d := seg.Segment(a.Text)
		d.Lang = lang
		docs = append(docs, d)
	}
	return docs
}

// Bytes is the length of docs' texts together, for a benchmark's SetBytes.
func Bytes(docs []*text.Doc) int64 {
	var n int64
	for _, d := range docs {
		n += int64(len(d.Text))
	}
	return n
}

// Root is the module's folder, the first above the working directory with
// a go.mod (a test runs in its package's folder); it skips tb when there
// is none.
func Root(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			tb.Skip("no go.mod above the working directory")
		}
		dir = up
	}
}
