package web

import (
	"testing"

	"github.com/urodata/uro/internal/document"
)

// SeedDocs gives the browser tests (package web_test, which may import
// internal/server) the extracted seed articles, in seed order.
func SeedDocs(t testing.TB) []*document.Document {
	st := seedStore(t)
	docs := make([]*document.Document, len(st.order))
	for i, id := range st.order {
		docs[i] = st.docs[id]
	}
	return docs
}
