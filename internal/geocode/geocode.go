// Package geocode owns uro's geocoder: it finds the place mentions of a
// segmented text and resolves each to a gazetteer entry (a place, a
// first-level region or a country) with the precision the text allows.
//
// Everything language-specific is data in the language pack (places.tsv,
// demonyms.tsv, inflections.tsv, place_patterns.tsv, not_places.txt): names
// and exonyms, demonyms, genitive endings, descriptor phrases ("Kasakhstans
// største by", "the country's capital"), trigger words ("i", "near"), words
// that make a place part of an organisation's name ("Københavns Politi"), and
// titles that make a name a person's ("præsident Putin").
//
// A mention is a run of capitalised words (with lower-case words inside, as in
// "Rio de Janeiro") that the pack or the gazetteer knows, possibly in the
// genitive. Whether it is a place at all is weighed from evidence: a pack
// name, a trigger word before it, its position in the sentence, the
// population of its best reading; a name run ("Michael Jordan") or a title
// before it rules it out. Which place it is is scored from population,
// feature class, the pack's word for it, an explicit qualifier ("Paris,
// Texas") and the other places and demonyms of the article (Georgia the
// country beside Tbilisi, the US state beside Atlanta). Precision is country,
// admin1 or city; the gazetteer has no finer points, so "point" is never given.
package geocode

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/gazetteer"
	"github.com/urodata/uro/internal/text"
)

// Place is the spec's Place (document-v1): where something is.
type Place struct {
	Text       string  `json:"text"`
	Name       string  `json:"name"`
	Country    string  `json:"country"`
	Admin1     string  `json:"admin1"` // "" is written as null
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	Precision  string  `json:"precision"`   // point | city | admin1 | country
	GeonamesID int     `json:"geonames_id"` // 0 is written as null
}

// MarshalJSON writes unknown fields as null, as the spec asks.
func (p Place) MarshalJSON() ([]byte, error) {
	type out struct {
		Text       string  `json:"text"`
		Name       string  `json:"name"`
		Country    *string `json:"country"`
		Admin1     *string `json:"admin1"`
		Lat        float64 `json:"lat"`
		Lon        float64 `json:"lon"`
		Precision  string  `json:"precision"`
		GeonamesID *int    `json:"geonames_id"`
	}
	o := out{Text: p.Text, Name: p.Name, Lat: p.Lat, Lon: p.Lon, Precision: p.Precision}
	if p.Country != "" {
		o.Country = &p.Country
	}
	if p.Admin1 != "" {
		o.Admin1 = &p.Admin1
	}
	if p.GeonamesID != 0 {
		o.GeonamesID = &p.GeonamesID
	}
	return json.Marshal(o)
}

// Mention is one place mention of a text.
type Mention struct {
	Start, End int // byte offsets into the Doc's text
	Text       string
	Place      Place
	Score      float64
	// InOrg marks a place named inside an organisation's name ("Københavns
	// Politi"): not the place of an event, but evidence of where the story is.
	InOrg bool
	// Descriptor marks a phrase that names a place by description
	// ("Kasakhstans største by", "the capital").
	Descriptor bool
}

// Parts are the score of one candidate, part by part, for `uro geocode`.
type Parts struct {
	Population float64 // log of the population
	Feature    float64 // country, region, capital, seat …
	Pack       float64 // the language pack gives this name to this entry
	Exact      float64 // the name is the entry's own name, not an alternate
	Country    float64 // the entry's country is the article's (or the asked one)
	Admin1     float64 // the article names the entry's region, or places in it
	Qualifier  float64 // "Paris, Texas": the name is qualified by its region or country
}

// Sum is the candidate's score.
func (p Parts) Sum() float64 {
	return p.Population + p.Feature + p.Pack + p.Exact + p.Country + p.Admin1 + p.Qualifier
}

func (p Parts) String() string {
	return fmt.Sprintf("population %.2f + feature %.2f + pack %.2f + exact %.2f + country %.2f + admin1 %.2f + qualifier %.2f",
		p.Population, p.Feature, p.Pack, p.Exact, p.Country, p.Admin1, p.Qualifier)
}

// Candidate is one reading of a name.
type Candidate struct {
	Place Place
	Entry gazetteer.Entry
	Score float64
	Parts Parts
}

// Geocoder resolves place names of one language. It is safe for concurrent use.
type Geocoder struct {
	g    *gazetteer.Gazetteer
	p    *pack
	lang string
}

// New reads the place files of the pack lang in fsys (langpacks.FS).
func New(g *gazetteer.Gazetteer, fsys fs.FS, lang string) (*Geocoder, error) {
	if g == nil {
		return nil, fmt.Errorf("geocode %s: no gazetteer", lang)
	}
	p, err := loadPack(g, fsys, lang)
	if err != nil {
		return nil, loadError(lang, err)
	}
	return &Geocoder{g: g, p: p, lang: lang}, nil
}

// Demonym returns the country a demonym or country adjective names, in any
// inflection the pack knows ("russiske" → RU, "Kazakh" → KZ).
func (c *Geocoder) Demonym(word string) (string, bool) {
	// The event detector asks about the words before every party: most
	// are no demonym, and their folded hash, not in demBloom, says so
	// without folding them into a new string.
	if c.p.noDemonymEnds(word) {
		return "", false
	}
	if h, ok := gazetteer.FoldHash(word); ok && !c.p.demBloom.Has(h) {
		return "", false
	}
	cc, ok := c.p.demonyms[gazetteer.Fold(word)]
	return cc, ok
}

// demonym is Demonym for a folded word.
func (c *Geocoder) demonym(key []byte) (string, bool) {
	if !maybe(&c.p.demShapes, key) {
		return "", false
	}
	cc, ok := c.p.demonyms[string(key)]
	return cc, ok
}

// reading is one candidate entry of a name, before context.
type reading struct {
	e     gazetteer.Entry
	pack  bool
	exact bool
	seat  bool // a region whose place of the same name is among the readings
	// logPop is math.Log10(e.Population+1), which every score of the
	// reading needs: worked out once
	logPop float64
}

// newReading is a reading of e.
func newReading(e gazetteer.Entry, pack, exact bool) reading {
	return reading{e: e, pack: pack, exact: exact, logPop: math.Log10(float64(e.Population) + 1)}
}

// memo keeps what one Places call has looked up and a buffer for folding
// words: an article names the same places again and again, and the passes
// ask about the same capitalised words. A nil memo looks everything up.
type memo struct {
	readings map[string]memoReadings
	buf      []byte
	// asks are the words of lowerWords, kept for reuse with the memo
	asks askSet
	// dems are the countries of the demonyms the text writes, in text
	// order (lowerWords finds them on its way)
	dems []string
	// have[si] is the pattern words sentence si has (descriptors), also
	// found by lowerWords
	have []uint64
	// caps[capAt[si]:capAt[si+1]] are the indexes of sentence si's
	// capitalised words, found by lowerWords: sentenceSpans visits them
	// alone, not every token again.
	caps  []int32
	capAt []int32
	nw    []int8 // sentenceSpans' nameWord answers: 0 unknown, 1 yes, 2 no
	// spans holds the spans of a call (see newSpan), found the list of
	// them: both reused by the next call
	spans []span
	found []*span
	// slab holds the readings found: a call's readings live until it
	// returns (its mentions copy their places), so they can share an array
	// that the next call reuses.
	slab []reading
}

// readingBuf returns an empty slice of capacity n for readingsOf, from the
// slab; a nil memo allocates it.
func (m *memo) readingBuf(n int) []reading {
	if m == nil {
		return make([]reading, 0, n)
	}
	if cap(m.slab)-len(m.slab) < n {
		// A new array: slices of the old one stay valid.
		m.slab = make([]reading, 0, max(n, 2*cap(m.slab), 256))
	}
	l := len(m.slab)
	m.slab = m.slab[:l+n]
	return m.slab[l : l : l+n]
}

// newSpan returns a span from the memo's slab: a call's spans live until
// it returns, and a new array, when one is full, leaves the spans in the
// old one as they are.
func (m *memo) newSpan() *span {
	if len(m.spans) == cap(m.spans) {
		m.spans = make([]span, 0, max(64, 2*cap(m.spans)))
	}
	m.spans = m.spans[:len(m.spans)+1]
	return &m.spans[len(m.spans)-1]
}

// nameWords returns n zeroed answers of nameWord, reusing the memo's.
func (m *memo) nameWords(n int) []int8 {
	if cap(m.nw) < n {
		m.nw = make([]int8, n)
	}
	m.nw = m.nw[:n]
	clear(m.nw)
	return m.nw
}

type memoReadings struct {
	rs  []reading
	gen bool
}

// memos are reused between Places calls: their maps are most of what a
// call would otherwise allocate.
var memos = sync.Pool{New: func() any {
	return &memo{readings: map[string]memoReadings{}, buf: make([]byte, 0, 64)}
}}

func getMemo() *memo { return memos.Get().(*memo) }

// putMemo empties m and gives it back, unless a long text made its maps
// so big that clearing them would cost more than new ones.
func putMemo(m *memo) {
	if len(m.readings) > 4096 || len(m.asks.words) > 4096 {
		return
	}
	clear(m.readings)
	m.asks.reset()
	m.dems, m.have, m.slab = m.dems[:0], m.have[:0], m.slab[:0]
	m.caps, m.capAt = m.caps[:0], m.capAt[:0]
	clear(m.spans) // their readings point into the slab's arrays
	clear(m.found)
	m.spans, m.found = m.spans[:0], m.found[:0]
	memos.Put(m)
}

// fold returns gazetteer.Fold(s) in the memo's buffer, valid until the next call.
func (m *memo) fold(s string) []byte {
	b := gazetteer.AppendFold(m.buf[:0], s)
	if b != nil {
		m.buf = b[:0]
	}
	return b
}

// lower returns strings.ToLower(s) in the memo's buffer, valid until the next call.
func (m *memo) lower(s string) []byte {
	b := m.buf[:0]
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
			continue
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	m.buf = b[:0]
	return b
}

// lowerTok returns the token's lower-cased text: the segmenter's Lower,
// which is strings.ToLower(t.Text), else (a token made by hand) its own.
func (m *memo) lowerTok(t *text.Token) string {
	if t.Lower != "" || t.Text == "" {
		return t.Lower
	}
	return string(m.lower(t.Text))
}

// readings returns the entries a surface form may name, and whether it was
// found only by stripping a genitive ending. The slice is shared: callers
// must not change it. noKey says that the surface itself is known to be no
// name (see noName), so that only its stems need looking up.
func (c *Geocoder) readings(m *memo, surface string, noKey bool) ([]reading, bool) {
	if m != nil {
		if r, ok := m.readings[surface]; ok {
			return r.rs, r.gen
		}
	}
	rs, gen := c.readingsGen(m, surface, noKey)
	if m != nil {
		m.readings[surface] = memoReadings{rs, gen}
	}
	return rs, gen
}

func (c *Geocoder) readingsGen(m *memo, surface string, noKey bool) ([]reading, bool) {
	if noKey {
		// a genitive ("Kabuls", "Somalia's") that only its stem lets through noName
	} else if rs := c.readingsOf(m, surface); len(rs) > 0 {
		return rs, false
	}
	for _, suf := range c.p.genitive {
		if stem, ok := strings.CutSuffix(surface, suf); ok && stem != "" {
			if rs := c.readingsOf(m, stem); len(rs) > 0 {
				return rs, true
			}
		}
	}
	return nil, false
}

// entryID is what makes two entries the same reading.
type entryID struct {
	id                   int
	code, country, admin string
}

func idOf(e gazetteer.Entry) entryID { return entryID{e.ID, e.Code, e.Country, e.Admin1Code} }

func (c *Geocoder) readingsOf(m *memo, surface string) []reading {
	var kb, eb [64]byte
	key := gazetteer.AppendFold(kb[:0], surface)
	if len(key) == 0 {
		return nil
	}
	found := c.g.Folded(key)
	own := c.p.names[string(key)]
	if found.Len() == 0 && len(own) == 0 {
		return nil
	}
	rs := m.readingBuf(min(len(own)+found.Len(), 200))
	// A gazetteer posting list never names one place twice
	// (gazetteer.TestPostingsDistinct): only the pack's readings can repeat
	// one of its entries.
	for _, e := range own {
		rs = append(rs, newReading(e, true, true))
	}
	dup := func(e gazetteer.Entry) bool {
		id := idOf(e)
		for i := range rs[:len(own)] {
			if idOf(rs[i].e) == id {
				return true
			}
		}
		return false
	}
	// A name written as the surface folds as it does: no need to fold it.
	same := func(name string) bool {
		return name == surface || string(gazetteer.AppendFold(eb[:0], name)) == string(key)
	}
	for i := 0; i < found.Len(); i++ {
		e := found.Entry(i)
		if dup(e) {
			continue
		}
		// Most names are their own ASCII name: one fold answers for both.
		rs = append(rs, newReading(e, false, same(e.Name) || e.ASCII != e.Name && same(e.ASCII)))
		if len(rs) >= 200 {
			break // the rest are ever smaller places of a common name
		}
	}
	for i := range rs {
		if rs[i].e.Code != "ADM1" {
			continue
		}
		for k := range rs {
			if o := &rs[k]; o.e.Class == "P" && o.e.Country == rs[i].e.Country && o.e.Admin1Code == rs[i].e.Admin1Code {
				rs[i].seat = true
				break
			}
		}
	}
	return rs
}

// context is what the rest of an article says about where it is.
type context struct {
	// country → weight: by the index of a code of two capital letters (all
	// codes of the table) in byCode, without hashing; any other in country
	byCode  [26 * 26]float64
	country map[string]float64
	// region (country and admin1) → weight: by regionKey, else in admin1
	regions map[uint64]float64
	admin1  map[admin1Key]float64
	total   float64
	asked   string // Candidates' country, if any
}

func newContext(asked string) *context {
	// country and admin1 hold only codes outside the table's shapes: they
	// are made when first written (a nil map reads as empty).
	return &context{regions: map[uint64]float64{}, asked: asked}
}

// admin1Key is a region: its country and its admin-1 code (a struct, not
// the joined string, so that no score builds a string).
type admin1Key struct{ country, code string }

// regionKey packs a region whose country code has two bytes and whose
// admin-1 code at most six, none of them 0 (every region of the table),
// into one number: a map of them hashes no strings.
func regionKey(country, code string) (uint64, bool) {
	if len(country) != 2 || len(code) > 6 || country[0] == 0 || country[1] == 0 {
		return 0, false
	}
	k := uint64(country[0]) | uint64(country[1])<<8
	for i := 0; i < len(code); i++ {
		if code[i] == 0 {
			return 0, false
		}
		k |= uint64(code[i]) << (16 + 8*i)
	}
	return k, true
}

// region returns the weight of region code of country cc.
func (x *context) region(cc, code string) float64 {
	if k, ok := regionKey(cc, code); ok {
		return x.regions[k]
	}
	return x.admin1[admin1Key{cc, code}]
}

// codeIndex is the index of a country code in context.byCode, or -1.
func codeIndex(cc string) int {
	if len(cc) == 2 && cc[0]-'A' < 26 && cc[1]-'A' < 26 {
		return int(cc[0]-'A')*26 + int(cc[1]-'A')
	}
	return -1
}

// weight returns the weight of country cc.
func (x *context) weight(cc string) float64 {
	if i := codeIndex(cc); i >= 0 {
		return x.byCode[i]
	}
	return x.country[cc]
}

// countries calls f with every country of some weight, in no order.
func (x *context) countries(f func(cc string, w float64)) {
	for i, w := range x.byCode {
		if w != 0 {
			f(string([]byte{byte('A' + i/26), byte('A' + i%26)}), w)
		}
	}
	for cc, w := range x.country {
		f(cc, w)
	}
}

func (x *context) add(e gazetteer.Entry, w float64) {
	if e.Country == "" {
		return
	}
	if i := codeIndex(e.Country); i >= 0 {
		x.byCode[i] += w
	} else {
		if x.country == nil {
			x.country = map[string]float64{}
		}
		x.country[e.Country] += w
	}
	x.total += w
	if e.Admin1Code != "" {
		if k, ok := regionKey(e.Country, e.Admin1Code); ok {
			x.regions[k] += w
		} else {
			if x.admin1 == nil {
				x.admin1 = map[admin1Key]float64{}
			}
			x.admin1[admin1Key{e.Country, e.Admin1Code}] += w
		}
	}
}

// score weighs one reading; qual is the entry a ", Texas" qualifier names.
func score(r *reading, x *context, qual []reading) Parts {
	e := &r.e // not copies: readings and entries are big
	var p Parts
	p.Population = 3 * r.logPop / 7
	switch {
	case e.Code == "PCLI" && r.pack:
		p.Feature = 1
	case e.Code == "PCLI":
		p.Feature = 0.2 // a country's name in some other language
	case e.Code == "ADM1" && r.seat:
		p.Feature = -0.5 // "São Paulo": the city, not its region
	case e.Code == "ADM1":
		p.Feature = 0.5
	case e.Code == "PPLC":
		p.Feature = 0.8
	case e.Code == "PPLA":
		p.Feature = 0.3
	case e.Code == "PPLA2":
		p.Feature = 0.1
	case e.Code == "PPLX" || e.Code == "PPLH" || e.Code == "PPLQ" || e.Code == "PPLW":
		p.Feature = -0.3
	}
	if r.pack {
		p.Pack = 2
	}
	if r.exact {
		p.Exact = 0.5
	}
	if x != nil {
		if x.asked != "" && e.Country == x.asked {
			p.Country = 3
		} else if x.total > 0 {
			p.Country = x.weight(e.Country) / x.total
		}
		if e.Admin1Code != "" && x.region(e.Country, e.Admin1Code) > 0 {
			p.Admin1 = 1
		}
	}
	for i := range qual {
		q := &qual[i]
		if q.e.Country == e.Country && (q.e.Code == "PCLI" || q.e.Admin1Code == e.Admin1Code) && e.Code != q.e.Code {
			p.Qualifier = 4
			break
		}
	}
	return p
}

// placeOf turns an entry into the spec's Place.
func placeOf(e gazetteer.Entry, surface string) Place {
	p := Place{Text: surface, Name: e.Name, Country: e.Country, Admin1: e.Admin1, Lat: e.Lat, Lon: e.Lon, GeonamesID: e.ID}
	switch {
	case e.Code == "PCLI":
		p.Precision, p.Admin1 = "country", ""
	case e.Code == "ADM1":
		p.Precision = "admin1"
	default:
		p.Precision = "city"
	}
	return p
}

// MaxName is the longest name Candidates accepts, in bytes.
const MaxName = gazetteer.MaxName

// Candidates returns the readings of name, best first, with their score
// parts; country (ISO alpha-2, may be empty) favours places in that country.
// A name that cannot be a place (empty, too long, control characters, not
// UTF-8) gives no candidates and an error saying why.
func (c *Geocoder) Candidates(name, country string) ([]Candidate, error) {
	if err := gazetteer.Check(name); err != nil {
		return nil, fmt.Errorf("candidates for %.40q: %w", name, err)
	}
	if country != "" {
		if _, ok := c.g.Country(country); !ok {
			return nil, fmt.Errorf("candidates for %q: unknown country %q", name, country)
		}
	}
	name = strings.TrimSpace(name)
	var qual []reading
	// "Paris, Texas": a comma-separated qualifier narrows the name.
	if head, tail, ok := strings.Cut(name, ","); ok && strings.TrimSpace(tail) != "" {
		if q, _ := c.readings(nil, strings.TrimSpace(tail), false); len(q) > 0 {
			name, qual = strings.TrimSpace(head), q
		}
	}
	rs, _ := c.readings(nil, name, false)
	x := newContext(country)
	out := make([]Candidate, 0, len(rs))
	for i := range rs {
		r := &rs[i]
		p := score(r, x, qual)
		out = append(out, Candidate{Place: placeOf(r.e, name), Entry: r.e, Score: p.Sum(), Parts: p})
	}
	slices.SortStableFunc(out, func(a, b Candidate) int { return cmp.Compare(b.Score, a.Score) })
	return out, nil
}

// span is a place mention being worked out.
type span struct {
	i, j       int // token range [i, j) in the sentence
	start, end int // bytes
	readings   []reading
	qual       []reading
	genitive   bool
	inOrg      bool
	evidence   float64
	best       int
	parts      Parts
}

// Places returns the place mentions of doc's prose (captions are skipped),
// resolved, in text order.
func (c *Geocoder) Places(doc *text.Doc) []Mention {
	return c.PlacesInto(nil, doc)
}

// PlacesInto is Places writing the mentions to dst[:0]: a caller done with
// one document's places hands their array to the next document's call. The
// result is nil when there is none, as Places's.
func (c *Geocoder) PlacesInto(dst []Mention, doc *text.Doc) []Mention {
	if doc == nil {
		return nil
	}
	m := getMemo()
	defer putMemo(m)
	c.lowerWords(doc, m)
	spans := m.found
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		if s.Caption || s.Block >= 0 && s.Block < len(doc.Blocks) && !doc.Blocks[s.Block].Kind.Prose() {
			continue
		}
		spans = c.sentenceSpans(doc, si, m, spans)
	}
	m.found = spans
	// Pass 1: best reading without context; the article's places and
	// demonyms make the context of pass 2.
	for _, sp := range spans {
		c.choose(sp, nil)
	}
	x := newContext("")
	for _, sp := range spans {
		if sp.evidence >= accept {
			x.add(sp.readings[sp.best].e, 1)
		}
	}
	// An article writes the same few demonyms again and again: each
	// country is looked up once, with the weight of all its demonyms
	// (weights are multiples of 0.5, so the sums are exact in any order).
	for i, cc := range m.dems {
		if cc == "" {
			continue
		}
		n := 1
		for k := i + 1; k < len(m.dems); k++ {
			if m.dems[k] == cc {
				m.dems[k] = ""
				n++
			}
		}
		if e, ok := c.g.Country(cc); ok {
			x.add(e, 0.5*float64(n))
		}
	}
	n := 0
	for _, sp := range spans {
		if sp.evidence >= accept {
			n++
		}
	}
	out := slices.Grow(dst[:0], n) // no growing but for descriptors'
	for _, sp := range spans {
		if sp.evidence < accept {
			continue
		}
		own := sp.readings[sp.best].e
		x.add(own, -1)
		c.choose(sp, x)
		x.add(own, 1)
		e := sp.readings[sp.best].e
		surface := doc.Text[sp.start:sp.end]
		out = append(out, Mention{Start: sp.start, End: sp.end, Text: surface, Place: placeOf(e, surface),
			Score: sp.parts.Sum(), InOrg: sp.inOrg})
	}
	out = c.descriptors(doc, out, x, m)
	if len(out) == 0 {
		return nil
	}
	sortByStart(out)
	return out
}

// sortByStart sorts ms by Start. They are mostly in text order already,
// one at each offset, which any sort leaves as it is: then it does not
// sort them (a sort that finds them sorted still costs the mentions'
// comparisons and its own set-up, each call).
func sortByStart(ms []Mention) {
	for i := 1; i < len(ms); i++ {
		if ms[i].Start <= ms[i-1].Start {
			slices.SortFunc(ms, func(a, b Mention) int { return cmp.Compare(a.Start, b.Start) })
			return
		}
	}
}

// accept is the evidence a capitalised name needs to count as a place.
const accept = 1.0

// choose picks the best reading of sp under context x.
func (c *Geocoder) choose(sp *span, x *context) {
	best, bestScore := 0, math.Inf(-1)
	for i := range sp.readings {
		p := score(&sp.readings[i], x, sp.qual)
		if s := p.Sum(); s > bestScore {
			best, bestScore, sp.parts = i, s, p
		}
	}
	sp.best = best
	if x == nil {
		// Evidence that the name is a place at all, given its best reading.
		r := &sp.readings[best]
		if r.pack {
			sp.evidence += 1.5
		} else if r.e.Code == "PCLI" {
			sp.evidence += 0.3
		}
		if len(sp.qual) > 0 {
			sp.evidence += 2
		}
		sp.evidence += r.logPop / 7
	}
}

// lowerWords collects the words an article writes in lower case: a
// capitalised word that also appears in lower case is a common word. Only
// words that nameWord may ask about are kept, in m.asks: the lower-cased
// forms of the capitalised words that open a sentence. On its way it
// collects the countries of the text's demonyms in m.dems, each sentence's
// pattern words in m.have and its capitalised words in m.caps, so that the
// text's tokens are read once for all four.
func (c *Geocoder) lowerWords(doc *text.Doc, m *memo) {
	ask := &m.asks
	var shape shapes
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		start := true // sentenceStart of the next token, kept as the tokens go
		for k := range s.Tokens {
			t := &s.Tokens[k]
			if t.Kind != text.Word && t.Kind != text.Number {
				start = start || opens(t.Text)
				continue
			}
			first := start
			start = false
			if !first || t.Kind != text.Word || !capitalised(t.Text) {
				continue
			}
			if lw, h := m.lowerHash(t); ask.find(lw, h) < 0 {
				ask.add(lw, h)
				shape.add(lw)
			}
		}
	}
	// in locals: the writes below would make the compiler load them again
	// for every token
	words, demBloom, demEnds := &c.p.words, c.p.demBloom, &c.p.demEnds
	m.caps, m.capAt = m.caps[:0], append(m.capAt[:0], 0)
	for si := range doc.Sentences {
		toks := doc.Sentences[si].Tokens
		var have uint64
		for k := range toks {
			t := &toks[k] // not a copy: tokens are big
			h := t.LowerHash()
			if id := words.Lookup(t.Lower, h); id >= 0 {
				have |= 1 << id
			}
			if t.Kind != text.Word {
				continue
			}
			if capitalised(t.Text) {
				m.caps = append(m.caps, int32(k)) // not a local: one register fewer for the loop
			} else if k > 0 && maybe(&shape, t.Text) {
				hw := h
				if t.Text != t.Lower {
					hw = text.Hash(t.Text)
				}
				ask.see(t.Text, hw)
			}
			// pack.mayDemonym, its tests written out: they are most of the
			// work of this loop, which reads every word
			if e, ok := endsOf(t.Text); ok && !demEnds.has(e) {
				continue
			}
			if t.Letters {
				if !demBloom.Has(h) {
					continue
				}
			} else if !c.p.mayFoldDemonym(t) {
				continue
			}
			if cc, ok := c.demonym(m.fold(t.Text)); ok {
				m.dems = append(m.dems, cc)
			}
		}
		m.have = append(m.have, have)
		m.capAt = append(m.capAt, int32(len(m.caps)))
	}
}

// askSet is the words lowerWords asks about, each with whether the text
// writes it in lower case: a table chained by text.Hash, which the
// segmenter already stored in the tokens, so that neither finding the
// words nor nameWord's questions hash a string. An article asks about a
// few dozen words.
type askSet struct {
	head  [256]int32 // by hash%256: 1 + the index of the chain's last word, 0 for none
	words []askWord
}

type askWord struct {
	w    string
	h    uint32
	next int32 // 1 + the index of the chain's next word, 0 for none
	seen bool  // written in lower case
}

// find returns the index of word w, whose text.Hash is h, or -1.
func (s *askSet) find(w string, h uint32) int {
	for i := s.head[h%256]; i != 0; {
		a := &s.words[i-1]
		if a.h == h && a.w == w {
			return int(i - 1)
		}
		i = a.next
	}
	return -1
}

// add puts word w, whose text.Hash is h, in the set; it must not be in it.
func (s *askSet) add(w string, h uint32) {
	s.words = append(s.words, askWord{w: w, h: h, next: s.head[h%256]})
	s.head[h%256] = int32(len(s.words))
}

// see notes that the text writes w, whose text.Hash is h, in lower case,
// if w is asked about.
func (s *askSet) see(w string, h uint32) {
	if s.head[h%256] == 0 {
		return // most words: no asked word shares the chain
	}
	if i := s.find(w, h); i >= 0 {
		s.words[i].seen = true
	}
}

// seen reports whether w, whose text.Hash is h, is asked about and written
// in lower case.
func (s *askSet) seen(w string, h uint32) bool {
	i := s.find(w, h)
	return i >= 0 && s.words[i].seen
}

func (s *askSet) reset() {
	clear(s.head[:])
	clear(s.words) // no strings kept alive
	s.words = s.words[:0]
}

// lowerHash returns the token's lower-cased text (lowerTok) and its
// text.Hash: the segmenter's Token.Hash, unless lowerTok made the text.
func (m *memo) lowerHash(t *text.Token) (string, uint32) {
	if t.Lower != "" || t.Text == "" {
		return t.Lower, t.LowerHash()
	}
	lw := m.lowerTok(t)
	return lw, text.Hash(lw)
}

// upperOnly reports whether strings.ToUpper(w) == w, without building it.
func upperOnly(w string) bool {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		if r == utf8.RuneError && n == 1 || unicode.ToUpper(r) != r {
			return false // ToUpper writes U+FFFD for a bad byte
		}
		i += n
	}
	return true
}

func capitalised(w string) bool {
	if len(w) > 0 && w[0] < utf8.RuneSelf {
		return w[0]-'A' < 26 // most words: inlined, no decoding
	}
	return upperRune(w)
}

func upperRune(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// sentenceStart reports whether token k opens its sentence (or a quotation in it).
func sentenceStart(toks []text.Token, k int) bool {
	for k--; k >= 0; k-- {
		if toks[k].Kind == text.Word || toks[k].Kind == text.Number {
			return false
		}
		if opens(toks[k].Text) {
			return true
		}
	}
	return true
}

// opens reports whether a token opens a quotation (or a clause that may
// start with a capital, after a colon).
func opens(t string) bool {
	return t == ":" || t == "»" || t == "«" || t == "\"" || t == "“" || t == "„"
}

// nameWord reports whether token k is a capitalised word that belongs to a name.
func (c *Geocoder) nameWord(toks []text.Token, k int, m *memo) bool {
	if k < 0 || k >= len(toks) || toks[k].Kind != text.Word || !capitalised(toks[k].Text) {
		return false
	}
	w := toks[k].Text
	if maybe(&c.p.notShapes, w) && c.p.notPlaces[w] {
		return false
	}
	if sentenceStart(toks, k) {
		if m.asks.seen(m.lowerHash(&toks[k])) || c.startsPhrase(toks, k, c.p.triggers, &c.p.triggerStarts) {
			return false
		}
		if c.p.mayDemonym(&toks[k]) {
			if _, ok := c.demonym(m.fold(w)); ok {
				return false
			}
		}
	}
	return true
}

// endsPhrase reports whether one of phrases, list list of endsBy
// (triggerList …), ends just before token k.
func (c *Geocoder) endsPhrase(toks []text.Token, k int, phrases [][]string, list int) bool {
	if k <= 0 || k > len(toks) {
		return false
	}
	t := &toks[k-1]
	id := c.p.lasts.Lookup(t.Lower, t.LowerHash())
	if id < 0 {
		return false // a phrase's last token has one of its last words as Lower
	}
	for _, pi := range c.p.endsBy[list][id] {
		ph := phrases[pi]
		if len(ph) > k {
			continue
		}
		ok := true
		for n, w := range ph {
			t := &toks[k-len(ph)+n]
			if t.Kind != text.Word && !(t.Kind == text.Punct && t.Text == w) || t.Lower != w && strings.TrimSuffix(w, ".") != t.Lower {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// startsPhrase reports whether one of phrases starts at token k; starts
// are the shapes of the phrases' first words.
func (c *Geocoder) startsPhrase(toks []text.Token, k int, phrases [][]string, starts *shapes) bool {
	if k < 0 || k >= len(toks) || !maybe(starts, toks[k].Lower) {
		return false // no phrase starts with that word (every phrase has one)
	}
	for _, ph := range phrases {
		if k+len(ph) > len(toks) {
			continue
		}
		ok := true
		for n, w := range ph {
			if toks[k+n].Lower != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// maxWords is the longest place name, in tokens, the geocoder tries.
const maxWords = 6

// match finds the longest known name of at least least tokens starting at
// token i: its end token and readings.
func (c *Geocoder) match(doc *text.Doc, toks []text.Token, i, least int, m *memo) (int, []reading, bool) {
	none, noKey := c.noName(doc.Text, toks, i)
	if none {
		return i, nil, false
	}
	top := min(len(toks), i+maxWords)
	if top > i+1 && !c.mayStartName(doc.Text, toks, i, m) {
		top = i + 1 // only the first word alone can be a name
	}
	for j := top; j >= i+least; j-- {
		last := &toks[j-1]
		if last.Kind != text.Word || !capitalised(last.Text) {
			continue
		}
		ok := true
		for k := i + 1; k < j-1; k++ {
			if t := &toks[k]; t.Kind != text.Word && t.Text != "." && t.Text != "-" {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if j > i+1 && c.noClose(doc.Text, toks, j-1) {
			continue
		}
		surface := doc.Text[toks[i].Start:last.End]
		if rs, gen := c.readings(m, surface, noKey && j == i+1); len(rs) > 0 {
			return j, rs, gen
		}
	}
	return i, nil, false
}

// mayStartName reports whether a name of several tokens may start at token
// i: false when a space follows the token and neither the gazetteer nor the
// pack has a name of several words whose first word is the token's, so that
// match need not fold and look up the longer surfaces at all ("Saltanat
// Azirbek torsdag"). It is exact in that direction: such a surface ends with
// a capitalised word, so it folds to a key that starts with the token's
// folded word and a space, and so does its stem without a genitive ending
// (no ending is a whole capitalised word: see pack.genitiveCap).
func (c *Geocoder) mayStartName(src string, toks []text.Token, i int, m *memo) bool {
	if i+1 >= len(toks) || toks[i+1].Start != toks[i].End+1 || src[toks[i].End] != ' ' || c.p.genitiveCap {
		return true // glued tokens ("U.S", "Alma-Ata") may fold into one word
	}
	if h, ok := foldHash(&toks[i]); ok {
		// one word of letters: its folded word by its hash, unfolded
		return c.g.MayStartWord(h) || c.p.firsts.Has(h)
	}
	w := m.fold(toks[i].Text)
	if sp := bytes.IndexByte(w, ' '); sp >= 0 {
		w = w[:sp]
	}
	if len(w) == 0 {
		return true
	}
	return c.g.MayStart(w) || c.p.starts[string(w)]
}

// noName reports whether match finds nothing at token i, without folding
// or looking anything up: most capitalised words of an article (names of
// people, first words of sentences) open no place name. True when the token
// is one word of letters, no name of the gazetteer or the pack opens with
// its folded word or its stem before a genitive ending, and nothing can
// glue it to the next token into one folded word. noKey reports that the
// token's own word opens no name (so is none), when only a stem does.
func (c *Geocoder) noName(src string, toks []text.Token, i int) (none, noKey bool) {
	t := &toks[i]
	if !c.p.plainGenitive {
		return false, false
	}
	if i+1 < len(toks) {
		n := &toks[i+1]
		spaced := n.Start == t.End+1 && src[t.End] == ' '
		if !spaced && (n.Kind == text.Word || n.Text == "." || n.Text == "-") {
			return false, false // "U.S", "Rio-": glued tokens may fold into one word
		}
	}
	return c.noWord(t, c.p.opens, c.g.MayOpen)
}

// noClose reports whether no name of several words ends with token k, as
// noName does for their first words: the token is one word of letters after
// a space, and neither its folded word nor its stem before a genitive ending
// closes a name of several words of the gazetteer or the pack.
func (c *Geocoder) noClose(src string, toks []text.Token, k int) bool {
	t := &toks[k]
	if !c.p.plainGenitive || k == 0 || toks[k-1].End+1 != t.Start || src[t.Start-1] != ' ' {
		return false
	}
	none, _ := c.noWord(t, c.p.closes, c.g.MayClose)
	return none
}

// noWord reports whether neither the word of token t nor its stem before
// any genitive ending is in the pack's filter or the gazetteer's (may);
// whole reports whether the word itself is not.
func (c *Geocoder) noWord(t *text.Token, pack text.WordFilter, may func(uint32) bool) (none, whole bool) {
	h, ok := foldHash(t)
	if !ok || pack.Has(h) || may(h) {
		return false, false
	}
	w := t.Text
	for _, suf := range c.p.genitive {
		if len(suf) < len(w) && strings.HasSuffix(w, suf) {
			if h, ok := gazetteer.FoldHash(w[:len(w)-len(suf)]); !ok || pack.Has(h) || may(h) {
				return false, true
			}
		}
	}
	return true, true
}

// sentenceSpans appends the place-name candidates of sentence si to out.
func (c *Geocoder) sentenceSpans(doc *text.Doc, si int, m *memo, out []*span) []*span {
	toks := doc.Sentences[si].Tokens
	// nameWord's answers for this sentence's tokens: most are asked two or
	// three times.
	nw := m.nameWords(len(toks))
	name := func(k int) bool {
		if k < 0 || k >= len(toks) {
			return false
		}
		if nw[k] == 0 {
			nw[k] = 2
			if c.nameWord(toks, k, m) {
				nw[k] = 1
			}
		}
		return nw[k] == 1
	}
	free := -1 // a name may start here although a name word precedes it
	// In a title-case headline ("Kazakhstan Protests Turn Deadly") capitals
	// say nothing about names: every word may start a place.
	title := titleCase(doc, si)
	// Only capitalised words start a name: the loop visits those alone,
	// as lowerWords listed them (every token when it did not).
	listed := si+1 < len(m.capAt)
	var caps []int32
	if listed {
		caps = m.caps[m.capAt[si]:m.capAt[si+1]]
	}
	for i := 0; i < len(toks); i++ {
		if listed {
			for len(caps) > 0 && int(caps[0]) < i {
				caps = caps[1:]
			}
			if len(caps) == 0 {
				break
			}
			i = int(caps[0])
		}
		if title {
			free = i
		}
		if t := &toks[i]; t.Kind != text.Word || !capitalised(t.Text) {
			continue // neither a name word nor the start of a name
		}
		var (
			j   int
			rs  []reading
			gen bool
		)
		if !name(i) {
			// "The Hague", "Det Forenede Kongerige": a multi-word name may
			// open with a word that alone is no name.
			if toks[i].Kind != text.Word || !capitalised(toks[i].Text) || name(i-1) && i != free {
				continue
			}
			if j, rs, gen = c.match(doc, toks, i, 2, m); j-i < 2 {
				continue
			}
		} else {
			// A capitalised word after another name word continues a name
			// ("Michael Jordan", "Kassym-Jomart Tokayev"): not a place.
			if name(i-1) && i != free {
				continue
			}
			j, rs, gen = c.match(doc, toks, i, 1, m)
		}
		if len(rs) == 0 {
			// Skip the rest of an unknown name.
			for !title && i+1 < len(toks) && name(i+1) {
				i++
			}
			continue
		}
		// "University", "Police": words that name organisations are no places.
		if j == i+1 && c.orgWord(&toks[i], m) {
			continue
		}
		// A demonym is no place, though GeoNames may know a village of that
		// name ("Kazakh" officials are not in Qazax).
		if !hasPack(rs) && (j > i+1 || c.p.mayDemonym(&toks[i])) {
			if _, ok := c.demonym(m.fold(doc.Text[toks[i].Start:toks[j-1].End])); ok {
				continue
			}
		}
		sp := m.newSpan()
		*sp = span{i: i, j: j, start: toks[i].Start, end: toks[j-1].End, readings: rs, genitive: gen}
		// What follows: an organisation word, a place after a genitive
		// ("Kazakhstan's Almaty"), or more of a person's name.
		if j < len(toks) && toks[j].Kind == text.Word && capitalised(toks[j].Text) {
			switch {
			case c.orgWord(&toks[j], m):
				sp.inOrg = true
			case !name(j):
			case gen || title:
				free = j
			default:
				for i = j; i+1 < len(toks) && name(i+1); i++ {
				}
				continue
			}
		}
		i = j - 1
		if c.endsPhrase(toks, sp.i, c.p.persons, personList) {
			continue
		}
		if c.endsPhrase(toks, sp.i, c.p.orgBefore, orgBeforeList) {
			sp.inOrg = true
		}
		// "Paris, Texas": a region or country after a comma qualifies the name.
		if j+1 < len(toks) && toks[j].Text == "," && name(j+1) {
			if k, q, _ := c.match(doc, toks, j+1, 1, m); len(q) > 0 && (k == len(toks) || !name(k)) {
				for _, r := range q {
					if r.e.Code == "PCLI" || r.e.Code == "ADM1" {
						sp.qual = append(sp.qual, r)
					}
				}
			}
		}
		// Evidence beyond the name itself.
		if c.endsPhrase(toks, sp.i, c.p.triggers, triggerList) {
			sp.evidence += 1.5
		}
		if title && !hasPack(rs) {
			sp.evidence -= 0.5
		}
		// "the White House", "the Kremlin": a determined name is seldom a
		// town unless the pack says so ("the Netherlands").
		if c.endsPhrase(toks, sp.i, c.p.determiners, determinerList) && !hasPack(rs) && !hasCountry(rs) {
			sp.evidence -= 0.8
		}
		if !sentenceStart(toks, sp.i) {
			sp.evidence += 0.4
		} else {
			sp.evidence += 0.25
		}
		if w := toks[sp.i].Text; len(w) > 1 && upperOnly(w) && !hasPack(rs) {
			sp.evidence -= 2 // an acronym: "AP", "LPG"
		}
		out = append(out, sp)
	}
	return out
}

// foldHash is gazetteer.FoldHash of the token's text: for a word of ASCII
// letters (text.Token.Letters), which folds to its Lower, the hash the
// segmenter stored (TestFoldHashLetters).
func foldHash(t *text.Token) (uint32, bool) {
	if t.Letters {
		return t.LowerHash(), true
	}
	return gazetteer.FoldHash(t.Text)
}

// orgWord reports whether token t folds to a word of the pack's org_after
// patterns ("University", "Politi"). Most tokens it is asked about are
// place names: a word of letters is ruled out by its gazetteer.FoldHash,
// without folding it or looking it up.
func (c *Geocoder) orgWord(t *text.Token, m *memo) bool {
	if h, ok := foldHash(t); ok && !c.p.orgHashes.Has(h) {
		return false
	}
	return c.p.orgAfter[string(m.fold(t.Text))]
}

func hasPack(rs []reading) bool {
	for i := range rs {
		if rs[i].pack {
			return true
		}
	}
	return false
}

func hasCountry(rs []reading) bool {
	for i := range rs {
		if rs[i].e.Code == "PCLI" {
			return true
		}
	}
	return false
}

// titleCase reports whether sentence si is a headline without a final stop
// in which most longer words are capitalised.
func titleCase(doc *text.Doc, si int) bool {
	s := &doc.Sentences[si]
	if s.Block < 0 || s.Block >= len(doc.Blocks) || doc.Blocks[s.Block].Kind != text.Headline || len(s.Tokens) == 0 || s.Tokens[len(s.Tokens)-1].Kind == text.Punct {
		return false
	}
	toks := s.Tokens
	words, caps := 0, 0
	for k := range toks {
		t := &toks[k]
		if t.Kind != text.Word || utf8.RuneCountInString(t.Text) < 4 {
			continue
		}
		words++
		if capitalised(t.Text) {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*7
}
