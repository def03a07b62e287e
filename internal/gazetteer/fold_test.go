package gazetteer

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/urodata/uro/internal/text"

	"golang.org/x/text/unicode/norm"
)

// TestFoldLatinTable checks the rune-by-rune decomposition of Latin letters
// against the general NFD path, which a CJK letter in the name forces.
func TestFoldLatinTable(t *testing.T) {
	for r := rune(0x80); r < latinEnd+8; r++ {
		for _, s := range []string{"x" + string(r) + "y", "X-" + string(r), string(r) + "\u0301z", string(r) + string(r)} {
			fast, slow := Fold(s), Fold(s+" 一")
			want := fast + " 一"
			switch {
			case Check(s+" 一") != nil:
				want = ""
			case fast == "":
				want = "一"
			}
			if slow != want {
				t.Fatalf("Fold(%q) = %q, but the NFD path folds %q to %q", s, fast, s+" 一", slow)
			}
		}
	}
}

// foldNFD is Fold the plain way: the whole name through NFD, rune by rune.
// appendFold's fast paths must agree with it.
func foldNFD(name string) string {
	if len(name) > MaxName || name == "" || !utf8.ValidString(name) {
		return ""
	}
	f := folder{space: true}
	// NFD.String, not norm.Iter, which panics on some text ("aﾯ︯ﾯ").
	for _, r := range norm.NFD.String(name) {
		var ok bool
		if f, ok = f.put(r); !ok {
			return ""
		}
	}
	if f.space && len(f.b) > 0 {
		f.b = f.b[:len(f.b)-1]
	}
	return string(f.b)
}

func FuzzFoldPaths(f *testing.F) {
	for _, s := range []string{"Kasakhstans", "São Paulo", "N'Djamena", "Ǖber-straße", "e\u0301\u0323x", "Москва", "a\x01", "一ﾯ︯ﾯ", "0ﾯ︯ﾯ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if want := foldNFD(s); got != want {
			t.Fatalf("Fold(%q) = %q, the plain NFD fold gives %q", s, got, want)
		}
		checkFoldHash(t, s)
	})
}

// checkFoldHash checks FoldHash(w) against the hash of Fold(w), and that w
// folds the same after a word and a space, as FoldHash promises.
func checkFoldHash(t *testing.T, w string) {
	t.Helper()
	h, ok := FoldHash(w)
	if !ok {
		return
	}
	if len(w) > MaxName {
		return // Fold rejects it; FoldHash need not
	}
	f := Fold(w)
	if want := text.Hash(f); h != want {
		t.Fatalf("FoldHash(%q) = %d, want text.Hash(%q) = %d", w, h, f, want)
	}
	if strings.Contains(f, " ") {
		t.Fatalf("FoldHash(%q) accepted a word that folds to %q", w, f)
	}
	if in := Fold("Ab " + w); f != "" && len(w)+3 <= MaxName && in != "ab "+f {
		t.Fatalf("Fold(%q) = %q, want %q", "Ab "+w, in, "ab "+f)
	}
}

// TestFoldHash checks FoldHash on words of every kind, and that it takes
// the words it is meant for.
func TestFoldHash(t *testing.T) {
	for _, w := range []string{"Kasakhstans", "København", "Kazakhstan's", "Straße", "Ærø", "Łódź", "O’Connor", "x", "Ñandú", "İzmir", "Dž", "", "'"} {
		checkFoldHash(t, w)
	}
	for r := rune(0); r < latinEnd+64; r++ {
		for _, w := range []string{string(r), "a" + string(r), string(r) + "b", string(r) + "\u0301"} {
			checkFoldHash(t, w)
		}
	}
	for _, w := range []string{"Kasakhstans", "København", "Kazakhstan's", "Straße", "Ærø", "O’Connor"} {
		if _, ok := FoldHash(w); !ok {
			t.Errorf("FoldHash(%q) is not ok", w)
		}
	}
	for _, w := range []string{"FN-styrken", "M23", "Москва", "St.", "a b", "e\u0301"} {
		if _, ok := FoldHash(w); ok {
			t.Errorf("FoldHash(%q) is ok, want a fold", w)
		}
	}
}

// TestLatinSteps checks that every Latin rune the step table takes a short
// cut for folds as the plain NFD path folds it, after a word, after a
// space and alone, and that the short cuts cover the common letters.
func TestLatinSteps(t *testing.T) {
	fast := 0
	for r := rune(utf8.RuneSelf); r < latinEnd; r++ {
		if latinSteps[r-utf8.RuneSelf].kind != stepSlow {
			fast++
		}
		for _, s := range []string{"ab" + string(r) + "c", "ab " + string(r) + "c", "a-" + string(r), string(r), string(r) + string(r) + "x", "æ" + string(r) + "-ø"} {
			if got, want := Fold(s), foldNFD(s); got != want {
				t.Errorf("Fold(%q) = %q, the plain NFD fold gives %q (step kind %d)", s, got, want, latinSteps[r-utf8.RuneSelf].kind)
			}
		}
	}
	for _, r := range "æøåÆØÅéüöäßñçł" {
		if latinSteps[r-utf8.RuneSelf].kind != stepText {
			t.Errorf("%q takes the slow path", r)
		}
	}
	if fast < 300 {
		t.Errorf("only %d of %d Latin runes have a step", fast, latinEnd-utf8.RuneSelf)
	}
}

// TestFoldNoPanic: x/text's norm.Iter panics on some text after a
// non-ASCII rune; Fold must fold it, not crash the geocoder on a token.
func TestFoldNoPanic(t *testing.T) {
	for _, s := range []string{"一ﾯ︯ﾯ", "é aﾯ︯ﾯ", "0ﾯ︯ﾯ"} {
		if got, want := Fold(s), foldNFD(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}
