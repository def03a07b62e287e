// Command gen writes every language pack's trigrams.tsv, the character-trigram
// profile internal/langid reads, from the project's own texts in that
// language and the pack's word lists. Run it from the module root after
// changing any of them:
//
//	go run ./internal/langid/gen
//
// TestTrigramsUpToDate fails until it has been run.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/urodata/uro/internal/langid"
)

func main() {
	root := flag.String("root", ".", "module root")
	flag.Parse()
	if err := run(context.Background(), *root); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, root string) error {
	repo := os.DirFS(root)
	// The packs on disk, not the embedded ones: a new pack folder counts at once.
	packs, err := fs.Glob(repo, "langpacks/*/pack.tsv")
	if err != nil {
		return err
	}
	if len(packs) == 0 {
		return fmt.Errorf("no langpacks/*/pack.tsv under %s: run from the module root or pass -root", root)
	}
	sort.Strings(packs)
	for _, p := range packs {
		lang := filepath.Base(filepath.Dir(p))
		data, err := langid.Generate(ctx, repo, lang)
		if err != nil {
			return err
		}
		out := filepath.Join(root, "langpacks", lang, "trigrams.tsv")
		if old, err := os.ReadFile(out); err == nil && bytes.Equal(old, data) {
			continue
		}
		if err := os.WriteFile(out, data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", out, err)
		}
		fmt.Printf("wrote %s (%d bytes)\n", out, len(data))
	}
	return nil
}
