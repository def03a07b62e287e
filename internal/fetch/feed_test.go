package fetch

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestParseFeed(t *testing.T) {
	for _, tc := range []struct {
		file, kind, title string
		items             []Item
	}{
		{"rss.xml", "rss", "Vestkysten Nyt", []Item{
			{Index: 1, Title: "Brand i lagerhal i Esbjerg", Link: "https://vestkysten.example/2024/03/brand-esbjerg",
				Published: time.Date(2024, 3, 9, 13, 20, 0, 0, time.UTC), GUID: "vk-1001",
				Content: "<p>En lagerhal på Esbjerg Havn brændte natten til lørdag.</p><p>Ingen kom til skade, oplyser Syd- og Sønderjyllands Politi.</p>"},
			{Index: 2, Title: "Demonstration foran rådhuset i Varde", Link: "https://vestkysten.example/2024/03/demo-varde",
				Published: time.Date(2024, 3, 10, 8, 5, 0, 0, time.UTC), GUID: "vk-1002",
				Content: "Omkring 300 borgere demonstrerede søndag mod lukningen af skolen i Outrup."},
		}},
		{"atom.xml", "atom", "Harbour Times: World", []Item{
			{Index: 1, Title: "Curfew extended in Conakry after clashes", Link: "https://harbourtimes.example/world/conakry-curfew",
				Published: time.Date(2024, 3, 11, 7, 30, 0, 0, time.UTC), GUID: "urn:uuid:4a7e8a52-2d6b-4c1f-9a51-2b7f0c7d1e02",
				Content: "<p>Guinea's transitional government extended the night curfew in Conakry on Monday.</p><p>Two people were killed in the clashes, a hospital official said.</p>"},
			{Index: 2, Title: "Ceasefire talks resume in Juba", Link: "/world/juba-talks",
				Published: time.Date(2024, 3, 10, 18, 0, 0, 0, time.UTC), GUID: "urn:uuid:4a7e8a52-2d6b-4c1f-9a51-2b7f0c7d1e03",
				Content: "Delegations from both sides returned to the table in Juba on Sunday."},
		}},
		{"feed.json", "json", "Nordlys Nyheder", []Item{
			{Index: 1, Title: "Storm lukker havnen i Tromsø", Link: "https://nordlys.example/tromsoe-storm",
				Published: time.Date(2024, 3, 11, 5, 10, 0, 0, time.UTC), GUID: "nl-77",
				Content: "Havnen i Tromsø blev lukket mandag morgen på grund af storm.\n\nFærgerne til øerne er aflyst resten af dagen."},
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if !IsFeed("", data) {
				t.Errorf("IsFeed says no")
			}
			f, err := ParseFeed(data)
			if err != nil {
				t.Fatal(err)
			}
			if f.Kind != tc.kind || f.Title != tc.title {
				t.Errorf("feed %q %q, want %q %q", f.Kind, f.Title, tc.kind, tc.title)
			}
			if len(f.Items) != len(tc.items) {
				t.Fatalf("%d items, want %d", len(f.Items), len(tc.items))
			}
			for i, want := range tc.items {
				got := f.Items[i]
				if !got.Published.Equal(want.Published) {
					t.Errorf("item %d published %v, want %v", i+1, got.Published, want.Published)
				}
				got.Published, want.Published = time.Time{}, time.Time{}
				if got != want {
					t.Errorf("item %d\n got %+v\nwant %+v", i+1, got, want)
				}
			}
		})
	}
}

func TestParseFeedErrors(t *testing.T) {
	broken, err := os.ReadFile("testdata/broken.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseFeed(broken); err == nil {
		t.Errorf("broken feed parsed without error")
	}
	for _, s := range []string{"", "<html><body>no feed</body></html>", "plain words", "<?xml version=\"1.0\"?><note>x</note>"} {
		if _, err := ParseFeed([]byte(s)); !errors.Is(err, ErrNotFeed) {
			t.Errorf("ParseFeed(%q) = %v, want ErrNotFeed", s, err)
		}
	}
}

func TestIsFeed(t *testing.T) {
	for _, tc := range []struct {
		ct, body string
		want     bool
	}{
		{"application/rss+xml", "", true},
		{"application/atom+xml", "", true},
		{"application/feed+json", "", true},
		{"text/html", `<rss version="2.0"></rss>`, false},
		{"application/xml", `<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>`, true},
		{"text/xml", `<feed xmlns="http://www.w3.org/2005/Atom"></feed>`, true},
		{"", `<!doctype html><html></html>`, false},
		{"text/plain", `Overskrift`, false},
	} {
		if got := IsFeed(tc.ct, []byte(tc.body)); got != tc.want {
			t.Errorf("IsFeed(%q, %q) = %v, want %v", tc.ct, tc.body, got, tc.want)
		}
	}
}

// FuzzParseFeed: any input gives a feed or an error, never a panic, and
// items are numbered in order.
func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"rss.xml", "atom.xml", "feed.json", "broken.xml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[null,{}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := ParseFeed(data)
		if err != nil {
			if feed != nil {
				t.Fatal("feed and error both returned")
			}
			return
		}
		for i, it := range feed.Items {
			if i > 0 && it.Index <= feed.Items[i-1].Index {
				t.Fatalf("item indexes out of order: %d after %d", it.Index, feed.Items[i-1].Index)
			}
			if !it.Published.IsZero() && it.Published.Location() != time.UTC {
				t.Fatalf("item %d published %v is not UTC", it.Index, it.Published)
			}
		}
	})
}
