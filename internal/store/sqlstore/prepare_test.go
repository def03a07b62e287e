package sqlstore

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/incident"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/storetest"
)

// encodeIncident must write what json.Marshal writes through store's
// MarshalJSON methods: the API and exports read incident bodies back.
func TestEncodeIncident(t *testing.T) {
	docs := storetest.Corpus()
	var rows []store.EventRow
	var evs []incident.Event
	for _, d := range docs {
		p, err := prepare(d, store.Meta{Fetched: time.Unix(1700000000, 0)})
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, p.rows...)
		evs = append(evs, p.evs...)
	}
	max := int64(7)
	incs := []store.Incident{
		{}, // nil lists, no dates
		{ID: "i1", Type: "PROTEST", Start: "2024-01-02", Events: []string{"a/e1"}, Articles: []string{"a"},
			Figures: []store.Reconciled{{Kind: "killed", Value: 3, Min: 3, Max: &max, Claims: []store.Claim{
				{Article: "a", Event: "a/e1", Source: "<police> & co", Site: "", Figure: document.Figure{Kind: "killed", Min: 3}, Evidence: "\u2028 \"x\""},
			}}, {Kind: "hurt"}}},
	}
	for _, c := range incident.Cluster(evs) {
		members := make([]store.EventRow, len(c))
		for j, i := range c {
			members[j] = rows[i]
		}
		incs = append(incs, incident.Summarize(members))
	}
	if len(incs) < 5 {
		t.Fatalf("only %d incidents to encode", len(incs))
	}
	for _, inc := range incs {
		want, err := json.Marshal(inc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := encodeIncident(inc)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("incident %q:\n got %s\nwant %s", inc.ID, got, want)
		}
	}
}

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
