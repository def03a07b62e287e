package geocode

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/urodata/uro/internal/gazetteer"
	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/internal/text"
)

// The pack files the geocoder reads, under langpacks/<lang>/.
const (
	placesFile      = "places.tsv"
	demonymsFile    = "demonyms.tsv"
	inflectionsFile = "inflections.tsv"
	patternsFile    = "place_patterns.tsv"
	notPlacesFile   = "not_places.txt"
)

// patternKind is the closed set of behaviours a place_patterns.tsv row selects.
type patternKind uint8

const (
	largest patternKind = iota
	capital
	trigger
	orgAfter
	orgBefore
	person
	determiner
)

var patternKinds = map[string]patternKind{
	"largest": largest, "capital": capital, "trigger": trigger,
	"org_after": orgAfter, "org_before": orgBefore, "person": person, "determiner": determiner,
}

const (
	slotCountry = "{country}"
	slotDemonym = "{demonym}"
)

// pattern is a phrase of lower-cased words and slots.
type pattern struct {
	kind  patternKind
	words []string
	// need has the bits (see pack.words) of the pattern's literal words:
	// a sentence without one of them cannot match.
	need uint64
}

// pack is one language's place knowledge.
type pack struct {
	names       map[string][]gazetteer.Entry // folded name → entries the pack gives it
	demonyms    map[string]string            // folded word, every inflection → country
	demShapes   shapes                       // of the demonyms' keys
	demBloom    text.WordFilter              // of the demonyms' keys: see mayDemonym
	demEnds     letterEnds                   // of the demonyms' keys: see noDemonymEnds
	genitive    []string
	genitiveCap bool            // some genitive ending is capitalised (see mayStartName)
	starts      map[string]bool // first words of the names (keys) of several words
	// opens has, by text.Hash, the opening word of every name (key): the
	// pack's half of the filter of noName.
	opens text.WordFilter
	// closes has the last word of every name of several words (noClose),
	// firsts the first (starts by text.Hash: mayStartName).
	closes, firsts text.WordFilter
	// plainGenitive: no genitive ending is capitalised or holds a space,
	// dot or hyphen, so that cutting one off a name never reaches into
	// the name's first word unless the name is one word (see noName).
	plainGenitive bool
	patterns      []pattern // largest and capital, longest first
	// words numbers the literal words of the patterns: word number n has
	// bit 1<<n of pattern.need (the first 64 words; a later one has no
	// bit and is not prefiltered), found by Token.Hash.
	words    text.Index
	triggers [][]string
	orgAfter map[string]bool // folded
	// orgHashes has the text.Hash of every orgAfter key: a word of
	// letters whose gazetteer.FoldHash it lacks is none, unfolded
	// (orgWord).
	orgHashes   text.WordFilter
	orgBefore   [][]string
	persons     [][]string
	determiners [][]string
	notPlaces   map[string]bool // exact word
	notShapes   shapes          // of notPlaces' keys
	// lasts numbers the last words of triggers, orgBefore, persons and
	// determiners (and those words without a final "."); endsBy[l][id] are
	// the phrases of list l that last word id may end, so that endsPhrase
	// tries those alone ("i" ends one trigger of twenty), and a token that
	// ends none is turned away by one look-up.
	lasts  text.Index
	endsBy [4][][]int32
	// the first words of triggers, so that most tokens need no look at
	// the list (startsPhrase)
	triggerStarts shapes
}

// The phrase lists of endsPhrase, as indexes of pack.endsBy.
const (
	triggerList = iota
	orgBeforeList
	personList
	determinerList
)

func loadPack(g *gazetteer.Gazetteer, fsys fs.FS, lang string) (*pack, error) {
	p := &pack{names: map[string][]gazetteer.Entry{}, demonyms: map[string]string{}, orgAfter: map[string]bool{}, notPlaces: map[string]bool{}, starts: map[string]bool{}}
	path := func(f string) string { return lang + "/" + f }

	// Inflections first: demonyms need them.
	rows, err := table.Read(fsys, path(inflectionsFile), table.Schema{Columns: []string{"kind", "suffix"}, Required: 2})
	if err != nil {
		return nil, err
	}
	suffixes := map[string][]string{}
	for _, r := range rows {
		k := r.Get("kind")
		if k != "genitive" && k != "adjective" && k != "noun" {
			return nil, r.Errorf("unknown kind %q; want genitive, adjective or noun", k)
		}
		suffixes[k] = append(suffixes[k], r.Get("suffix"))
	}
	p.genitive = suffixes["genitive"]
	p.plainGenitive = true
	for _, g := range p.genitive {
		p.genitiveCap = p.genitiveCap || capitalised(g)
		p.plainGenitive = p.plainGenitive && g != "" && !capitalised(g) && !strings.ContainsAny(g, " .-")
	}

	rows, err = table.Read(fsys, path(placesFile), table.Schema{Columns: []string{"name", "kind", "country", "ref"}, Required: 3})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		name, kind, cc, ref := r.Get("name"), r.Get("kind"), r.Get("country"), r.Get("ref")
		key := gazetteer.Fold(name)
		if key == "" {
			return nil, r.Errorf("name %q folds to nothing", name)
		}
		if _, ok := g.Country(cc); !ok || len(cc) != 2 {
			return nil, r.Errorf("unknown country code %q; want ISO 3166-1 alpha-2, upper case", cc)
		}
		var e gazetteer.Entry
		var ok bool
		switch kind {
		case "country":
			if ref != "" {
				return nil, r.Errorf("a country row takes no ref, got %q", ref)
			}
			e, _ = g.Country(cc)
		case "admin1":
			if e, ok = g.Admin1(cc, ref); !ok {
				return nil, r.Errorf("no admin-1 region %q in %s", ref, cc)
			}
		case "place":
			id, err := strconv.Atoi(ref)
			if err != nil {
				return nil, r.Errorf("place ref %q is not a GeoNames id", ref)
			}
			if e, ok = g.ByID(id); !ok {
				return nil, r.Errorf("no place with GeoNames id %d in the gazetteer", id)
			}
			if e.Country != cc {
				return nil, r.Errorf("GeoNames %d (%s) is in %s, not %s", id, e.Name, e.Country, cc)
			}
		default:
			return nil, r.Errorf("unknown kind %q; want country, admin1 or place", kind)
		}
		p.names[key] = append(p.names[key], e)
		if first, _, ok := strings.Cut(key, " "); ok {
			p.starts[first] = true
		}
	}

	rows, err = table.Read(fsys, path(demonymsFile), table.Schema{Columns: []string{"word", "country", "form"}, Required: 3})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		w, cc, form := r.Get("word"), r.Get("country"), r.Get("form")
		if _, ok := g.Country(cc); !ok || len(cc) != 2 {
			return nil, r.Errorf("unknown country code %q", cc)
		}
		if form != "adjective" && form != "noun" {
			return nil, r.Errorf("unknown form %q; want adjective or noun", form)
		}
		key := gazetteer.Fold(w)
		if key == "" {
			return nil, r.Errorf("word %q folds to nothing", w)
		}
		// The first row for a word wins: "congolesisk" names the larger Congo.
		for _, f := range append([]string{""}, suffixes[form]...) {
			k := gazetteer.Fold(w + f)
			if _, dup := p.demonyms[k]; !dup {
				p.demonyms[k] = cc
			}
		}
	}

	rows, err = table.Read(fsys, path(patternsFile), table.Schema{Columns: []string{"kind", "pattern"}, Required: 2})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		k, ok := patternKinds[r.Get("kind")]
		if !ok {
			return nil, r.Errorf("unknown kind %q; want largest, capital, trigger, org_after, org_before, person or determiner", r.Get("kind"))
		}
		words := strings.Fields(strings.ToLower(r.Get("pattern")))
		slots := 0
		for _, w := range words {
			if strings.HasPrefix(w, "{") {
				if w != slotCountry && w != slotDemonym {
					return nil, r.Errorf("unknown slot %s; want %s or %s", w, slotCountry, slotDemonym)
				}
				slots++
			}
		}
		if slots > 0 && k != largest && k != capital {
			return nil, r.Errorf("only largest and capital patterns take slots")
		}
		if slots > 1 {
			return nil, r.Errorf("a pattern takes at most one slot")
		}
		switch k {
		case largest, capital:
			p.patterns = append(p.patterns, pattern{kind: k, words: words})
		case trigger:
			p.triggers = append(p.triggers, words)
		case orgAfter:
			p.orgAfter[gazetteer.Fold(r.Get("pattern"))] = true
		case orgBefore:
			p.orgBefore = append(p.orgBefore, words)
		case person:
			p.persons = append(p.persons, words)
		case determiner:
			p.determiners = append(p.determiners, words)
		}
	}
	for l, list := range [...][][]string{triggerList: p.triggers, orgBeforeList: p.orgBefore, personList: p.persons, determinerList: p.determiners} {
		for i, ph := range list {
			w := ph[len(ph)-1]
			for _, f := range []string{w, strings.TrimSuffix(w, ".")} {
				id := p.lasts.Add(f)
				for k := range p.endsBy {
					for len(p.endsBy[k]) <= int(id) {
						p.endsBy[k] = append(p.endsBy[k], nil)
					}
				}
				if by := p.endsBy[l][id]; len(by) == 0 || by[len(by)-1] != int32(i) {
					p.endsBy[l][id] = append(by, int32(i))
				}
			}
		}
	}
	for _, ph := range p.triggers {
		p.triggerStarts.add(ph[0])
	}
	// Longest phrases first, so "the capital of {country}" beats "the capital".
	sortLongest(p.patterns)
	for i := range p.patterns {
		for _, w := range p.patterns[i].words {
			if w == slotCountry || w == slotDemonym {
				continue
			}
			if p.words.Find(w) < 0 && p.words.Len() < 64 {
				p.words.Add(w)
			}
			p.patterns[i].need |= p.wordBit(w, text.Hash(w))
		}
	}
	p.opens = text.NewWordFilter(len(p.names), 16)
	p.closes = text.NewWordFilter(len(p.starts), 16)
	p.firsts = text.NewWordFilter(len(p.starts), 16)
	for key := range p.names {
		first, _, multi := strings.Cut(key, " ")
		p.opens.Add(text.Hash(first))
		if multi {
			p.firsts.Add(text.Hash(first))
			p.closes.Add(text.Hash(key[strings.LastIndexByte(key, ' ')+1:]))
		}
	}
	p.orgHashes = text.NewWordFilter(len(p.orgAfter), 16)
	for k := range p.orgAfter {
		p.orgHashes.Add(text.Hash(k))
	}
	p.demBloom = text.NewWordFilter(len(p.demonyms), 16)
	for k := range p.demonyms {
		p.demEnds.add(k)
		p.demShapes.add(k)
		p.demBloom.Add(text.Hash(k))
	}

	words, err := table.Words(fsys, path(notPlacesFile))
	if err != nil {
		return nil, err
	}
	for _, w := range words {
		if strings.ContainsAny(w.Fields[0], " \t") {
			return nil, w.Errorf("one word per line, got %q", w.Fields[0])
		}
		p.notPlaces[w.Fields[0]] = true
		p.notShapes.add(w.Fields[0])
	}
	return p, nil
}

// wordBit is the bit of a pattern word (of Lower w, whose text.Hash is
// h), or 0.
func (p *pack) wordBit(w string, h uint32) uint64 {
	if id := p.words.Lookup(w, h); id >= 0 {
		return 1 << id
	}
	return 0
}

// shapes is a filter of a set of strings by first byte and length: most
// words of a text are ruled out of a small set without hashing them. It
// says "maybe" for every member, so a map look-up behind it is exact.
//
// A second table keyed by the last byte rules out most of the words that
// share a first byte and length with a member.
type shapes struct {
	first, last [256]uint64
}

func (f *shapes) add(s string) {
	if s != "" {
		bit := uint64(1) << min(len(s), 63)
		f.first[s[0]] |= bit
		f.last[s[len(s)-1]] |= bit
	}
}

// mayDemonym reports whether token t may be a demonym, by the letters its
// folded word starts and ends with (noDemonymEnds: most words stop there),
// else by the hash of its folded word in demBloom, without folding it: a
// word of ASCII letters (text.Token.Letters) folds to its Lower, whose hash
// the segmenter stored; another word of letters has gazetteer.FoldHash;
// every other word answers true and is folded and looked up.
func (p *pack) mayDemonym(t *text.Token) bool {
	return !p.noDemonymEnds(t.Text) && p.mayFoldDemonym(t)
}

// noDemonymEnds reports whether word w is no demonym by its first two
// bytes and its last: when they are ASCII letters, its folded word starts
// and ends with them in lower case, and no key of demonyms does.
func (p *pack) noDemonymEnds(w string) bool {
	e, ok := endsOf(w)
	return ok && !p.demEnds.has(e)
}

// letterEnds is a set of words by endsOf.
type letterEnds [(26*26*26 + 63) / 64]uint64

// add puts folded word w in the set, unless endsOf has no answer for it:
// no word that it answers for folds to such a key.
func (s *letterEnds) add(w string) {
	if e, ok := endsOf(w); ok {
		s[e/64] |= 1 << (e % 64)
	}
}

func (s *letterEnds) has(e int) bool { return s[e/64]&(1<<(e%64)) != 0 }

// endsOf numbers the first two bytes and the last of w when all three are
// ASCII letters, whatever their case. Fold writes an ASCII letter as itself
// in lower case and never drops one, nor writes anything before the first
// or after the last (TestEndsOfFold), so a word and its folded word have
// the same number.
func endsOf(w string) (int, bool) {
	if len(w) < 2 {
		return 0, false
	}
	a, b, z := letterIndex[w[0]], letterIndex[w[1]], letterIndex[w[len(w)-1]]
	if (a|b|z)&notLetter != 0 {
		return 0, false
	}
	return (int(a)*26+int(b))*26 + int(z), true
}

// letterIndex numbers the ASCII letters 0 to 25, whatever their case;
// every other byte is notLetter.
var letterIndex = func() (t [256]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z':
			t[c] = uint8(c - 'a')
		case 'A' <= c && c <= 'Z':
			t[c] = uint8(c - 'A')
		default:
			t[c] = notLetter
		}
	}
	return t
}()

const notLetter = 0x80

// mayFoldDemonym is mayDemonym's last test, by the hash of the word folded.
func (p *pack) mayFoldDemonym(t *text.Token) bool {
	h, ok := foldHash(t)
	return !ok || p.demBloom.Has(h)
}

func maybe[S string | []byte](f *shapes, s S) bool {
	if len(s) == 0 {
		return true
	}
	bit := uint64(1) << min(len(s), 63)
	return f.first[s[0]]&bit != 0 && f.last[s[len(s)-1]]&bit != 0
}

func sortLongest(ps []pattern) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && len(ps[j].words) > len(ps[j-1].words); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

func loadError(lang string, err error) error {
	return fmt.Errorf("load %s place pack: %w", lang, err)
}
