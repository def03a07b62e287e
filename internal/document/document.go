// Package document owns uro.document/v1, the output contract of `uro extract`
// (../shared/spec/document-v1.md, extended in docs/document-v1-extensions.md):
// the Go shapes that marshal to it, and the offset conversion that turns
// uro's internal byte offsets into the contract's code-point offsets.
package document

import (
	"crypto/sha256"
	"encoding/hex"
)

// Schema is the value of the "schema" field.
const Schema = "uro.document/v1"

// Document is what uro extract writes for one article. Pointer fields marshal
// to null when unknown; slices are always present (empty means none found).
type Document struct {
	Schema       string   `json:"schema"`
	ID           string   `json:"id"`
	Source       Source   `json:"source"`
	Title        *string  `json:"title"`
	Language     string   `json:"language"`
	Published    *string  `json:"published"`
	Text         *string  `json:"text,omitempty"`
	PrimaryEvent *string  `json:"primary_event"`
	Events       []Event  `json:"events"`
	Figures      []Figure `json:"figures"`
	Entities     []Entity `json:"entities"`
	Quotes       []Quote  `json:"quotes"`
	Credits      []Credit `json:"credits"`

	// Extensions (docs/document-v1-extensions.md).
	Times    []Time   `json:"times"`
	Numbers  []Number `json:"numbers"`
	Places   []Place  `json:"places,omitempty"`
	Blocks   []Block  `json:"blocks,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

// Source says where the article came from.
type Source struct {
	Path *string `json:"path"`
	URL  *string `json:"url"`
	Site *string `json:"site"`
}

// Event is something that happened, or was denied, planned or threatened.
type Event struct {
	ID          string       `json:"id"`
	Type        string       `json:"type"`
	Mode        *string      `json:"mode"`
	ACLED       *ACLED       `json:"acled"`
	Context     []string     `json:"context"`
	Factuality  string       `json:"factuality"`
	Actor       *Party       `json:"actor"`
	Recipient   *Party       `json:"recipient"`
	Location    *Place       `json:"location"`
	Date        *When        `json:"date"`
	Attribution *Attribution `json:"attribution"`
	Trigger     Span         `json:"trigger"`
	Evidence    Span         `json:"evidence"`
}

// ACLED is the nearest ACLED event type and sub-event type.
type ACLED struct {
	EventType    string `json:"event_type"`
	SubEventType string `json:"sub_event_type"`
}

// Figure is a number the article gives for people killed, hurt, arrested, …
type Figure struct {
	Kind        string       `json:"kind"`
	Min         int64        `json:"min"`
	Max         *int64       `json:"max"`
	Qualifier   string       `json:"qualifier"`
	Who         *Who         `json:"who"`
	Event       *string      `json:"event"`
	Attribution *Attribution `json:"attribution"`
	Text        string       `json:"text"`
	Evidence    Span         `json:"evidence"`
}

// Who is the group a figure counts.
type Who struct {
	Text string `json:"text"`
	Kind string `json:"kind"`
}

// Party is an actor or a recipient.
type Party struct {
	Text    string  `json:"text"`
	Name    string  `json:"name"`
	Kind    string  `json:"kind"`
	Country *string `json:"country"`
}

// Place is a location resolved against the gazetteer.
type Place struct {
	Text       string   `json:"text"`
	Name       string   `json:"name"`
	Country    string   `json:"country"`
	Admin1     *string  `json:"admin1"`
	Lat        *float64 `json:"lat"`
	Lon        *float64 `json:"lon"`
	Precision  string   `json:"precision"`
	GeonamesID *int     `json:"geonames_id"`
	// Extension: where the mention stands (absent inside an event's location).
	Start *int `json:"start,omitempty"`
	End   *int `json:"end,omitempty"`
}

// When is a date or a span of days.
type When struct {
	Text      string  `json:"text"`
	Start     *string `json:"start"`
	End       *string `json:"end"`
	Precision string  `json:"precision"`
}

// Attribution says who claims something.
type Attribution struct {
	Text   string `json:"text"`
	Source string `json:"source"`
	Kind   string `json:"kind"`
}

// Span is a piece of the text with code-point offsets.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Entity is a person, organisation or place with all its mentions.
type Entity struct {
	Text    string  `json:"text"`
	Kind    string  `json:"kind"`
	Role    *string `json:"role"`
	Country *string `json:"country"`
	Spans   []Span  `json:"spans"`
	// Extensions: the class of the role or organisation, from the pack data
	// ("head_of_state", "police_spokesperson", "media", "agency" …).
	RoleKind *string `json:"role_kind,omitempty"`
	OrgKind  *string `json:"org_kind,omitempty"`
}

// Quote is quoted speech with its speaker.
type Quote struct {
	Speaker *string `json:"speaker"`
	Text    string  `json:"text"`
	Span    Span    `json:"span"`
	// Extension: the clause that names the speaker, when there is one.
	Intro *Span `json:"intro,omitempty"`
}

// Credit is a photo credit.
type Credit struct {
	Name     *string  `json:"name"`
	Agencies []string `json:"agencies"`
	Span     Span     `json:"span"`
}

// Time is an extension: a time expression of the text, resolved against the
// publication date (null start and end when it cannot be resolved).
type Time struct {
	When
	Span  Span `json:"span"`
	Until bool `json:"until,omitempty"`
	Since bool `json:"since,omitempty"`
}

// Number is an extension: a number expression of the text and what it is.
// Only kind "count" can become a Figure.
type Number struct {
	Kind      string `json:"kind"`
	Min       int64  `json:"min"`
	Max       *int64 `json:"max"`
	Qualifier string `json:"qualifier"`
	Span      Span   `json:"span"`
}

// Block is an extension: a headline, subheading, paragraph, quote or caption
// block with its sentences, so readers can show the article's structure.
type Block struct {
	Kind      string `json:"kind"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Sentences []Span `json:"sentences"`
}

// ID returns the document id of a normalised text: the first 16 hex digits
// of its SHA-256.
func ID(text string) string {
	var buf [IDLen]byte
	return string(AppendID(buf[:0], text))
}

// IDLen is the length of a document id.
const IDLen = 16

// AppendID appends the document id of text to dst, for callers that keep
// the id with other short texts of theirs.
func AppendID(dst []byte, text string) []byte {
	// Hashed through a stack buffer: []byte(text) would copy the whole
	// article to the heap.
	h := sha256.New()
	var buf [512]byte
	for i := 0; i < len(text); {
		n := copy(buf[:], text[i:])
		h.Write(buf[:n])
		i += n
	}
	var sum [sha256.Size]byte
	return hex.AppendEncode(dst, h.Sum(sum[:0])[:IDLen/2])
}
