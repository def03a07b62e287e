package number

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

var parsers = map[string]*Parser{}

func parser(t testing.TB, lang string) *Parser {
	t.Helper()
	if p, ok := parsers[lang]; ok {
		return p
	}
	p, err := New(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	parsers[lang] = p
	return p
}

// describe renders a quantity as "text|kind|min|max|qualifier", max "-" when
// there is none, so that a case states everything it expects on one line.
func describe(q Quantity) string {
	max := "-"
	if q.HasMax {
		max = strconv.FormatInt(q.Max, 10)
	}
	return fmt.Sprintf("%s|%s|%d|%s|%s", q.Text, q.Kind, q.Min, max, q.Qualifier)
}

func TestFind(t *testing.T) {
	tests := []struct {
		lang, sentence string
		want           []string // every quantity in the sentence, in order
	}{
		// Danish: plain counts and separators.
		{"da", "Gadekampene har efterladt 400 sårede på hospitalet.", []string{"400|count|400|400|exact"}},
		{"da", "Politiet anslår, at 35.000 mennesker deltog i demonstrationen.", []string{"35.000|count|35000|35000|exact"}},
		{"da", "Ifølge politiet blev 2.000 personer anholdt i løbet af natten.", []string{"2.000|count|2000|2000|exact"}},
		{"da", "Myndighederne har evakueret 1.250.000 indbyggere.", []string{"1.250.000|count|1250000|1250000|exact"}},
		{"da", "Omkring 1,5 mio. mennesker er på flugt fra kampene.", []string{"Omkring 1,5 mio.|count|1500000|1500000|approx"}},
		{"da", "Krigen har drevet 2,3 millioner syrere ud af landet.", []string{"2,3 millioner|count|2300000|2300000|exact"}},
		{"da", "Tre tusinde soldater er sendt til grænsen.", []string{"Tre tusinde|count|3000|3000|exact"}},
		{"da", "Tolv demonstranter blev dræbt ved byens rådhus.", []string{"Tolv|count|12|12|exact"}},
		{"da", "Mindst enogtyve personer mistede livet i eksplosionen.", []string{"Mindst enogtyve|count|21|-|at_least"}},
		{"da", "Fireogtyve journalister er tilbageholdt.", []string{"Fireogtyve|count|24|24|exact"}},
		{"da", "Branden kostede to hundrede og halvtreds husstande deres hjem.", []string{"to hundrede og halvtreds|count|250|250|exact"}},
		{"da", "Halvtreds mennesker blev såret, og tres blev anholdt.", []string{"Halvtreds|count|50|50|exact", "tres|count|60|60|exact"}},
		{"da", "Firs soldater og halvfems civile er meldt savnet.", []string{"Firs|count|80|80|exact", "halvfems|count|90|90|exact"}},
		{"da", "Næsten halvfjerds familier har mistet deres hus.", []string{"Næsten halvfjerds|count|70|70|approx"}},
		{"da", "Et hundrede tusinde mennesker gik på gaden.", []string{"Et hundrede tusinde|count|100000|100000|exact"}},
		{"da", "Der er sendt en million doser vaccine til regionen.", []string{"en million|count|1000000|1000000|exact"}},
		{"da", "Tusind demonstranter samledes foran parlamentet.", []string{"Tusind|count|1000|1000|exact"}},
		{"da", "Et dusin betjente blev såret under urolighederne.", []string{"Et dusin|count|12|12|exact"}},
		// Danish qualifiers.
		{"da", "Officielle kilder melder, at mindst 12 betjente har mistet livet.", []string{"mindst 12|count|12|-|at_least"}},
		{"da", "Over 100 mennesker er blevet anholdt siden mandag.", []string{"Over 100|count|101|-|more_than"}},
		{"da", "Mere end 300 personer er blevet behandlet for skader.", []string{"Mere end 300|count|301|-|more_than"}},
		{"da", "Flere end 40 huse brændte ned.", []string{"Flere end 40|count|41|-|more_than"}},
		{"da", "Omkring 200 demonstranter trodsede forbuddet.", []string{"Omkring 200|count|200|200|approx"}},
		{"da", "Ca. 500 soldater deltager i øvelsen.", []string{"Ca. 500|count|500|500|approx"}},
		{"da", "Cirka 80 personer blev evakueret.", []string{"Cirka 80|count|80|80|approx"}},
		{"da", "Op mod 5000 mennesker flygtede over grænsen.", []string{"Op mod 5000|count|5000|5000|approx"}},
		{"da", "Op til 50 personer kan være omkommet.", []string{"Op til 50|count|50|50|up_to"}},
		{"da", "Færre end 100 deltog i mødet.", []string{"Færre end 100|count|99|99|up_to"}},
		{"da", "Knap 400 mennesker blev indlagt.", []string{"Knap 400|count|400|400|approx"}},
		{"da", "Mellem 200 og 250 mennesker er blevet tilbageholdt.", []string{"Mellem 200 og 250|count|200|250|range"}},
		{"da", "Politiet tilbageholdt 200-250 personer.", []string{"200-250|count|200|250|range"}},
		{"da", "Mellem 20 og 30 betjente blev såret.", []string{"Mellem 20 og 30|count|20|30|range"}},
		{"da", "Mellem to og tre millioner mennesker mangler strøm.", []string{"Mellem to og tre millioner|count|2000000|3000000|range"}},
		{"da", "Antallet af døde er steget fra 200 til 250.", []string{"200 til 250|count|200|250|range"}},
		{"da", "Mellem ordensmagten og demonstranterne har kampene efterladt 400 sårede.", []string{"400|count|400|400|exact"}},
		{"da", "200 eller flere er meldt savnet.", []string{"200 eller flere|count|200|-|at_least"}},
		{"da", "Præcis 17 fanger undslap fra fængslet.", []string{"Præcis 17|count|17|17|exact"}},
		// Danish vague amounts.
		{"da", "Flere internationale medier, herunder The Guardian , melder om dusinvis af døde.", []string{"dusinvis|count|12|-|vague"}},
		{"da", "Dusinvis af gerningsmænd blev elimineret.", []string{"Dusinvis|count|12|-|vague"}},
		{"da", "Hundredvis af mennesker samledes på pladsen.", []string{"Hundredvis|count|100|-|vague"}},
		{"da", "Tusindvis af demonstranter gik på gaden i Almaty.", []string{"Tusindvis|count|1000|-|vague"}},
		{"da", "Flere hundrede mennesker er blevet anholdt.", []string{"Flere hundrede|count|100|-|vague"}},
		{"da", "Snesevis af huse blev ødelagt af ilden.", []string{"Snesevis|count|20|-|vague"}},
		{"da", "Titusindvis af flygtninge venter ved grænsen.", []string{"Titusindvis|count|10000|-|vague"}},
		{"da", "Flere tusinde soldater er sendt af sted.", []string{"Flere tusinde|count|1000|-|vague"}},
		// Danish articles: counts only in clear patterns.
		{"da", "En af betjentene blev fundet halshugget.", []string{"En|count|1|1|exact"}},
		{"da", "En bil blev sat i brand foran rådhuset.", nil},
		{"da", "Et hus er brændt ned, og en mand er anholdt.", nil},
		{"da", "Én person er død, oplyser politiet.", []string{"Én|count|1|1|exact"}},
		{"da", "Demonstranterne gik over en bro ved floden.", nil},
		// Danish traps: never counts.
		{"da", "Undtagelsestilstanden er i kraft frem til 19. januar.", []string{"19.|date|19|19|exact"}},
		{"da", "Specialstyrker fra 76. luftbårne division er sendt til landet.", []string{"76.|ordinal|76|76|exact"}},
		{"da", "Det skete den 6. januar 2022 i Almaty.", []string{"6.|date|6|6|exact", "2022|year|2022|2022|exact"}},
		{"da", "Præsidenten har siddet ved magten siden 1991.", []string{"1991|year|1991|1991|exact"}},
		{"da", "I 2022 blev der holdt valg.", []string{"2022|year|2022|2022|exact"}},
		{"da", "2000 er torsdag blevet anholdt, mens storbyen står i flammer.", []string{"2000|count|2000|2000|exact"}},
		{"da", "Mødet begynder kl. 10 i morgen.", []string{"kl. 10|time|1000|1000|exact"}},
		{"da", "Udgangsforbuddet gælder fra kl. 23.00 til kl. 7.", []string{"kl. 23.00|time|2300|2300|exact", "kl. 7|time|700|700|exact"}},
		{"da", "Butikkerne holder åbent kl. 10 til 12.", []string{"kl. 10 til 12|time|1000|1200|range"}},
		{"da", "Toget afgik 10.30 fra stationen.", []string{"10.30|time|1030|1030|exact"}},
		{"da", "Brændstofprisen steg med 40 pct. på en uge.", []string{"40 pct.|percent|40|40|exact"}},
		{"da", "Partiet fik 40 procent af stemmerne.", []string{"40 procent|percent|40|40|exact"}},
		{"da", "Inflationen er nu 8,5 %.", []string{"8,5 %|percent|8|8|exact"}},
		{"da", "En liter benzin koster nu 50 kr. i hovedstaden.", []string{"50 kr.|money|50|50|exact"}},
		{"da", "Regeringen afsætter 5 millioner kroner til genopbygning.", []string{"5 millioner kroner|money|5000000|5000000|exact"}},
		{"da", "Skaderne anslås til 2,5 mia. kr.", []string{"2,5 mia. kr.|money|2500000000|2500000000|exact"}},
		{"da", "En 45-årig mand er anholdt.", []string{"45-årig|age|45|45|exact"}},
		{"da", "Han er 67 år gammel.", []string{"67 år gammel|age|67|67|exact"}},
		{"da", "Jordskælvet mærkedes 300 km væk.", []string{"300 km|measure|300|300|exact"}},
		{"da", "Vandet steg 1,5 meter på en nat.", []string{"1,5 meter|measure|1|1|exact"}},
		{"da", "Målingen viste 3,7 på skalaen.", []string{"3,7|decimal|3|3|exact"}},
		{"da", "Han blev nummer tredje i valget.", []string{"tredje|ordinal|3|3|exact"}},
		{"da", "Det er første gang siden 1986, at hæren sættes ind.", []string{"første|ordinal|1|1|exact", "1986|year|1986|1986|exact"}},
		{"da", "Kampene stod på fra 2019 til 2022.", []string{"2019 til 2022|year|2019|2022|range"}},
		{"da", "I årene 2014-2016 flygtede mange.", []string{"2014-2016|year|2014|2016|range"}},
		{"da", "Millioner af mennesker mangler rent vand.", []string{"Millioner|count|1000000|-|vague"}},
		{"da", "Valgene i 2021 og 2022 blev kritiseret.", []string{"2021|year|2021|2021|exact", "2022|year|2022|2022|exact"}},
		{"da", "Hele 117 patienter med covid-19 er indlagt.", []string{"117|count|117|117|exact"}},
		{"da", "Et F-16-fly styrtede ned med to piloter.", []string{"to|count|2|2|exact"}},
		{"da", "Mellem kl. 10 og kl. 12 var der stille.", []string{"kl. 10|time|1000|1000|exact", "kl. 12|time|1200|1200|exact"}},
		{"da", "Priserne steg 30-40 pct. på et år.", []string{"30-40 pct.|percent|30|40|range"}},
		{"da", "Hundrede og en fanger blev løsladt.", []string{"Hundrede og en|count|101|101|exact"}},
		{"da", "De seneste tre dage er syv mennesker dræbt.", []string{"tre|count|3|3|exact", "syv|count|7|7|exact"}},

		// English: counts and separators.
		{"en", "Clashes left 400 people wounded in the capital.", []string{"400|count|400|400|exact"}},
		{"en", "Police said 35,000 people joined the march.", []string{"35,000|count|35000|35000|exact"}},
		{"en", "Some 2,000 people were detained overnight.", []string{"Some 2,000|count|2000|2000|approx"}},
		{"en", "The war has displaced 1.5 million people.", []string{"1.5 million|count|1500000|1500000|exact"}},
		{"en", "Twelve protesters were killed outside the city hall.", []string{"Twelve|count|12|12|exact"}},
		{"en", "Twenty-one people died in the blast.", []string{"Twenty-one|count|21|21|exact"}},
		{"en", "Twenty one soldiers were wounded.", []string{"Twenty one|count|21|21|exact"}},
		{"en", "The fire destroyed two hundred and fifty homes.", []string{"two hundred and fifty|count|250|250|exact"}},
		{"en", "A dozen officers were hurt in the clashes.", []string{"A dozen|count|12|12|exact"}},
		{"en", "Two dozen journalists have been detained.", []string{"Two dozen|count|24|24|exact"}},
		{"en", "A hundred students blocked the road.", []string{"A hundred|count|100|100|exact"}},
		{"en", "One million doses arrived on Monday.", []string{"One million|count|1000000|1000000|exact"}},
		{"en", "Three thousand troops were deployed to the border.", []string{"Three thousand|count|3000|3000|exact"}},
		{"en", "Ninety-nine prisoners escaped.", []string{"Ninety-nine|count|99|99|exact"}},
		{"en", "One thousand five hundred families lost their homes.", []string{"One thousand five hundred|count|1500|1500|exact"}},
		{"en", "The blast killed 3 people and injured 17.", []string{"3|count|3|3|exact", "17|count|17|17|exact"}},
		// English qualifiers.
		{"en", "At least 12 police officers were killed, officials said.", []string{"At least 12|count|12|-|at_least"}},
		{"en", "More than 100 people have been arrested since Monday.", []string{"More than 100|count|101|-|more_than"}},
		{"en", "Over 300 people were treated for injuries.", []string{"Over 300|count|301|-|more_than"}},
		{"en", "About 200 protesters defied the ban.", []string{"About 200|count|200|200|approx"}},
		{"en", "Around 80 people were evacuated.", []string{"Around 80|count|80|80|approx"}},
		{"en", "Nearly 5,000 people fled across the border.", []string{"Nearly 5,000|count|5000|5000|approx"}},
		{"en", "Almost 60 homes were damaged.", []string{"Almost 60|count|60|60|approx"}},
		{"en", "Roughly 40 soldiers took part.", []string{"Roughly 40|count|40|40|approx"}},
		{"en", "Up to 50 people may have died.", []string{"Up to 50|count|50|50|up_to"}},
		{"en", "Fewer than 100 people attended the rally.", []string{"Fewer than 100|count|99|99|up_to"}},
		{"en", "Between 200 and 250 people have been detained.", []string{"Between 200 and 250|count|200|250|range"}},
		{"en", "Police held 200-250 people.", []string{"200-250|count|200|250|range"}},
		{"en", "Officials said 200 to 250 people were missing.", []string{"200 to 250|count|200|250|range"}},
		{"en", "Between two and three million people lost power.", []string{"Between two and three million|count|2000000|3000000|range"}},
		{"en", "Between 2 and 3 million people lost power.", []string{"Between 2 and 3 million|count|2000000|3000000|range"}},
		{"en", "200 or more are missing.", []string{"200 or more|count|200|-|at_least"}},
		{"en", "More than a dozen officers were injured.", []string{"More than a dozen|count|13|-|more_than"}},
		{"en", "Exactly 17 inmates escaped from the prison.", []string{"Exactly 17|count|17|17|exact"}},
		// English vague amounts.
		{"en", "Dozens of people were killed, media reported.", []string{"Dozens|count|12|-|vague"}},
		{"en", "Hundreds of people gathered in the square.", []string{"Hundreds|count|100|-|vague"}},
		{"en", "Thousands of protesters marched in Almaty.", []string{"Thousands|count|1000|-|vague"}},
		{"en", "Several hundred people were arrested.", []string{"Several hundred|count|100|-|vague"}},
		{"en", "Scores of houses were destroyed.", []string{"Scores|count|20|-|vague"}},
		{"en", "Tens of thousands of refugees are waiting.", []string{"Tens of thousands|count|10000|-|vague"}},
		{"en", "Hundreds of thousands of people fled.", []string{"Hundreds of thousands|count|100000|-|vague"}},
		{"en", "Several thousand soldiers were sent.", []string{"Several thousand|count|1000|-|vague"}},
		{"en", "The team scores goals often.", nil},
		// English articles and pronouns.
		{"en", "One of the officers was found beheaded.", []string{"One|count|1|1|exact"}},
		{"en", "A car was set on fire outside the town hall.", nil},
		{"en", "No one was hurt in the attack.", nil},
		{"en", "An officer was killed and a soldier wounded.", nil},
		// English traps: never counts.
		{"en", "The curfew runs until January 19.", []string{"19|date|19|19|exact"}},
		{"en", "It happened on 19 January in Almaty.", []string{"19|date|19|19|exact"}},
		{"en", "On January 6, 2022 the protests spread.", []string{"6|date|6|6|exact", "2022|year|2022|2022|exact"}},
		{"en", "Russian troops arrived on January 6th.", []string{"6th|date|6|6|exact"}},
		{"en", "The 45th brigade was deployed.", []string{"45th|ordinal|45|45|exact"}},
		{"en", "It was the third attack this week.", []string{"third|ordinal|3|3|exact"}},
		{"en", "He has ruled since 1991.", []string{"1991|year|1991|1991|exact"}},
		{"en", "In 2022, elections were held.", []string{"2022|year|2022|2022|exact"}},
		{"en", "2000 were arrested on Thursday, police said.", []string{"2000|count|2000|2000|exact"}},
		{"en", "The meeting starts at 10:30 on Monday.", []string{"10:30|time|1030|1030|exact"}},
		{"en", "The explosion happened at 10 a.m. local time.", []string{"10 a.m.|time|1000|1000|exact"}},
		{"en", "Fuel prices rose by 40% in a week.", []string{"40%|percent|40|40|exact"}},
		{"en", "The party won 40 percent of the vote.", []string{"40 percent|percent|40|40|exact"}},
		{"en", "Prices rose about 12.5 per cent.", []string{"about 12.5 per cent|percent|12|12|approx"}},
		{"en", "The government pledged $5 million for reconstruction.", []string{"$5 million|money|5000000|5000000|exact"}},
		{"en", "Fuel now costs 100 dollars a barrel.", []string{"100 dollars|money|100|100|exact"}},
		{"en", "The fine was €20 per person.", []string{"€20|money|20|20|exact"}},
		{"en", "Damage is estimated at £2.5bn.", []string{"£2.5bn|money|2500000000|2500000000|exact"}},
		{"en", "A 45-year-old man was arrested.", []string{"45-year-old|age|45|45|exact"}},
		{"en", "The quake was felt 300 km away.", []string{"300 km|measure|300|300|exact"}},
		{"en", "The reading was 3.7 on the scale.", []string{"3.7|decimal|3|3|exact"}},
		{"en", "Fighting lasted from 2019 to 2022.", []string{"2019 to 2022|year|2019|2022|range"}},
		{"en", "The rebels may 10 times have attacked.", []string{"10|count|10|10|exact"}},
		{"en", "In May 2021 the talks collapsed.", []string{"2021|year|2021|2021|exact"}},
		{"en", "The score was 3-0 to the visitors.", nil},
		{"en", "A few hundred people gathered.", []string{"A few hundred|count|100|-|vague"}},
		{"en", "Three COVID-19 patients died.", []string{"Three|count|3|3|exact"}},
		{"en", "No more than ten people may gather.", []string{"No more than ten|count|10|10|up_to"}},
		{"en", "In 2020 and 2021 the rallies were banned.", []string{"2020|year|2020|2020|exact", "2021|year|2021|2021|exact"}},
		{"en", "Millions of people lack clean water.", []string{"Millions|count|1000000|-|vague"}},
		{"en", "The 2000 protesters dispersed.", []string{"2000|count|2000|2000|exact"}},
		{"en", "A hundred and one prisoners were freed.", []string{"A hundred and one|count|101|101|exact"}},
		{"en", "One hundred and twenty-five thousand people signed.", []string{"One hundred and twenty-five thousand|count|125000|125000|exact"}},
		{"en", "In the past three days seven people were killed.", []string{"three|count|3|3|exact", "seven|count|7|7|exact"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.sentence, func(t *testing.T) {
			p := parser(t, tt.lang)
			toks := tokenize(tt.sentence)
			got := p.Find(tt.sentence, toks)
			var gs []string
			for _, q := range got {
				gs = append(gs, describe(q))
				if q.Text != tt.sentence[q.Start:q.End] {
					t.Errorf("%q: Text does not match offsets %d:%d", q.Text, q.Start, q.End)
				}
				if q.Head >= 0 && toks[q.Head].Start < q.End || q.Head < 0 && q.End < toks[len(toks)-1].End {
					t.Errorf("%q: Head %d is not the token after the expression", q.Text, q.Head)
				}
			}
			if strings.Join(gs, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(gs, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
			// Each expected text must start where the sentence first has it.
			for i, q := range got {
				if i < len(tt.want) {
					text, _, _ := strings.Cut(tt.want[i], "|")
					if q.Start != strings.Index(tt.sentence, text) {
						t.Errorf("%q starts at %d, want %d", text, q.Start, strings.Index(tt.sentence, text))
					}
				}
			}
		})
	}
}

// TestSegmenterForms checks the token shapes a segmenter may produce instead
// of the test tokenizer's: an abbreviation's dot as part of the word.
func TestSegmenterForms(t *testing.T) {
	p := parser(t, "da")
	src := "ca. 2.000 kl. 10 1,5 mio."
	toks := tokenize(src)
	// Merge "ca" + "." and "kl" + "." and "mio" + "." into one token each.
	var merged = toks[:0:0]
	for i := 0; i < len(toks); i++ {
		tk := toks[i]
		if i+1 < len(toks) && toks[i+1].Text == "." && toks[i+1].Start == tk.End && tk.Kind != text.Number {
			tk.Text, tk.Lower, tk.End = src[tk.Start:toks[i+1].End], tk.Lower+".", toks[i+1].End
			i++
		}
		merged = append(merged, tk)
	}
	var gs []string
	for _, q := range p.Find(src, merged) {
		gs = append(gs, describe(q))
	}
	want := "ca. 2.000|count|2000|2000|approx\nkl. 10|time|1000|1000|exact\n1,5 mio.|count|1500000|1500000|exact"
	if got := strings.Join(gs, "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestGold checks the figures of the worked example: each figure sentence
// must yield a count with the gold min, max and qualifier.
func TestGold(t *testing.T) {
	data, err := os.ReadFile("../../../shared/examples/da-kasakhstan-2022-01-06.gold.json")
	if err != nil {
		t.Skip("worked example not present:", err)
	}
	var gold struct {
		Figures []struct {
			Min       int64  `json:"min"`
			Max       *int64 `json:"max"`
			Qualifier string `json:"qualifier"`
			Sentence  string `json:"sentence"`
		} `json:"figures"`
	}
	if err := json.Unmarshal(data, &gold); err != nil {
		t.Fatal(err)
	}
	if len(gold.Figures) == 0 {
		t.Fatal("gold has no figures")
	}
	p := parser(t, "da")
	for _, f := range gold.Figures {
		found := false
		for _, q := range p.Find(f.Sentence, tokenize(f.Sentence)) {
			if q.Kind == Count && q.Min == f.Min && q.Qualifier == f.Qualifier && (f.Max == nil) == !q.HasMax && (f.Max == nil || *f.Max == q.Max) {
				found = true
			}
		}
		if !found {
			t.Errorf("no count %d %s in %q", f.Min, f.Qualifier, f.Sentence)
		}
	}
}

func TestEveryPack(t *testing.T) {
	langs := langpacks.Languages()
	if len(langs) == 0 {
		t.Fatal("no language packs")
	}
	for _, lang := range langs {
		p, err := New(langpacks.FS, lang)
		if err != nil {
			t.Errorf("%s: %v", lang, err)
			continue
		}
		if p.Lang() != lang {
			t.Errorf("Lang() = %q, want %q", p.Lang(), lang)
		}
		// Every pack must at least read its own digits.
		if got := p.Find("12", tokenize("12")); len(got) != 1 || got[0].Min != 12 || got[0].Kind != Count {
			t.Errorf("%s: Find(12) = %+v", lang, got)
		}
	}
}

func TestBrokenTables(t *testing.T) {
	base := fstest.MapFS{
		"xx/pack.tsv":        {Data: []byte("key\tvalue\nthousands_separator\t.\ndecimal_separator\t,\n")},
		"xx/numbers.tsv":     {Data: []byte("word\tvalue\tkind\nto\t2\tunit\n")},
		"xx/quantifiers.tsv": {Data: []byte("phrase\tqualifier\tposition\nmindst\tat_least\n")},
		"xx/units.tsv":       {Data: []byte("phrase\tkind\tposition\nkr.\tmoney\tafter\n")},
	}
	if _, err := New(base, "xx"); err != nil {
		t.Fatalf("good tables: %v", err)
	}
	tests := []struct {
		file, data, want string
	}{
		{"xx/numbers.tsv", "word\tvalue\tkind\nto\t2\tunit\ntre\t3\tcardinal\n", "xx/numbers.tsv:3: unknown kind"},
		{"xx/numbers.tsv", "# c\nword\tvalue\tkind\nto\tto\tunit\n", "xx/numbers.tsv:3: value \"to\""},
		{"xx/numbers.tsv", "word\tvalue\tkind\ntyve\t25\ttens\n", "xx/numbers.tsv:2: value 25 does not fit"},
		{"xx/numbers.tsv", "word\tvalue\tkind\nog\t1\tjoiner\n", "xx/numbers.tsv:2: a joiner has no value"},
		{"xx/numbers.tsv", "word\tvalue\tkind\nto\t2\tunit\nto\t2\tunit\n", "xx/numbers.tsv:3: \"to\" is listed twice"},
		{"xx/numbers.tsv", "word\tvalue\tkind\nto\t2\n", "xx/numbers.tsv:2: row has 2 fields"},
		{"xx/quantifiers.tsv", "phrase\tqualifier\tposition\nmindst\tleast\n", "xx/quantifiers.tsv:2: unknown qualifier"},
		{"xx/quantifiers.tsv", "phrase\tqualifier\tposition\nmellem\trange_start\tafter\n", "xx/quantifiers.tsv:2: a range_start cannot stand after"},
		{"xx/quantifiers.tsv", "phrase\tqualifier\tposition\nmindst\tat_least\tmiddle\n", "xx/quantifiers.tsv:2: position"},
		{"xx/units.tsv", "phrase\tkind\tposition\nkr.\tcurrency\tafter\n", "xx/units.tsv:2: unknown kind"},
		{"xx/units.tsv", "phrase\tkind\tposition\nkr.\tmoney\n", "xx/units.tsv:2: position"},
		{"xx/units.tsv", "phrase\tkind\tposition\njanuar\tmonth\tafter\n", "xx/units.tsv:2: a month takes no position"},
		{"xx/pack.tsv", "key\tvalue\nthousands_separator\t.\ndecimal_separator\t.\n", "xx/pack.tsv:1: thousands_separator and decimal_separator are the same"},
		{"xx/pack.tsv", "key\tvalue\nthousands_separator\tx\n", "xx/pack.tsv:2: thousands_separator"},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
		_, err := New(fsys, "xx")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error = %v, want it to contain %q", tt.file, err, tt.want)
		}
	}
	if _, err := New(base, "zz"); err == nil || !strings.Contains(err.Error(), "zz/pack.tsv") {
		t.Errorf("missing pack: error = %v", err)
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Count: "count", Ordinal: "ordinal", Measure: "measure", Kind(99): "Kind(99)"} {
		if got := k.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", k, got, want)
		}
	}
}

// TestArticleSkip checks the short cut for a one-word article ("en", "a"):
// the packs' buckets mark it as a number word that is only an article, and
// an article still counts before a partitive or a multiplier but not before
// another word.
func TestArticleSkip(t *testing.T) {
	for lang, word := range map[string]string{"da": "en"} {
		p := parser(t, lang)
		id := p.p.keys.Find(word)
		if id < 0 || !p.p.byKey[id].numeric || p.p.byKey[id].worded {
			t.Errorf("%s: %q is not marked as an article-only number word", lang, word)
		}
	}
	if id := parser(t, "da").p.keys.Find("en"); id < 0 || parser(t, "da").p.byKey[id].prefix {
		t.Errorf("da: \"en\" is marked as a qualifier or unit")
	}
	for _, c := range []struct {
		lang, sentence string
		want           []string
	}{
		{"da", "En af betjentene blev fundet halshugget.", []string{"En|count|1|1|exact"}},
		{"da", "En mand blev anholdt i nat.", nil},
		{"da", "Skaden anslås til en million kroner.", []string{"en million kroner|money|1000000|1000000|exact"}},
		{"en", "A man was arrested overnight.", nil},
		{"en", "One of the officers was found dead.", []string{"One|count|1|1|exact"}},
	} {
		var got []string
		for _, q := range parser(t, c.lang).Find(c.sentence, tokenize(c.sentence)) {
			got = append(got, describe(q))
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s %q: got %q, want %q", c.lang, c.sentence, got, c.want)
		}
	}
}
