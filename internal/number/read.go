package number

import (
	"strings"
)

// digitsAt reads a number written in digits at token j and the multipliers
// after it ("1,5 mio.", "2 millioner", "5 thousand").
func (s *scan) digitsAt(j int) (num, bool) {
	p, toks := s.pack, s.toks
	n, mant, scale, ok := p.digits(toks[j].Text)
	if !ok {
		return num{}, false
	}
	n.start, n.end = j, j+1
	mult := n.mult
	if mult == 0 {
		mult = 1
	}
	if !n.ordinal && !n.clock && n.unit == 0 {
		last := n.mult
		for n.end < len(toks) {
			e, end := s.longest(n.end, tabNumber, 1<<nMultiplier, -1)
			if e == nil || last != 0 && e.value <= last {
				break
			}
			m, ok := mul(mult, e.value)
			if !ok {
				break
			}
			mult, last, n.end = m, e.value, end
		}
	}
	if mult > 1 {
		n.mult = mult
	}
	pow := int64(1)
	for range scale {
		pow *= 10
	}
	whole, ok := mul(mant, mult)
	if !ok {
		return num{}, false
	}
	n.value = whole / pow
	n.fvalue = float64(mant) * float64(mult) / float64(pow)
	n.decimal = whole%pow != 0 || scale > 0 && mult == 1
	if n.hasMax {
		if n.max, ok = mul(n.max, mult); !ok || n.max <= n.value {
			return num{}, false
		}
	}
	return n, true
}

// digits reads one token that starts with a digit. It returns the number with
// its mantissa and count of decimal places, and understands the forms a
// segmenter keeps in one token: "2.000", "1,5", "19.", "200-250", "10:30",
// "45th", "45-årig", "40%", "5bn".
func (p *pack) digits(s string) (n num, mant int64, scale int, ok bool) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == ',' || s[i] == ':') {
		i++
	}
	core, rest := s[:i], s[i:]
	if c := core[len(core)-1]; c == '.' || c == ',' {
		core = core[:len(core)-1]
		if c == '.' && rest == "" {
			if _, ok := p.suffix("."); ok {
				n.ordinal = true
			}
		}
	}
	if core == "" || core[len(core)-1] < '0' || core[len(core)-1] > '9' {
		return n, 0, 0, false
	}
	if strings.IndexByte(core, ':') >= 0 {
		v, ok := clock(core, ':')
		if !ok {
			return n, 0, 0, false
		}
		n.clock, n.value, n.fvalue = true, v, float64(v)
		return n, v, 0, rest == "" || p.unitSuffix(&n, rest)
	}
	mant, scale, ok = p.separated(core)
	if !ok {
		// Danish writes clock times with a dot: "10.30".
		if p.decimal == '.' {
			return n, 0, 0, false
		}
		v, ok := clock(core, '.')
		if !ok {
			return n, 0, 0, false
		}
		n.clock, n.value, n.fvalue = true, v, float64(v)
		return n, v, 0, rest == "" || p.unitSuffix(&n, rest)
	}
	n.plain4 = len(core) == 4 && scale == 0 && !n.ordinal
	if rest == "" {
		return n, mant, scale, true
	}
	// A range in one token: "200-250", "200–250".
	for _, dash := range []string{"-", "–"} {
		if strings.HasPrefix(rest, dash) && isDigit(rest[len(dash):]) {
			n2, m2, s2, ok := p.digits(rest[len(dash):])
			if !ok || s2 != 0 || scale != 0 || n2.hasMax || n2.ordinal || n2.clock || n2.mult != 0 {
				return n, 0, 0, false
			}
			n.hasMax, n.max = true, m2
			n.plain4 = n.plain4 && n2.plain4
			n.unit, n.unitText = n2.unit, n2.unitText
			return n, mant, scale, m2 > mant
		}
	}
	if e, ok := p.suffix(rest); ok {
		switch {
		case e.table == tabNumber && e.kind == nOrdinalSuffix && scale == 0:
			n.ordinal = true
			n.plain4 = false
			return n, mant, scale, true
		case e.table == tabNumber && e.kind == nMultiplier:
			n.mult = e.value
			n.plain4 = false
			return n, mant, scale, true
		}
	}
	n.plain4 = false
	return n, mant, scale, p.unitSuffix(&n, rest)
}

// unitSuffix recognises a unit written on the digits: "40%", "45-årig", "10am".
func (p *pack) unitSuffix(n *num, rest string) bool {
	e, ok := p.suffix(strings.TrimPrefix(rest, "-"))
	if !ok || e.table != tabUnit || !e.after || e.kind == uMonth || e.kind == uYearCue {
		return false
	}
	n.unit, n.unitText = e.kind, strings.TrimPrefix(rest, "-")
	return true
}

// suffix finds the entry whose whole phrase is s, preferring number words,
// then units.
func (p *pack) suffix(s string) (*entry, bool) {
	low := strings.ToLower(s)
	b := p.index[low]
	if b == nil {
		return nil, false
	}
	var best *entry
	for k := range b.entries {
		e := &b.entries[k]
		if e.phrase != low || e.cased != "" && e.cased != s {
			continue
		}
		if e.table == tabNumber && (e.kind == nOrdinalSuffix || e.kind == nMultiplier) {
			return e, true
		}
		if e.table == tabUnit && e.after && best == nil {
			best = e
		}
	}
	return best, best != nil
}

// separated parses digits with the pack's thousands and decimal separators:
// groups after a thousands separator have three digits.
func (p *pack) separated(core string) (mant int64, scale int, ok bool) {
	digits, group, groups := 0, 0, 0
	dec := false
	for i := 0; i < len(core); i++ {
		c := core[i]
		switch {
		case c >= '0' && c <= '9':
			if digits == 18 {
				return 0, 0, false
			}
			mant = mant*10 + int64(c-'0')
			digits++
			group++
			if dec {
				scale++
			}
		case c == p.thousands && !dec:
			if group == 0 || groups == 0 && group > 3 || groups > 0 && group != 3 {
				return 0, 0, false
			}
			groups++
			group = 0
		case c == p.decimal && !dec:
			if group == 0 || groups > 0 && group != 3 {
				return 0, 0, false
			}
			dec = true
			group = 0
		default:
			return 0, 0, false
		}
	}
	if group == 0 || groups > 0 && !dec && group != 3 {
		return 0, 0, false
	}
	return mant, scale, true
}

// clock reads "H:MM" or "HH:MM" (sep ':' or '.') as hour*100 + minute.
func clock(core string, sep byte) (int64, bool) {
	i := strings.IndexByte(core, sep)
	if i < 1 || i > 2 || len(core)-i-1 != 2 {
		return 0, false
	}
	var h, m int64
	for _, c := range []byte(core[:i]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		h = h*10 + int64(c-'0')
	}
	for _, c := range []byte(core[i+1:]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		m = m*10 + int64(c-'0')
	}
	if h > 24 || m > 59 {
		return 0, false
	}
	return h*100 + m, true
}

// vague reads a vague amount: "dusinvis", "hundreds of thousands",
// "tens of", "flere hundrede", "several thousand".
func (s *scan) vague(j int) (num, bool) {
	e, k := s.longest(j, tabNumber, vagueKinds, -1)
	if e == nil {
		return num{}, false
	}
	v := e.value
	switch e.kind {
	case nVague, nVagueOf:
		pe, ok := s.has(k, nPartitive)
		if e.kind == nVagueOf && !ok {
			return num{}, false
		}
		if ok {
			// "hundreds of thousands", "tens of thousands".
			if e2, end := s.longest(pe, tabNumber, 1<<nVague, -1); e2 != nil && e2.value > 1 {
				if w, ok := mul(v, e2.value); ok {
					v, k = w, end
				}
			}
		}
	case nVaguePrefix:
		v = 1
		got := false
		last := int64(0)
		for {
			e2, end := s.longest(k, tabNumber, 1<<nMultiplier, -1)
			if e2 == nil || e2.value <= last {
				break
			}
			w, ok := mul(v, e2.value)
			if !ok {
				break
			}
			v, k, last, got = w, end, e2.value, true
		}
		if !got {
			e2, end := s.longest(k, tabNumber, 1<<nVague, -1)
			if e2 == nil {
				return num{}, false
			}
			v, k = e2.value, end
		}
	}
	return num{start: j, end: k, value: v, fvalue: float64(v), vague: true, words: true}, true
}

// words reads a number written in words: "tolv", "enogtyve", "to hundrede og
// halvtreds", "two hundred and fifty", "a dozen", "en af", "tredje".
func (s *scan) words(j int) (num, bool) {
	if j > 0 {
		if _, ok := s.has(j-1, nBlocker); ok {
			return num{}, false
		}
	}
	var (
		total, cur int64
		lastMult   int64 // last multiplier read, for "to hundrede og halvtreds"
		lastBig    int64 // last multiplier ≥ 1000
		last       = uint8(255)
		started    bool
		k          = j
		ordinal    bool
		saved      struct {
			total, cur, lastMult, lastBig int64
			k                             int
			last                          uint8
		}
		afterJoin, done bool
		bare            bool // began with a multiplier: "tusind", "millioner"
	)
	restore := func() {
		total, cur, lastMult, lastBig, k, last = saved.total, saved.cur, saved.lastMult, saved.lastBig, saved.k, saved.last
	}
	for !done && k < len(s.toks) {
		e, end := s.longest(k, tabNumber, wordKinds, -1)
		if e == nil {
			break
		}
		v := e.value
		switch e.kind {
		case nArticle:
			if started && last != nJoiner {
				done = true
				continue
			}
			if last == nJoiner {
				cur += v
				break
			}
			if _, ok := s.has(end, nPartitive); ok {
				// "en af betjentene", "one of": 1, and nothing more.
				return num{start: j, end: end, value: v, fvalue: float64(v), words: true}, true
			}
			if _, ok := s.has(end, nMultiplier); !ok {
				return num{}, false
			}
			cur = v
		case nUnit, nTeen, nTens, nCompound:
			switch {
			case !started:
				cur = v
			case last == nTens && e.kind == nUnit && cur%10 == 0 && cur%100 != 0:
				cur += v // "twenty five"
			case (last == nMultiplier || last == nJoiner) && v < lastMult && cur%100 == 0:
				cur += v
			default:
				done = true
				continue
			}
			if e.kind == nCompound && e.ordinal {
				ordinal, done = true, true
			}
		case nOrdinal:
			switch {
			case !started:
				cur = v
			case (last == nMultiplier || last == nJoiner) && v < lastMult,
				last == nTens && v < 10 && cur%10 == 0:
				cur += v
			default:
				done = true
				continue
			}
			ordinal, done = true, true
		case nMultiplier:
			if !started {
				if v < 100 {
					// "score", "dozen" alone are words, not numbers: "the score was".
					return num{}, false
				}
				cur = 1
				bare = true
			}
			if v < 1000 {
				if cur >= v {
					done = true
					if afterJoin {
						restore()
					}
					continue
				}
				cur *= v
			} else {
				if lastBig != 0 && v >= lastBig || cur == 0 {
					done = true
					if afterJoin {
						restore()
					}
					continue
				}
				w, ok := mul(cur, v)
				if !ok {
					done = true
					continue
				}
				total += w
				cur = 0
				lastBig = v
			}
			lastMult = v
			afterJoin = false
		case nJoiner:
			if last != nMultiplier {
				done = true
				continue
			}
			e2, _ := s.longest(end, tabNumber, 1<<nUnit|1<<nTeen|1<<nTens|1<<nCompound|1<<nArticle|1<<nOrdinal, -1)
			if e2 == nil || e2.value >= lastMult {
				done = true
				continue
			}
			saved.total, saved.cur, saved.lastMult, saved.lastBig, saved.k, saved.last = total, cur, lastMult, lastBig, k, last
			afterJoin = true
		}
		started = true
		last = e.kind
		k = end
	}
	if !started || k == j {
		return num{}, false
	}
	v := total + cur
	n := num{start: j, end: k, value: v, fvalue: float64(v), words: true, ordinal: ordinal}
	if _, ok := s.has(k, nPartitive); ok && bare && last == nMultiplier && v == lastMult {
		// "millioner af mennesker": a multiplier on its own before a
		// partitive is a vague amount, not an exact one.
		n.vague = true
	}
	if last == nMultiplier {
		n.mult = lastMult // "tre millioner" shares its multiplier in "to til tre millioner"
	}
	return n, true
}
