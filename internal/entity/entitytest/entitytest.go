// Package entitytest builds segmented documents for the tests of the entity,
// quote and credit layers with the real segmenter and language packs, and
// holds the articles their benchmarks read. It is not used outside tests.
package entitytest

import (
	"embed"
	"strings"
	"sync"

	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

var segmenters sync.Map // lang → *segment.Segmenter

// Segment cuts s into blocks, sentences and tokens as uro extract does.
// It panics when lang has no pack: a test asked for a language that is not there.
func Segment(lang, s string) *text.Doc {
	v, ok := segmenters.Load(lang)
	if !ok {
		sg, err := segment.New(langpacks.FS, lang)
		if err != nil {
			panic(err)
		}
		v, _ = segmenters.LoadOrStore(lang, sg)
	}
	doc := v.(*segment.Segmenter).Segment(s)
	doc.Lang = lang
	return doc
}

//go:embed articles/*.txt
var articles embed.FS

// Article returns a news text of a few kilobytes written for benchmarks, in
// lang ("da" or "en"), or "" when there is none.
func Article(lang string) string {
	b, err := articles.ReadFile("articles/" + lang + ".txt")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
