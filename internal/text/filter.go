package text

// Filter is a cheap, exact-when-it-says-no test of membership in a set of
// lower-cased words, put in front of a map so that most tokens of running
// text, which are in no pack table, never hash a whole string. It says
// "maybe" for every member, so the map look-up behind it stays exact.
//
// It checks three things: first byte and length, last byte and length (which
// rule out most short common words that share a first byte with some key,
// "in" and "i"), and a bit set keyed by a hash of the length and the two
// bytes at each end.
type Filter struct {
	first, last [256]uint64
	ends        [1 << 10]uint64
}

func endsHash(s string) uint32 {
	n := len(s)
	h := uint32(n)*0x9E3779B1 ^ uint32(s[0])*0x85EBCA77 ^ uint32(s[n-1])*0xC2B2AE3D
	if n > 1 {
		h ^= uint32(s[1])*0x27D4EB2F + uint32(s[n-2])*0x165667B1
	}
	h ^= h >> 16
	return h & (1<<16 - 1)
}

// Add puts s in the set.
func (f *Filter) Add(s string) {
	if s != "" {
		bit := uint64(1) << min(len(s), 63)
		f.first[s[0]] |= bit
		f.last[s[len(s)-1]] |= bit
		h := endsHash(s)
		f.ends[h/64] |= 1 << (h % 64)
	}
}

// Maybe reports whether s may be in the set; false means it is not.
func (f *Filter) Maybe(s string) bool {
	if len(s) == 0 {
		return true
	}
	bit := uint64(1) << min(len(s), 63)
	if f.first[s[0]]&bit == 0 || f.last[s[len(s)-1]]&bit == 0 {
		return false
	}
	h := endsHash(s)
	return f.ends[h/64]&(1<<(h%64)) != 0
}
