package store

import (
	"encoding/json"
	"time"

	"github.com/urodata/uro/internal/document"
)

// The JSON form of the corpus types is the one the HTTP API, `uro events
// --json`, `uro incidents --json` and `uro export --format jsonl` all write:
// as in uro.document/v1, what is unknown is null rather than "", and lists
// are [] rather than null. Decoding with encoding/json's defaults reads it
// back (null leaves a string empty).

func strOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func orEmpty[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l
}

// MarshalJSON writes an article row with nulls for what is unknown and the
// fetch time in RFC 3339.
func (a ArticleRow) MarshalJSON() ([]byte, error) {
	var fetched *string
	if !a.Fetched.IsZero() {
		s := a.Fetched.UTC().Format(time.RFC3339)
		fetched = &s
	}
	return json.Marshal(struct {
		ID        string  `json:"id"`
		URL       *string `json:"url"`
		Path      *string `json:"path"`
		Site      *string `json:"site"`
		Title     *string `json:"title"`
		Lang      string  `json:"lang"`
		Published *string `json:"published"`
		Fetched   *string `json:"fetched"`
		Events    int     `json:"events"`
	}{a.ID, strOrNil(a.URL), strOrNil(a.Path), strOrNil(a.Site), strOrNil(a.Title), a.Lang,
		strOrNil(a.Published), fetched, a.Events})
}

// MarshalJSON writes an event row; an event not yet in an incident has a
// null incident.
func (e EventRow) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Key      string            `json:"key"`
		Article  ArticleRow        `json:"article"`
		Incident *string           `json:"incident"`
		Event    document.Event    `json:"event"`
		Figures  []document.Figure `json:"figures"`
	}{e.Key, e.Article, strOrNil(e.Incident), e.Event, orEmpty(e.Figures)})
}

// MarshalJSON writes an incident with null dates when it has none. Its
// figures and claims are written as plain structs in the same pass:
// through their own MarshalJSON each would be marshalled, then re-read to
// compact it, and the store encodes an incident on every merge.
func (in Incident) MarshalJSON() ([]byte, error) {
	figs := make([]reconciledJSON, len(in.Figures))
	for i, r := range in.Figures {
		figs[i] = r.plain()
	}
	return json.Marshal(incidentJSON{in.ID, in.Type, in.ACLED, in.Location, strOrNil(in.Start), strOrNil(in.End),
		orEmpty(in.Events), orEmpty(in.Articles), figs})
}

// MarshalJSON writes a reconciled figure with its claims ([] when none).
func (r Reconciled) MarshalJSON() ([]byte, error) { return json.Marshal(r.plain()) }

// MarshalJSON writes a claim; a figure the outlet states as its own has a
// null source.
func (c Claim) MarshalJSON() ([]byte, error) { return json.Marshal(c.plain()) }

func (r Reconciled) plain() reconciledJSON {
	claims := make([]claimJSON, len(r.Claims))
	for i, c := range r.Claims {
		claims[i] = c.plain()
	}
	return reconciledJSON{r.Kind, r.Value, r.Min, r.Max, claims}
}

func (c Claim) plain() claimJSON {
	return claimJSON{c.Article, c.Event, strOrNil(c.Source), c.Kind, strOrNil(c.Site), c.Figure, c.Evidence}
}

// incidentJSON, reconciledJSON and claimJSON are the JSON forms of
// Incident, Reconciled and Claim, without MarshalJSON methods.
type incidentJSON struct {
	ID       string           `json:"id"`
	Type     string           `json:"type"`
	ACLED    *document.ACLED  `json:"acled"`
	Location *document.Place  `json:"location"`
	Start    *string          `json:"start"`
	End      *string          `json:"end"`
	Events   []string         `json:"events"`
	Articles []string         `json:"articles"`
	Figures  []reconciledJSON `json:"figures"`
}

type reconciledJSON struct {
	Kind   string      `json:"kind"`
	Value  int64       `json:"value"`
	Min    int64       `json:"min"`
	Max    *int64      `json:"max"`
	Claims []claimJSON `json:"claims"`
}

type claimJSON struct {
	Article  string          `json:"article"`
	Event    string          `json:"event"`
	Source   *string         `json:"source"`
	Kind     string          `json:"kind"`
	Site     *string         `json:"site"`
	Figure   document.Figure `json:"figure"`
	Evidence string          `json:"evidence"`
}
