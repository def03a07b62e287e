package geocode

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/urodata/uro/internal/article"
	realseg "github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

// BenchmarkPlacesCorpus runs Places on the project's own articles (examples
// and the gold test set), segmented by the real segmenter: the geocoder's
// share of extract, apart from the other layers.
//
//	go test ./internal/geocode -run '^$' -bench PlacesCorpus -cpu 1
func BenchmarkPlacesCorpus(b *testing.B) {
	docs, coders, size := corpus(b)
	b.SetBytes(size)
	b.ReportAllocs()
	// The gazetteer builds its filters on the first look-up: startup work,
	// not the loop's (and callgrind's --toggle-collect=*Places skips it).
	coders[0].g.Has("Aarhus")
	for b.Loop() {
		for i, d := range docs {
			coders[i].Places(d)
		}
	}
}

// BenchmarkLowerWords runs lowerWords, the pass of Places that reads every
// token, on the articles of BenchmarkPlacesCorpus.
func BenchmarkLowerWords(b *testing.B) {
	docs, coders, size := corpus(b)
	b.SetBytes(size)
	for b.Loop() {
		for i, d := range docs {
			m := getMemo()
			coders[i].lowerWords(d, m)
			putMemo(m)
		}
	}
}

// corpus returns the project's own articles (examples and the gold test
// set), segmented by the real segmenter, each with its language's
// geocoder, and their size in bytes.
func corpus(b *testing.B) ([]*text.Doc, []*Geocoder, int64) {
	var docs []*text.Doc
	var coders []*Geocoder
	var size int64
	segs := map[string]*realseg.Segmenter{}
	for _, lang := range []string{"da", "en"} {
		files, _ := filepath.Glob("../../testdata/gold/" + lang + "/*.txt")
		more, _ := filepath.Glob("../../examples/" + lang + "-*.txt")
		for _, f := range append(files, more...) {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			a, err := article.Plain(f, data)
			if err != nil {
				b.Fatal(err)
			}
			if segs[lang] == nil {
				if segs[lang], err = realseg.New(langpacks.FS, lang); err != nil {
					b.Fatal(err)
				}
			}
			docs = append(docs, segs[lang].Segment(a.Text))
			coders = append(coders, coder(b, lang))
			size += int64(len(a.Text))
		}
	}
	if len(docs) == 0 {
		b.Skip("no articles found")
	}
	return docs, coders, size
}
