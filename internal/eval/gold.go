// Package eval owns scoring uro's documents against hand-coded gold answers:
// reading gold files and ACLED-style description sets, matching predicted
// events and figures one-to-one with gold items, and the precision, recall,
// F1 and accuracy figures that `uro eval` reports.
package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/urodata/uro/internal/classify"
)

// Gold is one hand-coded article answer (testdata/gold/README.md). Fields
// the scorer does not read are still decoded so reports can show them; fields
// it does not know are ignored, as the format only ever adds fields.
type Gold struct {
	ID               string       `json:"id"`
	Language         string       `json:"language"`
	Published        string       `json:"published"`
	PublishedWeekday string       `json:"published_weekday,omitempty"`
	EventNote        string       `json:"event_note,omitempty"`
	Events           []GoldEvent  `json:"events"`
	Figures          []GoldFigure `json:"figures"`
	People           []GoldPerson `json:"people"`
	Quotes           []GoldQuote  `json:"quotes"`
	Credits          []GoldCredit `json:"credits"`
	Notes            []string     `json:"notes,omitempty"`

	// PublishedDate is Published parsed; zero when the gold gives none.
	PublishedDate time.Time `json:"-"`
}

// GoldEvent is one coded event.
type GoldEvent struct {
	Type            string   `json:"type"`
	AltTypes        []string `json:"alt_types,omitempty"`
	Mode            *string  `json:"mode,omitempty"`
	Place           *string  `json:"place"`
	OptionalPlace   bool     `json:"optional_place,omitempty"`
	Country         string   `json:"country"`
	OptionalCountry bool     `json:"optional_country,omitempty"`
	DateStart       string   `json:"date_start"`
	DateEnd         string   `json:"date_end"`
	Factuality      string   `json:"factuality"`
	Actor           *string  `json:"actor"`
	ActorKind       *string  `json:"actor_kind,omitempty"`
	Recipient       *string  `json:"recipient"`
	RecipientKind   *string  `json:"recipient_kind,omitempty"`
	Source          string   `json:"source,omitempty"`
	SourceKind      string   `json:"source_kind,omitempty"`
	Sentence        string   `json:"sentence"`
	Optional        bool     `json:"optional,omitempty"`

	// ACLED is the gold ACLED coding; nil with HasACLED means the coder said
	// ACLED has no equivalent, nil without it means the gold does not say
	// (the seed predates the field).
	ACLED    *GoldACLED `json:"acled,omitempty"`
	HasACLED bool       `json:"-"`

	// Start and End are DateStart and DateEnd parsed (zero when absent).
	Start, End time.Time `json:"-"`
}

// GoldACLED is an ACLED event type and sub-event type as ACLED spells them.
type GoldACLED struct {
	EventType    string `json:"event_type"`
	SubEventType string `json:"sub_event_type"`
}

// GoldFigure is one coded figure.
type GoldFigure struct {
	Kind       string `json:"kind"`
	Min        int64  `json:"min"`
	Max        *int64 `json:"max"`
	Qualifier  string `json:"qualifier"`
	Who        string `json:"who,omitempty"`
	Source     string `json:"source,omitempty"`
	SourceKind string `json:"source_kind,omitempty"`
	Country    string `json:"country,omitempty"`
	Sentence   string `json:"sentence"`
	Optional   bool   `json:"optional,omitempty"`
}

// GoldPerson, GoldQuote and GoldCredit are decoded for completeness; the
// scorer does not read them yet.
type GoldPerson struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

type GoldQuote struct {
	Speaker string `json:"speaker"`
	Starts  string `json:"starts"`
}

type GoldCredit struct {
	Name     string   `json:"name"`
	Agencies []string `json:"agencies"`
}

// The contract's closed sets (document-v1.md) that gold values must come from.
var (
	figureKinds = []string{"killed", "injured", "arrested", "participants", "displaced", "missing", "detained_released"}
	qualifiers  = []string{"exact", "at_least", "more_than", "approx", "up_to", "range", "vague"}
	sourceKinds = []string{"official", "police", "military", "government", "media", "agency", "eyewitness", "organiser", "ngo", "medical", "unattributed"}
	factuality  = []string{"asserted", "negated", "planned", "hypothetical"}
)

// ReadGold reads and checks the gold file at path. Errors name the file, and
// for malformed JSON the line and column.
func ReadGold(ctx context.Context, path string) (*Gold, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such gold file", path)
		}
		return nil, fmt.Errorf("read gold %w", err)
	}
	g, err := ParseGold(data)
	if err != nil {
		var pe *PosError
		if errors.As(err, &pe) && pe.Line > 0 {
			return nil, fmt.Errorf("%s:%w", path, err)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if g.ID == "" {
		g.ID = Stem(path)
	}
	return g, nil
}

// Stem is a gold file's name without its directory and ".gold.json" (or
// ".json"): the name of the article it answers.
func Stem(path string) string {
	b := filepath.Base(path)
	for _, suf := range []string{".gold.json", ".json"} {
		if s, ok := strings.CutSuffix(b, suf); ok {
			return s
		}
	}
	return b
}

// PosError is malformed gold with the place it was found: a 1-based line and
// byte column for JSON errors, none (0) for values outside the closed sets,
// which name their field path ("events[3].type") instead.
type PosError struct {
	Line, Col int
	Msg       string
}

func (e *PosError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
}

// ParseGold decodes and checks one gold file's bytes.
func ParseGold(data []byte) (*Gold, error) {
	var g Gold
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, jsonError(data, err)
	}
	// A second look tells an absent "acled" from an explicit null, which
	// decode alike into a nil pointer.
	var shadow struct {
		Events []struct {
			ACLED json.RawMessage `json:"acled"`
		} `json:"events"`
	}
	if err := json.Unmarshal(data, &shadow); err == nil && len(shadow.Events) == len(g.Events) {
		for i, e := range shadow.Events {
			g.Events[i].HasACLED = len(e.ACLED) > 0
		}
	}
	// A top level that is not an object decodes without error into nothing.
	if t := bytes.TrimSpace(data); len(t) == 0 || t[0] != '{' {
		return nil, &PosError{1, 1, "gold must be a JSON object"}
	}
	if g.Events == nil || g.Figures == nil {
		return nil, &PosError{Msg: `gold needs an "events" and a "figures" list (empty when none)`}
	}
	if err := g.check(); err != nil {
		return nil, &PosError{Msg: err.Error()}
	}
	return &g, nil
}

// jsonError turns a decoding error into one with a line and column.
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// Offset counts the bytes read, the bad one included.
		off := se.Offset
		if off > 0 && off <= int64(len(data)) && !strings.Contains(se.Error(), "end of JSON input") {
			off--
		}
		l, c := lineCol(data, off)
		return &PosError{l, c, "malformed JSON: " + se.Error()}
	case errors.As(err, &te):
		l, c := lineCol(data, te.Offset)
		if te.Field == "" {
			return &PosError{l, c, "gold must be a JSON object, not a JSON " + te.Value}
		}
		return &PosError{l, c, fmt.Sprintf("%s must be %s, not a JSON %s", te.Field, te.Type, te.Value)}
	}
	return &PosError{Msg: err.Error()}
}

// lineCol converts a byte offset into a 1-based line and column (in bytes).
func lineCol(data []byte, off int64) (int, int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

func parseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) {
		return time.Time{}, fmt.Errorf("%q is not a date YYYY-MM-DD", s)
	}
	return t, nil
}

// check validates the values against the closed sets and fills the parsed dates.
func (g *Gold) check() error {
	if g.Published != "" {
		t, err := parseDate(g.Published)
		if err != nil {
			return fmt.Errorf("published %w", err)
		}
		g.PublishedDate = t
	}
	plover := classify.PLOVERLabels()
	plover = plover[:len(plover)-1] // NONE is the classifier's, not a type
	for i := range g.Events {
		e := &g.Events[i]
		where := fmt.Sprintf("events[%d]", i)
		if !slices.Contains(plover, e.Type) {
			return fmt.Errorf("%s.type %q is not a PLOVER type", where, e.Type)
		}
		for _, t := range e.AltTypes {
			if !slices.Contains(plover, t) {
				return fmt.Errorf("%s.alt_types %q is not a PLOVER type", where, t)
			}
		}
		if e.Factuality != "" && !slices.Contains(factuality, e.Factuality) {
			return fmt.Errorf("%s.factuality %q is not one of %s", where, e.Factuality, strings.Join(factuality, ", "))
		}
		if e.SourceKind != "" && !slices.Contains(sourceKinds, e.SourceKind) {
			return fmt.Errorf("%s.source_kind %q is not one of %s", where, e.SourceKind, strings.Join(sourceKinds, ", "))
		}
		if e.ACLED != nil {
			et := classify.EventType(e.ACLED.SubEventType)
			if et == "" {
				return fmt.Errorf("%s.acled.sub_event_type %q is not an ACLED sub-event type", where, e.ACLED.SubEventType)
			}
			if e.ACLED.EventType != et {
				return fmt.Errorf("%s.acled.event_type %q: %q belongs to %q", where, e.ACLED.EventType, e.ACLED.SubEventType, et)
			}
		}
		if e.DateStart == "" && e.DateEnd != "" {
			return fmt.Errorf("%s has date_end without date_start", where)
		}
		if e.DateStart != "" {
			var err error
			if e.Start, err = parseDate(e.DateStart); err != nil {
				return fmt.Errorf("%s.date_start %w", where, err)
			}
			e.End = e.Start
			if e.DateEnd != "" {
				if e.End, err = parseDate(e.DateEnd); err != nil {
					return fmt.Errorf("%s.date_end %w", where, err)
				}
			}
			if e.End.Before(e.Start) {
				return fmt.Errorf("%s: date_end %s is before date_start %s", where, e.DateEnd, e.DateStart)
			}
		}
	}
	for i, f := range g.Figures {
		where := fmt.Sprintf("figures[%d]", i)
		if !slices.Contains(figureKinds, f.Kind) {
			return fmt.Errorf("%s.kind %q is not one of %s", where, f.Kind, strings.Join(figureKinds, ", "))
		}
		if !slices.Contains(qualifiers, f.Qualifier) {
			return fmt.Errorf("%s.qualifier %q is not one of %s", where, f.Qualifier, strings.Join(qualifiers, ", "))
		}
		if f.SourceKind != "" && !slices.Contains(sourceKinds, f.SourceKind) {
			return fmt.Errorf("%s.source_kind %q is not one of %s", where, f.SourceKind, strings.Join(sourceKinds, ", "))
		}
		if f.Min < 0 {
			return fmt.Errorf("%s.min %d is negative", where, f.Min)
		}
		if f.Max != nil && *f.Max < f.Min {
			return fmt.Errorf("%s.max %d is below min %d", where, *f.Max, f.Min)
		}
	}
	return nil
}
