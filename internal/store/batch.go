package store

import (
	"context"

	"github.com/urodata/uro/internal/document"
)

// Batcher is a Store that can store many articles in one transaction, which
// saves a commit per article when ingesting in bulk. Callers type-assert:
// if b, ok := s.(store.Batcher); ok { … }.
type Batcher interface {
	// PutMany stores docs as Put does, all or none. added[i] tells whether
	// docs[i] was new (a duplicate of an earlier doc in the batch was not).
	PutMany(ctx context.Context, docs []*document.Document, meta Meta) (added []bool, err error)
}

// Preparer is a Batcher that can do ahead, on any goroutine, the part of
// storing an article that needs no database (its rows, its events' keys,
// the summaries of the incidents it makes on its own), so that a single
// writer only runs statements. Callers type-assert, as for Batcher.
type Preparer interface {
	Batcher
	// Prepare makes doc ready for PutPrepared; meta.Fetched zero means now.
	Prepare(doc *document.Document, meta Meta) (Prepared, error)
	// PutPrepared stores prepared documents as PutMany does, all or none.
	PutPrepared(ctx context.Context, docs []Prepared) (added []bool, err error)
}

// Prepared is a document a Preparer made ready to store; it is passed to
// one PutPrepared at a time.
type Prepared interface {
	Document() *document.Document
}
