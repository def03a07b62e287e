package gazetteer

import (
	"bytes"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
)

var shared = sync.OnceValues(Load)

func gaz(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLookup(t *testing.T) {
	g := gaz(t)
	for _, tc := range []struct {
		name    string
		id      int    // GeoNames id of the first entry, or 0
		country string // country of the first entry
		code    string
	}{
		{"Almaty", 1526384, "KZ", ""},
		{"almaty", 1526384, "KZ", ""},
		{"ALMATY", 1526384, "KZ", ""},
		{"Alma-Ata", 1526384, "KZ", ""},
		{"Alma Ata", 1526384, "KZ", ""},
		{"Tbilisi", 611717, "GE", ""},
		{"Atlanta", 4180439, "US", ""},
		{"Kazakhstan", 0, "KZ", "PCLI"},
		{"Kasakhstan", 0, "KZ", "PCLI"}, // Danish, from CLDR
		{"Rusland", 0, "RU", "PCLI"},
		{"Georgien", 0, "GE", "PCLI"},
		{"Georgia", 0, "GE", "PCLI"},
		{"Texas", 0, "US", "ADM1"},
		{"København", 2618425, "DK", ""},
		{"Kobenhavn", 2618425, "DK", ""},
		{"Rio de Janeiro", 0, "BR", "ADM1"}, // the state has more people than the city
		{"New York City", 5128581, "US", ""},
		{"Saint Petersburg", 498817, "RU", ""},
		{"St. Petersburg", 0, "RU", "ADM1"},
		{"Nur-Sultan", 1526273, "KZ", ""},
	} {
		es := g.Lookup(tc.name)
		if len(es) == 0 {
			t.Errorf("Lookup(%q): nothing", tc.name)
			continue
		}
		e := es[0]
		if e.ID != tc.id && tc.id != 0 || e.Country != tc.country || tc.code != "" && e.Code != tc.code {
			t.Errorf("Lookup(%q)[0] = %d %s %s %s, want %d %s %s", tc.name, e.ID, e.Name, e.Country, e.Code, tc.id, tc.country, tc.code)
		}
	}
}

func TestEntryFields(t *testing.T) {
	g := gaz(t)
	es := g.Lookup("Almaty")
	e := es[0]
	if e.Name != "Almaty" || e.Admin1Code != "02" || e.Admin1 != "Almaty" || e.Class != "P" || e.Code != "PPLA" ||
		e.Population < 1_000_000 || e.Lat < 43 || e.Lat > 43.5 || e.Lon < 76.5 || e.Lon > 77.2 {
		t.Errorf("Almaty = %+v", e)
	}
}

func TestCountry(t *testing.T) {
	g := gaz(t)
	for _, tc := range []struct{ code, name, capital, largest string }{
		{"KZ", "Kazakhstan", "Astana", "Almaty"},
		{"KAZ", "Kazakhstan", "Astana", "Almaty"},
		{"398", "Kazakhstan", "Astana", "Almaty"},
		{"DK", "Denmark", "Copenhagen", "Copenhagen"},
		{"GE", "Georgia", "Tbilisi", "Tbilisi"},
		{"RU", "Russia", "Moscow", "Moscow"},
		{"TR", "Türkiye", "Ankara", "Istanbul"},
		{"NG", "Nigeria", "Abuja", "Lagos"},
	} {
		c, ok := g.Country(tc.code)
		if !ok || c.Name != tc.name || c.Code != "PCLI" {
			t.Errorf("Country(%s) = %+v, %v", tc.code, c, ok)
		}
		if cap, ok := g.Capital(tc.code); !ok || cap.Name != tc.capital {
			t.Errorf("Capital(%s) = %s, want %s", tc.code, cap.Name, tc.capital)
		}
		if l, ok := g.Largest(tc.code); !ok || l.Name != tc.largest {
			t.Errorf("Largest(%s) = %s, want %s", tc.code, l.Name, tc.largest)
		}
	}
	if _, ok := g.Country("XX"); ok {
		t.Error("Country(XX) found")
	}
	if n := len(g.Countries()); n < 240 {
		t.Errorf("%d countries", n)
	}
}

func TestBadNames(t *testing.T) {
	g := gaz(t)
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"", ErrEmpty},
		{"   ", ErrEmpty},
		{strings.Repeat("a", 10000), ErrLong},
		{"Alma\x00ty", ErrControl},
		{"Almaty\n", ErrControl},
		{"\xff\xfe", ErrUTF8},
	} {
		if err := Check(tc.name); err != tc.err {
			t.Errorf("Check(%.20q) = %v, want %v", tc.name, err, tc.err)
		}
		if es := g.Lookup(tc.name); es != nil {
			t.Errorf("Lookup(%.20q) = %d entries", tc.name, len(es))
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"København":          "kobenhavn",
		"Århus":              "arhus",
		"St. Petersburg":     "st petersburg",
		"Alma-Ata":           "alma ata",
		"  Rio  de Janeiro ": "rio de janeiro",
		"N'Djamena":          "ndjamena",
		"Kyiv’s":             "kyivs",
		"Straße":             "strasse",
		"Ærø":                "aero",
		"Şanlıurfa":          "sanliurfa",
		"-":                  "",
		"a\x00b":             "",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTableSize keeps the package doc's figures honest.
func TestTableSize(t *testing.T) {
	info, err := os.Stat("table.bin")
	if err != nil {
		t.Fatal(err)
	}
	if mb := float64(info.Size()) / 1e6; mb > 40 {
		t.Errorf("table is %.1f MB; the doc promises a compact one", mb)
	}
	t.Logf("table.bin: %.1f MB, %d entries, %d keys, %d index slots", float64(info.Size())/1e6, gaz(t).Len(), len(gaz(t).keys)/8, gaz(t).nslots)
}

// TestLoadMemory logs what Load and a lookup of every entry's name cost in
// heap and resident memory (run it alone, -run TestLoadMemory, for the
// process's figures); the 150 MB limit is asserted on the resident peak.
func TestLoadMemory(t *testing.T) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	// Touch the table the way a long run would: every entry, every key.
	for i := 0; i < g.Len(); i++ {
		g.Lookup(g.Entry(i).Name)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	status, _ := os.ReadFile("/proc/self/status")
	var rss string
	for _, l := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(l, "VmRSS:") || strings.HasPrefix(l, "VmHWM:") {
			rss += strings.Join(strings.Fields(l), " ") + "; "
		}
	}
	heap := (after.HeapAlloc - before.HeapAlloc) / 1e6
	t.Logf("Load: heap +%d MB, total heap %d MB, sys %d MB; %s", heap, after.HeapAlloc/1e6, after.Sys/1e6, rss)
	if heap > 150 {
		t.Errorf("Load keeps %d MB of heap", heap)
	}
	if hwm := peakKB(string(status)); hwm > 150_000 {
		t.Errorf("resident peak %d kB, want ≤ 150 MB", hwm)
	}
	runtime.KeepAlive(g)
}

func TestDecodeBad(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("not a table"), []byte(table[:1000])} {
		if _, err := Decode(string(data)); err == nil {
			t.Errorf("Decode(%.10q) succeeded", data)
		}
	}
}

// TestEncodeDeterministic: the same records in another order give the same bytes.
func TestEncodeDeterministic(t *testing.T) {
	recs := []Record{
		{Entry: Entry{ID: 1, Name: "Aby", ASCII: "Aby", Country: "DK", Admin1Code: "18", Admin1: "Midtjylland", Lat: 56.1, Lon: 10.1, Population: 900, Class: "P", Code: "PPL"}, Names: []string{"Åby"}},
		{Entry: Entry{Name: "Denmark", ASCII: "Denmark", Country: "DK", Class: "A", Code: "PCLI"}, Names: []string{"Danmark"}},
		{Entry: Entry{ID: 2, Name: "Copenhagen", ASCII: "Copenhagen", Country: "DK", Population: 1000000, Class: "P", Code: "PPLC"}, Names: []string{"København"}},
	}
	codes := []Codes{{"DK", "DNK", "208"}}
	var a, b bytes.Buffer
	if err := Encode(&a, recs, codes); err != nil {
		t.Fatal(err)
	}
	if err := Encode(&b, []Record{recs[2], recs[0], recs[1]}, codes); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("Encode depends on record order")
	}
	g, err := Decode(a.String())
	if err != nil {
		t.Fatal(err)
	}
	if es := g.Lookup("kobenhavn"); len(es) != 1 || es[0].ID != 2 {
		t.Errorf("Lookup(kobenhavn) = %+v", es)
	}
	if c, ok := g.Capital("DNK"); !ok || c.ID != 2 {
		t.Errorf("Capital(DNK) = %+v %v", c, ok)
	}
	if es := g.Lookup("aby"); len(es) != 1 || es[0].Admin1 != "Midtjylland" || es[0].Lat != 56.1 {
		t.Errorf("Lookup(aby) = %+v", es)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// newsNames are names as news text gives them, misses and inflections included.
var newsNames = []string{"Almaty", "København", "New York", "Paris", "Kasakhstan", "Tbilisi", "Nowhereville",
	"Rio de Janeiro", "Sankt Petersborg", "Kyiv", "Lagos", "Georgia", "Moskva", "Kabul", "Khartoum", "Bamako",
	"Rusland", "Kasakhstans", "Almatys", "Aleppo", "Gaza", "Berlin", "Texas", "Jordan", "Mogadishu", "Tashkent",
	"Baku", "Yerevan", "Nairobi", "Shanghai", "Washington", "Michael", "Atlanta", "Kharkiv", "Odesa", "Teheran"}

// BenchmarkLookup looks up a mix of names from news text.
func BenchmarkLookup(b *testing.B) {
	benchLookup(b, newsNames)
}

// BenchmarkLookupCommon looks up names with many places (Springfield: 34 entries).
func BenchmarkLookupCommon(b *testing.B) {
	benchLookup(b, []string{"Springfield", "Paris", "San Jose", "Victoria"})
}

func benchLookup(b *testing.B, names []string) {
	g := gaz(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		g.Lookup(names[i%len(names)])
		i++
	}
}

func FuzzLookup(f *testing.F) {
	g := gaz(f)
	for _, s := range []string{"Almaty", "", "København", "a\x00b", "St. Petersburg"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		es := g.Lookup(s)
		if Check(s) != nil && es != nil {
			t.Fatalf("Lookup(%q) answered a name Check rejects", s)
		}
	})
}

func TestByIDAndAdmin1(t *testing.T) {
	g := gaz(t)
	if e, ok := g.ByID(1526384); !ok || e.Name != "Almaty" {
		t.Errorf("ByID(1526384) = %+v %v", e, ok)
	}
	if _, ok := g.ByID(1); ok {
		t.Error("ByID(1) found")
	}
	if e, ok := g.Admin1("US", "GA"); !ok || e.Name != "Georgia" || e.Code != "ADM1" {
		t.Errorf("Admin1(US, GA) = %+v %v", e, ok)
	}
	if e, ok := g.Admin1("KZ", "02"); !ok || e.Name != "Almaty" {
		t.Errorf("Admin1(KZ, 02) = %+v %v", e, ok)
	}
	if _, ok := g.Admin1("US", "ZZ"); ok {
		t.Error("Admin1(US, ZZ) found")
	}
}

// peakKB reads VmHWM from /proc/self/status, or 0 where there is none.
func peakKB(status string) int {
	for _, l := range strings.Split(status, "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			n := 0
			for _, c := range f[1] {
				n = n*10 + int(c-'0')
			}
			return n
		}
	}
	return 0
}

func TestISO(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"KZ", "KAZ", "398"} {
		a2, a3, num, ok := g.ISO(code)
		if !ok || a2 != "KZ" || a3 != "KAZ" || num != "398" {
			t.Errorf("ISO(%q) = %q %q %q %v, want KZ KAZ 398", code, a2, a3, num, ok)
		}
	}
	if _, _, _, ok := g.ISO("XX"); ok {
		t.Errorf("ISO(XX) found a country")
	}
}
