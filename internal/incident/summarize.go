package incident

import (
	"cmp"
	"slices"
	"strings"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/store"
)

// Summarize describes the incident made of rows (its member events with their
// articles and figures). Everything it returns is a function of the set of
// rows, not of their order.
func Summarize(rows []store.EventRow) store.Incident {
	rows = slices.Clone(rows)
	slices.SortFunc(rows, func(a, b store.EventRow) int { return cmp.Compare(a.Key, b.Key) })
	inc := store.Incident{Events: []string{}, Articles: []string{}, Figures: []store.Reconciled{}}
	types := map[string]int{}
	acled := map[document.ACLED]int{}
	for _, r := range rows {
		inc.Events = append(inc.Events, r.Key)
		if !slices.Contains(inc.Articles, r.Article.ID) {
			inc.Articles = append(inc.Articles, r.Article.ID)
		}
		types[r.Event.Type]++
		if r.Event.ACLED != nil {
			acled[*r.Event.ACLED]++
		}
		if d := r.Event.Date; d != nil && d.Start != nil && !Of(r.Article.ID, r.Article.Published, r.Event).vagueDate() {
			end := *d.Start
			if d.End != nil {
				end = *d.End
			}
			if inc.Start == "" || *d.Start < inc.Start {
				inc.Start = *d.Start
			}
			if end > inc.End {
				inc.End = end
			}
		}
	}
	slices.Sort(inc.Articles)
	inc.ID = ID(inc.Events)
	inc.Type = mostFrequent(types, strings.Compare)
	if len(acled) > 0 {
		a := mostFrequent(acled, func(x, y document.ACLED) int {
			return cmp.Or(cmp.Compare(x.EventType, y.EventType), cmp.Compare(x.SubEventType, y.SubEventType))
		})
		inc.ACLED = &a
	}
	inc.Location = location(rows)
	inc.Figures = reconcile(rows)
	return inc
}

// mostFrequent returns the key with the highest count, the smallest by less
// among ties.
func mostFrequent[K comparable](counts map[K]int, compare func(a, b K) int) K {
	var best K
	n := -1
	for k, c := range counts {
		if c > n || (c == n && compare(k, best) < 0) {
			best, n = k, c
		}
	}
	return best
}

// location is the most reported of the finest places the events give.
func location(rows []store.EventRow) *document.Place {
	finest := 4
	for _, r := range rows {
		if p := r.Event.Location; p != nil {
			if rank, ok := precisionRank[p.Precision]; ok && rank < finest {
				finest = rank
			}
		}
	}
	counts := map[string]int{}
	places := map[string]*document.Place{}
	for _, r := range rows {
		p := r.Event.Location
		if p == nil || precisionRank[p.Precision] != finest {
			continue
		}
		if _, ok := precisionRank[p.Precision]; !ok {
			continue
		}
		k := p.Country + "\x00" + p.Name
		counts[k]++
		if places[k] == nil {
			q := *p
			q.Text, q.Start, q.End = p.Name, nil, nil // an incident's place is no mention
			places[k] = &q
		}
	}
	if len(counts) == 0 {
		return nil
	}
	return places[mostFrequent(counts, strings.Compare)]
}

// reconcile gathers the figures of rows by kind. Each source's claim is its
// highest figure (reports are revised upwards as bodies are counted, and a
// source's latest word stands); the reconciled Value is the lowest of the
// sources' claims, ACLED's most conservative credible figure; vague words
// count only where no source gives a number. Min and Max
// span every claim; Max is nil when a claim is open-ended ("at least 12").
func reconcile(rows []store.EventRow) []store.Reconciled {
	byKind := map[string][]store.Claim{}
	for _, r := range rows {
		for _, f := range r.Figures {
			c := store.Claim{Article: r.Article.ID, Event: r.Key, Site: r.Article.Site, Figure: f, Evidence: f.Evidence.Text}
			if a := f.Attribution; a != nil && a.Kind != "unattributed" {
				c.Source, c.Kind = a.Source, a.Kind
			} else {
				c.Kind = "unattributed"
			}
			byKind[f.Kind] = append(byKind[f.Kind], c)
		}
	}
	out := []store.Reconciled{}
	for kind, claims := range byKind {
		slices.SortFunc(claims, func(a, b store.Claim) int {
			return cmp.Or(cmp.Compare(a.Event, b.Event), cmp.Compare(a.Figure.Evidence.Start, b.Figure.Evidence.Start),
				cmp.Compare(a.Figure.Min, b.Figure.Min))
		})
		// A figure attached to two events of one incident is one claim.
		claims = slices.CompactFunc(claims, func(a, b store.Claim) bool {
			return a.Article == b.Article && a.Figure.Evidence == b.Figure.Evidence && a.Figure.Min == b.Figure.Min
		})
		rec := store.Reconciled{Kind: kind, Claims: claims, Min: claims[0].Figure.Min}
		perSource := map[string]int64{}
		open := false
		var hi int64
		// A vague word ("dozens", "thousands") is no count: it stands for
		// the figure only when no source gives a number.
		counted := slices.ContainsFunc(claims, func(c store.Claim) bool { return c.Figure.Qualifier != "vague" })
		for _, c := range claims {
			if key := sourceKey(c); !counted || c.Figure.Qualifier != "vague" {
				if v, ok := perSource[key]; !ok || c.Figure.Min > v {
					perSource[key] = c.Figure.Min
				}
			}
			rec.Min = min(rec.Min, c.Figure.Min)
			if c.Figure.Max == nil {
				open = true
			} else {
				hi = max(hi, *c.Figure.Max)
			}
		}
		first := true
		for _, v := range perSource {
			if first || v < rec.Value {
				rec.Value, first = v, false
			}
		}
		if !open {
			rec.Max = &hi
		}
		out = append(out, rec)
	}
	slices.SortFunc(out, func(a, b store.Reconciled) int { return cmp.Compare(a.Kind, b.Kind) })
	return out
}

// sourceKey tells sources apart: the named source, else the outlet that
// states the figure as its own.
func sourceKey(c store.Claim) string {
	if c.Source != "" {
		return "source:" + strings.ToLower(c.Source)
	}
	return "site:" + strings.ToLower(c.Site)
}
