// Package entitytest builds segmented documents for the tests of the entity,
// quote and credit layers, so that they do not wait on the real segmenter.
// It is deliberately simple and is not used outside tests.
package entitytest

import (
	"embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/text"
)

// Segment cuts s into blocks ("\n\n"), sentences and tokens. The first block
// is the headline; a block opening with "- " or "– " is a quote block; a short
// block without final punctuation is a subheading. A sentence that starts
// with a credit word and a colon ("Foto:", "(Photo:") or is "Arkivfoto" is a
// caption; a block of captions only is a caption block.
func Segment(lang, s string) *text.Doc {
	d := &text.Doc{Lang: lang, Text: s}
	start := 0
	for start <= len(s) {
		end := strings.Index(s[start:], "\n\n")
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		if end > start {
			addBlock(d, start, end)
		}
		if end == len(s) {
			break
		}
		start = end + 2
	}
	return d
}

func addBlock(d *text.Doc, start, end int) {
	s := d.Text
	bi := len(d.Blocks)
	blk := text.Block{Kind: text.Paragraph, Start: start, End: end}
	body := s[start:end]
	switch {
	case bi == 0:
		blk.Kind = text.Headline
	case strings.HasPrefix(body, "- ") || strings.HasPrefix(body, "– "):
		blk.Kind = text.QuoteBlock
	case len(strings.Fields(body)) <= 6 && !strings.ContainsAny(body[len(body)-1:], ".!?:«»\"”"):
		blk.Kind = text.Subheading
	}
	allCaption := true
	ss := start
	for i := start; i <= end; i++ {
		if i == end || sentenceEnds(s, i, end) {
			se := i
			if i < end {
				se = i + 1 // keep the final mark
			}
			sent := text.Sentence{Start: ss, End: se, Block: bi, Tokens: Tokens(s, ss, se)}
			sent.Caption = isCredit(s[ss:se])
			allCaption = allCaption && sent.Caption
			blk.Sentences = append(blk.Sentences, len(d.Sentences))
			d.Sentences = append(d.Sentences, sent)
			if i == end {
				break
			}
			ss = se + 1
			i = se
		}
	}
	if allCaption && bi > 0 {
		blk.Kind = text.Caption
	}
	d.Blocks = append(d.Blocks, blk)
}

// sentenceEnds reports whether a sentence ends at the mark at i: ". ", "! "
// or "? " before a capital, a digit, a dash or a quote mark, but not after a
// short title-case abbreviation ("Gen. Mark Milley").
func sentenceEnds(s string, i, end int) bool {
	c := s[i]
	if c != '.' && c != '!' && c != '?' {
		return false
	}
	if i+2 >= end || s[i+1] != ' ' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i+2:])
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-–»\"“(", r) {
		return false
	}
	if c == '.' {
		w := i
		for w > 0 && s[w-1] != ' ' && s[w-1] != '\n' {
			w--
		}
		word := s[w:i]
		if n := utf8.RuneCountInString(word); n > 0 && n <= 3 {
			f, _ := utf8.DecodeRuneInString(word)
			if unicode.IsUpper(f) && strings.ToLower(word[1:]) == word[1:] {
				return false
			}
		}
		if word != "" && word[0] >= '0' && word[0] <= '9' && unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func isCredit(s string) bool {
	s = strings.TrimLeft(s, "(")
	w := strings.ToLower(s)
	for _, p := range []string{"foto", "photo", "fotos", "photos", "arkivfoto", "billede", "picture", "image", "file photo"} {
		if strings.HasPrefix(w, p) {
			rest := strings.TrimSpace(w[len(p):])
			if strings.HasPrefix(rest, ":") || rest == "" || rest == "." {
				return true
			}
		}
	}
	return false
}

// Tokens cuts s[start:end] into tokens with byte offsets into s. Words keep
// inner hyphens and apostrophes ("Kassym-Jomart", "FN's"); numbers keep inner
// dots and commas and a final ordinal dot before a lower-case word; "/" and
// ":" are tokens of their own.
func Tokens(s string, start, end int) []text.Token {
	var toks []text.Token
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i + n
		kind := text.Symbol
		switch {
		case unicode.IsLetter(r):
			kind = text.Word
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += n2
					continue
				}
				if (r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '.') && j+n2 < end {
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
					if unicode.IsLetter(r3) && (r2 != '.' || isAbbrev(s[i:j])) {
						j += n2
						continue
					}
				}
				break
			}
		case unicode.IsDigit(r):
			kind = text.Number
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsDigit(r2) {
					j += n2
					continue
				}
				if (r2 == '.' || r2 == ',' || r2 == '-') && j+1 < end && s[j+1] >= '0' && s[j+1] <= '9' {
					j += n2
					continue
				}
				if r2 == '.' && j+2 < end && s[j+1] == ' ' {
					r3, _ := utf8.DecodeRuneInString(s[j+2:])
					if unicode.IsLower(r3) {
						j++
					}
				}
				break
			}
		case strings.ContainsRune(".,;:!?\"»«()-–—'‘’“”[]", r):
			kind = text.Punct
		}
		toks = append(toks, text.Token{Text: s[i:j], Lower: strings.ToLower(s[i:j]), Start: i, End: j, Kind: kind})
		i = j
	}
	return toks
}

// isAbbrev reports whether w is one letter, so that "B.T." stays one word.
func isAbbrev(w string) bool {
	return utf8.RuneCountInString(w) == 1 || strings.Count(w, ".") > 0
}

//go:embed articles/*.txt
var articles embed.FS

// Article returns a news text of a few kilobytes written for benchmarks, in
// lang ("da" or "en"), or "" when there is none.
func Article(lang string) string {
	b, err := articles.ReadFile("articles/" + lang + ".txt")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
