package geocode

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/langpacks"
)

func TestLoadEveryPack(t *testing.T) {
	langs := langpacks.Languages()
	if len(langs) == 0 {
		t.Fatal("no language packs")
	}
	for _, lang := range langs {
		c := coder(t, lang)
		if len(c.p.names) < 200 || len(c.p.demonyms) < 150 || len(c.p.patterns) == 0 || len(c.p.triggers) == 0 {
			t.Errorf("%s: thin pack: %d names, %d demonyms, %d patterns, %d triggers", lang, len(c.p.names), len(c.p.demonyms), len(c.p.patterns), len(c.p.triggers))
		}
	}
}

// goodPack is a minimal valid pack; tests break one file at a time.
func goodPack() fstest.MapFS {
	return fstest.MapFS{
		"xx/places.tsv":         {Data: []byte("name\tkind\tcountry\tref\nMoskva\tplace\tRU\t524901\nRusland\tcountry\tRU\nTeksas\tadmin1\tUS\tTX\n")},
		"xx/demonyms.tsv":       {Data: []byte("word\tcountry\tform\nrussisk\tRU\tadjective\n")},
		"xx/inflections.tsv":    {Data: []byte("kind\tsuffix\ngenitive\ts\nadjective\te\n")},
		"xx/place_patterns.tsv": {Data: []byte("kind\tpattern\nlargest\t{country} største by\ntrigger\ti\n")},
		"xx/not_places.txt":     {Data: []byte("Her\n")},
	}
}

func TestLoadErrors(t *testing.T) {
	g, err := sharedGaz()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(g, goodPack(), "xx"); err != nil {
		t.Fatalf("good pack: %v", err)
	}
	for _, tc := range []struct {
		file, data, want string
	}{
		{"xx/places.tsv", "name\tkind\tcountry\tref\nMoskva\tby\tRU\t524901\n", "xx/places.tsv:2: unknown kind \"by\""},
		{"xx/places.tsv", "name\tkind\tcountry\tref\nMoskva\tplace\tRU\t1\n", "xx/places.tsv:2: no place with GeoNames id 1"},
		{"xx/places.tsv", "name\tkind\tcountry\tref\nMoskva\tplace\tDK\t524901\n", "xx/places.tsv:2: GeoNames 524901 (Moscow) is in RU, not DK"},
		{"xx/places.tsv", "# comment\nname\tkind\tcountry\tref\nRusland\tcountry\tXX\n", "xx/places.tsv:3: unknown country code \"XX\""},
		{"xx/places.tsv", "name\tkind\tcountry\tref\nTeksas\tadmin1\tUS\tQQ\n", "xx/places.tsv:2: no admin-1 region \"QQ\" in US"},
		{"xx/places.tsv", "name\tkind\tcountry\tref\nMoskva\tplace\tRU\tabc\n", "xx/places.tsv:2: place ref \"abc\" is not a GeoNames id"},
		{"xx/places.tsv", "name\tkind\tcountry\n", "xx/places.tsv:1: header is"},
		{"xx/demonyms.tsv", "word\tcountry\tform\nrussisk\tRU\tverb\n", "xx/demonyms.tsv:2: unknown form \"verb\""},
		{"xx/demonyms.tsv", "word\tcountry\tform\nrussisk\tR\tadjective\n", "xx/demonyms.tsv:2: unknown country code \"R\""},
		{"xx/inflections.tsv", "kind\tsuffix\nplural\ts\n", "xx/inflections.tsv:2: unknown kind \"plural\""},
		{"xx/place_patterns.tsv", "kind\tpattern\nbiggest\tstørste by\n", "xx/place_patterns.tsv:2: unknown kind \"biggest\""},
		{"xx/place_patterns.tsv", "kind\tpattern\nlargest\t{land} største by\n", "xx/place_patterns.tsv:2: unknown slot {land}"},
		{"xx/place_patterns.tsv", "kind\tpattern\ntrigger\ti {country}\n", "xx/place_patterns.tsv:2: only largest and capital patterns take slots"},
		{"xx/not_places.txt", "", ""},
	} {
		fsys := goodPack()
		fsys[tc.file] = &fstest.MapFile{Data: []byte(tc.data)}
		_, err := New(g, fsys, "xx")
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.file, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s with %q: error %v, want %q", tc.file, tc.data, err, tc.want)
		}
		var te *table.Error
		if strings.Contains(tc.want, ".tsv:") && !errors.As(err, &te) {
			t.Errorf("%s: error %v is not a *table.Error", tc.file, err)
		}
	}
	// A missing file is an error that names it.
	fsys := goodPack()
	delete(fsys, "xx/demonyms.tsv")
	if _, err := New(g, fsys, "xx"); err == nil || !strings.Contains(err.Error(), "xx/demonyms.tsv") {
		t.Errorf("missing demonyms.tsv: %v", err)
	}
	if _, err := New(nil, fsys, "xx"); err == nil {
		t.Error("New(nil gazetteer) succeeded")
	}
}

func TestDemonym(t *testing.T) {
	for _, tc := range []struct{ lang, word, want string }{
		{"da", "russisk", "RU"}, {"da", "russiske", "RU"}, {"da", "Russiske", "RU"},
		{"da", "kasakhisk", "KZ"}, {"da", "kasakhiske", "KZ"}, {"da", "russerne", "RU"},
		{"da", "amerikanere", "US"}, {"da", "georgiske", "GE"}, {"da", "nordmænd", "NO"},
		{"da", "ukrainske", "UA"}, {"da", "somaliske", "SO"}, {"da", "armenske", "AM"},
		{"en", "Russian", "RU"}, {"en", "Russians", "RU"}, {"en", "Kazakh", "KZ"},
		{"en", "Kazakhs", "KZ"}, {"en", "Georgian", "GE"}, {"en", "Frenchmen", "FR"},
		{"en", "Ethiopian", "ET"}, {"en", "Uzbek", "UZ"}, {"en", "Azeri", "AZ"},
	} {
		if got, ok := coder(t, tc.lang).Demonym(tc.word); !ok || got != tc.want {
			t.Errorf("%s Demonym(%q) = %q %v, want %s", tc.lang, tc.word, got, ok, tc.want)
		}
	}
	// Every demonym the packs list is found as written, capitalised, in
	// capitals and with letters that fold to its own.
	for _, lang := range langpacks.Languages() {
		g := coder(t, lang)
		for k, want := range g.p.demonyms {
			accented := strings.NewReplacer("o", "ó", "e", "é").Replace(k) + "’"
			r, n := utf8.DecodeRuneInString(k)
			capital := string(unicode.ToUpper(r)) + k[n:]
			for _, w := range []string{k, capital, strings.ToUpper(k), accented} {
				if got, ok := g.Demonym(w); !ok || got != want {
					t.Errorf("%s Demonym(%q) = %q %v, want %s", lang, w, got, ok, want)
				}
			}
		}
	}
	for _, w := range []string{"", "hus", "Almaty", strings.Repeat("x", 10000)} {
		if cc, ok := coder(t, "da").Demonym(w); ok {
			t.Errorf("Demonym(%.20q) = %s", w, cc)
		}
	}
}
