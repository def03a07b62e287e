package extract

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/segment/segmenttest"
	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/langpacks"
)

// repeated returns arts repeated until their texts add up to at least size bytes.
func repeated(arts []*article.Article, size int64) ([]*article.Article, int64) {
	var total int64
	var work []*article.Article
	for total < size {
		for _, a := range arts {
			work = append(work, a)
			total += int64(len(a.Text))
		}
	}
	return work, total
}

func benchExtract(b *testing.B, size int64, opt Options) {
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	work, total := repeated(segmenttest.Articles(b, ""), size)
	ctx := context.Background()
	opt.Published = time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC)
	b.SetBytes(total)
	// One Buffer for them all, as uro extract makes its documents: each
	// is written out before the next is made.
	var buf Buffer
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range work {
			if _, err := x.ExtractTo(ctx, a, opt, &buf); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkTextLayer runs the text layer on the project's own articles,
// repeated to 20 MB, on one goroutine: language identification,
// segmentation, numbers, time expressions, people and organisations, quotes,
// credits and the document's assembly (issue 2's target: ≥ 30 MB/s). Places,
// events, figures and attribution are measured by BenchmarkExtract.
//
//	go test ./internal/extract -run '^$' -bench TextLayer -cpu 1
func BenchmarkTextLayer(b *testing.B) { benchExtract(b, 20<<20, Options{TextOnly: true}) }

// BenchmarkExtract runs the whole of uro extract, events, figures and
// attribution included, on the same articles repeated to 50 MB (issue 4's
// target: ≥ 10 MB/s). BenchmarkTriggerScan is its floor.
//
//	go test ./internal/extract -run '^$' -bench 'Extract|TriggerScan' -cpu 1 -benchtime 1x
func BenchmarkExtract(b *testing.B) { benchExtract(b, 50<<20, Options{}) }

// trie is a byte trie of the trigger lexicon's first words, lower-cased; a
// node ending a word marks a match, a node ending a stem ("anhold*") marks a
// match of every word it starts.
type trie struct {
	next       [256]*trie
	word, stem bool
}

func (t *trie) add(w string, stem bool) {
	n := t
	for i := 0; i < len(w); i++ {
		c := w[i]
		if n.next[c] == nil {
			n.next[c] = &trie{}
		}
		n = n.next[c]
	}
	if stem {
		n.stem = true
	} else {
		n.word = true
	}
}

// scan counts the words of s that start a trigger: one pass over the bytes.
func (t *trie) scan(s string) int {
	hits := 0
	for i := 0; i < len(s); {
		// skip to a word start
		for i < len(s) && !wordByte(s[i]) {
			i++
		}
		n, matched := t, false
		j := i
		for ; j < len(s) && wordByte(s[j]); j++ {
			c := s[j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if n != nil {
				n = n.next[c]
				if n != nil && n.stem {
					matched = true
				}
			}
		}
		if matched || (n != nil && n.word) {
			hits++
		}
		i = j
	}
	return hits
}

func wordByte(c byte) bool {
	return c >= 0x80 || c == '-' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// BenchmarkTriggerScan is the floor under BenchmarkExtract: one bare
// multi-pattern pass over the same 50 MB for the first words of every
// trigger of every pack (langpacks/*/events.tsv), with no segmentation and no
// layers. Extract's MB/s divided by this one's is the price of understanding.
func BenchmarkTriggerScan(b *testing.B) {
	t := &trie{}
	for _, lang := range langpacks.Languages() {
		rows, err := table.Read(langpacks.FS, lang+"/events.tsv", table.Schema{Columns: []string{"pattern", "kind", "type", "mode", "acled", "frame", "context"}, Required: 1})
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rows {
			first, _, _ := strings.Cut(strings.ToLower(r.Get("pattern")), " ")
			stem := strings.HasSuffix(first, "*")
			t.add(strings.TrimSuffix(first, "*"), stem)
		}
	}
	work, total := repeated(segmenttest.Articles(b, ""), 50<<20)
	b.SetBytes(total)
	b.ResetTimer()
	hits := 0
	for i := 0; i < b.N; i++ {
		for _, a := range work {
			hits += t.scan(a.Text)
		}
	}
	if hits == 0 {
		b.Fatal("the trigger lexicon matched nothing")
	}
}
