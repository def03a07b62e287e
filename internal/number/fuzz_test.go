package number

import (
	"reflect"
	"strings"
	"testing"

	"github.com/urodata/uro/internal/text"
)

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"mindst 12 betjente", "Mellem 200 og 250 mennesker", "1,5 mio. kr.", "den 6. januar 2022 kl. 10.30",
		"to hundrede og halvtreds", "enogtyve", "dusinvis af døde", "200-250", "en af betjentene",
		"between two and three million", "$5 million", "tens of thousands of", "45th", "10:30", "2.000.000",
		"99999999999999999999 mio. mia.", "1.5bn", "3-0", "fra 2019 til 2022", "a hundred and one",
	} {
		f.Add("da", s)
		f.Add("en", s)
	}
	da, en := parser(f, "da"), parser(f, "en")
	f.Fuzz(func(t *testing.T, lang, s string) {
		p := da
		if strings.HasPrefix(lang, "e") {
			p = en
		}
		toks := tokenize(s)
		found := p.Find(s, toks)
		if walk := p.appendFind(nil, s, toks, false); !reflect.DeepEqual(found, walk) {
			t.Fatalf("%q: Find = %+v, the walk over every token %+v", s, found, walk)
		}
		last := 0
		for _, q := range found {
			if q.Start < last || q.Start >= q.End || q.End > len(s) {
				t.Fatalf("%q: bad offsets %d:%d after %d", s, q.Start, q.End, last)
			}
			last = q.End
			if q.Text != s[q.Start:q.End] {
				t.Fatalf("%q: Text %q is not src[%d:%d]", s, q.Text, q.Start, q.End)
			}
			if q.HasMax && q.Min > q.Max {
				t.Fatalf("%q: %q has min %d > max %d", s, q.Text, q.Min, q.Max)
			}
			if q.Min < 0 || q.Kind < Count || q.Kind > Measure || q.Qualifier == "" {
				t.Fatalf("%q: bad quantity %+v", s, q)
			}
			if q.Head != -1 && (q.Head >= len(toks) || toks[q.Head].Start < q.End) {
				t.Fatalf("%q: bad head %d for %q", s, q.Head, q.Text)
			}
		}
	})
}

var benchSentences = []struct{ lang, s string }{
	{"da", "Regeringsbygninger står i flammer, biler er efterladt helt udbrændte, mens regulære gadekampe mellem ordensmagten og demonstranterne har efterladt 400 sårede på hospitalet."},
	{"da", "Officielle kilder melder, at mindst 12 betjente har mistet livet, og at omkring 2.000 personer er anholdt siden den 6. januar."},
	{"da", "Der er endnu ikke bekræftede dødstal fra Kasakhstan, men flere internationale medier melder om dusinvis af døde det seneste døgn."},
	{"da", "Regeringen har afsat 1,5 mio. kr. til genopbygning, og priserne steg med 40 pct. på en uge, oplyste ministeriet torsdag kl. 10.30."},
	{"en", "At least 12 police officers were killed and more than 300 people injured, officials said on January 6, 2022."},
	{"en", "Hundreds of protesters gathered in the main square of the city as the government declared a state of emergency until January 19."},
	{"en", "The ministry said between 200 and 250 people had been detained and that fuel prices had risen by 40% since 2019."},
	{"en", "Witnesses described how armed men stormed the building, setting fire to offices before police arrived in the early hours."},
}

func BenchmarkFind(b *testing.B) {
	ps := make([]*Parser, len(benchSentences))
	toks := make([][]text.Token, len(benchSentences))
	size := 0
	for i, bs := range benchSentences {
		ps[i] = parser(b, bs.lang)
		toks[i] = tokenize(bs.s)
		size += len(bs.s)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, bs := range benchSentences {
			ps[i].Find(bs.s, toks[i])
		}
	}
}
