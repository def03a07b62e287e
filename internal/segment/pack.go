package segment

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/table"
)

// abbrKind is what a known abbreviation does to a sentence boundary after it.
// The set is closed: pack authors choose among these names in abbreviations.tsv.
type abbrKind uint8

const (
	abbrInner     abbrKind = iota + 1 // never ends a sentence
	abbrAmbiguous                     // ends one only before a sentence starter
	abbrFinal                         // ends one before anything that can start a sentence
)

var abbrKinds = map[string]abbrKind{
	"inner":     abbrInner,
	"ambiguous": abbrAmbiguous,
	"final":     abbrFinal,
}

// The files of a pack that the segmenter reads.
const (
	abbreviationsFile = "abbreviations.tsv"
	startersFile      = "starters.txt"
	creditsFile       = "credits.txt"
	monthsFile        = "months.tsv"
)

var (
	abbrSchema  = table.Schema{Columns: []string{"abbreviation", "kind"}, Required: 2}
	monthSchema = table.Schema{Columns: []string{"word", "month"}, Required: 2}
)

// load reads and validates the segmentation data of one pack.
func (s *Segmenter) load(fsys fs.FS, lang string) error {
	path := lang + "/" + abbreviationsFile
	rows, err := table.Read(fsys, path, abbrSchema)
	if err != nil {
		return err
	}
	s.abbr = make(map[string]abbrKind, len(rows))
	for _, r := range rows {
		a := r.Get("abbreviation")
		k, ok := abbrKinds[r.Get("kind")]
		switch {
		case !ok:
			return r.Errorf("unknown kind %q, want inner, ambiguous or final", r.Get("kind"))
		case !strings.HasSuffix(a, ".") || len(a) < 2:
			return r.Errorf("abbreviation %q must be letters ending in a dot", a)
		case strings.ContainsFunc(a, unicode.IsSpace):
			return r.Errorf("abbreviation %q has a space; list each dotted part as one word (\"bl.a.\")", a)
		case a != strings.ToLower(a):
			return r.Errorf("abbreviation %q must be lower-case (matching ignores case)", a)
		}
		if _, dup := s.abbr[a]; dup {
			return r.Errorf("abbreviation %q is listed twice", a)
		}
		s.abbr[a] = k
	}

	if s.starters, err = wordSet(fsys, lang+"/"+startersFile); err != nil {
		return err
	}
	if s.credits, err = wordSet(fsys, lang+"/"+creditsFile); err != nil {
		return err
	}

	path = lang + "/" + monthsFile
	if rows, err = table.Read(fsys, path, monthSchema); err != nil {
		return err
	}
	s.months = make(map[string]bool, len(rows))
	seen := make(map[string]bool, len(rows))
	for _, r := range rows {
		w := r.Get("word")
		m, err := strconv.Atoi(r.Get("month"))
		switch {
		case err != nil || m < 1 || m > 12:
			return r.Errorf("month %q must be a number from 1 to 12", r.Get("month"))
		case w != strings.ToLower(w) || strings.ContainsFunc(w, unicode.IsSpace):
			return r.Errorf("month word %q must be one lower-case word", w)
		}
		if seen[w] {
			return r.Errorf("month word %q is listed twice", w)
		}
		seen[w] = true
		// The ordinal test looks at the letters after "19. ", without a dot.
		s.months[strings.TrimSuffix(w, ".")] = true
	}
	return nil
}

// wordSet reads a word list of single lower-case words.
func wordSet(fsys fs.FS, path string) (map[string]bool, error) {
	rows, err := table.Words(fsys, path)
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(rows))
	for _, r := range rows {
		w := r.Get("word")
		switch {
		case strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' }):
			return nil, r.Errorf("entry %q must be one word of letters", w)
		case w != strings.ToLower(w):
			return nil, r.Errorf("entry %q must be lower-case (matching ignores case)", w)
		case set[w]:
			return nil, r.Errorf("entry %q is listed twice", w)
		}
		set[w] = true
	}
	return set, nil
}

// lowerKey lower-cases s into buf for a map lookup that does not allocate
// (the compiler turns m[string(b)] into a lookup without a copy).
func lowerKey(buf []byte, s string) []byte {
	buf = buf[:0]
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		i += n
	}
	return buf
}

// loadError wraps a load error with what failed.
func loadError(lang string, err error) error {
	return fmt.Errorf("segment: load pack %q: %w", lang, err)
}
