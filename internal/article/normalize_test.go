package article

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only spaces", " \t \n\r\n \u00a0", ""},
		{"clean one line", "Brand i Odense", "Brand i Odense"},
		{"clean blocks", "Overskrift\n\nFørste afsnit.\n\nAndet afsnit.", "Overskrift\n\nFørste afsnit.\n\nAndet afsnit."},
		{"crlf", "Overskrift\r\n\r\nTekst her.\r\n", "Overskrift\n\nTekst her."},
		{"lone cr", "Overskrift\r\rTekst.", "Overskrift\n\nTekst."},
		{"tabs and nbsp", "Mindst\t12\u00a0betjente  er\u2009døde", "Mindst 12 betjente er døde"},
		{"trim lines", "  Overskrift  \n\n   Tekst.   ", "Overskrift\n\nTekst."},
		{"zero width and bom", "\ufeffOver\u200bskrift\n\nTe\u00adkst\u200d.", "Overskrift\n\nTekst."},
		{"control chars", "Over\x01skrift\x7f\n\nTekst\x1b.", "Overskrift\n\nTekst."},
		{"nfc", "Bla\u030aba\u0308r og e\u0301", "Blåbär og é"},
		{"nfc after zero width removed", "e\u200b\u0301", "é"},
		{"many blank lines", "Overskrift\n\n\n\n\nTekst.\n\n\n", "Overskrift\n\nTekst."},
		{"blank lines with spaces", "Overskrift\n \t \nTekst.", "Overskrift\n\nTekst."},
		{"wrapped paragraph", "Overskrift\n\nDet dramatiske oprør\ni Kasakhstan fortsætter.\n\nNæste afsnit.", "Overskrift\n\nDet dramatiske oprør i Kasakhstan fortsætter.\n\nNæste afsnit."},
		{"headline stands alone", "Overskrift\nFørste linje\nfortsætter\n\nNæste.", "Overskrift\n\nFørste linje fortsætter\n\nNæste."},
		{"no blank lines: one line one paragraph", "Overskrift\nFørste afsnit.\nAndet afsnit.", "Overskrift\n\nFørste afsnit.\n\nAndet afsnit."},
		{"leading blank lines", "\n\n\nOverskrift\n\nTekst.", "Overskrift\n\nTekst."},
		{"paragraph separator", "Overskrift\u2029Tekst.", "Overskrift\n\nTekst."},
		{"line separator", "Overskrift\u2028Tekst.", "Overskrift\n\nTekst."},
		{"invalid utf8", "Gr\xf8nland\n\nTekst.", "Gr\ufffdnland\n\nTekst."},
		{"space before comma kept", "The Guardian , melder", "The Guardian , melder"},
		{"ideographic space", "a\u3000\u3000b", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

// TestNormalizeSeed checks that the seed article is already normalised text,
// so that its gold offsets hold.
func TestNormalizeSeed(t *testing.T) {
	data, err := os.ReadFile("../../../shared/examples/da-kasakhstan-2022-01-06.txt")
	if err != nil {
		t.Skip("seed article not present:", err)
	}
	s := string(data)
	got := Normalize(s)
	if got != strings.TrimRight(s, "\n") {
		t.Errorf("seed article changed by Normalize")
	}
	if !isNormal(got) {
		t.Errorf("normalised seed does not take the fast path")
	}
	if first := firstBlock(got); !strings.HasPrefix(first, "Demonstranterne i Kasakhstans største by") {
		t.Errorf("first block = %q", first)
	}
}

// checkNormal fails t unless s meets every promise of Normalize.
func checkNormal(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8: %q", s)
	}
	if s == "" {
		return
	}
	if strings.Contains(s, "\n\n\n") || strings.HasPrefix(s, "\n") || strings.HasSuffix(s, "\n") {
		t.Fatalf("bad block separators: %q", s)
	}
	for _, b := range strings.Split(s, "\n\n") {
		if b == "" || strings.Contains(b, "\n") || strings.Contains(b, "  ") || strings.Trim(b, " ") != b {
			t.Fatalf("bad block %q in %q", b, s)
		}
	}
	for _, r := range s {
		if r != '\n' && dropOrSpace(r) && r != ' ' {
			t.Fatalf("character %U left in %q", r, s)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "a", "Overskrift\n\nTekst.", "a\r\n b\t\u00a0c\n\n\nd", "e\u200b\u0301", "\xff\xfe", " \n ", "x\u2029y\u2028z", "A\n\u0301b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Normalize(s)
		checkNormal(t, got)
		if again := Normalize(got); again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, got, again)
		}
		if slow := normalize(s, true); slow != got {
			t.Fatalf("fast path %q differs from slow path %q for %q", got, slow, s)
		}
		if !isNormal(got) {
			t.Fatalf("normal text %q misses the fast path", got)
		}
	})
}

var benchText = func() string {
	para := "Regeringsbygninger står i flammer, biler er efterladt helt udbrændte, mens regulære gadekampe mellem ordensmagten og demonstranterne har efterladt 400 sårede på hospitalet. Officielle kilder melder, at mindst 12 betjente har mistet livet."
	var b strings.Builder
	b.WriteString("Demonstranterne i Kasakhstans største by har sat ild til præsidentens bolig")
	for b.Len() < 1<<20 {
		b.WriteString("\n\n")
		b.WriteString(para)
	}
	return b.String()
}()

func BenchmarkNormalizeClean(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Normalize(benchText)
	}
}

func BenchmarkNormalizeDirty(b *testing.B) {
	dirty := strings.ReplaceAll(benchText, "\n\n", "\r\n\r\n  ")
	dirty = strings.ReplaceAll(dirty, " ", "\u00a0")
	b.SetBytes(int64(len(dirty)))
	for b.Loop() {
		Normalize(dirty)
	}
}
