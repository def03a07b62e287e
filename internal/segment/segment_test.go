package segment

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

var (
	segOnce sync.Once
	segs    map[string]*Segmenter
	segErr  error
)

// seg returns the segmenter of a shipped pack, loaded once for all tests.
func seg(t testing.TB, lang string) *Segmenter {
	t.Helper()
	segOnce.Do(func() {
		segs = map[string]*Segmenter{}
		for _, l := range langpacks.Languages() {
			s, err := New(langpacks.FS, l)
			if err != nil {
				segErr = err
				return
			}
			segs[l] = s
		}
	})
	if segErr != nil {
		t.Fatal(segErr)
	}
	s := segs[lang]
	if s == nil {
		t.Fatalf("no pack %q", lang)
	}
	return s
}

func sentenceTexts(d *text.Doc) []string {
	out := make([]string, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = d.Text[s.Start:s.End]
	}
	return out
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		lang string
		want []string // the sentences; the text is them joined by one space
	}{
		// Danish abbreviations.
		{"da", []string{"Politiet har bl.a. anholdt tre personer i Aarhus.", "De er sigtet for røveri."}},
		{"da", []string{"Flere partier, f.eks. Det Radikale Venstre, vil stemme imod.", "Afstemningen sker i dag."}},
		{"da", []string{"Der var ca. 400 demonstranter på Rådhuspladsen.", "Politiet greb ikke ind."}},
		{"da", []string{"Mødet begynder kl. 10.30 i Folketinget.", "Statsministeren deltager."}},
		{"da", []string{"Mødet sluttede kl. 14.30.", "Derefter talte ministeren med pressen."}},
		{"da", []string{"Toget kørte fra spor nr. 4 i Odense.", "Det var forsinket."}},
		{"da", []string{"Partierne fik hhv. 12 og 15 mandater.", "Valget var tæt."}},
		{"da", []string{"Regeringen afsætter 2,5 mia. kr. til forsvaret.", "Pengene kommer fra reserven."}},
		{"da", []string{"Ledigheden steg til 4,5 pct.", "Det viser nye tal fra Danmarks Statistik."}},
		{"da", []string{"Loven gælder fra næste år, dvs. fra 1. januar 2023.", "Jf. bekendtgørelsen skal alle virksomheder indberette."}},
		{"da", []string{"Tyvene stjal computere, telefoner osv.", "Politiet efterlyser vidner."}},
		{"da", []string{"Der blev solgt brød, mælk osv. i butikken hele natten."}},
		{"da", []string{"Aftalen er indgået af Venstre, SF m.fl.", "Den træder i kraft i morgen."}},
		{"da", []string{"Det oplyser Rigspolitiet til DR.", "Ifølge politiet er der ingen tilskadekomne."}},
		{"da", []string{"Demonstrationen gik ad St. Kongensgade mod Amalienborg.", "Den endte fredeligt."}},
		{"da", []string{"Læs mere på dr.dk.", "Der er også en video."}},
		{"da", []string{"Forfatteren H. C. Andersen blev født i Odense.", "Han døde i 1875."}},
		{"da", []string{"Der blev stjålet smykker, ure osv."}},
		// Danish ordinals, dates and numbers.
		{"da", []string{"Undtagelsestilstanden gælder frem til 19. januar.", "Derefter vurderes situationen igen."}},
		{"da", []string{"Uroen begyndte den 2. januar 2022 i byen Zhanaozen.", "Siden har den bredt sig."}},
		{"da", []string{"Soldater fra 98. luftbårne division blev sendt til Almaty.", "De ankom fredag."}},
		{"da", []string{"Forhandlingerne skal være afsluttet inden 3. maj.", "Ellers træder den gamle aftale i kraft."}},
		{"da", []string{"Valget finder sted den 6. Juni.", "Kampagnen er allerede i gang."}},
		{"da", []string{"Ulykken skete i 2019.", "Siden er vejen blevet udvidet."}},
		{"da", []string{"Antallet af dræbte er steget til 164.", "2000 personer er anholdt."}},
		{"da", []string{"Inflationen var 1,5 procent i marts.", "Nationalbanken holder renten uændret."}},
		{"da", []string{"Mindst 2.000 er anholdt.", "Myndighederne melder om 164 dræbte."}},
		{"da", []string{"Festivalen holder åbent fra 2. - 4. juni.", "Billetterne er udsolgt."}},
		// Danish quotes, dashes and other punctuation.
		{"da", []string{"- Vi har ikke set noget lignende før.", "Det er helt vildt, siger en beboer."}},
		{"da", []string{"Han tav et øjeblik.", "- Det er slut nu, sagde han."}},
		{"da", []string{"»Vi er bange.«", "Sådan lyder det fra en lærer i Almaty."}},
		{"da", []string{`"Situationen er under kontrol."`, "Det siger præsidenten i en tale."}},
		{"da", []string{"Hvad sker der nu?", "Ingen ved det endnu."}},
		{"da", []string{"Stop volden!", "Sådan lød opråbet fra demonstranterne."}},
		{"da", []string{`"Hvorfor skyder de?" spurgte en kvinde på gaden.`}},
		{"da", []string{"Vi ventede og ventede …", "Så kom politiet."}},
		{"da", []string{"Vi ventede og ventede...", "Så kom politiet."}},
		{"da", []string{"Han sagde, at det ... ikke var hans skyld."}},
		{"da", []string{"Budskabet var klart: Regeringen må gå af.", "Det mener oppositionen."}},
		{"da", []string{"Partiet fik 23 mandater (mod 20 ved sidste valg).", "Det er partiets bedste resultat."}},
		{"da", []string{"Han blev anholdt.", "(Politiet har ikke oplyst hans navn.)", "Sagen fortsætter."}},
		{"da", []string{"Prisloftet skal 'stabilisere situationen', hedder det.", "Regeringen er under pres."}},
		// English.
		{"en", []string{"Mr. Biden spoke with Mr. Putin on Thursday.", "The call lasted an hour."}},
		{"en", []string{"Dr. Anna Berg treated the wounded.", "She said 12 people were in critical condition."}},
		{"en", []string{"Gen. Mark Milley arrived in Kabul.", "He met Lt. Col. John Smith at the airport."}},
		{"en", []string{"The U.S. Army sent 3,000 troops to the region.", "The deployment began on Monday."}},
		{"en", []string{"Protests spread across the U.S.", "The police arrested 200 people."}},
		{"en", []string{"The U.N. Security Council will meet on Friday.", "Diplomats expect a vote."}},
		{"en", []string{"Fuel prices rose 3.5 percent in January.", "Analysts had expected less."}},
		{"en", []string{"About 35,000 people marched in Almaty.", "Police used tear gas."}},
		{"en", []string{"Officials said 200-250 people were injured.", "Hospitals were overwhelmed."}},
		{"en", []string{"J. R. R. Tolkien was born in 1892.", "He died in 1973."}},
		{"en", []string{"John F. Kennedy was shot in Dallas on Nov. 22, 1963.", "The nation mourned."}},
		{"en", []string{"Demonstrators threw stones, bottles, etc. at the officers."}},
		{"en", []string{"They seized rifles, grenades, etc.", "The weapons were taken to a depot."}},
		{"en", []string{"Several groups, e.g. Amnesty International, condemned the killings.", "The government denied the claims."}},
		{"en", []string{"The company, i.e. Apple Inc., declined to comment."}},
		{"en", []string{"He works for Acme Corp.", "The firm has 500 employees."}},
		{"en", []string{"She lives on St. Mark's Place in New York.", "Her building was evacuated."}},
		{"en", []string{`"We will not leave," she said.`, `"This is our city."`}},
		{"en", []string{`He shouted: "Stop!"`, "Then he ran."}},
		{"en", []string{`"Are they coming?" asked a resident.`}},
		{"en", []string{"Is this the end?", "Nobody knows."}},
		{"en", []string{"The meeting started at 10 a.m.", "The minister spoke first."}},
		{"en", []string{"The meeting started at 10 a.m. on Tuesday."}},
		{"en", []string{"Police in Springfield, Ill., said the road was closed.", "It reopened at noon."}},
		{"en", []string{"Martin Luther King Jr. led the march in 1965.", "It ended in Montgomery."}},
		{"en", []string{"The vote was 52-48.", "Critics called it a sham."}},
		{"en", []string{"We waited...", "Then the shooting started."}},
		{"en", []string{"The No. 2 official resigned on Jan. 5.", "He gave no reason."}},
		{"en", []string{"Prices fell 2.5% in March.", "Oil rebounded."}},
		{"en", []string{"Troops left at 10:30.", "By noon the streets were empty."}},
		{"en", []string{"The rebels (who call themselves the Front) took the town.", "They control the roads."}},
		{"en", []string{"He said it was 'a disaster.'", "Rescue teams arrived later."}},
		{"en", []string{"I don't know.", "I wasn't there, he told reporters."}},
	} {
		in := strings.Join(tc.want, " ")
		t.Run(tc.lang, func(t *testing.T) {
			// Block 0 is the headline: put the case in the second block.
			d := seg(t, tc.lang).Segment("Overskrift\n\n" + in)
			got := sentenceTexts(d)[1:]
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("%q\n got %q\nwant %q", in, got, tc.want)
			}
		})
	}
}

func TestCaptionTail(t *testing.T) {
	for _, tc := range []struct {
		lang, in string
		prose    string // the sentence before the credit
		credit   string
	}{
		{"da", "Borgmesterens kontor i Almaty i flammer. Foto: Valery Sharifulin/Tass/Ritzau Scanpix",
			"Borgmesterens kontor i Almaty i flammer.", "Foto: Valery Sharifulin/Tass/Ritzau Scanpix"},
		{"da", "Politiet afspærrede pladsen (Arkivfoto: Mads Claus Rasmussen/Ritzau Scanpix)",
			"Politiet afspærrede pladsen", "(Arkivfoto: Mads Claus Rasmussen/Ritzau Scanpix)"},
		{"en", "Protesters gather in Almaty on Wednesday. Photo: J. Doe/Reuters",
			"Protesters gather in Almaty on Wednesday.", "Photo: J. Doe/Reuters"},
	} {
		d := seg(t, tc.lang).Segment("Overskrift\n\n" + tc.in)
		got := sentenceTexts(d)[1:]
		if len(got) != 2 || got[0] != tc.prose || got[1] != tc.credit {
			t.Errorf("%q: sentences %q, want %q then %q", tc.in, got, tc.prose, tc.credit)
			continue
		}
		if d.Sentences[1].Caption || !d.Sentences[2].Caption {
			t.Errorf("%q: caption flags %v %v, want false true", tc.in, d.Sentences[1].Caption, d.Sentences[2].Caption)
		}
		if d.Blocks[1].Kind != text.Paragraph {
			t.Errorf("%q: block kind %v, want paragraph", tc.in, d.Blocks[1].Kind)
		}
	}
}

func TestBlockKinds(t *testing.T) {
	for _, tc := range []struct {
		lang   string
		blocks []string
		kinds  []text.BlockKind
	}{
		{"da", []string{
			"Regeringen i Kasakhstan går af efter voldsomme protester",
			"Præsidenten har torsdag accepteret regeringens afgang efter flere dages uro.",
			"Foto: Jens Nielsen/Ritzau Scanpix",
			"Politiet melder om plyndringer",
			"Demonstranter har stormet rådhuset i Almaty. Flere biler er sat i brand.",
			"- Vi har aldrig set noget lignende, siger en lokal journalist.",
			"– Det er kaos, tilføjer hun.",
			"(Arkivfoto: Reuters)",
			"Demonstranterne kræver lavere gaspriser.",
			"Læs også",
		}, []text.BlockKind{text.Headline, text.Paragraph, text.Caption, text.Subheading, text.Paragraph,
			text.QuoteBlock, text.QuoteBlock, text.Caption, text.Paragraph, text.Paragraph}},
		{"en", []string{
			"Kazakhstan's government resigns amid fuel protests",
			"President Kassym-Jomart Tokayev accepted the resignation on Wednesday.",
			"Photo: Jane Doe/Reuters",
			"Army on the streets",
			"Photo: AP",
			"— We are not afraid, one protester said.",
			"Soldiers were deployed to Almaty overnight.",
		}, []text.BlockKind{text.Headline, text.Paragraph, text.Caption, text.Subheading, text.Caption,
			text.QuoteBlock, text.Paragraph}},
	} {
		d := seg(t, tc.lang).Segment(strings.Join(tc.blocks, "\n\n"))
		if len(d.Blocks) != len(tc.kinds) {
			t.Fatalf("%s: %d blocks, want %d", tc.lang, len(d.Blocks), len(tc.kinds))
		}
		for i, b := range d.Blocks {
			if got := d.Text[b.Start:b.End]; got != tc.blocks[i] {
				t.Errorf("%s block %d is %q, want %q", tc.lang, i, got, tc.blocks[i])
			}
			if b.Kind != tc.kinds[i] {
				t.Errorf("%s block %d %q: kind %v, want %v", tc.lang, i, tc.blocks[i], b.Kind, tc.kinds[i])
			}
			for _, si := range b.Sentences {
				if got, want := d.Sentences[si].Caption, b.Kind == text.Caption; got != want {
					t.Errorf("%s block %d sentence %d: caption %v, want %v", tc.lang, i, si, got, want)
				}
			}
		}
	}
}

func TestTokenize(t *testing.T) {
	type tok struct {
		text string
		kind text.TokenKind
	}
	W, N, P, S := text.Word, text.Number, text.Punct, text.Symbol
	for _, tc := range []struct {
		lang, in string
		want     []tok
	}{
		{"da", "Foto: Valery Sharifulin/Tass/Ritzau Scanpix", []tok{{"Foto", W}, {":", P}, {"Valery", W},
			{"Sharifulin", W}, {"/", S}, {"Tass", W}, {"/", S}, {"Ritzau", W}, {"Scanpix", W}}},
		{"da", "præsident Kassym-Jomart Tokayevs bolig", []tok{{"præsident", W}, {"Kassym-Jomart", W}, {"Tokayevs", W}, {"bolig", W}}},
		{"da", "den russiske tv-station REN TV.", []tok{{"den", W}, {"russiske", W}, {"tv-station", W}, {"REN", W}, {"TV", W}, {".", P}}},
		{"da", "2.000 er anholdt, 1,5 mio. kr.", []tok{{"2.000", N}, {"er", W}, {"anholdt", W}, {",", P}, {"1,5", N}, {"mio.", W}, {"kr.", W}}},
		// an ambiguous abbreviation that ends the block or stands before a
		// sentence starter gives its dot to the sentence
		{"da", "Frederiksen besøger Aarhus, skriver DR.", []tok{{"Frederiksen", W}, {"besøger", W}, {"Aarhus", W}, {",", P}, {"skriver", W}, {"DR", W}, {".", P}}},
		{"da", "skriver DR. Det er alt", []tok{{"skriver", W}, {"DR", W}, {".", P}, {"Det", W}, {"er", W}, {"alt", W}}},
		{"en", "troops from the U.S. arrived", []tok{{"troops", W}, {"from", W}, {"the", W}, {"U.S.", W}, {"arrived", W}}},
		{"da", "til 19. januar kl. 10:30.", []tok{{"til", W}, {"19.", N}, {"januar", W}, {"kl.", W}, {"10:30", N}, {".", P}}},
		{"da", "den 6. januar 2022 i 2021. Det", []tok{{"den", W}, {"6.", N}, {"januar", W}, {"2022", N}, {"i", W}, {"2021", N}, {".", P}, {"Det", W}}},
		{"da", "fra 76. luftbårne division", []tok{{"fra", W}, {"76.", N}, {"luftbårne", W}, {"division", W}}},
		{"da", "den 23-årige bl.a. i 1990'erne", []tok{{"den", W}, {"23-årige", N}, {"bl.a.", W}, {"i", W}, {"1990'erne", N}}},
		{"da", "»Vi er bange«, siger hun …", []tok{{"»", P}, {"Vi", W}, {"er", W}, {"bange", W}, {"«", P}, {",", P}, {"siger", W}, {"hun", W}, {"…", P}}},
		{"da", "- Boligen brændte...", []tok{{"-", P}, {"Boligen", W}, {"brændte", W}, {"...", P}}},
		{"en", "35,000 people, 200-250 injured, 3.5% or $5 or €10", []tok{{"35,000", N}, {"people", W}, {",", P}, {"200-250", N},
			{"injured", W}, {",", P}, {"3.5", N}, {"%", S}, {"or", W}, {"$", S}, {"5", N}, {"or", W}, {"€", S}, {"10", N}}},
		{"en", "I don't know John F. Kennedy's U.S. policy.", []tok{{"I", W}, {"don't", W}, {"know", W}, {"John", W}, {"F.", W},
			{"Kennedy's", W}, {"U.S.", W}, {"policy", W}, {".", P}}},
		{"en", "Mr. Smith, COVID-19 (2020).", []tok{{"Mr.", W}, {"Smith", W}, {",", P}, {"COVID-19", W}, {"(", P}, {"2020", N}, {")", P}, {".", P}}},
	} {
		toks := seg(t, tc.lang).Tokenize(tc.in, 0, len(tc.in))
		var got []tok
		for _, tk := range toks {
			got = append(got, tok{tk.Text, tk.Kind})
			if tk.Text != tc.in[tk.Start:tk.End] || tk.Lower != strings.ToLower(tk.Text) {
				t.Errorf("%q: token %+v does not match its offsets or lower-case form", tc.in, tk)
			}
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q:\n got %v\nwant %v", tc.in, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: token %d is %v, want %v", tc.in, i, got[i], tc.want[i])
			}
		}
	}
}

func TestTokenizeRange(t *testing.T) {
	s := seg(t, "da")
	in := "Rusland har sendt tropper. Både specialstyrker fra 76. luftbårne division."
	start := strings.Index(in, "Både")
	toks := s.Tokenize(in, start, len(in))
	if len(toks) == 0 || toks[0].Text != "Både" || toks[0].Start != start {
		t.Fatalf("first token %+v, want Både at %d", toks, start)
	}
	for _, tk := range toks {
		if in[tk.Start:tk.End] != tk.Text {
			t.Errorf("token %+v is not at its offsets", tk)
		}
	}
	if got := s.Tokenize(in, 10, 5); got != nil {
		t.Errorf("empty range gave %v", got)
	}
	if got := s.Tokenize(in, -3, 7); len(got) != 1 || got[0].Text != "Rusland" {
		t.Errorf("clamped range gave %v", got)
	}
}

func TestEmpty(t *testing.T) {
	s := seg(t, "da")
	for _, in := range []string{"", "\n\n", "  \n\n \n\n"} {
		d := s.Segment(in)
		if len(d.Blocks) != 0 || len(d.Sentences) != 0 {
			t.Errorf("%q: %d blocks %d sentences, want none", in, len(d.Blocks), len(d.Sentences))
		}
	}
}

// A credit inside a block ends at the next sentence boundary (or its closing
// bracket), so prose run into it by a careless extractor stays prose.
func TestCaptionEnds(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    []string
		caption []bool
	}{
		{"Kontoret brænder. Foto: AP. Politiet er på stedet.",
			[]string{"Kontoret brænder.", "Foto: AP.", "Politiet er på stedet."}, []bool{false, true, false}},
		{"Kontoret brænder (Foto: Bent Rej) Politiet er på stedet.",
			[]string{"Kontoret brænder", "(Foto: Bent Rej)", "Politiet er på stedet."}, []bool{false, true, false}},
		{"Politiet er på stedet, siger han: Foto er forbudt.",
			[]string{"Politiet er på stedet, siger han: Foto er forbudt."}, []bool{false}},
	} {
		d := seg(t, "da").Segment("Overskrift\n\n" + tc.in)
		got := sentenceTexts(d)[1:]
		var caps []bool
		for _, s := range d.Sentences[1:] {
			caps = append(caps, s.Caption)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || !slices.Equal(caps, tc.caption) {
			t.Errorf("%q: got %q %v, want %q %v", tc.in, got, caps, tc.want, tc.caption)
		}
	}
}

// TestToLower checks the Latin-1 short way against unicode.ToLower on every rune.
func TestToLower(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := toLower(r), unicode.ToLower(r); got != want {
			t.Fatalf("toLower(%U) = %U, want %U", r, got, want)
		}
	}
}

// TestTokenHash checks that every token carries the hash of its lower-cased form.
func TestTokenHash(t *testing.T) {
	s := seg(t, "da")
	doc := s.Segment("Ægteparret ÅSE og Øjvind Ødegård bor i Aarhus.\n\nDe 2.000 DEMONSTRANTER – og «politiet» – mødtes kl. 10:30.")
	if len(doc.Tokens) < 10 {
		t.Fatalf("only %d tokens", len(doc.Tokens))
	}
	for _, tk := range doc.Tokens {
		if tk.Hash == 0 || tk.Hash != text.Hash(tk.Lower) {
			t.Errorf("%q (lower %q): hash %d, want %d", tk.Text, tk.Lower, tk.Hash, text.Hash(tk.Lower))
		}
		if tk.Lower != strings.ToLower(tk.Text) {
			t.Errorf("%q: lower %q, want %q", tk.Text, tk.Lower, strings.ToLower(tk.Text))
		}
	}
}
