package event

import (
	"fmt"
	"strings"
	"time"

	"github.com/urodata/uro/internal/classify"
	"github.com/urodata/uro/internal/text"
)

func wordsOf(toks []text.Token) []string { return classify.Words(toks) }

func partyString(p *Party) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprintf("%s(%s,%s)", p.Text, p.Kind, p.Country)
}

// describe is one line per event for test failures and dumps.
func describe(in Input, e Event) string {
	loc, date := "-", "article"
	if e.Location != nil {
		loc = e.Location.Place.Name + "/" + e.Location.Place.Country + "/" + e.LocationFrom
	}
	if e.Date != nil {
		date = e.Date.From.Format(time.DateOnly) + ".." + e.Date.To.Format(time.DateOnly)
	}
	return fmt.Sprintf("S%d %s/%s [%s] %s actor=%s recip=%s loc=%s date=%s ev=%v trig=%q src=%s",
		e.Sentence, e.Type, e.Mode, e.ACLEDSub, e.Factuality, partyString(e.Actor), partyString(e.Recipient), loc, date,
		e.Evidence, strings.TrimSpace(in.Doc.Text[e.Trigger.Start:e.Trigger.End]), e.Source)
}
