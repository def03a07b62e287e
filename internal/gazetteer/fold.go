package gazetteer

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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

// appendFold appends the folded name to dst; nil means the name is rejected.
func appendFold(dst []byte, name string) []byte {
	if len(name) > MaxName || name == "" {
		return nil
	}
	ascii := true
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	b := dst
	space := true // drops leading spaces
	put := func(r rune) bool {
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && unicode.IsControl(r)):
			return false
		case r == '\'' || r == '.' || r == '’' || r == 'ʻ' || r == 'ʼ' || r == '`' || r == '´' || r == 'ʹ' || r == 'ʿ' || r == 'ʾ':
			// apostrophes and dots vanish: "N'Djamena" = "Ndjamena"
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b = append(b, byte(r))
			space = false
		case r >= 'A' && r <= 'Z':
			b = append(b, byte(r)+'a'-'A')
			space = false
		case r < utf8.RuneSelf:
			if !space {
				b = append(b, ' ')
				space = true
			}
		case unicode.Is(unicode.Mn, r):
			// combining marks left by decomposition
		default:
			if s, ok := special[r]; ok {
				b = append(b, s...)
				space = false
				return true
			}
			if unicode.IsLetter(r) || unicode.IsNumber(r) {
				b = utf8.AppendRune(b, unicode.ToLower(r))
				space = false
			} else if !space {
				b = append(b, ' ')
				space = true
			}
		}
		return true
	}
	if ascii {
		for i := 0; i < len(name); i++ {
			if !put(rune(name[i])) {
				return nil
			}
		}
	} else {
		if !utf8.ValidString(name) {
			return nil
		}
		var it norm.Iter
		it.InitString(norm.NFD, name)
		for !it.Done() {
			seg := it.Next()
			for len(seg) > 0 {
				r, n := utf8.DecodeRune(seg)
				seg = seg[n:]
				if !put(r) {
					return nil
				}
			}
		}
	}
	if space && len(b) > len(dst) {
		b = b[:len(b)-1]
	}
	return b
}

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
