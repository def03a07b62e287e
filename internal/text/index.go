package text

// Hash is the hash of a lower-cased word that the segmenter stores in
// Token.Hash, so that every layer looks a token up in its tables (see Index)
// without hashing the word again. It is FNV-1a, and never 0: a zero
// Token.Hash means "not computed" (a token made by hand).
func Hash(s string) uint32 {
	h := uint32(HashOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= HashPrime
	}
	if h == 0 {
		h = 1
	}
	return h
}

// HashOffset and HashPrime are Hash's FNV-1a constants, for the layers that
// hash a word while they read it (the segmenter, the gazetteer's folding)
// and must arrive at Hash's value.
const (
	HashOffset = 2166136261
	HashPrime  = 16777619
)

// LowerHash returns Hash(t.Lower), computed once by the segmenter.
func (t *Token) LowerHash() uint32 {
	if t.Hash != 0 {
		return t.Hash
	}
	return Hash(t.Lower)
}

// Index numbers a set of keys 0, 1, 2 … in the order they were added, and
// finds a key's number from its Hash: an open-addressing table that, unlike a
// map, never hashes the key it is asked for, and whose hash array, small
// enough for the nearest cache, answers most misses with one load.
type Index struct {
	// seen has bit h>>17 set for the hash h of every key: most words of
	// running text are in no table, and one load of this small set rules
	// them out before any probe.
	seen   [1 << 15 / 64]uint64
	hashes []uint32 // by slot; 0 for an empty slot
	ids    []int32  // by slot
	keys   []string // by id
}

// Len returns the number of keys.
func (x *Index) Len() int { return len(x.keys) }

// Key returns the key numbered id.
func (x *Index) Key(id int32) string { return x.keys[id] }

// Add returns the number of key, adding it when new.
func (x *Index) Add(key string) int32 {
	h := Hash(key)
	if id := x.Lookup(key, h); id >= 0 {
		return id
	}
	if 4*(len(x.keys)+1) > len(x.hashes) { // at most a quarter full: short probes
		x.grow()
	}
	id := int32(len(x.keys))
	x.keys = append(x.keys, key)
	x.put(h, id)
	x.seen[h>>17/64] |= 1 << (h >> 17 % 64)
	return id
}

func (x *Index) put(h uint32, id int32) {
	m := uint32(len(x.hashes) - 1)
	i := h & m
	for x.hashes[i] != 0 {
		i = (i + 1) & m
	}
	x.hashes[i], x.ids[i] = h, id
}

// grow doubles the table.
func (x *Index) grow() {
	n := max(64, 2*len(x.hashes))
	x.hashes, x.ids = make([]uint32, n), make([]int32, n)
	for id, k := range x.keys {
		x.put(Hash(k), int32(id))
	}
}

// Lookup returns the number of key, whose Hash is h, or -1.
func (x *Index) Lookup(key string, h uint32) int32 {
	if x.seen[h>>17/64]&(1<<(h>>17%64)) == 0 {
		return -1
	}
	return x.probe(key, h)
}

// probe is Lookup past the seen test: Lookup itself stays small enough to
// inline, so that a miss costs no call.
func (x *Index) probe(key string, h uint32) int32 {
	m := uint32(len(x.hashes) - 1)
	for i := h & m; ; i = (i + 1) & m {
		switch x.hashes[i] {
		case 0:
			return -1
		case h:
			if id := x.ids[i]; x.keys[id] == key {
				return id
			}
		}
	}
}

// Find is Lookup of a key whose hash is not known.
func (x *Index) Find(key string) int32 { return x.Lookup(key, Hash(key)) }
