package article

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestHTMLGolden reads every testdata/*.html page and compares the article
// with testdata/<page>.golden.json.
func TestHTMLGolden(t *testing.T) {
	pages, _ := filepath.Glob("testdata/*.html")
	if len(pages) < 3 {
		t.Fatalf("want at least 3 test pages, have %d", len(pages))
	}
	for _, page := range pages {
		t.Run(filepath.Base(page), func(t *testing.T) {
			a, err := ReadFile(context.Background(), page, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.MarshalIndent(a, "", "  ")
			golden := strings.TrimSuffix(page, ".html") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if strings.TrimSpace(string(want)) != string(got) {
				t.Errorf("%s differs from golden:\n%s", page, got)
			}
		})
	}
}

// TestHTMLFacts states by hand what the golden files must show, so that an
// -update cannot silently bless a regression.
func TestHTMLFacts(t *testing.T) {
	tests := []struct {
		page, title, site, author, lang string
		published                       string
		blocks                          int
		must, mustNot                   []string
	}{
		{"da-brand.html", "Brand i lagerhal i Odense: 40 evakueret", "Fyns Dagblad", "Mette Kjær", "da", "2023-03-14", 7,
			[]string{"\n\nIngen kom til skade\n\n", "Brand & Redning Fyn", "vende hjem igen ved seks-tiden tirsdag morgen."},
			[]string{"Forside", "Log ind", "Læs også", "Cookiepolitik", "Trafikuheld"}},
		{"en-protest.html", "Thousands march in Manchester over hospital closures", "Northern Ledger", "Priya Shah", "en", "2024-05-18", 8,
			[]string{"\n\nThe first closure is planned for January.\n\nA public consultation runs until 30 June.\n\n", "\"These closures would"},
			[]string{"cookies", "Share on", "newsletter", "Copyright", "Weather"}},
		{"da-kort.html", "Bøjer sig", "Avisen", "", "", "2022-01-06", 3,
			[]string{"Bøjer sig\n\nRegeringen har torsdag sat et prisloft på gas"},
			[]string{"Forside", "Indland", "©"}},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			a, err := ReadFile(context.Background(), filepath.Join("testdata", tt.page), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title || a.Site != tt.site || a.Author != tt.author || a.LangHint != tt.lang {
				t.Errorf("title %q site %q author %q langhint %q", a.Title, a.Site, a.Author, a.LangHint)
			}
			if got := a.Published.Format(time.DateOnly); got != tt.published || a.Published.Location() != time.UTC || a.Published.Hour() != 0 {
				t.Errorf("published %v, want %s UTC midnight", a.Published, tt.published)
			}
			if !strings.HasPrefix(a.Text, tt.title+"\n\n") {
				t.Errorf("text does not start with the headline block: %q", a.Text)
			}
			if strings.Count(a.Text, tt.title) != 1 {
				t.Errorf("headline repeated in %q", a.Text)
			}
			if n := len(strings.Split(a.Text, "\n\n")); n != tt.blocks {
				t.Errorf("%d blocks, want %d: %q", n, tt.blocks, a.Text)
			}
			for _, m := range tt.must {
				if !strings.Contains(a.Text, m) {
					t.Errorf("text lacks %q: %q", m, a.Text)
				}
			}
			for _, m := range tt.mustNot {
				if strings.Contains(a.Text, m) {
					t.Errorf("text has junk %q: %q", m, a.Text)
				}
			}
			if Normalize(a.Text) != a.Text {
				t.Errorf("text not normalised")
			}
		})
	}
}

func TestHTMLBlocks(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"br splits", "<p>Første linje om sagen.<br>Anden linje<br><br>Nyt afsnit her med mere tekst om sagen.</p>", "Første linje om sagen.\n\nAnden linje\n\nNyt afsnit her med mere tekst om sagen."},
		{"div with direct text", "<div>Tekst direkte i en div om strejken på havnen.<p>Og et afsnit om strejken.</p></div>", "Tekst direkte i en div om strejken på havnen.\n\nOg et afsnit om strejken."},
		{"inline kept together", "<p>Politiet <b>anholdt</b> <a href=\"#\">tre</a> personer i nat ved havnen.</p>", "Politiet anholdt tre personer i nat ved havnen."},
		{"table rows", "<table><tr><td>Dræbte</td><td>12</td></tr><tr><td>Sårede</td><td>400</td></tr></table><p>Tallene kommer fra myndighederne i Almaty.</p>", "Dræbte 12\n\nSårede 400\n\nTallene kommer fra myndighederne i Almaty."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><head><title>Sag</title></head><body><article>" + tt.body + "</article></body></html>"
			a, err := HTML(context.Background(), "t.html", []byte(page), "")
			if err != nil {
				t.Fatal(err)
			}
			if want := "Sag\n\n" + tt.want; a.Text != want {
				t.Errorf("text %q, want %q", a.Text, want)
			}
		})
	}
}

func TestHTMLCharset(t *testing.T) {
	page := []byte("<html><head><meta charset=\"iso-8859-1\"><title>Gr\xf8nland</title></head><body><article><p>Regeringen i Nuuk har s\xe6rlige planer for fiskeriet i \xe5r.</p></article></body></html>")
	a, err := HTML(context.Background(), "l.html", page, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "særlige planer for fiskeriet i år") || a.Title != "Grønland" {
		t.Errorf("text %q title %q", a.Text, a.Title)
	}
	if len(a.Warnings) != 1 || !strings.Contains(a.Warnings[0], "windows-1252") {
		t.Errorf("warnings %q", a.Warnings)
	}
}

func FuzzHTML(f *testing.F) {
	pages, _ := filepath.Glob("testdata/*.html")
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("<html><body><p>a<br><br>b</p></body></html>"))
	f.Add([]byte("<title>x</title><pre>a\n\nb</pre><table><tr><td>1</td></tr></table>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := HTML(context.Background(), "f.html", data, "")
		if err != nil {
			if a != nil {
				t.Fatal("article with error")
			}
			return
		}
		checkNormal(t, a.Text)
		if a.Text == "" || Normalize(a.Text) != a.Text {
			t.Fatalf("text not normalised: %q", a.Text)
		}
		for _, s := range []string{a.Title, a.Site, a.Author} {
			if !utf8.ValidString(s) || strings.Contains(s, "\n") {
				t.Fatalf("bad metadata field %q", s)
			}
		}
		if a.Title != "" && firstBlock(a.Text) != a.Title && !strings.EqualFold(firstBlock(a.Text), a.Title) {
			t.Fatalf("title %q is not the first block of %q", a.Title, a.Text)
		}
		if !a.Published.IsZero() && (a.Published.Location() != time.UTC || a.Published.Hour() != 0) {
			t.Fatalf("published %v", a.Published)
		}
	})
}

func BenchmarkHTML(b *testing.B) {
	data, err := os.ReadFile("testdata/en-protest.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := HTML(context.Background(), "p.html", data, ""); err != nil {
			b.Fatal(err)
		}
	}
}
