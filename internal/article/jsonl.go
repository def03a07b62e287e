package article

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// LineError is the problem with one JSONL line.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ErrLineTooLong is the problem of a JSONL line longer than MaxBytes.
var ErrLineTooLong = errors.New("line is longer than --max-bytes")

type jsonlRecord struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	Title     *string         `json:"title"`
	Published *string         `json:"published"`
	Language  *string         `json:"language"`
	URL       *string         `json:"url"`
}

// JSONL reads JSON Lines articles, one object per line:
//
//	{"id": "a1", "text": "...", "title": "...", "published": "2022-01-06", "language": "da", "url": "..."}
//
// Only "text" is required; "id" may be a string or a number. Text is plain
// text. When "title" is given and not blank, it is the headline: Text is the
// title block, "\n\n", then the normalised text (whose first line is then an
// ordinary line). Without a title the text is read as a plain article, its
// first line the headline (and Title).
//
// fn is called for every non-blank line in order with its 1-based line
// number; a bad line gives fn a nil article and a *LineError naming the line
// and the problem, and reading goes on. Blank lines are skipped. JSONL stops
// at the first error fn returns, or a read error, or when ctx is done.
// Memory stays bounded by the longest line, itself at most MaxBytes: a longer
// line is reported and skipped.
func JSONL(ctx context.Context, r io.Reader, opt Options, fn func(line int, a *Article, err error) error) error {
	max := opt.maxBytes()
	br := bufio.NewReaderSize(r, 64*1024)
	var buf []byte
	for line := 1; ; line++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("read JSONL: %w", err)
		}
		buf = buf[:0]
		tooLong := false
		var readErr error
		for {
			chunk, err := br.ReadSlice('\n')
			if !tooLong {
				if int64(len(buf)+len(chunk)) > max+1 { // +1: the newline is not content
					tooLong = true
					buf = buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			readErr = err
			break
		}
		if readErr != nil && readErr != io.EOF {
			return fmt.Errorf("read JSONL line %d: %w", line, readErr)
		}
		atEOF := readErr == io.EOF
		if !tooLong && int64(len(bytes.TrimSuffix(buf, []byte("\n")))) > max {
			tooLong = true
		}
		if tooLong {
			if err := fn(line, nil, &LineError{Line: line, Err: fmt.Errorf("%w %d", ErrLineTooLong, max)}); err != nil {
				return err
			}
		} else if len(bytes.TrimSpace(buf)) > 0 {
			a, err := jsonlArticle(buf)
			if err != nil {
				err = &LineError{Line: line, Err: err}
			}
			if err := fn(line, a, err); err != nil {
				return err
			}
		}
		if atEOF {
			return nil
		}
	}
}

func jsonlArticle(data []byte) (*Article, error) {
	var warn []string
	if !utf8.Valid(data) {
		warn = append(warn, warnUTF8)
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	var rec jsonlRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return nil, fmt.Errorf("%s must be a %s, not a JSON %s", te.Field, te.Type, te.Value)
		}
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	a := &Article{Warnings: warn}
	if len(rec.ID) > 0 && string(rec.ID) != "null" {
		var id string
		if err := json.Unmarshal(rec.ID, &id); err == nil {
			a.ID = id
		} else if rec.ID[0] == '-' || rec.ID[0] >= '0' && rec.ID[0] <= '9' {
			a.ID = string(rec.ID)
		} else {
			return nil, fmt.Errorf("id must be a string or a number, not %s", rec.ID)
		}
	}
	if rec.Text == nil {
		return nil, errors.New(`no "text"`)
	}
	if rec.Published != nil && *rec.Published != "" {
		p := *rec.Published
		t, err := time.Parse(time.DateOnly, p)
		if err != nil || len(p) != len(time.DateOnly) {
			return nil, fmt.Errorf("published %q is not YYYY-MM-DD", p)
		}
		a.Published = t
	}
	if rec.Language != nil {
		a.Lang = strings.ToLower(strings.TrimSpace(*rec.Language))
	}
	if rec.URL != nil {
		a.URL = strings.TrimSpace(*rec.URL)
	}
	title := ""
	if rec.Title != nil {
		title = oneLine(*rec.Title)
	}
	if title != "" {
		body := normalize(*rec.Text, false)
		if body == "" {
			return nil, errors.New(`"text" is empty`)
		}
		a.Title = title
		a.Text = title + "\n\n" + body
	} else {
		a.Text = Normalize(*rec.Text)
		if a.Text == "" {
			return nil, errors.New(`"text" is empty`)
		}
		a.Title = firstBlock(a.Text)
	}
	return a, nil
}
