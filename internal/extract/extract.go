// Package extract owns the pipeline that turns one article into a
// uro.document/v1: it picks the language pack, runs the text layers
// (segmentation, numbers, time expressions, people and organisations, quotes,
// photo credits, places) and assembles their findings, with code-point
// offsets, into a document.
package extract

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/attribution"
	"github.com/urodata/uro/internal/classify"
	"github.com/urodata/uro/internal/credit"
	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/entity"
	"github.com/urodata/uro/internal/event"
	"github.com/urodata/uro/internal/figure"
	"github.com/urodata/uro/internal/gazetteer"
	"github.com/urodata/uro/internal/geocode"
	"github.com/urodata/uro/internal/langid"
	"github.com/urodata/uro/internal/number"
	"github.com/urodata/uro/internal/quote"
	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/internal/timex"
	"github.com/urodata/uro/langpacks"
)

// ErrLanguage is returned when an article's language has no pack.
var ErrLanguage = errors.New("no language pack fits")

// Options steer one extraction.
type Options struct {
	// Lang is "auto" (or "") to identify the language, or a pack's code.
	Lang string
	// Published overrides the article's own publication date when not zero.
	Published time.Time
	// IncludeText adds the normalised text and its blocks to the document.
	IncludeText bool
	// URL is recorded as the source URL when the article has none.
	URL string
	// TextOnly stops after the text layer (no places, events, figures or
	// attribution): for readers that need only people, quotes, times and
	// counts, and for measuring the layers apart.
	TextOnly bool
}

// pack is one language's loaded layers.
type pack struct {
	seg   *segment.Segmenter
	num   *number.Parser
	times *timex.Parser
	ents  *entity.Recognizer
	quo   *quote.Finder
	cred  *credit.Finder
	geo   *geocode.Geocoder
	evs   *event.Detector
	figs  *figure.Finder
	attr  *attribution.Finder
	// demonym is geo.Demonym, bound once: a method value made per article
	// is an allocation per article.
	demonym func(string) (string, bool)
}

// Extractor runs the pipeline. It is safe for concurrent use.
type Extractor struct {
	id    *langid.Identifier
	langs []string
	packs map[string]*pack
}

var (
	loadOnce sync.Once
	loaded   *Extractor
	loadErr  error
)

// New returns the extractor with every language pack loaded and validated.
// Loading happens once per process; later calls share the result.
func New() (*Extractor, error) {
	loadOnce.Do(func() { loaded, loadErr = load() })
	return loaded, loadErr
}

func load() (*Extractor, error) {
	fsys := langpacks.FS
	x := &Extractor{langs: langpacks.Languages(), packs: map[string]*pack{}}
	if len(x.langs) == 0 {
		return nil, errors.New("no language packs are embedded")
	}
	var err error
	if x.id, err = langid.New(fsys); err != nil {
		return nil, fmt.Errorf("language identifier: %w", err)
	}
	g, err := gazetteer.Load()
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	for _, lang := range x.langs {
		p := &pack{}
		if p.seg, err = segment.New(fsys, lang); err != nil {
			return nil, fmt.Errorf("pack %s: segmentation: %w", lang, err)
		}
		if p.num, err = number.New(fsys, lang); err != nil {
			return nil, fmt.Errorf("pack %s: numbers: %w", lang, err)
		}
		if p.times, err = timex.New(fsys, lang); err != nil {
			return nil, fmt.Errorf("pack %s: time expressions: %w", lang, err)
		}
		if p.ents, err = entity.New(fsys, lang); err != nil {
			return nil, fmt.Errorf("pack %s: entities: %w", lang, err)
		}
		if p.quo, err = quote.New(fsys, lang); err != nil {
			return nil, fmt.Errorf("pack %s: quotes: %w", lang, err)
		}
		if p.cred, err = credit.New(fsys, lang); err != nil {
			return nil, fmt.Errorf("pack %s: credits: %w", lang, err)
		}
		if p.geo, err = geocode.New(g, fsys, lang); err != nil {
			return nil, fmt.Errorf("pack %s: places: %w", lang, err)
		}
		model, err := classify.Load(fsys, lang)
		if err != nil {
			return nil, fmt.Errorf("pack %s: event classifier: %w", lang, err)
		}
		if p.evs, err = event.New(fsys, lang, model); err != nil {
			return nil, fmt.Errorf("pack %s: events: %w", lang, err)
		}
		if p.figs, err = figure.New(fsys, lang); err != nil {
			return nil, fmt.Errorf("pack %s: figures: %w", lang, err)
		}
		if p.attr, err = attribution.New(fsys, lang); err != nil {
			return nil, fmt.Errorf("pack %s: attribution: %w", lang, err)
		}
		p.demonym = p.geo.Demonym
		x.packs[lang] = p
	}
	return x, nil
}

// Langs lists the languages the extractor has packs for.
func (x *Extractor) Langs() []string { return x.langs }

// Geocoder returns the geocoder of a language pack, or nil.
func (x *Extractor) Geocoder(lang string) *geocode.Geocoder {
	if p, ok := x.packs[lang]; ok {
		return p.geo
	}
	return nil
}

// HasLang reports whether lang has a pack.
func (x *Extractor) HasLang(lang string) bool { _, ok := x.packs[lang]; return ok }

// Language decides the language of a: the option, else the article's own
// declaration, else identification. It never guesses a language without a pack.
func (x *Extractor) Language(a *article.Article, opt Options) (string, error) {
	for _, l := range []string{opt.Lang, a.Lang} {
		if l == "" || l == "auto" {
			continue
		}
		if !x.HasLang(l) {
			return "", fmt.Errorf("%w: language %q (have %s)", ErrLanguage, l, strings.Join(x.langs, ", "))
		}
		return l, nil
	}
	// Most articles are decided by their first lines: the longer sample is
	// read only when the short one is not clear-cut.
	// Decide skips the diagnosis; only a refusal asks for its reason.
	short, long := sample(a.Text, shortSample), sample(a.Text, longSample)
	read := short
	lang, conf := x.id.Decide(short)
	if len(short) < len(long) && (lang == "" || conf < decisive) {
		read = long
		lang, _ = x.id.Decide(long)
	}
	if lang == "" {
		return "", fmt.Errorf("%w: %s", ErrLanguage, x.id.Identify(read).Reason)
	}
	return lang, nil
}

// placesOutsideNames drops place mentions inside a person's name ("Lars" of
// "vagtchef Lars Brøndum" is no town) and marks those inside an
// organisation's name as evidence only, as the geocoder does for "Københavns
// Politi": the entity layer sees the whole name, the geocoder one word of it.
func placesOutsideNames(places []geocode.Mention, ents []entity.Entity) []geocode.Mention {
	out := places[:0]
	for _, pm := range places {
		keep := true
		for _, e := range ents {
			if e.Kind == entity.Place {
				continue
			}
			for _, m := range e.Mentions {
				if pm.Start < m.End && m.Start < pm.End {
					if e.Kind == entity.Person {
						keep = false
					} else if pm.End-pm.Start < m.End-m.Start {
						pm.InOrg = true
					}
				}
			}
		}
		if keep {
			out = append(out, pm)
		}
	}
	return out
}

func insideTime(start, end int, times []timex.Expr) bool {
	for _, t := range times {
		if start >= t.Start && end <= t.End {
			return true
		}
	}
	return false
}

// Identification reads a short sample first and the long one only when the
// short one's winner is below decisive confidence (which needs both a strong
// score and a clear margin over the runner-up).
const (
	shortSample = 300
	longSample  = 800
	decisive    = 0.75
)

// sample is the part of a text that identification reads: enough prose to
// decide, bounded so that long articles cost no more than short ones. It
// ends at a space before n bytes.
func sample(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < 0 {
		cut = n
	}
	return s[:cut]
}

// scratch is the working storage of one Extract call that no document keeps.
type scratch struct {
	sentTimes   [][]timex.Expr
	sentNumbers [][]number.Quantity
	times       []timex.Expr
	nums        []number.Quantity
	// The entities, their mentions and the quotes: the document copies what
	// it keeps.
	ents   []entity.Entity
	ments  []entity.Mention
	quotes []quote.Quote
	// The credits: the document copies them and keeps their Agencies,
	// which are not in this array.
	credits []credit.Credit
	runes   text.Runes // the document's offset index
	// The places, the figures, the events (with their parties and dates)
	// and their sources: the document converts them.
	places  []geocode.Mention
	figures []sentFigure
	// sentFigures are one sentence's figures as the finder gives them.
	sentFigures []figure.Figure
	events      event.Events
	eventAttr   []*attribution.Attribution
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// put clears sc (so that it holds on to no article) and gives it back.
func (sc *scratch) put() {
	clear(sc.sentTimes)
	clear(sc.sentNumbers)
	clear(sc.times)
	clear(sc.nums)
	clear(sc.ents)
	clear(sc.ments)
	clear(sc.quotes)
	clear(sc.credits)
	sc.credits = sc.credits[:0]
	clear(sc.figures)
	clear(sc.sentFigures[:cap(sc.sentFigures)]) // a longer sentence's too
	sc.sentFigures = sc.sentFigures[:0]
	clear(sc.places)
	sc.places = sc.places[:0]
	sc.events.Reset()
	clear(sc.eventAttr)
	sc.figures, sc.eventAttr = sc.figures[:0], sc.eventAttr[:0]
	sc.sentTimes, sc.sentNumbers = sc.sentTimes[:0], sc.sentNumbers[:0]
	sc.times, sc.nums = sc.times[:0], sc.nums[:0]
	sc.ents, sc.ments, sc.quotes = sc.ents[:0], sc.ments[:0], sc.quotes[:0]
	sc.runes.Reset("")
	scratchPool.Put(sc)
}

// grown returns s with length n, all nil.
func grown[T any](s [][]T, n int) [][]T {
	s = slices.Grow(s[:0], n)[:n]
	clear(s)
	return s
}

// InternalError is what Extract returns when the pipeline panicked on an
// article: a bug in uro, not in the article. Batches report it for that
// article and go on with the next.
type InternalError struct {
	Article string // the article's ID, if it has one
	Value   any    // what the pipeline panicked with
	Stack   []byte // where, for a bug report
}

func (e *InternalError) Error() string {
	name := ""
	if e.Article != "" {
		name = " on article " + strconv.Quote(e.Article)
	}
	return fmt.Sprintf("internal error in extraction%s (a bug in uro: please report it with the article): %v", name, e.Value)
}

// hookPanic, when set (by tests), is called halfway through every
// extraction: a way to make the pipeline panic with its scratch in use.
var hookPanic func(*article.Article)

// Extract runs the pipeline on one article. A panic inside it comes back as
// an *InternalError, so that one article cannot end a batch.
func (x *Extractor) Extract(ctx context.Context, a *article.Article, opt Options) (*document.Document, error) {
	return x.ExtractTo(ctx, a, opt, new(Buffer))
}

// ExtractTo is Extract making the document in buf's arrays: the document
// stays valid until buf's next use, which overwrites it.
func (x *Extractor) ExtractTo(ctx context.Context, a *article.Article, opt Options, buf *Buffer) (doc *document.Document, err error) {
	if a == nil {
		return nil, errors.New("extract: no article (nil)")
	}
	defer func() {
		if v := recover(); v != nil {
			doc, err = nil, &InternalError{Article: a.ID, Value: v, Stack: debug.Stack()}
		}
	}()
	return x.extract(ctx, a, opt, buf)
}

func (x *Extractor) extract(ctx context.Context, a *article.Article, opt Options, buf *Buffer) (*document.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lang, err := x.Language(a, opt)
	if err != nil {
		return nil, err
	}
	p := x.packs[lang]
	published := a.Published
	if !opt.Published.IsZero() {
		published = opt.Published
	}
	doc := p.seg.Segment(a.Text)
	// The document keeps strings only, never tokens: their storage can go
	// to the next article.
	defer segment.Recycle(doc)
	doc.Lang = lang
	// The per-sentence lists and the arrays behind them are scratch: the
	// document copies what it keeps, so they serve the next article too.
	sc := scratchPool.Get().(*scratch)
	// The scratch goes back to its pool only after a call that finished:
	// after a panic, what it holds is in no known state.
	finished := false
	defer func() {
		if finished {
			sc.put()
		}
	}()
	sc.runes.Reset(doc.Text)
	r := &result{doc: doc, runes: &sc.runes, published: published, buf: buf}
	r.sentTimes = grown(sc.sentTimes, len(doc.Sentences))
	r.sentNumbers = grown(sc.sentNumbers, len(doc.Sentences))
	sc.sentTimes, sc.sentNumbers = r.sentTimes, r.sentNumbers
	// The article's times and numbers in one array each, each sentence's a
	// stretch of it (capped, so that an append to one cannot run into the
	// next), rather than an array per sentence and a copy of them all.
	// Room for the usual few per kilobyte, so that they seldom grow.
	times := slices.Grow(sc.times[:0], len(doc.Text)/512+4)
	nums := slices.Grow(sc.nums[:0], len(doc.Text)/256+4)
	for i := range doc.Sentences {
		s := &doc.Sentences[i]
		if s.Caption {
			continue
		}
		t0 := len(times)
		times = p.times.AppendFind(times, doc.Text, s.Tokens, published)
		st := times[t0:len(times):len(times)]
		if len(st) > 0 {
			r.sentTimes[i] = st
		}
		// A number inside a time expression ("de seneste tre dage", "19. januar")
		// is part of the date, never a count.
		n0 := len(nums)
		nums = p.num.AppendFind(nums, doc.Text, s.Tokens)
		kept := nums[:n0]
		for _, q := range nums[n0:] {
			if !insideTime(q.Start, q.End, st) {
				kept = append(kept, q)
			}
		}
		nums = kept
		if len(nums) > n0 {
			r.sentNumbers[i] = nums[n0:len(nums):len(nums)]
		}
	}
	sc.times, sc.nums = times, nums
	if len(times) > 0 {
		r.times = times
	}
	if len(nums) > 0 {
		r.numbers = nums
	}
	r.entities, sc.ments = p.ents.FindInto(sc.ents, sc.ments, doc)
	sc.ents = r.entities
	if r.quotes = p.quo.FindInto(sc.quotes, doc, r.entities); r.quotes != nil {
		sc.quotes = r.quotes
	}
	if r.credits = p.cred.FindInto(sc.credits, doc); r.credits != nil {
		sc.credits = r.credits
	}
	if opt.TextOnly {
		out := r.document(a, lang, published, opt)
		finished = true
		return out, nil
	}
	if hookPanic != nil {
		hookPanic(a)
	}
	if places := p.geo.PlacesInto(sc.places, doc); places != nil {
		sc.places = places
		r.places = placesOutsideNames(places, r.entities)
	}
	p.evs.FindIn(&sc.events, event.Input{
		Doc: doc, Published: published, Times: r.sentTimes, Numbers: r.sentNumbers,
		Entities: r.entities, Quotes: r.quotes, Places: r.places, Demonym: p.demonym,
	})
	r.events = sc.events.List
	// Events (in sentence order) and figures are attributed sentence by
	// sentence, so that the reader reads each sentence once.
	ar := p.attr.Reader(doc, r.entities, r.quotes)
	defer ar.Close()
	r.eventAttr = slices.Grow(sc.eventAttr[:0], len(r.events))[:len(r.events)]
	sc.eventAttr = r.eventAttr
	r.figures = sc.figures[:0]
	ei := 0
	for si, qs := range r.sentNumbers {
		for ; ei < len(r.events) && r.events[ei].Sentence <= si; ei++ {
			r.eventAttr[ei] = ar.Find(r.events[ei].Sentence)
		}
		if len(qs) == 0 {
			continue
		}
		sc.sentFigures = p.figs.AppendFind(sc.sentFigures[:0], doc, si, qs)
		for _, f := range sc.sentFigures {
			r.figures = append(r.figures, sentFigure{
				Figure:   f,
				sentence: si,
				attr:     ar.FindAt(si, f.Start, f.End),
			})
		}
	}
	for ; ei < len(r.events); ei++ {
		r.eventAttr[ei] = ar.Find(r.events[ei].Sentence)
	}
	sc.figures = r.figures

	out := r.document(a, lang, published, opt)
	finished = true
	return out, nil
}
