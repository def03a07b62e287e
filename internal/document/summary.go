package document

import (
	"fmt"
	"io"
	"strings"
)

// WriteSummary writes doc as a short report for a person at a terminal:
// what the article is, then each layer with the words that prove it.
func WriteSummary(w io.Writer, doc *Document) error {
	var b strings.Builder
	title := "(no headline)"
	if doc.Title != nil {
		title = *doc.Title
	}
	fmt.Fprintf(&b, "%s\n", title)
	fmt.Fprintf(&b, "  id %s · language %s · published %s", doc.ID, doc.Language, deref(doc.Published, "unknown"))
	if doc.Source.Path != nil {
		fmt.Fprintf(&b, " · %s", *doc.Source.Path)
	}
	if doc.Source.URL != nil {
		fmt.Fprintf(&b, " · %s", *doc.Source.URL)
	}
	b.WriteString("\n")
	for _, warn := range doc.Warnings {
		fmt.Fprintf(&b, "  warning: %s\n", warn)
	}
	section(&b, "Events", len(doc.Events), func() {
		for _, e := range doc.Events {
			mark := ""
			if doc.PrimaryEvent != nil && *doc.PrimaryEvent == e.ID {
				mark = " (primary)"
			}
			fmt.Fprintf(&b, "  %s %s%s", e.ID, e.Type, mark)
			if e.Mode != nil {
				fmt.Fprintf(&b, "/%s", *e.Mode)
			}
			if e.ACLED != nil {
				fmt.Fprintf(&b, " · ACLED %s: %s", e.ACLED.EventType, e.ACLED.SubEventType)
			}
			if e.Factuality != "asserted" {
				fmt.Fprintf(&b, " · %s", e.Factuality)
			}
			b.WriteString("\n")
			if e.Actor != nil || e.Recipient != nil {
				fmt.Fprintf(&b, "      %s → %s\n", partyText(e.Actor), partyText(e.Recipient))
			}
			if e.Location != nil {
				fmt.Fprintf(&b, "      where: %s, %s (%s)\n", e.Location.Name, e.Location.Country, e.Location.Precision)
			}
			if e.Date != nil {
				fmt.Fprintf(&b, "      when:  %s\n", whenText(*e.Date))
			}
			if e.Attribution != nil {
				fmt.Fprintf(&b, "      says:  %s (%s)\n", e.Attribution.Source, e.Attribution.Kind)
			}
			fmt.Fprintf(&b, "      %q\n", e.Evidence.Text)
		}
	})
	section(&b, "Figures", len(doc.Figures), func() {
		for _, f := range doc.Figures {
			fmt.Fprintf(&b, "  %-10s %s", f.Kind, rangeText(f.Min, f.Max, f.Qualifier))
			if f.Attribution != nil {
				fmt.Fprintf(&b, " · says %s (%s)", f.Attribution.Source, f.Attribution.Kind)
			}
			fmt.Fprintf(&b, " · %q\n", f.Text)
		}
	})
	section(&b, "People and organisations", len(doc.Entities), func() {
		for _, e := range doc.Entities {
			fmt.Fprintf(&b, "  %-13s %s", e.Kind, e.Text)
			if e.Role != nil {
				fmt.Fprintf(&b, " · %s", *e.Role)
			}
			if e.OrgKind != nil {
				fmt.Fprintf(&b, " · %s", *e.OrgKind)
			}
			if e.Country != nil {
				fmt.Fprintf(&b, " · %s", *e.Country)
			}
			fmt.Fprintf(&b, " · %d mention(s)\n", len(e.Spans))
		}
	})
	section(&b, "Places", len(doc.Places), func() {
		for _, p := range doc.Places {
			fmt.Fprintf(&b, "  %-24q %s, %s (%s)\n", p.Text, p.Name, p.Country, p.Precision)
		}
	})
	section(&b, "Quotes", len(doc.Quotes), func() {
		for _, q := range doc.Quotes {
			fmt.Fprintf(&b, "  %s: %q\n", deref(q.Speaker, "(unknown speaker)"), clip(q.Text, 90))
		}
	})
	section(&b, "Photo credits", len(doc.Credits), func() {
		for _, c := range doc.Credits {
			fmt.Fprintf(&b, "  %s / %s\n", deref(c.Name, "(no name)"), strings.Join(c.Agencies, " / "))
		}
	})
	section(&b, "Times", len(doc.Times), func() {
		for _, t := range doc.Times {
			fmt.Fprintf(&b, "  %-28q %s\n", t.Text, whenText(t.When))
		}
	})
	counts := 0
	for _, n := range doc.Numbers {
		if n.Kind == "count" {
			counts++
		}
	}
	section(&b, "Counts", counts, func() {
		for _, n := range doc.Numbers {
			if n.Kind == "count" {
				fmt.Fprintf(&b, "  %-28q %s\n", n.Span.Text, rangeText(n.Min, n.Max, n.Qualifier))
			}
		}
	})
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func section(b *strings.Builder, name string, n int, body func()) {
	if n == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s (%d)\n", name, n)
	body()
}

func deref(s *string, def string) string {
	if s == nil {
		return def
	}
	return *s
}

func partyText(p *Party) string {
	if p == nil {
		return "?"
	}
	s := p.Text
	if p.Kind != "" {
		s += " [" + p.Kind
		if p.Country != nil {
			s += ", " + *p.Country
		}
		s += "]"
	}
	return s
}

func whenText(w When) string {
	switch {
	case w.Start == nil && w.End == nil:
		return "unresolved"
	case w.Start != nil && w.End != nil && *w.Start == *w.End:
		return *w.Start + " (" + w.Precision + ")"
	}
	return deref(w.Start, "…") + " .. " + deref(w.End, "…") + " (" + w.Precision + ")"
}

func rangeText(min int64, max *int64, q string) string {
	switch {
	case max == nil:
		return fmt.Sprintf("%d+ (%s)", min, q)
	case *max == min:
		return fmt.Sprintf("%d (%s)", min, q)
	}
	return fmt.Sprintf("%d–%d (%s)", min, *max, q)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
