package entity

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/internal/text"
)

// The closed sets of values pack tables may use. A pack names behaviours from
// these sets; it cannot invent new ones.
var (
	roleKinds = set("head_of_state", "head_of_government", "minister", "official", "police",
		"police_spokesperson", "spokesperson", "military", "eyewitness", "journalist", "expert",
		"counterpart", "mayor", "leader", "politician", "judge", "lawyer", "diplomat", "activist",
		"religious", "medical", "resident")
	roleForms = set("title", "definite")
	orgKinds  = set("media", "agency", "police", "government", "ministry", "military", "party",
		"armed_group", "ngo", "court", "company", "international", "parliament", "union",
		"religious", "education", "health")
	orgUses     = set("head", "definite", "descriptor", "suffix")
	speechKinds = set("say", "tell", "report", "write", "state", "add", "claim", "deny",
		"confirm", "announce", "according_to")
	genders   = set("f", "m", "n", "x")
	numbers   = set("sg", "pl")
	wordKinds = map[string]wordKind{"notname": wNotName, "connector": wConnector,
		"definite": wDefinite, "place_prep": wPlacePrep, "verb": wVerb, "article": wArticle}
)

func set(vals ...string) map[string]bool {
	m := make(map[string]bool, len(vals))
	for _, v := range vals {
		m[v] = true
	}
	return m
}

func keys(m map[string]bool) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

// Source says which table a phrase came from.
type Source uint8

const (
	SrcRole Source = iota + 1
	SrcOrg
	SrcOrgWord
	SrcSpeech
	srcEnd // one past the last
)

// keyInfo.sources has a bit per Source: this fails to compile when there
// are too many for it.
const _ uint8 = 1 << (srcEnd - 1)

// Phrase is one entry of a pack table that is found in running text.
type Phrase struct {
	Text    string
	Source  Source
	Kind    string // role kind, organisation kind or speech kind
	Form    string // roles: title or definite; organisation words: head, definite, descriptor or suffix
	Country string // organisations only
	exact   bool   // match case-sensitively (organisation names)
	// last is the lower-case last letter of a phrase of ASCII matched
	// ignoring case, else 0: a text that ends otherwise cannot match, and
	// most candidates are ruled out before strings.EqualFold.
	last byte
}

type wordKind uint8

const (
	wNotName wordKind = 1 << iota
	wConnector
	wDefinite
	wPlacePrep
	wVerb
	wArticle
	// wKnown marks, in a sentence's table of word kinds, a token whose
	// kinds are looked up: see state.kinds. It is no kind of the pack.
	wKnown wordKind = 1 << 7
)

// PronounEntry is a row of pronouns.tsv.
type PronounEntry struct {
	Gender, Number string
}

// Lexicon is the entity-related data of one language pack, indexed by the
// lower-cased leading letters of each entry so that one map look-up per token
// finds every table's candidates.
type Lexicon struct {
	byKey map[string]*entry
	// A chained hash table over byKey for the per-token look-up, which a Go
	// map makes the slowest step of Find.
	heads []int32 // by hash: index+1 into slots, 0 for none
	// has marks the hashes in heads: a bit set small enough to stay in the
	// nearest cache, so that most tokens (no key) never touch heads.
	has    [1 << hashBits / 64]uint64
	maxKey int // the longest key: longer words need no look-up
	// endings marks the last two bytes of one-word roles and organisation
	// words, so that compoundOf tries only words that may end in one.
	endings [1 << 16 / 64]uint64
	slots   []slot
	// keys numbers byKey's keys and byID holds their entries: the
	// per-token look-up of Find, by the hash the segmenter computed.
	keys text.Index
	byID []*entry
	// info is, by key number, what the per-token look-ups need of most
	// entries: a third of the words of running text have a key, most only
	// for their word kinds, and reading these few hundred bytes costs
	// fewer cache misses than following each hit to its entry.
	info []keyInfo
	// phrased has, for each Source and for any (0), bit h>>17 set for the
	// Hash h of every key with a phrase of it: the look-ups by phrase
	// (attribution's candidates, quote's speech verbs) turn away most
	// words, which have a key for their word kinds alone or none, with one
	// load and no probe of keys.
	phrased [srcEnd][1 << 15 / 64]uint64
	// found is phrased[0] with the pronouns': the words Find's first pass
	// looks up.
	found    [1 << 15 / 64]uint64
	genitive []string // longest first
	suffixes []Phrase // organisation compound endings
	// suffixEnd marks the last bytes of suffixes: a word that ends
	// otherwise needs no test against each.
	suffixEnd [256]bool
}

type slot struct {
	key  string
	e    *entry
	next int32 // index+1 of the next slot with the same hash
}

const hashBits = 14

// keyInfo is what the per-token look-ups read of an entry first.
type keyInfo struct {
	words   wordKind
	sources uint8 // bit 1<<Source for each source of the entry's phrases (Source < 8)
	pronoun bool
}

type entry struct {
	phrases []Phrase // longest first
	words   wordKind
	pronoun *PronounEntry
}

func (l *Lexicon) get(key string) *entry {
	e := l.byKey[key]
	if e == nil {
		e = &entry{}
		l.byKey[key] = e
		l.keys.Add(key)
		l.byID = append(l.byID, e)
		if l.heads == nil {
			l.heads = make([]int32, 1<<hashBits)
		}
		h := keyHash(key)
		l.slots = append(l.slots, slot{key: key, e: e, next: l.heads[h]})
		l.maxKey = max(l.maxKey, len(key))
		l.heads[h] = int32(len(l.slots))
		l.has[h/64] |= 1 << (h % 64)
	}
	return e
}

// keyHash mixes a key's length and its first two and last two bytes: cheap
// enough for every token and spread enough for a few hundred keys.
func keyHash(k string) uint32 {
	n := len(k)
	if n == 0 {
		return 0
	}
	h := uint32(n) * 0x9E3779B1
	h ^= uint32(k[0]) * 0x85EBCA77
	h ^= uint32(k[n-1]) * 0xC2B2AE3D
	if n > 1 {
		h ^= uint32(k[1])*0x27D4EB2F + uint32(k[n-2])*0x165667B1
	}
	h ^= h >> 15
	return h & (1<<hashBits - 1)
}

// lookup returns the entry of key, or nil.
func (l *Lexicon) lookup(key string) *entry {
	if l.heads == nil || len(key) > l.maxKey {
		return nil
	}
	h := keyHash(key)
	if l.has[h/64]&(1<<(h%64)) == 0 {
		return nil
	}
	for i := l.heads[h]; i != 0; i = l.slots[i-1].next {
		if s := &l.slots[i-1]; s.key == key {
			return s.e
		}
	}
	return nil
}

func (l *Lexicon) addPhrase(p Phrase) {
	k := lead(strings.ToLower(p.Text))
	if low := strings.ToLower(p.Text); (p.Source == SrcRole || p.Source == SrcOrgWord) && k == low && len(low) >= 2 {
		h := ending(low)
		l.endings[h/64] |= 1 << (h % 64)
	}
	if n := len(p.Text); !p.exact && isASCII(p.Text) && isLetters(p.Text[n-1:]) {
		p.last = p.Text[n-1] | 0x20
	}
	e := l.get(k)
	e.phrases = append(e.phrases, p)
	sort.SliceStable(e.phrases, func(i, j int) bool { return len(e.phrases[i].Text) > len(e.phrases[j].Text) })
}

// lead returns the leading run of letters, digits and inner hyphens of s:
// the key a token and a phrase share even when the segmenter cut "Gen." or
// "FN's" differently. Any non-ASCII byte counts as a letter except in the
// curly apostrophe, which is cheap and right for word tokens.
func lead(s string) string {
	for i := 0; i < len(s); i++ {
		switch leadClass[s[i]] {
		case leadIn:
		case leadHyphen:
			if i == 0 {
				return s[:i]
			}
		case leadE2:
			if strings.HasPrefix(s[i:], "’") {
				return s[:i]
			}
		default:
			return s[:i]
		}
	}
	return s
}

// leadClass is what each byte is to lead: one table load a byte, not a
// chain of range tests, since every token of every sentence passes.
const (
	leadIn     = iota // a letter, a digit or a byte of a non-ASCII rune
	leadStop          // anything else ends the run
	leadHyphen        // "-": inside the run, not at its start
	leadE2            // first byte of "’" (and of other runes, which stay in)
)

var leadClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			t[c] = leadIn
		case c == '-':
			t[c] = leadHyphen
		case c == 0xE2:
			t[c] = leadE2
		case c >= 0x80:
			t[c] = leadIn
		default:
			t[c] = leadStop
		}
	}
	return t
}()

// LoadLexicon reads lang's roles.tsv, organizations.tsv, orgwords.tsv,
// speech.tsv, pronouns.tsv and entitywords.tsv from fsys.
func LoadLexicon(fsys fs.FS, lang string) (*Lexicon, error) {
	l := &Lexicon{byKey: map[string]*entry{}}
	file := func(name string) string { return path.Join(lang, name) }
	type load struct {
		name   string
		schema table.Schema
		row    func(table.Row) error
	}
	loads := []load{
		{"roles.tsv", table.Schema{Columns: []string{"word", "kind", "form"}, Required: 2}, func(r table.Row) error {
			kind, form := r.Get("kind"), r.Get("form")
			if !roleKinds[kind] {
				return r.Errorf("unknown role kind %q; known kinds: %s", kind, keys(roleKinds))
			}
			if form == "" {
				form = "title"
			}
			if !roleForms[form] {
				return r.Errorf("unknown role form %q; known forms: %s", form, keys(roleForms))
			}
			return l.phrase(r, Phrase{Text: r.Get("word"), Source: SrcRole, Kind: kind, Form: form})
		}},
		{"organizations.tsv", table.Schema{Columns: []string{"name", "kind", "country"}, Required: 2}, func(r table.Row) error {
			kind, c := r.Get("kind"), r.Get("country")
			if !orgKinds[kind] {
				return r.Errorf("unknown organisation kind %q; known kinds: %s", kind, keys(orgKinds))
			}
			if c != "" && (len(c) != 2 || strings.ToUpper(c) != c || !isLetters(c)) {
				return r.Errorf("country %q is not an ISO 3166-1 alpha-2 code such as RU", c)
			}
			return l.phrase(r, Phrase{Text: r.Get("name"), Source: SrcOrg, Kind: kind, Country: c, exact: true})
		}},
		{"orgwords.tsv", table.Schema{Columns: []string{"word", "kind", "use"}, Required: 3}, func(r table.Row) error {
			kind, use := r.Get("kind"), r.Get("use")
			if !orgKinds[kind] {
				return r.Errorf("unknown organisation kind %q; known kinds: %s", kind, keys(orgKinds))
			}
			if !orgUses[use] {
				return r.Errorf("unknown use %q; known uses: %s", use, keys(orgUses))
			}
			p := Phrase{Text: r.Get("word"), Source: SrcOrgWord, Kind: kind, Form: use}
			if use == "suffix" {
				p.Text = strings.ToLower(p.Text)
				l.suffixes = append(l.suffixes, p)
				if p.Text != "" {
					l.suffixEnd[p.Text[len(p.Text)-1]] = true
				}
				return nil
			}
			return l.phrase(r, p)
		}},
		{"speech.tsv", table.Schema{Columns: []string{"word", "kind"}, Required: 2}, func(r table.Row) error {
			kind := r.Get("kind")
			if !speechKinds[kind] {
				return r.Errorf("unknown speech kind %q; known kinds: %s", kind, keys(speechKinds))
			}
			return l.phrase(r, Phrase{Text: r.Get("word"), Source: SrcSpeech, Kind: kind})
		}},
		{"pronouns.tsv", table.Schema{Columns: []string{"word", "gender", "number"}, Required: 3}, func(r table.Row) error {
			g, n := r.Get("gender"), r.Get("number")
			if !genders[g] {
				return r.Errorf("unknown gender %q; known: %s", g, keys(genders))
			}
			if !numbers[n] {
				return r.Errorf("unknown number %q; known: %s", n, keys(numbers))
			}
			w := strings.ToLower(r.Get("word"))
			if strings.ContainsAny(w, " \t") || lead(w) != w {
				return r.Errorf("pronoun %q must be one word", w)
			}
			l.get(w).pronoun = &PronounEntry{Gender: g, Number: n}
			return nil
		}},
		{"entitywords.tsv", table.Schema{Columns: []string{"word", "kind"}, Required: 2}, func(r table.Row) error {
			w, kind := strings.ToLower(r.Get("word")), r.Get("kind")
			if kind == "genitive" {
				l.genitive = append(l.genitive, w)
				return nil
			}
			wk, ok := wordKinds[kind]
			if !ok {
				return r.Errorf("unknown word kind %q; known kinds: genitive, notname, connector, definite, place_prep, verb, article", kind)
			}
			if lead(w) == "" {
				return r.Errorf("word %q must start with a letter", w)
			}
			if wk == wPlacePrep && lead(w) != w {
				// Multi-word prepositions are matched by their last word.
				f := strings.Fields(w)
				w = f[len(f)-1]
			}
			l.get(lead(w)).words |= wk
			return nil
		}},
	}
	for _, ld := range loads {
		rows, err := table.Read(fsys, file(ld.name), ld.schema)
		if err != nil {
			return nil, fmt.Errorf("load %s pack: %w", lang, err)
		}
		for _, r := range rows {
			if err := ld.row(r); err != nil {
				return nil, fmt.Errorf("load %s pack: %w", lang, err)
			}
		}
	}
	sort.SliceStable(l.genitive, func(i, j int) bool { return len(l.genitive[i]) > len(l.genitive[j]) })
	l.info = make([]keyInfo, len(l.byID))
	for id, e := range l.byID {
		in := keyInfo{words: e.words, pronoun: e.pronoun != nil}
		for _, p := range e.phrases {
			in.sources |= 1 << p.Source
		}
		l.info[id] = in
		if in.sources != 0 || in.pronoun {
			b := text.Hash(l.keys.Key(int32(id))) >> 17
			l.found[b/64] |= 1 << (b % 64)
			for src := range srcEnd {
				if in.sources&srcMask(src) != 0 {
					l.phrased[src][b/64] |= 1 << (b % 64)
				}
			}
		}
	}
	return l, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func (l *Lexicon) phrase(r table.Row, p Phrase) error {
	if strings.TrimSpace(p.Text) == "" || lead(strings.ToLower(p.Text)) == "" {
		return r.Errorf("%q must start with a letter or digit", p.Text)
	}
	if e := l.byKey[lead(strings.ToLower(p.Text))]; e != nil {
		for _, q := range e.phrases {
			if q.Source == p.Source && q.Form == p.Form && (q.Text == p.Text || !p.exact && strings.EqualFold(q.Text, p.Text)) {
				return r.Errorf("%q is listed twice", p.Text)
			}
		}
	}
	l.addPhrase(p)
	return nil
}

// Longest finds the longest phrase from src (any source when src is 0) that
// starts at toks[i]. It returns the index just past the phrase's last token.
// A phrase may end inside a token only by a genitive ending ("FN's").
func (l *Lexicon) Longest(txt string, toks []text.Token, i int, src Source) (end int, p *Phrase) {
	t := &toks[i]
	if t.Kind != text.Word && t.Kind != text.Number {
		return 0, nil
	}
	var e *entry
	if t.Plain {
		// A plain word is its own leading run, and its hash is the
		// token's, made once by the segmenter.
		// Most words have no phrase of src: they cost no call, and
		// most of them no probe of keys either.
		h := t.LowerHash()
		if l.phrased[src][h>>17/64]&(1<<(h>>17%64)) == 0 {
			return 0, nil
		}
		id := l.keys.Lookup(t.Lower, h)
		if id < 0 || l.info[id].sources&srcMask(src) == 0 {
			return 0, nil
		}
		e = l.byID[id]
	} else {
		e = l.lookup(lead(t.Lower))
	}
	return l.longestIn(e, txt, toks, i, src)
}

// passes reports whether Find's first pass may pass over t without a look-up:
// no capitalised word, and no word with a phrase or pronoun of the pack. It
// is small enough to inline.
func (l *Lexicon) passes(t *text.Token) bool {
	if t.Kind != text.Word && t.Kind != text.Number {
		return true
	}
	if t.Kind == text.Word && t.Text != "" && (t.Text[0] < 'a' || t.Text[0] > 'z') {
		return false // perhaps capitalised
	}
	h := t.Hash >> 17
	return t.Plain && t.Hash != 0 && l.found[h/64]&(1<<(h%64)) == 0
}

// May reports whether a phrase of src (of any source for 0) may start at t:
// when it is false, Longest finds none there. It is small enough to inline,
// so that a caller asking about every word calls Longest only for the few
// that pass, by one load of a bit set.
func (l *Lexicon) May(t *text.Token, src Source) bool {
	h := t.Hash >> 17
	return !t.Plain || t.Hash == 0 || l.phrased[src][h/64]&(1<<(h%64)) != 0
}

// srcMask is the keyInfo.sources bits of src, all of them for 0 (any source).
func srcMask(src Source) uint8 {
	if src == 0 {
		return 0xFF
	}
	return 1 << src
}

// wordEntry returns the entry of t's whole lower-cased word, or nil.
func (l *Lexicon) wordEntry(t *text.Token) *entry {
	if t.Plain {
		// By the hash the segmenter made, as Longest does.
		if id := l.keys.Lookup(t.Lower, t.LowerHash()); id >= 0 {
			return l.byID[id]
		}
		return nil
	}
	return l.lookup(t.Lower)
}

// longestIn is Longest for a token whose entry is already looked up.
func (l *Lexicon) longestIn(e *entry, txt string, toks []text.Token, i int, src Source) (end int, p *Phrase) {
	if e == nil {
		return 0, nil
	}
	start := toks[i].Start
	for k := range e.phrases {
		ph := &e.phrases[k]
		if src != 0 && ph.Source != src {
			continue
		}
		// matchAt's first tests, here without a call: they turn most
		// phrases of a common first word ("the police", "the army") away.
		stop := start + len(ph.Text)
		if stop > len(txt) || ph.exact && txt[start] != ph.Text[0] || ph.last != 0 && txt[stop-1]|0x20 != ph.last {
			continue
		}
		if j := l.matchAt(txt, toks, i, ph); j > 0 {
			return j, ph
		}
	}
	return 0, nil
}

func (l *Lexicon) matchAt(txt string, toks []text.Token, i int, ph *Phrase) int {
	start := toks[i].Start
	stop := start + len(ph.Text)
	if stop > len(txt) {
		return 0
	}
	seg := txt[start:stop]
	if ph.exact {
		// The first byte turns most away without a call: a capitalised
		// name at a lower-case word.
		if seg[0] != ph.Text[0] || seg != ph.Text {
			return 0
		}
	} else if ph.last != 0 && seg[len(seg)-1]|0x20 != ph.last || !strings.EqualFold(seg, ph.Text) {
		// A text of as many bytes as an ASCII phrase that folds to it
		// rune by rune has as many runes: it is ASCII, and ends in the
		// phrase's last letter in one case or the other.
		return 0
	}
	for j := i; j < len(toks); j++ {
		switch {
		case toks[j].End == stop:
			return j + 1
		case toks[j].End > stop:
			if toks[j].Start < stop && l.isGenitive(txt[stop:toks[j].End]) {
				return j + 1
			}
			return 0
		}
	}
	return 0
}

func (l *Lexicon) isGenitive(s string) bool {
	for _, g := range l.genitive {
		if s == g {
			return true
		}
	}
	return false
}

// StripGenitive removes a genitive ending from a name's last word, keeping at
// least two letters.
func (l *Lexicon) StripGenitive(w string) string {
	for _, g := range l.genitive {
		if len(w) > len(g) && strings.HasSuffix(w, g) && utf8.RuneCountInString(w[:len(w)-len(g)]) >= 2 {
			return w[:len(w)-len(g)]
		}
	}
	return w
}

// compoundOf returns the single-word role or organisation word (of the given
// use, "" for roles) that ends the compound w ("vicepolitiinspektør" ends in
// "politiinspektør"), trying the longest ending first. Only endings of four
// letters or more count. It is for the rare words next to a name, not for
// every token.
func (l *Lexicon) compoundOf(w, use string) *Phrase {
	if len(w) < 5 {
		return nil
	}
	if h := ending(w); l.endings[h/64]&(1<<(h%64)) == 0 {
		return nil
	}
	for k := max(1, len(w)-l.maxKey); k+4 <= len(w); k++ {
		if w[k]&0xC0 == 0x80 {
			continue // not at a character boundary
		}
		e := l.lookup(w[k:])
		if e == nil {
			continue
		}
		for i := range e.phrases {
			p := &e.phrases[i]
			if len(p.Text) != len(w)-k || !strings.EqualFold(p.Text, w[k:]) {
				continue
			}
			if (use == "" && p.Source == SrcRole) || (use != "" && p.Source == SrcOrgWord && p.Form == use) {
				return p
			}
		}
	}
	return nil
}

func ending(w string) uint32 { return uint32(w[len(w)-2])<<8 | uint32(w[len(w)-1]) }

// certainGenitive reports whether w ends in a genitive that cannot be part of
// a name: one with an apostrophe ("Biden's", "FN's").
func (l *Lexicon) certainGenitive(w string) bool {
	for _, g := range l.genitive {
		if strings.ContainsAny(g, "'’") && len(w) > len(g) && strings.HasSuffix(w, g) {
			return true
		}
	}
	return false
}

// suffix returns the organisation compound ending the lower-cased word low
// ends in, first listed first, with more before it.
func (l *Lexicon) suffix(low string) (*Phrase, bool) {
	if low == "" || !l.suffixEnd[low[len(low)-1]] {
		return nil, false
	}
	for i := range l.suffixes {
		if sf := &l.suffixes[i]; len(low) > len(sf.Text) && strings.HasSuffix(low, sf.Text) {
			return sf, true
		}
	}
	return nil, false
}

// Pronoun returns the pronoun a lower-cased word is, if any.
func (l *Lexicon) Pronoun(lower string) *PronounEntry {
	if e := l.lookup(lower); e != nil {
		return e.pronoun
	}
	return nil
}

func (l *Lexicon) words(lower string) wordKind {
	if k := lead(lower); len(k) == len(lower) {
		if e := l.lookup(k); e != nil {
			return e.words
		}
	}
	return 0
}

// Organization returns the organisations.tsv row written exactly as name, or,
// failing that, the one row that matches it ignoring case.
func (l *Lexicon) Organization(name string) (Phrase, bool) {
	var e *entry
	if k := lead(name); isASCII(k) {
		// Upper and lower case letters end lead alike: lead(ToLower(name))
		// is ToLower(lead(name)), and lowering it on the stack costs no
		// allocation.
		var kb [64]byte
		e = l.byKey[string(lowerKey(kb[:0], k))]
	} else {
		e = l.byKey[lead(strings.ToLower(name))]
	}
	if e == nil {
		return Phrase{}, false
	}
	var fold *Phrase
	for k := range e.phrases {
		p := &e.phrases[k]
		if p.Source != SrcOrg {
			continue
		}
		if p.Text == name {
			return *p, true
		}
		if fold == nil && strings.EqualFold(p.Text, name) {
			fold = p
		}
	}
	if fold != nil {
		return *fold, true
	}
	return Phrase{}, false
}
