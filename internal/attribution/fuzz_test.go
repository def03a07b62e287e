package attribution

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzAttribution(f *testing.F) {
	for _, s := range []string{
		"Officielle kilder melder, at mindst 12 betjente har mistet livet.",
		"En af betjentene blev fundet halshugget, melder nyhedsbureauet AP.",
		"Hun fortæller: \n\n- Boligen brændte. Dusinvis af gerningsmænd blev elimineret, har polititalsmand Saltanat Azirbek sagt.",
		"Organisers said 35,000 took part; police put it at 15,000, according to",
		"\"We buried 31 people,\" said Hamidou Boly, a trader.",
		"ifølge , melder ; said",
	} {
		f.Add(s, false, 0)
		f.Add(s, true, 10)
	}
	f.Fuzz(func(t *testing.T, s string, en bool, at int) {
		lang := "da"
		if en {
			lang = "en"
		}
		p := pipeFor(t, lang)
		r := p.run(s)
		rd := p.att.Reader(r.doc, r.ents, r.quotes)
		defer rd.Close()
		for si := range r.doc.Sentences {
			check := func(a *Attribution) {
				if a == nil {
					return
				}
				if a.Start < 0 || a.End > len(r.doc.Text) || a.Start > a.End || a.Text != r.doc.Text[a.Start:a.End] {
					t.Fatalf("attribution %+v does not match the text", a)
				}
				if a.Kind != Unattributed && !in(a.Kind, Kinds) || a.Source == "" {
					t.Fatalf("attribution %+v has a bad kind or no source", a)
				}
			}
			a := p.find(r, si)
			check(a)
			if b := rd.Find(si); !sameAttr(a, b) {
				t.Fatalf("sentence %d: Reader.Find = %+v, Finder.Find = %+v", si, b, a)
			}
			sn := r.doc.Sentences[si]
			if n := sn.End - sn.Start; n > 0 {
				off := sn.Start + (at%n+n)%n
				a := p.att.FindAt(r.doc, si, off, sn.End, r.ents, r.quotes)
				check(a)
				if b := rd.FindAt(si, off, sn.End); !sameAttr(a, b) {
					t.Fatalf("sentence %d at %d: Reader.FindAt = %+v, Finder.FindAt = %+v", si, off, b, a)
				}
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	for _, lang := range []string{"da", "en"} {
		b.Run(lang, func(b *testing.B) {
			var files []string
			for _, pat := range []string{"../../testdata/gold/" + lang + "/*.txt", "../../examples/" + lang + "-*.txt"} {
				m, _ := filepath.Glob(pat)
				files = append(files, m...)
			}
			if len(files) == 0 {
				b.Skip("no corpus")
			}
			p := pipeFor(b, lang)
			var runs []run
			var size int64
			for _, fn := range files {
				data, err := os.ReadFile(fn)
				if err != nil {
					b.Fatal(err)
				}
				r := p.run(strings.TrimSpace(string(data)))
				runs = append(runs, r)
				size += int64(len(r.doc.Text))
			}
			b.SetBytes(size)
			b.ResetTimer()
			n := 0
			for i := 0; i < b.N; i++ {
				for _, r := range runs {
					for si := range r.doc.Sentences {
						if p.att.Find(r.doc, si, r.ents, r.quotes) != nil {
							n++
						}
					}
				}
			}
			if n == 0 {
				b.Fatal("no attributions")
			}
		})
	}
}

func sameAttr(a, b *Attribution) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
