package event

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/classify"
	"github.com/urodata/uro/internal/entity"
	"github.com/urodata/uro/internal/gazetteer"
	"github.com/urodata/uro/internal/geocode"
	"github.com/urodata/uro/internal/number"
	"github.com/urodata/uro/internal/quote"
	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/internal/timex"
	"github.com/urodata/uro/langpacks"
)

// layers are the real text layers of one language, built once per test run:
// the event tests read what the pipeline gives, not hand-made inputs.
type layers struct {
	seg   *segment.Segmenter
	num   *number.Parser
	times *timex.Parser
	ents  *entity.Recognizer
	quo   *quote.Finder
	geo   *geocode.Geocoder
	model *classify.Model
	det   *Detector
}

var (
	layersOnce sync.Once
	layersMap  map[string]*layers
	layersErr  error
	gazOnce    sync.Once
	gaz        *gazetteer.Gazetteer
)

func loadLayers(t testing.TB, lang string) *layers {
	t.Helper()
	layersOnce.Do(func() {
		layersMap = map[string]*layers{}
		g, err := gazetteer.Load()
		if err != nil {
			layersErr = err
			return
		}
		fsys := langpacks.FS
		for _, l := range langpacks.Languages() {
			p := &layers{}
			if p.seg, err = segment.New(fsys, l); err == nil {
				if p.num, err = number.New(fsys, l); err == nil {
					if p.times, err = timex.New(fsys, l); err == nil {
						if p.ents, err = entity.New(fsys, l); err == nil {
							if p.quo, err = quote.New(fsys, l); err == nil {
								if p.geo, err = geocode.New(g, fsys, l); err == nil {
									if p.model, err = classify.Load(fsys, l); err == nil {
										p.det, err = New(fsys, l, p.model)
									}
								}
							}
						}
					}
				}
			}
			if err != nil {
				layersErr = err
				return
			}
			layersMap[l] = p
		}
	})
	if layersErr != nil {
		t.Fatal(layersErr)
	}
	p := layersMap[lang]
	if p == nil {
		t.Fatalf("no pack %s", lang)
	}
	return p
}

// input runs the text layers over normalised text the way internal/extract
// does: numbers inside time expressions are dropped, places inside a person's
// name are dropped and places inside an organisation's name are marked InOrg.
func (p *layers) input(txt string, published time.Time) Input {
	doc := p.seg.Segment(txt)
	doc.Lang = p.seg.Lang()
	in := Input{Doc: doc, Published: published, Demonym: p.geo.Demonym}
	in.Times = make([][]timex.Expr, len(doc.Sentences))
	in.Numbers = make([][]number.Quantity, len(doc.Sentences))
	for i := range doc.Sentences {
		s := &doc.Sentences[i]
		if s.Caption {
			continue
		}
		ts := p.times.Find(doc.Text, s.Tokens, published)
		in.Times[i] = ts
		for _, q := range p.num.Find(doc.Text, s.Tokens) {
			inside := false
			for _, x := range ts {
				if q.Start >= x.Start && q.End <= x.End {
					inside = true
				}
			}
			if !inside {
				in.Numbers[i] = append(in.Numbers[i], q)
			}
		}
	}
	in.Entities = p.ents.Find(doc)
	in.Quotes = p.quo.Find(doc, in.Entities)
	for _, pm := range p.geo.Places(doc) {
		keep := true
		for _, e := range in.Entities {
			if e.Kind == entity.Place {
				continue
			}
			for _, m := range e.Mentions {
				if pm.Start < m.End && m.Start < pm.End {
					if e.Kind == entity.Person {
						keep = false
					} else if pm.End-pm.Start < m.End-m.Start {
						pm.InOrg = true
					}
				}
			}
		}
		if keep {
			in.Places = append(in.Places, pm)
		}
	}
	return in
}

// readArticle reads and normalises an article file as the pipeline does.
func readArticle(t testing.TB, path string) string {
	t.Helper()
	a, err := article.ReadFile(context.Background(), path, article.Options{})
	if err != nil {
		t.Skipf("article %s: %v", path, err)
	}
	return a.Text
}
