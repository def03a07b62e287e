package timex

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/internal/text"
)

// slot is what one element of a pattern matches: a literal token or a kind of value.
type slot uint8

const (
	sLit      slot = iota
	sWeekday       // a word of weekdays.tsv
	sMonth         // a word of months.tsv
	sDay           // 1-31 written with one or two digits, maybe with a day suffix ("19th")
	sYear          // four digits, 1800-2199
	sN             // a small count: digits or an integer word of numbers.tsv
	sMonthNum      // 1-12 written with one or two digits
	nSlots
)

var slotNames = map[string]slot{
	"{weekday}": sWeekday, "{month}": sMonth, "{day}": sDay, "{year}": sYear, "{n}": sN, "{monthnum}": sMonthNum,
}

// rule is the closed set of behaviours a time.tsv row can choose.
type rule uint8

const (
	rDayOffset      rule = iota + 1 // arg days from published: "i dag" 0, "i går" -1
	rNightBefore                    // the night ending on published+arg, or on {weekday}
	rNightAfter                     // the night starting on {weekday}: "Wednesday night"
	rLastNDays                      // {n} (or 1) times arg days, ending on published
	rLast24h                        // the day before published and published
	rDaysAgo                        // published minus {n} days
	rWeekdayPast                    // the last {weekday} before published
	rWeekdayNext                    // the first {weekday} after published
	rWeekdayNearest                 // {weekday} on or before published; on or after with a future cue
	rWeekOffset                     // the ISO week of published plus arg weeks
	rMonthOffset                    // the month of published plus arg months
	rYearOffset                     // the year of published plus arg years
	rMonth                          // {month} [{year}]
	rYear                           // {year}
	rDate                           // {day} with {month}/{monthnum}, {year}, {weekday} as given
	rDateRange                      // two {day}s with one or two months
	rUntil                          // prefix: up to the expression that follows
	rSince                          // prefix: from the expression that follows up to published
	rIgnore                         // a name or non-time use that must not fire ("black friday")
	rFutureCue                      // a word that makes weekdays and months resolve forward
	rDaySuffix                      // an ending written on a day number ("th" in "19th")
)

var ruleNames = map[string]rule{
	"day_offset": rDayOffset, "night_before": rNightBefore, "night_after": rNightAfter,
	"last_n_days": rLastNDays, "last_24h": rLast24h, "days_ago": rDaysAgo,
	"weekday_past": rWeekdayPast, "weekday_next": rWeekdayNext, "weekday_nearest": rWeekdayNearest,
	"week_offset": rWeekOffset, "month_offset": rMonthOffset, "year_offset": rYearOffset,
	"month": rMonth, "year": rYear, "date": rDate, "date_range": rDateRange,
	"until": rUntil, "since": rSince, "ignore": rIgnore, "future_cue": rFutureCue, "day_suffix": rDaySuffix,
}

// precision is the spec's "When" precision each rule yields.
func (r rule) precision() string {
	switch r {
	case rDayOffset, rDaysAgo, rWeekdayPast, rWeekdayNext, rWeekdayNearest, rDate:
		return "day"
	case rWeekOffset:
		return "week"
	case rMonthOffset, rMonth:
		return "month"
	case rYearOffset, rYear:
		return "year"
	}
	return "range"
}

type elem struct {
	slot slot
	lit  string
}

type pattern struct {
	elems       []elem
	rule        rule
	arg         int
	afterPrefix bool // only right after an until/since prefix ("siden 2011")
	order       int  // row order: breaks ties between equally long matches
	src         string
}

// count returns how many elements of p are the slot s.
func (p *pattern) count(s slot) int {
	n := 0
	for _, e := range p.elems {
		if e.slot == s {
			n++
		}
	}
	return n
}

// word is everything the pack says about one lower-cased word.
type word struct {
	weekday int8 // 1=Monday..7=Sunday, 0 none
	month   int8 // 1..12, 0 none
	dotOnly bool // a month abbreviation valid only with its dot ("jul." is July, "jul" is Christmas)
	dotOK   bool // the month word may take an abbreviation dot ("jan." and "jan")
	hasNum  bool
	num     int
	cue     bool
	suffix  bool
	start   bucket // patterns whose first element is this literal
	// What a sentence needs for a match to start at this word: any next
	// atom (anyNext), or one of the literals in next (see Parser.starts).
	anyNext bool
	next    map[string]bool
	// nextH and nextS are next as a list, by the literals' hashes: a few
	// hash compares, not a string map's hashing, for firstStart's test of
	// every word that may start an expression.
	nextH []uint32
	nextS []string
	slots uint16 // bit per slot kind a pattern's second element is
}

var (
	timeSchema    = table.Schema{Columns: []string{"pattern", "rule", "arg", "scope"}, Required: 2}
	weekdaySchema = table.Schema{Columns: []string{"word", "weekday"}, Required: 2}
	monthSchema   = table.Schema{Columns: []string{"word", "month"}, Required: 2}
	numberSchema  = table.Schema{Columns: []string{"word", "value", "kind"}, Required: 2}
)

// New loads the time tables of lang from fsys: <lang>/time.tsv, weekdays.tsv,
// months.tsv and, when present, the integer rows of numbers.tsv.
func New(fsys fs.FS, lang string) (*Parser, error) {
	p := &Parser{lang: lang, words: map[string]*word{}}
	if err := p.loadWeekdays(fsys, lang+"/weekdays.tsv"); err != nil {
		return nil, err
	}
	if err := p.loadMonths(fsys, lang+"/months.tsv"); err != nil {
		return nil, err
	}
	if err := p.loadNumbers(fsys, lang+"/numbers.tsv"); err != nil {
		return nil, err
	}
	if err := p.loadPatterns(fsys, lang+"/time.tsv"); err != nil {
		return nil, err
	}
	for _, sl := range []slot{sDay, sYear, sN, sMonthNum} {
		p.digitNeeds[sl].needs(&p.slotStart[sl])
	}
	for k, w := range p.words {
		sk := startNone
		if p.starter(w) {
			p.startShape.Add(k)
			sk = startNext
			if w.anyNext {
				sk = startAny
			}
		}
		p.keys.Add(k)
		p.byKey = append(p.byKey, w)
		p.startOf = append(p.startOf, sk)
	}
	return p, nil
}

// startKind says whether a match may start at a word (see starter).
type startKind uint8

const (
	startNone startKind = iota // no match starts at the word
	startAny                   // any next atom may do (word.anyNext)
	startNext                  // it depends on the next atom (word.next, slots)
)

// starter fills w's anyNext and next from the buckets longest would try at
// w, and reports whether any match can start at w at all.
func (p *Parser) starter(w *word) bool {
	from := w.needs
	from(&w.start)
	if w.weekday != 0 {
		from(&p.slotStart[sWeekday])
	}
	if w.month != 0 {
		w.anyNext = true // the month bucket may skip an atom: never ruled out
	}
	if w.hasNum {
		from(&p.slotStart[sN])
	}
	return w.anyNext || len(w.next) > 0 || w.slots != 0
}

// needs adds to w what the patterns of bk need of the atom after their first.
func (w *word) needs(bk *bucket) {
	for _, pat := range bk.any {
		if len(pat.elems) < 2 || pat.elems[1].slot == sLit {
			w.anyNext = true
		} else {
			w.slots |= 1 << pat.elems[1].slot
		}
	}
	for k := range bk.next {
		if w.next == nil {
			w.next = map[string]bool{}
		}
		if !w.next[k] {
			w.nextH, w.nextS = append(w.nextH, text.Hash(k)), append(w.nextS, k)
		}
		w.next[k] = true
	}
}

// hasNext is w.next[key] for a key whose text.Hash is h.
func (w *word) hasNext(key string, h uint32) bool {
	for i, nh := range w.nextH {
		if nh == h && w.nextS[i] == key {
			return true
		}
	}
	return false
}

func (p *Parser) entry(w string) *word {
	e := p.words[w]
	if e == nil {
		e = &word{}
		p.words[w] = e
	}
	return e
}

func checkWord(r table.Row, w string) error {
	if w != strings.ToLower(w) {
		return r.Errorf("word %q must be lower case (it is matched against lower-cased tokens)", w)
	}
	if strings.ContainsAny(w, " ") {
		return r.Errorf("word %q must be one token, without spaces", w)
	}
	return nil
}

func (p *Parser) loadWeekdays(fsys fs.FS, path string) error {
	rows, err := table.Read(fsys, path, weekdaySchema)
	if err != nil {
		return fmt.Errorf("load weekdays: %w", err)
	}
	for _, r := range rows {
		w := r.Get("word")
		if err := checkWord(r, w); err != nil {
			return err
		}
		n, err := strconv.Atoi(r.Get("weekday"))
		if err != nil || n < 1 || n > 7 {
			return r.Errorf("weekday %q must be 1 (Monday) to 7 (Sunday)", r.Get("weekday"))
		}
		e := p.entry(w)
		if e.weekday != 0 && int(e.weekday) != n {
			return r.Errorf("word %q is already weekday %d", w, e.weekday)
		}
		e.weekday = int8(n)
	}
	return nil
}

func (p *Parser) loadMonths(fsys fs.FS, path string) error {
	rows, err := table.Read(fsys, path, monthSchema)
	if err != nil {
		return fmt.Errorf("load months: %w", err)
	}
	for _, r := range rows {
		w := r.Get("word")
		if err := checkWord(r, w); err != nil {
			return err
		}
		n, err := strconv.Atoi(r.Get("month"))
		if err != nil || n < 1 || n > 12 {
			return r.Errorf("month %q must be 1 to 12", r.Get("month"))
		}
		// Tokens reach the matcher with a final dot split off, so "jan." is
		// stored as "jan" that may (or must) take the dot.
		dotted := strings.HasSuffix(w, ".") && len(w) > 1
		key := strings.TrimSuffix(w, ".")
		e := p.entry(key)
		if e.month != 0 && int(e.month) != n {
			return r.Errorf("word %q is already month %d", w, e.month)
		}
		if dotted {
			e.dotOK = true
			if e.month == 0 {
				e.dotOnly = true
			}
		} else {
			e.dotOnly = false
		}
		e.month = int8(n)
	}
	return nil
}

// loadNumbers reads the small number words for {n}. numbers.tsv belongs to
// internal/number; only rows whose value is a plain integer matter here.
func (p *Parser) loadNumbers(fsys fs.FS, path string) error {
	rows, err := table.Read(fsys, path, numberSchema)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // digits still work
	}
	if err != nil {
		return fmt.Errorf("load number words: %w", err)
	}
	for _, r := range rows {
		w := r.Get("word")
		n, err := strconv.Atoi(r.Get("value"))
		if err != nil || n < 0 || strings.ContainsAny(w, " ") || w != strings.ToLower(w) {
			continue
		}
		e := p.entry(w)
		if !e.hasNum {
			e.hasNum, e.num = true, n
		}
	}
	return nil
}

func (p *Parser) loadPatterns(fsys fs.FS, path string) error {
	rows, err := table.Read(fsys, path, timeSchema)
	if err != nil {
		return fmt.Errorf("load time patterns: %w", err)
	}
	seen := map[string]int{}
	for i, r := range rows {
		pat, err := parsePattern(r, i)
		if err != nil {
			return err
		}
		if l, ok := seen[pat.src]; ok {
			return r.Errorf("pattern %q repeats line %d", pat.src, l)
		}
		seen[pat.src] = r.Line
		switch pat.rule {
		case rFutureCue:
			p.entry(pat.elems[0].lit).cue = true
		case rDaySuffix:
			p.entry(pat.elems[0].lit).suffix = true
		default:
			if first := pat.elems[0]; first.slot == sLit {
				e := p.entry(first.lit)
				e.start.add(pat)
			} else {
				p.slotStart[first.slot].add(pat)
			}
		}
	}
	return nil
}

func parsePattern(r table.Row, order int) (*pattern, error) {
	src := r.Get("pattern")
	ru, ok := ruleNames[r.Get("rule")]
	if !ok {
		return nil, r.Errorf("unknown rule %q (want one of day_offset, night_before, night_after, last_n_days, last_24h, days_ago, weekday_past, weekday_next, weekday_nearest, week_offset, month_offset, year_offset, month, year, date, date_range, until, since, ignore, future_cue, day_suffix)", r.Get("rule"))
	}
	pat := &pattern{rule: ru, order: order, src: src}
	for _, f := range strings.Fields(src) {
		if strings.HasPrefix(f, "{") {
			s, ok := slotNames[f]
			if !ok {
				return nil, r.Errorf("unknown slot %s in pattern %q (want {weekday}, {month}, {day}, {year}, {n} or {monthnum})", f, src)
			}
			pat.elems = append(pat.elems, elem{slot: s})
			continue
		}
		if f != strings.ToLower(f) {
			return nil, r.Errorf("literal %q in pattern %q must be lower case", f, src)
		}
		if isDash(f) {
			f = "-"
		}
		pat.elems = append(pat.elems, elem{lit: f})
	}
	if len(pat.elems) == 0 {
		return nil, r.Errorf("empty pattern")
	}
	switch arg := r.Get("arg"); {
	case ru == rDayOffset || ru == rWeekOffset || ru == rMonthOffset || ru == rYearOffset:
		n, err := strconv.Atoi(arg)
		if err != nil {
			return nil, r.Errorf("rule %s needs an integer arg (an offset), got %q", r.Get("rule"), arg)
		}
		pat.arg = n
	case ru == rNightBefore:
		pat.arg = 0
		if arg != "" && arg != "-" {
			n, err := strconv.Atoi(arg)
			if err != nil {
				return nil, r.Errorf("rule night_before takes an integer day offset or -, got %q", arg)
			}
			pat.arg = n
		}
	case ru == rLastNDays:
		pat.arg = 1
		if arg != "" && arg != "-" {
			n, err := strconv.Atoi(arg)
			if err != nil || n < 1 {
				return nil, r.Errorf("rule last_n_days takes the days per unit (1 for days, 7 for weeks), got %q", arg)
			}
			pat.arg = n
		}
	default:
		if arg != "" && arg != "-" {
			return nil, r.Errorf("rule %s takes no arg (write - when a scope follows), got %q", r.Get("rule"), arg)
		}
	}
	switch sc := r.Get("scope"); sc {
	case "", "any":
	case "after_prefix":
		pat.afterPrefix = true
	default:
		return nil, r.Errorf("unknown scope %q (want any or after_prefix)", sc)
	}
	return pat, checkSlots(r, pat)
}

// checkSlots makes sure a row's pattern carries the values its rule needs.
func checkSlots(r table.Row, p *pattern) error {
	wd, mo, d, y, n, mn := p.count(sWeekday), p.count(sMonth), p.count(sDay), p.count(sYear), p.count(sN), p.count(sMonthNum)
	slots := wd + mo + d + y + n + mn
	bad := func(want string) error {
		return r.Errorf("pattern %q does not fit rule %s: %s", p.src, r.Get("rule"), want)
	}
	switch p.rule {
	case rDayOffset, rLast24h, rWeekOffset, rMonthOffset, rYearOffset:
		if slots != 0 {
			return bad("it takes no slots")
		}
	case rNightBefore, rNightAfter:
		if slots != wd || wd > 1 || (p.rule == rNightAfter && wd != 1) {
			return bad("it takes at most one {weekday} (night_after needs one) and no other slot")
		}
	case rLastNDays:
		if slots != n || n > 1 {
			return bad("it takes at most one {n}")
		}
	case rDaysAgo:
		if slots != 1 || n != 1 {
			return bad("it needs exactly one {n}")
		}
	case rWeekdayPast, rWeekdayNext, rWeekdayNearest:
		if slots != 1 || wd != 1 {
			return bad("it needs exactly one {weekday}")
		}
	case rMonth:
		if mo != 1 || slots != mo+y || y > 1 {
			return bad("it needs one {month} and may have one {year}")
		}
	case rYear:
		if y != 1 || slots != 1 {
			return bad("it needs exactly one {year}")
		}
	case rDate:
		if d != 1 || mo+mn > 1 || y > 1 || wd > 1 || n > 0 || (mo+mn == 0 && wd == 0) {
			return bad("it needs one {day}, one {month} or {monthnum} (or a {weekday}), at most one {year}")
		}
	case rDateRange:
		if d != 2 || mo < 1 || mo > 2 || mn+n+wd > 0 || y > 1 {
			return bad("it needs two {day}, one or two {month}, at most one {year}")
		}
	case rUntil, rSince, rIgnore:
		if slots != 0 && p.rule != rIgnore {
			return bad("a prefix is literal words only")
		}
		if p.afterPrefix {
			return bad("scope after_prefix makes no sense here")
		}
	case rFutureCue, rDaySuffix:
		if len(p.elems) != 1 || slots != 0 {
			return bad("it is a single literal word")
		}
	}
	if p.rule == rIgnore && p.elems[0].slot != sLit && slots > 0 && len(p.elems) == 1 {
		return bad("ignoring a bare slot would hide every match")
	}
	return nil
}

func isDash(s string) bool { return s == "-" || s == "–" || s == "—" }
