package event

import (
	"fmt"
	"testing"
	"time"
)

// TestArticleRules: headline and lead reporting one arrest are one event with
// both sentences as evidence; a caption yields nothing; a background event
// keeps its own year; a sentence with no place takes the article's.
func TestArticleRules(t *testing.T) {
	p := loadLayers(t, "da")
	txt := "Politiet anholdt tre mænd i Aarhus\n\n" +
		"Politiet anholdt lørdag tre mænd i Aarhus efter et røveri.\n\n" +
		"Tre personer blev dræbt ved et skyderi i Malmø i 2019.\n\n" +
		"Foto: Demonstranter anholdt i Aarhus/Ritzau Scanpix"
	pub := time.Date(2024, 3, 16, 0, 0, 0, 0, time.UTC)
	in := p.input(txt, pub)
	evs := p.det.Find(in)
	captions := 0
	for _, s := range in.Doc.Sentences {
		if s.Caption {
			captions++
		}
	}
	if captions == 0 {
		t.Fatal("the test article has no caption sentence")
	}
	for _, e := range evs {
		t.Log(describe(in, e))
		for _, si := range e.Evidence {
			if in.Doc.Sentences[si].Caption {
				t.Errorf("event from a caption: %s", describe(in, e))
			}
		}
	}
	if len(evs) < 2 {
		t.Fatalf("want the arrest and the shooting, got %d events", len(evs))
	}
	arrest := evs[0]
	if arrest.Type != "COERCE" || len(arrest.Evidence) < 2 || arrest.Evidence[0] != 0 || arrest.Evidence[1] != 1 {
		t.Errorf("headline and lead: want one COERCE with evidence [0 1], got %s", describe(in, arrest))
	}
	if arrest.Location == nil || arrest.Location.Place.Country != "DK" {
		t.Errorf("arrest location: %s", describe(in, arrest))
	}
	shot := evs[1]
	if shot.Type != "ASSAULT" || shot.Date == nil || shot.Date.From.Year() != 2019 || shot.DateFrom != "sentence" {
		t.Errorf("background shooting keeps 2019: %s", describe(in, shot))
	}
	if shot.Location == nil || shot.Location.Place.Country != "SE" || shot.LocationFrom != "sentence" {
		t.Errorf("shooting location Malmø: %s", describe(in, shot))
	}
}

// TestPartiesAndFactuality checks roles in the seed's constructions.
func TestPartiesAndFactuality(t *testing.T) {
	cases := []struct {
		lang, sentence, typ, actor, actorCountry, recipient, fact string
	}{
		{"da", "Russiske specialstyrker er i højt alarmberedskab.", "MOBILIZE", "military", "RU", "-", Asserted},
		{"da", "Der var gadekampe mellem ordensmagten og demonstranterne i Almaty.", "ASSAULT", "police", "", "protesters", Asserted},
		{"da", "Dusinvis af gerningsmænd blev elimineret af politiet.", "ASSAULT", "police", "", "unknown", Asserted},
		{"da", "Kasakhstan har anmodet om assistance fra Rusland.", "REQUEST", "government", "KZ", "government", Asserted},
		{"da", "Politiet frygter, at det kan komme til sammenstød.", "ASSAULT", "-", "", "-", Hypothetical},
		{"en", "Russian special forces are on high alert.", "MOBILIZE", "military", "RU", "-", Asserted},
		{"en", "Twenty protesters were arrested by police in Tbilisi.", "COERCE", "police", "", "protesters", Asserted},
		{"en", "Police denied firing on the crowd.", "ASSAULT", "police", "", "protesters", Negated},
		{"en", "Organisers will hold another rally on Saturday.", "PROTEST", "-", "", "-", Planned},
	}
	for _, c := range cases {
		in, evs := oneSentence(t, c.lang, c.sentence)
		if len(evs) == 0 {
			t.Errorf("%q: no event", c.sentence)
			continue
		}
		e := evs[0]
		country := ""
		if e.Actor != nil {
			country = e.Actor.Country
		}
		if e.Type != c.typ || kindOf(e.Actor) != c.actor || country != c.actorCountry || kindOf(e.Recipient) != c.recipient || e.Factuality != c.fact {
			t.Errorf("%q:\n got %s\nwant %s actor=%s(%s) recip=%s %s", c.sentence, describe(in, e), c.typ, c.actor, c.actorCountry, c.recipient, c.fact)
		}
	}
}

// TestParagraphDate: a sentence without a date of its own takes its
// paragraph's, not the publication date; a future date never carries over.
func TestParagraphDate(t *testing.T) {
	p := loadLayers(t, "da")
	pub := time.Date(2025, 3, 16, 0, 0, 0, 0, time.UTC) // a Sunday
	for _, tc := range []struct {
		name, txt, from string
		day             int
	}{
		{"past day carries over", "Uro i Aarhus\n\nDemonstranter samledes i går aftes i Gellerup. Politiet anholdt syv personer ved Bazar Vest.", "paragraph", 15},
		{"future day does not", "Uro i Aarhus\n\nDer er indkaldt til en ny demonstration på lørdag i Gellerup. Politiet anholdt syv personer ved Bazar Vest.", "article", 0},
		{"own date wins", "Uro i Aarhus\n\nDemonstranter samledes i går aftes i Gellerup. Politiet anholdt torsdag syv personer ved Bazar Vest.", "sentence", 13},
	} {
		in := p.input(tc.txt, pub)
		var arrest *Event
		for _, e := range p.det.Find(in) {
			if e.Type == "COERCE" {
				arrest = &e
			}
		}
		if arrest == nil {
			t.Errorf("%s: no arrest found", tc.name)
			continue
		}
		if arrest.DateFrom != tc.from || (tc.day != 0 && (arrest.Date == nil || arrest.Date.From.Day() != tc.day)) {
			t.Errorf("%s: arrest dated from %s %s, want %s day %d", tc.name, arrest.DateFrom, describe(in, *arrest), tc.from, tc.day)
		}
	}
}

// TestMergedReports: an undated, unplaced headline merged with its lead
// takes the lead's day and town, not the publication date and the article's
// place; two clauses that each name a different day for their event report
// two happenings, however alike; a toll given "on Monday" for Sunday's
// killing is a further report of it.
func TestMergedReports(t *testing.T) {
	pub := time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC) // a Wednesday
	for _, tc := range []struct {
		name, lang, txt, typ string
		days                 []int // the events' days, in order
	}{
		{"headline takes the lead's day", "da",
			"Politiet anholdt tre mænd efter røveri\n\nPolitiet anholdt tirsdag tre mænd i Aarhus efter et røveri.",
			"COERCE", []int{19}},
		{"two named days are two arrests", "da",
			"Politiet anholdt mandag to mænd i Aarhus efter et røveri.\n\nPolitiet anholdt tirsdag tre kvinder i Aarhus efter et indbrud.",
			"COERCE", []int{18, 19}},
		{"the day of a statement is not the killing's", "en",
			"Gunmen killed at least 20 civilians at a market in Dori on Monday, a local official said.\n\n" +
				"The army gave a lower toll on Tuesday, saying in a statement that 14 civilians had been killed in Dori.",
			"ASSAULT", []int{18}},
	} {
		p := loadLayers(t, tc.lang)
		in := p.input(tc.txt, pub)
		var days []int
		for _, e := range p.det.Find(in) {
			if e.Type != tc.typ {
				continue
			}
			if e.Date == nil || e.DateFrom != "sentence" || e.LocationFrom != "sentence" {
				t.Errorf("%s: event not dated and placed by a sentence: %s", tc.name, describe(in, e))
				continue
			}
			days = append(days, e.Date.From.Day())
		}
		if fmt.Sprint(days) != fmt.Sprint(tc.days) {
			t.Errorf("%s: %s events on days %v, want %v", tc.name, tc.typ, days, tc.days)
		}
	}
}

// TestClauseDates: a day named inside one clause dates the event of that
// clause, not the others of its sentence; a day that opens the sentence
// dates all of them; "uden kampe" negates the fighting it names.
func TestClauseDates(t *testing.T) {
	pub := time.Date(2024, 10, 19, 0, 0, 0, 0, time.UTC) // a Saturday
	for _, tc := range []struct {
		name, lang, txt string
		want            map[string]string // event type → day it is dated, "" for the article's
		negated         string            // an event type that must be negated
	}{
		{"subordinate clause", "da",
			"Uro i Aarhus\n\nDemonstrationen blev indkaldt i Aarhus, efter at et luftangreb torsdag ramte en skole i Gaza.",
			map[string]string{"PROTEST": "", "ASSAULT": "2024-10-17"}, ""},
		{"opening day", "en",
			"Court in Leeds\n\nOn Friday, a man who was arrested at a protest in Leeds was jailed for 20 months.",
			map[string]string{"SANCTION": "2024-10-18"}, ""},
		{"without fighting", "da",
			"Byen i Congo\n\nGruppen trak lørdag sine krigere ud af byen Kalembe, som blev overtaget af FN-soldater uden kampe.",
			nil, "ASSAULT"},
	} {
		p := loadLayers(t, tc.lang)
		in := p.input(tc.txt, pub)
		got := map[string]string{}
		negated := false
		for _, e := range p.det.Find(in) {
			t.Log(tc.name, describe(in, e))
			if e.Type == tc.negated && e.Factuality == Negated {
				negated = true
			}
			if _, ok := tc.want[e.Type]; !ok {
				continue
			}
			day := ""
			if e.Date != nil {
				day = e.Date.From.Format(time.DateOnly)
			}
			got[e.Type] = day
		}
		for typ, day := range tc.want {
			if d, ok := got[typ]; !ok || d != day {
				t.Errorf("%s: %s dated %q (found %v), want %q", tc.name, typ, d, ok, day)
			}
		}
		if tc.negated != "" && !negated {
			t.Errorf("%s: no negated %s", tc.name, tc.negated)
		}
	}
}

// TestNotEvents: the words of a date are neither triggers nor cues ("May"
// does not hedge, "March" is no demonstration), and a count of none ("0
// dræbte") reports nothing that happened.
func TestNotEvents(t *testing.T) {
	pub := time.Date(2024, 6, 12, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang, txt string
		want      map[string]string // event type → factuality; "" = no such event
	}{
		{"en", "On 15 May 2024, armed men abducted a local candidate near Chilapa.", map[string]string{"ASSAULT": Asserted}},
		{"en", "On 3 March 2024, police officers beat a detained suspect at a police station in Caloocan.", map[string]string{"PROTEST": ""}},
		{"da", "Politiet anholdt borgmesteren i Istanbul i en korruptionssag. 0 dræbte.", map[string]string{"COERCE": Asserted, "ASSAULT": Negated}},
		{"en", "Police arrested 12 people in Leeds. 0 killed.", map[string]string{"COERCE": Asserted, "ASSAULT": Negated}},
	} {
		p := loadLayers(t, tc.lang)
		in := p.input(tc.txt, pub)
		got := map[string]string{}
		for _, e := range p.det.Find(in) {
			t.Log(describe(in, e))
			if _, seen := got[e.Type]; !seen {
				got[e.Type] = e.Factuality
			}
		}
		for typ, fact := range tc.want {
			if got[typ] != fact {
				t.Errorf("%q: %s %q, want %q", tc.txt, typ, got[typ], fact)
			}
		}
	}
}

// TestChemicalMeans: a chemical agent decides the means of the attack it
// is used in, whatever carried it.
func TestChemicalMeans(t *testing.T) {
	pub := time.Date(2024, 6, 12, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ lang, txt string }{
		{"en", "A helicopter dropped a chlorine-filled barrel bomb on a market in Saraqib on Tuesday."},
		{"en", "Government forces fired rockets carrying a toxic gas at rebel positions in Douma."},
		{"da", "En helikopter kastede en klorholdig tøndebombe over et marked i Saraqib tirsdag."},
	} {
		p := loadLayers(t, tc.lang)
		in := p.input(tc.txt, pub)
		found := false
		for _, e := range p.det.Find(in) {
			t.Log(describe(in, e))
			if e.Type == "ASSAULT" {
				found = true
				if e.Mode != modeChemical || e.ACLEDSub != "Chemical weapon" {
					t.Errorf("%q: mode %q, ACLED %q; want %s, Chemical weapon", tc.txt, e.Mode, e.ACLEDSub, modeChemical)
				}
			}
		}
		if !found {
			t.Errorf("%q: no attack", tc.txt)
		}
	}
}
