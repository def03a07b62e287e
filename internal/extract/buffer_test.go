package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/segment/segmenttest"
)

// TestExtractToMatchesExtract makes the project's articles in one Buffer,
// forwards and backwards (so that each document is made in arrays that a
// larger and a smaller one left behind), with and without the text, and
// checks each against Extract's document. A value left over from the
// previous document, or one not cleared, would show in the JSON.
func TestExtractToMatchesExtract(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	arts := segmenttest.Articles(t, "")
	ctx := context.Background()
	for _, opt := range []Options{
		{Published: time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC)},
		{Published: time.Date(2022, 1, 6, 0, 0, 0, 0, time.UTC), IncludeText: true},
		{TextOnly: true},
	} {
		want := make(map[*article.Article][]byte)
		for _, a := range arts {
			d, err := x.Extract(ctx, a, opt)
			if err != nil {
				t.Fatal(err)
			}
			if want[a], err = json.Marshal(d); err != nil {
				t.Fatal(err)
			}
		}
		back := slices.Clone(arts)
		slices.Reverse(back)
		var buf Buffer
		for _, a := range slices.Concat(arts, back) {
			d, err := x.ExtractTo(ctx, a, opt, &buf)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want[a]) {
				t.Errorf("%s (%+v): ExtractTo's document differs from Extract's:\n got %.300s\nwant %.300s", a.Path, opt, got, want[a])
			}
		}
	}
}

// TestExtractToReuses checks that a Buffer serves: once it has made the
// largest article, making them all again allocates less than half the
// bytes Extract does (what remains is the layers' own, the document's id
// and dates).
func TestExtractToReuses(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	arts := segmenttest.Articles(t, "")
	ctx := context.Background()
	opt := Options{Published: time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC)}
	var buf Buffer
	// allocated returns the bytes that extracting every article allocates,
	// on the second of two rounds.
	allocated := func(extract func(*article.Article) (*document.Document, error)) uint64 {
		var before, after runtime.MemStats
		for range 2 {
			runtime.ReadMemStats(&before)
			for _, a := range arts {
				if _, err := extract(a); err != nil {
					t.Fatal(err)
				}
			}
			runtime.ReadMemStats(&after)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	fresh := allocated(func(a *article.Article) (*document.Document, error) { return x.Extract(ctx, a, opt) })
	reused := allocated(func(a *article.Article) (*document.Document, error) { return x.ExtractTo(ctx, a, opt, &buf) })
	if reused > fresh/2 {
		t.Errorf("ExtractTo with a Buffer allocated %d bytes for %d articles, Extract %d; want at most half", reused, len(arts), fresh)
	}
	t.Logf("%d articles: Extract allocated %d bytes, ExtractTo %d", len(arts), fresh, reused)
}
