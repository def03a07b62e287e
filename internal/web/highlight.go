package web

import (
	"slices"
	"strings"

	"github.com/urodata/uro/internal/document"
)

// Highlight kinds, in the order a reader's eye should find them.
const (
	hlEvidence    = "evidence"
	hlTrigger     = "trigger"
	hlFigure      = "figure"
	hlPlace       = "place"
	hlDate        = "date"
	hlAttribution = "attribution"
)

// mark is one highlighted stretch of the text, in code points.
type mark struct {
	start, end int
	kind       string
	event      string // event id ("e1")
}

// Segment is a run of the article text that carries the same marks.
type Segment struct {
	Text    string
	Kinds   []string // highlight kinds, sorted
	Events  []string // event ids the marks belong to, in document order
	Anchors []string // events whose trigger starts here: link targets
}

// Class is the CSS class list of the segment.
func (s Segment) Class() string {
	c := make([]string, len(s.Kinds))
	for i, k := range s.Kinds {
		c[i] = "hl-" + k
	}
	return strings.Join(c, " ")
}

// Has reports whether the segment carries the kind.
func (s Segment) Has(kind string) bool { return slices.Contains(s.Kinds, kind) }

// marks collects what to highlight for every event of doc: its evidence
// sentence and trigger from their offsets, and its place, date, attribution
// and figures by finding their text inside the evidence (the contract gives
// those no offsets of their own). Offsets outside the text are dropped.
func marks(doc *document.Document, runes []rune) []mark {
	var ms []mark
	add := func(start, end int, kind, ev string) {
		if start < 0 || end > len(runes) || start >= end {
			return
		}
		ms = append(ms, mark{start, end, kind, ev})
	}
	within := func(sp document.Span, s, kind, ev string) {
		if s == "" {
			return
		}
		if i := indexRunes(runes, sp.Start, sp.End, []rune(s)); i >= 0 {
			add(i, i+len([]rune(s)), kind, ev)
		}
	}
	for _, e := range doc.Events {
		add(e.Evidence.Start, e.Evidence.End, hlEvidence, e.ID)
		add(e.Trigger.Start, e.Trigger.End, hlTrigger, e.ID)
		if e.Location != nil {
			within(e.Evidence, e.Location.Text, hlPlace, e.ID)
		}
		if e.Date != nil {
			within(e.Evidence, e.Date.Text, hlDate, e.ID)
		}
		if e.Attribution != nil {
			within(e.Evidence, e.Attribution.Text, hlAttribution, e.ID)
		}
	}
	for _, f := range doc.Figures {
		if f.Event == nil {
			continue
		}
		within(f.Evidence, f.Text, hlFigure, *f.Event)
	}
	return ms
}

// indexRunes finds needle in hay[lo:hi] and returns its code-point offset,
// or -1.
func indexRunes(hay []rune, lo, hi int, needle []rune) int {
	lo, hi = max(lo, 0), min(hi, len(hay))
	if len(needle) == 0 {
		return -1
	}
	for i := lo; i+len(needle) <= hi; i++ {
		if slices.Equal(hay[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}

// segments cuts text at every mark boundary so that overlapping marks (a
// trigger inside its evidence sentence, two events in one sentence) become
// flat runs that HTML can show without nesting.
func segments(runes []rune, ms []mark) []Segment {
	cuts := []int{0, len(runes)}
	for _, m := range ms {
		cuts = append(cuts, m.start, m.end)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var out []Segment
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		s := Segment{Text: string(runes[a:b])}
		for _, m := range ms {
			if m.start <= a && b <= m.end {
				if !slices.Contains(s.Kinds, m.kind) {
					s.Kinds = append(s.Kinds, m.kind)
				}
				if !slices.Contains(s.Events, m.event) {
					s.Events = append(s.Events, m.event)
				}
				if m.kind == hlTrigger && m.start == a && !slices.Contains(s.Anchors, m.event) {
					s.Anchors = append(s.Anchors, m.event)
				}
			}
		}
		slices.Sort(s.Kinds)
		out = append(out, s)
	}
	return out
}

// Highlight returns doc's text cut into segments with every event's
// evidence highlighted. A document without text gives no segments.
func Highlight(doc *document.Document) []Segment {
	if doc.Text == nil {
		return nil
	}
	runes := []rune(*doc.Text)
	return segments(runes, marks(doc, runes))
}
