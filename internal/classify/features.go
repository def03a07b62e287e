package classify

// Features of a sentence: a bias, every stem (unigram) and every pair of
// neighbouring stems (bigram). A number alone is no unigram: dates and counts
// are in every kind of report, and only next to a word ("12 killed") do they
// say anything. Training names them as strings; prediction
// hashes the same bytes without building the strings, so the two agree as
// long as both go through the functions here.

const (
	biasFeature = "^"
	uniPrefix   = "u "
	biPrefix    = "b "
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hashString(s string) uint64 { return fnvAdd(fnvOffset, s) }

func hashUni(s string) uint64 { return fnvAdd(fnvAdd(fnvOffset, uniPrefix), s) }

func hashBi(a, b string) uint64 {
	return fnvAdd(fnvAdd(fnvAdd(fnvAdd(fnvOffset, biPrefix), a), " "), b)
}

// stems maps tokens to their stems, dropping tokens without letters or digits.
func (st *stemmer) stems(dst []string, tokens []string) []string {
	for _, t := range tokens {
		if s := st.stem(t); s != "" {
			dst = append(dst, s)
		}
	}
	return dst
}

// featureNames lists the features of a sentence as strings (for training).
func featureNames(stems []string) []string {
	out := make([]string, 0, 2*len(stems)+1)
	out = append(out, biasFeature)
	for i, s := range stems {
		if s != numberFeature {
			out = append(out, uniPrefix+s)
		}
		if i > 0 {
			out = append(out, biPrefix+stems[i-1]+" "+s)
		}
	}
	return out
}
