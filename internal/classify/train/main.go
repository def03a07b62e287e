// Command train regenerates the classifier's generated data: for every
// language with training data it fills the templates into
// internal/classify/traindata/<lang>/generated.tsv and trains the model
// langpacks/<lang>/model.tsv. Run it from the repository root:
//
//	go run ./internal/classify/train
//
// The output depends only on the data and classify.DefaultConfig: the same
// inputs give the same bytes.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/urodata/uro/internal/classify"
	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/langpacks"
)

// Fillings per template, and the seed that picks them.
const (
	perTemplate = 6
	genSeed     = 4
)

func main() {
	data := flag.String("data", "internal/classify/traindata", "training data directory")
	packs := flag.String("packs", "langpacks", "language pack directory the models are written to")
	flag.Parse()
	if err := run(context.Background(), *data, *packs); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, data, packs string) error {
	fsys := os.DirFS(data)
	for _, lang := range langpacks.Languages() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := fs.Stat(fsys, lang+"/"+classify.TemplatesFile); err != nil {
			fmt.Fprintf(os.Stderr, "%s: no training data, skipped\n", lang)
			continue
		}
		start := time.Now()
		tmpl, slots, err := classify.ReadTemplates(fsys, lang)
		if err != nil {
			return err
		}
		var gen bytes.Buffer
		if err := classify.WriteGenerated(&gen, classify.Generate(tmpl, slots, perTemplate, genSeed)); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(data, lang, classify.GeneratedFile), gen.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write generated sentences: %w", err)
		}
		ex, err := classify.ReadExamples(fsys, lang)
		if err != nil {
			return err
		}
		seg, err := segment.New(langpacks.FS, lang)
		if err != nil {
			return err
		}
		classify.Tokenize(seg, ex)
		// Suffixes are read from the pack directory on disk, so a changed
		// suffixes.txt takes effect without rebuilding.
		m, err := classify.Train(os.DirFS(packs), lang, ex, classify.DefaultConfig)
		if err != nil {
			return err
		}
		var out bytes.Buffer
		c := classify.DefaultConfig
		comment := fmt.Sprintf("Event classifier weights for %s, trained on %d sentences (%d templates).\n"+
			"Config: epochs=%d rate=%g decay=%g l1=%g prune=%g seed=%d.\n"+
			"Row: feature, then per head class:weight pairs; the @classes row names the classes by index.",
			lang, len(ex), len(tmpl), c.Epochs, c.Rate, c.Decay, c.L1, c.Prune, c.Seed)
		if err := m.Write(&out, comment); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(packs, lang, classify.ModelFile), out.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write model: %w", err)
		}
		nf, nw := m.Size()
		fmt.Fprintf(os.Stderr, "%s: %d sentences, %d features, %d weights, %d bytes, %v\n",
			lang, len(ex), nf, nw, out.Len(), time.Since(start).Round(time.Millisecond))
	}
	return nil
}
