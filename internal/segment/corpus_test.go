package segment

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/urodata/uro/internal/text"
)

// shared is where the project's shared data lives beside the checkout.
const shared = "../../../shared"

// readShared returns a file under shared/, or skips the test when it is absent.
func readShared(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(shared + "/" + path)
	if err != nil {
		t.Skipf("shared data absent: %v", err)
	}
	return string(b)
}

// normalise makes article text the simple way: trimmed non-empty lines, each a block.
func normalise(s string) string {
	var blocks []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			blocks = append(blocks, l)
		}
	}
	return strings.Join(blocks, "\n\n")
}

func TestSeedArticle(t *testing.T) {
	d := seg(t, "da").Segment(normalise(readShared(t, "examples/da-kasakhstan-2022-01-06.txt")))
	sents := sentenceTexts(d)
	for _, want := range []string{
		"Officielle kilder melder, at mindst 12 betjente har mistet livet.",
		"Den er i kraft frem til 19. januar.",
		"Både specialstyrker fra 76. luftbårne division og specialstyrker fra 45. luftbårne brigade er sendt afsted.",
		"De seneste tre dage har der været omfattende protester i Kasakhstan udløst af højere priser på brændstof.",
		"Bormesterens kontor i Almaty i flammer.",
	} {
		i := slices.Index(sents, want)
		if i < 0 {
			t.Errorf("no sentence %q", want)
		} else if d.Sentences[i].Caption {
			t.Errorf("%q is marked as a caption", want)
		}
	}
	var credits []string
	for _, s := range d.Sentences {
		if s.Caption {
			credits = append(credits, d.Text[s.Start:s.End])
		}
	}
	wantCredits := []string{
		"Foto: Valery Sharifulin/Tass/Ritzau Scanpix",
		"Foto: Pavel Mikheyev/Ritzau Scanpix",
		"Foto: Alexander Bogdanov/Ritzau Scanpix",
		"Foto: Alexander Bogdanov/Ritzau Scanpix",
	}
	if !slices.Equal(credits, wantCredits) {
		t.Errorf("caption sentences %q, want %q", credits, wantCredits)
	}
	kinds := map[text.BlockKind][]string{}
	for _, b := range d.Blocks {
		s := d.Text[b.Start:b.End]
		if b.Kind == text.QuoteBlock {
			s = strings.Join(strings.Fields(s)[:3], " ") // the opening words are enough
		}
		kinds[b.Kind] = append(kinds[b.Kind], s)
	}
	for kind, want := range map[text.BlockKind][]string{
		text.Headline:   {"Demonstranterne i Kasakhstans største by har sat ild til præsidentens bolig, fortæller et øjenvidne"},
		text.Subheading: {"Bøjer sig", "Beder Putin om hjælp"},
		text.QuoteBlock: {"- Boligen blev", "- I nat"},
		text.Caption:    {"Foto: Pavel Mikheyev/Ritzau Scanpix", "Foto: Alexander Bogdanov/Ritzau Scanpix"},
	} {
		if !slices.Equal(kinds[kind], want) {
			t.Errorf("%v blocks %q, want %q", kind, kinds[kind], want)
		}
	}
	if d.Blocks[0].Kind != text.Headline {
		t.Errorf("block 0 is %v", d.Blocks[0].Kind)
	}
}

// TestDDTBoundaries measures sentence-end F1 on the Danish UD treebank (dev).
// The file has no document or paragraph markers, so its sentences are joined
// with one space into running text; a sentence that does not end in . ! ? (a
// headline, byline or list item in the source, where it stood on a line of
// its own) ends its block, as it would in a normalised article.
func TestDDTBoundaries(t *testing.T) {
	data := readShared(t, "data/danish-ddt/da_ddt-ud-dev.conllu")
	var sents []string
	sc := bufio.NewScanner(strings.NewReader(data))
	for sc.Scan() {
		if s, ok := strings.CutPrefix(sc.Text(), "# text = "); ok {
			sents = append(sents, strings.TrimSpace(s))
		}
	}
	if len(sents) < 100 {
		t.Fatalf("read only %d sentences", len(sents))
	}
	s := seg(t, "da")
	for _, mode := range []struct {
		name   string
		blocks bool // unpunctuated sentences end their block
		min    float64
	}{
		{"unpunctuated-sentences-end-blocks", true, 0.98},
		{"one-block", false, 0}, // logged for reference: headlines run into the next sentence
	} {
		var b strings.Builder
		b.WriteString("DDT\n\n") // block 0 is the headline
		gold := map[int]bool{}
		for i, x := range sents {
			b.WriteString(x)
			gold[b.Len()] = true
			if i == len(sents)-1 {
				break
			}
			if mode.blocks && !endsPunctuated(x) {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		d := s.Segment(b.String())
		tp, fp := 0, 0
		for _, sn := range d.Sentences[1:] {
			if gold[sn.End] {
				tp++
			} else {
				fp++
				if mode.blocks {
					t.Logf("false end: %q", around(d.Text, sn.End))
				}
			}
		}
		fn := len(gold) - tp
		if mode.blocks {
			for e := range gold {
				if d.SentenceAt(e-1) >= 0 && d.Sentences[d.SentenceAt(e-1)].End != e {
					t.Logf("missed end: %q", around(d.Text, e))
				}
			}
		}
		p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
		f1 := 2 * p * r / (p + r)
		t.Logf("DDT dev %s: %d gold, P=%.4f R=%.4f F1=%.4f", mode.name, len(gold), p, r, f1)
		if f1 < mode.min {
			t.Errorf("%s: F1 %.4f, want ≥ %.2f", mode.name, f1, mode.min)
		}
	}
}

func endsPunctuated(s string) bool {
	s = strings.TrimRight(s, `"'»«”’)] `)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…")
}

func around(s string, i int) string {
	a, b := max(i-40, 0), min(i+30, len(s))
	for a > 0 && !utf8RuneStart(s[a]) {
		a--
	}
	for b < len(s) && !utf8RuneStart(s[b]) {
		b++
	}
	return s[a:i] + "|" + s[i:b]
}

func utf8RuneStart(c byte) bool { return c&0xC0 != 0x80 }
