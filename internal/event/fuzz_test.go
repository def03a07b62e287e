package event

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzFind: any text, through the real layers, gives events whose spans lie
// inside the text and whose sentences exist.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Demonstranterne har sat ild til præsidentens bolig",
		"Politiet anholdt 14 personer i Aarhus.\n\nIngen blev dræbt.",
		"Police fired tear gas at protesters in Nairobi on Tuesday.",
		"- Vi frygter, at hæren kan blive sat ind.",
		"bedt ~ om hjælp mellem og af",
		"", "\x00", "mellem mellem og og",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	pub := time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string, da bool) {
		if !utf8.ValidString(s) || len(s) > 2000 {
			return
		}
		lang := "en"
		if da {
			lang = "da"
		}
		p := loadLayers(t, lang)
		in := p.input(s, pub)
		for _, e := range p.det.Find(in) {
			if e.Sentence < 0 || e.Sentence >= len(in.Doc.Sentences) {
				t.Fatalf("sentence %d of %d", e.Sentence, len(in.Doc.Sentences))
			}
			if e.Trigger.Start < 0 || e.Trigger.End > len(in.Doc.Text) || e.Trigger.Start > e.Trigger.End {
				t.Fatalf("trigger %v outside %d bytes", e.Trigger, len(in.Doc.Text))
			}
			for _, pa := range []*Party{e.Actor, e.Recipient} {
				if pa != nil && (pa.Start < 0 || pa.End > len(in.Doc.Text) || in.Doc.Text[pa.Start:pa.End] != pa.Text) {
					t.Fatalf("party %+v does not match its span", pa)
				}
			}
			if len(e.Evidence) == 0 {
				t.Fatal("no evidence")
			}
		}
	})
}
