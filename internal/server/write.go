package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/store"
)

// Input is the JSON body of POST /api/v1/extract and POST /api/v1/articles.
// Only Text is required; Language is accepted for Lang, as in uro's JSON
// Lines input.
type Input struct {
	Text      *string `json:"text"`
	Title     string  `json:"title"`
	URL       string  `json:"url"`
	Published string  `json:"published"`
	Lang      string  `json:"lang"`
	Language  string  `json:"language"`
}

// errUnsupported is a body of a media type the writes do not read.
type errUnsupported struct{ ct string }

func (e errUnsupported) Error() string {
	return fmt.Sprintf("content type %q is not application/json, text/plain or text/html", e.ct)
}

func (s *Server) postExtract(w http.ResponseWriter, r *http.Request) {
	doc, ok := s.extractBody(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, doc)
}

func (s *Server) postArticle(w http.ResponseWriter, r *http.Request) {
	doc, ok := s.extractBody(w, r)
	if !ok {
		return
	}
	added, err := s.cfg.Store.Put(r.Context(), doc, store.Meta{Fetched: time.Now().UTC()})
	if err != nil {
		s.fail(w, r, fmt.Errorf("store article %s: %w", doc.ID, err))
		return
	}
	code := http.StatusOK
	if added {
		code = http.StatusCreated
		w.Header().Set("Location", "/api/v1/articles/"+doc.ID)
	}
	writeJSON(w, code, PutResult{ID: doc.ID, Added: added})
}

// extractBody reads the article in the request and extracts it, text
// included (the paste page highlights from the offsets; the store needs
// the text). It answers the error itself and reports ok == false.
func (s *Server) extractBody(w http.ResponseWriter, r *http.Request) (*document.Document, bool) {
	if s.cfg.Extractor == nil {
		writeError(w, http.StatusServiceUnavailable, "this server has no extractor")
		return nil, false
	}
	a, err := s.readArticle(r.Context(), r)
	if err != nil {
		var u errUnsupported
		if errors.As(err, &u) {
			writeError(w, http.StatusUnsupportedMediaType, u.Error())
		} else {
			s.fail(w, r, err)
		}
		return nil, false
	}
	lang := a.Lang
	if lang == "" {
		lang = "auto"
	} else if !s.cfg.Extractor.HasLang(lang) {
		writeError(w, http.StatusUnprocessableEntity, fmt.Sprintf("lang %q has no language pack (have %s)", lang, strings.Join(s.cfg.Extractor.Langs(), ", ")))
		return nil, false
	}
	doc, err := s.cfg.Extractor.Extract(r.Context(), a, extract.Options{Lang: lang, IncludeText: true, URL: a.URL})
	if err != nil {
		s.fail(w, r, fmt.Errorf("extract: %w", err))
		return nil, false
	}
	return doc, true
}

// readArticle turns the body into an article: JSON (Input), plain text or
// HTML. For text bodies the query gives title, url, published and lang; in
// JSON the body's fields win and the query fills the blanks.
func (s *Server) readArticle(ctx context.Context, r *http.Request) (*article.Article, error) {
	ct := r.Header.Get("Content-Type")
	mt := "text/plain"
	if ct != "" {
		var err error
		mt, _, err = mime.ParseMediaType(ct)
		if err != nil {
			return nil, errUnsupported{ct}
		}
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, fmt.Errorf("read request body: %w", err)
	}
	q := r.URL.Query()
	in := Input{Title: q.Get("title"), URL: q.Get("url"), Published: q.Get("published"), Lang: q.Get("lang")}
	switch mt {
	case "application/json":
		var body Input
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&body); err != nil {
			return nil, badf("request body is not an article object {text, title, url, published, lang}: %v", err)
		}
		if dec.More() {
			return nil, badf("request body has more than one JSON value")
		}
		if body.Text == nil {
			return nil, badf(`request body has no "text"`)
		}
		in.Text = body.Text
		for _, p := range []struct {
			dst *string
			v   string
		}{
			{&in.Title, body.Title}, {&in.URL, body.URL}, {&in.Published, body.Published}, {&in.Lang, body.Lang}, {&in.Lang, body.Language},
		} {
			if p.v != "" {
				*p.dst = p.v
			}
		}
	case "text/plain":
		t := string(data)
		in.Text = &t
	case "text/html", "application/xhtml+xml":
		if in.Published != "" {
			if _, err := time.Parse(time.DateOnly, in.Published); err != nil {
				return nil, badf("published %q is not a date YYYY-MM-DD", in.Published)
			}
		}
		a, err := article.HTML(ctx, "request body", data, in.URL)
		if err != nil {
			return nil, err
		}
		if in.Published != "" {
			a.Published, _ = time.Parse(time.DateOnly, in.Published)
		}
		if in.Lang != "" {
			a.Lang = strings.ToLower(in.Lang)
		}
		return a, nil
	default:
		return nil, errUnsupported{ct}
	}
	return readInput(ctx, in, int64(len(data)))
}

// readInput makes the article through uro's JSON Lines reader, so a posted
// article is normalised exactly as `uro extract --jsonl` would do it.
func readInput(ctx context.Context, in Input, size int64) (*article.Article, error) {
	line, err := json.Marshal(map[string]any{"text": in.Text, "title": in.Title, "url": in.URL,
		"published": in.Published, "language": in.Lang})
	if err != nil {
		return nil, fmt.Errorf("encode article: %w", err)
	}
	var a *article.Article
	var lineErr error
	// The body was already bounded by MaxBody; JSON escaping may grow it.
	opt := article.Options{MaxBytes: int64(len(line)) + size + 1}
	err = article.JSONL(ctx, bytes.NewReader(line), opt, func(_ int, got *article.Article, err error) error {
		a, lineErr = got, err
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read article: %w", err)
	}
	if lineErr != nil {
		return nil, lineErr
	}
	if a == nil {
		return nil, badf(`"text" is empty`)
	}
	return a, nil
}
