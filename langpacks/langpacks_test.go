package langpacks

import (
	"io/fs"
	"slices"
	"testing"
)

// TestEveryPackIsComplete holds every pack to the same set of files: a pack
// that lacks a table would silently switch a layer off for its language. Each
// layer's own tests then load and validate the files of every pack.
func TestEveryPackIsComplete(t *testing.T) {
	langs := Languages()
	if len(langs) < 2 {
		t.Fatalf("packs %v, want at least da and en", langs)
	}
	files := map[string][]string{}
	union := map[string]bool{}
	for _, l := range langs {
		entries, err := fs.ReadDir(FS, l)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			files[l] = append(files[l], e.Name())
			union[e.Name()] = true
		}
	}
	for _, l := range langs {
		for f := range union {
			if !slices.Contains(files[l], f) {
				t.Errorf("pack %s lacks %s, which other packs have", l, f)
			}
		}
	}
	for _, want := range []string{"da", "en"} {
		if !Has(want) {
			t.Errorf("no %s pack", want)
		}
	}
	if Has("xx") {
		t.Error("Has(xx) = true")
	}
}
