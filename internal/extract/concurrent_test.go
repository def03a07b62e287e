package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/segment/segmenttest"
)

// TestConcurrentExtract extracts the project's articles from several
// goroutines at once, as ingest's workers do, and checks every document
// against a serial extraction twice: when it is made and once all are
// done. The pools of Extract and its layers hand arrays from one article to
// the next; a document that kept one would change under a later article
// (and run under -race, two live documents sharing one would be reported).
func TestConcurrentExtract(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	arts := segmenttest.Articles(t, "")
	opt := Options{Published: time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC)}
	ctx := context.Background()
	encode := func(d *document.Document) []byte {
		b, err := json.Marshal(d)
		if err != nil {
			t.Error(err)
		}
		return b
	}
	want := make([][]byte, len(arts))
	for i, a := range arts {
		d, err := x.Extract(ctx, a, opt)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = encode(d)
	}
	const workers, rounds = 4, 2
	docs := make([][]*document.Document, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				for k := range arts {
					i := (k + w*len(arts)/workers + r) % len(arts) // each worker its own order
					d, err := x.Extract(ctx, arts[i], opt)
					if err != nil {
						t.Error(err)
						return
					}
					if got := encode(d); !bytes.Equal(got, want[i]) {
						t.Errorf("%s: concurrent extraction differs from the serial one", arts[i].Path)
					}
					if r == 0 {
						docs[w] = append(docs[w], d)
					}
				}
			}
		}()
	}
	wg.Wait()
	for w := range workers {
		for k, d := range docs[w] {
			i := (k + w*len(arts)/workers) % len(arts)
			if got := encode(d); !bytes.Equal(got, want[i]) {
				t.Errorf("%s: document changed after later extractions", arts[i].Path)
			}
		}
	}
}
