package classify

import (
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/table"
)

// suffixesFile is the pack table of endings the light stemmer strips.
const suffixesFile = "suffixes.txt"

var suffixSchema = table.Schema{Columns: []string{"suffix", "min_stem"}, Required: 1}

// defaultMinStem is how many letters a stem keeps when the table does not say:
// short words ("is", "er") must not be cut down to nothing.
const defaultMinStem = 3

// numberFeature stands for every token that starts with a digit: "12 killed"
// and "200 killed" are the same evidence.
const numberFeature = "<n>"

type suffix struct {
	text    string
	minStem int // runes the stem must keep
}

// stemmer strips the longest listed ending a word has, so that inflected
// forms of one word share their features. It is deliberately light: a wrong
// cut costs a little recall of one feature, never a wrong class.
type stemmer struct {
	suffixes []suffix // longest first
	// byLast[b] is suffixes ending in byte b, in the same order: a word is
	// tried against the few endings it can have, not the whole list. nil
	// when some suffix is empty (it ends in no byte).
	byLast *[256][]suffix
}

func loadStemmer(fsys fs.FS, lang string) (*stemmer, error) {
	path := lang + "/" + suffixesFile
	rows, err := table.Read(fsys, path, suffixSchema)
	if err != nil {
		return nil, err
	}
	return parseStemmer(rows)
}

func parseStemmer(rows []table.Row) (*stemmer, error) {
	st := &stemmer{}
	seen := map[string]bool{}
	for _, r := range rows {
		s := r.Get("suffix")
		if s != strings.ToLower(s) || strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) >= 0 {
			return nil, r.Errorf("suffix %q must be lower-case letters (apostrophes allowed)", s)
		}
		if seen[s] {
			return nil, r.Errorf("suffix %q is listed twice", s)
		}
		seen[s] = true
		min := defaultMinStem
		if v := r.Get("min_stem"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 12 {
				return nil, r.Errorf("min_stem %q must be a whole number from 1 to 12", v)
			}
			min = n
		}
		st.suffixes = append(st.suffixes, suffix{s, min})
	}
	if len(st.suffixes) == 0 {
		return nil, fmt.Errorf("%s: no suffixes", suffixesFile)
	}
	sort.SliceStable(st.suffixes, func(i, j int) bool { return len(st.suffixes[i].text) > len(st.suffixes[j].text) })
	st.byLast = new([256][]suffix)
	for _, sf := range st.suffixes {
		if sf.text == "" {
			st.byLast = nil
			break
		}
		c := sf.text[len(sf.text)-1]
		st.byLast[c] = append(st.byLast[c], sf)
	}
	return st, nil
}

// stem returns the feature form of a lower-case token: numberFeature for
// numbers, "" for tokens with neither letters nor digits, else the token
// without its longest strippable ending. It never allocates.
func (st *stemmer) stem(tok string) string {
	r, _ := utf8.DecodeRuneInString(tok)
	switch {
	case unicode.IsDigit(r):
		return numberFeature
	case !unicode.IsLetter(r):
		return ""
	}
	return st.stemWord(tok)
}

// stemWord is stem of a token that starts with a letter.
func (st *stemmer) stemWord(tok string) string {
	list := st.suffixes
	if st.byLast != nil {
		list = st.byLast[tok[len(tok)-1]]
	}
	for _, s := range list {
		if len(tok) <= len(s.text) || !endsWith(tok, s.text) {
			continue
		}
		stem := tok[:len(tok)-len(s.text)]
		// A stem of 4×minStem bytes or more has at least minStem runes (a
		// rune is 4 bytes at most); a shorter one is counted.
		if len(stem) >= 4*s.minStem || utf8.RuneCountInString(stem) >= s.minStem {
			return stem
		}
	}
	return tok
}

// endsWith is strings.HasSuffix for the short endings of a suffix table,
// compared from the last byte back without a call: most endings differ
// from the word in their last two bytes.
func endsWith(w, suffix string) bool {
	w = w[len(w)-len(suffix):]
	for i := len(suffix) - 1; i >= 0; i-- {
		if w[i] != suffix[i] {
			return false
		}
	}
	return true
}
