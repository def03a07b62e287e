package text

// WordFilter is a Bloom filter of words by their Hash: Has false means the
// word was never added. Each hash sets two bits of one 64-bit word, chosen
// by its higher bits, so a lookup is one load: a table can rule out most
// words of an article (capitalised words that open no place name) before
// folding or looking anything up. At 8 bits a word some 6 absent words in
// a hundred get through, at 16 bits some 3.
type WordFilter []uint64

// NewWordFilter is an empty filter for n words at bitsPerWord bits each,
// rounded up to a power of two 64-bit words.
func NewWordFilter(n, bitsPerWord int) WordFilter {
	words := 1
	for 64*words < bitsPerWord*n {
		words <<= 1
	}
	return make(WordFilter, words)
}

// Add puts the word whose Hash is h in f.
func (f WordFilter) Add(h uint32) { f[(h>>12)&uint32(len(f)-1)] |= filterBits(h) }

// Has reports whether the word whose Hash is h may be in f.
func (f WordFilter) Has(h uint32) bool {
	b := filterBits(h)
	return f[(h>>12)&uint32(len(f)-1)]&b == b
}

func filterBits(h uint32) uint64 { return 1<<(h&63) | 1<<(h>>6&63) }
