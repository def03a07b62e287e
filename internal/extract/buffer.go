package extract

import "github.com/urodata/uro/internal/document"

// A Buffer holds the arrays of the documents that ExtractTo makes, to make
// the next one in them. A batch that is done with each document before it
// asks for the next (uro extract, which writes each out) then allocates
// almost nothing per article: the document's arrays were four fifths of
// what an extraction allocated, and collecting them a tenth of its time.
//
// The zero Buffer is ready to use. A Buffer is not safe for concurrent use.
type Buffer struct {
	doc      document.Document
	sl       slabs
	spans    []document.Span // entities' mentions and quotes' intros
	sents    []document.Span // the blocks' sentences
	blocks   []document.Block
	entities []document.Entity
	quotes   []document.Quote
	credits  []document.Credit
	times    []document.Time
	numbers  []document.Number
	places   []document.Place
	pboxes   []placeBox
	events   []document.Event
	eboxes   []eventBox
	figures  []document.Figure
	fboxes   []figureBox
}

// reuse returns *s emptied when it has room for n, else a new array of
// capacity n, kept in *s for the next document. Either way the result is
// not nil, so that an empty list is [] and not null in JSON.
func reuse[T any](s *[]T, n int) []T {
	if *s == nil || cap(*s) < n {
		*s = make([]T, 0, n)
	}
	return (*s)[:0]
}

// zeroed returns *s with length n, all zero values, reusing its array as
// reuse does.
func zeroed[T any](s *[]T, n int) []T {
	z := reuse(s, n)[:n]
	clear(z)
	return z
}
