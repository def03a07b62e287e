package geocode

import (
	"sort"
	"strings"

	"github.com/urodata/uro/internal/gazetteer"
	"github.com/urodata/uro/internal/text"
)

// descriptors adds the places that phrases describe ("Kasakhstans største
// by", "landets hovedstad", "the capital of Georgia") to the mentions ms, and
// drops the country mentions those phrases contain. It reuses ms's array.
func (c *Geocoder) descriptors(doc *text.Doc, ms []Mention, x *context, m *memo) []Mention {
	if len(c.p.patterns) == 0 {
		return ms
	}
	sortByStart(ms)
	at := mentionsAt(ms)
	var add []Mention
	drop := map[int]bool{}
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		if s.Caption || s.Block >= 0 && s.Block < len(doc.Blocks) && !doc.Blocks[s.Block].Kind.Prose() {
			continue
		}
		toks := s.Tokens
		have := m.sentenceWords(c, toks, si)
		if !c.anyPattern(have) {
			continue
		}
		for k := 0; k < len(toks); k++ {
			for _, p := range c.p.patterns {
				if p.need&^have != 0 {
					continue
				}
				end, cc, inner, ok := c.matchPattern(doc, toks, k, p, ms, at, m)
				if !ok {
					continue
				}
				start, stop := toks[k].Start, toks[end-1].End
				var e gazetteer.Entry
				found := false
				// "landets største by, Almaty": an apposition names the place.
				if cc == "" {
					n := end
					if n < len(toks) && toks[n].Text == "," {
						n++
					}
					if n < len(toks) {
						if mi, ok := at(toks[n].Start); ok && ms[mi].Place.Precision == "city" {
							ap := ms[mi].Place
							if ap.GeonamesID != 0 {
								e, found = c.g.ByID(ap.GeonamesID)
							}
						}
					}
					if !found {
						cc = nearestCountry(ms, start, x)
					}
				}
				if !found && cc != "" {
					if p.kind == largest {
						e, found = c.g.Largest(cc)
					} else {
						e, found = c.g.Capital(cc)
					}
				}
				if !found {
					continue
				}
				if inner >= 0 {
					drop[inner] = true
				}
				surface := doc.Text[start:stop]
				add = append(add, Mention{Start: start, End: stop, Text: surface, Place: placeOf(e, surface), Score: accept, Descriptor: true})
				k = end - 1
				break
			}
		}
	}
	if len(add) == 0 {
		return ms
	}
	// In place: a mention moves only to an index it has been read from.
	out := ms[:0]
	for i, m := range ms {
		if !drop[i] {
			out = append(out, m)
		}
	}
	return append(out, add...)
}

// mentionsAt returns the index of the last of ms (sorted by Start) that
// starts at a byte offset, found by binary search: no map to build for
// the few look-ups a text's patterns make.
func mentionsAt(ms []Mention) func(int) (int, bool) {
	return func(start int) (int, bool) {
		i := sort.Search(len(ms), func(i int) bool { return ms[i].Start > start }) - 1
		return i, i >= 0 && ms[i].Start == start
	}
}

// anyPattern reports whether a sentence with the pattern words have may
// match some pattern.
func (c *Geocoder) anyPattern(have uint64) bool {
	for i := range c.p.patterns {
		if c.p.patterns[i].need&^have == 0 {
			return true
		}
	}
	return false
}

// matchPattern matches p at token k. It returns the end token, the country
// its slot names ("" without a slot), and the index of the mention the slot
// consumed (or -1).
func (c *Geocoder) matchPattern(doc *text.Doc, toks []text.Token, k int, p pattern, ms []Mention, at func(int) (int, bool), m *memo) (int, string, int, bool) {
	cc, inner := "", -1
	n := k
	for wi, w := range p.words {
		if n >= len(toks) {
			return 0, "", -1, false
		}
		t := &toks[n] // not a copy: tokens are big
		switch w {
		case slotCountry:
			mi, ok := at(t.Start)
			if ok && ms[mi].Place.Precision == "country" && c.countryName(ms[mi].Text, ms[mi].Place.Country) {
				cc, inner = ms[mi].Place.Country, mi
				for n < len(toks) && toks[n].Start < ms[mi].End {
					n++
				}
				continue
			}
			// A country word the place pass did not take (e.g. at the start of a headline).
			if t.Kind != text.Word || !capitalised(t.Text) {
				return 0, "", -1, false
			}
			rs, _ := c.readings(m, t.Text, false)
			if len(rs) == 0 || !rs[0].pack || rs[0].e.Code != "PCLI" || !c.countryName(t.Text, rs[0].e.Country) {
				return 0, "", -1, false
			}
			cc = rs[0].e.Country
			n++
		case slotDemonym:
			d, ok := c.demonym(m.fold(t.Text))
			if !ok || t.Kind != text.Word {
				return 0, "", -1, false
			}
			cc = d
			n++
		default:
			if t.Lower != w {
				return 0, "", -1, false
			}
			// A capitalised word inside a sentence is a name ("Region Hovedstaden").
			if capitalised(t.Text) && (wi > 0 || !sentenceStart(toks, n)) && strings.ToLower(t.Text) != t.Text {
				return 0, "", -1, false
			}
			n++
		}
	}
	return n, cc, inner, true
}

// nearestCountry is the country named last before byte off, else the
// country of the last place before it, else the article's main country.
func nearestCountry(ms []Mention, off int, x *context) string {
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].Start < off && ms[i].Place.Precision == "country" {
			return ms[i].Place.Country
		}
	}
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].Start < off && ms[i].Place.Country != "" {
			return ms[i].Place.Country
		}
	}
	best, w := "", 0.0
	x.countries(func(cc string, v float64) {
		if v > w || v == w && cc < best {
			best, w = cc, v
		}
	})
	return best
}

// countryName reports whether surface (maybe in the genitive) is a name of
// country cc itself in the gazetteer, not of a part the pack maps to it:
// "Skotlands hovedstad" is not London.
func (c *Geocoder) countryName(surface, cc string) bool {
	var buf [64]byte
	names := func(f string) bool {
		ps := c.g.Folded(gazetteer.AppendFold(buf[:0], f))
		for i := 0; i < ps.Len(); i++ {
			if e := ps.Entry(i); e.Code == "PCLI" && e.Country == cc {
				return true
			}
		}
		return false
	}
	if names(surface) {
		return true
	}
	for _, suf := range c.p.genitive {
		if stem, ok := strings.CutSuffix(surface, suf); ok && stem != "" && names(stem) {
			return true
		}
	}
	return false
}

// sentenceWords is the pattern words of sentence si: lowerWords' finding,
// when it has read the text, else read here.
func (m *memo) sentenceWords(c *Geocoder, toks []text.Token, si int) uint64 {
	if si < len(m.have) {
		return m.have[si]
	}
	var have uint64
	for k := range toks {
		t := &toks[k]
		have |= c.p.wordBit(t.Lower, t.LowerHash())
	}
	return have
}
