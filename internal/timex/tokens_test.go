package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/text"
)

// tokenize is a small stand-in for the segmenter. With keepDots it behaves
// like it: an ordinal or abbreviation dot stays on its number or word when
// the sentence goes on after it ("19. januar", "jan. 2022"); without, every
// dot is a token of its own. Find must give the same answer for both.
func tokenize(s string, keepDots bool) []text.Token {
	var toks []text.Token
	emit := func(i, j int, k text.TokenKind) {
		toks = append(toks, text.Token{Text: s[i:j], Lower: strings.ToLower(s[i:j]), Start: i, End: j, Kind: k})
	}
	// dotStays: the dot at s[j] is followed by a space and a lower-case
	// letter, a digit or a dash, so it does not end the sentence.
	dotStays := func(j int) bool {
		if !keepDots || j >= len(s) || s[j] != '.' || j+2 >= len(s) || s[j+1] != ' ' {
			return false
		}
		r, _ := utf8.DecodeRuneInString(s[j+2:])
		return unicode.IsLower(r) || unicode.IsDigit(r)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case unicode.IsDigit(r):
			j := i + size
			for j < len(s) {
				c, n := utf8.DecodeRuneInString(s[j:])
				if unicode.IsDigit(c) || unicode.IsLetter(c) {
					j += n
					continue
				}
				if strings.ContainsRune(".,-/–", c) && j+n < len(s) {
					if d, _ := utf8.DecodeRuneInString(s[j+n:]); unicode.IsDigit(d) {
						j += n
						continue
					}
				}
				break
			}
			if dotStays(j) || (keepDots && j < len(s) && s[j] == '.' && j+1 < len(s) && strings.ContainsRune("-–", rune(s[j+1]))) {
				j++
			}
			emit(i, j, text.Number)
			i = j
		case unicode.IsLetter(r) || r == '\'':
			j := i + size
			for j < len(s) {
				c, n := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(c) {
					j += n
					continue
				}
				if (c == '-' || c == '\'') && j+n < len(s) {
					if d, _ := utf8.DecodeRuneInString(s[j+n:]); unicode.IsLetter(d) {
						j += n
						continue
					}
				}
				break
			}
			if dotStays(j) {
				j++
			}
			emit(i, j, text.Word)
			i = j
		default:
			k := text.Symbol
			if unicode.IsPunct(r) {
				k = text.Punct
			}
			emit(i, i+size, k)
			i += size
		}
	}
	return toks
}
