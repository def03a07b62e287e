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
