package store

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/urodata/uro/internal/document"
)

// TestJSON: unknown is null, lists are [], and the defaults of
// encoding/json read the form back.
func TestJSON(t *testing.T) {
	fetched := time.Date(2025, 3, 15, 8, 30, 0, 0, time.UTC)
	row := EventRow{Key: "a1/e1", Article: ArticleRow{ID: "a1", Lang: "da", Fetched: fetched},
		Event: document.Event{ID: "e1", Type: "PROTEST", Context: []string{}}}
	inc := Incident{ID: "i1", Type: "PROTEST", Figures: []Reconciled{{Kind: "killed", Value: 3, Claims: []Claim{{Article: "a1", Event: "a1/e1"}}}, {Kind: "injured"}}}
	for _, tc := range []struct {
		v    any
		want []string
	}{
		{row, []string{`"incident":null`, `"url":null`, `"published":null`, `"fetched":"2025-03-15T08:30:00Z"`, `"figures":[]`}},
		{inc, []string{`"start":null`, `"articles":[]`, `"events":[]`, `"source":null`, `"site":null`, `"value":3`, `"kind":"injured","value":0,"min":0,"max":null,"claims":[]`}},
		{Reconciled{Kind: "injured"}, []string{`"claims":[]`}},
	} {
		b, err := json.Marshal(tc.v)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%T: %s lacks %s", tc.v, b, w)
			}
		}
	}
	b, _ := json.Marshal(row)
	var back EventRow
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	row.Figures = []document.Figure{}
	if !reflect.DeepEqual(back, row) {
		t.Errorf("read back\n%+v\nwant\n%+v", back, row)
	}
}
