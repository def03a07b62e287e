// Package entity owns finding the people, organisations and place-like proper
// nouns an article names, with every mention of each: full names, later
// surnames, pronouns and role words ("præsidenten") where the text makes the
// link plain.
//
// It works on structure, not name lists: a run of capitalised words becomes a
// person when a role word from the pack stands before it ("polititalsmand
// Saltanat Azirbek"), a role follows it in apposition ("John Smith, a police
// spokesman,") or a speech verb stands next to it. Known organisations and the
// words that make or describe organisations come from the pack as well.
// Photo captions are never read: their names are credits, not article people.
package entity

import (
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/urodata/uro/internal/text"
)

// Kind is what an entity is.
type Kind uint8

const (
	Person Kind = iota
	Organization
	Place // a proper noun that looks like a place; the geocoder decides
)

func (k Kind) String() string {
	return [...]string{"person", "organization", "place"}[k]
}

// MentionKind says how a mention refers to its entity.
type MentionKind uint8

const (
	Name    MentionKind = iota // the full name, or the longest form written there
	Surname                    // a shorter, later form: "Tokayev"
	Pronoun                    // "hun", "she"
	Role                       // a role word alone: "præsidenten", "regeringen"
)

func (k MentionKind) String() string {
	return [...]string{"name", "surname", "pronoun", "role"}[k]
}

// Entity is one person, organisation or place with all its mentions.
type Entity struct {
	Name     string // canonical: the longest full form, genitive ending stripped
	Kind     Kind
	Role     string // as written: "præsident", "police spokesman"; "" if none
	RoleKind string // from roles.tsv: head_of_state, police_spokesperson, …
	OrgKind  string // from organizations.tsv or orgwords.tsv: media, agency, police, …
	Country  string // ISO 3166-1 alpha-2 from organizations.tsv, or ""
	Mentions []Mention
}

// Mention is one place the text refers to an entity.
type Mention struct {
	Start, End int // byte offsets into Doc.Text
	Text       string
	Kind       MentionKind
}

// Recognizer finds entities using one language pack. It is safe for
// concurrent use.
type Recognizer struct {
	lang string
	lex  *Lexicon
}

// New loads lang's pack tables from fsys (normally langpacks.FS).
func New(fsys fs.FS, lang string) (*Recognizer, error) {
	lex, err := LoadLexicon(fsys, lang)
	if err != nil {
		return nil, fmt.Errorf("entity: %w", err)
	}
	return &Recognizer{lang: lang, lex: lex}, nil
}

// ment is a mention under construction.
type ment struct {
	Mention
	ent      int
	sent     int
	genitive bool // a possessor ("Tokayevs bolig"): not a subject pronouns refer to
}

type builder struct {
	Entity
	first    int      // offset of the first mention, for ordering
	same     int32    // index+1 of another person with the same surname
	toks     []string // the name's words, genitive stripped
	rolePrio int      // how sure the role is: 2 written before the name, 1 taken from a counterpart
}

// state is one Find call's working memory.
type state struct {
	r     *Recognizer
	doc   *text.Doc
	ents  []builder // reused between calls; the output copies out of it
	ments []ment
	// per-sentence scratch
	used   []bool
	wk     []wordKind
	roles  []roleMatch // role phrases by start token
	roleAt []int32
	// look-ups of entities by name and by a person's surname
	byName    map[nameKey]int
	bySurname map[string]int32 // lower-cased surname -> index+1 of the first person; builder.same chains the rest
	byFirst   map[string]int32 // first word -> index+1 into cands
	cands     []cand
	words     []string        // backing store of the builders' name words
	only1     map[nameKey]int // only's index when there are many entities
	// role-only and pronoun references, linked after all names are known
	refs   []ref
	people []personMent // name mentions of people, by offset, for pronouns
	// byte offsets where a mention's token starts: a bit set over the text
	taken bits
	// caps are the capitalised words of the prose, in text order, listed by
	// sentence's pass 1: the only tokens a run of pass 2 or a repeat starts
	// at, so that neither walks every token again. repeats would otherwise
	// read the whole token array once more, which by then has left the
	// nearest caches.
	caps []capWord
	// per-sentence scratch, reused
	speechBuf []bool
	descrBuf  []*Phrase
	// out's scratch
	order, count []int
}

// statePool keeps Find's working memory between calls: most of a Find's
// cost would otherwise be allocation.
var statePool = sync.Pool{New: func() any {
	return &state{byName: map[nameKey]int{}, bySurname: map[string]int32{}, byFirst: map[string]int32{}, only1: map[nameKey]int{}}
}}

func (st *state) reset(r *Recognizer, doc *text.Doc) {
	st.r, st.doc = r, doc
	// The last call's strings cleared, not only cut off: overwritten while
	// the collector marks, each old pointer would be shaded (kept) too.
	clear(st.ents)
	clear(st.cands)
	clear(st.words)
	clear(st.ments)
	clear(st.refs)
	st.ents = st.ents[:0]
	st.cands = st.cands[:0]
	st.words = st.words[:0]
	st.ments = st.ments[:0]
	st.refs = st.refs[:0]
	st.caps = st.caps[:0]
	n := len(doc.Text)/64 + 1
	if cap(st.taken) < n {
		st.taken = make(bits, n)
	}
	st.taken = st.taken[:n]
	clear(st.taken)
	clear(st.byName)
	clear(st.bySurname)
	clear(st.byFirst)
	clear(st.only1)
}

// cand is a known name that repeats looks for.
type cand struct {
	ent   int
	words []string // what must match, from the first word on
	back  []string // person: first names that may stand before
	next  int32    // index+1 of the next cand with the same first word
}

// capWord is a capitalised word: sentence and token index.
type capWord struct{ sent, tok int32 }

// personMent is a person's name mention, small for sorting.
type personMent struct {
	start, sent, ent int32
}

type nameKey struct {
	kind Kind
	name string
}

type roleMatch struct {
	start, end int // token indexes, end exclusive
	ph         *Phrase
	consumed   bool
}

type ref struct {
	m       Mention
	sent    int
	block   int
	role    string // role kind, for Role references to persons
	orgKind string // organisation kind, for Role references to organisations
	pronoun *PronounEntry
}

// Find returns the entities of doc's prose, ordered by first mention.
func (r *Recognizer) Find(doc *text.Doc) []Entity {
	ents, _ := r.FindInto(nil, nil, doc)
	return ents
}

// FindInto is Find writing into the storage of an earlier result: the
// entities go to ents[:0] and all their mentions to one array, ments[:0]
// (each grown when short), which it returns too. A caller done with one
// document's entities hands both to the next document's call, so that the
// output costs no allocation, as the numbers and times of an article do.
func (r *Recognizer) FindInto(ents []Entity, ments []Mention, doc *text.Doc) ([]Entity, []Mention) {
	st := statePool.Get().(*state)
	defer func() {
		st.r, st.doc = nil, nil
		statePool.Put(st)
	}()
	st.reset(r, doc)
	for si := range doc.Sentences {
		if !prose(doc, si) {
			continue
		}
		st.sentence(si)
	}
	st.repeats()
	st.link()
	return st.out(ents, ments)
}

// prose reports whether sentence si is article prose rather than a photo
// credit. The sentence's own mark decides: a caption block may hold a prose
// sentence before its credit.
func prose(doc *text.Doc, si int) bool { return !doc.Sentences[si].Caption }

// firstWord returns the index of the first word or number of a sentence.
func firstWord(toks []text.Token) int {
	for i := range toks {
		if toks[i].Kind == text.Word || toks[i].Kind == text.Number {
			return i
		}
	}
	return -1
}

// isCap is small enough to inline: Find asks it several times a token.
func isCap(t *text.Token) bool {
	if t.Kind != text.Word || len(t.Text) == 0 {
		return false
	}
	c := t.Text[0]
	return 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf && upperFirst(t.Text)
}

// lowerStart reports, without a call, what most tokens are: no word, or a word
// with a lower-case ASCII first letter. lowerStart(t) implies !isCap(t); the loops
// over every token ask it first.
func lowerStart(t *text.Token) bool {
	return t.Kind != text.Word || t.Text == "" || 'a' <= t.Text[0] && t.Text[0] <= 'z'
}

func upperFirst(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func (st *state) sentence(si int) {
	s := &st.doc.Sentences[si]
	toks := s.Tokens
	n := len(toks)
	lex := st.r.lex
	txt := st.doc.Text
	if cap(st.used) < n {
		st.used = make([]bool, n)
	}
	used := st.used[:n]
	clear(used)
	if cap(st.wk) < n {
		st.wk = make([]wordKind, n)
	}
	wk := st.wk[:n] // each token's word kinds, by kinds
	clear(wk)
	st.roles = st.roles[:0]
	// Pass 1: pack phrases and pronouns; the capitalised words listed for
	// pass 2 and repeats. A method of its own, so that its loop over every
	// token keeps its variables in registers.
	caps0 := len(st.caps)
	speech, descr := st.phrases(si, s, used, wk)
	isSpeech := func(k int) bool { return speech != nil && k >= 0 && k < n && speech[k] }
	// speechAfter reports a speech verb later in the sentence: the subject of
	// "Mary Jones, a teacher who lives nearby, said:" stands before it.
	lastSpeech := -1
	for k := n - 1; k >= 0 && speech != nil; k-- {
		if speech[k] {
			lastSpeech = k
			break
		}
	}
	speechAfter := func(k int) bool { return lastSpeech >= k }
	// Roles by their first and last token; index+1, 0 for none.
	if cap(st.roleAt) < 2*(n+1) {
		st.roleAt = make([]int32, 2*(n+1))
	}
	byStart, byEnd := st.roleAt[:n+1], st.roleAt[n+1:2*(n+1)]
	clear(byStart)
	clear(byEnd)
	for x := len(st.roles) - 1; x >= 0; x-- {
		byStart[st.roles[x].start] = int32(x + 1)
		byEnd[st.roles[x].end-1] = int32(x + 1)
	}
	roleEndingAt := func(k int) *roleMatch { // a role whose last token is k
		if k < 0 || byEnd[k] == 0 {
			return nil
		}
		return &st.roles[byEnd[k]-1]
	}
	roleStartingAt := func(k int) *roleMatch {
		if byStart[k] == 0 {
			return nil
		}
		return &st.roles[byStart[k]-1]
	}
	lastRoled := -1 // entity of the last person in this sentence with a role
	// Pass 2: runs of capitalised words.
	from := 0 // the tokens before it are in a run already read
	for _, cw := range st.caps[caps0:] {
		i := int(cw.tok)
		if i < from || used[i] {
			continue
		}
		if st.kinds(toks, i)&wNotName != 0 {
			continue
		}
		a, b := i, i+1
		for b < n && b-a < 6 {
			if !used[b] && isCap(&toks[b]) && toks[b].Start == toks[b-1].End+1 {
				b++
				continue
			}
			if b+1 < n && !used[b] && toks[b].Kind == text.Word && st.kinds(toks, b)&wConnector != 0 &&
				!isCap(&toks[b]) && isCap(&toks[b+1]) && !used[b+1] {
				b += 2
				continue
			}
			break
		}
		from = b
		last := &toks[b-1]
		// Organisations made by a word of the pack.
		if kind, ok := st.orgHead(toks, a, b, used); ok {
			end := b
			if !st.headIn(toks, a, b) {
				end = b + 1
				used[b] = true
			}
			st.addOrg(si, toks, a, end, txt[toks[a].Start:toks[end-1].End], kind, "", false)
			from = end
			continue
		}
		if descr != nil && descr[a] != nil {
			st.addOrg(si, toks, a, b, txt[toks[a].Start:last.End], descr[a].Kind, "", true)
			continue
		}
		if b-a >= 2 {
			// A compound descriptor opening the run names the organisation
			// after it: "Nødhjælpsorganisationen Emergency".
			if d := lex.compoundOf(toks[a].Lower, "descriptor"); d != nil {
				st.addOrg(si, toks, a+1, b, txt[toks[a+1].Start:last.End], d.Kind, "", true)
				continue
			}
		}
		// People.
		role := roleEndingAt(a - 1)
		if role == nil && b+1 < n && toks[b].Text == "," {
			// Apposition: "John Smith, a police spokesman, said", "X,
			// Galmudug's security minister,": the role comes at once, after
			// an article, or after a possessor, with at most two words between.
			k, words := b+1, 0
			if st.kinds(toks, k)&wArticle != 0 || (isCap(&toks[k]) && st.r.lex.certainGenitive(toks[k].Text)) {
				k, words = k+1, 2
			}
			for j := k; j < n && j <= k+words; j++ {
				if rm := roleStartingAt(j); rm != nil && rm.ph.Form == "title" {
					// A role with a name after it is that name's ("…, efter præsident X").
					if rm.end >= n || !isCap(&toks[rm.end]) {
						role = rm
					}
					break
				}
				if toks[j].Kind != text.Word || isCap(&toks[j]) || isSpeech(j) {
					break
				}
			}
		}
		if role == nil && a > 0 && toks[a-1].Kind == text.Word && !isCap(&toks[a-1]) && !used[a-1] && st.kinds(toks, a-1) == 0 {
			// A compound role: "vicepolitiinspektør Rikke Holst", "radiojournalisten X".
			if d := lex.compoundOf(toks[a-1].Lower, ""); d != nil && d.Source == SrcRole {
				st.roles = append(st.roles, roleMatch{start: a - 1, end: a, ph: d})
				role = &st.roles[len(st.roles)-1]
				byEnd[a-1] = int32(len(st.roles))
			}
		}
		if role != nil {
			role.consumed = true
			ei := st.addPerson(si, toks, a, b)
			rb := &st.ents[ei]
			rtext := txt[toks[role.start].Start:toks[role.end-1].End]
			if role.ph.Kind == "counterpart" && lastRoled >= 0 {
				st.setRole(rb, st.ents[lastRoled].Role, st.ents[lastRoled].RoleKind, 1)
			} else {
				st.setRole(rb, rtext, role.ph.Kind, 2)
			}
			if role.ph.Kind != "counterpart" {
				lastRoled = ei
			}
			continue
		}
		// A sentence-initial name with a clause after it is the subject of a
		// later speech verb: "Mary Jones, a teacher who lives nearby, said".
		subject := b < n && toks[b].Text == "," && speechAfter(b) && firstWord(toks) == a
		if b-a >= 2 && (isSpeech(b) || isSpeech(a-1) || subject) {
			st.addPerson(si, toks, a, b)
			continue
		}
		if b-a >= 2 && a > 1 {
			// A speech verb, then a description, then the name: "siger
			// butiksejeren Abdul Wahid Noori", "siger den 22-årige studerende
			// Nino Beridze". The word before the name is the role as written.
			k := a - 1
			for k >= 0 && a-k <= 4 && !isSpeech(k) && !used[k] && (toks[k].Kind == text.Word || toks[k].Kind == text.Number) && !isCap(&toks[k]) {
				k--
			}
			if k >= 0 && k < a-1 && isSpeech(k) && toks[a-1].Kind == text.Word && st.kinds(toks, a-1)&(wArticle|wDefinite) == 0 {
				ei := st.addPerson(si, toks, a, b)
				kind := ""
				if d := lex.compoundOf(toks[a-1].Lower, ""); d != nil && d.Source == SrcRole {
					kind = d.Kind
				}
				st.setRole(&st.ents[ei], toks[a-1].Text, kind, 1)
				continue
			}
		}
		if a > 0 && st.kinds(toks, a-1)&wPlacePrep != 0 && !isSpeech(a-1) {
			st.addPlace(si, toks, a, b)
			continue
		}
	}
	// Role words with no name after them may refer back to a named person.
	for x := range st.roles {
		rm := &st.roles[x]
		if rm.consumed || rm.ph.Kind == "counterpart" {
			continue
		}
		if rm.ph.Form == "definite" {
			st.refs = append(st.refs, st.refAt(si, toks, rm.start, rm.end, rm.ph.Kind, ""))
		} else if rm.start > 0 && st.kinds(toks, rm.start-1)&wDefinite != 0 {
			st.refs = append(st.refs, st.refAt(si, toks, rm.start-1, rm.end, rm.ph.Kind, ""))
		}
	}
}

// phrases is sentence's pass 1: it marks the pack phrases and pronouns of
// sentence si, sets each token's word kinds, lists the capitalised words,
// and returns which tokens are speech verbs and the descriptors by the
// token after them (nil when there are none).
func (st *state) phrases(si int, s *text.Sentence, used []bool, wk []wordKind) (speech []bool, descr []*Phrase) {
	toks := s.Tokens
	n := len(toks)
	lex := st.r.lex
	txt := st.doc.Text
	// Pronouns count outside quotations only: a quoted "she" is the speaker's, not ours.
	inQuote := s.Block >= 0 && s.Block < len(st.doc.Blocks) && st.doc.Blocks[s.Block].Kind == text.QuoteBlock
	for i := 0; i < n; i++ {
		// Most tokens are punctuation, or lower-case words with no phrase
		// or pronoun of the pack: this loop, with no call in it, passes
		// over them. Their word kinds wait until asked for (kinds).
		for i < n && lex.passes(&toks[i]) {
			i++
		}
		if i == n {
			break
		}
		t := &toks[i]
		if isCap(t) {
			st.caps = append(st.caps, capWord{int32(si), int32(i)})
		}
		key := t.Lower
		if !t.Plain {
			key = lead(key) // a plain word is its own leading run
		}
		var e *entry
		whole := len(key) == len(t.Lower)
		if whole {
			// key is the whole word: its hash is the token's, made once by
			// the segmenter. A capitalised word is looked up even with no
			// phrase or pronoun: pass 2 asks its kinds.
			id := lex.keys.Lookup(key, t.LowerHash())
			if id < 0 {
				wk[i] = wKnown
				continue
			}
			in := lex.info[id]
			wk[i] = in.words | wKnown
			if in.sources == 0 && !in.pronoun {
				continue // only word kinds: the entry has nothing more
			}
			e = lex.byID[id]
		} else if e = lex.lookup(key); e == nil {
			continue
		}
		if p := e.pronoun; p != nil && !inQuote && whole && p.Number == "sg" && (p.Gender == "f" || p.Gender == "m") {
			rf := st.refAt(si, toks, i, i+1, "", "")
			rf.pronoun = p
			rf.m.Kind = Pronoun
			st.refs = append(st.refs, rf)
		}
		if len(e.phrases) == 0 {
			continue
		}
		j, ph := lex.longestIn(e, txt, toks, i, 0)
		if ph == nil {
			continue
		}
		switch ph.Source {
		case SrcOrg:
			st.addOrg(si, toks, i, j, ph.Text, ph.Kind, ph.Country, false)
			for k := i; k < j; k++ {
				used[k] = true
			}
		case SrcRole:
			st.roles = append(st.roles, roleMatch{start: i, end: j, ph: ph})
			for k := i; k < j; k++ {
				used[k] = true
			}
		case SrcSpeech:
			if speech == nil {
				if cap(st.speechBuf) < n {
					st.speechBuf = make([]bool, n)
				}
				speech = st.speechBuf[:n]
				clear(speech)
			}
			for k := i; k < j; k++ {
				speech[k] = true
				used[k] = true
			}
		case SrcOrgWord:
			switch ph.Form {
			case "descriptor":
				if descr == nil {
					if cap(st.descrBuf) < n+1 {
						st.descrBuf = make([]*Phrase, n+1)
					}
					descr = st.descrBuf[:n+1]
					clear(descr)
				}
				descr[j] = ph
			case "definite":
				st.refs = append(st.refs, st.refAt(si, toks, i, j, "", ph.Kind))
			case "head":
				if i > 0 && st.kinds(toks, i-1)&wDefinite != 0 && (j >= n || !isCap(&toks[j])) {
					st.refs = append(st.refs, st.refAt(si, toks, i-1, j, "", ph.Kind))
				}
			}
			if descr != nil && descr[j] == ph && j < n && !isCap(&toks[j]) {
				// A descriptor before a known organisation ("nyhedsbureauet AP") adds nothing.
				descr[j] = nil
			}
			// Head words stay free so that "Kasakhstans regering" and
			// "Københavns Politi" can claim them.
			if ph.Form != "head" && isCap(t) {
				used[i] = true
			}
		}
		if j > i+1 {
			for k := i + 1; k < j; k++ {
				wk[k] = wKnown // pass 1 reads no word inside a phrase
				if !lowerStart(&toks[k]) && isCap(&toks[k]) {
					st.caps = append(st.caps, capWord{int32(si), int32(k)})
				}
			}
			i = j - 1
		}
	}
	return speech, descr
}

// kinds returns the word kinds of token k of the sentence being read, as
// pass 1 reads them: none for a word inside a pack phrase or one not its own
// key. Pass 1 looks up only the words with a phrase or pronoun; the others
// are looked up here, the first time they are asked about.
func (st *state) kinds(toks []text.Token, k int) wordKind {
	w := st.wk[k]
	if w == 0 {
		w = wKnown
		if t := &toks[k]; t.Kind == text.Word || t.Kind == text.Number {
			key := t.Lower
			if !t.Plain {
				key = lead(key)
			}
			lex := st.r.lex
			if len(key) == len(t.Lower) {
				if id := lex.keys.Lookup(key, t.LowerHash()); id >= 0 {
					w |= lex.info[id].words
				}
			}
		}
		st.wk[k] = w
	}
	return w &^ wKnown
}

func (st *state) refAt(si int, toks []text.Token, i, j int, role, orgKind string) ref {
	s, e := toks[i].Start, toks[j-1].End
	return ref{m: Mention{Start: s, End: e, Text: st.doc.Text[s:e], Kind: Role}, sent: si,
		block: st.doc.Sentences[si].Block, role: role, orgKind: orgKind}
}

// orgHead reports whether the run a..b ends in, or is followed by, a head word
// ("Københavns Politi", "Kasakhstans regering"), or ends in a compound suffix.
func (st *state) orgHead(toks []text.Token, a, b int, used []bool) (string, bool) {
	lex := st.r.lex
	if b-a >= 2 {
		if k, ok := st.headKind(&toks[b-1]); ok {
			return k, true
		}
	}
	if b < len(toks) && !used[b] && toks[b].Kind == text.Word && !isCap(&toks[b]) {
		if k, ok := st.headKind(&toks[b]); ok {
			return k, true
		}
	}
	if sf, ok := lex.suffix(toks[b-1].Lower); ok {
		return sf.Kind, true
	}
	return "", false
}

// headIn reports whether the organisation word is inside the run rather than after it.
func (st *state) headIn(toks []text.Token, a, b int) bool {
	if b-a >= 2 {
		if _, ok := st.headKind(&toks[b-1]); ok {
			return true
		}
	}
	return st.suffixed(toks[b-1].Lower)
}

func (st *state) suffixed(low string) bool {
	_, ok := st.r.lex.suffix(low)
	return ok
}

// headKind returns the kind of the head word t is, if it is one.
func (st *state) headKind(t *text.Token) (string, bool) {
	e := st.r.lex.wordEntry(t)
	if e == nil {
		return "", false
	}
	for k := range e.phrases {
		if p := &e.phrases[k]; p.Source == SrcOrgWord && p.Form == "head" && strings.EqualFold(p.Text, t.Lower) {
			return p.Kind, true
		}
	}
	return "", false
}

func (st *state) setRole(b *builder, role, kind string, prio int) {
	if prio > b.rolePrio {
		b.Role, b.RoleKind, b.rolePrio = role, kind, prio
	}
}

func (st *state) mention(si, ent int, toks []text.Token, a, b int, kind MentionKind, genitive bool) {
	start, end := toks[a].Start, toks[b-1].End
	for k := a; k < b; k++ {
		if st.taken.has(toks[k].Start) {
			return
		}
	}
	for k := a; k < b; k++ {
		st.taken.set(toks[k].Start)
	}
	st.ments = append(st.ments, ment{Mention: Mention{Start: start, End: end, Text: st.doc.Text[start:end], Kind: kind},
		ent: ent, sent: si, genitive: genitive})
	if b := &st.ents[ent]; start < b.first {
		b.first = start
	}
}

// nameWords returns the run's words with the genitive ending stripped from the
// last, and whether there was one.
func (st *state) nameWords(toks []text.Token, a, b int, strip bool) ([]string, bool) {
	at := len(st.words)
	for k := a; k < b; k++ {
		st.words = append(st.words, toks[k].Text)
	}
	// Capped so that a later append cannot write into it.
	w := st.words[at:len(st.words):len(st.words)]
	gen := false
	if strip {
		s := st.r.lex.StripGenitive(w[len(w)-1])
		gen = s != w[len(w)-1]
		w[len(w)-1] = s
	}
	return w, gen
}

func (st *state) addPerson(si int, toks []text.Token, a, b int) int {
	words, gen := st.nameWords(toks, a, b, true)
	if gen && !st.r.lex.certainGenitive(toks[b-1].Text) && !st.knownSurname(words[len(words)-1]) &&
		(b >= len(toks) || toks[b].Kind != text.Word || isCap(&toks[b]) ||
			st.kinds(toks, b)&wVerb != 0 || st.isSpeechAt(toks, b)) {
		// A bare letter ending ("Tønnes") is a genitive only before the
		// thing possessed ("Tokayevs bolig"), not before a verb ("Tønnes
		// var"), or when the base form is known.
		words[len(words)-1] = toks[b-1].Text
		gen = false
	}
	var kb [64]byte
	low := lowerKey(kb[:0], words[len(words)-1])
	ei := -1
	// string(low) in an index expression does not allocate.
	for k := st.bySurname[string(low)]; k != 0; k = st.ents[k-1].same {
		if compatible(st.ents[k-1].toks, words) {
			ei = int(k - 1)
			break
		}
	}
	if ei < 0 {
		ei = len(st.ents)
		st.ents = append(st.ents, builder{Entity: Entity{Kind: Person}, first: toks[a].Start, same: st.bySurname[string(low)]})
		st.bySurname[string(low)] = int32(ei + 1)
	}
	e := &st.ents[ei]
	if len(words) > len(e.toks) {
		e.toks = words
		e.Name = st.joined(toks, a, b, words)
	}
	st.mention(si, ei, toks, a, b, Name, gen)
	return ei
}

// lowerKey appends strings.ToLower(s) to dst, for map look-ups that need no
// string of their own.
func lowerKey(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(dst, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// joined is strings.Join(words, " ") for a name's words, the tokens a..b
// with the last perhaps cut short (a genitive ending): when single spaces
// part the tokens, as they do in normalised text, it is a piece of the text
// and costs nothing.
func (st *state) joined(toks []text.Token, a, b int, words []string) string {
	txt := st.doc.Text
	for k := a + 1; k < b; k++ {
		if toks[k].Start != toks[k-1].End+1 || txt[toks[k-1].End] != ' ' {
			return strings.Join(words, " ")
		}
	}
	for k := a; k < b; k++ {
		if w := words[k-a]; len(w) > len(toks[k].Text) || toks[k].Text[:len(w)] != w || (k < b-1 && len(w) != len(toks[k].Text)) {
			return strings.Join(words, " ")
		}
	}
	return txt[toks[a].Start : toks[b-1].Start+len(words[b-1-a])]
}

// fields is strings.Fields(s), its slice cut from st.words.
func (st *state) fields(s string) []string {
	at := len(st.words)
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				st.words = append(st.words, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		st.words = append(st.words, s[start:])
	}
	if len(st.words) == at {
		return []string{} // as strings.Fields gives for a blank name
	}
	// Capped so that a later append cannot write into it.
	return st.words[at:len(st.words):len(st.words)]
}

func (st *state) isSpeechAt(toks []text.Token, i int) bool {
	_, p := st.r.lex.Longest(st.doc.Text, toks, i, SrcSpeech)
	return p != nil
}

func (st *state) knownSurname(w string) bool {
	var kb [64]byte
	return st.bySurname[string(lowerKey(kb[:0], w))] != 0
}

// compatible reports whether one name's words end the other's: "Tokayev" and
// "Kassym-Jomart Tokayev" are one person, "Anna Jensen" and "Ole Jensen" two.
func compatible(x, y []string) bool {
	if len(x) > len(y) {
		x, y = y, x
	}
	off := len(y) - len(x)
	for i := range x {
		if x[i] != y[off+i] {
			return false
		}
	}
	return true
}

func (st *state) addOrg(si int, toks []text.Token, a, b int, name, kind, country string, strip bool) {
	if strip {
		words, _ := st.nameWords(toks, a, b, true)
		if st.baseKnown(words) {
			name = strings.Join(words, " ")
		}
	}
	ei := st.find(Organization, name)
	if ei < 0 {
		ei = len(st.ents)
		st.ents = append(st.ents, builder{Entity: Entity{Name: name, Kind: Organization, OrgKind: kind, Country: country},
			first: toks[a].Start, toks: st.fields(name)})
		st.byName[nameKey{Organization, name}] = ei
	}
	st.mention(si, ei, toks, a, b, Name, false)
}

func (st *state) addPlace(si int, toks []text.Token, a, b int) {
	words, _ := st.nameWords(toks, a, b, false)
	name := st.joined(toks, a, b, words)
	ei := st.find(Place, name)
	if ei < 0 {
		ei = len(st.ents)
		st.ents = append(st.ents, builder{Entity: Entity{Name: name, Kind: Place}, first: toks[a].Start, toks: words})
		st.byName[nameKey{Place, name}] = ei
	}
	st.mention(si, ei, toks, a, b, Name, false)
}

func (st *state) baseKnown(words []string) bool {
	return st.find(Organization, strings.Join(words, " ")) >= 0 || st.find(Place, strings.Join(words, " ")) >= 0
}

func (st *state) find(k Kind, name string) int {
	if i, ok := st.byName[nameKey{k, name}]; ok {
		return i
	}
	return -1
}

// repeats finds later (or earlier) mentions of names already known: a
// person's surname alone, a place or organisation written again, also with a
// genitive ending ("Kasakhstans") or at the start of a sentence.
func (st *state) repeats() {
	if len(st.ents) == 0 {
		return
	}
	byFirst := st.byFirst
	// shape rules most capitalised words out without a map look-up: bit n
	// of shape[c] is set when a key of n bytes (63 for longer) starts with c.
	var shape [256]uint64
	maybe := func(k string) bool { return k == "" || shape[k[0]]&(1<<min(len(k), 63)) != 0 }
	for i, e := range st.ents {
		if len(e.toks) == 0 {
			continue
		}
		key := e.toks[0]
		switch e.Kind {
		case Person:
			key = e.toks[len(e.toks)-1]
			st.cands = append(st.cands, cand{ent: i, words: e.toks[len(e.toks)-1:], back: e.toks[:len(e.toks)-1], next: byFirst[key]})
		default:
			st.cands = append(st.cands, cand{ent: i, words: e.toks, next: byFirst[key]})
		}
		byFirst[key] = int32(len(st.cands))
		if key != "" {
			shape[key[0]] |= 1 << min(len(key), 63)
		}
	}
	// Merge places written with and without a genitive ending.
	lex := st.r.lex
	doc := st.doc
	// Only capitalised words can start a repeat; sentence listed them.
	var toks []text.Token
	si, skip := -1, 0 // skip: the tokens before it belong to a repeat found
	for _, cw := range st.caps {
		if int(cw.sent) != si {
			si, skip = int(cw.sent), 0
			toks = doc.Sentences[si].Tokens
		}
		i := int(cw.tok)
		t := &toks[i]
		// shape[t.Text[0]] == 0: no name starts with the word's first
		// byte, which a genitive ending leaves in place.
		if i < skip || shape[t.Text[0]] == 0 || st.taken.has(t.Start) {
			continue
		}
		var ci int32
		ok := false
		if maybe(t.Text) {
			ci, ok = byFirst[t.Text]
		}
		if !ok {
			if base := lex.StripGenitive(t.Text); len(base) < len(t.Text) && maybe(base) {
				ci = byFirst[base]
			}
		}
	next:
		for ; ci != 0; ci = st.cands[ci-1].next {
			c := &st.cands[ci-1]
			if i+len(c.words) > len(toks) {
				continue
			}
			gen := false
			for k, w := range c.words {
				tt := toks[i+k].Text
				if tt != w {
					if k == len(c.words)-1 && lex.StripGenitive(tt) == w {
						gen = true
						continue
					}
					continue next
				}
			}
			a, b := i, i+len(c.words)
			// A person's first names written before the surname belong to the mention.
			for k := len(c.back) - 1; k >= 0 && a > 0 && toks[a-1].Text == c.back[k] && !st.taken.has(toks[a-1].Start); k-- {
				a--
			}
			kind := Name
			if st.ents[c.ent].Kind == Person && b-a < len(st.ents[c.ent].toks) {
				kind = Surname
			}
			st.mention(si, c.ent, toks, a, b, kind, gen)
			skip = b
			break
		}
	}
}

// link ties role words and pronouns to the entity the text plainly means.
func (st *state) link() {
	if len(st.refs) == 0 {
		return
	}
	st.people = st.people[:0]
	for _, rf := range st.refs {
		if rf.pronoun != nil {
			// antecedent searches the people's name mentions by offset.
			for _, m := range st.ments {
				if st.ents[m.ent].Kind == Person && !m.genitive && (m.Kind == Name || m.Kind == Surname) {
					st.people = append(st.people, personMent{start: int32(m.Start), sent: int32(m.sent), ent: int32(m.ent)})
				}
			}
			slices.SortFunc(st.people, func(x, y personMent) int { return int(x.start - y.start) })
			break
		}
	}
	for _, rf := range st.refs {
		if st.taken.has(rf.m.Start) {
			continue
		}
		ei := -1
		switch {
		case rf.pronoun != nil:
			ei = st.antecedent(rf)
		case rf.role != "":
			ei = st.only(Person, rf.role)
		case rf.orgKind != "":
			ei = st.only(Organization, rf.orgKind)
		}
		if ei < 0 {
			continue
		}
		st.taken.set(rf.m.Start)
		st.ments = append(st.ments, ment{Mention: rf.m, ent: ei, sent: rf.sent})
	}
}

// only returns the one entity of kind k whose role kind (persons) or
// organisation kind is kind, or -1 when there is none or several: then no link
// is plain.
func (st *state) only(k Kind, kind string) int {
	if len(st.ents) > 32 {
		// Many entities: index them once rather than scan for every reference.
		if len(st.only1) == 0 {
			for i := range st.ents {
				b := &st.ents[i]
				key := nameKey{b.Kind, b.RoleKind}
				if b.Kind == Organization {
					key.name = b.OrgKind
				}
				if key.name == "" || b.Kind == Place {
					continue
				}
				if _, dup := st.only1[key]; dup {
					st.only1[key] = -1
				} else {
					st.only1[key] = i
				}
			}
		}
		if i, ok := st.only1[nameKey{k, kind}]; ok {
			return i
		}
		return -1
	}
	found := -1
	for i := range st.ents {
		b := &st.ents[i]
		if b.Kind != k || (k == Person && b.RoleKind != kind) || (k == Organization && b.OrgKind != kind) {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = i
	}
	return found
}

func cmpMention(x, y Mention) int { return x.Start - y.Start }

// antecedent finds the person a pronoun refers to: the one person named (not
// as a possessor) in the nearest stretch before it, looking back at most two
// blocks. Two candidates there mean the link is not plain, and none is made.
func (st *state) antecedent(rf ref) int {
	doc := st.doc
	for si := rf.sent; si >= 0 && si > rf.sent-8; si-- {
		if doc.Sentences[si].Block < rf.block-2 {
			break
		}
		found, several := -1, false
		// st.people is sorted by offset: walk the sentence's stretch only.
		start := int32(doc.Sentences[si].Start)
		lo := sort.Search(len(st.people), func(i int) bool { return st.people[i].start >= start })
		for _, m := range st.people[lo:] {
			if int(m.start) >= doc.Sentences[si].End {
				break
			}
			if int(m.sent) != si || (si == rf.sent && int(m.start) >= rf.m.Start) {
				continue
			}
			if found >= 0 && int(m.ent) != found {
				several = true
			}
			found = int(m.ent)
		}
		if several {
			return -1
		}
		if found >= 0 {
			return found
		}
	}
	return -1
}

func (st *state) out(dst []Entity, all []Mention) ([]Entity, []Mention) {
	// A place written once with a genitive ending ("i Kasakhstans største by")
	// is the place written elsewhere without it.
	for i := range st.ents {
		e := &st.ents[i]
		if e.Kind != Place {
			continue
		}
		base := st.r.lex.StripGenitive(e.Name)
		if base == e.Name {
			continue
		}
		if j := st.find(Place, base); j >= 0 {
			for k := range st.ments {
				if st.ments[k].ent == i {
					st.ments[k].ent = j
					st.ments[k].genitive = true
				}
			}
			if e.first < st.ents[j].first {
				st.ents[j].first = e.first
			}
			e.Name = "" // dropped below
		}
	}
	order := slices.Grow(st.order[:0], len(st.ents))[:len(st.ents)]
	st.order = order
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return st.ents[x].first - st.ents[y].first })
	// One backing array for every entity's mentions; each entity's stretch
	// is sorted on its own, which is cheaper than sorting all mentions.
	count := slices.Grow(st.count[:0], 2*len(st.ents)+1)[:len(st.ents)+1]
	st.count = count
	clear(count)
	for _, m := range st.ments {
		count[m.ent+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	all = slices.Grow(all[:0], len(st.ments))[:len(st.ments)]
	if all == nil {
		all = []Mention{} // as make gave: a mention list is never nil
	}
	fill := append(count[len(count):], count[:len(st.ents)]...) // room was grown for it
	for _, m := range st.ments {
		all[fill[m.ent]] = m.Mention
		fill[m.ent]++
	}
	out := slices.Grow(dst[:0], len(st.ents))
	if out == nil {
		out = []Entity{} // as make gave: no entities is an empty list
	}
	for _, i := range order {
		e := st.ents[i].Entity
		if e.Name == "" {
			continue
		}
		e.Mentions = all[count[i]:count[i+1]:count[i+1]]
		if !slices.IsSortedFunc(e.Mentions, cmpMention) {
			slices.SortFunc(e.Mentions, cmpMention)
		}
		out = append(out, e)
	}
	return out, all
}

// bits is a set of byte offsets.
type bits []uint64

func (b bits) set(i int) {
	if i >= 0 && i/64 < len(b) {
		b[i/64] |= 1 << (i % 64)
	}
}

func (b bits) has(i int) bool {
	return i >= 0 && i/64 < len(b) && b[i/64]&(1<<(i%64)) != 0
}
