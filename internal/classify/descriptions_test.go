package classify

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/urodata/uro/langpacks"
)

// descriptionsFile is the project's held-out set of ACLED-style event notes,
// written apart from the training data and never trained on.
const descriptionsFile = "../../testdata/acled/descriptions.jsonl"

// Floors measured on descriptions.jsonl (see the test's log), set just below.
// Never lower them.
var descriptionFloor = map[string]struct{ sub, typ, plover float64 }{
	"da": {0.58, 0.66, 0.70}, // measured 0.600, 0.680, 0.720 on 50
	"en": {0.79, 0.83, 0.82}, // measured 0.812, 0.857, 0.842 on 133
}

func TestDescriptions(t *testing.T) {
	f, err := os.Open(descriptionsFile)
	if err != nil {
		t.Skipf("no held-out descriptions: %v", err)
	}
	defer f.Close()
	type desc struct {
		Lang, Text, Plover string
		Sub                string `json:"sub_event_type"`
		Type               string `json:"event_type"`
	}
	byLang := map[string][]desc{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d desc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%s: %v", descriptionsFile, err)
		}
		byLang[d.Lang] = append(byLang[d.Lang], d)
	}
	for lang, ds := range byLang {
		m, err := Load(langpacks.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		var sub, typ, pl int
		for _, d := range ds {
			p := m.Predict(tokens(t, lang, d.Text))
			if p.ACLED == d.Sub {
				sub++
			} else if testing.Verbose() {
				t.Logf("%s: got %s, want %s: %s", lang, p.ACLED, d.Sub, d.Text)
			}
			if EventType(p.ACLED) == d.Type {
				typ++
			}
			if p.PLOVER == d.Plover {
				pl++
			}
		}
		n := float64(len(ds))
		got := [3]float64{float64(sub) / n, float64(typ) / n, float64(pl) / n}
		t.Logf("%s: %d descriptions: sub-event accuracy %.3f, event type %.3f, PLOVER %.3f", lang, len(ds), got[0], got[1], got[2])
		floor := descriptionFloor[lang]
		if got[0] < floor.sub || got[1] < floor.typ || got[2] < floor.plover {
			t.Errorf("%s: accuracy %.3f/%.3f/%.3f below the floor %+v", lang, got[0], got[1], got[2], floor)
		}
	}
}
