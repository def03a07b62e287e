package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in the normalised form every later stage relies on:
//
//   - valid UTF-8 (invalid bytes become U+FFFD) in Unicode NFC;
//   - CRLF, CR, U+2028 and other line breaks become "\n"; tabs, NBSP and every
//     other Unicode space become " "; zero-width, format and control
//     characters (except the newline) are removed;
//   - runs of spaces collapse to one and lines are trimmed;
//   - blocks are separated by exactly "\n\n" and contain no other newline.
//
// Lines become blocks like this. The first non-empty line (the headline) is
// always a block of its own. If the text separates anything with a blank
// line, blank lines separate paragraphs and a single newline inside a
// paragraph becomes a space (hard-wrapped text). If it has no blank line at
// all, every line is its own paragraph, as in text pasted from a page.
//
// Normalize is idempotent; text that is already normalised is returned as is
// without allocating.
func Normalize(s string) string {
	if isNormal(s) {
		return s
	}
	return normalize(s, true)
}

// asciiOK marks the ASCII bytes that may appear anywhere in normalised text.
var asciiOK = func() (t [utf8.RuneSelf]bool) {
	for c := 0x21; c < 0x7f; c++ {
		t[c] = true
	}
	return t
}()

// isNormal is the fast path: one pass over s that says whether normalize
// would return s unchanged.
func isNormal(s string) bool {
	n := len(s)
	if n == 0 {
		return true
	}
	if s[0] == ' ' || s[0] == '\n' || s[n-1] == ' ' || s[n-1] == '\n' {
		return false
	}
	nonASCII := false
	for i := 0; i < n; {
		c := s[i]
		if asciiOK[c&0x7f] && c < utf8.RuneSelf {
			i++
			continue
		}
		switch {
		case c == ' ':
			// s[0] is not a space, so i > 0 here.
			if p := s[i-1]; p == ' ' || p == '\n' || s[i+1] == '\n' {
				return false
			}
			i++
		case c == '\n':
			// Exactly two newlines between blocks; s does not end in "\n".
			if s[i+1] != '\n' || i+2 >= n || s[i+2] == '\n' || s[i+2] == ' ' {
				return false
			}
			i += 2
		case c < utf8.RuneSelf:
			return false // control character
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || dropOrSpace(r) {
				return false
			}
			nonASCII = true
			i += size
		}
	}
	return !nonASCII || norm.NFC.IsNormalString(s)
}

// dropOrSpace reports whether normalize maps r to something else: a space or
// newline, or nothing.
func dropOrSpace(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// normalize is the slow path of Normalize; headline says whether the first
// line is a headline that stands alone.
func normalize(s string, headline bool) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	// Map characters first and compose after: removing a zero-width character
	// can bring a letter and its combining mark together.
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r':
				if i+1 >= len(s) || s[i+1] != '\n' {
					b.WriteByte('\n')
				}
			case c == '\n', c == '\v', c == '\f':
				b.WriteByte('\n')
			case c == '\t':
				b.WriteByte(' ')
			case c < 0x20, c == 0x7f:
				// control: dropped
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\u2029':
			b.WriteString("\n\n")
		case r == '\u2028', r == '\u0085':
			b.WriteByte('\n')
		case unicode.IsSpace(r), unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			// zero-width, bidi marks, soft hyphen, BOM: dropped
		default:
			b.WriteString(s[i-size : i])
		}
	}
	t := norm.NFC.String(b.String())

	lines := strings.Split(t, "\n")
	for i, l := range lines {
		lines[i] = collapse(l)
	}
	// Skip leading blank lines; the first line left is the headline.
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	paragraphs := false
	for i := 1; i+1 < len(lines); i++ {
		if lines[i] == "" && lines[i-1] != "" && lines[i+1] != "" {
			paragraphs = true
			break
		}
	}
	// A blank line after the last text line does not count: trim them.
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var out strings.Builder
	out.Grow(len(t))
	inBlock := false
	for i, l := range lines {
		if l == "" {
			inBlock = false
			continue
		}
		switch {
		case out.Len() == 0:
		case inBlock && paragraphs && !(headline && i == 1):
			out.WriteByte(' ')
		default:
			out.WriteString("\n\n")
		}
		out.WriteString(l)
		inBlock = true
	}
	return out.String()
}

// collapse trims a line and collapses its runs of spaces to one.
func collapse(l string) string {
	l = strings.Trim(l, " ")
	if !strings.Contains(l, "  ") {
		return l
	}
	var b strings.Builder
	b.Grow(len(l))
	space := false
	for i := 0; i < len(l); i++ {
		if l[i] == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteByte(l[i])
	}
	return b.String()
}
