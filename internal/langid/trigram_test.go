package langid

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/langpacks"
)

// Texts only the trigram rule accepts.
var trigramOnly = []string{
	"Politiet anholdt 12 demonstranter\n\nPolitiet anholdt torsdag 12 demonstranter ved Christiansborg, oplyser politiet.",
	"Politiet anholdt 12 demonstranter i K\uFFFDbenhavn\n\nPolitiet anholdt torsdag 12 demonstranter ved Christiansborg.",
}

func TestIdentifyByTrigrams(t *testing.T) {
	id := newID(t)
	for _, s := range trigramOnly {
		r := id.Identify(s)
		if r.Lang != "da" || r.Confidence != trigramConfidence || !strings.Contains(r.Reason, "fits by its trigrams") || r.Trigrams["da"] <= r.Trigrams["en"] {
			t.Errorf("Identify(%q) = %q %.2f %v: %s", s, r.Lang, r.Confidence, r.Trigrams, r.Reason)
		}
	}
	// Refused for want of trigram score, not for words against it.
	r := id.Identify("Politiet arresterte tolv demonstranter i Oslo torsdag.")
	if r.Lang != "" || !strings.Contains(r.Reason, "by trigrams da is best at") || !strings.Contains(r.Reason, "below") {
		t.Errorf("nb: %q %v: %s", r.Lang, r.Trigrams, r.Reason)
	}
	// Foreign letters veto a pack whatever its trigrams.
	r = id.Identify("Politiet anholdt torsdag zwölf demonstranter ved Christiansborg, oplyser politiet.")
	if r.Lang != "" {
		t.Errorf("foreign letter: %q: %s", r.Lang, r.Reason)
	}
	// Stop words decide alone when they can.
	if r := id.Identify("Demonstranter stødte sammen med politiet i Nairobi."); r.Lang != "da" || r.Trigrams != nil {
		t.Errorf("stop words: %q %v: %s", r.Lang, r.Trigrams, r.Reason)
	}
}

// TestNoTrigrams checks that trigrams.tsv is optional: without it a pack
// still works by its stop words, and only the trigram rule is lost.
func TestNoTrigrams(t *testing.T) {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(langpacks.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, "/"+trigramFile) {
			return err
		}
		data, err := fs.ReadFile(langpacks.FS, p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	id, err := New(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if r := id.Identify("Demonstranter stødte sammen med politiet i Nairobi."); r.Lang != "da" {
		t.Errorf("stop words: %q: %s", r.Lang, r.Reason)
	}
	for _, s := range trigramOnly {
		if r := id.Identify(s); r.Lang != "" || r.Trigrams != nil {
			t.Errorf("Identify(%q) without trigrams = %q %v: %s", s, r.Lang, r.Trigrams, r.Reason)
		}
	}
}

// TestTrigramsUpToDate regenerates every pack's trigrams.tsv and compares it
// with the committed one: a changed text or word list without
// `go run ./internal/langid/gen` fails here.
func TestTrigramsUpToDate(t *testing.T) {
	repo := os.DirFS("../..")
	for _, lang := range langpacks.Languages() {
		a, err := Generate(context.Background(), repo, lang)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Generate(context.Background(), repo, lang)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs differ", lang)
		}
		committed, err := fs.ReadFile(langpacks.FS, lang+"/"+trigramFile)
		if err != nil {
			t.Errorf("%s: %v", lang, err)
			continue
		}
		if !bytes.Equal(a, committed) {
			t.Errorf("%s/%s is out of date: run go run ./internal/langid/gen", lang, trigramFile)
		}
		if !bytes.HasPrefix(a, []byte(generatedTag+"\n")) {
			t.Errorf("%s: no generated tag", lang)
		}
	}
}

func TestGenerate(t *testing.T) {
	repo := fstest.MapFS{
		"examples/xx-a.txt":            {Data: []byte("Abba ab\n\nAb 12 ab.")},
		"examples/xy-a.txt":            {Data: []byte("zzz zzz zzz")},
		"testdata/gold/xx/b.txt":       {Data: []byte("ba")},
		"langpacks/xx/stopwords.txt":   {Data: []byte("# c\nab\n")},
		"langpacks/xx/roles.tsv":       {Data: []byte("word\tkind\nbab\tx\n")},
		"langpacks/xx/places.tsv":      {Data: []byte("name\tkind\nZzz\tx\n")},
		"langpacks/xx/trigrams.tsv":    {Data: []byte("zzz\n")},
		"langpacks/xx/not.txt":         {Data: []byte("zzz\n")},
		"langpacks/xx/abbreviations":   {Data: []byte("zzz\n")},
		"langpacks/xy/stopwords.txt":   {Data: []byte("zzz\n")},
		"testdata/gold/xy/zzz.txt":     {Data: []byte("zzz")},
		"testdata/gold/xx/b.gold.json": {Data: []byte("zzz")},
	}
	data, err := Generate(context.Background(), repo, "xx")
	if err != nil {
		t.Fatal(err)
	}
	// Words: abba ab ab ab (text) ba (gold) ab (stop words) bab (roles).
	// Trigrams: _ab ×5 +_ba ×2, ab_ ×4 + bab ab_... counted by hand below.
	counts := map[string]int{}
	for _, w := range []string{"abba", "ab", "ab", "ab", "ba", "ab", "bab"} {
		eachTrigram(w, nil, func(t []byte) { counts[string(t)]++ })
	}
	rows, err := table.Parse("xx/trigrams.tsv", data, trigramSchema)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(counts)+1 || rows[0].Get("trigram") != unseenKey {
		t.Fatalf("got %d rows, want %d trigrams and *:\n%s", len(rows), len(counts), data)
	}
	if strings.Contains(string(data), "zz") {
		t.Errorf("read another language or a non-word file:\n%s", data)
	}
	prev := 0.0
	for i, row := range rows[1:] {
		lp := row.Get("logprob")
		var f float64
		if _, ok := counts[row.Get("trigram")]; !ok {
			t.Errorf("unexpected trigram %q", row.Get("trigram"))
		}
		if f, err = parseLogprob(lp); err != nil {
			t.Fatal(err)
		}
		if i > 0 && f > prev {
			t.Errorf("not sorted by frequency at %q", row.Get("trigram"))
		}
		prev = f
	}
	// What Generate writes, load reads.
	if _, err := loadTrigrams(fstest.MapFS{"xx/trigrams.tsv": {Data: data}}, "xx"); err != nil {
		t.Errorf("generated file does not load: %v", err)
	}
	if _, err := Generate(context.Background(), repo, "zz"); err == nil {
		t.Error("no error for a language without texts")
	}
}

func TestEachTrigram(t *testing.T) {
	tests := []struct{ word, want string }{
		{"i", "_i_"},
		{"og", "_og og_"},
		{"sør", "_sø sør ør_"},
		{"don't", "_do don on' n't 't_"},
	}
	for _, tt := range tests {
		var got []string
		eachTrigram(tt.word, nil, func(t []byte) { got = append(got, string(t)) })
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%q: got %q, want %q", tt.word, got, tt.want)
		}
		for _, g := range got {
			if err := checkTrigram(g); err != nil {
				t.Errorf("checkTrigram refuses what eachTrigram makes: %v", err)
			}
		}
	}
}

func TestBrokenTrigrams(t *testing.T) {
	const head = "trigram\tlogprob\n*\t-9\n"
	tests := []struct{ name, data, want string }{
		{"bad header", "tri\tlogprob\n", "xx/trigrams.tsv:1: header"},
		{"not a number", head + "_ab\tx\n", "xx/trigrams.tsv:3: logprob \"x\""},
		{"positive", head + "_ab\t0.5\n", "xx/trigrams.tsv:3: logprob"},
		{"infinite", head + "_ab\t-Inf\n", "xx/trigrams.tsv:3: logprob"},
		{"two letters", head + "_ab\t-2\nab\t-3\n", "xx/trigrams.tsv:4: \"ab\": want a trigram"},
		{"upper case", head + "# c\n_Ab\t-2\n", "xx/trigrams.tsv:4:"},
		{"inner boundary", head + "a_b\t-2\n", "xx/trigrams.tsv:3: \"a_b\": want lower-case"},
		{"digit", head + "a1b\t-2\n", "xx/trigrams.tsv:3:"},
		{"duplicate", head + "_ab\t-2\n_ab\t-3\n", "xx/trigrams.tsv:4: \"_ab\" is listed twice"},
		{"duplicate unseen", head + "*\t-8\n", "xx/trigrams.tsv:3: * is listed twice"},
		{"no unseen", "trigram\tlogprob\n_ab\t-2\n", "xx/trigrams.tsv:1: no * row"},
		{"below unseen", head + "_ab\t-2\nab_\t-10\n", "xx/trigrams.tsv:4: \"ab_\" is less likely"},
		{"sums over 1", head + "_ab\t-0.1\nab_\t-0.2\n", "xx/trigrams.tsv:1: probabilities sum to 1.7"},
		{"missing field", head + "_ab\n", "xx/trigrams.tsv:3: row has 1 fields"},
		{"invalid utf-8", head + "_a\xff\t-2\n", "xx/trigrams.tsv:1: file is not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"xx/pack.tsv":      {Data: []byte("key\tvalue\ncode\txx\n")},
				"xx/stopwords.txt": {Data: []byte("und\n")},
				"xx/trigrams.tsv":  {Data: []byte(tt.data)},
			}
			_, err := NewFor(fsys, []string{"xx"})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			var te *table.Error
			if !errors.As(err, &te) {
				t.Errorf("%v is not a *table.Error", err)
			}
		})
	}
}

func FuzzTrigrams(f *testing.F) {
	good, err := fs.ReadFile(langpacks.FS, "da/"+trigramFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good[:600], "Politiet anholdt torsdag 12 demonstranter ved Christiansborg.")
	f.Add([]byte("trigram\tlogprob\n*\t-9\n_ab\t-1\n"), "ab ba abba")
	f.Add([]byte("trigram\tlogprob\n*\t-9\n_ab\t-1\n_ab\t-1\n"), "")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		fsys := fstest.MapFS{
			"xx/stopwords.txt": {Data: []byte("und\n")},
			"xx/trigrams.tsv":  {Data: data},
		}
		id, err := NewFor(fsys, []string{"xx"})
		if err != nil {
			var te *table.Error
			if !errors.As(err, &te) {
				t.Fatalf("%v is not a *table.Error", err)
			}
			return
		}
		r := id.Identify(text)
		if (r.Lang == "") != (r.Confidence == 0) {
			t.Fatalf("confidence %v for %q", r.Confidence, r.Lang)
		}
	})
}

func BenchmarkIdentifyTrigrams(b *testing.B) {
	id := newID(b)
	text := trigramOnly[0]
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		id.Identify(text)
	}
}

func BenchmarkIdentifyForeign(b *testing.B) {
	id := newID(b)
	text := strings.Repeat("Die Demonstranten haben am Donnerstag das Rathaus in der Innenstadt gestürmt. ", 40)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		id.Identify(text)
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(langpacks.FS); err != nil {
			b.Fatal(err)
		}
	}
}
