package event

import (
	"fmt"
	"os"
	"testing"
	"time"
)

func TestDump(t *testing.T) {
	path := os.Getenv("EVDUMP")
	if path == "" {
		t.Skip("set EVDUMP")
	}
	lang := os.Getenv("EVLANG")
	pub, _ := time.Parse(time.DateOnly, os.Getenv("EVPUB"))
	p := loadLayers(t, lang)
	in := p.input(readArticle(t, path), pub)
	for i, s := range in.Doc.Sentences {
		pr := p.model.Predict(wordsOf(s.Tokens))
		fmt.Printf("S%d cap=%v blk=%d %q\n   clf=%s %.2f %s\n", i, s.Caption, s.Block, in.Doc.Text[s.Start:s.End], pr.PLOVER, pr.PLOVERScore, pr.ACLED)
		for _, x := range in.Times[i] {
			fmt.Printf("   time %q %s..%s\n", x.Text, x.From.Format(time.DateOnly), x.To.Format(time.DateOnly))
		}
	}
	for _, pm := range in.Places {
		fmt.Printf("place %q %s %s %s inorg=%v\n", pm.Text, pm.Place.Name, pm.Place.Country, pm.Place.Precision, pm.InOrg)
	}
	for _, e := range p.det.Find(in) {
		fmt.Println(describe(in, e))
	}
}
