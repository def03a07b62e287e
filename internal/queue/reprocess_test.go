package queue

import (
	"strings"
	"testing"
	"time"
)

func TestPublishReprocess(t *testing.T) {
	q := open(t, testConfig(serve(t).URL()))
	a := testArticle(1)
	if err := q.Publish(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		gen     string
		pending uint64 // after publishing
	}{
		{"g1", 2}, // not a duplicate of the first publish
		{"g1", 2}, // the same generation again is a no-op
		{"g2", 3}, // a new generation queues it again
	}
	for _, s := range steps {
		if err := q.PublishReprocess(t.Context(), a, s.gen); err != nil {
			t.Fatal(err)
		}
		if got := status(t, q).Pending; got != s.pending {
			t.Fatalf("after reprocess %s: %d pending, want %d", s.gen, got, s.pending)
		}
	}
	if err := q.PublishReprocess(t.Context(), a, ""); err == nil || !strings.Contains(err.Error(), "generation") {
		t.Errorf("no generation: err = %v", err)
	}
	jobs := fetch(t, q, 3, 2*time.Second)
	if len(jobs) != 3 {
		t.Fatalf("fetched %d jobs, want 3", len(jobs))
	}
	for i, j := range jobs {
		if want := i > 0; j.Reprocess != want {
			t.Errorf("job %d: Reprocess = %v, want %v", i, j.Reprocess, want)
		}
		if j.Article.Text != a.Text || j.Article.URL != a.URL {
			t.Errorf("job %d: article %+v, want %+v", i, j.Article, a)
		}
	}
}

func TestEnvelopeReprocessMark(t *testing.T) {
	for _, want := range []bool{false, true} {
		_, data, err := encodeAs(testArticle(2), want)
		if err != nil {
			t.Fatal(err)
		}
		_, _, got, err := decodeAll(data)
		if err != nil || got != want {
			t.Errorf("reprocess %v came back as %v (err %v)", want, got, err)
		}
	}
}
