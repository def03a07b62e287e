// Package article owns reading one news article from a file, a stream or a
// JSON Lines record into normalised text plus the metadata that came with it
// (title, URL, site, author, publication date). Everything downstream works on
// Article.Text, so this package also owns what "normalised" means (Normalize).
package article

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// Article is one article read from a file, a stream or a JSONL record.
type Article struct {
	ID    string // caller-given id (JSONL) or ""
	Title string // headline ("" = unknown)
	// Text is the normalised text (see Normalize); its first block is the
	// headline when there is one.
	Text      string
	URL       string
	Site      string
	Author    string
	Path      string    // file the article came from; "" for stdin and JSONL
	Published time.Time // UTC midnight; zero = unknown
	Lang      string    // "" unless the input states it (JSONL "language")
	LangHint  string    // language the HTML page declares (<html lang>), a hint only
	Warnings  []string  // problems repaired on the way, e.g. invalid UTF-8
}

// Options tune reading.
type Options struct {
	MaxBytes int64  // largest input accepted; 0 means DefaultMaxBytes
	URL      string // the page's URL, when the caller knows it
}

// DefaultMaxBytes bounds an input when Options.MaxBytes is 0: far above any
// news article, low enough that a wrong file fails fast.
const DefaultMaxBytes = 10 << 20

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// Kinds of bad input; test with errors.Is. Every error returned for bad input
// is an *Error wrapping one of these.
var (
	ErrNotFound = errors.New("no such file")
	ErrIsDir    = errors.New("is a directory")
	ErrBinary   = errors.New("looks binary, not an article")
	ErrEmpty    = errors.New("is empty")
	ErrTooLarge = errors.New("is over the size limit")
	ErrNoText   = errors.New("has no article text")
)

// Error is bad input: which input, which kind of problem, and for ErrTooLarge
// the sizes. Its message is one line fit for a command line.
type Error struct {
	Name string // the input as the user named it ("stdin" for "-")
	Kind error  // one of the Err* values above
	Size int64  // ErrTooLarge: the size, or -1 when only "more than Max" is known
	Max  int64  // ErrTooLarge: the limit
	Err  error  // underlying cause, if any
}

func (e *Error) Error() string {
	switch e.Kind {
	case ErrNotFound:
		return fmt.Sprintf("read %s: %v", e.Name, e.Kind)
	case ErrTooLarge:
		if e.Size < 0 {
			return fmt.Sprintf("%s is more than %d bytes, over --max-bytes %d", e.Name, e.Max, e.Max)
		}
		return fmt.Sprintf("%s is %d bytes, over --max-bytes %d", e.Name, e.Size, e.Max)
	case ErrNoText:
		if e.Err != nil {
			return fmt.Sprintf("%s %v: %v", e.Name, e.Kind, e.Err)
		}
	}
	return fmt.Sprintf("%s %v", e.Name, e.Kind)
}

// Unwrap lets errors.Is see both the kind and the cause (e.g. fs.ErrNotExist).
func (e *Error) Unwrap() []error {
	if e.Err != nil {
		return []error{e.Kind, e.Err}
	}
	return []error{e.Kind}
}

func displayName(name string) string {
	if name == "-" || name == "" {
		return "stdin"
	}
	return name
}

// ReadFile reads the article in the file at path, as HTML when the name or the
// first bytes say so and as plain text otherwise.
func ReadFile(ctx context.Context, path string, opt Options) (*Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if path == "-" {
		return Read(ctx, path, os.Stdin, opt)
	}
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{Name: path, Kind: ErrNotFound, Err: err}
		}
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if st.IsDir() {
		return nil, &Error{Name: path, Kind: ErrIsDir}
	}
	// Stat first so an oversized file is refused without reading it.
	if max := opt.maxBytes(); st.Size() > max {
		return nil, &Error{Name: path, Kind: ErrTooLarge, Size: st.Size(), Max: max}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	return Read(ctx, path, f, opt)
}

// Read reads one article from r; name names the input in errors and picks
// HTML by extension ("-" means stdin, and r may then be nil).
func Read(ctx context.Context, name string, r io.Reader, opt Options) (*Article, error) {
	if r == nil && name == "-" {
		r = os.Stdin
	}
	dn := displayName(name)
	max := opt.maxBytes()
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dn, err)
	}
	if int64(len(data)) > max {
		return nil, &Error{Name: dn, Kind: ErrTooLarge, Size: -1, Max: max}
	}
	var a *Article
	if isHTML(name, data) {
		a, err = HTML(ctx, name, data, opt.URL)
	} else {
		a, err = Plain(name, data)
		if a != nil {
			a.URL = opt.URL
		}
	}
	return a, err
}

// isHTML sniffs HTML from the file extension or the first markup.
func isHTML(name string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return true
	}
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.ToLower(bytes.TrimLeft(head, " \t\r\n\f"))
	// A saved page often opens with a comment ("<!-- saved from url=... -->").
	for bytes.HasPrefix(head, []byte("<!--")) {
		end := bytes.Index(head, []byte("-->"))
		if end < 0 {
			return false
		}
		head = bytes.TrimLeft(head[end+3:], " \t\r\n\f")
	}
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if bytes.HasPrefix(head, []byte(p)) {
			return true
		}
	}
	return bytes.HasPrefix(head, []byte("<?xml")) && bytes.Contains(head, []byte("<html"))
}

// looksBinary reports whether data is not text: any NUL, or many control bytes
// or invalid UTF-8 sequences in the first 8 KB. A few invalid bytes (a Latin-1
// file) are text to be repaired, not binary.
func looksBinary(data []byte) bool {
	sample := data
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	if len(sample) == 0 {
		return false
	}
	var ctrl, bad int
	for i := 0; i < len(sample); {
		c := sample[i]
		if c < utf8.RuneSelf {
			switch {
			case c == 0:
				return true
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v', c == 0x7f:
				ctrl++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && n == 1 && len(sample)-i >= utf8.UTFMax {
			bad++
		}
		i += n
	}
	return ctrl*10 > len(sample) || (ctrl+bad)*10 > len(sample)*3
}

// checkText refuses binary and blank input and repairs invalid UTF-8.
func checkText(name string, data []byte) (string, []string, error) {
	dn := displayName(name)
	if looksBinary(data) {
		return "", nil, &Error{Name: dn, Kind: ErrBinary}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", nil, &Error{Name: dn, Kind: ErrEmpty}
	}
	if !utf8.Valid(data) {
		return string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), []string{warnUTF8}, nil
	}
	return string(data), nil, nil
}

const warnUTF8 = "invalid UTF-8 repaired with U+FFFD"

func pathOf(name string) string {
	if name == "-" {
		return ""
	}
	return name
}

// Plain reads a plain-text article: the first non-empty line is the headline,
// then paragraphs (see Normalize for how lines become blocks).
func Plain(name string, data []byte) (*Article, error) {
	s, warn, err := checkText(name, data)
	if err != nil {
		return nil, err
	}
	text := Normalize(s)
	if text == "" {
		return nil, &Error{Name: displayName(name), Kind: ErrEmpty}
	}
	return &Article{Title: firstBlock(text), Text: text, Path: pathOf(name), Warnings: warn}, nil
}

func firstBlock(text string) string {
	if i := strings.Index(text, "\n\n"); i >= 0 {
		return text[:i]
	}
	return text
}
