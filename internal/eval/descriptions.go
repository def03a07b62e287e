package eval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/urodata/uro/internal/classify"
	"github.com/urodata/uro/internal/document"
)

// Description is one ACLED-style event note with its coding
// (testdata/acled/descriptions.jsonl).
type Description struct {
	ID           string `json:"id"`
	Lang         string `json:"lang"`
	EventType    string `json:"event_type"`
	SubEventType string `json:"sub_event_type"`
	PLOVER       string `json:"plover"`
	Mode         string `json:"mode,omitempty"`
	Country      string `json:"country,omitempty"`
	Text         string `json:"text"`
}

// ReadDescriptions reads a JSON Lines file of descriptions. Errors name the
// file and line.
func ReadDescriptions(ctx context.Context, path string) ([]Description, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such descriptions file", path)
		}
		return nil, fmt.Errorf("read descriptions %w", err)
	}
	defer f.Close()
	ds, err := ParseDescriptions(f)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	return ds, nil
}

// ParseDescriptions decodes JSON Lines descriptions; blank lines are skipped.
// An error starts with the line number ("7: …").
func ParseDescriptions(r io.Reader) ([]Description, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var out []Description
	plover := classify.PLOVERLabels()
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if b[0] != '{' {
			return nil, fmt.Errorf("%d: a description must be a JSON object", line)
		}
		var d Description
		if err := json.Unmarshal(b, &d); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) && te.Field != "" {
				return nil, fmt.Errorf("%d: %s must be %s, not a JSON %s", line, te.Field, te.Type, te.Value)
			}
			return nil, fmt.Errorf("%d: malformed JSON: %w", line, err)
		}
		switch {
		case d.Text == "":
			return nil, fmt.Errorf("%d: no \"text\"", line)
		case d.Lang == "":
			return nil, fmt.Errorf("%d: no \"lang\"", line)
		case classify.EventType(d.SubEventType) == "":
			return nil, fmt.Errorf("%d: sub_event_type %q is not an ACLED sub-event type", line, d.SubEventType)
		case classify.EventType(d.SubEventType) != d.EventType:
			return nil, fmt.Errorf("%d: event_type %q: %q belongs to %q", line, d.EventType, d.SubEventType, classify.EventType(d.SubEventType))
		case d.PLOVER != "" && (!contains(plover, d.PLOVER) || d.PLOVER == classify.NoPLOVER):
			return nil, fmt.Errorf("%d: plover %q is not a PLOVER type", line, d.PLOVER)
		}
		out = append(out, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	return out, nil
}

// LangScore is the descriptions score of one language (or "total"):
// accuracy of the primary event's ACLED event type, sub-event type and
// PLOVER type.
type LangScore struct {
	Lang      string   `json:"lang"`
	EventType Accuracy `json:"event_type"`
	SubType   Accuracy `json:"sub_event_type"`
	PLOVER    Accuracy `json:"plover"`
	NoEvent   int      `json:"no_event"` // notes whose document had no event at all
}

// DescriptionMiss is a note whose primary event disagrees with its coding.
type DescriptionMiss struct {
	ID       string `json:"id"`
	Lang     string `json:"lang"`
	Want     string `json:"want"` // "Protests/Peaceful protest PROTEST"
	Got      string `json:"got"`
	Text     string `json:"text"`
	Mismatch string `json:"mismatch"` // which of event_type, sub_event_type, plover
}

// DescriptionResult is the score of a description set: per language, sorted
// by code, and the total.
type DescriptionResult struct {
	Langs  []LangScore       `json:"langs"`
	Total  LangScore         `json:"total"`
	Misses []DescriptionMiss `json:"misses"`
}

// ScoreDescriptions compares each note's document (docs[i] for items[i]; a
// nil document counts as one without events) with the note's coding: the
// document's primary event, else its first event, must have the note's ACLED
// event type, sub-event type and PLOVER type. Notes without a PLOVER coding
// are not judged on PLOVER.
func ScoreDescriptions(items []Description, docs []*document.Document) DescriptionResult {
	by := map[string]*LangScore{}
	res := DescriptionResult{Total: LangScore{Lang: "total"}, Misses: []DescriptionMiss{}}
	for i, it := range items {
		var doc *document.Document
		if i < len(docs) {
			doc = docs[i]
		}
		ls := by[it.Lang]
		if ls == nil {
			ls = &LangScore{Lang: it.Lang}
			by[it.Lang] = ls
		}
		ev := primaryEvent(doc)
		var gotType, gotSub, gotPlover string
		if ev == nil {
			ls.NoEvent++
			res.Total.NoEvent++
		} else {
			gotPlover = ev.Type
			if ev.ACLED != nil {
				gotType, gotSub = ev.ACLED.EventType, ev.ACLED.SubEventType
			}
		}
		var mismatch []string
		for _, s := range []*LangScore{ls, &res.Total} {
			s.EventType.judge(gotType == it.EventType)
			s.SubType.judge(gotSub == it.SubEventType)
			if it.PLOVER != "" {
				s.PLOVER.judge(gotPlover == it.PLOVER)
			}
		}
		if gotType != it.EventType {
			mismatch = append(mismatch, "event_type")
		}
		if gotSub != it.SubEventType {
			mismatch = append(mismatch, "sub_event_type")
		}
		if it.PLOVER != "" && gotPlover != it.PLOVER {
			mismatch = append(mismatch, "plover")
		}
		if len(mismatch) > 0 {
			got := "no event"
			if ev != nil {
				got = orNone(gotType) + "/" + orNone(gotSub) + " " + gotPlover
			}
			res.Misses = append(res.Misses, DescriptionMiss{
				ID: it.ID, Lang: it.Lang, Text: it.Text, Got: got,
				Want:     it.EventType + "/" + it.SubEventType + " " + it.PLOVER,
				Mismatch: joinWords(mismatch),
			})
		}
	}
	langs := make([]string, 0, len(by))
	for l := range by {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		res.Langs = append(res.Langs, *by[l])
	}
	return res
}

// primaryEvent is the event a document is chiefly about: primary_event, else
// the first event, else nil.
func primaryEvent(d *document.Document) *document.Event {
	if d == nil || len(d.Events) == 0 {
		return nil
	}
	if d.PrimaryEvent != nil {
		for i := range d.Events {
			if d.Events[i].ID == *d.PrimaryEvent {
				return &d.Events[i]
			}
		}
	}
	return &d.Events[0]
}

func joinWords(ws []string) string {
	out := ""
	for i, w := range ws {
		if i > 0 {
			out += ", "
		}
		out += w
	}
	return out
}
