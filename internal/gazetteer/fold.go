package gazetteer

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/urodata/uro/internal/text"
)

// MaxName is the longest name, in bytes, that Fold accepts. No place name in
// the table comes near it; a longer input is a mistake, not a place.
const MaxName = 200

// Reasons a name cannot be looked up. Lookup answers them with no entries;
// Check says which one applies.
var (
	ErrEmpty   = errors.New("gazetteer: empty name")
	ErrLong    = errors.New("gazetteer: name longer than 200 bytes")
	ErrControl = errors.New("gazetteer: name contains control characters")
	ErrUTF8    = errors.New("gazetteer: name is not valid UTF-8")
)

// Check reports why name cannot be a gazetteer name, or nil when it can.
func Check(name string) error {
	if len(name) > MaxName {
		return ErrLong
	}
	if !utf8.ValidString(name) {
		return ErrUTF8
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return ErrControl
		}
	}
	if strings.TrimSpace(name) == "" {
		return ErrEmpty
	}
	return nil
}

// Fold returns the key a name is indexed and looked up under: lower case,
// diacritics removed (ø→o, æ→ae, ß→ss as well, which Unicode does not
// decompose), hyphens and other punctuation read as spaces, apostrophes and
// dots dropped ("St. Petersburg" = "st petersburg", "Alma-Ata" = "alma ata"),
// spaces collapsed. It returns "" for a name Check rejects or that folds to
// nothing. The generator and Lookup both use it, so they always agree.
func Fold(name string) string {
	var buf [64]byte
	return string(appendFold(buf[:0], name))
}

// AppendFold appends Fold(name) to dst and returns the extended buffer, or nil
// for a name Fold rejects: a caller that folds many words reuses one buffer.
func AppendFold(dst []byte, name string) []byte { return appendFold(dst, name) }

// appendFold appends the folded name to dst; nil means the name is rejected.
func appendFold(dst []byte, name string) []byte {
	if len(name) > MaxName || name == "" {
		return nil
	}
	f := folder{b: dst, space: true}
	i := 0
	// ASCII runs go through a table: most names and words are plain ASCII.
	for ; i < len(name) && name[i] < utf8.RuneSelf; i++ {
		switch a := asciiFold[name[i]]; a {
		case foldReject:
			return nil
		case foldDrop:
		case foldSpace:
			if !f.space {
				f.b = append(f.b, ' ')
				f.space = true
			}
		default:
			f.b = append(f.b, a)
			f.space = false
		}
	}
	if i < len(name) {
		rest := name[i:]
		// One pass for valid Latin text (nearly every name and word): its
		// ASCII through the table, its other runes by their steps. A rune
		// past latinEnd sends the whole rest to the NFD path below.
		mark, markSpace := len(f.b), f.space
		latin := true
		for k := 0; k < len(rest); {
			if c := rest[k]; c < utf8.RuneSelf {
				switch a := asciiFold[c]; a {
				case foldReject:
					return nil
				case foldDrop:
				case foldSpace:
					if !f.space {
						f.b = append(f.b, ' ')
						f.space = true
					}
				default:
					f.b = append(f.b, a)
					f.space = false
				}
				k++
				continue
			}
			r, n := utf8.DecodeRuneInString(rest[k:])
			if r == utf8.RuneError && n == 1 {
				return nil // not UTF-8
			}
			if r >= latinEnd {
				latin = false
				break
			}
			k += n
			// Decomposing rune by rune is NFD here: these runes are all
			// starters, so no combining mark is reordered across them.
			switch st := &latinSteps[r-utf8.RuneSelf]; st.kind {
			case stepReject:
				return nil
			case stepDrop:
				continue
			case stepSpace:
				if !f.space {
					f.b = append(f.b, ' ')
					f.space = true
				}
				continue
			case stepText:
				f.b = append(f.b, st.text...)
				f.space = false
				continue
			}
			for _, d := range latinNFD[r-utf8.RuneSelf] {
				var ok bool
				if f, ok = f.put(d); !ok {
					return nil
				}
			}
		}
		if !latin {
			if !utf8.ValidString(rest) {
				return nil
			}
			f.b, f.space = f.b[:mark], markSpace
			// NFD of the whole name: the ASCII prefix is its own NFD, and
			// no combining mark reorders across its last (starter) rune.
			// Not norm.Iter: it panics on some text ("一ﾯ︯ﾯ", x/text v0.43.0).
			var nb [128]byte
			seg := norm.NFD.AppendString(nb[:0], rest)
			for len(seg) > 0 {
				r, n := utf8.DecodeRune(seg)
				seg = seg[n:]
				var ok bool
				if f, ok = f.put(r); !ok {
					return nil
				}
			}
		}
	}
	if f.space && len(f.b) > len(dst) {
		f.b = f.b[:len(f.b)-1]
	}
	return f.b
}

// FoldHash returns text.Hash(Fold(w)) without building the folded word,
// for a word of letters: ASCII letters, the Latin letters below U+0250 that
// fold to ASCII letters alone (é, ø, æ, ß …), and the apostrophes ' and ’,
// which Fold drops. Any other word (with digits, hyphens, spaces, other
// scripts) gives false: fold it. Each of those characters folds the same
// whatever came before it, so the word folds the same inside a longer name,
// after a space: a caller can test names word by word against filters of
// the words of the table's keys (MayOpen, MayClose).
func FoldHash(w string) (uint32, bool) {
	h := uint32(text.HashOffset)
	i := 0
	// ASCII letters through a table: most words are nothing else.
	for ; i < len(w); i++ {
		l := asciiLetter[w[i]]
		if l == 0 {
			break
		}
		h = (h ^ uint32(l)) * text.HashPrime
	}
	for i < len(w) {
		if c := w[i]; c < utf8.RuneSelf {
			i++
			if l := asciiLetter[c]; l != 0 {
				h = (h ^ uint32(l)) * text.HashPrime
			} else if c != '\'' {
				return 0, false
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		i += n
		if r == '’' {
			continue
		}
		if r >= latinEnd || !latinLetter[r-utf8.RuneSelf] {
			return 0, false
		}
		t := latinSteps[r-utf8.RuneSelf].text
		for k := 0; k < len(t); k++ {
			h = (h ^ uint32(t[k])) * text.HashPrime
		}
	}
	if h == 0 {
		h = 1 // as text.Hash
	}
	return h, true
}

// asciiLetter is the lower case of each ASCII letter, 0 for every other byte.
var asciiLetter = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	return t
}()

// latinLetter marks the letters of latinSteps whose step is to write ASCII
// letters (FoldHash).
var latinLetter = func() (t [latinEnd - utf8.RuneSelf]bool) {
	for r := rune(utf8.RuneSelf); r < latinEnd; r++ {
		st := &latinSteps[r-utf8.RuneSelf]
		if st.kind != stepText || !unicode.IsLetter(r) {
			continue
		}
		ok := true
		for k := 0; k < len(st.text); k++ {
			ok = ok && 'a' <= st.text[k] && st.text[k] <= 'z'
		}
		t[r-utf8.RuneSelf] = ok
	}
	return t
}()

// Classes of ASCII bytes in asciiFold besides the byte they fold to.
const (
	foldReject = 0   // control characters
	foldDrop   = 1   // apostrophes and dots
	foldSpace  = ' ' // other punctuation and spaces
)

var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		f, ok := folder{space: false}.put(rune(c))
		switch {
		case !ok:
			t[c] = foldReject
		case len(f.b) == 0:
			t[c] = foldDrop
		default:
			t[c] = f.b[0]
		}
	}
	return t
}()

// folder is the state of one fold: the output and whether it ends in a
// space (or is empty), so that runs of separators give one space.
type folder struct {
	b     []byte
	space bool
}

// put folds one rune of an NFD name; false rejects the name. It works on a
// copy, so that the buffer of a caller's stack array does not escape.
func (f folder) put(r rune) (folder, bool) {
	switch {
	case r < 0x20 || r == 0x7f || (r >= 0x80 && unicode.IsControl(r)):
		return f, false
	case r == '\'' || r == '.' || r == '’' || r == 'ʻ' || r == 'ʼ' || r == '`' || r == '´' || r == 'ʹ' || r == 'ʿ' || r == 'ʾ':
		// apostrophes and dots vanish: "N'Djamena" = "Ndjamena"
	case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
		f.b = append(f.b, byte(r))
		f.space = false
	case r >= 'A' && r <= 'Z':
		f.b = append(f.b, byte(r)+'a'-'A')
		f.space = false
	case r < utf8.RuneSelf:
		if !f.space {
			f.b = append(f.b, ' ')
			f.space = true
		}
	case unicode.Is(unicode.Mn, r):
		// combining marks left by decomposition
	default:
		if s, ok := special[r]; ok {
			f.b = append(f.b, s...)
			f.space = false
			return f, true
		}
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			f.b = utf8.AppendRune(f.b, unicode.ToLower(r))
			f.space = false
		} else if !f.space {
			f.b = append(f.b, ' ')
			f.space = true
		}
	}
	return f, true
}

// latinEnd bounds the runes (Latin-1 Supplement, Latin Extended-A and -B)
// whose NFD decompositions latinNFD holds: nearly every non-ASCII letter of
// the names and words uro folds.
const latinEnd = 0x250

var latinNFD = func() (t [latinEnd - utf8.RuneSelf]string) {
	for r := rune(utf8.RuneSelf); r < latinEnd; r++ {
		t[r-utf8.RuneSelf] = norm.NFD.String(string(r))
	}
	return t
}()

// latinStep is what putting a Latin rune's decomposition does to a folder
// when that does not depend on the folder's state beyond its space flag:
// most letters append the same text whatever came before. Runes whose
// steps do depend on it (stepSlow) take the put path.
type latinStep struct {
	kind uint8
	text string // stepText: what to append
}

const (
	stepSlow   = iota
	stepReject // a control character
	stepDrop   // nothing changes
	stepSpace  // a space, unless one was just written
	stepText   // text, and no space since
)

// latinSteps is latinStep by rune, for the runes of latinNFD, worked out
// by putting each decomposition after a word and after a space.
var latinSteps = func() (t [latinEnd - utf8.RuneSelf]latinStep) {
	for r := rune(utf8.RuneSelf); r < latinEnd; r++ {
		run := func(space bool) (folder, bool) {
			f := folder{space: space}
			for _, d := range latinNFD[r-utf8.RuneSelf] {
				var ok bool
				if f, ok = f.put(d); !ok {
					return f, false
				}
			}
			return f, true
		}
		w, okw := run(false)
		sp, oks := run(true)
		st := &t[r-utf8.RuneSelf]
		switch {
		case !okw && !oks:
			st.kind = stepReject
		case !okw || !oks:
			st.kind = stepSlow
		case len(w.b) == 0 && !w.space && len(sp.b) == 0 && sp.space:
			st.kind = stepDrop
		case string(w.b) == " " && w.space && len(sp.b) == 0 && sp.space:
			st.kind = stepSpace
		case len(w.b) > 0 && string(w.b) == string(sp.b) && !w.space && !sp.space:
			st.kind, st.text = stepText, string(w.b)
		}
	}
	return t
}()

// special folds letters that Unicode does not decompose into a base letter.
var special = map[rune]string{
	'ø': "o", 'Ø': "o", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ß': "ss",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th",
	'ı': "i", 'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ŀ': "l", 'Ŀ': "l", 'ŋ': "n", 'Ŋ': "n",
	'ǝ': "e", 'ə': "e", 'Ə': "e", 'ɨ': "i", 'ʉ': "u",
}

// Latin reports whether every letter of s is in the Latin script; the
// generator keeps only such alternate names of places (see the package doc).
func Latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}
