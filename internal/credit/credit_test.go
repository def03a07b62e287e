package credit_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/urodata/uro/internal/credit"
	"github.com/urodata/uro/internal/entity/entitytest"
	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

func finder(t testing.TB, lang string) *credit.Finder {
	t.Helper()
	f, err := credit.New(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func show(c credit.Credit) string { return c.Name + "|" + strings.Join(c.Agencies, ",") }

func TestParse(t *testing.T) {
	tests := []struct {
		lang, caption string
		want          string // "Name|Agency,Agency"; "-" for no credit
		text          string // the credit text after the colon, "" to skip the check
	}{
		{"da", "Foto: Valery Sharifulin/Tass/Ritzau Scanpix", "Valery Sharifulin|Tass,Ritzau Scanpix", "Valery Sharifulin/Tass/Ritzau Scanpix"},
		{"da", "Foto: Pavel Mikheyev/Ritzau Scanpix", "Pavel Mikheyev|Ritzau Scanpix", ""},
		{"en", "Photo: Jane Doe/AP", "Jane Doe|AP", "Jane Doe/AP"},
		{"da", "(Foto: Mads Nissen/Politiken)", "Mads Nissen|Politiken", "Mads Nissen/Politiken"},
		{"da", "Foto: Ritzau Scanpix", "|Ritzau Scanpix", ""},
		{"en", "Photo: Getty Images", "|Getty Images", ""},
		{"en", "Photo: Reuters/John Smith", "John Smith|Reuters", ""},
		{"da", "Arkivfoto", "|", "Arkivfoto"},
		{"da", "Arkivfoto: Ritzau Scanpix", "|Ritzau Scanpix", ""},
		{"da", "Foto: Privat", "Privat|", "Privat"},
		{"da", "Foto: Jens Nørgaard Larsen/Ritzau Scanpix.", "Jens Nørgaard Larsen|Ritzau Scanpix", "Jens Nørgaard Larsen/Ritzau Scanpix"},
		{"da", "Foto : Liselotte Sabroe / Ritzau Scanpix", "Liselotte Sabroe|Ritzau Scanpix", ""},
		{"en", "Photo: Mary Jones | Reuters", "Mary Jones|Reuters", ""},
		{"en", "Photograph: Sean Smith/The Guardian", "Sean Smith|The Guardian", ""},
		{"da", "Billede: Anna Lund/Polfoto", "Anna Lund|Polfoto", ""},
		{"da", "Borgmesterens kontor i flammer (Foto: Valery Sharifulin/Tass)", "Valery Sharifulin|Tass", "Valery Sharifulin/Tass"},
		{"en", "Image: reuters/ap", "|reuters,ap", ""},
		{"da", "Fotoet viser en brand", "-", ""},
		{"da", "foto: uden stort bogstav", "-", ""},
		{"da", "Foto:", "-", ""},
		{"en", "The photo: nothing", "-", ""},
	}
	for _, tt := range tests {
		t.Run(tt.caption, func(t *testing.T) {
			c, ok := finder(t, tt.lang).Parse(tt.caption)
			if !ok {
				if tt.want != "-" {
					t.Fatalf("no credit found, want %q", tt.want)
				}
				return
			}
			if tt.want == "-" {
				t.Fatalf("found %+v, want no credit", c)
			}
			if got := show(c); got != tt.want {
				t.Errorf("credit = %q, want %q", got, tt.want)
			}
			if tt.text != "" && tt.caption[c.Start:c.End] != tt.text {
				t.Errorf("credit text = %q, want %q", tt.caption[c.Start:c.End], tt.text)
			}
		})
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"caption after prose", "da", "Overskrift\n\nByen brænder. Foto: Valery Sharifulin/Tass/Ritzau Scanpix\n\nMere tekst.", []string{"Valery Sharifulin|Tass,Ritzau Scanpix"}},
		{"caption block", "en", "Headline\n\nText here.\n\nPhoto: Jane Doe/AP", []string{"Jane Doe|AP"}},
		{"repeated credit once", "da", "Overskrift\n\nFoto: Alexander Bogdanov/Ritzau Scanpix\n\nTekst.\n\nFoto: Alexander Bogdanov/Ritzau Scanpix", []string{"Alexander Bogdanov|Ritzau Scanpix"}},
		{"prose is not read", "da", "Overskrift\n\nFotograf Anna Lund tog billedet. Han sagde: Foto er kunst.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := entitytest.Segment(tt.lang, tt.text)
			var got []string
			for _, c := range finder(t, tt.lang).Find(doc) {
				got = append(got, show(c))
				checkSpan(t, doc, c)
			}
			if strings.Join(got, ";") != strings.Join(tt.want, ";") {
				t.Fatalf("credits = %q, want %q", got, tt.want)
			}
		})
	}
}

func checkSpan(t *testing.T, doc *text.Doc, c credit.Credit) {
	t.Helper()
	if c.Start < 0 || c.End > len(doc.Text) || c.Start > c.End {
		t.Fatalf("credit %+v has a bad span", c)
	}
	span := doc.Text[c.Start:c.End]
	if !strings.Contains(span, c.Name) {
		t.Errorf("credit name %q not in its span %q", c.Name, span)
	}
	for _, a := range c.Agencies {
		if !strings.Contains(span, a) {
			t.Errorf("agency %q not in span %q", a, span)
		}
	}
}

func TestSeedArticle(t *testing.T) {
	b, err := os.ReadFile("../../../shared/examples/da-kasakhstan-2022-01-06.txt")
	if err != nil {
		t.Skip("seed article absent:", err)
	}
	gb, err := os.ReadFile("../../../shared/examples/da-kasakhstan-2022-01-06.gold.json")
	if err != nil {
		t.Skip("seed gold absent:", err)
	}
	var gold struct {
		Credits []struct {
			Name     string   `json:"name"`
			Agencies []string `json:"agencies"`
		} `json:"credits"`
	}
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, c := range gold.Credits {
		want = append(want, c.Name+"|"+strings.Join(c.Agencies, ","))
	}
	docs := map[string]*text.Doc{"entitytest": entitytest.Segment("da", string(b))}
	if sg, err := segment.New(langpacks.FS, "da"); err == nil {
		docs["segment"] = sg.Segment(string(b))
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			var got []string
			for _, c := range finder(t, "da").Find(doc) {
				got = append(got, show(c))
				checkSpan(t, doc, c)
			}
			if strings.Join(got, ";") != strings.Join(want, ";") {
				t.Fatalf("credits = %q, want %q", got, want)
			}
		})
	}
}

func TestEveryPackLoads(t *testing.T) {
	for _, lang := range langpacks.Languages() {
		if _, err := credit.New(langpacks.FS, lang); err != nil {
			t.Errorf("%s: %v", lang, err)
		}
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
	if _, err := credit.New(fsys, "xx"); err != nil {
		t.Fatalf("copy of da does not load: %v", err)
	}
	tests := []struct{ file, data, want string }{
		{"credits.txt", "# c\nfoto\nFoto:\n", "xx/credits.txt:3: credit word \"Foto:\""},
		{"organizations.tsv", "name\tkind\tcountry\nTass\tagency\tru\n", "xx/organizations.tsv:2: country \"ru\""},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			old := fsys["xx/"+tt.file]
			defer func() { fsys["xx/"+tt.file] = old }()
			fsys["xx/"+tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			_, err := credit.New(fsys, "xx")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func FuzzCredit(f *testing.F) {
	for _, s := range []string{"Foto: Valery Sharifulin/Tass/Ritzau Scanpix", "(Foto: Mads Nissen/Politiken)", "Arkivfoto", "Foto: //", "Foto:(", "(Foto: a)", "Photo: Reuters/John Smith"} {
		f.Add(s)
	}
	fd := finder(f, "da")
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := fd.Parse(s)
		if !ok {
			return
		}
		if c.Start < 0 || c.End > len(s) || c.Start > c.End {
			t.Fatalf("bad span %d:%d of %q", c.Start, c.End, s)
		}
		span := s[c.Start:c.End]
		if !strings.Contains(span, c.Name) {
			t.Fatalf("name %q not in span %q", c.Name, span)
		}
		for _, a := range c.Agencies {
			if a == "" || !strings.Contains(span, a) {
				t.Fatalf("agency %q not in span %q", a, span)
			}
		}
	})
}
