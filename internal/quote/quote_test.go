package quote_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/urodata/uro/internal/entity"
	"github.com/urodata/uro/internal/entity/entitytest"
	"github.com/urodata/uro/internal/quote"
	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

type pipeline struct {
	r *entity.Recognizer
	f *quote.Finder
}

func load(t testing.TB, lang string) pipeline {
	t.Helper()
	r, err := entity.New(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	f, err := quote.New(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	return pipeline{r, f}
}

func (p pipeline) quotes(doc *text.Doc) ([]quote.Quote, []entity.Entity) {
	ents := p.r.Find(doc)
	return p.f.Find(doc, ents), ents
}

// check verifies what every quote must satisfy whatever the input.
func check(t testing.TB, doc *text.Doc, ents []entity.Entity, qs []quote.Quote) {
	t.Helper()
	for _, q := range qs {
		if q.Start < 0 || q.End > len(doc.Text) || q.Start >= q.End || doc.Text[q.Start:q.End] != q.Text {
			t.Fatalf("quote %+v does not match the text", q)
		}
		if q.Entity >= len(ents) || q.Entity < -1 || (q.Entity >= 0 && ents[q.Entity].Name != q.Speaker) {
			t.Fatalf("quote %+v: bad entity index", q)
		}
		if q.Intro.Start < 0 || q.Intro.End > len(doc.Text) || q.Intro.Start > q.Intro.End {
			t.Fatalf("quote %+v: bad intro span", q)
		}
		if si := doc.SentenceAt(q.Start); si >= 0 && doc.Sentences[si].Caption {
			t.Fatalf("quote %+v comes from a caption", q)
		}
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string // "Speaker|quote text", in order; all quotes found
		intro            []string // optional: the intro text of each quote
	}{
		{"da dash after colon", "da", "Overskrift\n\nKampene var hårde, fortæller det lokale øjenvidne Irina Mednikova:\n\n- Boligen brændte ned. Alt er væk.",
			[]string{"Irina Mednikova|Boligen brændte ned. Alt er væk."}, []string{"fortæller det lokale øjenvidne Irina Mednikova:"}},
		{"da closing clause in dash block", "da", "Overskrift\n\n- I nat forsøgte ekstremister at storme bygninger. Mange blev elimineret, har polititalsmand Saltanat Azirbek torsdag sagt i den forbindelse.",
			[]string{"Saltanat Azirbek|I nat forsøgte ekstremister at storme bygninger. Mange blev elimineret"}, []string{"har polititalsmand Saltanat Azirbek torsdag sagt i den forbindelse"}},
		{"da two dash blocks", "da", "Overskrift\n\nDet siger borgmester Sophie Andersen:\n\n- Vi er chokerede.\n\n- Byen står sammen.",
			[]string{"Sophie Andersen|Vi er chokerede.", "Sophie Andersen|Byen står sammen."}, nil},
		{"da attribution paragraph after", "da", "Overskrift\n\nFormand Lars Løkke Rasmussen var i Aarhus.\n\n- Vi skal have ro på.\n\nDet siger Lars Løkke Rasmussen til Ritzau.",
			[]string{"Lars Løkke Rasmussen|Vi skal have ro på."}, nil},
		{"da own last sentence pronoun", "da", "Overskrift\n\nØjenvidnet Irina Mednikova stod ved porten.\n\n- Alt brændte. Det siger hun.",
			[]string{"Irina Mednikova|Alt brændte."}, nil},
		{"da closing pronoun", "da", "Overskrift\n\nPolitidirektør Anne Tønnes var på stedet.\n\n- Vi har styr på det, siger hun.",
			[]string{"Anne Tønnes|Vi har styr på det"}, nil},
		{"da guillemets after", "da", "Overskrift\n\n»Vi har aldrig set noget lignende«, siger polititalsmand Saltanat Azirbek.",
			[]string{"Saltanat Azirbek|Vi har aldrig set noget lignende"}, []string{"siger polititalsmand Saltanat Azirbek"}},
		{"da guillemets before", "da", "Overskrift\n\nStatsminister Mette Frederiksen siger: »Danmark står sammen med Ukraine.«",
			[]string{"Mette Frederiksen|Danmark står sammen med Ukraine."}, nil},
		{"da straight quotes", "da", "Overskrift\n\n\"Situationen er alvorlig\", udtaler udenrigsminister Lars Løkke Rasmussen.",
			[]string{"Lars Løkke Rasmussen|Situationen er alvorlig"}, nil},
		{"da scare quotes are no quote", "da", "Overskrift\n\nPrisloftet skal 'stabilisere den socioøkonomiske situation', hedder det i erklæringen.",
			nil, nil},
		{"da ifølge", "da", "Overskrift\n\n»Tre er anholdt«, ifølge polititalsmand Saltanat Azirbek.",
			[]string{"Saltanat Azirbek|Tre er anholdt"}, nil},
		{"da dash block without speaker", "da", "Overskrift\n\nDer var kaos i byen.\n\n- Vi løb for livet.",
			[]string{"|Vi løb for livet."}, nil},
		{"da caption is no quote", "da", "Overskrift\n\nFoto: »Vi er klar«, siger Jane Doe/Ritzau Scanpix",
			nil, nil},
		{"da organisation speaker", "da", "Overskrift\n\n»Der er tale om terror«, skriver nyhedsbureauet Ritzau.",
			[]string{"Ritzau|Der er tale om terror"}, nil},
		{"da colon without speech verb", "da", "Overskrift\n\nØjenvidnet Karen Holm så flammerne fra sin altan:\n\n- Der var røg overalt.",
			[]string{"Karen Holm|Der var røg overalt."}, nil},
		{"en continued quote", "en", "Headline\n\n\"The situation is under control,\" police spokesman Saltanat Azirbek told reporters. \"Dozens were detained.\"",
			[]string{"Saltanat Azirbek|The situation is under control", "Saltanat Azirbek|Dozens were detained."}, nil},
		{"en subject with long apposition", "en", "Headline\n\nMary Jones, a British teacher who lives near the square, said: \"We heard shots all night.\"",
			[]string{"Mary Jones|We heard shots all night."}, nil},
		{"da role as speaker", "da", "Overskrift\n\n- Vi står fast på vores støtte, siger forsvarsministeren i en pressemeddelelse.",
			[]string{"forsvarsministeren|Vi står fast på vores støtte"}, nil},
		{"da compound role speaker", "da", "Overskrift\n\n- Vi finder dem, der stod bag, siger vicepolitiinspektør Rikke Holst fra Københavns Politi.",
			[]string{"Rikke Holst|Vi finder dem, der stod bag"}, nil},
		{"en fragment before and said is no quote", "en", "Headline\n\nThe minister blamed militants \"operating from abroad\" and said Pakistan would act.",
			nil, nil},
		{"en said after name", "en", "Headline\n\nPresident Joe Biden spoke on Monday. \"We will not back down,\" Biden said.",
			[]string{"Joe Biden|We will not back down"}, []string{"Biden said"}},
		{"en said before name", "en", "Headline\n\n\"It was chaos,\" said Mary Jones, a witness.",
			[]string{"Mary Jones|It was chaos"}, nil},
		{"en colon", "en", "Headline\n\nPolice spokesman John Smith said: \"Two men were arrested at the scene.\"",
			[]string{"John Smith|Two men were arrested at the scene."}, []string{"Police spokesman John Smith said:"}},
		{"en pronoun", "en", "Headline\n\nMayor Anne Hidalgo visited the site on Tuesday. \"The city will rebuild,\" she said.",
			[]string{"Anne Hidalgo|The city will rebuild"}, nil},
		{"en curly quotes", "en", "Headline\n\n“We are ready to talk,” President Joe Biden told reporters.",
			[]string{"Joe Biden|We are ready to talk"}, nil},
		{"en according to", "en", "Headline\n\n\"Three people were killed,\" according to police spokesman John Smith.",
			[]string{"John Smith|Three people were killed"}, nil},
		{"en organisation", "en", "Headline\n\n\"The situation is stable,\" the Interior Ministry said in a statement.",
			[]string{"Interior Ministry|The situation is stable"}, nil},
		{"en multi-sentence", "en", "Headline\n\n\"We are safe. We are going home,\" said Mary Jones, a witness.",
			[]string{"Mary Jones|We are safe. We are going home"}, nil},
		{"en no attribution", "en", "Headline\n\nPresident Joe Biden called it a \"historic day\" for the region.",
			nil, nil},
		{"en apostrophe inside", "en", "Headline\n\n\"The UN's report is wrong,\" said Mary Jones, a witness.",
			[]string{"Mary Jones|The UN's report is wrong"}, nil},
		{"en two quotes", "en", "Headline\n\nGen. Mark Milley spoke first. \"We are ready,\" Milley said. Police spokesman John Smith said: \"Nobody is ready.\"",
			[]string{"Mark Milley|We are ready", "John Smith|Nobody is ready."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := entitytest.Segment(tt.lang, tt.text)
			qs, ents := load(t, tt.lang).quotes(doc)
			check(t, doc, ents, qs)
			var got []string
			for _, q := range qs {
				got = append(got, q.Speaker+"|"+q.Text)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("quotes =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for i, in := range tt.intro {
				if g := doc.Text[qs[i].Intro.Start:qs[i].Intro.End]; g != in {
					t.Errorf("intro %d = %q, want %q", i, g, in)
				}
			}
		})
	}
}

func TestSeedArticle(t *testing.T) {
	b, err := os.ReadFile("../../../shared/examples/da-kasakhstan-2022-01-06.txt")
	if err != nil {
		t.Skip("seed article absent:", err)
	}
	docs := map[string]*text.Doc{"entitytest": entitytest.Segment("da", string(b))}
	if sg, err := segment.New(langpacks.FS, "da"); err == nil {
		docs["segment"] = sg.Segment(string(b))
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			qs, ents := load(t, "da").quotes(doc)
			check(t, doc, ents, qs)
			want := [][2]string{{"Irina Mednikova", "Boligen blev brændt helt ned til grunden."}, {"Saltanat Azirbek", "I nat forsøgte ekstremistiske kræfter"}}
			if len(qs) != len(want) {
				t.Fatalf("got %d quotes, want %d: %+v", len(qs), len(want), qs)
			}
			for i, w := range want {
				if qs[i].Speaker != w[0] || !strings.HasPrefix(qs[i].Text, w[1]) {
					t.Errorf("quote %d = %q %q, want %q starting %q", i, qs[i].Speaker, qs[i].Text, w[0], w[1])
				}
			}
			if strings.Contains(qs[1].Text, "polititalsmand") {
				t.Errorf("Azirbek's quote runs into the speech clause: %q", qs[1].Text)
			}
		})
	}
}

func TestEveryPackLoads(t *testing.T) {
	for _, lang := range langpacks.Languages() {
		if _, err := quote.New(langpacks.FS, lang); err != nil {
			t.Errorf("%s: %v", lang, err)
		}
	}
	if len(langpacks.Languages()) == 0 {
		t.Fatal("no packs")
	}
}

func TestBrokenTable(t *testing.T) {
	fsys := fstest.MapFS{}
	entries, err := langpacks.FS.ReadDir("da")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, _ := langpacks.FS.ReadFile("da/" + e.Name())
		fsys["xx/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	if _, err := quote.New(fsys, "xx"); err != nil {
		t.Fatalf("copy of da does not load: %v", err)
	}
	tests := []struct{ file, data, want string }{
		{"quotemarks.tsv", "open\tclose\n»\t«\nab\tcd\n", "xx/quotemarks.tsv:3: \"ab\" is not a single quotation mark"},
		{"quotemarks.tsv", "open\tclose\n»\n", "xx/quotemarks.tsv:2: row has 1 fields"},
		{"speech.tsv", "word\tkind\nsiger\tsay\nråber\tshout\n", "xx/speech.tsv:3: unknown speech kind"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			old := fsys["xx/"+tt.file]
			defer func() { fsys["xx/"+tt.file] = old }()
			fsys["xx/"+tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			_, err := quote.New(fsys, "xx")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func FuzzFind(f *testing.F) {
	f.Add("da", "Overskrift\n\nDet siger øjenvidnet Irina Mednikova:\n\n- Alt brændte. Intet er tilbage, siger hun.")
	f.Add("en", "Headline\n\n\"We are safe,\" said Mary Jones, a witness. She said: “Go home.”")
	f.Add("da", "»«\n\n\"\"\n\n- \n\n'a' '")
	p := map[string]pipeline{"da": load(f, "da"), "en": load(f, "en")}
	f.Fuzz(func(t *testing.T, lang, s string) {
		pl, ok := p[lang]
		if !ok {
			lang, pl = "da", p["da"] // the segmenter, too, needs a pack that exists
		}
		doc := entitytest.Segment(lang, s)
		qs, ents := pl.quotes(doc)
		check(t, doc, ents, qs)
	})
}
