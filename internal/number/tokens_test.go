package number

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/text"
)

// tokenize splits one sentence the way the segmenter does, for tests only:
// "2.000", "1,5", "200-250" and "45-årig" stay one token, and a dot right
// after digits stays on them ("19.") unless it ends the sentence.
func tokenize(s string) []text.Token {
	var toks []text.Token
	emit := func(start, end int, kind text.TokenKind) {
		toks = append(toks, text.Token{Text: s[start:end], Lower: strings.ToLower(s[start:end]), Start: start, End: end, Kind: kind})
	}
	at := func(i int) rune {
		if i >= len(s) {
			return 0
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		return r
	}
	size := func(i int) int {
		_, n := utf8.DecodeRuneInString(s[i:])
		return n
	}
	isD := func(r rune) bool { return r >= '0' && r <= '9' }
	letters := func(i int) int {
		for i < len(s) && unicode.IsLetter(at(i)) {
			i += size(i)
		}
		return i
	}
	for i := 0; i < len(s); {
		r := at(i)
		switch {
		case unicode.IsSpace(r):
			i += size(i)
		case isD(r):
			j := i
			for j < len(s) {
				c := at(j)
				switch {
				case isD(c):
					j++
				case (c == '.' || c == ',' || c == ':' || c == '-') && isD(at(j+1)):
					j++
				case c == '–' && isD(at(j+size(j))):
					j += size(j)
				default:
					goto done
				}
			}
		done:
			j = letters(j)
			for j < len(s) && (at(j) == '-' || at(j) == '\'') && unicode.IsLetter(at(j+1)) {
				j = letters(j + 1)
			}
			if at(j) == '.' && strings.TrimSpace(s[j+1:]) != "" {
				j++
			}
			emit(i, j, text.Number)
			i = j
		case unicode.IsLetter(r):
			j := letters(i)
			for j < len(s) && (at(j) == '-' || at(j) == '\'') && unicode.IsLetter(at(j+size(j))) {
				j = letters(j + 1)
			}
			emit(i, j, text.Word)
			i = j
		default:
			n := size(i)
			kind := text.Symbol
			if strings.ContainsRune(".,;:!?\"»«()-–—'", r) {
				kind = text.Punct
			}
			emit(i, i+n, kind)
			i += n
		}
	}
	return toks
}
