package segment

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/urodata/uro/internal/text"
)

func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"",
		"Overskrift\n\nDen er i kraft frem til 19. januar. Rusland har sendt tropper.",
		"H\n\n- Boligen blev brændt. Foto: Valery Sharifulin/Tass/Ritzau Scanpix\n\n(Foto: AP)",
		"Mr. Biden met the U.S. Army in Jan. 5. The 2.000, 1,5 mio. kr. osv. J. R. R. Tolkien...",
		"\n\n\n\nx\n\n \n\n»Nej!« sagde han. (Arkivfoto: X/Y) Så gik han…",
		"Æ. Ø. Å. İstanbul ǅemal ß 2–3 23-årige 1990'erne don't 10:30.",
		"a\xffb. C\xc3.",
	} {
		f.Add(s)
	}
	s := seg(f, "da")
	f.Fuzz(func(t *testing.T, in string) {
		checkDoc(t, in, s.Segment(in))
		toks := s.Tokenize(in, 0, len(in))
		checkTokens(t, in, toks, 0, len(in))
	})
}

func checkTokens(t *testing.T, in string, toks []text.Token, lo, hi int) {
	t.Helper()
	valid := utf8.ValidString(in)
	prev := lo
	for _, tk := range toks {
		switch {
		case tk.Start < prev || tk.End <= tk.Start || tk.End > hi:
			t.Fatalf("token %+v out of order or bounds [%d,%d) after %d", tk, lo, hi, prev)
		case tk.Text != in[tk.Start:tk.End]:
			t.Fatalf("token %+v text is not in[%d:%d] = %q", tk, tk.Start, tk.End, in[tk.Start:tk.End])
		case tk.Lower != strings.ToLower(tk.Text):
			t.Fatalf("token %+v: Lower is not %q", tk, strings.ToLower(tk.Text))
		case tk.Hash != text.Hash(tk.Lower):
			t.Fatalf("token %+v: Hash is not %d", tk, text.Hash(tk.Lower))
		case valid && (!utf8.RuneStart(in[tk.Start]) || (tk.End < len(in) && !utf8.RuneStart(in[tk.End]))):
			t.Fatalf("token %+v cuts a rune", tk)
		case strings.TrimSpace(tk.Text) != tk.Text:
			t.Fatalf("token %+v has spaces at its edges", tk)
		case tk.Plain != (tk.Kind == text.Word && !strings.ContainsAny(tk.Text, ".'’")):
			t.Fatalf("token %+v: Plain is wrong", tk)
		case tk.Letters != (tk.Kind == text.Word && asciiLetters(tk.Text)):
			t.Fatalf("token %+v: Letters is wrong", tk)
		}
		prev = tk.End
	}
}

// asciiLetters is the definition of text.Token.Letters for a word.
func asciiLetters(w string) bool {
	for _, c := range []byte(w) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return w != ""
}

func checkDoc(t *testing.T, in string, d *text.Doc) {
	t.Helper()
	if d.Text != in {
		t.Fatal("doc text differs from input")
	}
	prevBlock := 0
	next := 0 // the next sentence index a block must list
	for bi, b := range d.Blocks {
		if b.Start < prevBlock || b.End <= b.Start || b.End > len(in) {
			t.Fatalf("block %d [%d,%d) out of order or bounds", bi, b.Start, b.End)
		}
		if strings.Contains(in[b.Start:b.End], "\n\n") {
			t.Fatalf("block %d spans a block break", bi)
		}
		if (bi == 0) != (b.Kind == text.Headline) {
			t.Fatalf("block %d has kind %v", bi, b.Kind)
		}
		prevBlock = b.End
		if len(b.Sentences) == 0 {
			t.Fatalf("block %d has no sentences", bi)
		}
		for _, si := range b.Sentences {
			if si != next {
				t.Fatalf("block %d lists sentence %d, want %d", bi, si, next)
			}
			next++
			s := d.Sentences[si]
			if s.Block != bi || s.Start < b.Start || s.End > b.End || s.End <= s.Start {
				t.Fatalf("sentence %d [%d,%d) of block %d not inside block %d [%d,%d)", si, s.Start, s.End, s.Block, bi, b.Start, b.End)
			}
			if si > 0 && d.Sentences[si-1].End > s.Start {
				t.Fatalf("sentence %d overlaps the one before", si)
			}
			if b.Kind == text.Caption && !s.Caption {
				t.Fatalf("sentence %d of caption block %d is not a caption", si, bi)
			}
			if len(s.Tokens) == 0 || s.Tokens[0].Start != s.Start || s.Tokens[len(s.Tokens)-1].End != s.End {
				t.Fatalf("sentence %d [%d,%d) does not begin and end with its tokens", si, s.Start, s.End)
			}
			checkTokens(t, in, s.Tokens, s.Start, s.End)
		}
	}
	if next != len(d.Sentences) {
		t.Fatalf("blocks list %d of %d sentences", next, len(d.Sentences))
	}
}

// TestInvariants runs the fuzz checks over the test texts, so that plain
// `go test` guards them too.
func TestInvariants(t *testing.T) {
	s := seg(t, "en")
	for _, in := range []string{
		"Headline\n\nThe U.S. Army sent 3,000 troops. Photo: J. Doe/Reuters\n\n— We stay, she said.\n\nPhoto: AP",
		"Kontoret brænder. Foto: AP. Politiet er på stedet.",
	} {
		checkDoc(t, in, s.Segment(in))
	}
}

// FuzzWord holds the tokenizer's inline reading of plain ASCII words to
// word, which reads every word.
func FuzzWord(f *testing.F) {
	for _, s := range []string{
		"Politiet anholdt 35 i Aarhus, skriver DR. Se mere",
		"tv-station COVID-19 don't f.eks. H. C. Andersen Æble søndag",
		"abc", "Abc.", "ab'", "ab-", "ab\xc3", "ab\xc3\xa6c ABC!", "ab1 A1. Ab-c Ab. Å",
	} {
		f.Add(s)
	}
	s := seg(f, "da")
	f.Fuzz(func(t *testing.T, in string) {
		tz := &tokenizer{s: s, lower: new(strings.Builder)}
		for _, tk := range s.Tokenize(in, 0, len(in)) {
			if tk.Kind != text.Word {
				continue
			}
			_, n := decode(in, tk.Start, len(in))
			j, h, lc, plain := tz.word(in, tk.Start, tk.Start+n, len(in))
			if j != tk.End || plain != tk.Plain || (lc&lcLetters != 0) != tk.Letters || lc != lcOther && h != tk.Hash {
				t.Fatalf("%q: token %+v, word reads [%d,%d) hash %d case %d plain %v", in, tk, tk.Start, j, h, lc, plain)
			}
		}
	})
}
