package event

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/langpacks"
)

// TestEveryPackLoads: every language pack has valid event tables.
func TestEveryPackLoads(t *testing.T) {
	langs := langpacks.Languages()
	if len(langs) == 0 {
		t.Fatal("no packs")
	}
	for _, lang := range langs {
		d, err := New(langpacks.FS, lang, nil)
		if err != nil {
			t.Errorf("%s: %v", lang, err)
			continue
		}
		if len(d.triggers) < 50 || len(d.cueRows) < 10 || len(d.actorKs) < 10 {
			t.Errorf("%s: suspiciously small tables: %d triggers, %d cues, %d actors", lang, len(d.triggers), len(d.cueRows), len(d.actorKs))
		}
	}
}

func TestCodebookLoads(t *testing.T) {
	cb, err := loadCodebook(codebookData)
	if err != nil {
		t.Fatal(err)
	}
	if len(cb.acled) == 0 || len(cb.entity) == 0 {
		t.Fatalf("empty codebook: %d acled rows, %d entity rows", len(cb.acled), len(cb.entity))
	}
}

const (
	goodTriggers = "pattern\tkind\ttype\tmode\tacled\tframe\tcontext\nanholdt*\tevent\tCOERCE\tarrest\tArrests\tagent\n"
	goodCues     = "pattern\tkind\tbefore\tafter\nikke\tnegated\n"
	goodActors   = "pattern\tkind\npolitiet\tpolice\n"
)

// TestBrokenTables: a bad row is reported with its file and line.
func TestBrokenTables(t *testing.T) {
	cases := []struct {
		name, file, data, want string
	}{
		{"unknown kind", TriggersFile, goodTriggers + "storm*\tmaybe\tASSAULT\n", "xx/events.tsv:3: unknown trigger kind"},
		{"unknown type", TriggersFile, goodTriggers + "storm*\tevent\tATTACK\n", "xx/events.tsv:3: unknown PLOVER type"},
		{"mode of other type", TriggersFile, goodTriggers + "storm*\tevent\tASSAULT\tarrest\n", "xx/events.tsv:3: mode \"arrest\""},
		{"bad acled", TriggersFile, "# c\n" + goodTriggers + "storm*\tevent\tASSAULT\t-\tRiot\n", "xx/events.tsv:4: unknown ACLED"},
		{"bad frame", TriggersFile, goodTriggers + "storm*\tevent\tASSAULT\t-\t-\tsubject\n", "xx/events.tsv:3: unknown frame"},
		{"bad context", TriggersFile, goodTriggers + "storm*\tevent\tASSAULT\t-\t-\tagent\tweather\n", "xx/events.tsv:3: unknown context"},
		{"short stem", TriggersFile, goodTriggers + "st*\tevent\tASSAULT\n", "xx/events.tsv:3: pattern"},
		{"leading gap", TriggersFile, goodTriggers + "~ ild\tevent\tASSAULT\n", "xx/events.tsv:3: pattern"},
		{"block with type", TriggersFile, goodTriggers + "kampen mod\tblock\tASSAULT\n", "xx/events.tsv:3: a block row"},
		{"missing column", TriggersFile, goodTriggers + "storm*\tevent\n", "xx/events.tsv:3"},
		{"unknown cue", CuesFile, goodCues + "måske\tperhaps\n", "xx/event_cues.tsv:3: unknown cue kind"},
		{"bad window", CuesFile, goodCues + "måske\thypothetical\tfem\n", "xx/event_cues.tsv:3: before"},
		{"unknown party", ActorsFile, goodActors + "soldater\tarmy\n", "xx/event_actors.tsv:3: unknown party kind"},
		{"bad word order", "pack.tsv", "key\tvalue\nverb_second\tsometimes\n", "xx/pack.tsv:2: verb_second"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"xx/" + TriggersFile: {Data: []byte(goodTriggers)},
				"xx/" + CuesFile:     {Data: []byte(goodCues)},
				"xx/" + ActorsFile:   {Data: []byte(goodActors)},
			}
			fsys["xx/"+c.file] = &fstest.MapFile{Data: []byte(c.data)}
			_, err := New(fsys, "xx", nil)
			if err == nil {
				t.Fatalf("no error, want %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %q, want it to contain %q", err, c.want)
			}
			var te *table.Error
			if !errors.As(err, &te) || te.Line == 0 {
				t.Errorf("error %v carries no table file:line", err)
			}
		})
	}
	// The good tables load.
	fsys := fstest.MapFS{
		"xx/" + TriggersFile: {Data: []byte(goodTriggers)},
		"xx/" + CuesFile:     {Data: []byte(goodCues)},
		"xx/" + ActorsFile:   {Data: []byte(goodActors)},
	}
	if _, err := New(fsys, "xx", nil); err != nil {
		t.Fatalf("good tables: %v", err)
	}
	if _, err := New(fstest.MapFS{}, "xx", nil); err == nil {
		t.Error("missing tables give no error")
	}
}

func TestBrokenCodebook(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{"kind\ta\tb\tc\td\te\tf\nacled\tASSAULT\t*\tpirates\t*\t*\tAttack\n", "codebook.tsv:2: unknown party kind"},
		{"kind\ta\tb\tc\td\te\tf\nacled\tASSAULT\t*\t*\t*\t*\tRiot\n", "codebook.tsv:2: unknown ACLED"},
		{"kind\ta\tb\tc\td\te\tf\nrule\tASSAULT\t*\n", "codebook.tsv:2: unknown row kind"},
		{"kind\ta\tb\tc\td\te\tf\nentity\tpolice\tcops\n", "codebook.tsv:2: unknown party kind"},
	} {
		if _, err := loadCodebook([]byte(c.data)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}

func TestPatterns(t *testing.T) {
	p := loadLayers(t, "da")
	cases := []struct {
		pattern, sentence string
		want              bool
	}{
		{"anholdt*", "Tre blev anholdte i går.", true},
		{"anholdt*", "De holdt fast.", false},
		{"sat* ild til", "De har sat ild til huset.", true},
		// The second word, which the index checks by its hash alone.
		{"sat ild", "De har sat Ild til huset.", true},
		{"sat ild", "De har sat vand til huset.", false},
		{"sat* ild", "De har sat vand til huset.", false},
		{"sat ild", "De har sat", false},
		{"sat ild", "De har sat, ild til huset.", false},
		{"bedt ~ om hjælp", "Han har bedt sin russiske kollega Vladimir Putin om hjælp.", true},
		{"bedt ~ om hjælp", "Han har bedt om at få hjælp.", false},
		{"bedt ~ om hjælp", "Han har bedt, om de vil, om hjælp.", false}, // a gap does not cross punctuation
		// Words shorter than a stem's bucket, and exact words that share a
		// stem's first bytes, pass the index's first-word filter.
		{"og", "Hæren og oprørerne kæmpede.", true},
		{"og", "Ogaden var stille.", false},
		{"sat", "De satte ild til huset.", false},
		{"sat", "De har sat ild til huset.", true},
	}
	for _, c := range cases {
		pat, err := compile(c.pattern)
		if err != nil {
			t.Fatal(err)
		}
		x := newIndex([]pattern{pat})
		doc := p.seg.Segment(c.sentence)
		got := len(scan(x, doc.Sentences[0].Tokens)) > 0
		if got != c.want {
			t.Errorf("%q in %q: got %v, want %v", c.pattern, c.sentence, got, c.want)
		}
	}
}
