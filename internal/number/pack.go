package number

import (
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/internal/text"
)

// The three tables a pack gives this package. Each row becomes an entry; the
// kind column picks one of the closed sets of behaviours below.
const (
	tabNumber uint8 = iota // numbers.tsv
	tabQual                // quantifiers.tsv
	tabUnit                // units.tsv
)

// Kinds of numbers.tsv rows.
const (
	nUnit uint8 = iota
	nTeen
	nTens
	nMultiplier
	nArticle
	nOrdinal
	nOrdinalSuffix
	nVague
	nVagueOf
	nVaguePrefix
	nJoiner
	nUnitTensInfix
	nTensUnitInfix
	nPartitive
	nBlocker
	nCompound // generated at load: "enogtyve", "twenty-one"
)

var numberKinds = map[string]uint8{
	"unit": nUnit, "teen": nTeen, "tens": nTens, "multiplier": nMultiplier,
	"article": nArticle, "ordinal": nOrdinal, "ordinal_suffix": nOrdinalSuffix,
	"vague": nVague, "vague_of": nVagueOf, "vague_prefix": nVaguePrefix,
	"joiner": nJoiner, "unit_tens_infix": nUnitTensInfix, "tens_unit_infix": nTensUnitInfix,
	"partitive": nPartitive, "blocker": nBlocker,
}

// valued says which numbers.tsv kinds carry a number in the value column;
// the others must write "-".
var valued = map[uint8]bool{
	nUnit: true, nTeen: true, nTens: true, nMultiplier: true, nArticle: true,
	nOrdinal: true, nVague: true, nVagueOf: true,
}

// Qualifiers of quantifiers.tsv rows.
const (
	qNone uint8 = iota
	qExact
	qAtLeast
	qMoreThan
	qLessThan
	qApprox
	qUpTo
	qRangeStart
	qRangeAnd
	qRangeTo
)

var qualKinds = map[string]uint8{
	"exact": qExact, "at_least": qAtLeast, "more_than": qMoreThan, "less_than": qLessThan,
	"approx": qApprox, "up_to": qUpTo, "range_start": qRangeStart, "range_and": qRangeAnd,
	"range_to": qRangeTo,
}

// Kinds of units.tsv rows.
const (
	uMoney uint8 = iota + 1
	uPercent
	uTime
	uAge
	uMeasure
	uMonth
	uYearCue
)

var unitKinds = map[string]uint8{
	"money": uMoney, "percent": uPercent, "time": uTime, "age": uAge,
	"measure": uMeasure, "month": uMonth, "year_cue": uYearCue,
}

// entry is one phrase from one of the tables.
type entry struct {
	phrase string // lower-cased, single spaces
	cased  string // the phrase as written when it must match case exactly, else ""
	value  int64
	// The small fields last, together: 48 bytes rather than 56 in a
	// bucket's run of entries.
	table   uint8
	kind    uint8
	ordinal bool // a generated compound ending in an ordinal ("enogtyvende")
	after   bool // quantifiers and units: stands after the number
}

// bucket holds the entries whose phrase can begin with a given token.
type bucket struct {
	entries []entry // longest phrase first
	start   bool    // some entry may open a number expression
	// numeric: some entry is a number word that number may read here
	// (wordKinds, vagueKinds); worded: one that is more than an article of
	// one token; partMult: some entry is a partitive or a multiplier, which
	// an article needs after it. Without them the parse is known to fail
	// before it is tried ("in", "at", "a police officer").
	numeric, worded, partMult bool
	// prefix: some entry is a qualifier or unit that stands before a
	// number ("mindst", "over", "kl."); without one a parse here must read
	// a number at this very token.
	prefix bool
	// kinds has bit 1<<kind set for each entry, by table and by whether it
	// stands after the number: most searches of a bucket are for a kind it
	// lacks, and this answers them without walking its entries.
	kinds [3][2]uint32
}

// may reports whether b has an entry of table whose kind is in mask, with
// after as longest takes it.
func (b *bucket) may(table uint8, mask uint32, after int) bool {
	k := &b.kinds[table]
	switch after {
	case 0:
		return k[0]&mask != 0
	case 1:
		return k[1]&mask != 0
	}
	return (k[0]|k[1])&mask != 0
}

// pack is one language's number knowledge.
type pack struct {
	thousands, decimal byte
	index              map[string]*bucket
	// keys numbers index's keys and byKey holds their buckets: the
	// per-token look-up, by the hash the segmenter computed.
	keys  text.Index
	byKey []bucket
	// starts is byKey's start flags on their own, for the test of every
	// token: a few hundred bytes that stay cached, where byKey spans tens
	// of kilobytes.
	starts    []bool
	maxTokens int // most tokens a phrase may span, for looking backwards
}

func sortedKeys[V any](m map[string]V) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

func loadPack(fsys fs.FS, lang string) (*pack, error) {
	p := &pack{index: make(map[string]*bucket)}
	if err := p.loadSeparators(fsys, lang+"/pack.tsv"); err != nil {
		return nil, err
	}
	if err := p.loadNumbers(fsys, lang+"/numbers.tsv"); err != nil {
		return nil, err
	}
	if err := p.loadQualifiers(fsys, lang+"/quantifiers.tsv"); err != nil {
		return nil, err
	}
	if err := p.loadUnits(fsys, lang+"/units.tsv"); err != nil {
		return nil, err
	}
	n := 0
	for _, b := range p.index {
		sort.SliceStable(b.entries, func(i, j int) bool { return len(b.entries[i].phrase) > len(b.entries[j].phrase) })
		n += len(b.entries)
	}
	// The buckets in one array and their entries in another, each bucket's
	// side by side: a search walks a bucket's entries, which, made one by
	// one, lay all over the heap.
	flat := make([]entry, 0, n)
	for k, b := range p.index {
		start := len(flat)
		flat = append(flat, b.entries...)
		b.entries = flat[start:len(flat):len(flat)]
		p.keys.Add(k)
		p.byKey = append(p.byKey, *b)
		p.starts = append(p.starts, b.start)
	}
	return p, nil
}

func (p *pack) loadSeparators(fsys fs.FS, path string) error {
	rows, err := table.Read(fsys, path, table.Schema{Columns: []string{"key", "value"}, Required: 2})
	if err != nil {
		return err
	}
	for _, r := range rows {
		key, v := r.Get("key"), r.Get("value")
		if key != "thousands_separator" && key != "decimal_separator" {
			continue
		}
		if len(v) != 1 || !strings.ContainsAny(v, ".,' ") {
			return r.Errorf("%s is %q, want one of . , '", key, v)
		}
		if key == "thousands_separator" {
			p.thousands = v[0]
		} else {
			p.decimal = v[0]
		}
	}
	if p.thousands == 0 || p.decimal == 0 {
		return &table.Error{File: path, Line: 1, Msg: "pack needs both thousands_separator and decimal_separator"}
	}
	if p.thousands == p.decimal {
		return &table.Error{File: path, Line: 1, Msg: "thousands_separator and decimal_separator are the same"}
	}
	return nil
}

func (p *pack) loadNumbers(fsys fs.FS, path string) error {
	rows, err := table.Read(fsys, path, table.Schema{Columns: []string{"word", "value", "kind"}, Required: 3})
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	var units, tens, ordUnits, ordTens, utInfix, tuInfix []*entry
	for _, r := range rows {
		kind, ok := numberKinds[r.Get("kind")]
		if !ok {
			return r.Errorf("unknown kind %q, want one of %s", r.Get("kind"), sortedKeys(numberKinds))
		}
		e := &entry{table: tabNumber, kind: kind}
		if err := setPhrase(e, r.Get("word"), r); err != nil {
			return err
		}
		v := r.Get("value")
		if valued[kind] {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				return r.Errorf("value %q of a %s is not a whole number ≥ 0", v, r.Get("kind"))
			}
			lo, hi := int64(0), int64(1e12)
			switch kind {
			case nUnit:
				hi = 9
			case nTeen:
				lo, hi = 10, 19
			case nTens:
				lo, hi = 20, 90
			case nMultiplier, nOrdinal, nVague, nVagueOf, nArticle:
				lo = 1
			}
			if n < lo || n > hi || (kind == nTens && n%10 != 0) {
				return r.Errorf("value %d does not fit kind %s", n, r.Get("kind"))
			}
			e.value = n
		} else if v != "-" {
			return r.Errorf("a %s has no value: write - instead of %q", r.Get("kind"), v)
		}
		key := e.phrase + "\t" + r.Get("kind")
		if seen[key] {
			return r.Errorf("%q is listed twice as %s", e.phrase, r.Get("kind"))
		}
		seen[key] = true
		p.add(e)
		switch {
		case (kind == nUnit || kind == nArticle) && e.value >= 1 && e.value <= 9:
			units = append(units, e)
		case kind == nTens:
			tens = append(tens, e)
		case kind == nOrdinal && e.value >= 1 && e.value <= 9:
			ordUnits = append(ordUnits, e)
		case kind == nOrdinal && e.value >= 20 && e.value <= 90 && e.value%10 == 0:
			ordTens = append(ordTens, e)
		case kind == nUnitTensInfix:
			utInfix = append(utInfix, e)
		case kind == nTensUnitInfix:
			tuInfix = append(tuInfix, e)
		}
	}
	// Compounds written as one word are generated rather than listed, so a
	// pack gives "og" once instead of seventy-two words.
	compound := func(phrase string, value int64, ordinal bool) {
		if _, ok := p.index[phrase]; ok {
			return
		}
		p.add(&entry{phrase: phrase, table: tabNumber, kind: nCompound, value: value, ordinal: ordinal})
	}
	for _, in := range utInfix {
		for _, u := range units {
			for _, t := range tens {
				compound(u.phrase+in.phrase+t.phrase, u.value+t.value, false)
			}
			for _, t := range ordTens {
				compound(u.phrase+in.phrase+t.phrase, u.value+t.value, true)
			}
		}
	}
	for _, in := range tuInfix {
		for _, t := range tens {
			for _, u := range units {
				if u.kind == nUnit {
					compound(t.phrase+in.phrase+u.phrase, u.value+t.value, false)
				}
			}
			for _, u := range ordUnits {
				compound(t.phrase+in.phrase+u.phrase, u.value+t.value, true)
			}
		}
	}
	return nil
}

func (p *pack) loadQualifiers(fsys fs.FS, path string) error {
	rows, err := table.Read(fsys, path, table.Schema{Columns: []string{"phrase", "qualifier", "position"}, Required: 2})
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, r := range rows {
		kind, ok := qualKinds[r.Get("qualifier")]
		if !ok {
			return r.Errorf("unknown qualifier %q, want one of %s", r.Get("qualifier"), sortedKeys(qualKinds))
		}
		e := &entry{table: tabQual, kind: kind}
		if err := setPhrase(e, r.Get("phrase"), r); err != nil {
			return err
		}
		switch pos := r.Get("position"); pos {
		case "", "before":
		case "after":
			if kind != qAtLeast && kind != qMoreThan && kind != qApprox && kind != qExact && kind != qUpTo && kind != qLessThan {
				return r.Errorf("a %s cannot stand after the number", r.Get("qualifier"))
			}
			e.after = true
		default:
			return r.Errorf("position %q, want before or after", pos)
		}
		key := fmt.Sprint(e.phrase, e.kind, e.after)
		if seen[key] {
			return r.Errorf("%q is listed twice", e.phrase)
		}
		seen[key] = true
		p.add(e)
	}
	return nil
}

func (p *pack) loadUnits(fsys fs.FS, path string) error {
	rows, err := table.Read(fsys, path, table.Schema{Columns: []string{"phrase", "kind", "position"}, Required: 2})
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, r := range rows {
		kind, ok := unitKinds[r.Get("kind")]
		if !ok {
			return r.Errorf("unknown kind %q, want one of %s", r.Get("kind"), sortedKeys(unitKinds))
		}
		e := &entry{table: tabUnit, kind: kind}
		if err := setPhrase(e, r.Get("phrase"), r); err != nil {
			return err
		}
		pos := r.Get("position")
		if kind == uMonth || kind == uYearCue {
			if pos != "" {
				return r.Errorf("a %s takes no position; leave the column out", r.Get("kind"))
			}
		} else {
			switch pos {
			case "before":
			case "after":
				e.after = true
			default:
				return r.Errorf("position %q, want before or after", pos)
			}
		}
		key := fmt.Sprint(e.phrase, e.kind, e.after)
		if seen[key] {
			return r.Errorf("%q is listed twice", e.phrase)
		}
		seen[key] = true
		p.add(e)
	}
	return nil
}

// setPhrase normalises a phrase as written in a table: single spaces, lower
// case for matching, and the written form kept when it has capitals, since
// "May" the month must not match "may" the verb.
func setPhrase(e *entry, s string, r table.Row) error {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return r.Errorf("empty phrase")
	}
	e.phrase = strings.ToLower(s)
	if e.phrase != s {
		e.cased = s
	}
	return nil
}

// add indexes e under the token texts its phrase can start with: the phrase up
// to its first space ("mio." as one token) and its leading run of letters or
// digits ("mio" when the dot is a token of its own).
func (p *pack) add(e *entry) {
	first := e.phrase
	if i := strings.IndexByte(first, ' '); i >= 0 {
		first = first[:i]
	}
	keys := []string{first}
	if run := leadingRun(first); run != "" && run != first {
		keys = append(keys, run)
	}
	start := e.table == tabNumber && e.kind != nOrdinalSuffix && e.kind != nJoiner && e.kind != nPartitive &&
		e.kind != nBlocker && e.kind != nUnitTensInfix && e.kind != nTensUnitInfix ||
		e.table == tabQual && !e.after && e.kind != qRangeAnd && e.kind != qRangeTo ||
		e.table == tabUnit && !e.after && e.kind != uMonth && e.kind != uYearCue
	for _, k := range keys {
		b := p.index[k]
		if b == nil {
			b = &bucket{}
			p.index[k] = b
		}
		b.entries = append(b.entries, *e)
		b.start = b.start || start
		pos := 0
		if e.after {
			pos = 1
		}
		b.kinds[e.table][pos] |= 1 << e.kind
		switch {
		case e.table == tabQual && !e.after && qualBefore&(1<<e.kind) != 0,
			e.table == tabUnit && !e.after && unitBefore&(1<<e.kind) != 0:
			b.prefix = true
		}
		if e.table == tabNumber {
			if (wordKinds|vagueKinds)&(1<<e.kind) != 0 {
				b.numeric = true
				b.worded = b.worded || e.kind != nArticle || strings.ContainsAny(e.phrase, " .")
			}
			b.partMult = b.partMult || e.kind == nPartitive || e.kind == nMultiplier
		}
	}
	if n := strings.Count(e.phrase, " ") + 1 + strings.Count(e.phrase, "."); n > p.maxTokens {
		p.maxTokens = n
	}
}

// leadingRun returns the letters and digits s starts with.
func leadingRun(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return s[:i]
		}
	}
	return s
}

// isDigit reports whether the first byte of s is an ASCII digit.
func isDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }
