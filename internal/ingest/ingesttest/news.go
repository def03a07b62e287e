package ingesttest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The full-length generator below stands in for an archive of wire copy:
// N distinct articles of 3.1–4.6 KB (mean ≈ 3.87 KB), Danish and English by
// turns, where 2–5 outlets in a row tell each incident with their own
// figures, sources, quotes and wording. Incidents cycle through nine kinds
// (protest, riot, arrests, armed clash, air strike, shelling, abduction,
// ceasefire, state of emergency) and their places, three days apart, and
// the older events the background recalls lie before them all, so whatever
// merges two incidents is uro's doing, not the corpus's. Texts are templates
// written for this package; places, countries and armed groups are real,
// people and figures invented.

// NewsCorpus writes n full-length news articles (see News) as n .txt files
// spread over subfolders of dir, and returns their paths.
func NewsCorpus(dir string, n int) ([]string, error) {
	paths := make([]string, 0, n)
	it := newsIter{}
	for i := 0; i < n; i++ {
		j, k := it.next()
		sub := filepath.Join(dir, fmt.Sprintf("%02d", i%20))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return nil, fmt.Errorf("make corpus folder: %w", err)
		}
		p := filepath.Join(sub, fmt.Sprintf("news-%05d.txt", i))
		if err := os.WriteFile(p, []byte(newsArticle(i, j, k)), 0o644); err != nil {
			return nil, fmt.Errorf("write corpus article: %w", err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// News returns the i-th full-length article: a headline, a lead dated with
// an absolute date (so events are dated without a publication date), then
// 9–14 paragraphs (mostly 11–13) of figures with their sources, quotes (dash, »…« or
// "…"), a photo credit and background with older dates. Even i are Danish,
// odd i English.
func News(i int) string {
	j, k := NewsIncident(i)
	return newsArticle(i, j, k)
}

// NewsIncident says which incident article i tells and which of that
// incident's articles it is (0 for the first).
func NewsIncident(i int) (incident, nth int) {
	it := newsIter{}
	for ; i > 0; i-- {
		it.next()
	}
	return it.next()
}

// incidentSize is how many articles tell incident j: 2 to 5, 3.5 on average.
func incidentSize(j int) int { return 2 + (j*5+j/4)%4 }

// newsIter walks articles in order, giving each its incident and rank.
type newsIter struct{ j, k int }

func (it *newsIter) next() (int, int) {
	j, k := it.j, it.k
	it.k++
	if it.k == incidentSize(it.j) {
		it.j, it.k = it.j+1, 0
	}
	return j, k
}

// newsEpoch is the date of incident 0; incident j happened 3j days later.
var newsEpoch = time.Date(2021, time.January, 4, 0, 0, 0, 0, time.UTC)

// lang indexes the two languages of every text pair.
const (
	da = 0
	en = 1
)

// pair is a text in Danish and English.
type pair [2]string

// place is where an incident happens, with the parties that fit there.
type place struct {
	town, country pair
	region        string // key of the names pool for people quoted there
	a, b          pair   // the kind's two parties (e.g. army and rebels)
}

// kind is one event type of the taxonomy with its templates. Paragraph
// templates use {slots} filled per article; body paragraphs before nReq are
// in every article, the rest fill it up to its length.
type kind struct {
	name   string
	civil  bool // unrest at home rather than war abroad: picks the filler
	places []place
	heads  [2][]string
	leads  [2][]string
	body   [2][]string
	nReq   int
}

// incidentFacts are what every outlet telling incident j agrees on.
type incidentFacts struct {
	kind  *kind
	place place
	date  time.Time
	bg    time.Time // an older event the background recalls
	rng   *rand.Rand
}

func facts(j int) incidentFacts {
	r := rand.New(rand.NewPCG(uint64(j), 0x75726f))
	k := &kinds[j%len(kinds)]
	p := k.places[(j/len(kinds))%len(k.places)]
	d := newsEpoch.AddDate(0, 0, 3*j)
	// The older event lies before incident 0, so it never falls within a
	// day of an incident the corpus tells, and on a day of its own (7 is
	// prime to 450, so j picks each day of a 450-day block once): two
	// reports recalling one day at one place would be about one happening,
	// and the corpus would merge incidents it means apart.
	bg := newsEpoch.AddDate(0, 0, -(60 + (j*7)%450 + 450*(j/450)))
	return incidentFacts{kind: k, place: p, date: d, bg: bg, rng: r}
}

var (
	daMonths = []string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}
	daWdays  = []string{"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"}
)

var smallNumbers = [2][]string{{"to", "tre", "fire", "fem"}, {"two", "three", "four", "five"}}

func dateText(l int, t time.Time) string {
	if l == da {
		return fmt.Sprintf("%d. %s %d", t.Day(), daMonths[t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%s %d, %d", t.Month(), t.Day(), t.Year())
}

func weekday(l int, t time.Time) string {
	if l == da {
		return daWdays[t.Weekday()]
	}
	return t.Weekday().String()
}

func monthText(l int, t time.Time) string {
	if l == da {
		return fmt.Sprintf("%s %d", daMonths[t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%s %d", t.Month(), t.Year())
}

// count writes n as a news text does: thousands grouped with "." in
// Danish and "," in English.
func count(l int, n int) string {
	s := fmt.Sprint(n)
	sep := ","
	if l == da {
		sep = "."
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

func upperFirst(s string) string {
	for i, r := range s {
		if r >= 'a' && r <= 'z' {
			return string(r-'a'+'A') + s[i+1:]
		}
		if r == 'ø' || r == 'æ' || r == 'å' {
			return strings.ToUpper(string(r)) + s[i+len(string(r)):]
		}
		return s
	}
	return s
}

// quoted reports whether a paragraph opens with a quote: a Danish dash
// quote, »…« or "…".
func quoted(s string) bool {
	return strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "»") || strings.HasPrefix(s, "\"")
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// newsArticle writes article i, the k-th telling of incident j.
func newsArticle(i, j, k int) string {
	f := facts(j)
	l := i % 2
	r := rand.New(rand.NewPCG(uint64(i), 0x6e657773))
	kd, p := f.kind, f.place
	names := people[p.region]
	perm := r.Perm(len(names))
	fr := f.rng // incident-wide numbers come first, in the same order for every outlet
	killed, injured := 2+fr.IntN(40), 5+fr.IntN(80)
	arrested, crowd := 3+fr.IntN(120), 1000*(2+fr.IntN(40))
	hostages, days := 5+fr.IntN(60), 7+fr.IntN(60)
	cause := pick(fr, causes)
	// Each outlet has its own sources and so its own figures.
	slots := map[string]string{
		"town": p.town[l], "country": p.country[l],
		"a": p.a[l], "b": p.b[l],
		"date":     dateText(l, f.date),
		"wday":     weekday(l, f.date),
		"bgdate":   dateText(l, f.bg),
		"bgmonth":  monthText(l, f.bg),
		"nextdate": dateText(l, f.date.AddDate(0, 0, 7+r.IntN(14))),
		"killed":   count(l, killed), "killed2": count(l, killed+1+r.IntN(9)),
		"injured": count(l, injured), "injured2": count(l, injured+3+r.IntN(30)),
		"arrested": count(l, arrested), "arrested2": count(l, arrested+2+r.IntN(20)),
		"crowd": count(l, crowd), "crowd2": count(l, crowd*(2+r.IntN(3))),
		"hostages": count(l, hostages), "freed": smallNumbers[l][r.IntN(4)],
		"bgkilled": count(l, 3+fr.IntN(30)), "bgarrested": count(l, 10+fr.IntN(200)),
		"days":  count(l, days),
		"cause": cause[l],
		"p1":    names[perm[0]], "p2": names[perm[1]], "p3": names[perm[2]], "p4": names[perm[3]],
		"photog": pick(r, photographers), "agency": pick(r, agencies[l]),
	}
	for _, key := range []string{"a", "b", "town"} {
		slots[upperFirst(key)] = upperFirst(slots[key])
	}
	fill := func(t string) string {
		var b strings.Builder
		for {
			s := strings.IndexByte(t, '{')
			if s < 0 {
				b.WriteString(t)
				return b.String()
			}
			e := strings.IndexByte(t[s:], '}') + s
			v, ok := slots[t[s+1:e]]
			if !ok {
				panic("ingesttest: no slot " + t[s:e+1])
			}
			b.WriteString(t[:s])
			b.WriteString(v)
			t = t[e+1:]
		}
	}

	paras := []string{fill(kd.heads[l][(k+i/2)%len(kd.heads[l])]), fill(kd.leads[l][(k+i/4)%len(kd.leads[l])])}
	groupOf := []int{0, 0} // per paragraph: 0 headline and lead, 1 story, 2 context
	// The story first: the paragraphs every telling has, then the kind's
	// other paragraphs in this outlet's order; the wider context (filler)
	// last, as wire copy ends, until the article reaches its length.
	body := kd.body[l]
	story := append([]string(nil), body[kd.nReq:]...)
	r.Shuffle(len(story), func(a, b int) { story[a], story[b] = story[b], story[a] })
	story = append(append([]string(nil), body[:kd.nReq]...), story...)
	context := append([]string(nil), filler[l]...)
	if kd.civil {
		context = append(context, fillerCivil[l]...)
	} else {
		context = append(context, fillerWar[l]...)
	}
	r.Shuffle(len(context), func(a, b int) { context[a], context[b] = context[b], context[a] })
	target := 3050 + r.IntN(1300) // bytes; the last paragraph overshoots: 3.1–4.6 KB, mean ≈ 3.87 KB
	size := len(paras[0]) + len(paras[1])
	joinable := false              // whether the last paragraph may take the next one
	maxParas := 2 + 11 + r.IntN(4) // headline, lead and 11–14 paragraphs
	add := func(s string, group int) bool {
		if size+len(s) > 4900 {
			return false
		}
		// Wire copy runs two sentences of one thread into one paragraph
		// now and then, and background two at a time; a quote opens its own. Once the article has its
		// paragraphs, the rest runs into the last one of its thread.
		into := -1
		if last := len(paras) - 1; len(paras) < maxParas {
			if joinable && group == groupOf[last] && !quoted(s) && len(paras[last])+len(s) < 480 && (group == 2 || r.IntN(3) == 0) {
				into = last
			}
		} else {
			for _, same := range []bool{true, false} {
				for p := last; p >= 2 && into < 0; p-- {
					if (group == groupOf[p]) == same && !quoted(paras[p]) && !quoted(s) && len(paras[p])+len(s) < 640 {
						into = p
					}
				}
			}
			if into < 0 {
				return false
			}
		}
		if into >= 0 {
			paras[into] += " " + s
			joinable = false
		} else {
			paras = append(paras, s)
			groupOf = append(groupOf, group)
			joinable = !quoted(s)
		}
		size += len(s) + 2
		return true
	}
	for n, t := range story {
		if n >= kd.nReq && size >= target {
			break
		}
		add(fill(t), 1)
	}
	for _, t := range context {
		if size >= target {
			break
		}
		add(fill(t), 2)
	}
	// The photo credit sits after the lead or the third paragraph, like a
	// caption under the top image.
	credit := fill(pick(r, captions[l]))
	at := 2 + 2*r.IntN(2)
	paras = append(paras[:at], append([]string{credit}, paras[at:]...)...)
	return strings.Join(paras, "\n\n") + "\n"
}
