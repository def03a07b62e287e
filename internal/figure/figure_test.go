package figure

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/urodata/uro/internal/number"
	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

// pipe is the part of the pipeline the figure layer reads.
type pipe struct {
	seg *segment.Segmenter
	num *number.Parser
	fig *Finder
}

var pipes = map[string]*pipe{}

func pipeFor(t testing.TB, lang string) *pipe {
	t.Helper()
	if p, ok := pipes[lang]; ok {
		return p
	}
	seg, err := segment.New(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	num, err := number.New(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	fig, err := New(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	p := &pipe{seg: seg, num: num, fig: fig}
	pipes[lang] = p
	return p
}

// all returns the figures of every sentence of txt.
func (p *pipe) all(txt string) (*text.Doc, []Figure) {
	doc := p.seg.Segment(txt)
	var out []Figure
	for si := range doc.Sentences {
		qs := p.num.Find(doc.Text, doc.Sentences[si].Tokens)
		out = append(out, p.fig.Find(doc, si, qs)...)
	}
	return doc, out
}

// brief writes a figure as "kind min qualifier who-kind [who] [neg]".
func brief(f Figure, src string) string {
	s := fmt.Sprintf("%s %d %s %s", f.Kind, f.Min, f.Qualifier, f.WhoKind)
	if f.HasMax && f.Max != f.Min {
		s = fmt.Sprintf("%s %d-%d %s %s", f.Kind, f.Min, f.Max, f.Qualifier, f.WhoKind)
	}
	if f.Negated {
		s += " neg"
	}
	return s + " «" + src[f.Start:f.End] + "»"
}

func TestFind(t *testing.T) {
	cases := []struct {
		lang, text string
		want       []string
	}{
		// Danish.
		{"da", "Gadekampene har efterladt 400 sårede på hospitalet.", []string{"injured 400 exact people «400 sårede»"}},
		{"da", "Officielle kilder melder, at mindst 12 betjente har mistet livet.", []string{"killed 12 at_least police «mindst 12 betjente»"}},
		{"da", "2000 er torsdag blevet anholdt, mens storbyen står i flammer.", []string{"arrested 2000 exact people «2000»"}},
		{"da", "Flere medier melder om dusinvis af døde det seneste døgn.", []string{"killed 12 vague people «dusinvis af døde»"}},
		{"da", "Dusinvis af gerningsmænd blev elimineret, har en talsmand sagt.", []string{"killed 12 vague attackers «Dusinvis af gerningsmænd»"}},
		{"da", "En af betjentene blev fundet halshugget, melder nyhedsbureauet AP.", []string{"killed 1 exact police «En af betjentene»"}},
		{"da", "Ifølge arrangørerne deltog omkring 12.000 mennesker.", []string{"participants 12000 approx people «omkring 12.000 mennesker»"}},
		{"da", "Østjyllands Politi anslår derimod, at der var cirka 4.500 i optoget.", []string{"participants 4500 approx people «cirka 4.500»"}},
		{"da", "Under aktionen blev tre anholdt.", []string{"arrested 3 exact people «tre»"}},
		{"da", "Ingen kom til skade, oplyser politiet.", []string{"injured 0 exact people neg «Ingen»"}},
		{"da", "Ingen blev anholdt i forbindelse med afbrændingen.", []string{"arrested 0 exact people neg «Ingen»"}},
		{"da", "En 23-årig mand blev anholdt søndag aften i Vollsmose.", []string{"arrested 1 exact people «En 23-årig mand»"}},
		{"da", "Regionen vil spare 180 millioner kroner på psykiatrien.", nil},
		{"da", "De seneste tre dage har der været protester i flere byer.", nil},
		{"da", "Demonstranterne nåede Rådhuspladsen ved 15-tiden den 24. april.", nil},
		{"da", "Specialstyrker fra 76. luftbårne division er sendt afsted.", nil},
		{"da", "Demonstranterne satte ild til 3 biler og væltede skraldespande.", nil},
		{"da", "Mindst ni mennesker blev dræbt, heriblandt fire civile, ifølge lokale kilder.", []string{"killed 9 at_least people «Mindst ni mennesker»"}},
		{"da", "Over 100 personer er blevet anholdt siden onsdag.", []string{"arrested 101 more_than people «Over 100 personer»"}},
		{"da", "I sidste uge blev 20-25 soldater dræbt i et baghold.", []string{"killed 20-25 range military «20-25 soldater»"}},
		{"da", "Fem betjente blev lettere såret, og otte personer blev anholdt.", []string{"injured 5 exact police «Fem betjente»", "arrested 8 exact people «otte personer»"}},
		{"da", "Mindst otte mennesker blev dræbt og 27 såret ved angrebet på havnen.", []string{"killed 8 at_least people «Mindst otte mennesker»", "injured 27 exact people «27»"}},
		{"da", "Tusindvis af flygtninge har søgt tilflugt i nabolandet.", []string{"displaced 1000 vague migrants «Tusindvis af flygtninge»"}},
		{"da", "Tre soldater savnes efter kampene ved grænsen.", []string{"missing 3 exact military «Tre soldater»"}},
		{"da", "45 fanger blev løsladt fra fængslet i Bamako fredag.", []string{"released 45 exact detainees «45 fanger»"}},
		{"da", "To mænd på 19 og 22 år blev anholdt torsdag.", []string{"arrested 2 exact people «To mænd»"}},
		{"da", "Flere hundrede unge kastede sten mod politiet.", nil},
		{"da", "Tusindvis demonstrerede lørdag i København for fred.", []string{"participants 1000 vague people «Tusindvis»"}},
		{"da", "Oprørerne dræbte 14 landsbyboere og brændte 30 huse ned.", []string{"killed 14 exact civilians «14 landsbyboere»"}},
		// English.
		{"en", "Gunmen stormed the market, killing six civilians and wounding at least 20.", []string{"killed 6 exact civilians «six civilians»", "injured 20 at_least people «at least 20»"}},
		{"en", "Organisers said 35,000 people took part; police put the number at 15,000.", []string{"participants 35000 exact people «35,000 people»", "participants 15000 exact people «15,000»"}},
		{"en", "No one was hurt, police said.", []string{"injured 0 exact people neg «No one»"}},
		{"en", "More than 2,000 people have fled their homes since Monday.", []string{"displaced 2001 more_than people «More than 2,000 people»"}},
		{"en", "Five soldiers are missing after the ambush.", []string{"missing 5 exact military «Five soldiers»"}},
		{"en", "Officials said 45 detainees were released on Friday.", []string{"detained_released 45 exact detainees «45 detainees»"}},
		{"en", "By Tuesday the death toll had risen to 31.", []string{"killed 31 exact people «31»"}},
		{"en", "A 23-year-old man was arrested at the scene.", []string{"arrested 1 exact people «A 23-year-old man»"}},
		{"en", "Survivors of the 2022 massacre gathered at the memorial.", nil},
		{"en", "The government pledged $5 million for reconstruction over three years.", nil},
		{"en", "Police arrested seven people on Friday and seized 12 rifles.", []string{"arrested 7 exact people «seven people»"}},
		{"en", "Three police officers and two protesters were killed.", []string{"killed 3 exact police «Three police officers»", "killed 2 exact protesters «two protesters»"}},
		{"en", "Hundreds of residents fled across the river on Sunday.", []string{"displaced 100 vague civilians «Hundreds of residents»"}},
		{"en", "No arrests had been made by Saturday evening.", []string{"arrested 0 exact people neg «No arrests»"}},
		{"en", "It said no civilians were injured.", []string{"injured 0 exact civilians neg «no civilians»"}},
		{"en", "Between 30 and 40 people have been killed since the fighting began.", []string{"killed 30-40 range people «Between 30 and 40 people»"}},
		{"en", "Dozens of protesters were detained outside parliament.", []string{"arrested 12 vague protesters «Dozens of protesters»"}},
		{"en", "Twelve of the girls escaped and returned home.", []string{"detained_released 12 exact civilians «Twelve of the girls»"}},
		{"en", "Thousands marched through the capital on Saturday.", []string{"participants 1000 vague people «Thousands»"}},
		{"en", "The convoy of 40 trucks reached the town after 3 days.", nil},
		{"en", "There is no doubt that the attack was planned.", nil},
	}
	for _, c := range cases {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			doc, figs := pipeFor(t, c.lang).all(c.text)
			var got []string
			for _, f := range figs {
				got = append(got, brief(f, doc.Text))
			}
			want := make([]string, len(c.want))
			for i, w := range c.want {
				want[i] = strings.Replace(w, "released ", "detained_released ", 1)
				if strings.HasPrefix(w, "detained_released") {
					want[i] = w
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}

func TestLoadEveryPack(t *testing.T) {
	langs := langpacks.Languages()
	if len(langs) == 0 {
		t.Fatal("no language packs")
	}
	for _, lang := range langs {
		f, err := New(langpacks.FS, lang)
		if err != nil {
			t.Errorf("%s: %v", lang, err)
			continue
		}
		if len(f.p.cues) < 20 {
			t.Errorf("%s: only %d cues", lang, len(f.p.cues))
		}
	}
}

func TestBrokenTable(t *testing.T) {
	const head = "phrase\trule\tkind\twho\nbetjente\tnoun\t-\tpolice\nanholdt\tpredicate\tarrested\ner\tlink\n"
	cases := []struct{ name, data, want string }{
		{"unknown rule", head + "døde\tcorpse\tkilled\tpeople\n", "xx/figures.tsv:5: unknown rule"},
		{"unknown kind", head + "døde\tvictim\tdead\tpeople\n", "xx/figures.tsv:5: unknown figure kind"},
		{"unknown who", head + "døde\tvictim\tkilled\tghosts\n", "xx/figures.tsv:5: unknown who-kind"},
		{"missing kind", "# c\n" + head + "sårede\tpredicate\n", "xx/figures.tsv:6: rule predicate needs a kind"},
		{"kind on link", head + "var\tlink\tkilled\n", "xx/figures.tsv:5: rule link takes no kind"},
		{"bad stem", head + "an*holdt\tpredicate\tarrested\n", "xx/figures.tsv:5: phrase"},
		{"upper case", head + "Politi\tnoun\t-\tpolice\n", "xx/figures.tsv:5: phrase \"Politi\" must be lower case"},
		{"duplicate", head + "anholdt\tpredicate\tarrested\n", "xx/figures.tsv:5: phrase \"anholdt\" has rule predicate twice"},
		{"bad header", "phrase\trule\n", "xx/figures.tsv:1: header"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{"xx/figures.tsv": {Data: []byte(c.data)}}
			_, err := New(fsys, "xx")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
			var te *table.Error
			if !errors.As(err, &te) || te.Line == 0 {
				t.Errorf("error %v carries no file and line", err)
			}
		})
	}
	if _, err := New(fstest.MapFS{}, "xx"); err == nil {
		t.Error("a missing table loaded")
	}
}
