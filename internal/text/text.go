// Package text owns the shapes every layer of uro shares: spans, tokens,
// sentences and blocks of a normalised article text, the conversion of
// their byte offsets to the code-point offsets of the output contract, and
// the word hash (Hash, Token.Hash) by which every layer's Index of pack words
// looks a token up without hashing it again.
//
// Inside uro every offset is a byte offset into the normalised text (cheap to
// slice); only the document layer converts them to code points.
package text

import (
	"math/bits"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) of a text.
type Span struct {
	Start, End int
}

// Of returns the text the span covers in s.
func (sp Span) Of(s string) string { return s[sp.Start:sp.End] }

// TokenKind says what a token is made of.
type TokenKind uint8

const (
	Word   TokenKind = iota // letters, possibly with inner hyphens or apostrophes
	Number                  // starts with a digit: "2000", "2.000", "1,5", "19.", "200-250"
	Punct                   // punctuation: . , ; : ! ? " » « ( ) - – —
	Symbol                  // anything else: %, $, €, /, +
)

func (k TokenKind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	case Punct:
		return "punct"
	}
	return "symbol"
}

// Token is a word, number or punctuation mark with its place in the text.
type Token struct {
	Text       string // exactly the bytes Start:End of the text
	Lower      string // lower-cased Text, for matching against pack data
	Start, End int
	Kind       TokenKind
	// Plain marks a Word whose text is letters, digits and inner hyphens
	// only: no apostrophe, dot or other joiner ("politiet", "tv-station",
	// not "don't", "f.eks.", "dr."). Set by the segmenter, so that layers
	// keyed by a word's leading run of letters need not look for its end;
	// false when not known (a token made by hand).
	Plain bool
	// Letters marks a Word of ASCII letters only ("Aarhus", not "Århus",
	// "COVID19" or "don't"), whose Lower is then its Text with each
	// letter in lower case: a layer that folds words (gazetteer.Fold) can
	// take Lower and Hash for the folded word and its hash. Set by the
	// segmenter; false when not known (a token made by hand).
	Letters bool
	// Hash is Hash(Lower), set by the segmenter so that the layers' table
	// look-ups need not hash the word again; 0 when not computed (see
	// LowerHash).
	Hash uint32
}

// BlockKind says what a block (a paragraph-level unit) of an article is.
type BlockKind uint8

const (
	Paragraph  BlockKind = iota // running prose
	Headline                    // the first block of the article
	Subheading                  // a short line without final punctuation, e.g. "Bøjer sig"
	QuoteBlock                  // a paragraph that opens with "- " or "– ": a quotation
	Caption                     // a photo caption or credit line; not article prose
)

func (k BlockKind) String() string {
	return [...]string{"paragraph", "headline", "subheading", "quote", "caption"}[k]
}

// Prose reports whether events may be read out of blocks of this kind.
func (k BlockKind) Prose() bool { return k != Caption }

// Block is a headline, subheading, paragraph or caption.
type Block struct {
	Kind       BlockKind
	Start, End int
	// Sentences indexes Doc.Sentences: the sentences of this block, in order.
	Sentences []int
}

// Sentence is one sentence with its tokens.
type Sentence struct {
	Start, End int
	Block      int // index into Doc.Blocks
	Tokens     []Token
	// Caption marks a photo credit or caption ("Foto: Valery Sharifulin/Tass"):
	// kept for credits, never read for events.
	Caption bool
}

// Doc is a segmented text.
type Doc struct {
	Lang      string // ISO 639-1 code of the pack that segmented it
	Text      string
	Blocks    []Block
	Sentences []Sentence
	// Tokens holds every token, in order: the sentences' Tokens are slices
	// of it. The segmenter fills it (and may take it back for reuse, see
	// segment.Recycle); a Doc built by hand may leave it nil.
	Tokens []Token
}

// SentenceAt returns the index of the sentence containing byte offset off, or -1.
func (d *Doc) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		s := d.Sentences[m]
		switch {
		case off < s.Start:
			hi = m
		case off >= s.End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// Runes converts byte offsets of one valid UTF-8 string to code-point offsets.
type Runes struct {
	s     string
	ascii bool
	// at[k] counts the code points that start before byte k*step.
	at []int32
}

// step is the bytes between entries of Runes.at: Offset reads at most four
// words past one, and the index costs an eighth of the text's size.
const step = 32

// NewRunes indexes s for offset conversion.
func NewRunes(s string) *Runes {
	r := &Runes{}
	r.Reset(s)
	return r
}

// Reset indexes s instead of the string r had, reusing r's index: a caller
// converting one article after another keeps one Runes.
func (r *Runes) Reset(s string) {
	r.s, r.ascii = s, true
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if load64(s, i)&0x8080808080808080 != 0 {
			r.ascii = false
			break
		}
	}
	for ; r.ascii && i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			r.ascii = false
		}
	}
	if r.ascii {
		return
	}
	if n := len(s)/step + 1; cap(r.at) >= n {
		r.at = r.at[:n] // every entry is written below
	} else {
		r.at = make([]int32, n)
	}
	n := int32(0)
	// k reaches len(s) when it is a multiple of step: Offset(len(s)) reads at there.
	for k := 0; k <= len(s); k += step {
		r.at[k/step] = n
		if k+step > len(s) {
			break // the last, partial block is never needed whole
		}
		// Eight bytes at a time: a continuation byte (10xxxxxx) starts no
		// code point.
		cont := 0
		for j := k; j < k+step; j += 8 {
			w := load64(s, j)
			cont += bits.OnesCount64(w &^ (w << 1) & 0x8080808080808080)
		}
		n += int32(step - cont)
	}
}

// load64 reads the eight bytes s[i:i+8], little-endian.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// Offset returns the code-point offset of byte offset b.
func (r *Runes) Offset(b int) int {
	if b > len(r.s) {
		b = len(r.s)
	}
	if r.ascii || b <= 0 {
		return max(b, 0)
	}
	i := b / step * step
	n := int(r.at[b/step])
	for ; i+8 <= b; i += 8 {
		w := load64(r.s, i)
		n += 8 - bits.OnesCount64(w&^(w<<1)&0x8080808080808080)
	}
	if i < b && i+8 <= len(r.s) {
		// The last 1 to 7 bytes as one word too, the bytes past b cleared:
		// a zero byte is no continuation byte.
		w := load64(r.s, i) & (1<<(8*(b-i)) - 1)
		return n + b - i - bits.OnesCount64(w&^(w<<1)&0x8080808080808080)
	}
	for ; i < b; i++ {
		if r.s[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}
