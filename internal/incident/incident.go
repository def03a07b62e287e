// Package incident owns how events from many articles become incidents: when
// two reported events can be one happening (Compatible), how a corpus of
// events falls into incidents (Cluster: the connected components of
// Compatible, so the answer never depends on the order articles arrive in),
// and what an incident reports (Summarize: its type, place and dates, and for
// each figure kind every claim with its source and the reconciled value).
//
// It does no I/O: stores call it inside their write transactions.
package incident

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/urodata/uro/internal/classify"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/table"
)

// WindowDays is how many days apart two compatible events' dates may lie: a
// night-time clash is "yesterday" to one outlet and "Saturday night" to
// another. Stores fetch candidates for a new event from its date range
// widened by WindowDays, plus the events of its own article.
const WindowDays = 1

// Distances (km) within which two places count as the same place, by the
// coarser precision of the two. Cities and points: one urban area.
const (
	cityKm   = 30
	admin1Km = 150
)

// widestDays is the longest date range an event may have and still join
// events of other articles: "last week" or "in March" is too vague to say two
// reports are one happening.
const widestDays = 3

// Event is what merging needs to know of a stored event.
type Event struct {
	Key       string // "<article id>/<event id>"
	Article   string
	Type      string // PLOVER type
	ACLEDType string // ACLED event type, "" when none
	Country   string
	Place     string // gazetteer name
	Admin1    string
	Lat, Lon  *float64
	Precision string    // point | city | admin1 | country, "" when no place
	Start     time.Time // zero when unknown
	End       time.Time
	Sides     []string // sides of its actor and recipient (sides.tsv)

	open bool // the date has a start and no known end
}

// Of makes the merge view of event ev of article articleID. published is the
// article's date (YYYY-MM-DD or ""), used when the event has no date of its own.
func Of(articleID, published string, ev document.Event) Event {
	e := Event{Key: articleID + "/" + ev.ID, Article: articleID, Type: ev.Type}
	if ev.ACLED != nil {
		e.ACLEDType = ev.ACLED.EventType
	}
	if p := ev.Location; p != nil {
		e.Country, e.Place, e.Lat, e.Lon, e.Precision = p.Country, p.Name, p.Lat, p.Lon, p.Precision
		if p.Admin1 != nil {
			e.Admin1 = *p.Admin1
		}
	}
	if d := ev.Date; d != nil && d.Start != nil {
		e.Start = day(*d.Start)
		e.End = e.Start
		switch {
		case d.End != nil:
			e.End = day(*d.End)
		case d.Precision == "range":
			// Open-ended ("siden marts 2024", "since July 2020"): it lasts
			// until the article was written, and with no such date nobody
			// knows how long; either way the start is no day to meet on.
			e.End = day(published)
			e.open = e.End.IsZero()
		}
		if e.End.Before(e.Start) {
			e.End = e.Start
		}
	} else if published != "" {
		e.Start = day(published)
		e.End = e.Start
	}
	for _, p := range []*document.Party{ev.Actor, ev.Recipient} {
		if p == nil || p.Kind == "" {
			continue
		}
		if s := rules.sides[p.Kind]; s != "" && !slices.Contains(e.Sides, s) {
			e.Sides = append(e.Sides, s)
		}
	}
	slices.Sort(e.Sides)
	return e
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// kind is the type two events are compared by: the ACLED event type when
// there is one, else the PLOVER type.
func (e Event) kind() string {
	if e.ACLEDType != "" {
		return e.ACLEDType
	}
	return e.Type
}

// vagueDate reports whether the event's date cannot tie it to another
// article's event: unknown, open-ended, or wider than widestDays.
func (e Event) vagueDate() bool {
	return e.Start.IsZero() || e.open || e.End.Sub(e.Start) > widestDays*24*time.Hour
}

// Compatible reports whether a and b may be reports of one happening. It is
// symmetric and depends on nothing but a and b, which is what makes Cluster
// order-independent. Events of one article are held to the same type, place
// and date tests, but may lack a date or a fine place, since the article
// itself ties them together.
func Compatible(a, b Event) bool {
	if a.Key == b.Key {
		return true
	}
	same := a.Article == b.Article
	if !rules.typesFit(a.kind(), b.kind()) {
		return false
	}
	if !sidesFit(a.Sides, b.Sides) {
		return false
	}
	if !datesFit(a, b, same) {
		return false
	}
	return placesFit(a, b, same)
}

func sidesFit(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 || slices.Contains(a, "any") || slices.Contains(b, "any") {
		return true
	}
	for _, s := range a {
		if slices.Contains(b, s) {
			return true
		}
	}
	return false
}

func datesFit(a, b Event, sameArticle bool) bool {
	if a.vagueDate() || b.vagueDate() {
		// Within one article an undated event belongs with the dated ones;
		// across articles nothing ties it down.
		return sameArticle && (a.Start.IsZero() || b.Start.IsZero() || overlap(a, b))
	}
	return overlap(a, b)
}

func overlap(a, b Event) bool {
	w := WindowDays * 24 * time.Hour
	return !a.Start.After(b.End.Add(w)) && !b.Start.After(a.End.Add(w))
}

var precisionRank = map[string]int{"point": 0, "city": 1, "admin1": 2, "country": 3}

func placesFit(a, b Event, sameArticle bool) bool {
	if a.Precision == "" || b.Precision == "" {
		// No place: only the article ties it to another event.
		return sameArticle
	}
	if a.Country != "" && b.Country != "" && a.Country != b.Country {
		return false
	}
	ra, rb := precisionRank[a.Precision], precisionRank[b.Precision]
	if ra == 3 || rb == 3 {
		// A country-wide report would chain every town of the country into one
		// incident; it joins finer places only inside its own article.
		return (ra == 3 && rb == 3) || sameArticle
	}
	if a.Lat == nil || b.Lat == nil || a.Lon == nil || b.Lon == nil {
		return strings.EqualFold(a.Place, b.Place)
	}
	km := distanceKm(*a.Lat, *a.Lon, *b.Lat, *b.Lon)
	if ra <= 1 && rb <= 1 {
		return km <= cityKm || strings.EqualFold(a.Place, b.Place)
	}
	// An admin-1 region against a town or another region: the same region.
	ad := func(e Event) string {
		if precisionRank[e.Precision] == 2 {
			return e.Place
		}
		return e.Admin1
	}
	if x, y := ad(a), ad(b); x != "" && y != "" {
		return strings.EqualFold(x, y)
	}
	return km <= admin1Km
}

// distanceKm is the great-circle distance.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// Cluster returns the incidents of evs as lists of indexes into evs: the
// connected components of Compatible. Each list is sorted, and the lists are
// ordered by their first index. It is the reference a store's incremental
// merge must agree with.
func Cluster(evs []Event) [][]int {
	parent := make([]int, len(evs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range evs {
		for j := i + 1; j < len(evs); j++ {
			if Compatible(evs[i], evs[j]) {
				if ri, rj := find(i), find(j); ri != rj {
					parent[max(ri, rj)] = min(ri, rj)
				}
			}
		}
	}
	groups := map[int][]int{}
	var roots []int
	for i := range evs {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	out := make([][]int, 0, len(roots))
	for _, r := range roots {
		out = append(out, groups[r])
	}
	return out
}

// ID names the incident made of the events with these keys. The smallest key
// decides, so the name depends on the members only, not on arrival order.
func ID(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	h := sha256.Sum256([]byte(slices.Min(keys)))
	return "i" + hex.EncodeToString(h[:8])
}

// typeRules is compatible.tsv and sides.tsv, loaded once.
type typeRules struct {
	pairs map[[2]string]bool
	sides map[string]string
}

func (r *typeRules) typesFit(a, b string) bool {
	return a == b || r.pairs[[2]string{a, b}] || r.pairs[[2]string{b, a}]
}

//go:embed compatible.tsv
var compatibleTSV []byte

//go:embed sides.tsv
var sidesTSV []byte

var rules = mustRules()

func mustRules() *typeRules {
	r, err := loadRules(compatibleTSV, sidesTSV)
	if err != nil {
		panic(err) // embedded data, checked by TestRules
	}
	return r
}

// knownTypes is the closed set compatible.tsv may name.
func knownTypes() map[string]bool {
	known := map[string]bool{}
	for _, sub := range classify.ACLEDLabels() {
		if t := classify.EventType(sub); t != "" {
			known[t] = true
		}
	}
	for _, p := range classify.PLOVERLabels() {
		known[p] = true
	}
	return known
}

// sideNames is the closed set of sides.
var sideNames = map[string]bool{"crowd": true, "state": true, "armed": true, "civilians": true, "igo": true, "any": true}

func loadRules(compat, sides []byte) (*typeRules, error) {
	r := &typeRules{pairs: map[[2]string]bool{}, sides: map[string]string{}}
	rows, err := table.Parse("compatible.tsv", compat, table.Schema{Columns: []string{"a", "b"}, Required: 2})
	if err != nil {
		return nil, err
	}
	known := knownTypes()
	for _, row := range rows {
		a, b := row.Get("a"), row.Get("b")
		for _, t := range []string{a, b} {
			if !known[t] {
				return nil, row.Errorf("unknown event type %q (want an ACLED event type or a PLOVER type)", t)
			}
		}
		r.pairs[[2]string{a, b}] = true
	}
	rows, err = table.Parse("sides.tsv", sides, table.Schema{Columns: []string{"kind", "side"}, Required: 2})
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		k, s := row.Get("kind"), row.Get("side")
		if !sideNames[s] {
			return nil, row.Errorf("unknown side %q (want one of crowd, state, armed, civilians, igo, any)", s)
		}
		if _, dup := r.sides[k]; dup {
			return nil, row.Errorf("party kind %q listed twice", k)
		}
		r.sides[k] = s
	}
	return r, nil
}
