// Package number owns finding numbers and quantities in a sentence: digits
// written with a language's separators ("2.000", "1,5 mio.", "35,000"), number
// words ("enogtyve", "two hundred and fifty"), qualifiers ("mindst 12",
// "between 200 and 250"), vague amounts ("dusinvis", "hundreds of") and the
// numbers that are not counts at all (ordinals, years, clock times, money,
// percentages, dates), so that the figure layer never takes "19. januar" or
// "40 pct." for a number of people.
//
// All words come from the language pack: numbers.tsv, quantifiers.tsv,
// units.tsv and the separators in pack.tsv. The Go code holds only the closed
// set of behaviours those tables choose from.
//
// Years: a plain four-digit number from 1000 to 2100 is a Year when a year cue
// ("i", "in", "siden", "since" …) or a month stands right before it, when it
// follows a date or a year ("January 19, 2022", "i 2021 og 2022"), or when it
// is a range of two such numbers at most 30 apart ("2019-2022"). Anything else
// is a count, so "2000 er torsdag blevet anholdt" gives 2000 people, and so
// does the rarer "i 2000 landsbyer" wrongly give a year.
//
// Qualifiers beyond the spec: "færre end 100", "under 100", "fewer than 100"
// (less_than in the pack) give up_to with min = max = 99, the mirror of
// more_than; "knap", "næsten", "almost", "nearly" give approx.
//
// Articles: "en", "et", "a", "an" are 1 only before a multiplier ("en
// million", "a dozen") or a partitive ("en af betjentene"); "en bil" is no
// number. A bare multiplier before a partitive is vague ("millioner af").
package number

import (
	"fmt"
	"io/fs"
	"math/bits"
	"strings"

	"github.com/urodata/uro/internal/text"
)

// Kind says what a number stands for. Only Count is a number of things.
type Kind uint8

const (
	Count   Kind = iota + 1 // "400 sårede", "dusinvis af døde"
	Ordinal                 // "76. luftbårne division", "45th", "tredje"
	Year                    // "i 2022", "since 1991"
	Time                    // "kl. 10", "10:30"; Min = hour*100 + minute
	Money                   // "50 kr.", "$5 million"; Min = whole currency units
	Percent                 // "40 pct.", "40%"
	Decimal                 // "1,5" with no multiplier: a measure, not a count; Min = floor
	Date                    // the day in "19. januar", "January 19"; Min = day
	Age                     // "45-årig", "45-year-old"
	Measure                 // "10 km"
)

var kindNames = [...]string{"", "count", "ordinal", "year", "time", "money", "percent", "decimal", "date", "age", "measure"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && k > 0 {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Qualifier names, as the document spec spells them.
const (
	Exact    = "exact"
	AtLeast  = "at_least"
	MoreThan = "more_than"
	Approx   = "approx"
	UpTo     = "up_to"
	Range    = "range"
	Vague    = "vague"
)

// Quantity is one number expression found in a sentence.
type Quantity struct {
	Start, End int    // byte offsets in src of the whole expression, qualifier and unit included
	Text       string // src[Start:End]
	Kind       Kind
	Min        int64
	Max        int64 // meaningful only when HasMax
	HasMax     bool
	Qualifier  string  // Exact, AtLeast, MoreThan, Approx, UpTo, Range or Vague
	Value      float64 // the number as written, before the qualifier ("1,5" gives 1.5)
	Unit       string  // the currency, percent, time or measure word as written, or ""
	Head       int     // index of the first token after the expression, or -1
}

// Parser finds quantities for one language.
type Parser struct {
	lang string
	p    *pack
}

// New loads the number knowledge of lang from fsys (usually langpacks.FS):
// <lang>/pack.tsv, numbers.tsv, quantifiers.tsv and units.tsv.
func New(fsys fs.FS, lang string) (*Parser, error) {
	p, err := loadPack(fsys, lang)
	if err != nil {
		return nil, fmt.Errorf("load number tables for %q: %w", lang, err)
	}
	return &Parser{lang: lang, p: p}, nil
}

// Lang returns the language the parser was loaded for.
func (ps *Parser) Lang() string { return ps.lang }

// Find returns every number expression in the tokens of one sentence, in
// order and without overlaps. Offsets are into src, as the tokens' are.
func (ps *Parser) Find(src string, tokens []text.Token) []Quantity {
	return ps.AppendFind(nil, src, tokens)
}

// AppendFind is Find appending to dst, so that a caller can keep a whole
// article's quantities in one array; it returns dst unchanged when the
// sentence has none.
func (ps *Parser) AppendFind(dst []Quantity, src string, tokens []text.Token) []Quantity {
	return ps.appendFind(dst, src, tokens, true)
}

// appendFind is AppendFind; jump says whether to go from one possible
// start to the next, rather than try every token: the plain walk that
// tests hold the other to.
func (ps *Parser) appendFind(dst []Quantity, src string, tokens []text.Token, jump bool) []Quantity {
	// One map lookup per token, kept for the whole sentence: the parse looks
	// at the same tokens several times.
	// The look-ups go to an array of numbers, not of pointers: nothing for
	// the collector, and most sentences stop at starts == 0.
	var idBuf [64]int32
	ids := idBuf[:]
	if len(tokens) > len(ids) {
		ids = make([]int32, len(tokens))
	}
	// starts has bit i%64 set when token i is digits or a word that may
	// open an expression: the walk below goes from one to the next in a
	// sentence of up to 64 tokens, and none is when no bit is set.
	var starts uint64
	for i := range tokens {
		id := int32(-1)
		if !isDigit(tokens[i].Text) {
			id = ps.p.keys.Lookup(tokens[i].Lower, tokens[i].LowerHash())
			if id >= 0 && ps.p.starts[id] {
				starts |= 1 << (i & 63)
			}
		} else {
			starts |= 1 << (i & 63)
		}
		ids[i] = id
	}
	if starts == 0 {
		return dst
	}
	s := scan{pack: ps.p, toks: tokens, ids: ids[:len(tokens)]}
	out, base := dst, len(dst)
	for i := 0; i < len(tokens); {
		if jump && len(tokens) <= 64 {
			// The tokens before the next start fail the test below.
			next := starts >> i
			if next == 0 {
				break
			}
			i += bits.TrailingZeros64(next)
		}
		b := s.bk(i)
		if !isDigit(tokens[i].Text) && (b == nil || !b.start) || glued(tokens, i) {
			i++
			continue
		}
		if b != nil && !b.prefix && !isDigit(tokens[i].Text) && !s.wordsMayStart(i) {
			// No qualifier or unit to read first, and no number here
			// ("en" before a word that is no partitive or multiplier,
			// "a police officer"): parseAt fails.
			i++
			continue
		}
		q, next, ok := s.parseAt(src, i, out[base:])
		if !ok {
			i++
			continue
		}
		if out == nil {
			out = make([]Quantity, 0, 4) // one allocation for most sentences
		}
		out = append(out, q)
		i = next
	}
	return out
}

// glued reports whether digits at token i hang on a word by a hyphen with no
// space, as in names: "COVID-19", "F-16", "Su-27".
func glued(toks []text.Token, i int) bool {
	return i >= 2 && isDigit(toks[i].Text) && toks[i-1].Text == "-" && toks[i-1].End == toks[i].Start &&
		toks[i-2].End == toks[i-1].Start && toks[i-2].Kind == text.Word
}

// scan is one sentence being read: its tokens and, for each, the pack
// entries whose phrase can start there.
type scan struct {
	*pack
	toks []text.Token
	ids  []int32 // by token: the index of its bucket in byKey, or -1
}

// bk returns the bucket of token i, or nil.
func (s *scan) bk(i int) *bucket {
	if id := s.ids[i]; id >= 0 {
		return &s.byKey[id]
	}
	return nil
}

// num is a number read at some tokens, before context decides its kind.
type num struct {
	start, end int   // tokens [start, end)
	value      int64 // whole part of the value, multipliers applied
	fvalue     float64
	max        int64 // from a range written as one token: "200-250"
	hasMax     bool
	mult       int64 // product of the multipliers read after digits, 0 for none
	decimal    bool  // not a whole number
	ordinal    bool
	clock      bool // written like a clock time: "10:30", Danish "10.30"
	vague      bool
	plain4     bool  // four digits, no separators: can be a year
	words      bool  // written in words
	unit       uint8 // unit kind written on the token: "45-årig", "40%"
	unitText   string
}

func (s *scan) parseAt(src string, i int, prev []Quantity) (Quantity, int, bool) {
	toks := s.toks
	j := i
	qual := qNone
	rangeStart := false
	if e, end := s.longest(j, tabQual, qualBefore, 0); e != nil {
		if e.kind == qRangeStart {
			rangeStart = true
		} else {
			qual = e.kind
		}
		j = end
	}
	var pre *entry
	preStart := j
	if e, end := s.longest(j, tabUnit, unitBefore, 0); e != nil {
		pre = e
		j = end
	}
	if j >= len(toks) || !isDigit(toks[j].Text) && !s.wordsMayStart(j) {
		// No digits and no number word: number would try every reading
		// of the word ("in", "at", "as") and fail.
		return Quantity{}, 0, false
	}
	n, ok := s.number(j, true)
	if !ok {
		return Quantity{}, 0, false
	}
	k := n.end
	// A range: "200 til 250", "between 200 and 250", "2 to 3 million".
	closed := false
	if !n.hasMax && !n.ordinal && !n.clock && !n.vague && !n.decimal {
		mask := uint32(1) << qRangeTo
		if rangeStart {
			mask |= 1 << qRangeAnd
		}
		if e, end := s.longest(k, tabQual, mask, -1); e != nil {
			if n2, ok := s.number(end, false); ok && !n2.ordinal && !n2.clock && !n2.hasMax && !n2.decimal {
				lo := n.value
				if n.mult == 0 && n2.mult > 0 && n.value < n2.value/n2.mult+1 {
					// "2 to 3 million": the multiplier belongs to both.
					if v, ok := mul(n.value, n2.mult); ok {
						lo = v
					}
				}
				if n2.value > lo {
					n.value, n.max, n.hasMax, n.fvalue = lo, n2.value, true, float64(lo)
					n.plain4 = n.plain4 && n2.plain4
					if n.unit == 0 {
						n.unit, n.unitText = n2.unit, n2.unitText
					}
					k = n2.end
					closed = true
				}
			}
		}
	}
	start := i
	if rangeStart && !closed {
		// "mellem" without its "og": not part of the expression.
		start = preStart
		if pre == nil {
			start = n.start
		}
	}
	// Qualifiers and units after the number: "200 eller flere", "50 kr.".
	postStart, postEnd := k, k
	var post *entry
	if e, end := s.longest(k, tabUnit, unitAfter, 1); e != nil {
		post, postEnd = e, end
		k = end
	}
	if qual == qNone {
		if e, end := s.longest(k, tabQual, qualAfter, 1); e != nil {
			qual = e.kind
			k = end
		}
	}

	q := Quantity{
		Start: toks[start].Start,
		End:   toks[k-1].End,
		Value: n.fvalue,
		Head:  -1,
		Kind:  Count,
	}
	q.Text = src[q.Start:q.End]
	if k < len(toks) {
		q.Head = k
	}
	// The unit: one written on the digits ("40%"), else a word before ("$",
	// "kl.") or after ("kroner"); money and percent win over the rest.
	unit, unitText := n.unit, n.unitText
	if pre != nil && (unit == 0 || pre.kind == uMoney || pre.kind == uPercent) {
		unit, unitText = pre.kind, src[toks[preStart].Start:toks[j-1].End]
	}
	if post != nil && (unit == 0 || unit != uMoney && unit != uPercent) {
		unit, unitText = post.kind, src[toks[postStart].Start:toks[postEnd-1].End]
	}
	q.Unit = unitText
	switch {
	case unit == uMoney:
		q.Kind = Money
	case unit == uPercent:
		q.Kind = Percent
	case unit == uTime || n.clock:
		q.Kind = Time
	case unit == uAge:
		q.Kind = Age
	case unit == uMeasure:
		q.Kind = Measure
	case n.ordinal:
		q.Kind = Ordinal
		if s.startsWith(k, uMonth) || s.endsWith(n.start, uMonth) {
			q.Kind = Date // "19. januar", "January 6th"
		}
	case !n.words && !n.vague && qual == qNone && !n.hasMax && n.value >= 1 && n.value <= 31 && n.mult == 0 &&
		(s.endsWith(n.start, uMonth) || s.startsWith(k, uMonth)):
		q.Kind = Date
	case n.plain4 && n.value >= 1000 && n.value <= 2100 && qual == qNone &&
		(!n.hasMax || n.max <= 2100 && n.max-n.value < 100) &&
		(n.hasMax && n.max-n.value <= 30 || s.endsWith(n.start, uYearCue) || s.endsWith(n.start, uMonth) || follows(toks, n.start, prev, Date) || follows(toks, n.start, prev, Year)):
		q.Kind = Year
	case n.decimal:
		q.Kind = Decimal
	}
	switch {
	case n.hasMax:
		q.Min, q.Max, q.HasMax, q.Qualifier = n.value, n.max, true, Range
	case n.vague:
		q.Min, q.Qualifier = n.value, Vague
	default:
		q.Min, q.Max, q.HasMax, q.Qualifier = n.value, n.value, true, Exact
		switch qual {
		case qAtLeast:
			q.Max, q.HasMax, q.Qualifier = 0, false, AtLeast
		case qMoreThan:
			q.Min, q.Max, q.HasMax, q.Qualifier = n.value+1, 0, false, MoreThan
		case qLessThan:
			// "færre end 100" mirrors "over 100": at most 99.
			v := max(n.value-1, 0)
			q.Min, q.Max, q.Qualifier = v, v, UpTo
		case qApprox:
			q.Qualifier = Approx
		case qUpTo:
			q.Qualifier = UpTo
		}
	}
	if q.Kind == Time && !n.clock {
		// "kl. 10" is 10:00; "kl. 10 til 12" runs to 12:00.
		hhmm := func(v int64) int64 {
			if v <= 24 {
				return v * 100
			}
			return v
		}
		q.Min, q.Max, q.HasMax, q.Qualifier = hhmm(n.value), hhmm(n.value), true, Exact
		if n.hasMax {
			q.Max, q.Qualifier = max(hhmm(n.max), q.Min), Range
		}
	}
	return q, k, true
}

// wordsMayStart reports whether number may read a number word at token j:
// a bucket with one, and, when that is only an article ("a", "en"), a
// partitive or multiplier at the token after it ("a dozen", "en af").
func (s *scan) wordsMayStart(j int) bool {
	b := s.bk(j)
	if b == nil || !b.numeric {
		return false
	}
	return b.worded || s.partMultAt(j+1)
}

// partMultAt reports whether token i may start a partitive or a multiplier.
func (s *scan) partMultAt(i int) bool {
	if i >= len(s.toks) {
		return false
	}
	b := s.bk(i)
	return b != nil && b.partMult
}

// follows reports whether token i comes right after a quantity of kind just
// found, with at most one token between: the year in "January 19, 2022" and
// the second year in "i 2021 og 2022".
func follows(toks []text.Token, i int, prev []Quantity, kind Kind) bool {
	if len(prev) == 0 || prev[len(prev)-1].Kind != kind || i == 0 {
		return false
	}
	h := prev[len(prev)-1].Head
	return h == i || h == i-1 && !isDigit(toks[h].Text)
}

// Masks of entry kinds for longest.
const (
	qualBefore = 1<<qExact | 1<<qAtLeast | 1<<qMoreThan | 1<<qLessThan | 1<<qApprox | 1<<qUpTo | 1<<qRangeStart
	qualAfter  = 1<<qExact | 1<<qAtLeast | 1<<qMoreThan | 1<<qLessThan | 1<<qApprox | 1<<qUpTo
	unitBefore = 1<<uMoney | 1<<uTime | 1<<uPercent | 1<<uAge | 1<<uMeasure
	unitAfter  = unitBefore
	wordKinds  = 1<<nUnit | 1<<nTeen | 1<<nTens | 1<<nMultiplier | 1<<nArticle | 1<<nOrdinal | 1<<nJoiner | 1<<nCompound
	vagueKinds = 1<<nVague | 1<<nVagueOf | 1<<nVaguePrefix
)

// longest returns the longest entry of table whose kind is in mask and that
// matches at token i, with the index after it. after filters on position:
// 0 before, 1 after, -1 either.
func (s *scan) longest(i int, table uint8, mask uint32, after int) (*entry, int) {
	if i >= len(s.toks) {
		return nil, -1
	}
	b := s.bk(i)
	if b == nil || !b.may(table, mask, after) {
		return nil, -1
	}
	for k := range b.entries {
		e := &b.entries[k]
		if e.table != table || mask&(1<<e.kind) == 0 {
			continue
		}
		if after >= 0 && e.after != (after == 1) {
			continue
		}
		if end := e.match(s.toks, i); end > 0 {
			return e, end
		}
	}
	return nil, -1
}

// has reports whether a numbers.tsv entry of kind matches at token i.
func (s *scan) has(i int, kind uint8) (int, bool) {
	e, end := s.longest(i, tabNumber, 1<<kind, -1)
	return end, e != nil
}

// endsWith reports whether a units.tsv phrase of kind ends right before token i.
func (s *scan) endsWith(i int, kind uint8) bool {
	for k := i - 1; k >= 0 && k >= i-s.maxTokens; k-- {
		b := s.bk(k)
		if b == nil || !b.may(tabUnit, 1<<kind, -1) {
			continue
		}
		for n := range b.entries {
			e := &b.entries[n]
			if e.table == tabUnit && e.kind == kind && e.match(s.toks, k) == i {
				return true
			}
		}
	}
	return false
}

// startsWith reports whether a units.tsv phrase of kind starts at token i.
func (s *scan) startsWith(i int, kind uint8) bool {
	e, _ := s.longest(i, tabUnit, 1<<kind, -1)
	return e != nil
}

// match returns the index after the last token e's phrase covers when the
// phrase matches from token i, else -1. Spaces in the phrase are optional
// between tokens, so "mio." matches one token "mio." or "mio" + ".".
func (e *entry) match(toks []text.Token, i int) int {
	want := e.phrase
	if e.cased != "" {
		want = e.cased
	}
	for k := i; k < len(toks); k++ {
		for len(want) > 0 && want[0] == ' ' {
			want = want[1:]
		}
		t := toks[k].Lower
		if e.cased != "" {
			t = toks[k].Text
		}
		if t == "" || !strings.HasPrefix(want, t) {
			return -1
		}
		want = want[len(t):]
		if want == "" {
			return k + 1
		}
	}
	return -1
}

// number reads one number at token j: digits, words or a vague amount.
func (s *scan) number(j int, vagueOK bool) (num, bool) {
	if j >= len(s.toks) {
		return num{}, false
	}
	if isDigit(s.toks[j].Text) {
		return s.digitsAt(j)
	}
	if vagueOK {
		if n, ok := s.vague(j); ok {
			return n, true
		}
	}
	return s.words(j)
}

// mul multiplies two non-negative numbers, failing on overflow.
func mul(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	if a > (1<<62)/b {
		return 0, false
	}
	return a * b, true
}
