package figure

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urodata/uro/internal/number"
	"github.com/urodata/uro/internal/text"
)

func FuzzFigure(f *testing.F) {
	for _, s := range []string{
		"Officielle kilder melder, at mindst 12 betjente har mistet livet.",
		"2000 er torsdag blevet anholdt, mens storbyen står i flammer.",
		"Ingen kom til skade.",
		"En af betjentene blev fundet halshugget.",
		"Organisers said 35,000 people took part; police put the number at 15,000.",
		"No one was hurt. A 23-year-old man was arrested.",
		"handed over eight members of the security forces",
		"To mænd på 19 og 22 år og 3 biler, heriblandt fire civile",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, en bool) {
		lang := "da"
		if en {
			lang = "en"
		}
		doc, figs := pipeFor(t, lang).all(s)
		for _, fg := range figs {
			if fg.Start < 0 || fg.End > len(doc.Text) || fg.Start >= fg.End {
				t.Fatalf("figure %+v out of the text (%d bytes)", fg, len(doc.Text))
			}
			if !in(fg.Kind, Kinds) || !in(fg.WhoKind, WhoKinds) {
				t.Fatalf("figure %+v has a kind outside the closed sets", fg)
			}
			if fg.Min < 0 || fg.Negated && fg.Min != 0 || fg.HasMax && fg.Max < fg.Min {
				t.Fatalf("figure %+v has bad bounds", fg)
			}
		}
	})
}

// corpus is the gold and example articles, segmented and numbered once.
type corpus struct {
	docs  []*text.Doc
	qs    [][][]number.Quantity
	bytes int64
}

func loadCorpus(b *testing.B, lang string) *corpus {
	var files []string
	for _, pat := range []string{"../../testdata/gold/" + lang + "/*.txt", "../../examples/" + lang + "-*.txt"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) == 0 {
		b.Skip("no corpus")
	}
	p := pipeFor(b, lang)
	c := &corpus{}
	for _, fn := range files {
		data, err := os.ReadFile(fn)
		if err != nil {
			b.Fatal(err)
		}
		doc := p.seg.Segment(strings.TrimSpace(string(data)))
		var qs [][]number.Quantity
		for si := range doc.Sentences {
			qs = append(qs, p.num.Find(doc.Text, doc.Sentences[si].Tokens))
		}
		c.docs = append(c.docs, doc)
		c.qs = append(c.qs, qs)
		c.bytes += int64(len(doc.Text))
	}
	return c
}

func BenchmarkFind(b *testing.B) {
	for _, lang := range []string{"da", "en"} {
		b.Run(lang, func(b *testing.B) {
			c := loadCorpus(b, lang)
			fig := pipeFor(b, lang).fig
			b.SetBytes(c.bytes)
			b.ResetTimer()
			n := 0
			for i := 0; i < b.N; i++ {
				for d, doc := range c.docs {
					for si := range doc.Sentences {
						n += len(fig.Find(doc, si, c.qs[d][si]))
					}
				}
			}
			if n == 0 {
				b.Fatal("no figures")
			}
		})
	}
}
