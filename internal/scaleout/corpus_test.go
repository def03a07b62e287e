package scaleout

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/table"
)

// phrasebook is what the generator writes with, read from testdata/.
type phrasebook struct {
	places    []map[string]string            // lang -> city name
	outlets   map[string][]outlet            // by lang
	templates map[string]map[string][]string // lang -> kind -> texts
	when      map[string]map[int]string      // lang -> days after -> phrase
}

type outlet struct {
	site, domain string
	reporters    []string
}

var kinds = []string{"protest", "clash", "attack"}

func loadPhrasebook(dir string) (*phrasebook, error) {
	fsys := os.DirFS(dir)
	pb := &phrasebook{outlets: map[string][]outlet{}, templates: map[string]map[string][]string{}, when: map[string]map[int]string{}}
	rows, err := table.Read(fsys, "places.tsv", table.Schema{Columns: []string{"da", "en"}, Required: 2})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		pb.places = append(pb.places, map[string]string{"da": r.Get("da"), "en": r.Get("en")})
	}
	if rows, err = table.Read(fsys, "outlets.tsv", table.Schema{Columns: []string{"lang", "site", "domain", "reporters"}, Required: 4}); err != nil {
		return nil, err
	}
	for _, r := range rows {
		pb.outlets[r.Get("lang")] = append(pb.outlets[r.Get("lang")], outlet{r.Get("site"), r.Get("domain"), strings.Split(r.Get("reporters"), ",")})
	}
	if rows, err = table.Read(fsys, "templates.tsv", table.Schema{Columns: []string{"lang", "kind", "text"}, Required: 3}); err != nil {
		return nil, err
	}
	for _, r := range rows {
		k := r.Get("kind")
		if !contains(kinds, k) {
			return nil, r.Errorf("unknown kind %q (want one of %s)", k, strings.Join(kinds, ", "))
		}
		l := r.Get("lang")
		if pb.templates[l] == nil {
			pb.templates[l] = map[string][]string{}
		}
		pb.templates[l][k] = append(pb.templates[l][k], r.Get("text"))
	}
	if rows, err = table.Read(fsys, "when.tsv", table.Schema{Columns: []string{"lang", "after", "text"}, Required: 3}); err != nil {
		return nil, err
	}
	for _, r := range rows {
		var n int
		if _, err := fmt.Sscan(r.Get("after"), &n); err != nil || n < 0 {
			return nil, r.Errorf("after %q is not a number of days", r.Get("after"))
		}
		if pb.when[r.Get("lang")] == nil {
			pb.when[r.Get("lang")] = map[int]string{}
		}
		pb.when[r.Get("lang")][n] = r.Get("text")
	}
	for _, l := range []string{"da", "en"} {
		if len(pb.outlets[l]) == 0 || len(pb.when[l]) < 2 {
			return nil, fmt.Errorf("%s: language %s needs outlets and when phrases for days 0 and 1", dir, l)
		}
		for _, k := range kinds {
			if len(pb.templates[l][k]) == 0 {
				return nil, fmt.Errorf("%s: no %s template of kind %s", dir, l, k)
			}
		}
	}
	return pb, nil
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// generate writes n articles about n/5 incidents (3 to 7 reports each, in
// Danish and English, from different outlets with differing figures), the
// same for the same seed. Every text differs.
func (pb *phrasebook) generate(n int, seed uint64) []*article.Article {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	base := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	var out []*article.Article
	for inc := 0; len(out) < n; inc++ {
		kind := kinds[rng.IntN(len(kinds))]
		city := pb.places[rng.IntN(len(pb.places))]
		day := base.AddDate(0, 0, rng.IntN(900))
		p, a, i, k := 100+rng.IntN(800), 2+rng.IntN(50), 1+rng.IntN(40), 1+rng.IntN(30)
		reports := 3 + rng.IntN(5)
		for r := 0; r < reports && len(out) < n; r++ {
			lang := []string{"da", "en"}[rng.IntN(2)]
			ts := pb.templates[lang][kind]
			tmpl := ts[rng.IntN(len(ts))]
			o := pb.outlets[lang][rng.IntN(len(pb.outlets[lang]))]
			after := rng.IntN(2)
			// Sources disagree: each report's figures stray a little from the truth.
			fig := [4]int{p + rng.IntN(60) - 30, a + rng.IntN(5), i + rng.IntN(6), k + rng.IntN(3)}
			for try := 0; ; try++ {
				text := strings.NewReplacer(
					"{city}", city[lang], "{when}", pb.when[lang][after],
					"{p}", fmt.Sprint(fig[0]), "{a}", fmt.Sprint(fig[1]+try), "{i}", fmt.Sprint(fig[2]), "{k}", fmt.Sprint(fig[3]),
					"{reporter}", o.reporters[rng.IntN(len(o.reporters))], "{site}", o.site,
				).Replace(tmpl)
				text = article.Normalize(strings.ReplaceAll(text, " ¶ ", "\n\n"))
				if seen[text] {
					continue
				}
				seen[text] = true
				title, _, _ := strings.Cut(text, "\n")
				pub := day.AddDate(0, 0, after)
				out = append(out, &article.Article{
					Title: title, Text: text, Lang: lang, Site: o.site, Published: pub,
					URL: fmt.Sprintf("https://%s/%s/%d-%d", o.domain, pub.Format("2006/01/02"), inc, r),
				})
				break
			}
		}
	}
	return out
}

func TestPhrasebookLoads(t *testing.T) {
	pb, err := loadPhrasebook("testdata")
	if err != nil {
		t.Fatal(err)
	}
	arts := pb.generate(600, 1)
	if len(arts) != 600 {
		t.Fatalf("generated %d articles, want 600", len(arts))
	}
	again := pb.generate(600, 1)
	langs := map[string]int{}
	for i, a := range arts {
		if a.Text != again[i].Text {
			t.Fatalf("article %d differs between two runs with the same seed", i)
		}
		if strings.Contains(a.Text, "{") {
			t.Fatalf("article %d has an unfilled slot: %q", i, a.Text)
		}
		langs[a.Lang]++
	}
	if langs["da"] < 200 || langs["en"] < 200 {
		t.Errorf("languages %v: want both well represented", langs)
	}
}

func TestPhrasebookBadTable(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"places.tsv", "outlets.tsv", "when.tsv"} {
		data, err := os.ReadFile("testdata/" + f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dir+"/"+f, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bad := "lang\tkind\ttext\nda\tprotest\tDemonstration i {city}\nen\triot\tRiot in {city}\n"
	if err := os.WriteFile(dir+"/templates.tsv", []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := loadPhrasebook(dir)
	if err == nil || !strings.Contains(err.Error(), "templates.tsv:3") || !strings.Contains(err.Error(), "riot") {
		t.Fatalf("error = %v, want templates.tsv:3 and the unknown kind", err)
	}
}
