package text

import (
	"fmt"
	"strings"
	"testing"
)

func TestIndex(t *testing.T) {
	var x Index
	if x.Find("i") != -1 {
		t.Fatal("an empty index finds a key")
	}
	keys := []string{"i", "går", "torsdag", "mio.", "-", "", "tusind", "to", "i"}
	want := map[string]int32{}
	for _, k := range keys {
		id := x.Add(k)
		if old, ok := want[k]; ok && old != id {
			t.Fatalf("Add(%q) again = %d, want %d", k, id, old)
		}
		want[k] = id
	}
	// Enough keys to make the table grow several times.
	for i := 0; i < 500; i++ {
		k := fmt.Sprintf("ord%d", i)
		want[k] = x.Add(k)
	}
	if x.Len() != len(want) {
		t.Fatalf("Len = %d, want %d", x.Len(), len(want))
	}
	for k, id := range want {
		if got := x.Find(k); got != id {
			t.Errorf("Find(%q) = %d, want %d", k, got, id)
		}
		if x.Key(id) != k {
			t.Errorf("Key(%d) = %q, want %q", id, x.Key(id), k)
		}
	}
	for _, k := range []string{"I", "ga", "torsdage", "mio", "–", "ord500", "ord-1"} {
		if got := x.Find(k); got != -1 {
			t.Errorf("Find(%q) = %d, want -1", k, got)
		}
	}
	// A wrong hash finds nothing: the hash leads, the key confirms.
	if got := x.Lookup("går", Hash("gar")); got != -1 {
		t.Errorf("Lookup with another key's hash = %d", got)
	}
}

// TestIndexKeyBytes holds the slot's packed key to the key: a key looked up
// with the hash of another, its near twin, must not be taken for it.
func TestIndexKeyBytes(t *testing.T) {
	var x Index
	var keys []string
	for n := 0; n <= 40; n++ {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('a' + i%26)
		}
		keys = append(keys, string(b))
	}
	keys = append(keys, "a\x00", "\x00", "\x00\x00", "går", "gå")
	for _, k := range keys {
		x.Add(k)
	}
	for _, k := range keys {
		id := x.Find(k)
		if id < 0 || x.Key(id) != k {
			t.Fatalf("Find(%q) = %d", k, id)
		}
		h := Hash(k)
		var twins []string
		for i := 0; i < len(k); i++ {
			b := []byte(k)
			b[i] ^= 1
			twins = append(twins, string(b), k[:i]+k[i+1:])
		}
		twins = append(twins, k+"\x00", "\x00"+k, k+"a")
		for _, w := range twins {
			if got := x.Lookup(w, h); got >= 0 && x.Key(got) != w {
				t.Errorf("Lookup(%q, Hash(%q)) = %d, the id of %q", w, k, got, x.Key(got))
			}
		}
	}
}

// FuzzIndex holds Index to a map: a key is found, by its own hash or by
// another's, exactly when it was added.
func FuzzIndex(f *testing.F) {
	f.Add("i går i morgen", "i")
	f.Add("torsdag fredag lørdag søndag", "lørdagx")
	f.Add("abcdefghijklmnopq abcdefghijklmnopr", "abcdefghijklmnopr")
	f.Fuzz(func(t *testing.T, keys, probe string) {
		var x Index
		ids := map[string]int32{}
		for _, k := range strings.Split(keys, " ") {
			ids[k] = x.Add(k)
		}
		for k, id := range ids {
			if got := x.Find(k); got != id {
				t.Fatalf("Find(%q) = %d, want %d", k, got, id)
			}
			// probe with k's hash: found only when it is k.
			want := int32(-1)
			if probe == k {
				want = id
			}
			if got := x.Lookup(probe, Hash(k)); got != want {
				t.Fatalf("Lookup(%q, Hash(%q)) = %d, want %d", probe, k, got, want)
			}
		}
		want, ok := ids[probe]
		if !ok {
			want = -1
		}
		if got := x.Find(probe); got != want {
			t.Fatalf("Find(%q) = %d, want %d", probe, got, want)
		}
	})
}

func TestTokenHash(t *testing.T) {
	for _, tc := range []struct {
		tok  Token
		want uint32
	}{
		{Token{Lower: "politiet"}, Hash("politiet")},
		{Token{Lower: "politiet", Hash: 7}, 7}, // the segmenter's word is taken as given
		{Token{}, Hash("")},
	} {
		if got := tc.tok.LowerHash(); got != tc.want {
			t.Errorf("%+v: LowerHash = %d, want %d", tc.tok, got, tc.want)
		}
	}
	if Hash("") == 0 {
		t.Error("Hash is 0, which means not computed")
	}
}

func BenchmarkIndexLookup(b *testing.B) {
	var x Index
	m := map[string]int32{}
	for i := 0; i < 400; i++ {
		k := fmt.Sprintf("ord%d", i)
		m[k] = x.Add(k)
	}
	words := []string{"demonstranter", "i", "ord17", "har", "sat", "ild", "til", "ord399", "bolig", "torsdag"}
	hashes := make([]uint32, len(words))
	for i, w := range words {
		hashes[i] = Hash(w)
	}
	b.Run("index", func(b *testing.B) {
		n := 0
		for i := 0; i < b.N; i++ {
			for k, w := range words {
				if x.Lookup(w, hashes[k]) >= 0 {
					n++
				}
			}
		}
		if n == 0 {
			b.Fatal("nothing found")
		}
	})
	b.Run("map", func(b *testing.B) {
		n := 0
		for i := 0; i < b.N; i++ {
			for _, w := range words {
				if _, ok := m[w]; ok {
					n++
				}
			}
		}
		if n == 0 {
			b.Fatal("nothing found")
		}
	})
}
