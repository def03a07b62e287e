package timex

import (
	"testing"
	"time"

	"github.com/urodata/uro/internal/text"
)

// benchSentences are news-style sentences, most without any time expression,
// as in a real article.
var benchSentences = map[string][]string{
	"da": {
		"Det dramatiske oprør i Kasakhstan fortsætter torsdag ufortrødent.",
		"Regeringsbygninger står i flammer, biler er efterladt helt udbrændte, mens regulære gadekampe mellem ordensmagten og demonstranterne har efterladt 400 sårede på hospitalet.",
		"Officielle kilder melder, at mindst 12 betjente har mistet livet.",
		"De seneste tre dage har der været omfattende protester i Kasakhstan udløst af højere priser på brændstof.",
		"Kasakhstan har erklæret undtagelsestilstand i hele landet som følge af de voksende protester, og den er i kraft frem til 19. januar.",
		"Både specialstyrker fra 76. luftbårne division og specialstyrker fra 45. luftbårne brigade er sendt afsted.",
		"Situationen beskrives som den største udfordring mod det autoritære styre i Kasakhstan i årtier.",
	},
	"en": {
		"Protesters stormed the mayor's office in Almaty on Wednesday night as unrest spread across the country.",
		"At least 164 people have been killed and more than 2,000 injured, officials said, without giving a breakdown.",
		"Over the past three days, fuel price rises triggered the largest demonstrations the former Soviet republic has seen in decades.",
		"The state of emergency will remain in force until 19 January, the presidential office said in a statement.",
		"Russia said it had sent paratroopers as part of a peacekeeping mission led by a military alliance of former Soviet states.",
		"Internet access was cut across much of the country, making it hard to verify reports from the ground.",
	},
}

func BenchmarkFind(b *testing.B) {
	for _, lang := range []string{"da", "en"} {
		b.Run(lang, func(b *testing.B) {
			p := parser(b, lang)
			var toks [][]text.Token
			n := 0
			for _, s := range benchSentences[lang] {
				toks = append(toks, tokenize(s, true))
				n += len(s)
			}
			published := time.Date(2022, 1, 6, 0, 0, 0, 0, time.UTC)
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				for i, s := range benchSentences[lang] {
					p.Find(s, toks[i], published)
				}
			}
		})
	}
}
