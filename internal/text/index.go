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
// map, never hashes the key it is asked for. Every stage keeps a few of them
// and looks every token up in each, so they are laid out for the cache: a
// small filter answers most misses with one load, and a hit reads one slot,
// which holds the key's bytes, not a pointer to them.
type Index struct {
	// seen has bit h&63 of word h>>25 set for the hash h of every key: most
	// words of running text are in no table, and one load of this small
	// set rules them out before any probe. One kilobyte, so that the
	// filters of all the stages' indexes stay in the nearest caches.
	seen  [128]uint64
	slots []slot   // open addressing; hash 0 marks an empty slot
	keys  []string // by id
}

// slot is one entry of Index.slots: a key's hash, number, length and bytes
// (see pack) side by side, so that a hit reads one place, not also the
// key's bytes wherever the heap put them.
type slot struct {
	hash   uint32
	idLen  uint32 // id<<8 | the key's length, or 255 when longer
	lo, hi uint64
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
	lo, hi := pack(key)
	x.put(slot{h, uint32(id)<<8 | uint32(min(len(key), 255)), lo, hi})
	x.seen[h>>25] |= 1 << (h & 63)
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
	if x.seen[h>>25]&(1<<(h&63)) != 0 {
		return x.probe(key, h)
	}
	return -1
}

// probe is Lookup past the seen test: Lookup itself stays small enough to
// inline, so that a miss costs no call.
func (x *Index) probe(key string, h uint32) int32 {
	n := len(key)
	if n > 16 {
		return x.probeLong(key, h)
	}
	// pack, inlined by hand: this is the hit path of every stage's
	// look-ups, and it makes no call, so that nothing is spilled.
	var lo, hi uint64
	switch {
	case n >= 8:
		lo, hi = load64(key, 0), load64(key, n-8)
	case n >= 4:
		lo = uint64(load32(key, 0)) | uint64(load32(key, n-4))<<32
	case n > 0:
		lo = uint64(key[0]) | uint64(key[n/2])<<8 | uint64(key[n-1])<<16
	}
	m := uint32(len(x.slots) - 1)
	for i := h & m; ; i = (i + 1) & m {
		s := &x.slots[i]
		if s.hash == h && s.idLen&255 == uint32(n) && s.lo == lo && s.hi == hi {
			return int32(s.idLen >> 8)
		}
		if s.hash == 0 {
			return -1
		}
	}
}

// probeLong is probe of a key longer than 16 bytes, which pack does not
// tell apart: the key is compared in full.
func (x *Index) probeLong(key string, h uint32) int32 {
	m := uint32(len(x.slots) - 1)
	for i := h & m; ; i = (i + 1) & m {
		s := &x.slots[i]
		if s.hash == h && s.idLen&255 == uint32(min(len(key), 255)) && x.keys[s.idLen>>8] == key {
			return int32(s.idLen >> 8)
		}
		if s.hash == 0 {
			return -1
		}
	}
}

// pack returns the bytes of key in two words, which with its length tell
// it from every other key of up to 16 bytes: its first and last eight
// bytes, overlapping, or for a shorter key its first and last four, or its
// first, middle and last byte. A longer key is to be compared in full.
func pack(key string) (lo, hi uint64) {
	switch n := len(key); {
	case n >= 8:
		return load64(key, 0), load64(key, n-8)
	case n >= 4:
		return uint64(load32(key, 0)) | uint64(load32(key, n-4))<<32, 0
	case n > 0:
		return uint64(key[0]) | uint64(key[n/2])<<8 | uint64(key[n-1])<<16, 0
	}
	return 0, 0
}

// load32 reads the four bytes s[i:i+4], little-endian.
func load32(s string, i int) uint32 {
	s = s[i : i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// Find is Lookup of a key whose hash is not known.
func (x *Index) Find(key string) int32 { return x.Lookup(key, Hash(key)) }
