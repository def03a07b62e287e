package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/text"
)

// class is what a character is to the tokenizer. These are properties of
// Unicode, not of a language, so they live in Go.
type class uint8

const (
	cSpace class = iota
	cLetter
	cDigit
	cPunct
	cSymbol
)

var asciiClass [utf8.RuneSelf]class

func init() {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			asciiClass[c] = cLetter
		case '0' <= c && c <= '9':
			asciiClass[c] = cDigit
		case c == ' ', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f':
			asciiClass[c] = cSpace
		case strings.IndexByte(`.,;:!?"'()[]{}-`, byte(c)) >= 0:
			asciiClass[c] = cPunct
		default:
			asciiClass[c] = cSymbol // % $ / + & @ # * = < > ...
		}
		if k := asciiClass[c]; k == cLetter || k == cDigit {
			wordLower[c] = byte(unicode.ToLower(rune(c)))
			wordBits[c] = wordLower[c] ^ byte(c)
			if k == cDigit {
				wordBits[c] = digitBit
			}
		}
	}
}

func classOf(r rune) class {
	if r < utf8.RuneSelf {
		return asciiClass[r]
	}
	return classSlow(r)
}

// classAt returns the class of the rune at t[k:end].
func classAt(t string, k, end int) class {
	if c := t[k]; c < utf8.RuneSelf {
		return asciiClass[c]
	}
	r, _ := utf8.DecodeRuneInString(t[k:end])
	return classSlow(r)
}

func classSlow(r rune) class {
	switch {
	case unicode.IsLetter(r), unicode.IsMark(r), unicode.Is(unicode.Cf, r):
		// Marks and format characters (soft hyphen, joiners) stay inside words.
		return cLetter
	case unicode.IsDigit(r):
		return cDigit
	case unicode.IsSpace(r):
		return cSpace
	case r == '‰', r == '§', r == '¶', r == '†', r == '‡', r == '•', r == '′', r == '″', r == '№':
		return cSymbol
	case unicode.IsPunct(r):
		return cPunct
	}
	return cSymbol
}

// decode returns the rune at t[i:end] and its width; invalid bytes are
// RuneError of width 1.
func decode(t string, i, end int) (rune, int) {
	if c := t[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(t[i:end])
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	return unicode.IsLower(r)
}

// firstRune returns the first rune of s, or RuneError.
func firstRune(s string) rune {
	if s == "" {
		return utf8.RuneError
	}
	if s[0] < utf8.RuneSelf {
		return rune(s[0])
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// tokenizer turns text into tokens, sharing one buffer for the lower-cased
// forms so that a document costs a handful of allocations, not one per word.
type tokenizer struct {
	s     *Segmenter
	lower *strings.Builder // never nil
	chunk int              // bytes lowerOf reserves at a time; 0 means 4096
	key   [64]byte         // scratch for allocation-free map keys
	// colon is set when a ":" token is made: a block without one has no
	// credit ("Foto: …"), and sentences need not look for it at every token.
	colon bool
}

// tokens appends the tokens of t[start:end] to dst.
func (tz *tokenizer) tokens(dst []text.Token, t string, start, end int) []text.Token {
	i := start
	for i < end {
		var r rune
		var c class
		n := 1
		if b := t[i]; b < utf8.RuneSelf {
			r, c = rune(b), asciiClass[b]
			if c == cSpace {
				i++
				continue
			}
		} else {
			r, n = utf8.DecodeRuneInString(t[i:end])
			c = classSlow(r)
			if c == cSpace {
				i += n
				continue
			}
		}
		j := i + n
		kind := text.Symbol
		var h uint32
		lc := lcOther
		plain := false
		switch c {
		case cLetter:
			kind = text.Word
			if r < utf8.RuneSelf {
				// Most words are ASCII letters and digits up to a space or
				// a mark that cannot join them: read here, as word would
				// read them, without the call. wordFrom reads on the others.
				lo := wordLower[r]
				diff, hw := wordBits[r], (fnvOffset^uint32(lo))*fnvPrime
				k := j
				for k < end {
					c := t[k]
					l := wordLower[c]
					if l == 0 {
						break
					}
					diff |= wordBits[c]
					hw = (hw ^ uint32(l)) * fnvPrime
					k++
				}
				if k >= end || t[k] < utf8.RuneSelf && t[k] != '-' && t[k] != '\'' && t[k] != '.' {
					j, h, lc, plain = k, finish(hw), asciiCase(diff), true
					break
				}
				j, h, lc, plain = tz.wordFrom(t, i, j, k, end, hw, diff, true, false)
				break
			}
			j, h, lc, plain = tz.word(t, i, j, end)
		case cDigit:
			kind = text.Number
			j = tz.number(t, i, j, end)
		case cPunct:
			kind = text.Punct
			if r == '.' {
				for j < end && t[j] == '.' {
					j++ // "..." is one token
				}
			} else if r == ':' {
				tz.colon = true
			}
		}
		tok := t[i:j]
		var low string
		switch {
		case lc&lcSame != 0:
			low = tok // word hashed it while scanning
		case lc&lcLatin != 0:
			low = tz.lowerLatin(tok)
		case j == i+1 && t[i] < utf8.RuneSelf && !('A' <= t[i] && t[i] <= 'Z'):
			low, h = tok, byteHash[t[i]] // most punctuation
		default:
			low, h = tz.lowerOf(tok)
		}
		// Field by field into the slot: a whole Token written at once is,
		// while the collector runs, a bulk copy with a barrier over its
		// pointers, which costs more than the token's whole tokenizing.
		k := len(dst)
		if k < cap(dst) {
			dst = dst[:k+1]
		} else {
			dst = append(dst, text.Token{})
		}
		tk := &dst[k]
		tk.Text, tk.Lower, tk.Start, tk.End, tk.Kind, tk.Plain, tk.Letters, tk.Hash = tok, low, i, j, kind, plain, lc&lcLetters != 0, h
		i = j
	}
	return dst
}

// lcase says what word learnt of a word's case while scanning it: one of
// lcOther, lcSame and lcLatin, with lcLetters for a word of ASCII letters
// only (text.Token.Letters; one value, not another result, keeps tokens'
// loop from running out of registers).
type lcase uint8

const (
	lcOther   lcase = 0 // not read: lowerOf lowers and hashes the word
	lcSame    lcase = 1 // no upper-case letter: the word is its own lower case
	lcLatin   lcase = 2 // upper-case ASCII or Latin-1 letters (C3 80–9E), lowered by lowerLatin
	lcLetters lcase = 4 // with lcSame or lcLatin: ASCII letters only
)

// byteHash[c] is text.Hash of the one-byte string c.
var byteHash = func() (t [utf8.RuneSelf]uint32) {
	for c := range t {
		t[c] = text.Hash(string(rune(c)))
	}
	return t
}()

// wordLower[b] is the lower case of the ASCII letter or digit b, 0 for
// every other byte: the inner loop of word in one load.
var wordLower [256]byte // filled by init, after asciiClass

// wordBits[b] is, for the ASCII letter or digit b, what word's running
// diff learns of it: caseBit for an upper-case letter, digitBit for a
// digit. One load, no dearer than XORing b with its lower case, tells both
// the word's case and whether it is text.Token.Letters.
var wordBits [256]byte // filled by init, after asciiClass

// The bits of word's running diff.
const (
	caseBit  = 0x20 // an upper-case letter: b ^ wordLower[b]
	digitBit = 0x40 // a digit
	otherBit = 0x80 // a byte outside the runs of ASCII letters and digits
)

// FNV-1a, as text.Hash, one byte at a time.
const (
	fnvOffset = text.HashOffset
	fnvPrime  = text.HashPrime
)

// word scans a word whose first rune ends at j: letters and digits, with
// inner hyphens, apostrophes and dots ("tv-station", "don't", "f.eks"). A dot
// after the word joins it when the word is an abbreviation or an initial.
//
// While it reads the bytes it also hashes them lower-cased, as text.Hash of
// the token's Lower: words of ASCII and Latin-1 letters (Danish, English,
// most of running text) then need no second pass. It returns the end of the
// word, that hash, what it found of the case (lcOther when some rune was
// outside that range: the hash is then to be ignored; lcLetters for
// text.Token.Letters) and whether the word is text.Token.Plain.
func (tz *tokenizer) word(t string, i, j, end int) (int, uint32, lcase, bool) {
	// simple: every byte so far is ASCII or a C3 pair of a Latin-1 letter;
	// upper: one of them was upper case.
	simple, upper := true, false
	h := uint32(fnvOffset)
	diff := byte(otherBit)
	if b := t[i]; b < utf8.RuneSelf {
		diff = wordBits[b]
		h = (h ^ uint32(wordLower[b])) * fnvPrime
	} else if k, ok := latinAt(t, i, end); ok && j == i+2 {
		upper = upper || k < 0xA0 && k != 0x9F
		h = (h ^ 0xC3) * fnvPrime
		h = (h ^ uint32(latinLower(k))) * fnvPrime
	} else {
		simple = false
	}
	return tz.wordFrom(t, i, j, j, end, h, diff, simple, upper)
}

// wordFrom is word from byte k on, the first rune ending at first: h is the
// hash so far, diff the bits of wordBits of the bytes so far (and otherBit
// when one was not an ASCII letter or digit), and simple and upper as
// word's. tokens reads the ASCII run a word starts with itself, and goes on
// here when the word does.
func (tz *tokenizer) wordFrom(t string, i, first, k, end int, h uint32, diff byte, simple, upper bool) (int, uint32, lcase, bool) {
	j := k
	dotted := false
	joined := false // an apostrophe, a dot or "’" joined the word: not text.Token.Plain
	for t := t[:end]; j < len(t); {
		// The run of ASCII letters and digits, most of every word.
		for j < len(t) {
			b := t[j]
			lo := wordLower[b]
			if lo == 0 {
				break
			}
			diff |= wordBits[b]
			h = (h ^ uint32(lo)) * fnvPrime
			j++
		}
		if j >= len(t) {
			break
		}
		n := 1
		var r rune
		if b := t[j]; b < utf8.RuneSelf {
			if b != '-' && b != '\'' && b != '.' {
				break
			}
			r = rune(b)
		} else {
			if k, ok := latinAt(t, j, end); ok {
				// A Latin-1 letter (æ, ø, å, é, Æ …) without decoding.
				upper = upper || k < 0xA0 && k != 0x9F
				h = (h ^ 0xC3) * fnvPrime
				h = (h ^ uint32(latinLower(k))) * fnvPrime
				diff |= otherBit
				j += 2
				continue
			}
			r, n = utf8.DecodeRuneInString(t[j:end])
			if c := classSlow(r); c == cLetter || c == cDigit {
				simple = false
				diff |= otherBit
				j += n
				continue
			}
			if r != '’' && r != '‐' && r != '‑' {
				break
			}
		}
		// A joiner stays inside the word only between letters (or a letter or
		// digit after a hyphen or apostrophe: "COVID-19").
		if j+n >= end {
			break
		}
		c2 := classAt(t, j+n, end)
		if c2 != cLetter && (r == '.' || c2 != cDigit) {
			break
		}
		if r == '.' {
			dotted = true
		}
		if r == '.' || r == '\'' || r == '’' {
			joined = true
		}
		if n == 1 {
			h = (h ^ uint32(r)) * fnvPrime
		} else {
			simple = false
		}
		diff |= otherBit
		j += n
	}
	upper = upper || diff&caseBit != 0
	var letters lcase
	if diff&(digitBit|otherBit) == 0 {
		letters = lcLetters
	}
	if j >= end || t[j] != '.' || (j+1 < end && t[j+1] == '.') {
		return j, finish(h), caseOf(simple, upper) | letters, !joined
	}
	dot := finish((h ^ '.') * fnvPrime)
	switch {
	case dotted:
		return j + 1, dot, caseOf(simple, upper), false
	case tz.abbrOf(t[i:j+1], simple && !upper) != 0:
		// An ambiguous abbreviation that ends the block or stands before a
		// sentence starter, gives its dot to the sentence: "…, skriver DR." is
		// the broadcaster DR and a full stop, and later layers match "DR".
		k := tz.abbrOf(t[i:j+1], simple && !upper)
		if k == abbrAmbiguous && (j+1 >= end || tz.starterAt(t, j+1, end)) {
			return j, finish(h), caseOf(simple, upper) | letters, !joined
		}
		return j + 1, dot, caseOf(simple, upper), false
	case j == first && isUpper(firstRune(t[i:j])) && j+2 < end && t[j+1] == ' ':
		// An initial: "John F. Kennedy", "H. C. Andersen".
		if r, _ := decode(t, j+2, end); isUpper(r) {
			return j + 1, dot, caseOf(simple, upper), false
		}
	}
	return j, finish(h), caseOf(simple, upper) | letters, !joined
}

// abbrOf returns the kind of the abbreviation w (with its dot), or 0; lower
// says w is lower-case already.
func (tz *tokenizer) abbrOf(w string, lower bool) abbrKind {
	if lower {
		return tz.s.abbr[w]
	}
	return tz.s.abbr[string(lowerKey(tz.key[:0], w))]
}

// latinAt reports whether t[k:end] starts with a Latin-1 letter U+00C0–U+00FF
// (but × and ÷), and returns its second UTF-8 byte.
func latinAt(t string, k, end int) (byte, bool) {
	if t[k] != 0xC3 || k+1 >= end {
		return 0, false
	}
	b := t[k+1]
	return b, 0x80 <= b && b <= 0xBF && b != 0x97 && b != 0xB7
}

// latinLower lowers the second byte of a Latin-1 letter, as toLower does.
func latinLower(b byte) byte {
	if b <= 0x9E && b != 0x97 {
		return b + 0x20
	}
	return b
}

// asciiCase is the case of a word of ASCII letters and digits whose bytes'
// wordBits make diff.
func asciiCase(diff byte) lcase {
	lc := lcSame
	if diff&caseBit != 0 {
		lc = lcLatin
	}
	if diff&digitBit == 0 {
		lc |= lcLetters
	}
	return lc
}

func caseOf(simple, upper bool) lcase {
	switch {
	case !simple:
		return lcOther
	case upper:
		return lcLatin
	}
	return lcSame
}

// finish is the end of text.Hash: never 0.
func finish(h uint32) uint32 {
	if h == 0 {
		return 1
	}
	return h
}

// lowerLatin returns the lower case of a word of ASCII and Latin-1 letters
// (lcLatin), in the tokenizer's buffer as lowerOf.
func (tz *tokenizer) lowerLatin(s string) string {
	b := tz.room(len(s))
	at := b.Len()
	// Lowered in the tokenizer's scratch bytes and written in one copy:
	// cheaper than byte by byte into the builder.
	k := tz.key[:0]
	if len(s) > len(tz.key) {
		k = make([]byte, 0, len(s))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == 0xC3:
			k = append(k, c)
			i++
			c = latinLower(s[i])
		}
		k = append(k, c)
	}
	b.Write(k)
	return b.String()[at:]
}

// starterAt reports whether, after the spaces at i, a capitalised sentence
// starter word ("Det", "The") begins.
func (tz *tokenizer) starterAt(t string, i, end int) bool {
	for i < end && t[i] == ' ' {
		i++
	}
	if i >= end {
		return false // only spaces after the dot (Tokenize of untrimmed text)
	}
	r, _ := decode(t, i, end)
	if !isUpper(r) {
		return false
	}
	j := i
	for j < end {
		r, n := decode(t, j, end)
		if classOf(r) != cLetter {
			break
		}
		j += n
	}
	return j > i && tz.s.starters[string(lowerKey(tz.key[:0], t[i:j]))]
}

// number scans a token that starts with a digit and keeps its separators:
// "2.000", "1,5", "10:30", "200-250", "23-årige", "1990'erne", "5km". A dot
// after it joins it when it is an ordinal: "19. januar", "76. luftbårne".
func (tz *tokenizer) number(t string, i, j, end int) int {
	plain := true // only digits so far
	for j < end {
		r, n := decode(t, j, end)
		c := classOf(r)
		if c == cDigit {
			j += n
			continue
		}
		if c == cLetter {
			plain = false
			j += n
			continue
		}
		if j+n >= end {
			break
		}
		r2, _ := decode(t, j+n, end)
		c2 := classOf(r2)
		ok := false
		switch r {
		case '.', ',', ':':
			ok = c2 == cDigit
		case '-', '‐', '‑':
			ok = c2 == cDigit || c2 == cLetter
		case '–':
			ok = c2 == cDigit
		case '\'', '’':
			ok = c2 == cLetter
		}
		if !ok {
			break
		}
		plain = false
		j += n
	}
	if plain && j-i <= 3 && j+2 < end && t[j] == '.' && t[j+1] == ' ' && tz.ordinalNext(t, j+2, end) {
		return j + 1
	}
	return j
}

// ordinalNext reports whether the word at t[k:] makes the number before it an
// ordinal: a lower-case word or a month name.
func (tz *tokenizer) ordinalNext(t string, k, end int) bool {
	r, n := decode(t, k, end)
	if isLower(r) {
		return true
	}
	if !isUpper(r) {
		return false
	}
	e := k + n
	for e < end {
		r, n := decode(t, e, end)
		if classOf(r) != cLetter {
			break
		}
		e += n
	}
	return tz.s.months[string(lowerKey(tz.key[:0], t[k:e]))]
}

// toLower is unicode.ToLower with a short way for Latin-1, where Danish,
// Norwegian, Swedish, German and French letters are: upper case there is
// U+00C0–U+00DE but for × (U+00D7), one case step (0x20) from lower.
func toLower(r rune) rune {
	if r < 0x100 {
		if 'A' <= r && r <= 'Z' || 0xC0 <= r && r <= 0xDE && r != 0xD7 {
			return r + 0x20
		}
		return r
	}
	return unicode.ToLower(r)
}

// lowerOf returns strings.ToLower(s), sharing the tokenizer's buffer instead of
// allocating when s has upper-case letters, and its text.Hash.
func (tz *tokenizer) lowerOf(s string) (string, uint32) {
	change := false
	// ascii: s is ASCII but for lower-case Latin-1 letters (à–ÿ, C3 A0–C3
	// BF, which ToLower keeps): æ, ø, å need no decoding, and the hash of
	// the lowered bytes comes out of the same pass.
	ascii := true
	h := uint32(text.HashOffset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			if c == 0xC3 && i+1 < len(s) && 0xA0 <= s[i+1] && s[i+1] <= 0xBF {
				h ^= uint32(c)
				h *= text.HashPrime
				h ^= uint32(s[i+1])
				h *= text.HashPrime
				i++
				continue
			}
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			change = true
			c += 'a' - 'A'
		}
		h ^= uint32(c)
		h *= text.HashPrime
	}
	if ascii && h == 0 {
		h = 1 // as text.Hash
	}
	if !ascii {
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && n == 1) || toLower(r) != r {
				change = true
				break
			}
			i += n
		}
	}
	if !change {
		if !ascii {
			h = text.Hash(s)
		}
		return s, h
	}
	b := tz.room(len(s))
	at := b.Len()
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		// strings.ToLower (strings.Map) writes U+FFFD for an invalid byte.
		b.WriteRune(toLower(r))
		i += n
	}
	// The builder only appends, so bytes already written never change and a
	// string over them stays valid after later writes.
	low := b.String()[at:]
	if !ascii {
		h = text.Hash(low)
	}
	return low, h
}

// room returns the buffer of lowered words with room for n more bytes.
func (tz *tokenizer) room(n int) *strings.Builder {
	b := tz.lower
	if b.Cap()-b.Len() < n+8 {
		// A fresh chunk, not Grow: growing would copy (and keep) every
		// lowered word so far. Strings already handed out keep the old one.
		chunk := tz.chunk
		if chunk == 0 {
			chunk = 4096
		}
		*b = strings.Builder{}
		b.Grow(max(n+8, chunk))
	}
	return b
}
