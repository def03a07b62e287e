// Package timex owns time expressions: it finds them in a sentence's tokens
// ("torsdag", "i nat", "frem til 19. januar", "the past three days") and
// resolves them to calendar days against the article's publication date.
//
// Every word and every pattern comes from the language pack
// (langpacks/<lang>/time.tsv, weekdays.tsv, months.tsv and the integer rows of
// numbers.tsv); Go only supplies the closed set of rules a pattern may name
// (day_offset, night_before, weekday_past, date_range, until, ...). Matching is
// a token-by-token walk over patterns indexed by their first literal or slot
// kind, without regular expressions, so it is cheap enough to run on every
// sentence.
//
// Resolution never looks at the clock: when the publication date is unknown,
// relative expressions ("i går", "torsdag", "19. januar") stay unresolved, while
// dates that carry a year ("6. januar 2022") still resolve.
package timex

import (
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/text"
)

// Expr is one time expression of a sentence.
type Expr struct {
	Start, End int    // byte offsets of the expression in src
	Text       string // src[Start:End]
	// From and To are the inclusive calendar days the expression covers, UTC
	// midnight; zero when unresolved. An Until expression whose anchor
	// (published) is unknown has a zero From; a Since one has a zero To.
	From, To  time.Time
	Precision string // day | week | month | year | range
	// Until: "frem til 19. januar": To is that day, From the anchor (published,
	// or the day itself when it lies before published).
	Until bool
	// Since: "siden mandag": From is that day, To is published.
	Since bool
	// Future: the expression starts after published ("i morgen", "på lørdag").
	Future bool
}

// Resolved reports whether the expression was pinned to calendar days.
func (e Expr) Resolved() bool { return !e.From.IsZero() || !e.To.IsZero() }

// Parser finds and resolves the time expressions of one language. It is safe
// for concurrent use.
type Parser struct {
	lang  string
	words map[string]*word
	// keys numbers words' keys and byKey holds their words: the per-atom
	// look-up, by the hash the segmenter computed for whole tokens.
	keys  text.Index
	byKey []*word
	// startOf is what firstStart needs of byKey's words, by key: a few
	// hundred bytes that stay cached, so that the many words in the pack
	// that start nothing ("de", "a") cost no load of the word (and of its
	// next map) from wherever the heap put it.
	startOf []startKind
	// startShape filters the keys a match can start at (word.anyNext or
	// word.next set): most sentences have none and are skipped unatomized.
	startShape text.Filter
	// digitNeeds says, per slot a number may start a pattern with, what the
	// atom after it must be (as word.anyNext, next and slots do for words).
	digitNeeds [nSlots]word
	slotStart  [nSlots]bucket // patterns whose first element is a slot
}

// Lang returns the code of the pack the parser was loaded from.
func (p *Parser) Lang() string { return p.lang }

// atom is a matching unit: a token, or a piece of one, since "19." and
// "2022-01-06" arrive as single number tokens but match as several elements.
type atom struct {
	key        string // lower-cased text; any dash is "-"
	start, end int
	w          *word  // pack knowledge of key, nil when none
	num        int    // value of an all-digit atom
	nd         int    // digits in the atom, 0 when it is not all digits
	h          uint32 // text.Hash(key) of an atom that is not all digits
}

var atomPool = sync.Pool{New: func() any { s := make([]atom, 0, 64); return &s }}

// Find returns the time expressions in one sentence's tokens, resolved
// against published (zero = unknown). Offsets are bytes into src.
func (p *Parser) Find(src string, tokens []text.Token, published time.Time) []Expr {
	return p.AppendFind(nil, src, tokens, published)
}

// AppendFind is Find appending to dst, so that a caller can keep a whole
// article's expressions in one array; it returns dst unchanged when the
// sentence has none.
func (p *Parser) AppendFind(dst []Expr, src string, tokens []text.Token, published time.Time) []Expr {
	k := p.firstStart(src, tokens)
	if k < 0 {
		return dst
	}
	return p.findFrom(dst, src, tokens, k, published, false)
}

// find is Find without the cheap test for sentences with no possible start.
func (p *Parser) find(src string, tokens []text.Token, published time.Time) []Expr {
	return p.findFrom(nil, src, tokens, 0, published, true)
}

// findFrom finds the expressions of a sentence in which none starts before
// token k: the tokens before k are atomized only if the future cue is asked for.
// all tries every atom with pack knowledge, without mayStart's test: the plain
// walk that tests hold the filtered one to.
func (p *Parser) findFrom(out []Expr, src string, tokens []text.Token, k int, published time.Time, all bool) []Expr {
	bufp := atomPool.Get().(*[]atom)
	a := p.atomize(src, tokens[k:], (*bufp)[:0])
	// Cleared for the next sentence: see segment.Recycle.
	defer func() { clear(a); *bufp = a[:0]; atomPool.Put(bufp) }()

	if !published.IsZero() {
		y, m, d := published.Date()
		published = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	cue := -1 // future cue in the sentence: -1 not looked for yet
	future := func() bool {
		if cue < 0 {
			cue = 0
			for i := range a {
				if a[i].w != nil && a[i].w.cue {
					cue = 1
					break
				}
			}
			if cue == 0 && k > 0 && p.cueIn(src, tokens[:k]) {
				cue = 1
			}
		}
		return cue == 1
	}
	for i := 0; i < len(a); {
		if a[i].nd == 0 && (a[i].w == nil || !all && !p.mayStart(a, i)) || a[i].nd > 0 && !all && !p.digitsMay(a, i) {
			i++
			continue
		}
		m := p.longest(a, i, false)
		if m.pat == nil {
			i++
			continue
		}
		switch m.pat.rule {
		case rIgnore:
			i = m.end
			continue
		case rUntil, rSince:
			in := p.longest(a, m.end, true)
			if in.pat == nil || in.pat.rule == rUntil || in.pat.rule == rSince || in.pat.rule == rIgnore {
				i++
				continue
			}
			e := p.expr(src, a, i, in.end, in, published, m.pat.rule == rUntil)
			if m.pat.rule == rUntil {
				e.Until, e.Precision = true, "range"
				if !e.To.IsZero() && !published.IsZero() && !published.After(e.To) {
					e.From = published
				} else if published.IsZero() {
					e.From = time.Time{}
				}
			} else {
				e.Since, e.Precision = true, "range"
				if published.IsZero() {
					e.To = time.Time{}
				} else if !e.From.IsZero() && !published.Before(e.From) {
					e.To = published
				}
			}
			e.Future = !published.IsZero() && e.From.After(published)
			out = append(out, e)
			i = in.end
		default:
			fwd := false
			if m.pat.rule == rWeekdayNearest || m.pat.rule == rMonth || m.pat.rule == rNightBefore || m.pat.rule == rNightAfter {
				fwd = future()
			}
			out = append(out, p.expr(src, a, i, m.end, m, published, fwd))
			i = m.end
		}
	}
	return out
}

// cueIn reports whether an atom of tokens (as atomize makes them) is a
// future cue word, without making the atoms of words.
func (p *Parser) cueIn(src string, tokens []text.Token) bool {
	for i := range tokens {
		t := &tokens[i]
		if !validToken(src, t) {
			continue
		}
		if t.Text != "" && t.Text[0] >= '0' && t.Text[0] <= '9' {
			var buf [8]atom
			for _, at := range p.atomize(src, tokens[i:i+1], buf[:0]) {
				if at.w != nil && at.w.cue {
					return true
				}
			}
			continue
		}
		key, dot := atomKey(t)
		if w := p.wordOf(key, atomHash(t, key, dot)); w != nil && w.cue {
			return true
		}
		if dot {
			if w := p.wordOf(".", hashDot); w != nil && w.cue {
				return true
			}
		}
	}
	return false
}

// mayStart reports whether a match may start at the word atom i (not all
// digits): firstStart's test of a word, on atoms. It is exact when it says
// no, and says no to most words that have some pack knowledge ("i", "the")
// without trying their patterns.
func (p *Parser) mayStart(a []atom, i int) bool {
	w := a[i].w
	if w == nil {
		return false
	}
	if w.anyNext {
		return true
	}
	if i+1 >= len(a) {
		return false // every pattern of two or more atoms needs a next one
	}
	n := &a[i+1]
	if n.nd > 0 {
		return true // digits may fill a slot: leave it to longest
	}
	return w.hasNext(n.key, n.h) || w.slots != 0 && slotFits(w.slots, n.w)
}

// digitsMay reports whether a match may start at the digits atom i:
// digitsMayStart's test, on atoms. Most numbers of a sentence ("35
// personer", "2,5 mio.") fill no slot a pattern starts with, or are not
// followed by what it needs next, and longest need not try the four
// buckets of slot patterns there.
func (p *Parser) digitsMay(a []atom, i int) bool {
	at := &a[i]
	var fits [4]slot
	nf := 0
	if at.nd <= 2 && at.num >= 1 && at.num <= 31 {
		fits[nf] = sDay
		nf++
	}
	if at.nd == 4 && at.num >= 1800 && at.num <= 2199 {
		fits[nf] = sYear
		nf++
	}
	if at.nd <= 3 && at.num >= 1 {
		fits[nf] = sN
		nf++
	}
	if at.nd <= 2 && at.num >= 1 && at.num <= 12 {
		fits[nf] = sMonthNum
		nf++
	}
	var n *atom
	if i+1 < len(a) {
		n = &a[i+1]
		if n.nd > 0 {
			return nf > 0 // digits may fill the slot after: leave it to longest
		}
	}
	for _, sl := range fits[:nf] {
		dn := &p.digitNeeds[sl]
		if dn.anyNext {
			return true
		}
		if n == nil {
			continue
		}
		if dn.hasNext(n.key, n.h) || dn.slots != 0 && slotFits(dn.slots, n.w) {
			return true
		}
		if sl == sDay && (n.key == "." || n.w != nil && n.w.suffix) {
			return true // the day may take the next atom and match on after it
		}
	}
	return false
}

// expr builds the Expr for atoms [i, end) matched as m.
func (p *Parser) expr(src string, a []atom, i, end int, m match, published time.Time, fwd bool) Expr {
	e := Expr{Start: a[i].start, End: a[end-1].end, Precision: m.pat.rule.precision()}
	e.Text = src[e.Start:e.End]
	e.From, e.To = resolve(m.pat, &m.b, published, fwd)
	e.Future = !published.IsZero() && e.From.After(published)
	return e
}

// possible reports whether a match may start somewhere in tokens.
func (p *Parser) possible(src string, tokens []text.Token) bool {
	return p.firstStart(src, tokens) >= 0
}

// firstStart returns the first token at which a match may start, or -1. It
// is exact in one direction: no match starts at an atom of an earlier token,
// so Find may skip those (or the whole sentence). Digits always count; a word
// counts when the buckets longest tries there accept the next atom.
func (p *Parser) firstStart(src string, tokens []text.Token) int {
	for i := range tokens {
		t := &tokens[i]
		if !validToken(src, t) {
			return i // leave the odd case to the full walk
		}
		if t.Text != "" && t.Text[0] >= '0' && t.Text[0] <= '9' {
			if p.digitsMayStart(src, tokens, i) {
				return i
			}
			continue
		}
		var key string
		var h uint32
		dot := false
		if t.Plain && len(t.Lower) == len(t.Text) {
			// A plain word is one atom, its Lower: no dot, no dash.
			key, h = t.Lower, t.LowerHash()
		} else {
			key, dot = atomKey(t)
			if dot && p.startShape.Maybe(".") {
				return i
			}
			h = atomHash(t, key, dot)
		}
		// Lookup inlines here, wordOf would not: this runs for every token.
		id := p.keys.Lookup(key, h)
		if id < 0 {
			continue
		}
		switch p.startOf[id] {
		case startNone:
			continue
		case startAny:
			return i
		}
		w := p.byKey[id]
		var next string
		var nh uint32
		switch {
		case dot:
			next, nh = ".", hashDot
		case i+1 < len(tokens):
			n := &tokens[i+1]
			if !validToken(src, n) || n.Text == "" || n.Text[0] >= '0' && n.Text[0] <= '9' {
				return i // the next token splits into atoms: do not guess
			}
			var ndot bool
			next, ndot = atomKey(n)
			nh = atomHash(n, next, ndot)
		default:
			continue
		}
		if w.hasNext(next, nh) || w.slots != 0 && p.slotFits(w.slots, next, nh) {
			return i
		}
	}
	return -1
}

// digitsMayStart reports whether a match may start at the number token i.
// Only a token of plain digits is looked into (the others split into several
// atoms): the slots its value can fill, and what those need next.
func (p *Parser) digitsMayStart(src string, tokens []text.Token, i int) bool {
	d := tokens[i].Text
	num := 0
	for k := 0; k < len(d); k++ {
		if d[k] < '0' || d[k] > '9' {
			return true
		}
		if k < 4 {
			num = num*10 + int(d[k]-'0')
		}
	}
	nd := len(d)
	var fits [4]slot
	nf := 0
	if nd <= 2 && num >= 1 && num <= 31 {
		fits[nf] = sDay
		nf++
	}
	if nd == 4 && num >= 1800 && num <= 2199 {
		fits[nf] = sYear
		nf++
	}
	if nd <= 3 && num >= 1 {
		fits[nf] = sN
		nf++
	}
	if nd <= 2 && num >= 1 && num <= 12 {
		fits[nf] = sMonthNum
		nf++
	}
	if nf == 0 {
		return false
	}
	next, has := "", false
	var nw *word // the pack's knowledge of next
	if i+1 < len(tokens) {
		n := &tokens[i+1]
		if !validToken(src, n) || n.Text == "" || n.Text[0] >= '0' && n.Text[0] <= '9' {
			return true // the next token splits into atoms: do not guess
		}
		var ndot bool
		next, ndot = atomKey(n)
		nw = p.wordOf(next, atomHash(n, next, ndot))
		has = true
	}
	for _, sl := range fits[:nf] {
		dn := &p.digitNeeds[sl]
		if dn.anyNext {
			return true
		}
		if !has {
			continue
		}
		if dn.next[next] || dn.slots != 0 && slotFits(dn.slots, nw) {
			return true
		}
		if sl == sDay && (next == "." || nw != nil && nw.suffix) {
			return true // the day may take the next atom and match on after it
		}
	}
	return false
}

// hashDot is text.Hash(".").
var hashDot = text.Hash(".")

// slotFits reports whether an atom keyed next, whose Hash is h (not all
// digits: those are taken before), may fill one of the slot kinds in slots.
func (p *Parser) slotFits(slots uint16, next string, h uint32) bool {
	return slotFits(slots, p.wordOf(next, h))
}

// slotFits is Parser.slotFits of the atom whose knowledge is nw.
func slotFits(slots uint16, nw *word) bool {
	if slots&^(1<<sWeekday|1<<sMonth|1<<sN|1<<sDay|1<<sYear|1<<sMonthNum) != 0 {
		return true // a slot kind this test does not know
	}
	return nw != nil && (slots&(1<<sWeekday) != 0 && nw.weekday != 0 ||
		slots&(1<<sMonth) != 0 && nw.month != 0 ||
		slots&(1<<sN) != 0 && nw.hasNum)
}

func validToken(src string, t *text.Token) bool {
	return !(t.Start < 0 || t.End > len(src) || t.Start > t.End || len(t.Text) != t.End-t.Start)
}

// wordOf returns the pack's knowledge of key, whose Hash is h, or nil.
func (p *Parser) wordOf(key string, h uint32) *word {
	if id := p.keys.Lookup(key, h); id >= 0 {
		return p.byKey[id]
	}
	return nil
}

// atomHash returns the Hash of key, atomKey's answer for t: the token's own
// when key is its whole lower-cased form.
func atomHash(t *text.Token, key string, dot bool) uint32 {
	if !dot && len(key) == len(t.Lower) {
		// Not cut, not the text instead of Lower, and a dash made "-"
		// only when it was "-" already: key is t.Lower.
		return t.LowerHash()
	}
	return text.Hash(key)
}

// atomKey returns the key of the first atom atomize makes of a token that is
// not a number, and whether a "." atom follows it.
func atomKey(t *text.Token) (string, bool) {
	low := t.Lower
	if len(low) != len(t.Text) {
		low = t.Text
	}
	dot := false
	if n := len(low); n > 1 && low[n-1] == '.' && t.Kind == text.Word {
		low, dot = low[:n-1], true
	}
	if isDash(low) {
		low = "-"
	}
	return low, dot
}

// atomize turns tokens into atoms, splitting number tokens at their inner
// punctuation ("4.-6." -> 4 . - 6 .) and a final dot off words ("jan." -> jan .).
func (p *Parser) atomize(src string, tokens []text.Token, a []atom) []atom {
	for i := range tokens {
		t := &tokens[i] // not a copy: tokens are big
		if t.Start < 0 || t.End > len(src) || t.Start > t.End || len(t.Text) != t.End-t.Start {
			continue
		}
		low := t.Lower
		if len(low) != len(t.Text) {
			low = t.Text // offsets inside the token must stay byte-exact
		}
		if t.Text != "" && t.Text[0] >= '0' && t.Text[0] <= '9' {
			a = p.splitNumber(low, t.Start, a)
			continue
		}
		if n := len(low); n > 1 && low[n-1] == '.' && t.Kind == text.Word {
			a = p.add(a, low[:n-1], t.Start, t.End-1, 0)
			a = p.add(a, ".", t.End-1, t.End, 0)
			continue
		}
		var h uint32
		if len(low) == len(t.Lower) {
			h = t.LowerHash() // low is t.Lower
		}
		a = p.add(a, low, t.Start, t.End, h)
	}
	return a
}

func (p *Parser) splitNumber(s string, off int, a []atom) []atom {
	for i := 0; i < len(s); {
		c := s[i]
		j := i + 1
		switch {
		case c >= '0' && c <= '9':
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			at := atom{key: s[i:j], start: off + i, end: off + j, nd: j - i}
			if at.nd <= 4 {
				for k := i; k < j; k++ {
					at.num = at.num*10 + int(s[k]-'0')
				}
			}
			a = append(a, at)
		case c < utf8.RuneSelf && !isLetter(c):
			a = p.add(a, s[i:j], off+i, off+j, 0)
		default:
			for j = i; j < len(s); {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r) {
					break
				}
				j += size
			}
			if j == i { // a non-letter rune such as "–"
				_, size := utf8.DecodeRuneInString(s[i:])
				j = i + size
			}
			a = p.add(a, s[i:j], off+i, off+j, 0)
		}
		i = j
	}
	return a
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// add appends the atom key; h is its Hash, or 0 when not known.
func (p *Parser) add(a []atom, key string, start, end int, h uint32) []atom {
	if isDash(key) {
		if key != "-" {
			h = 0
		}
		key = "-"
	}
	if h == 0 {
		h = text.Hash(key)
	}
	// Field by field (see segment's tokens): a whole atom written while the
	// collector runs is a bulk copy with a barrier.
	k := len(a)
	if k < cap(a) {
		a = a[:k+1]
	} else {
		a = append(a, atom{})
	}
	var w *word
	if id := p.keys.Lookup(key, h); id >= 0 { // wordOf, inlined
		w = p.byKey[id]
	}
	at := &a[k]
	at.key, at.start, at.end, at.w, at.num, at.nd, at.h = key, start, end, w, 0, 0, h
	return a
}

// binding holds the values a match filled its slots with.
type binding struct {
	day     [2]int
	nday    int
	month   [2]int
	nmonth  int
	year    int
	weekday int
	n       int
}

type match struct {
	pat *pattern
	end int
	b   binding
}

// longest returns the longest pattern match starting at atom i; among equally
// long ones an ignore row wins, then the earliest row. inner allows
// after_prefix patterns.
func (p *Parser) longest(a []atom, i int, inner bool) match {
	var best match
	if i >= len(a) {
		return best
	}
	at := &a[i]
	if at.w != nil {
		p.tryBucket(&best, &at.w.start, a, i, inner, false)
		if at.w.weekday != 0 {
			p.tryBucket(&best, &p.slotStart[sWeekday], a, i, inner, false)
		}
		if at.w.month != 0 {
			p.tryBucket(&best, &p.slotStart[sMonth], a, i, inner, true)
		}
		if at.w.hasNum {
			p.tryBucket(&best, &p.slotStart[sN], a, i, inner, false)
		}
	}
	if at.nd > 0 {
		p.tryBucket(&best, &p.slotStart[sDay], a, i, inner, true)
		p.tryBucket(&best, &p.slotStart[sYear], a, i, inner, false)
		p.tryBucket(&best, &p.slotStart[sN], a, i, inner, false)
		p.tryBucket(&best, &p.slotStart[sMonthNum], a, i, inner, false)
	}
	return best
}

// bucket indexes the patterns that start alike by their second element, so
// a common first word ("i", "the") does not try every pattern it starts.
type bucket struct {
	any  []*pattern            // one element long, or a slot second
	next map[string][]*pattern // by the literal second element
}

func (b *bucket) add(pat *pattern) {
	if len(pat.elems) < 2 || pat.elems[1].slot != sLit {
		b.any = append(b.any, pat)
		return
	}
	if b.next == nil {
		b.next = map[string][]*pattern{}
	}
	b.next[pat.elems[1].lit] = append(b.next[pat.elems[1].lit], pat)
}

// tryBucket tries the patterns of bk at atom i. skip: the first slot may
// swallow a second atom (a day suffix in "4th", the dot of "jan."), so the
// second element may also sit one atom further on.
func (p *Parser) tryBucket(best *match, bk *bucket, a []atom, i int, inner, skip bool) {
	p.try(best, bk.any, a, i, inner)
	if bk.next == nil || i+1 >= len(a) {
		return
	}
	p.try(best, bk.next[a[i+1].key], a, i, inner)
	if skip && i+2 < len(a) && (a[i+1].key == "." || a[i+1].w != nil && a[i+1].w.suffix) {
		p.try(best, bk.next[a[i+2].key], a, i, inner)
	}
}

func (p *Parser) try(best *match, pats []*pattern, a []atom, i int, inner bool) {
	var b binding
	for _, pat := range pats {
		if pat.afterPrefix && !inner {
			continue
		}
		end, ok := matchAt(pat, a, i, &b)
		if ok && (best.pat == nil || end > best.end || (end == best.end && better(pat, best.pat))) {
			best.pat, best.end, best.b = pat, end, b
		}
	}
}

// better breaks a tie between two equally long matches: an ignore row wins
// (it exists to veto the other), then the earlier row.
func better(p, q *pattern) bool {
	if (p.rule == rIgnore) != (q.rule == rIgnore) {
		return p.rule == rIgnore
	}
	return p.order < q.order
}

// matchAt matches pat at atom i, filling b with the slot values, and returns
// the atom after the match.
func matchAt(pat *pattern, a []atom, i int, b *binding) (int, bool) {
	*b = binding{}
	j := i
	for k, e := range pat.elems {
		if j >= len(a) {
			return 0, false
		}
		at := &a[j]
		switch e.slot {
		case sLit:
			if at.key != e.lit {
				return 0, false
			}
			j++
		case sWeekday:
			if at.w == nil || at.w.weekday == 0 {
				return 0, false
			}
			b.weekday = int(at.w.weekday)
			j++
		case sMonth:
			w := at.w
			if w == nil || w.month == 0 || b.nmonth == 2 {
				return 0, false
			}
			dot := j+1 < len(a) && a[j+1].key == "." && a[j+1].start == at.end
			last := k == len(pat.elems)-1
			switch {
			case w.dotOnly && !dot:
				return 0, false
			case dot && (w.dotOnly || (w.dotOK && !last && pat.elems[k+1].lit != ".")):
				j += 2 // "jan." takes its dot unless the pattern wants it itself
			default:
				j++
			}
			b.month[b.nmonth] = int(w.month)
			b.nmonth++
		case sDay:
			if at.nd < 1 || at.nd > 2 || at.num < 1 || at.num > 31 || b.nday == 2 {
				return 0, false
			}
			b.day[b.nday] = at.num
			b.nday++
			j++
			if j < len(a) && a[j].w != nil && a[j].w.suffix && a[j].start == at.end {
				j++ // "19th"
			}
		case sYear:
			if at.nd != 4 || at.num < 1800 || at.num > 2199 {
				return 0, false
			}
			b.year = at.num
			j++
		case sN:
			switch {
			case at.nd >= 1 && at.nd <= 3 && at.num >= 1:
				b.n = at.num
			case at.w != nil && at.w.hasNum && at.w.num >= 1:
				b.n = at.w.num
			default:
				return 0, false
			}
			j++
		case sMonthNum:
			if at.nd < 1 || at.nd > 2 || at.num < 1 || at.num > 12 || b.nmonth == 2 {
				return 0, false
			}
			b.month[b.nmonth] = at.num
			b.nmonth++
			j++
		}
	}
	if !plausible(pat.rule, b) {
		return 0, false
	}
	return j, true
}

// plausible rejects day numbers their month cannot have ("31. februar") and
// backwards ranges within one month ("6.-4. januar").
func plausible(r rule, b *binding) bool {
	switch r {
	case rDate:
		return b.nmonth == 0 || b.day[0] <= daysIn(b.year, b.month[0])
	case rDateRange:
		m2 := b.month[0]
		if b.nmonth == 2 {
			m2 = b.month[1]
		}
		if b.day[0] > daysIn(b.year, b.month[0]) || b.day[1] > daysIn(b.year, m2) {
			return false
		}
		return b.nmonth == 2 || b.day[0] < b.day[1]
	}
	return true
}

// daysIn returns the length of month m; an unknown year (0) allows 29 February.
func daysIn(y, m int) int {
	if y == 0 {
		y = 2000
	}
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
