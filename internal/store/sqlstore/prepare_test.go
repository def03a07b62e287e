package sqlstore

import (
	"context"
	"testing"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/storetest"
)

type foreignPrepared struct{}

func (foreignPrepared) Document() *document.Document { return nil }

func TestPutPrepared(t *testing.T) {
	ctx := context.Background()
	s := fresh(t)
	docs := storetest.Corpus()
	var ps []store.Prepared
	for _, d := range docs {
		p, err := s.Prepare(d, store.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Document() != d {
			t.Fatalf("prepared %s is not its document", d.ID)
		}
		ps = append(ps, p)
	}
	added, err := s.PutPrepared(ctx, append(ps, ps[0]))
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range added {
		if a != (i < len(docs)) {
			t.Errorf("added[%d] = %v", i, a)
		}
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check: %v %q", err, problems)
	}
	if _, err := s.PutPrepared(ctx, []store.Prepared{foreignPrepared{}}); err == nil {
		t.Error("a document another store prepared was stored")
	}
	if _, err := s.Prepare(&document.Document{ID: "x"}, store.Meta{}); err == nil {
		t.Error("a document without text was prepared")
	}
}
