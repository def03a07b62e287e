package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/text"
)

// vocab is the model again keyed by stem, for PredictTokens: the stems its
// features name, each with a number and its unigram's weights, and the
// bigrams by their pair of stem numbers. Most words are found, stem and
// all, in a table of words by the hash the segmenter gave them (words); a
// bigram is looked up only when both its stems are known. Stems are keyed
// by the 64-bit hash of their unigram feature, as the model keys its
// features (no string is compared). The features are the very ones training names, added
// in the same order: the sums are equal to the last bit (TestVocab).
type vocab struct {
	// filter has bit (h^h>>29)&fmask set for the hash h of every stem;
	// slots holds the stems open-addressed from the same bits, at most
	// half full.
	filter []uint64
	fmask  uint64
	slots  []stemSlot
	smask  uint64
	num    stemSlot    // numberFeature's stem (id -1 when no feature names it)
	bias   wspan       // the bias feature's weights
	start  classScores // the bias feature's weights added to zero scores
	pairs  []pairSlot  // open-addressed by pairKey, at most two thirds full
	pmask  uint32
	// pairSeen has the pairHash of every bigram: most neighbouring stems
	// are both known yet no bigram, and this filter, small enough for the
	// nearest cache unlike pairs, rules them out with one load.
	pairSeen text.WordFilter
	// words finds the stem of most words without the stemmer: see
	// wordTable.
	words wordTable
}

// stemSlot is one stem of vocab.slots; id is -1 in an empty slot.
type stemSlot struct {
	hash uint64 // hashUni(stem)
	stemRef
}

// stemRef is what scoring needs of a stem: its number (-1: no feature
// names it; -2: no stem) and its unigram's weights.
type stemRef struct {
	id  int32
	uni wspan
}

// wordTable holds every word of at most maxWord bytes whose stem some
// feature names, keyed by the word's Hash (Token.Hash, which the segmenter
// computed): a word found there needs neither the stemmer nor a hash of its
// stem, and a word of a letter not found there has no known stem. A word
// is a known stem alone or with an ending the stemmer strips again, so
// that the table is complete. Open addressing, at most about two thirds
// full.
type wordTable struct {
	ents  []wordEnt
	mask  uint32
	shift uint32 // 32 - log2(len(ents))
}

// maxWord is the longest word wordTable holds: the bytes of a word fill
// its entry up to 32 bytes, key included, so that a probe reads one place,
// not a key array and then an entry.
const maxWord = 15

// wordEnt is one word of wordTable, spelled out, with its stem.
type wordEnt struct {
	key uint32 // Hash of the word; 0 (never a Hash) marks an empty slot
	ref stemRef
	n   uint8
	b   [maxWord]byte
}

// wordSlot is where key h starts its probe.
func (wt *wordTable) wordSlot(h uint32) uint32 { return h * 0x9E3779B1 >> wt.shift }

// lookup returns the stem of the word w, whose Hash is h, or nil when w
// is not in the table.
func (wt *wordTable) lookup(w string, h uint32) *stemRef {
	if len(wt.ents) == 0 {
		return nil
	}
	for i := wt.wordSlot(h); ; i = (i + 1) & wt.mask {
		e := &wt.ents[i]
		switch e.key {
		case 0:
			return nil
		case h:
			if int(e.n) == len(w) && string(e.b[:e.n]) == w {
				return &e.ref
			}
		}
	}
}

// add puts the word w with its stem in the table, which must have room.
func (wt *wordTable) add(w string, ref stemRef) {
	h := text.Hash(w)
	i := wt.wordSlot(h)
	for wt.ents[i].key != 0 {
		i = (i + 1) & wt.mask
	}
	e := &wt.ents[i]
	e.key, e.ref, e.n = h, ref, uint8(len(w))
	copy(e.b[:], w)
}

// buildWords fills v.words: for each stem (in the order given, with its
// ref), the words that are the stem alone or with one of st's endings and
// that st stems to it.
func (v *vocab) buildWords(st *stemmer, stems []string, refs []stemRef) {
	type word struct {
		w   string
		ref stemRef
	}
	var words []word
	seen := map[string]bool{}
	for i, stem := range stems {
		for k := -1; k < len(st.suffixes); k++ {
			w := stem
			if k >= 0 {
				w += st.suffixes[k].text
			}
			if len(w) > maxWord || seen[w] || !startsWithLetter(w) || st.stemWord(w) != stem {
				continue
			}
			seen[w] = true
			words = append(words, word{w, refs[i]})
		}
	}
	n, shift := uint32(16), uint32(28)
	for 2*n < 3*uint32(len(words)) {
		n, shift = n<<1, shift-1
	}
	v.words = wordTable{ents: make([]wordEnt, n), mask: n - 1, shift: shift}
	for _, w := range words {
		v.words.add(w.w, w.ref)
	}
}

// startsWithLetter reports whether w's first rune is a letter, as stemOf
// tells them.
func startsWithLetter(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsLetter(r)
}

// wspan is a feature's weights: Model.wv[lo:hi].
type wspan struct{ lo, hi int32 }

// pairSlot is one bigram of vocab.pairs; key 0 marks an empty slot. 12
// bytes: the table is read for every pair of known stems, and the smaller
// it is the more of it stays in the nearer caches.
type pairSlot struct {
	key uint32
	w   wspan
}

// maxStems bounds the stems of a vocab: a pairKey holds two stem numbers.
const maxStems = 1<<16 - 1

func pairKey(a, b int32) uint32 { return uint32(a+1)<<16 | uint32(b+1) }

func pairHash(k uint32) uint32 { return uint32((uint64(k) * 0x9E3779B97F4A7C15) >> 32) }

// weightsOf returns the packed weights of the feature with this hash.
func (m *Model) weightsOf(hash uint64) (wspan, bool) {
	if m.slots == nil {
		return wspan{}, false
	}
	for i := (hash ^ hash>>29) & m.smask; ; i = (i + 1) & m.smask {
		sl := &m.slots[i]
		if sl.hi == 0 {
			return wspan{}, false
		}
		if sl.hash == hash {
			return wspan{sl.lo, sl.hi}, true
		}
	}
}

// buildVocab fills m.vocab from the feature names and the packed weights;
// it leaves it nil (PredictTokens then hashes) when some name does not
// split into stems as featureNames builds them, or the stems are more than
// maxStems.
func (m *Model) buildVocab() {
	m.vocab = nil
	if m.slots == nil || m.stem == nil {
		return
	}
	v := &vocab{num: stemSlot{stemRef: stemRef{id: -1}}}
	type known struct {
		id  int32
		uni wspan
	}
	stems := map[string]*known{}
	stem := func(s string) *known {
		k := stems[s]
		if k == nil {
			k = &known{id: int32(len(stems))}
			stems[s] = k
		}
		return k
	}
	type bigram struct {
		a, b int32
		w    wspan
	}
	var bis []bigram
	for _, name := range m.names {
		w, ok := m.weightsOf(hashString(name))
		if !ok {
			continue // no weights: it adds nothing
		}
		switch {
		case name == biasFeature:
			v.bias = w
		case strings.HasPrefix(name, uniPrefix):
			s := name[len(uniPrefix):]
			if s == "" || strings.Contains(s, " ") {
				return
			}
			if k := stem(s); s != numberFeature {
				k.uni = w
			}
		case strings.HasPrefix(name, biPrefix):
			a, b, ok := strings.Cut(name[len(biPrefix):], " ")
			if !ok || a == "" || b == "" || strings.Contains(b, " ") {
				return
			}
			bis = append(bis, bigram{stem(a).id, stem(b).id, w})
		default:
			return
		}
	}
	if len(stems) > maxStems {
		return
	}
	bits := uint64(64)
	for bits < 16*uint64(len(stems)) {
		bits <<= 1
	}
	ns := uint64(16)
	for ns < 2*uint64(len(stems)) {
		ns <<= 1
	}
	v.filter, v.fmask = make([]uint64, bits/64), bits-1
	v.slots, v.smask = make([]stemSlot, ns), ns-1
	for i := range v.slots {
		v.slots[i].id = -1
	}
	byID := make([]string, len(stems)) // in the order the features named them, as the weights are
	for s, k := range stems {
		byID[k.id] = s
	}
	var words []string
	var refs []stemRef
	for _, s := range byID {
		k := stems[s]
		h := hashUni(s)
		sl := stemSlot{h, stemRef{k.id, k.uni}}
		if s == numberFeature {
			v.num = sl // never looked up by hash: numbers are told by their first rune
			continue
		}
		words, refs = append(words, s), append(refs, sl.stemRef)
		b := (h ^ h>>29) & v.fmask
		v.filter[b/64] |= 1 << (b % 64)
		i := (h ^ h>>29) & v.smask
		for v.slots[i].id >= 0 {
			i = (i + 1) & v.smask
		}
		v.slots[i] = sl
	}
	v.buildWords(m.stem, words, refs)
	n := uint32(16)
	for 2*n < 3*uint32(len(bis)) { // at most two thirds full
		n <<= 1
	}
	v.pairs, v.pmask = make([]pairSlot, n), n-1
	v.pairSeen = text.NewWordFilter(len(bis), 16)
	for _, bg := range bis {
		k := pairKey(bg.a, bg.b)
		v.pairSeen.Add(pairHash(k))
		i := pairHash(k) & v.pmask
		for v.pairs[i].key != 0 {
			i = (i + 1) & v.pmask
		}
		v.pairs[i] = pairSlot{k, bg.w}
	}
	m.addSpan(&v.start, v.bias)
	m.vocab = v
}

// pair returns the weights of the bigram of stems a and b.
func (v *vocab) pair(a, b int32) wspan {
	k := pairKey(a, b)
	h := pairHash(k)
	if !v.pairSeen.Has(h) {
		return wspan{}
	}
	for i := h & v.pmask; ; i = (i + 1) & v.pmask {
		sl := &v.pairs[i]
		switch sl.key {
		case 0:
			return wspan{}
		case k:
			return sl.w
		}
	}
}

// noStem is stemOf's answer for a token with neither letters nor digits,
// which has no stem; unknown its answer for a stem no feature names.
var (
	noStem  = &stemRef{id: -2}
	unknown = &stemRef{id: -1}
)

// stemOf returns the stem of a token (stemmer.stem of its Lower).
func (m *Model) stemOf(t *text.Token) *stemRef {
	v := m.vocab
	low := t.Lower
	if low == "" {
		return noStem
	}
	// Most words of running text are in words, and the rest of the
	// short ones have no known stem: only a long word needs the stemmer.
	short := len(low) <= maxWord
	if short {
		if ref := v.words.lookup(low, t.LowerHash()); ref != nil {
			return ref
		}
	}
	r := rune(low[0])
	if r >= utf8.RuneSelf {
		r, _ = utf8.DecodeRuneInString(low)
	}
	switch {
	case '0' <= r && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r):
		return &v.num.stemRef
	case !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsLetter(r)):
		return noStem
	case short:
		return unknown
	}
	h := fnvAdd(uniStart, m.stem.stemWord(low))
	i := (h ^ h>>29)
	if v.filter[i&v.fmask/64]&(1<<(i&v.fmask%64)) == 0 {
		return unknown
	}
	for i &= v.smask; ; i = (i + 1) & v.smask {
		sl := &v.slots[i]
		if sl.id < 0 || sl.hash == h {
			return &sl.stemRef
		}
	}
}

// addSpan adds one feature's weights.
func (m *Model) addSpan(sc *classScores, w wspan) { m.addRun(sc, w.lo, w.hi) }

// addRun adds the weights wv[lo:hi] to the scores wc[lo:hi].
func (m *Model) addRun(sc *classScores, lo, hi int32) {
	s := sc[:] // checked for nil once, not once a weight
	vals, cls := m.wv[lo:hi], m.wc[lo:hi]
	cls = cls[:len(vals)]
	for i, v := range vals {
		s[cls[i]&(2*maxClasses-1)] += float64(v)
	}
}

// scoreTokens sets sc to score's sums on a sentence's tokens through the
// vocab: the bias, then unigram and bigram of each stem, as score adds them.
func (m *Model) scoreTokens(sc *classScores, toks []text.Token) {
	v := m.vocab
	*sc = v.start     // zero plus the bias, added once at load
	prev := int32(-1) // no stem before the first: no bigram
	for i := range toks {
		t := &toks[i]
		if t.Kind != text.Word && t.Kind != text.Number {
			continue
		}
		st := m.stemOf(t)
		if st == noStem {
			continue
		}
		id := st.id
		if id >= 0 {
			if st.uni.hi > st.uni.lo {
				m.addSpan(sc, st.uni)
			}
			if prev >= 0 {
				if w := v.pair(prev, id); w.hi > w.lo {
					m.addSpan(sc, w)
				}
			}
		}
		prev = id
	}
}
