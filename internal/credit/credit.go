// Package credit owns reading photo credits out of caption sentences:
// "Foto: Valery Sharifulin/Tass/Ritzau Scanpix" names a photographer and the
// agencies that distribute the picture.
//
// The words that open a credit are the segmenter's (credits.txt), so captions
// are marked and read by the same list; which parts are agencies is decided
// by the pack's organizations.tsv, not by their position.
package credit

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/entity"
	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/internal/text"
)

// Credit is one photo credit.
type Credit struct {
	Name       string   // the photographer, "" when only agencies are named
	Agencies   []string // as written, in order
	Start, End int      // byte offsets of the credit text after "Foto:"
}

// Finder reads credits using one language pack.
type Finder struct {
	words map[string]bool // lower-case credit words, without the colon
	lex   *entity.Lexicon
}

// New loads lang's credit words (credits.txt) and organisations from fsys.
func New(fsys fs.FS, lang string) (*Finder, error) {
	lex, err := entity.LoadLexicon(fsys, lang)
	if err != nil {
		return nil, fmt.Errorf("credit: %w", err)
	}
	rows, err := table.Words(fsys, path.Join(lang, "credits.txt"))
	if err != nil {
		return nil, fmt.Errorf("credit: load %s pack: %w", lang, err)
	}
	f := &Finder{words: map[string]bool{}, lex: lex}
	for _, r := range rows {
		w := r.Fields[0]
		if strings.ToLower(w) != w || strings.ContainsAny(w, " :\t") {
			return nil, fmt.Errorf("credit: load %s pack: %w", lang, r.Errorf("credit word %q must be one lower-case word without a colon", w))
		}
		f.words[w] = true
	}
	return f, nil
}

// Find returns the credits of doc's caption sentences, in text order. A credit
// repeated word for word (the same picture credited twice) is kept once.
func (f *Finder) Find(doc *text.Doc) []Credit {
	return f.FindInto(nil, doc)
}

// FindInto is Find writing the credits to dst[:0]: a caller done with one
// document's credits hands their array to the next document's call (their
// Agencies are the credits' own). The result is nil when there is none, as
// Find's.
func (f *Finder) FindInto(dst []Credit, doc *text.Doc) []Credit {
	out := dst[:0]
	for _, s := range doc.Sentences {
		if !s.Caption {
			continue
		}
		c, ok := f.Parse(doc.Text[s.Start:s.End])
		if !ok {
			continue
		}
		c.Start += s.Start
		c.End += s.Start
		if !seen(out, c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// seen reports whether cs holds c's name and agencies. (An agency holds no
// slash: comparing the lists is comparing them joined, without joining.)
func seen(cs []Credit, c Credit) bool {
	for _, o := range cs {
		if o.Name == c.Name && slices.Equal(o.Agencies, c.Agencies) {
			return true
		}
	}
	return false
}

// Parse reads one caption string. Offsets in the result are into caption.
// It reports false when the caption holds no credit.
func (f *Finder) Parse(caption string) (Credit, bool) {
	start, end, bare, ok := f.locate(caption)
	if !ok {
		return Credit{}, false
	}
	c := Credit{Start: start, End: end}
	if bare {
		return c, true
	}
	// The parts and the agencies on the stack: the credit keeps only the
	// agencies, in an array of their size.
	var pb [8]text.Span
	var ab [8]string
	ags := ab[:0]
	for _, part := range splitParts(pb[:0], caption, start, end) {
		p := caption[part.Start:part.End]
		if _, org := f.lex.Organization(p); org || c.Name != "" {
			ags = append(ags, p)
			continue
		}
		c.Name = p
	}
	if len(ags) > 0 {
		c.Agencies = append([]string(nil), ags...)
	}
	return c, true
}

// locate finds the credit text: after the first credit word that is
// capitalised and followed by a colon, up to the end of the caption or the
// bracket that opened before the word. A caption that is only a credit word
// ("Arkivfoto") is a credit naming no one.
func (f *Finder) locate(s string) (start, end int, bare, ok bool) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r2) {
				break
			}
			j += n2
		}
		word := s[i:j]
		if unicode.IsUpper(r) && f.isWord(word) && (i == 0 || !isLetterBefore(s, i)) {
			k := j
			for k < len(s) && s[k] == ' ' {
				k++
			}
			if k < len(s) && s[k] == ':' {
				start = k + 1
				end = len(s)
				if i > 0 && s[i-1] == '(' {
					if c := strings.IndexByte(s[start:], ')'); c >= 0 {
						end = start + c
					}
				}
				start, end = trim(s, start, end)
				return start, end, false, end > start
			}
			if rest := strings.Trim(s[j:], " .)"); rest == "" && strings.Trim(s[:i], " (") == "" {
				return i, j, true, true
			}
		}
		i = j
	}
	return 0, 0, false, false
}

// isWord reports whether word, lower-cased, is a credit word. An ASCII
// word is lowered on the stack: strings.ToLower would allocate for every
// capitalised word of every caption.
func (f *Finder) isWord(word string) bool {
	var b [32]byte
	if len(word) > len(b) {
		return f.words[strings.ToLower(word)]
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			return f.words[strings.ToLower(word)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return f.words[string(b[:len(word)])]
}

func isLetterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// trim narrows [start, end) of s past spaces and closing punctuation.
func trim(s string, start, end int) (int, int) {
	for start < end && (s[start] == ' ' || s[start] == '(') {
		start++
	}
	for end > start && strings.IndexByte(" .,;)", s[end-1]) >= 0 {
		end--
	}
	return start, end
}

// splitParts cuts the credit text at slashes and vertical bars, appending
// the parts to parts.
func splitParts(parts []text.Span, s string, start, end int) []text.Span {
	a := start
	for i := start; i <= end; i++ {
		if i == end || s[i] == '/' || s[i] == '|' {
			ps, pe := trim(s, a, i)
			if pe > ps {
				parts = append(parts, text.Span{Start: ps, End: pe})
			}
			a = i + 1
		}
	}
	return parts
}
