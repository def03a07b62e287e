// Package segment owns the cutting of normalised article text into blocks
// (headline, subheadings, paragraphs, dash quotes, captions), sentences and
// tokens, each with byte offsets into the text.
//
// What a language contributes (abbreviations, the words that start a
// sentence, photo-credit words, month names) is read from its language pack;
// the rules that use them are the same for every language.
package segment

import (
	"io/fs"
	"strings"
	"sync"

	"github.com/urodata/uro/internal/text"
)

// subheadingWords is the most words a subheading may have. Layout, not language.
const subheadingWords = 8

// Segmenter splits text of one language. It is safe for concurrent use.
type Segmenter struct {
	lang     string
	abbr     map[string]abbrKind // lower-case, with the final dot
	starters map[string]bool     // lower-case
	credits  map[string]bool     // lower-case, without the colon
	months   map[string]bool     // lower-case, without a final dot
}

// New loads the segmentation data of one language pack from fsys
// (langpacks.FS in production): <lang>/abbreviations.tsv, starters.txt,
// credits.txt and months.tsv.
func New(fsys fs.FS, lang string) (*Segmenter, error) {
	s := &Segmenter{lang: lang}
	if err := s.load(fsys, lang); err != nil {
		return nil, loadError(lang, err)
	}
	return s, nil
}

// Lang returns the code of the pack the segmenter was loaded from.
func (s *Segmenter) Lang() string { return s.lang }

// Tokenize splits the text t[start:end] into tokens with offsets into t.
// start and end are clamped to t.
func (s *Segmenter) Tokenize(t string, start, end int) []text.Token {
	start, end = max(start, 0), min(end, len(t))
	if start >= end {
		return nil
	}
	// Capitalised words are about a tenth of news text: lowered copies of
	// them fit in chunks of an eighth.
	tz := &tokenizer{s: s, chunk: (end-start)/8 + 64, lower: new(strings.Builder)}
	return tz.tokens(make([]text.Token, 0, (end-start)/5+4), t, start, end)
}

// Segment splits normalised text into blocks, sentences and tokens. Blocks are
// separated by "\n\n"; the first is the headline.
func (s *Segmenter) Segment(t string) *text.Doc {
	d := &text.Doc{Lang: s.lang, Text: t}
	// The lowered words go on from where the last document's stopped, in
	// chunks of at least lowerChunk: a chunk of its own per document was
	// mostly left unused.
	lower, ok := lowers.Get().(*strings.Builder)
	if !ok {
		lower = new(strings.Builder)
	}
	defer lowers.Put(lower)
	tz := &tokenizer{s: s, chunk: max(len(t)/8+64, lowerChunk), lower: lower} // see Tokenize
	toks := tokenBuffer(len(t)/5 + 8)
	// Room for the blocks of a usual article (a paragraph ~250 bytes) without
	// a pass to count them; a pooled array is most often long enough anyway.
	d.Blocks = blockBuffer(len(t)/256 + 4)
	d.Sentences = sentenceBuffer(len(t)/64 + 4) // news runs ~80 bytes a sentence
	// Token ranges of the sentences: toks may grow while we go, so the
	// sentences get their slices at the end.
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	ranges := sc.ranges[:0]
	// firsts[i] is the first sentence of block i; the block's last is the next one's first - 1.
	firsts := sc.firsts[:0]
	defer func() { sc.ranges, sc.firsts = ranges[:0], firsts[:0] }()

	for pos := 0; pos < len(t); {
		be := blockEnd(t, pos)
		bs, bEnd := pos, be
		pos = be + 2
		a := len(toks)
		tz.colon = false
		toks = tz.tokens(toks, t, bs, bEnd)
		if len(toks) == a {
			continue // only spaces
		}
		bi := len(d.Blocks)
		firstSent := len(d.Sentences)
		var caption bool
		ranges, caption = s.sentences(d, ranges, toks, a, len(toks), bi, tz.colon)
		kind := text.Paragraph
		switch {
		case bi == 0:
			kind = text.Headline
		case isDash(firstRune(toks[a].Text)) && toks[a].End < bEnd && t[toks[a].End] == ' ':
			kind = text.QuoteBlock
		case caption:
			kind = text.Caption
		}
		d.Blocks = append(d.Blocks, text.Block{Kind: kind, Start: toks[a].Start, End: toks[len(toks)-1].End})
		firsts = append(firsts, firstSent)
	}
	firsts = append(firsts, len(d.Sentences))

	idx := make([]int, len(d.Sentences))
	for i := range d.Sentences {
		idx[i] = i
		d.Sentences[i].Tokens = toks[ranges[2*i]:ranges[2*i+1]:ranges[2*i+1]]
	}
	for bi := range d.Blocks {
		d.Blocks[bi].Sentences = idx[firsts[bi]:firsts[bi+1]:firsts[bi+1]]
	}
	s.subheadings(d, toks, ranges)
	d.Tokens = toks
	return d
}

// lowers keeps the buffers of lowered words between documents. The strings
// of a document stay valid: a buffer is only appended to, and a full one is
// replaced, never reused.
var lowers sync.Pool // of *strings.Builder

// lowerChunk is the least a fresh buffer of lowered words holds: several
// documents' worth.
const lowerChunk = 8 << 10

// blockEnd returns the index of the first "\n\n" in t from pos on, or
// len(t): strings.Index by its first byte, which normalised text has
// nowhere else.
func blockEnd(t string, pos int) int {
	for {
		k := strings.IndexByte(t[pos:], '\n')
		if k < 0 {
			return len(t)
		}
		pos += k
		if pos+1 < len(t) && t[pos+1] == '\n' {
			return pos
		}
		pos++
	}
}

// scratch is Segment's working storage that no Doc keeps.
type scratch struct{ ranges, firsts []int }

var scratchPool = sync.Pool{New: func() any { return &scratch{} }}

// tokens holds token arrays that Recycle gave back: they are the bulk of
// what segmentation allocates (56 bytes a token, a token in about 6 bytes of
// text), and full of pointers for the garbage collector to scan.
var tokens arrays[text.Token]

// Sentence and block arrays that Recycle gave back, as tokens.
var (
	sentences arrays[text.Sentence]
	blocks    arrays[text.Block]
)

// tokenBuffer returns an empty token slice with room for n tokens.
func tokenBuffer(n int) []text.Token { return tokens.get(n) }

// sentenceBuffer returns an empty sentence slice with room for n sentences.
func sentenceBuffer(n int) []text.Sentence { return sentences.get(n) }

// blockBuffer returns an empty block slice with room for n blocks.
func blockBuffer(n int) []text.Block { return blocks.get(n) }

// arrays pools arrays of T. A pool holds pointers (a slice put in one
// would be boxed, an allocation per put); the pointers emptied by get wait
// in a pool of their own for the next put, so that neither allocates.
type arrays[T any] struct{ full, empty sync.Pool } // of *[]T

// get returns an empty slice with room for n. A pooled array too short is
// dropped, not put back: put back, it would be the next get's answer again
// (a P's private slot), and miss again, while the longer arrays made
// instead pile up behind it. The pool so keeps the longest.
func (p *arrays[T]) get(n int) []T {
	if b, ok := p.full.Get().(*[]T); ok {
		s := *b
		*b = nil
		p.empty.Put(b)
		if cap(s) >= n {
			return s[:0]
		}
	}
	return make([]T, 0, n)
}

// put gives s's array back; s must hold nothing the collector should free.
func (p *arrays[T]) put(s []T) {
	b, ok := p.empty.Get().(*[]T)
	if !ok {
		b = new([]T)
	}
	*b = s[:0]
	p.full.Put(b)
}

// Recycle gives the storage of d, made by Segment, back for reuse by later
// calls (of any Segmenter): its tokens, sentences and blocks, which it
// clears from d. d must not be used afterwards, though strings taken from it
// stay valid.
func Recycle(d *text.Doc) {
	if d == nil {
		return
	}
	if cap(d.Sentences) > 0 {
		clear(d.Sentences) // their token slices, for the collector
		sentences.put(d.Sentences)
	}
	if cap(d.Blocks) > 0 {
		clear(d.Blocks)
		blocks.put(d.Blocks)
	}
	d.Sentences, d.Blocks = nil, nil
	if cap(d.Tokens) == 0 {
		return
	}
	// Cleared, though tokens overwrite every slot: a pointer written while
	// the collector marks costs a barrier that shades the old value too, so
	// old values left in the slots make the next document's tokens dearer.
	clear(d.Tokens)
	tokens.put(d.Tokens)
	d.Tokens = nil
}

// sentences splits the tokens toks[a:b] of block bi into sentences, appending
// them to d and their token ranges to ranges. It reports whether the block
// opens with a credit. colon says whether the block has a ":" token, without
// which there is no credit to look for.
func (s *Segmenter) sentences(d *text.Doc, ranges []int, toks []text.Token, a, b, bi int, colon bool) ([]int, bool) {
	first := len(d.Sentences)
	start := a
	credit := false // the sentence from start on is a credit
	closeAt := -1   // the ")" that ends a credit opened by "("
	emit := func(y int) {
		d.Sentences = append(d.Sentences, text.Sentence{
			Start: toks[start].Start, End: toks[y-1].End, Block: bi, Caption: credit,
		})
		ranges = append(ranges, start, y)
		start, credit, closeAt = y, false, -1
	}
	for i := a; i < b; i++ {
		// Most tokens are plain words, numbers and symbols: they end no
		// sentence, and unless a ":" follows, open no credit. They are
		// passed over here, before the closure's variables are read.
		if tk := &toks[i]; tk.Kind != text.Punct && (tk.Kind != text.Word || tk.Plain) &&
			(!colon || credit || i+1 >= b || toks[i+1].Text != ":") {
			continue
		}
		// creditAt needs a "(" here or a ":" next: most tokens are ruled
		// out without the call.
		if colon && !credit && (toks[i].Text == "(" || i+1 < b && toks[i+1].Text == ":") && s.creditAt(toks, i, b) {
			// "... i flammer. Foto: X/Tass": the credit is a sentence of its own.
			if i > start {
				emit(i)
			}
			credit = true
			if toks[i].Text == "(" {
				closeAt = closing(toks, i, b)
			}
		}
		last := -1
		tk := &toks[i]
		switch tk.Kind {
		case text.Punct:
			if i == closeAt {
				last = i
				break
			}
			if !isTerminal(tk.Text) {
				break
			}
			j := i
			for j+1 < b && toks[j+1].Start == toks[j].End && (isCloser(toks[j+1].Text) || isTerminal(toks[j+1].Text)) {
				j++
			}
			if j+1 < b && toks[j+1].Start > toks[j].End && s.startsSentence(toks, j+1, b) {
				last = j
			}
			i = j
		case text.Word:
			// A plain word has no dot: most words are turned away by
			// the flag, without reading their text.
			if tk.Plain || len(tk.Text) < 2 || tk.Text[len(tk.Text)-1] != '.' || i+1 >= b || toks[i+1].Start == tk.End {
				break
			}
			switch s.abbrKindOf(tk) {
			case abbrFinal:
				if s.startsSentence(toks, i+1, b) {
					last = i
				}
			case abbrAmbiguous:
				if s.starterAt(toks, i+1, b) {
					last = i
				}
			}
		}
		if last >= 0 {
			emit(last + 1)
		}
	}
	if start < b {
		emit(b)
	}
	if !d.Sentences[first].Caption {
		return ranges, false
	}
	// A block that opens with a credit is a caption: all of it.
	for i := first; i < len(d.Sentences); i++ {
		d.Sentences[i].Caption = true
	}
	return ranges, true
}

// closing returns the index of the ")" that closes the "(" at toks[i], or -1.
func closing(toks []text.Token, i, b int) int {
	depth := 0
	for j := i; j < b; j++ {
		switch toks[j].Text {
		case "(":
			depth++
		case ")":
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return -1
}

// abbrKindOf says how a word token that kept a dot behaves: as listed, or as
// ambiguous for initials and dotted words not listed ("H.", "U.S.A.").
func (s *Segmenter) abbrKindOf(tk *text.Token) abbrKind {
	if k := s.abbr[tk.Lower]; k != 0 {
		return k
	}
	return abbrAmbiguous
}

// creditAt reports whether a credit opens at toks[i]: a capitalised credit
// word from the pack followed at once by a colon, maybe after "(".
func (s *Segmenter) creditAt(toks []text.Token, i, b int) bool {
	if toks[i].Text == "(" && i+1 < b {
		i++
	}
	// The colon first: it rules out nearly every token at once.
	if i+1 >= b || toks[i+1].Text != ":" {
		return false
	}
	tk := &toks[i]
	return tk.Kind == text.Word && isUpper(firstRune(tk.Text)) && toks[i+1].Start == tk.End && s.credits[tk.Lower]
}

// startsSentence reports whether toks[j] can open a sentence: a capitalised
// word, a number, an opening quote or bracket, a symbol, or a dash quote.
func (s *Segmenter) startsSentence(toks []text.Token, j, b int) bool {
	tk := &toks[j]
	r := firstRune(tk.Text)
	switch tk.Kind {
	case text.Word:
		return isUpper(r)
	case text.Number, text.Symbol:
		return true
	}
	if isOpener(r) {
		return true
	}
	return isDash(r) && s.dashQuote(toks, j, b)
}

// starterAt reports whether toks[j] clearly opens a sentence after an
// ambiguous abbreviation: a capitalised starter word, a quote or a dash quote.
func (s *Segmenter) starterAt(toks []text.Token, j, b int) bool {
	tk := &toks[j]
	r := firstRune(tk.Text)
	switch {
	case tk.Kind == text.Word:
		return isUpper(r) && s.starters[tk.Lower]
	case tk.Kind != text.Punct:
		return false
	case isOpener(r):
		return true
	}
	return isDash(r) && s.dashQuote(toks, j, b)
}

// dashQuote reports whether the dash toks[j] opens a quotation ("- Vi
// kommer"), not a range or an aside ("2. - 4. januar").
func (s *Segmenter) dashQuote(toks []text.Token, j, b int) bool {
	if j+1 >= b || toks[j+1].Start == toks[j].End {
		return false
	}
	n := &toks[j+1]
	r := firstRune(n.Text)
	return (n.Kind == text.Word && isUpper(r)) || (n.Kind == text.Punct && isOpener(r))
}

// subheadings marks short unpunctuated blocks followed by prose.
func (s *Segmenter) subheadings(d *text.Doc, toks []text.Token, ranges []int) {
	short := func(bi int) bool {
		bl := &d.Blocks[bi]
		first, last := bl.Sentences[0], bl.Sentences[len(bl.Sentences)-1]
		a, b := ranges[2*first], ranges[2*last+1]
		words := 0
		for k := a; k < b && words <= subheadingWords; k++ {
			// Counting stops past the most a subheading may have: a
			// paragraph is seldom short.
			if tk := &toks[k]; tk.Kind == text.Word || tk.Kind == text.Number {
				words++
			}
		}
		end := toks[b-1].Text
		for b-1 > a && isCloser(end) {
			b--
			end = toks[b-1].Text
		}
		punct := isTerminal(end) || end == ":" || end == ";" || end == "," ||
			(len(end) > 1 && end[len(end)-1] == '.' && toks[b-1].Kind == text.Word)
		return words <= subheadingWords && !punct
	}
	for bi := 1; bi < len(d.Blocks); bi++ {
		if d.Blocks[bi].Kind != text.Paragraph || !short(bi) {
			continue
		}
		next := bi + 1
		for next < len(d.Blocks) && d.Blocks[next].Kind == text.Caption {
			next++
		}
		if next < len(d.Blocks) && !short(next) {
			d.Blocks[bi].Kind = text.Subheading
		}
	}
}

func isTerminal(p string) bool {
	switch p {
	case ".", "!", "?", "…", "‽":
		return true
	}
	return len(p) > 1 && strings.Trim(p, ".") == ""
}

func isCloser(p string) bool {
	switch p {
	case `"`, "'", "»", "«", "”", "’", "“", ")", "]", "}", "›", "‹":
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '»', '«', '“', '„', '”', '‘', '‚', '›', '‹', '(', '[', '{', '¿', '¡':
		return true
	}
	return false
}

func isDash(r rune) bool { return r == '-' || r == '–' || r == '—' }
