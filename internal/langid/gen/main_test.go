package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"langpacks/xx/pack.tsv":      "key\tvalue\ncode\txx\n",
		"langpacks/xx/stopwords.txt": "ab\n",
		"examples/xx-a.txt":          "Abba ab\n\nAb ba.",
	}
	for p, s := range files {
		p = filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(root, "langpacks/xx/trigrams.tsv")
	if err := run(context.Background(), root); err != nil {
		t.Fatal(err)
	}
	first, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(first), "\n_ab\t") {
		t.Fatalf("%v:\n%s", err, first)
	}
	if err := run(context.Background(), root); err != nil {
		t.Fatal(err)
	}
	if second, _ := os.ReadFile(out); string(second) != string(first) {
		t.Error("second run differs")
	}
	if err := run(context.Background(), t.TempDir()); err == nil {
		t.Error("no error for a root without packs")
	}
}
