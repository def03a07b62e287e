package segment

import (
	"strings"
	"testing"
)

// benchText is a made-up Danish news article in normalised form.
const benchText = `Politiet anholder 35 efter uroligheder i Aarhus: Flere betjente såret

Østjyllands Politi har natten til lørdag anholdt 35 personer efter voldsomme uroligheder i Gellerupparken. Ifølge vagtchef Jens Mikkelsen blev bl.a. fem betjente ramt af sten og fyrværkeri.

- Det er helt uacceptabelt, at vores folk bliver angrebet, når de passer deres arbejde, siger han.

Urolighederne begyndte ca. kl. 22.30 fredag, da en gruppe på 60-70 unge satte ild til containere og biler på Dortheavej. Brandvæsenet måtte trække sig tilbage, indtil politiet havde sikret området.

Foto: Bo Amstrup/Ritzau Scanpix

Skader for flere mio. kr.

Ifølge kommunen løber skaderne op i mindst 2,5 mio. kr. Det er den største regning efter uroligheder i byen siden 2017. Borgmester Anders Winnerskjold (S) kalder det "en sort nat for Aarhus".

- Vi skal finde ud af, hvad der er gået galt. Men vi skal også huske, at langt de fleste beboere i området intet har med det her at gøre, siger han til DR. Han vil mødes med boligforeningen mandag d. 14. marts.

Politiet har oprettet en visitationszone, som gælder frem til 21. marts kl. 12. I zonen må betjentene visitere alle uden konkret mistanke, jf. politiloven.

Brændende biler på Dortheavej natten til lørdag. Foto: Mikkel Berg Pedersen/Ritzau Scanpix

"Vi er trætte af, at området får et dårligt ry," siger formand for afdelingsbestyrelsen, Fatima Ali. Hun fortæller, at beboerne bl.a. har arrangeret nattevandringer, fodboldturneringer osv. i flere år.

Rigspolitiet oplyser, at der i 2021 blev registreret 1.342 sager om vold mod politiet, hvilket er en stigning på 8,5 pct. i forhold til året før. Det viser tal fra den årlige rapport, som udkom i januar.

Justitsministeren vil ikke kommentere sagen, før politiet har afsluttet efterforskningen. Han henviser i stedet til et samråd i Folketingets Retsudvalg den 24. marts.`

func BenchmarkSegment(b *testing.B) {
	s := seg(b, "da")
	text := strings.Repeat(benchText+"\n\n", 16)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		s.Segment(text)
	}
}

func BenchmarkTokenize(b *testing.B) {
	s := seg(b, "da")
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		s.Tokenize(benchText, 0, len(benchText))
	}
}

// BenchmarkSegmentRecycled is Segment as the pipeline runs it: each Doc's
// token storage goes back for the next article.
func BenchmarkSegmentRecycled(b *testing.B) {
	s := seg(b, "da")
	text := strings.Repeat(benchText+"\n\n", 16)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Recycle(s.Segment(text))
	}
}
