package timex

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

// tokenize is a small stand-in for the segmenter. With keepDots it behaves
// like it: an ordinal or abbreviation dot stays on its number or word when
// the sentence goes on after it ("19. januar", "jan. 2022"); without, every
// dot is a token of its own. Find must give the same answer for both.
func tokenize(s string, keepDots bool) []text.Token {
	var toks []text.Token
	emit := func(i, j int, k text.TokenKind) {
		// Plain as the segmenter sets it, so that firstStart's short way is tried.
		plain := k == text.Word && !strings.ContainsAny(s[i:j], ".'’")
		toks = append(toks, text.Token{Text: s[i:j], Lower: strings.ToLower(s[i:j]), Start: i, End: j, Kind: k, Plain: plain})
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

// TestHasNext checks firstStart's list form of word.next against the map,
// for every word of every pack, and that some word has a list to search.
func TestHasNext(t *testing.T) {
	for _, lang := range langpacks.Languages() {
		p := parser(t, lang)
		lists := 0
		for w, e := range p.words {
			if len(e.nextH) != len(e.next) {
				t.Errorf("%s %q: %d listed next words, %d in the map", lang, w, len(e.nextH), len(e.next))
			}
			for k := range e.next {
				if !e.hasNext(k, text.Hash(k)) {
					t.Errorf("%s %q: hasNext(%q) = false", lang, w, k)
				}
			}
			if e.hasNext(w+"x", text.Hash(w+"x")) != e.next[w+"x"] {
				t.Errorf("%s %q: hasNext(%q) disagrees with the map", lang, w, w+"x")
			}
			if len(e.nextH) > 0 {
				lists++
			}
		}
		if lists == 0 {
			t.Errorf("%s: no word has next words", lang)
		}
	}
}
