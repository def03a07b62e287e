package langid

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestCountLists checks the one-look-up tally of all packs against each
// profile's own count.
func TestCountLists(t *testing.T) {
	id := newID(t)
	if id.listBits == nil {
		t.Fatal("no merged word lists for a few packs")
	}
	for _, s := range []string{
		"Demonstranterne i Kasakhstans største by har sat ild til præsidentens bolig, siger øjenvidner.",
		"Police in Almaty said on Thursday that dozens of protesters had been killed in the clashes.",
		"Die Polizei hat über hundert Menschen festgenommen, während Straßen gesperrt blieben.",
		"Señor Müller's café – naïve œuvre", "", "123 456",
	} {
		words, names := tokenizeNames(s, nil, nil)
		checkCount(t, id, s, words, names)
	}
}

// checkCount holds the one-look-up tally of all packs to each profile's
// own count of words, the words of s.
func checkCount(t *testing.T, id *Identifier, s string, words []string, names []uint64) {
	t.Helper()
	if len(words) == 0 {
		return
	}
	got := make([]tally, len(id.profiles))
	id.count(words, names, got)
	for i, p := range id.profiles {
		if want := p.count(words, names); got[i] != want {
			t.Fatalf("%q, %s: tally %+v, profile count %+v", s, p.lang, got[i], want)
		}
	}
}

// tokenizePlain is tokenizeNames without its shortcuts: the reference the
// fast paths must agree with. Its names are word indexes.
func tokenizePlain(s string) (out []string, names []int) {
	start := -1
	inside := false
	flush := func(end int) {
		if start >= 0 {
			w := strings.TrimRight(s[start:end], "'’")
			if strings.ContainsRune(w, '’') {
				w = strings.ReplaceAll(w, "’", "'")
			}
			if w != "" {
				if first, _ := utf8.DecodeRuneInString(w); inside && unicode.ToLower(first) != first {
					names = append(names, len(out))
				}
				out = append(out, strings.ToLower(w))
				inside = true
			}
		}
		start = -1
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start = i
			}
		case (r == '\'' || r == '’') && start >= 0:
		default:
			flush(i)
			if strings.ContainsRune(".!?:\n", r) {
				inside = false
			}
			if len(out) >= maxWords {
				return out, names
			}
		}
	}
	flush(len(s))
	return out, names
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Demonstranterne i Kasakhstans største by", "Don’t stop’ İstanbul KELVIN \u212a", "a\xffb Straße", "l'État’s",
		"Police in Malmö said: Crowds gathered. Ærø's ferry\nÆrø"} {
		f.Add(s)
	}
	id := newID(f)
	f.Fuzz(func(t *testing.T, s string) {
		words, names := tokenizeNames(s, nil, nil)
		want, wantNames := tokenizePlain(s)
		if !slices.Equal(words, want) {
			t.Fatalf("tokenize(%q) = %q, want %q", s, words, want)
		}
		var got []int
		for i := range words {
			if named(names, i) {
				got = append(got, i)
			}
		}
		if !slices.Equal(got, wantNames) {
			t.Fatalf("tokenizeNames(%q): names %v, want %v (words %q)", s, got, wantNames, words)
		}
		checkCount(t, id, s, words, names)
	})
}
