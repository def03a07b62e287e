package queue

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
)

// envelopeVersion is bumped when the envelope changes incompatibly, so an
// old worker refuses a new message instead of misreading it.
const envelopeVersion = 1

// envelope is the JSON body of a work message: the article as read, enough
// for a worker to extract it without the file or page it came from.
type envelope struct {
	V         int    `json:"v"`
	ID        string `json:"id"` // document id of Text
	Text      string `json:"text"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Site      string `json:"site,omitempty"`
	Author    string `json:"author,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD
	Lang      string `json:"lang,omitempty"`
	Path      string `json:"path,omitempty"`
	// Reprocess asks the worker to replace the stored findings of an
	// article it already has (after a language-pack upgrade). Old workers
	// ignore it and find the article stored: harmless, so V stays 1.
	Reprocess bool `json:"reprocess,omitempty"`
}

const dateLayout = "2006-01-02"

func encode(a *article.Article) (id string, data []byte, err error) { return encodeAs(a, false) }

// encodeAs encodes a, marked for reprocessing when reprocess is set.
func encodeAs(a *article.Article, reprocess bool) (id string, data []byte, err error) {
	if a.Text == "" {
		return "", nil, errors.New("article has no text")
	}
	e := envelope{
		V: envelopeVersion, ID: document.ID(a.Text), Text: a.Text, Title: a.Title,
		URL: a.URL, Site: a.Site, Author: a.Author, Lang: a.Lang, Path: a.Path, Reprocess: reprocess,
	}
	if !a.Published.IsZero() {
		e.Published = a.Published.UTC().Format(dateLayout)
	}
	data, err = json.Marshal(&e)
	if err != nil {
		return "", nil, fmt.Errorf("encode article %s: %w", e.ID, err)
	}
	return e.ID, data, nil
}

// decode reads a work message body. The id is recomputed from the text, so
// a message whose text was altered on the way cannot pose as another article.
func decode(data []byte) (id string, a *article.Article, err error) {
	id, a, _, err = decodeAll(data)
	return id, a, err
}

// decodeAll is decode that also reports the reprocess mark.
func decodeAll(data []byte) (id string, a *article.Article, reprocess bool, err error) {
	var e envelope
	if err := json.Unmarshal(data, &e); err != nil {
		return "", nil, false, fmt.Errorf("decode work message: %w", err)
	}
	if e.V != envelopeVersion {
		return "", nil, false, fmt.Errorf("decode work message: envelope version %d, this uro reads %d", e.V, envelopeVersion)
	}
	if e.Text == "" {
		return "", nil, false, errors.New("decode work message: no text")
	}
	id = document.ID(e.Text)
	if e.ID != "" && e.ID != id {
		return "", nil, false, fmt.Errorf("decode work message: id %s does not match its text (%s)", e.ID, id)
	}
	a = &article.Article{
		Title: e.Title, Text: e.Text, URL: e.URL, Site: e.Site, Author: e.Author,
		Lang: e.Lang, Path: e.Path,
	}
	if e.Published != "" {
		t, err := time.Parse(dateLayout, e.Published)
		if err != nil {
			return "", nil, false, fmt.Errorf("decode work message %s: published: %w", id, err)
		}
		a.Published = t
	}
	return id, a, e.Reprocess, nil
}
