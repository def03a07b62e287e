package entity_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/urodata/uro/internal/entity"
	"github.com/urodata/uro/internal/entity/entitytest"
	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

func recognizer(t testing.TB, lang string) *entity.Recognizer {
	t.Helper()
	r, err := entity.New(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// show renders an entity for comparison: "P Name|Role|RoleKind", "O Name|OrgKind|Country", "L Name".
func show(e entity.Entity) string {
	switch e.Kind {
	case entity.Person:
		return fmt.Sprintf("P %s|%s|%s", e.Name, e.Role, e.RoleKind)
	case entity.Organization:
		return fmt.Sprintf("O %s|%s|%s", e.Name, e.OrgKind, e.Country)
	}
	return "L " + e.Name
}

func mentions(e entity.Entity) string {
	var ms []string
	for _, m := range e.Mentions {
		ms = append(ms, m.Kind.String()+":"+m.Text)
	}
	return e.Name + "=" + strings.Join(ms, ",")
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string // entities shown as by show, each must be found
		not              []string // names that must not be found as any entity
		ment             []string // "Name=kind:text,kind:text": all mentions of the entity
	}{
		{"da title", "da", "Overskrift\n\nPræsident Kassym-Jomart Tokayev talte torsdag til nationen.",
			[]string{"P Kassym-Jomart Tokayev|Præsident|head_of_state"}, nil, nil},
		{"da genitive stripped", "da", "Overskrift\n\nKampene fandt sted ved præsident Kassym-Jomart Tokayevs bolig i Almaty.",
			[]string{"P Kassym-Jomart Tokayev|præsident|head_of_state", "L Almaty"}, []string{"Kassym-Jomart Tokayevs"},
			[]string{"Kassym-Jomart Tokayev=name:Kassym-Jomart Tokayevs"}},
		{"da police spokesperson", "da", "Overskrift\n\nTo blev anholdt, siger polititalsmand Saltanat Azirbek.",
			[]string{"P Saltanat Azirbek|polititalsmand|police_spokesperson"}, nil, nil},
		{"da adjective before role", "da", "Overskrift\n\nDet fortæller det lokale øjenvidne Irina Mednikova til avisen.",
			[]string{"P Irina Mednikova|øjenvidne|eyewitness"}, []string{"Det"}, nil},
		{"da counterpart takes role", "da", "Overskrift\n\nPræsident Joe Biden har ringet til sin franske kollega Emmanuel Macron.",
			[]string{"P Joe Biden|Præsident|head_of_state", "P Emmanuel Macron|Præsident|head_of_state"}, nil, nil},
		{"da counterpart alone", "da", "Overskrift\n\nHun mødtes med sin kollega Anne Hidalgo i Paris.",
			[]string{"P Anne Hidalgo|kollega|counterpart", "L Paris"}, nil, nil},
		{"da pronoun", "da", "Overskrift\n\nDet siger øjenvidnet Irina Mednikova:\n\n- Alt brændte.\n\nHun fortæller videre, at mange flygtede.",
			[]string{"P Irina Mednikova|øjenvidnet|eyewitness"}, nil, []string{"Irina Mednikova=name:Irina Mednikova,pronoun:Hun"}},
		{"da pronoun ambiguous", "da", "Overskrift\n\nBorgmester Sophie Andersen mødte politidirektør Anne Tønnes. Hun var tilfreds.",
			[]string{"P Sophie Andersen|Borgmester|mayor", "P Anne Tønnes|politidirektør|police"}, nil,
			[]string{"Sophie Andersen=name:Sophie Andersen", "Anne Tønnes=name:Anne Tønnes"}},
		{"da pronoun skips possessor", "da", "Overskrift\n\nVed præsident Kassym-Jomart Tokayevs bolig stod øjenvidnet Irina Mednikova. Hun så branden.",
			nil, nil, []string{"Irina Mednikova=name:Irina Mednikova,pronoun:Hun"}},
		{"da surname later", "da", "Overskrift\n\nStatsminister Mette Frederiksen besøgte Kyiv. Frederiksen lovede mere hjælp.",
			[]string{"P Mette Frederiksen|Statsminister|head_of_government"}, nil,
			[]string{"Mette Frederiksen=name:Mette Frederiksen,surname:Frederiksen"}},
		{"da surname before full name", "da", "Beder Putin om hjælp\n\nPræsident Tokayev har bedt sin russiske kollega Vladimir Putin om hjælp.",
			[]string{"P Tokayev|Præsident|head_of_state", "P Vladimir Putin|Præsident|head_of_state"}, []string{"Beder Putin"},
			[]string{"Vladimir Putin=surname:Putin,name:Vladimir Putin"}},
		{"da caption names skipped", "da", "Overskrift\n\nBorgmesterens kontor brænder. Foto: Valery Sharifulin/Tass/Ritzau Scanpix\n\nFoto: Pavel Mikheyev/Ritzau Scanpix",
			nil, []string{"Valery Sharifulin", "Pavel Mikheyev", "Tass", "Ritzau Scanpix"}, nil},
		{"da agency descriptor", "da", "Overskrift\n\nEn betjent blev dræbt, melder nyhedsbureauet AP.",
			[]string{"O AP|agency|US"}, nil, nil},
		{"da The kept", "da", "Overskrift\n\nFlere medier, herunder The Guardian , melder om døde.",
			[]string{"O The Guardian|media|GB"}, []string{"Guardian"}, nil},
		{"da tv station", "da", "Overskrift\n\nDet skriver den russiske tv-station REN TV på Twitter.",
			[]string{"O REN TV|media|RU", "O Twitter|company|US"}, []string{"Det"}, nil},
		{"da descriptor unknown org", "da", "Overskrift\n\nDet skriver avisen Novaja Gazeta om sagen.",
			[]string{"O Novaja Gazeta|media|"}, nil, nil},
		{"da government and back-reference", "da", "Overskrift\n\nKasakhstans regering har sat et prisloft. Det fremgår af en erklæring fra regeringen.",
			[]string{"O Kasakhstans regering|government|"}, nil, []string{"Kasakhstans regering=name:Kasakhstans regering,role:regeringen"}},
		{"da city police", "da", "Overskrift\n\nKøbenhavns Politi efterlyser vidner.",
			[]string{"O Københavns Politi|police|"}, nil, nil},
		{"da ministry compound", "da", "Overskrift\n\nUdenrigsministeriet fraråder rejser til landet.",
			[]string{"O Udenrigsministeriet|ministry|"}, nil, nil},
		{"da places and genitive", "da", "Demonstranterne i Kasakhstans største by er vrede\n\nUroen i Kasakhstan fortsætter. Kasakhstan har bedt om hjælp fra Rusland.",
			[]string{"L Kasakhstan", "L Rusland"}, []string{"Kasakhstans"},
			[]string{"Kasakhstan=name:Kasakhstans,name:Kasakhstan,name:Kasakhstan"}},
		{"da role-only reference", "da", "Overskrift\n\nStatsminister Mette Frederiksen holdt tale. Senere sagde statsministeren, at hjælpen kommer.",
			nil, nil, []string{"Mette Frederiksen=name:Mette Frederiksen,role:statsministeren"}},
		{"da role-only ambiguous", "da", "Overskrift\n\nPræsident Joe Biden ringede til præsident Emmanuel Macron. Præsidenten var glad.",
			nil, nil, []string{"Joe Biden=name:Joe Biden", "Emmanuel Macron=name:Emmanuel Macron"}},
		{"da speech verb without role", "da", "Overskrift\n\nVi er klar, siger Lars Løkke Rasmussen.",
			[]string{"P Lars Løkke Rasmussen||"}, nil, nil},
		{"da ifølge", "da", "Overskrift\n\nIfølge Ritzau er tre døde.",
			[]string{"O Ritzau|agency|DK"}, []string{"Ifølge Ritzau"}, nil},
		{"da headline counts", "da", "Statsminister Mette Frederiksen besøger Kyiv\n\nBesøget var hemmeligt.",
			[]string{"P Mette Frederiksen|Statsminister|head_of_government"}, nil, nil},
		{"da quote block counts", "da", "Overskrift\n\nHan sagde:\n\n- Jeg har talt med præsident Volodymyr Zelenskyj i dag.",
			[]string{"P Volodymyr Zelenskyj|præsident|head_of_state"}, nil, nil},
		{"da no cue no person", "da", "Overskrift\n\nBøjer sig\n\nRegeringsbygninger står i flammer. Officielle kilder melder om døde.",
			nil, []string{"Bøjer", "Regeringsbygninger", "Officielle"}, nil},
		{"da name ending in s before verb", "da", "Overskrift\n\nPolitidirektør Anne Tønnes var på stedet.",
			[]string{"P Anne Tønnes|Politidirektør|police"}, []string{"Anne Tønne"}, nil},
		{"da role before comma is not apposition", "da", "Overskrift\n\nKampe i det centrale Almaty, fortæller det lokale øjenvidne Irina Mednikova.",
			[]string{"P Irina Mednikova|øjenvidne|eyewitness"}, nil, nil},
		{"da definite role as title", "da", "Overskrift\n\nDet siger øjenvidnet Karen Holm.",
			[]string{"P Karen Holm|øjenvidnet|eyewitness"}, nil, nil},
		{"en subject with long apposition", "en", "Headline\n\nMary Jones, a British teacher who lives near the square, said the shooting lasted hours.",
			[]string{"P Mary Jones||"}, nil, nil},
		{"en apposition role with complement", "en", "Headline\n\n\"It is a right,\" said Marie Struthers, a director at the group.",
			[]string{"P Marie Struthers|director|official"}, nil, nil},
		{"da compound role", "da", "Overskrift\n\nDet siger vicepolitiinspektør Rikke Holst fra Københavns Politi.",
			[]string{"P Rikke Holst|vicepolitiinspektør|police", "O Københavns Politi|police|"}, nil, nil},
		{"da description after speech verb", "da", "Overskrift\n\nVi går ikke hjem, siger den 22-årige studerende Nino Beridze.",
			[]string{"P Nino Beridze|studerende|resident"}, nil, nil},
		{"da unknown description after speech verb", "da", "Overskrift\n\nDer var et brag, siger kioskejeren Abdul Wahid Noori til nyhedsbureauet AFP.",
			[]string{"P Abdul Wahid Noori|kioskejeren|", "O AFP|agency|FR"}, nil, nil},
		{"da compound descriptor", "da", "Overskrift\n\nNødhjælpsorganisationen Emergency driver hospitalet.",
			[]string{"O Emergency|ngo|"}, []string{"Nødhjælpsorganisationen Emergency"}, nil},
		{"en clause after place is no apposition", "en", "Headline\n\nGunmen attacked a checkpoint in Tank, killing one officer, police said.",
			[]string{"L Tank"}, nil, nil},
		{"en possessor apposition", "en", "Headline\n\n\"We will stay,\" said Hassan Nur Elmi, Galmudug's regional security minister.",
			[]string{"P Hassan Nur Elmi|minister|minister"}, nil, nil},
		{"en organisation head words", "en", "Headline\n\nThe World Food Programme said aid was running out. The Home Office said it was monitoring.",
			[]string{"O World Food Programme|international|", "O Home Office|government|"}, nil, nil},
		{"en non-initial run before clause", "en", "Headline\n\nA bomb hit a convoy near El Dher, killing four, an officer said.",
			[]string{"L El Dher"}, nil, nil},
		{"en rank", "en", "Headline\n\nChief Superintendent David Marsh said the disorder was criminal.",
			[]string{"P David Marsh|Chief Superintendent|police"}, []string{"Chief Superintendent David Marsh"}, nil},
		{"en title", "en", "Headline\n\nPresident Joe Biden said the talks would go on.",
			[]string{"P Joe Biden|President|head_of_state"}, nil, nil},
		{"en police spokesman before", "en", "Headline\n\nPolice spokesman John Smith said two men were held.",
			[]string{"P John Smith|Police spokesman|police_spokesperson"}, []string{"Police"}, nil},
		{"en apposition", "en", "Headline\n\nJohn Smith, a police spokesman, said two men were held.",
			[]string{"P John Smith|police spokesman|police_spokesperson"}, nil, nil},
		{"en said name witness", "en", "Headline\n\n\"It was chaos,\" said Mary Jones, a witness.",
			[]string{"P Mary Jones|witness|eyewitness"}, nil, nil},
		{"en abbreviated title", "en", "Headline\n\nGen. Mark Milley told lawmakers the plan had failed.",
			[]string{"P Mark Milley|Gen.|military"}, nil, nil},
		{"en multiword title", "en", "Headline\n\nPrime Minister Boris Johnson resigned on Thursday.",
			[]string{"P Boris Johnson|Prime Minister|head_of_government"}, []string{"Thursday"}, nil},
		{"en genitive", "en", "Headline\n\nPresident Joe Biden spoke. Biden's aides declined to comment.",
			nil, []string{"Biden's"}, []string{"Joe Biden=name:Joe Biden,surname:Biden's"}},
		{"en pronoun", "en", "Headline\n\nThe mayor, Anne Hidalgo, visited the site. Mayor Anne Hidalgo was moved. She said the city would rebuild.",
			nil, nil, []string{"Anne Hidalgo=role:The mayor,name:Anne Hidalgo,name:Anne Hidalgo,pronoun:She"}},
		{"en role-only", "en", "Headline\n\nPresident Kassym-Jomart Tokayev asked for help. Later the president thanked Moscow.",
			nil, nil, []string{"Kassym-Jomart Tokayev=name:Kassym-Jomart Tokayev,role:the president"}},
		{"en government", "en", "Headline\n\nThe Kazakh government capped fuel prices. The government said the cap was temporary.",
			[]string{"O Kazakh government|government|"}, nil, []string{"Kazakh government=name:Kazakh government,role:The government"}},
		{"en police force", "en", "Headline\n\nThe Metropolitan Police arrested three men.",
			[]string{"O Metropolitan Police|police|"}, nil, nil},
		{"en agency", "en", "Headline\n\nThree were killed, news agency Reuters reported.",
			[]string{"O Reuters|agency|GB"}, nil, nil},
		{"en month is no place", "en", "Headline\n\nProtests began in January in Almaty.",
			[]string{"L Almaty"}, []string{"January"}, nil},
		{"en newspaper with The", "en", "Headline\n\nThe New York Times reported the deal.",
			[]string{"O The New York Times|media|US"}, nil, nil},
		{"en ngo", "en", "Headline\n\nAmnesty International called for an inquiry.",
			[]string{"O Amnesty International|ngo|"}, nil, nil},
		{"en no cue no person", "en", "Headline\n\nHeavy Rain fell across the region.",
			nil, []string{"Heavy Rain", "Heavy"}, nil},
		{"en caption skipped", "en", "Headline\n\nProtesters gather. Photo: Jane Doe/AP",
			nil, []string{"Jane Doe", "AP"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ents := recognizer(t, tt.lang).Find(entitytest.Segment(tt.lang, tt.text))
			got := map[string]bool{}
			names := map[string]entity.Entity{}
			for _, e := range ents {
				got[show(e)] = true
				names[e.Name] = e
				checkMentions(t, tt.text, e)
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("missing %q; got %v", w, keysOf(got))
				}
			}
			for _, n := range tt.not {
				if _, ok := names[n]; ok {
					t.Errorf("found unwanted entity %q", n)
				}
			}
			for _, m := range tt.ment {
				name := m[:strings.Index(m, "=")]
				e, ok := names[name]
				if !ok {
					t.Errorf("no entity %q for mentions; got %v", name, keysOf(got))
					continue
				}
				if g := mentions(e); g != m {
					t.Errorf("mentions = %q, want %q", g, m)
				}
			}
		})
	}
}

func checkMentions(t *testing.T, s string, e entity.Entity) {
	t.Helper()
	if len(e.Mentions) == 0 {
		t.Errorf("%s has no mentions", e.Name)
	}
	for _, m := range e.Mentions {
		if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
			t.Errorf("%s: mention %+v does not match the text", e.Name, m)
		}
	}
}

func keysOf(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// seedDocs segments the seed article with the test segmenter and, where it
// builds, the real one.
func seedDocs(t *testing.T) map[string]*text.Doc {
	b, err := os.ReadFile("../../../shared/examples/da-kasakhstan-2022-01-06.txt")
	if err != nil {
		t.Skip("seed article absent:", err)
	}
	docs := map[string]*text.Doc{"entitytest": entitytest.Segment("da", string(b))}
	if sg, err := segment.New(langpacks.FS, "da"); err == nil {
		docs["segment"] = sg.Segment(string(b))
	}
	return docs
}

func TestSeedArticle(t *testing.T) {
	for seg, doc := range seedDocs(t) {
		t.Run(seg, func(t *testing.T) {
			ents := recognizer(t, "da").Find(doc)
			var persons []string
			byName := map[string]entity.Entity{}
			for _, e := range ents {
				byName[e.Name] = e
				if e.Kind == entity.Person {
					persons = append(persons, e.Name+"|"+e.Role)
				}
			}
			want := []string{"Kassym-Jomart Tokayev|præsident", "Irina Mednikova|øjenvidne", "Saltanat Azirbek|polititalsmand", "Vladimir Putin|præsident"}
			if strings.Join(persons, ";") != strings.Join(want, ";") {
				t.Errorf("persons = %q, want %q", persons, want)
			}
			if got := mentions(byName["Irina Mednikova"]); got != "Irina Mednikova=name:Irina Mednikova,pronoun:Hun" {
				t.Errorf("Mednikova mentions = %q", got)
			}
			for _, w := range []string{"O AP|agency|US", "O The Guardian|media|GB", "O REN TV|media|RU", "O Kasakhstans regering|government|", "L Almaty", "L Kasakhstan", "L Rusland"} {
				found := false
				for _, e := range ents {
					found = found || show(e) == w
				}
				if !found {
					t.Errorf("missing %q", w)
				}
			}
		})
	}
}

func TestEveryPackLoads(t *testing.T) {
	langs := langpacks.Languages()
	if len(langs) == 0 {
		t.Fatal("no language packs")
	}
	for _, lang := range langs {
		if _, err := entity.New(langpacks.FS, lang); err != nil {
			t.Errorf("%s: %v", lang, err)
		}
	}
}

func TestBrokenTable(t *testing.T) {
	good := fstest.MapFS{}
	for _, f := range []string{"roles.tsv", "organizations.tsv", "orgwords.tsv", "speech.tsv", "pronouns.tsv", "entitywords.tsv"} {
		b, err := langpacks.FS.ReadFile("da/" + f)
		if err != nil {
			t.Fatal(err)
		}
		good["xx/"+f] = &fstest.MapFile{Data: b}
	}
	if _, err := entity.New(good, "xx"); err != nil {
		t.Fatalf("copy of da does not load: %v", err)
	}
	tests := []struct{ file, data, want string }{
		{"roles.tsv", "word\tkind\tform\npræsident\thead_of_state\nkonge\tmonarch\n", "xx/roles.tsv:3: unknown role kind \"monarch\""},
		{"roles.tsv", "word\tkind\tform\npræsident\thead_of_state\tplural\n", "xx/roles.tsv:2: unknown role form"},
		{"organizations.tsv", "name\tkind\tcountry\n# c\nTass\tagency\tRUS\n", "xx/organizations.tsv:3: country \"RUS\""},
		{"organizations.tsv", "name\tkind\tcountry\nTass\tnewswire\n", "xx/organizations.tsv:2: unknown organisation kind"},
		{"orgwords.tsv", "word\tkind\tuse\npoliti\tpolice\tafter\n", "xx/orgwords.tsv:2: unknown use"},
		{"speech.tsv", "word\tkind\nsiger\tsay\nråber\tshout\n", "xx/speech.tsv:3: unknown speech kind"},
		{"pronouns.tsv", "word\tgender\tnumber\nhun\tf\tdual\n", "xx/pronouns.tsv:2: unknown number"},
		{"entitywords.tsv", "word\tkind\nvan\tparticle\n", "xx/entitywords.tsv:2: unknown word kind"},
		{"roles.tsv", "word\tkind\npræsident\thead_of_state\n", "xx/roles.tsv:1: header"},
		{"roles.tsv", "word\tkind\tform\npræsident\thead_of_state\nminister\tminister\nPræsident\thead_of_state\n", "xx/roles.tsv:4: \"Præsident\" is listed twice"},
		{"entitywords.tsv", "word\tkind\n's\tgenitive\nen\tarticle\nvan\tparticle\n", "xx/entitywords.tsv:4: unknown word kind"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range good {
				fsys[k] = v
			}
			fsys["xx/"+tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			_, err := entity.New(fsys, "xx")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
