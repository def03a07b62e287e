package extract

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/segment/segmenttest"
)

// TestPanicIsAnError: a panic inside the pipeline comes back as an
// *InternalError for that article alone, and the articles after it are
// extracted as if it had not happened.
func TestPanicIsAnError(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	a := segmenttest.Articles(t, "")[0]
	ctx := context.Background()
	opt := Options{Published: time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC)}
	encode := func() string {
		t.Helper()
		doc, err := x.Extract(ctx, a, opt)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	want := encode()

	hookPanic = func(b *article.Article) {
		if b.ID == "boom" {
			panic("index out of range [7] with length 3")
		}
	}
	defer func() { hookPanic = nil }()
	bad := *a
	bad.ID = "boom"
	for range 3 {
		doc, err := x.Extract(ctx, &bad, opt)
		var ie *InternalError
		if doc != nil || !errors.As(err, &ie) {
			t.Fatalf("Extract of a panicking article = %v, %v; want an *InternalError", doc, err)
		}
		if ie.Article != "boom" || len(ie.Stack) == 0 || !strings.Contains(err.Error(), `internal error in extraction on article "boom"`) ||
			!strings.Contains(err.Error(), "index out of range") {
			t.Errorf("error = %q (article %q, %d bytes of stack)", err, ie.Article, len(ie.Stack))
		}
		if got := encode(); got != want {
			t.Fatalf("after a panic, the next article's document differs:\n%s\nwant\n%s", got, want)
		}
	}
	if _, err := x.Extract(ctx, nil, opt); err == nil || !strings.Contains(err.Error(), "no article") {
		t.Errorf("Extract(nil) = %v, want an error", err)
	}
}
