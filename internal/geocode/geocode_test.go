package geocode

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/urodata/uro/internal/gazetteer"
	"github.com/urodata/uro/langpacks"
)

var (
	sharedGaz = sync.OnceValues(gazetteer.Load)
	coders    sync.Map
)

func coder(t testing.TB, lang string) *Geocoder {
	t.Helper()
	if c, ok := coders.Load(lang); ok {
		return c.(*Geocoder)
	}
	g, err := sharedGaz()
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(g, langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	coders.Store(lang, c)
	return c
}

// check compares the mentions of text with want: "surface=value" items
// separated by ";". value is a GeoNames id, a country code (country
// precision), "CC/Name" (a city of that GeoNames name), "CC:Region"
// (admin-1 precision, region name), or "-" (no
// mention with that surface). A "@org" suffix on the surface asks InOrg.
// regionCountries are Central Asia, the Caucasus and Africa, for counting
// the table's coverage of them.
const regionCountries = "KZ UZ KG TJ TM GE AM AZ DZ AO BJ BW BF BI CV CM CF TD KM CD CG CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW EH"

var regionMentions int

func check(t *testing.T, lang, txt, want string) int {
	t.Helper()
	ms := coder(t, lang).Places(segment(lang, txt))
	n := 0
	// Every mention must be expected: the table checks precision too.
	for _, m := range ms {
		if !strings.Contains(";"+want, ";"+m.Text+"=") && !strings.Contains(";"+want, ";"+m.Text+"@org=") {
			t.Errorf("%s: unexpected mention %q → %s %s %d\n  in %q", lang, m.Text, m.Place.Name, m.Place.Country, m.Place.GeonamesID, txt)
		}
	}
	for _, item := range strings.Split(want, ";") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		surface, val, ok := strings.Cut(item, "=")
		if !ok {
			t.Fatalf("bad want item %q", item)
		}
		org := strings.HasSuffix(surface, "@org")
		surface = strings.TrimSuffix(surface, "@org")
		var got *Mention
		for i := range ms {
			if ms[i].Text == surface {
				got = &ms[i]
				break
			}
		}
		if val == "-" {
			if got != nil {
				t.Errorf("%s: %q is a place (%s %s %d), want none\n  in %q", lang, surface, got.Place.Name, got.Place.Country, got.Place.GeonamesID, txt)
			}
			continue
		}
		n++
		if got == nil {
			t.Errorf("%s: no mention %q (want %s); mentions: %s\n  in %q", lang, surface, val, list(ms), txt)
			continue
		}
		p := got.Place
		if strings.Contains(regionCountries, p.Country) && len(p.Country) == 2 {
			regionMentions++
		}
		bad := false
		if id, err := strconv.Atoi(val); err == nil {
			bad = p.GeonamesID != id
		} else if cc, name, ok := strings.Cut(val, "/"); ok {
			bad = p.Country != cc || p.Name != name || p.Precision != "city"
		} else if cc, region, ok := strings.Cut(val, ":"); ok {
			bad = p.Country != cc || p.Admin1 != region || p.Precision != "admin1"
		} else {
			bad = p.Country != val || p.Precision != "country"
		}
		if org != got.InOrg {
			bad = true
		}
		if bad {
			t.Errorf("%s: %q = %s %s/%s %s %d org=%v, want %s org=%v\n  in %q", lang, surface, p.Name, p.Country, p.Admin1, p.Precision, p.GeonamesID, got.InOrg, val, org, txt)
		}
	}
	return n
}

func list(ms []Mention) string {
	var b []string
	for _, m := range ms {
		b = append(b, fmt.Sprintf("%q→%s/%s/%d", m.Text, m.Place.Name, m.Place.Country, m.Place.GeonamesID))
	}
	return strings.Join(b, ", ")
}

func TestMentions(t *testing.T) {
	total := 0
	regionMentions = 0
	for _, tc := range mentionCases {
		total += check(t, tc.lang, tc.text, tc.want)
	}
	t.Logf("%d place mentions checked in %d texts, %d in Central Asia, the Caucasus and Africa", total, len(mentionCases), regionMentions)
	if total < 300 || regionMentions < 30 {
		t.Errorf("only %d mentions in the table (%d in the regions), want at least 300 (30)", total, regionMentions)
	}
}

func TestSeedArticle(t *testing.T) {
	data, err := os.ReadFile("../../../shared/examples/da-kasakhstan-2022-01-06.txt")
	if err != nil {
		t.Skip("seed article absent:", err)
	}
	txt := strings.TrimSpace(string(data))
	ms := coder(t, "da").Places(segment("da", txt))
	found := map[string]bool{}
	for _, m := range ms {
		t.Logf("%q → %s %s %d %s org=%v", m.Text, m.Place.Name, m.Place.Country, m.Place.GeonamesID, m.Place.Precision, m.InOrg)
		switch m.Text {
		case "Almaty", "Kasakhstans største by", "landets største by":
			if m.Place.GeonamesID != 1526384 || m.Place.Country != "KZ" {
				t.Errorf("%q = %+v, want Almaty 1526384", m.Text, m.Place)
			}
		case "Kasakhstan", "Kasakhstans":
			if m.Place.Country != "KZ" || m.Place.Precision != "country" {
				t.Errorf("%q = %+v, want KZ", m.Text, m.Place)
			}
		case "Rusland":
			if m.Place.Country != "RU" || m.Place.Precision != "country" {
				t.Errorf("%q = %+v, want RU", m.Text, m.Place)
			}
		default:
			t.Errorf("unexpected place %q → %+v", m.Text, m.Place)
		}
		found[m.Text] = true
	}
	for _, w := range []string{"Almaty", "Kasakhstan", "Rusland", "Kasakhstans største by", "landets største by"} {
		if !found[w] {
			t.Errorf("no mention %q", w)
		}
	}
}

func TestPlaceJSON(t *testing.T) {
	b, err := json.Marshal(Place{Text: "Kasakhstan", Name: "Kazakhstan", Country: "KZ", Lat: 51.1, Lon: 71.4, Precision: "country"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"text":"Kasakhstan","name":"Kazakhstan","country":"KZ","admin1":null,"lat":51.1,"lon":71.4,"precision":"country","geonames_id":null}`
	if string(b) != want {
		t.Errorf("JSON = %s\nwant   %s", b, want)
	}
}
