package geocode

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/text"
)

// segment is a small stand-in for internal/segment, enough for the test
// sentences: blocks at blank lines, sentences at . ! ? before a capital or a
// dash, words with inner hyphens and apostrophes.
func segment(lang, s string) *text.Doc {
	d := &text.Doc{Lang: lang, Text: s}
	off := 0
	for bi, b := range strings.Split(s, "\n\n") {
		blk := text.Block{Start: off, End: off + len(b)}
		switch {
		case bi == 0:
			blk.Kind = text.Headline
		case strings.HasPrefix(b, "- ") || strings.HasPrefix(b, "– "):
			blk.Kind = text.QuoteBlock
		case strings.Contains(b, "Foto:") || strings.Contains(b, "Photo:"):
			blk.Kind = text.Caption
		case !strings.ContainsAny(b[len(b)-1:], ".!?:\"»"):
			blk.Kind = text.Subheading
		}
		start := 0
		for i := 0; i < len(b); i++ {
			if c := b[i]; (c == '.' || c == '!' || c == '?') && i+2 < len(b) && b[i+1] == ' ' {
				r, _ := utf8.DecodeRuneInString(b[i+2:])
				w := b[strings.LastIndexAny(b[:i], " ")+1 : i]
				abbr := len(w) <= 2 && w != "" && unicode.IsUpper(rune(w[0])) // "St.", "Mr."
				if !abbr && (unicode.IsUpper(r) || r == '-' || r == '–') {
					blk.Sentences = append(blk.Sentences, len(d.Sentences))
					d.Sentences = append(d.Sentences, sentence(s, off+start, off+i+1, len(d.Blocks), blk.Kind == text.Caption))
					start = i + 2
				}
			}
		}
		blk.Sentences = append(blk.Sentences, len(d.Sentences))
		d.Sentences = append(d.Sentences, sentence(s, off+start, off+len(b), len(d.Blocks), blk.Kind == text.Caption))
		d.Blocks = append(d.Blocks, blk)
		off += len(b) + 2
	}
	return d
}

func sentence(s string, start, end, block int, caption bool) text.Sentence {
	st := text.Sentence{Start: start, End: end, Block: block, Caption: caption}
	letter := func(i int) bool {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return i < end && (unicode.IsLetter(r) || unicode.IsDigit(r))
	}
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		kind := text.Punct
		switch {
		case unicode.IsSpace(r):
			i = j
			continue
		case unicode.IsLetter(r):
			kind = text.Word
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += n2
				} else if (r2 == '-' || r2 == '\'' || r2 == '’') && j+n2 < end && letter(j+n2) {
					j += n2
				} else {
					break
				}
			}
		case unicode.IsDigit(r):
			kind = text.Number
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsDigit(r2) || (r2 == '.' || r2 == ',') && j+1 < end && s[j+1] >= '0' && s[j+1] <= '9' {
					j += n2
				} else {
					break
				}
			}
		case !unicode.IsPunct(r):
			kind = text.Symbol
		}
		st.Tokens = append(st.Tokens, text.Token{Text: s[i:j], Lower: strings.ToLower(s[i:j]), Start: i, End: j, Kind: kind})
		i = j
	}
	return st
}
