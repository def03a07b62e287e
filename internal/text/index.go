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
	seen  [1 << 15 / 64]uint64
	slots []slot   // open addressing; hash 0 marks an empty slot
	keys  []string // by id
}

// slot is one entry of Index.slots: a key's hash, number and text side by
// side, so that a hit reads one place rather than a hash array, an id
// array and the keys.
type slot struct {
	hash uint32
	id   int32
	key  string
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
	if 4*(len(x.keys)+1) > len(x.slots) { // at most a quarter full: short probes
		x.grow()
	}
	id := int32(len(x.keys))
	x.keys = append(x.keys, key)
	x.put(slot{h, id, key})
	x.seen[h>>17/64] |= 1 << (h >> 17 % 64)
	return id
}

func (x *Index) put(s slot) {
	m := uint32(len(x.slots) - 1)
	i := s.hash & m
	for x.slots[i].hash != 0 {
		i = (i + 1) & m
	}
	x.slots[i] = s
}

// grow doubles the table.
func (x *Index) grow() {
	old := x.slots
	x.slots = make([]slot, max(64, 2*len(old)))
	for _, s := range old {
		if s.hash != 0 {
			x.put(s)
		}
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
	m := uint32(len(x.slots) - 1)
	for i := h & m; ; i = (i + 1) & m {
		s := &x.slots[i]
		switch s.hash {
		case 0:
			return -1
		case h:
			if s.key == key {
				return s.id
			}
		}
	}
}

// Find is Lookup of a key whose hash is not known.
func (x *Index) Find(key string) int32 { return x.Lookup(key, Hash(key)) }
