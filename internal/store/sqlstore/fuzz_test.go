package sqlstore

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/storetest"
)

// FuzzCursor: any string is a cursor or a clean error, and every cursor the
// store makes reads back.
func FuzzCursor(f *testing.F) {
	f.Add(encodeCursor("2022-01-06", "abc/e1"))
	f.Add(encodeCursor(int64(1641427200000000000), int64(7)))
	f.Add("")
	f.Add("W10")
	f.Fuzz(func(t *testing.T, c string) {
		var a, b string
		if err := decodeCursor(c, &a, &b); err != nil {
			return
		}
		var a2, b2 string
		if err := decodeCursor(encodeCursor(a, b), &a2, &b2); err != nil || a2 != a || b2 != b {
			t.Fatalf("cursor (%q, %q) reads back as (%q, %q), %v", a, b, a2, b2, err)
		}
	})
}

// FuzzTextFilter: whatever a user types as search words is taken as words,
// never as broken full-text syntax.
func FuzzTextFilter(f *testing.F) {
	s, err := Open(context.Background(), filepath.Join(f.TempDir(), "uro.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	for _, d := range storetest.Corpus()[:3] {
		if _, err := s.Put(context.Background(), d, store.Meta{}); err != nil {
			f.Fatal(err)
		}
	}
	for _, seed := range []string{"Almaty", `"Almaty`, "-riot", "NEAR(a b)", "title:x", "a AND OR NOT", "*", "æøå 🚒", "(", `""`, "^x"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if _, err := s.Events(context.Background(), store.Filter{Text: text}); err != nil {
			t.Fatalf("Text %q: %v", text, err)
		}
	})
}
