package extract

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"
)

// temporary: dumps the corpus' documents for before/after comparison.
func TestZZDump(t *testing.T) {
	out := os.Getenv("URO_DUMP")
	if out == "" {
		t.Skip()
	}
	arts := corpus(&testing.B{})
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create(out)
	defer f.Close()
	enc := json.NewEncoder(f)
	enc.SetIndent("", " ")
	for _, a := range arts {
		for _, inc := range []bool{false, true} {
			d, err := x.Extract(context.Background(), a, Options{Published: time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC), IncludeText: inc})
			if err != nil {
				t.Fatal(err)
			}
			enc.Encode(d)
		}
	}
}
