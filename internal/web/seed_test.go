package web

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/store"
)

// seedFiles are the articles the page tests store: the repository's
// examples and gold articles (dated by their gold files) and this
// package's own follow-up report, which retells the Sahel attack with other
// figures so an incident has conflicting claims.
func seedFiles(t testing.TB) []string {
	var files []string
	for _, pat := range []string{"../../examples/*.txt", "../../testdata/gold/*/*.txt", "testdata/seed/*.txt"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no seed articles found")
	}
	return files
}

// meta is the part of a gold or .meta.json sidecar the seed reads.
type meta struct {
	Published string `json:"published"`
	Site      string `json:"site"`
}

func readMeta(txt string) meta {
	base := strings.TrimSuffix(txt, ".txt")
	for _, side := range []string{base + ".gold.json", base + ".meta.json"} {
		b, err := os.ReadFile(side)
		if err != nil {
			continue
		}
		var m meta
		if json.Unmarshal(b, &m) == nil {
			return m
		}
	}
	return meta{}
}

var (
	seedOnce  sync.Once
	seeded    *memStore
	seedErr   error
	seedCount int
)

// seedStore extracts every seed article once per test binary and returns
// the store holding them.
func seedStore(t testing.TB) *memStore {
	t.Helper()
	seedOnce.Do(func() {
		ctx := context.Background()
		x, err := extract.New()
		if err != nil {
			seedErr = err
			return
		}
		st := newMemStore()
		for _, path := range seedFiles(t) {
			a, err := article.ReadFile(ctx, path, article.Options{})
			if err != nil {
				seedErr = err
				return
			}
			m := readMeta(path)
			opt := extract.Options{IncludeText: true}
			if m.Published != "" {
				if opt.Published, err = time.Parse(time.DateOnly, m.Published); err != nil {
					seedErr = err
					return
				}
			}
			doc, err := x.Extract(ctx, a, opt)
			if err != nil {
				seedErr = err
				return
			}
			site := m.Site
			if site == "" {
				site = "uro " + filepath.Base(filepath.Dir(path))
			}
			doc.Source.Site = &site
			if _, err := st.Put(ctx, doc, store.Meta{}); err != nil {
				seedErr = err
				return
			}
			seedCount++
		}
		seeded = st
	})
	if seedErr != nil {
		t.Fatalf("seed the store: %v", seedErr)
	}
	return seeded
}
