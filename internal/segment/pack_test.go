package segment

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/urodata/uro/langpacks"
)

func TestLoadEveryPack(t *testing.T) {
	langs := langpacks.Languages()
	if len(langs) == 0 {
		t.Fatal("no language packs")
	}
	for _, lang := range langs {
		s, err := New(langpacks.FS, lang)
		if err != nil {
			t.Errorf("%s: %v", lang, err)
			continue
		}
		if s.Lang() != lang || len(s.abbr) == 0 || len(s.starters) == 0 || len(s.credits) == 0 || len(s.months) < 12 {
			t.Errorf("%s: pack loaded thin: %d abbreviations, %d starters, %d credits, %d months",
				lang, len(s.abbr), len(s.starters), len(s.credits), len(s.months))
		}
		// Every pack must split its own plain sentences.
		if d := s.Segment("H\n\nA b. C d."); len(d.Sentences) != 3 {
			t.Errorf("%s: %d sentences in a two-sentence text", lang, len(d.Sentences))
		}
	}
}

// goodPack is a minimal valid pack in "xx/".
func goodPack() fstest.MapFS {
	return fstest.MapFS{
		"xx/abbreviations.tsv": {Data: []byte("abbreviation\tkind\nbl.a.\tinner\nosv.\tfinal\n")},
		"xx/starters.txt":      {Data: []byte("det\n")},
		"xx/credits.txt":       {Data: []byte("foto\n")},
		"xx/months.tsv":        {Data: []byte("word\tmonth\njanuar\t1\n")},
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := New(goodPack(), "xx"); err != nil {
		t.Fatalf("good pack: %v", err)
	}
	for _, tc := range []struct {
		file, data string
		want       string // in the error
	}{
		{"xx/abbreviations.tsv", "abbreviation\tkind\nbl.a.\tinner\nosv.\tsometimes\n", "xx/abbreviations.tsv:3: unknown kind"},
		{"xx/abbreviations.tsv", "# c\nabbreviation\tkind\nbla\tinner\n", "xx/abbreviations.tsv:3: abbreviation \"bla\""},
		{"xx/abbreviations.tsv", "abbreviation\tkind\nbl. a.\tinner\n", "xx/abbreviations.tsv:2: abbreviation \"bl. a.\" has a space"},
		{"xx/abbreviations.tsv", "abbreviation\tkind\nMr.\tinner\n", "xx/abbreviations.tsv:2: abbreviation \"Mr.\" must be lower-case"},
		{"xx/abbreviations.tsv", "abbreviation\tkind\nca.\tinner\n\nca.\tfinal\n", "xx/abbreviations.tsv:4: abbreviation \"ca.\" is listed twice"},
		{"xx/abbreviations.tsv", "abbreviation\tkind\nca.\n", "xx/abbreviations.tsv:2: row has 1 fields"},
		{"xx/abbreviations.tsv", "word\tkind\nca.\tinner\n", "xx/abbreviations.tsv:1: header"},
		{"xx/starters.txt", "det\nden\n\nder er\n", "xx/starters.txt:4: entry \"der er\""},
		{"xx/starters.txt", "det\nDen\n", "xx/starters.txt:2: entry \"Den\" must be lower-case"},
		{"xx/credits.txt", "foto\nfoto:\n", "xx/credits.txt:2: entry \"foto:\""},
		{"xx/credits.txt", "foto\nfoto\n", "xx/credits.txt:2: entry \"foto\" is listed twice"},
		{"xx/months.tsv", "word\tmonth\njanuar\t1\nfebruar\t13\n", "xx/months.tsv:3: month \"13\""},
		{"xx/months.tsv", "word\tmonth\nJanuar\t1\n", "xx/months.tsv:2: month word \"Januar\""},
		{"xx/months.tsv", "word\tmonth\njan\t1\njan.\t1\njan\t1\n", "xx/months.tsv:4: month word \"jan\" is listed twice"},
	} {
		fsys := goodPack()
		fsys[tc.file] = &fstest.MapFile{Data: []byte(tc.data)}
		_, err := New(fsys, "xx")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %q: error %v, want one containing %q", tc.file, tc.data, err, tc.want)
		}
	}
	for _, file := range []string{"xx/abbreviations.tsv", "xx/starters.txt", "xx/credits.txt", "xx/months.tsv"} {
		fsys := goodPack()
		delete(fsys, file)
		if _, err := New(fsys, "xx"); err == nil || !strings.Contains(err.Error(), file) {
			t.Errorf("without %s: error %v, want one naming the file", file, err)
		} else if !strings.Contains(err.Error(), fs.ErrNotExist.Error()) {
			t.Errorf("without %s: error %v does not wrap not-exist", file, err)
		}
	}
}
