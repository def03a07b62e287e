// Package langpacks holds uro's language knowledge as data: one folder per
// language (ISO 639-1 code), each a set of tab-separated tables and word lists
// that the Go packages read through internal/table. Adding a language means
// adding a folder; no Go code here names a language.
package langpacks

import (
	"embed"
	"io/fs"
	"sort"
)

// FS holds every pack's files, as "<lang>/<file>".
//
//go:embed */*
var FS embed.FS

// Languages lists the codes of the packs present, sorted. A folder is a pack
// when it has a pack.tsv.
func Languages() []string {
	entries, err := fs.ReadDir(FS, ".")
	if err != nil {
		return nil
	}
	var langs []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := fs.Stat(FS, e.Name()+"/pack.tsv"); err == nil {
			langs = append(langs, e.Name())
		}
	}
	sort.Strings(langs)
	return langs
}

// Has reports whether a pack exists for lang.
func Has(lang string) bool {
	for _, l := range Languages() {
		if l == lang {
			return true
		}
	}
	return false
}
