package event

import (
	"bufio"
	"encoding/json"
	"os"
	"sort"
	"testing"
	"time"
)

// TestDescriptions measures the held-out ACLED-style notes: the first event
// of each note against its event type, sub-event type and PLOVER type. It
// reports; it does not tune.
func TestDescriptions(t *testing.T) {
	f, err := os.Open("../../testdata/acled/descriptions.jsonl")
	if err != nil {
		t.Skip("no descriptions")
	}
	defer f.Close()
	type note struct {
		ID, Lang, Text, Plover string
		EventType              string `json:"event_type"`
		SubEventType           string `json:"sub_event_type"`
	}
	type tally struct{ n, none, typ, sub, plover int }
	res := map[string]*tally{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	pub := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	for sc.Scan() {
		var n note
		if err := json.Unmarshal(sc.Bytes(), &n); err != nil {
			t.Fatal(err)
		}
		p := loadLayers(t, n.Lang)
		in := p.input(n.Text, pub)
		evs := p.det.Find(in)
		r := res[n.Lang]
		if r == nil {
			r = &tally{}
			res[n.Lang] = r
		}
		r.n++
		if len(evs) == 0 {
			r.none++
			continue
		}
		sort.SliceStable(evs, func(i, j int) bool { return evs[i].ACLEDSub != "" && evs[j].ACLEDSub == "" })
		e := evs[0]
		if e.ACLEDType == n.EventType {
			r.typ++
		}
		if e.ACLEDSub == n.SubEventType {
			r.sub++
		}
		if e.Type == n.Plover {
			r.plover++
		}
	}
	for lang, r := range res {
		t.Logf("%s: %d notes, no event %d; ACLED type %.3f, sub-event %.3f, PLOVER %.3f", lang, r.n, r.none,
			float64(r.typ)/float64(r.n), float64(r.sub)/float64(r.n), float64(r.plover)/float64(r.n))
		if r.typ*3 < r.n {
			t.Errorf("%s: ACLED type accuracy %d/%d fell below the floor 1/3", lang, r.typ, r.n)
		}
	}
}
