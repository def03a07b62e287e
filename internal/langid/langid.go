// Package langid owns telling which language pack fits a text. It knows no
// language itself: each pack's stopwords.txt (its commonest function words),
// letters.txt (its letters beyond a–z) and not.txt (words of close languages
// without a pack, which the text would not have if it were in this language)
// make up that pack's profile. A text that fits no profile gets no language,
// so that a Norwegian or German article is refused rather than misread.
package langid

import (
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/langpacks"
)

// The scoring weights and thresholds. They are properties of the method, not
// of any language, so they live here and not in the packs.
const (
	letterWeight  = 0.5  // a word with one of the pack's own letters beyond a–z
	notWeight     = 4    // a word from the pack's not-list
	foreignWeight = 2    // a word with a letter the pack does not write
	minScore      = 0.20 // a text of minLong words or more fits a pack at this score
	minShortScore = 0.15 // a text of minWords to minLong words, which must also hit a stop word
	minWords      = 3    // below this a text gets a language only when unambiguous
	minLong       = 8
	strongScore   = 0.35 // a score this high is full confidence
	maxWords      = 5000 // words looked at: enough for any verdict, bounds the cost
)

// Identifier tells which pack a text is written in.
type Identifier struct {
	profiles []*profile
}

type profile struct {
	lang    string
	stop    map[string]bool
	not     map[string]bool
	letters map[rune]bool // beyond a–z
}

// Result is the verdict on one text.
type Result struct {
	Lang       string             // pack code, or "" when no pack fits
	Confidence float64            // 0..1; 0 when Lang is ""
	Scores     map[string]float64 // every pack's score, for diagnosis
	Reason     string             // why, in a sentence
}

// New builds a profile for every pack in langpacks.Languages() from fsys,
// normally langpacks.FS. Every pack must have a stopwords.txt; letters.txt and
// not.txt are optional.
func New(fsys fs.FS) (*Identifier, error) {
	return NewFor(fsys, langpacks.Languages())
}

// NewFor is New for the named packs only (tests pass an fstest.MapFS).
func NewFor(fsys fs.FS, langs []string) (*Identifier, error) {
	if len(langs) == 0 {
		return nil, fmt.Errorf("langid: no language packs")
	}
	id := &Identifier{}
	for _, lang := range langs {
		p, err := load(fsys, lang)
		if err != nil {
			return nil, fmt.Errorf("langid: load pack %s: %w", lang, err)
		}
		id.profiles = append(id.profiles, p)
	}
	return id, nil
}

func load(fsys fs.FS, lang string) (*profile, error) {
	p := &profile{lang: lang, stop: map[string]bool{}, not: map[string]bool{}, letters: map[rune]bool{}}
	stopRows, err := table.Words(fsys, lang+"/stopwords.txt")
	if err != nil {
		return nil, err
	}
	rows := stopRows
	if len(rows) == 0 {
		return nil, &table.Error{File: lang + "/stopwords.txt", Line: 1, Msg: "no stop words: language identification needs the pack's commonest words"}
	}
	if err := readWords(rows, p.stop, nil); err != nil {
		return nil, err
	}
	if rows, err = optionalWords(fsys, lang+"/not.txt"); err != nil {
		return nil, err
	}
	if err := readWords(rows, p.not, p.stop); err != nil {
		return nil, err
	}
	if rows, err = optionalWords(fsys, lang+"/letters.txt"); err != nil {
		return nil, err
	}
	for _, row := range rows {
		w := row.Get("word")
		r, size := utf8.DecodeRuneInString(w)
		switch {
		case size != len(w):
			return nil, row.Errorf("%q: want one letter per line", w)
		case !unicode.IsLetter(r) || unicode.ToLower(r) != r:
			return nil, row.Errorf("%q is not a lower-case letter", w)
		case r < utf8.RuneSelf:
			return nil, row.Errorf("%q is in a–z, which every pack writes; list only letters beyond it", w)
		case p.letters[r]:
			return nil, row.Errorf("%q is listed twice", w)
		}
		p.letters[r] = true
	}
	// A stop word the pack cannot spell means letters.txt is incomplete.
	for _, row := range stopRows {
		if w := row.Get("word"); p.foreign(w) {
			return nil, row.Errorf("%q has a letter missing from %s/letters.txt", w, lang)
		}
	}
	return p, nil
}

func optionalWords(fsys fs.FS, path string) ([]table.Row, error) {
	if _, err := fs.Stat(fsys, path); err != nil {
		return nil, nil
	}
	return table.Words(fsys, path)
}

// readWords checks and adds word-list rows to set; a word also in clash (the
// stop words, when reading the not-list) is a contradiction.
func readWords(rows []table.Row, set, clash map[string]bool) error {
	for _, row := range rows {
		w := row.Get("word")
		if err := checkWord(w); err != nil {
			return row.Errorf("%v", err)
		}
		if set[w] {
			return row.Errorf("%q is listed twice", w)
		}
		if clash[w] {
			return row.Errorf("%q is also a stop word of this pack: a word cannot be both", w)
		}
		set[w] = true
	}
	return nil
}

// checkWord accepts what tokenize can produce: lower-case letters with inner
// apostrophes.
func checkWord(w string) error {
	if toks := tokenize(w, nil); len(toks) != 1 || toks[0] != w {
		return fmt.Errorf("%q is not one lower-case word", w)
	}
	return nil
}

// foreign reports whether w has a letter outside a–z and the pack's letters.
func (p *profile) foreign(w string) bool {
	for _, r := range w {
		if r >= utf8.RuneSelf && unicode.IsLetter(r) && !p.letters[r] {
			return true
		}
	}
	return false
}

// own reports whether w has one of the pack's letters beyond a–z.
func (p *profile) own(w string) bool {
	for _, r := range w {
		if r >= utf8.RuneSelf && p.letters[r] {
			return true
		}
	}
	return false
}

// tokenize appends the lower-cased words of s to dst: runs of letters and
// marks, with inner apostrophes kept ("don't"). Numbers are not words.
func tokenize(s string, dst []string) []string {
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		w = strings.TrimRight(w, "'’")
		if strings.ContainsRune(w, '’') {
			w = strings.ReplaceAll(w, "’", "'")
		}
		if w != "" {
			dst = append(dst, strings.ToLower(w))
		}
		start = -1
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start = i
			}
		case (r == '\'' || r == '’') && start >= 0:
			// inner apostrophe: kept; a trailing one is trimmed at flush
		default:
			flush(i)
			if len(dst) >= maxWords {
				return dst
			}
		}
	}
	flush(len(s))
	return dst
}

type tally struct {
	hits, own, not, foreign int
	score                   float64
}

func (p *profile) count(words []string) tally {
	var t tally
	for _, w := range words {
		switch {
		case p.stop[w]:
			t.hits++
		case p.not[w]:
			t.not++
		}
		if p.foreign(w) {
			t.foreign++
		} else if p.own(w) {
			t.own++
		}
	}
	t.score = (float64(t.hits) + letterWeight*float64(t.own) - notWeight*float64(t.not) - foreignWeight*float64(t.foreign)) / float64(len(words))
	return t
}

// Identify says which pack s is written in.
//
// Each pack scores (stop-word hits + ½·words with its own letters − 4·words
// from its not-list − 2·words with letters it does not write) per word. A
// pack fits when its score reaches 0.20 (0.15 and at least one stop word for
// texts of 3–7 words); the best fitting pack wins. Texts under 3 words get a
// language only when exactly one pack has any evidence and nothing against
// it.
func (id *Identifier) Identify(s string) Result {
	words := tokenize(s, make([]string, 0, 64))
	res := Result{Scores: make(map[string]float64, len(id.profiles))}
	if len(words) == 0 {
		res.Reason = "no words to identify"
		return res
	}
	tallies := make([]tally, len(id.profiles))
	order := make([]int, len(id.profiles))
	for i, p := range id.profiles {
		tallies[i] = p.count(words)
		res.Scores[p.lang] = round(tallies[i].score)
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return tallies[order[a]].score > tallies[order[b]].score })
	best := order[0]
	bt, bp := tallies[best], id.profiles[best]
	second := math.Inf(-1)
	if len(order) > 1 {
		second = tallies[order[1]].score
	}
	n := len(words)

	if n < minWords {
		evidence := bt.hits+bt.own > 0 && bt.not == 0 && bt.foreign == 0
		rivals := false
		for _, i := range order[1:] {
			t := tallies[i]
			rivals = rivals || (t.hits+t.own > 0 && t.not == 0 && t.foreign == 0)
		}
		if !evidence || rivals {
			res.Reason = fmt.Sprintf("too short to tell (%d word%s) and not unambiguous", n, plural(n))
			return res
		}
		res.Lang = bp.lang
		res.Confidence = 0.5
		res.Reason = fmt.Sprintf("short text (%d word%s): only %s has evidence (%s)", n, plural(n), bp.lang, describe(bt, n, bp.lang))
		return res
	}

	need := minScore
	if n < minLong {
		need = minShortScore
	}
	if bt.score < need || (n < minLong && bt.hits == 0) {
		langs := make([]string, len(id.profiles))
		for i, p := range id.profiles {
			langs[i] = p.lang
		}
		res.Reason = fmt.Sprintf("no language pack fits: looks like none of %s (best %s: %s)", strings.Join(langs, ", "), bp.lang, describe(bt, n, bp.lang))
		return res
	}
	res.Lang = bp.lang
	margin := 1.0
	if second > 0 {
		margin = (bt.score - second) / bt.score
	}
	res.Confidence = round(math.Min(1, bt.score/strongScore) * margin)
	res.Reason = fmt.Sprintf("%s fits best: %s", bp.lang, describe(bt, n, bp.lang))
	return res
}

func describe(t tally, n int, lang string) string {
	s := fmt.Sprintf("%d of %d words are %s stop words", t.hits, n, lang)
	if t.own > 0 {
		s += fmt.Sprintf(", %d have %s letters", t.own, lang)
	}
	if t.not > 0 {
		s += fmt.Sprintf(", %d are typical of a close language that is not %s", t.not, lang)
	}
	if t.foreign > 0 {
		s += fmt.Sprintf(", %d have letters %s does not write", t.foreign, lang)
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }
