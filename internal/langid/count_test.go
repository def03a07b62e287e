package langid

import (
	"slices"
	"strings"
	"testing"
	"unicode"
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
		checkCount(t, id, s, tokenize(s, nil))
	}
}

// checkCount holds the one-look-up tally of all packs to each profile's
// own count of words, the words of s.
func checkCount(t *testing.T, id *Identifier, s string, words []string) {
	t.Helper()
	if len(words) == 0 {
		return
	}
	got := make([]tally, len(id.profiles))
	id.count(words, got)
	for i, p := range id.profiles {
		if want := p.count(words); got[i] != want {
			t.Fatalf("%q, %s: tally %+v, profile count %+v", s, p.lang, got[i], want)
		}
	}
}

// tokenizePlain is tokenize without its shortcuts: the reference the fast
// paths must agree with.
func tokenizePlain(s string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := strings.TrimRight(s[start:end], "'’")
			if strings.ContainsRune(w, '’') {
				w = strings.ReplaceAll(w, "’", "'")
			}
			if w != "" {
				out = append(out, strings.ToLower(w))
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
			if len(out) >= maxWords {
				return out
			}
		}
	}
	flush(len(s))
	return out
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Demonstranterne i Kasakhstans største by", "Don’t stop’ İstanbul KELVIN \u212a", "a\xffb Straße", "l'État’s"} {
		f.Add(s)
	}
	id := newID(f)
	f.Fuzz(func(t *testing.T, s string) {
		words := tokenize(s, nil)
		if want := tokenizePlain(s); !slices.Equal(words, want) {
			t.Fatalf("tokenize(%q) = %q, want %q", s, words, want)
		}
		checkCount(t, id, s, words)
	})
}
