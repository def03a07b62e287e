package sqlstore

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "uro.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
