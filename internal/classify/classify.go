// Package classify owns uro's learned sentence classifier: a compact
// multinomial logistic regression over word stems and stem bigrams that names
// the ACLED sub-event type and the PLOVER event type a sentence reports, with
// softmax probabilities. It is the fallback where the trigger rules run out.
//
// The weights are generated data, one file per language pack
// (langpacks/<lang>/model.tsv), written by `go run ./internal/classify/train`
// from the training sentences in internal/classify/traindata/<lang>/.
package classify

import (
	"fmt"
	"io"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/internal/text"
)

// ModelFile is the pack file holding a language's weights.
const ModelFile = "model.tsv"

// classesKey names the model row that lists each head's classes in index order.
const classesKey = "@classes"

var modelSchema = table.Schema{Columns: []string{"feature", "acled", "plover"}, Required: 1}

// Scored is one class with its probability.
type Scored struct {
	Label string
	Score float64
}

// Prediction is what the model says about one sentence: each head's best
// class and probability, and its three best classes.
type Prediction struct {
	ACLED       string
	ACLEDScore  float64
	PLOVER      string
	PLOVERScore float64
	ACLEDTop    []Scored
	PLOVERTop   []Scored
}

// head is one softmax layer: for feature f, the weights of classes
// cls[start[f]:start[f+1]] are w[start[f]:start[f+1]].
type head struct {
	labels []string
	start  []int32
	cls    []uint8
	w      []float32
}

// Model is a trained two-headed classifier for one language. It is safe for
// concurrent use.
type Model struct {
	lang  string
	stem  *stemmer
	names []string         // feature names, by index
	index map[uint64]int32 // feature hash -> index
	// filter has bit (hash^hash>>29)&fmask set for every key of index (nil: none built):
	// most n-grams of a sentence are no feature, and a bit test rules them
	// out before the map look-up.
	filter []uint64
	fmask  uint64
	// slots is index again as an open-addressed table (linear probing from
	// (hash^hash>>29)&smask, at most half full): the look-ups of the
	// features that pass filter, without the map's own hashing.
	slots []featureSlot
	smask uint64
	// Every feature's weights of both heads, head 0's first, side by side:
	// a feature found in slots reads one short run of each. wv holds the
	// values, wc the score each adds to (head*maxClasses + class): two
	// arrays rather than one of pairs, so that the adding loop loads each
	// with one plain instruction and the weights take 5 bytes, not 8
	// (widening float32 to float64 is exact, so the sums are those of
	// float64 weights).
	wv    []float32
	wc    []uint8
	heads [2]head // acled, plover
	// allowed lists the (ACLED, PLOVER) class pairs that may go together
	// (Consistent), by ACLED class, then PLOVER class; most ACLED classes
	// allow exactly one.
	allowed []classPair
	// vocab is the model by stem number, for PredictTokens (nil: it hashes
	// the features as Predict does).
	vocab *vocab
}

// Lang returns the language the model was trained for.
func (m *Model) Lang() string { return m.lang }

// Load reads a language's suffixes and model weights from fsys (langpacks.FS
// in production): <lang>/suffixes.txt and <lang>/model.tsv.
func Load(fsys fs.FS, lang string) (*Model, error) {
	st, err := loadStemmer(fsys, lang)
	if err != nil {
		return nil, fmt.Errorf("classify: load %s stemmer: %w", lang, err)
	}
	path := lang + "/" + ModelFile
	rows, err := table.Read(fsys, path, modelSchema)
	if err != nil {
		return nil, fmt.Errorf("classify: load %s model: %w", lang, err)
	}
	m, err := parseModel(rows, path)
	if err != nil {
		return nil, fmt.Errorf("classify: load %s model: %w", lang, err)
	}
	m.lang, m.stem = lang, st
	m.setAllowed()
	m.buildVocab()
	return m, nil
}

func parseModel(rows []table.Row, path string) (*Model, error) {
	if len(rows) == 0 || rows[0].Get("feature") != classesKey {
		return nil, fmt.Errorf("%s: the first row must be %s", path, classesKey)
	}
	m := &Model{index: make(map[uint64]int32, len(rows))}
	closed := [2][]string{ACLEDLabels(), PLOVERLabels()}
	cols := [2]string{"acled", "plover"}
	for h := range m.heads {
		labels := strings.Split(rows[0].Get(cols[h]), "|")
		if err := sameSet(labels, closed[h]); err != nil {
			return nil, rows[0].Errorf("%s classes: %v", cols[h], err)
		}
		m.heads[h].labels = labels
		m.heads[h].start = make([]int32, 1, len(rows))
	}
	for _, r := range rows[1:] {
		name := r.Get("feature")
		if name != biasFeature && !strings.HasPrefix(name, uniPrefix) && !strings.HasPrefix(name, biPrefix) {
			return nil, r.Errorf("feature %q must be %q, %q+stem or %q+stem pair", name, biasFeature, uniPrefix, biPrefix)
		}
		hash := hashString(name)
		if _, dup := m.index[hash]; dup {
			return nil, r.Errorf("feature %q is listed twice", name)
		}
		m.index[hash] = int32(len(m.names))
		m.names = append(m.names, name)
		for h := range m.heads {
			hd := &m.heads[h]
			if err := hd.parseWeights(r.Get(cols[h])); err != nil {
				return nil, r.Errorf("%s weights: %v", cols[h], err)
			}
			hd.start = append(hd.start, int32(len(hd.cls)))
		}
	}
	m.buildFilter()
	return m, nil
}

// buildFilter fills filter from index, with about 16 bits a feature, and
// slots.
func (m *Model) buildFilter() {
	bits := uint64(64)
	for bits < 16*uint64(len(m.index)) {
		bits <<= 1
	}
	m.filter, m.fmask = make([]uint64, bits/64), bits-1
	for h := range m.index {
		b := (h ^ h>>29) & m.fmask // FNV mixes the high bits best
		m.filter[b/64] |= 1 << (b % 64)
	}
	n := uint64(16)
	for n < 2*uint64(len(m.index)) {
		n <<= 1
	}
	m.slots, m.smask = make([]featureSlot, n), n-1
	// In the file's order, not the map's: the same model lays out its
	// tables the same way in every process, and runs alike.
	for f, name := range m.names {
		h := hashString(name)
		i := (h ^ h>>29) & m.smask
		for m.slots[i].hi != 0 {
			i = (i + 1) & m.smask
		}
		lo := int32(len(m.wv))
		for hi := range m.heads {
			hd := &m.heads[hi]
			for k := hd.start[f]; k < hd.start[f+1]; k++ {
				m.wv = append(m.wv, hd.w[k])
				m.wc = append(m.wc, uint8(hi*maxClasses+int(hd.cls[k])))
			}
		}
		if int32(len(m.wv)) == lo {
			continue // no weights: adding it changes nothing
		}
		m.slots[i] = featureSlot{hash: h, lo: lo, hi: int32(len(m.wv))}
	}
}

// featureSlot is one entry of Model.slots: wv[lo:hi] are
// the feature's weights; hi is 0 for an empty slot (features without
// weights have none).
type featureSlot struct {
	hash   uint64
	lo, hi int32
}

// parseWeights appends "class:weight class:weight …" to the head.
func (hd *head) parseWeights(field string) error {
	if field == "" || field == "-" {
		return nil
	}
	for _, pair := range strings.Fields(field) {
		c, w, ok := strings.Cut(pair, ":")
		ci, err1 := strconv.Atoi(c)
		wf, err2 := strconv.ParseFloat(w, 32)
		if !ok || err1 != nil || err2 != nil || ci < 0 || ci >= len(hd.labels) || math.IsInf(wf, 0) || math.IsNaN(wf) {
			return fmt.Errorf("bad pair %q, want class:weight with class 0-%d", pair, len(hd.labels)-1)
		}
		hd.cls = append(hd.cls, uint8(ci))
		hd.w = append(hd.w, float32(wf))
	}
	return nil
}

func sameSet(got, want []string) error {
	seen := map[string]bool{}
	for _, g := range got {
		if seen[g] {
			return fmt.Errorf("class %q is listed twice", g)
		}
		seen[g] = true
	}
	for _, w := range want {
		if !seen[w] {
			return fmt.Errorf("class %q is missing", w)
		}
	}
	if len(got) != len(want) {
		for _, g := range got {
			if !contains(want, g) {
				return fmt.Errorf("unknown class %q", g)
			}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// maxClasses bounds a head's class count, so scores live on the stack.
const maxClasses = 32

// Predict classifies one sentence given as lower-cased word tokens (the Lower
// of its Word and Number tokens; see Words). Punctuation tokens are ignored.
func (m *Model) Predict(tokens []string) Prediction {
	var buf [64]string
	var scores classScores
	m.score(&scores, m.stem.stems(buf[:0], tokens))
	na, np := len(m.heads[0].labels), len(m.heads[1].labels)
	pa, pp := scores[:na], scores[maxClasses:maxClasses+np]
	var p Prediction
	p.ACLEDTop = m.heads[0].top(pa)
	p.PLOVERTop = m.heads[1].top(pp)
	m.pair(&p, pa, pp)
	return p
}

// PredictTokens is Predict on a sentence's tokens (its Word and Number
// tokens, as Words picks them) without the three-best lists: what an event
// detector needs, with no allocation.
func (m *Model) PredictTokens(toks []text.Token) Prediction {
	var sc Scores
	m.ScoreTokens(&sc, toks)
	return sc.Prediction()
}

// Scores are a sentence's raw class scores, before the softmax: enough to
// tell which class alone could be likely (Reach) without the exponentials,
// and Prediction's input. They are added up when first asked for.
type Scores struct {
	m      *Model
	toks   []text.Token
	scored bool
	ranked [2]bool // by Head: top is set
	s      classScores
	top    [2]topTwo // by Head
}

// topTwo is a head's best class and score and its runner-up's score (equal
// to the best on a tie).
type topTwo struct {
	best          int
	first, second float64
}

// ScoreTokens readies sc to score a sentence's tokens as PredictTokens
// reads them; the tokens must stay as they are while sc is used.
func (m *Model) ScoreTokens(sc *Scores, toks []text.Token) {
	sc.m, sc.toks, sc.scored, sc.ranked = m, toks, false, [2]bool{}
}

// score adds the scores up unless they are.
func (sc *Scores) score() {
	if sc.scored {
		return
	}
	sc.scored = true
	if m := sc.m; m.vocab != nil {
		m.scoreTokens(&sc.s, sc.toks)
	} else {
		sc.s = classScores{}
		m.scoreHashed(&sc.s, sc.toks)
	}
}

// rank returns head h's best class and runner-up, found once.
func (sc *Scores) rank(h Head) *topTwo {
	t := &sc.top[h]
	if sc.ranked[h] {
		return t
	}
	sc.score()
	sc.ranked[h] = true
	*t = topTwo{first: math.Inf(-1), second: math.Inf(-1)}
	for i, v := range sc.s[int(h)*maxClasses : int(h)*maxClasses+len(sc.m.heads[h].labels)] {
		switch {
		case v > t.first:
			t.best, t.first, t.second = i, v, t.first
		case v > t.second:
			t.second = v
		}
	}
	return t
}

// Prediction is PredictTokens' answer from the scores.
func (sc *Scores) Prediction() Prediction {
	sc.score()
	m := sc.m
	scores := sc.s // the softmax works on a copy: the scores stay raw
	na, np := len(m.heads[0].labels), len(m.heads[1].labels)
	pa, pp := scores[:na], scores[maxClasses:maxClasses+np]
	softmax(pa)
	softmax(pp)
	var p Prediction
	m.pair(&p, pa, pp)
	return p
}

// Head names one of the model's two heads.
type Head int

// The heads.
const (
	ACLED Head = iota
	PLOVER
)

// leaderMargin is how far, relative to its size, the top score must stand
// above every other for Leader to name it: far beyond the rounding of the
// softmax (a few ulps), so that the bound below holds for the probabilities
// Prediction computes, not only for exact ones.
const leaderMargin = 1e-9

// Leader returns the class of head h that scores clearly above every other
// class of h, and ok = false when two classes are (nearly) tied at the top.
// When ok, every other class of h has a probability below 0.5 in
// Prediction (the leader's exponential is larger than its own, and the two
// share one sum): a decision that needs a class of h at 0.5 or more can
// only be taken for the leader, and the softmax need not be run to rule
// the others out.
func (sc *Scores) Leader(h Head) (label string, ok bool) {
	t := sc.rank(h)
	if len(sc.m.heads[h].labels) == 0 || t.second >= t.first-leaderMargin*max(1, math.Abs(t.first)) {
		return "", false
	}
	return sc.m.heads[h].labels[t.best], true
}

// logitMargin is how far below log(thr/(1-thr)) the top score's lead must
// fall for Reach to rule every class out: far beyond the rounding of the
// softmax and of the logarithm.
const logitMargin = 1e-6

// Reach tells from head h's raw scores which class of h can have a
// probability of thr or more in Prediction, for thr ≥ 0.5: none (label ""
// and ok), or the leader alone (its label and ok; see Leader). ok is false
// when the scores cannot tell, and always for thr below 0.5.
//
// The top class's probability is 1/Σ exp(s_i - s_top), at most
// 1/(1 + exp(-lead)) for its lead over the runner-up: a lead below
// log(thr/(1-thr)) keeps it below thr, and every other class below it.
func (sc *Scores) Reach(h Head, thr float64) (label string, ok bool) {
	if !(thr >= 0.5) {
		return "", false
	}
	if t := sc.rank(h); thr < 1 && t.first-t.second < math.Log(thr/(1-thr))-logitMargin {
		return "", true
	}
	return sc.Leader(h)
}

// scoreHashed is scoreTokens without the vocab: Predict's way.
func (m *Model) scoreHashed(scores *classScores, toks []text.Token) {
	var buf [64]string
	stems := buf[:0]
	for i := range toks {
		if t := &toks[i]; t.Kind == text.Word || t.Kind == text.Number {
			if s := m.stem.stem(t.Lower); s != "" {
				stems = append(stems, s)
			}
		}
	}
	m.score(scores, stems)
}

// score adds the weights of the sentence's features to each head's scores.
func (m *Model) score(scores *classScores, stems []string) {
	m.add(scores, hashString(biasFeature))
	// One pass over each stem's bytes hashes its unigram, the bigram it
	// ends and the start of the bigram it begins: hashUni(s),
	// hashBi(prev, s) and hashBi(s, ·) so far, as features.go defines them.
	var pre uint64 // hashBi(prev, ·) before the second stem's bytes
	for i, s := range stems {
		u, b, next := uniStart, pre, biStart
		for k := 0; k < len(s); k++ {
			c := uint64(s[k])
			u = (u ^ c) * fnvPrime
			b = (b ^ c) * fnvPrime
			next = (next ^ c) * fnvPrime
		}
		if s != numberFeature && m.maybe(u) {
			m.add(scores, u)
		}
		if i > 0 && m.maybe(b) {
			m.add(scores, b)
		}
		pre = (next ^ ' ') * fnvPrime
	}
}

// uniStart and biStart are the hashes of the unigram and bigram prefixes.
var (
	uniStart = fnvAdd(fnvOffset, uniPrefix)
	biStart  = fnvAdd(fnvOffset, biPrefix)
)

// maybe reports whether the model may know the feature: false rules it out
// cheaply (inlined), true leaves it to add.
func (m *Model) maybe(hash uint64) bool {
	if m.filter == nil {
		return true
	}
	b := (hash ^ hash>>29) & m.fmask
	return m.filter[b/64]&(1<<(b%64)) != 0
}

// classScores are both heads' class scores: head h's class c at h*maxClasses+c.
type classScores [2 * maxClasses]float64

// add adds one feature's weights, if the model knows the feature.
func (m *Model) add(sc *classScores, hash uint64) {
	if m.slots != nil {
		for i := (hash ^ hash>>29) & m.smask; ; i = (i + 1) & m.smask {
			sl := &m.slots[i]
			if sl.hi == 0 {
				return
			}
			if sl.hash == hash {
				m.addRun(sc, sl.lo, sl.hi)
				return
			}
		}
	}
	f, ok := m.index[hash]
	if !ok {
		return
	}
	for h := range m.heads {
		hd := &m.heads[h]
		for k := hd.start[f]; k < hd.start[f+1]; k++ {
			sc[h*maxClasses+int(hd.cls[k])] += float64(hd.w[k])
		}
	}
}

// pair sets the prediction's answer: the most probable pair the two
// codebooks allow together, so a sentence is never a "Peaceful protest" and
// an ASSAULT at once. pa and pp are probabilities.
func (m *Model) pair(p *Prediction, pa, pp []float64) {
	best, ba, bp := -1.0, 0, 0
	for _, c := range m.allowed {
		if v := pa[c.a] * pp[c.q]; v > best {
			best, ba, bp = v, int(c.a), int(c.q)
		}
	}
	p.ACLED, p.ACLEDScore = m.heads[0].labels[ba], pa[ba]
	p.PLOVER, p.PLOVERScore = m.heads[1].labels[bp], pp[bp]
}

// classPair is an ACLED class and a PLOVER class.
type classPair struct{ a, q uint8 }

// setAllowed fills the table of label pairs that may go together.
func (m *Model) setAllowed() {
	la, lp := m.heads[0].labels, m.heads[1].labels
	m.allowed = m.allowed[:0]
	for a := range la {
		for q := range lp {
			if Consistent(la[a], lp[q]) {
				m.allowed = append(m.allowed, classPair{uint8(a), uint8(q)})
			}
		}
	}
}

// top turns scores into softmax probabilities in place and returns the best three.
func (hd *head) top(s []float64) []Scored {
	softmax(s)
	out := make([]Scored, 0, 3)
	for i := range s {
		sc := Scored{hd.labels[i], s[i]}
		// Insertion into a list of three; ties keep class order.
		pos := len(out)
		for pos > 0 && out[pos-1].Score < sc.Score {
			pos--
		}
		if pos >= 3 {
			continue
		}
		if len(out) < 3 {
			out = append(out, Scored{})
		}
		copy(out[pos+1:], out[pos:len(out)-1])
		out[pos] = sc
	}
	return out
}

// Words returns the lower-cased Word and Number tokens of a token slice: the
// input Predict expects.
func Words(toks []text.Token) []string {
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.Kind == text.Word || t.Kind == text.Number {
			out = append(out, t.Lower)
		}
	}
	return out
}

// Header is the first line of every model file.
const Header = "# generated by go run ./internal/classify/train — DO NOT EDIT"

// Write writes the model in the pack format, features sorted by name so that
// the same weights always give the same bytes.
func (m *Model) Write(w io.Writer, comment string) error {
	var b strings.Builder
	b.WriteString(Header + "\n")
	for _, l := range strings.Split(strings.TrimSpace(comment), "\n") {
		b.WriteString("# " + l + "\n")
	}
	b.WriteString("feature\tacled\tplover\n")
	b.WriteString(classesKey + "\t" + strings.Join(m.heads[0].labels, "|") + "\t" + strings.Join(m.heads[1].labels, "|") + "\n")
	order := make([]int, len(m.names))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return m.names[order[i]] < m.names[order[j]] })
	for _, f := range order {
		b.WriteString(m.names[f])
		for h := range m.heads {
			hd := &m.heads[h]
			b.WriteByte('\t')
			if hd.start[f] == hd.start[f+1] {
				b.WriteByte('-')
			}
			for k := hd.start[f]; k < hd.start[f+1]; k++ {
				if k > hd.start[f] {
					b.WriteByte(' ')
				}
				b.WriteString(strconv.Itoa(int(hd.cls[k])))
				b.WriteByte(':')
				b.WriteString(strconv.FormatFloat(float64(hd.w[k]), 'f', -1, 32))
			}
		}
		b.WriteByte('\n')
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("classify: write model: %w", err)
	}
	return nil
}

// Size returns the number of features and of non-zero weights.
func (m *Model) Size() (features, weights int) {
	return len(m.names), len(m.heads[0].w) + len(m.heads[1].w)
}
