package classify

import (
	"strings"
	"testing"

	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

// TestPredictTokens checks that the detector's allocation-free entry point
// gives Predict's answer to the last bit.
func TestPredictTokens(t *testing.T) {
	tests := []struct{ lang, sentence string }{
		{"da", "Politiet anholdt 12 demonstranter foran Christiansborg i går ."},
		{"da", "Mindst 30 mennesker blev dræbt , da oprørere angreb en landsby ."},
		{"en", "Soldiers opened fire on protesters in the capital , killing seven ."},
		{"en", "The minister said talks would resume next week ."},
		{"en", ""},
	}
	for _, tt := range tests {
		m, err := Load(langpacks.FS, tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		var toks []text.Token
		var words []string
		for _, w := range splitWords(tt.sentence) {
			k := text.Word
			switch {
			case w[0] >= '0' && w[0] <= '9':
				k = text.Number
			case w == "," || w == ".":
				k = text.Punct
			}
			toks = append(toks, text.Token{Text: w, Lower: lowerASCII(w), Kind: k})
			if k != text.Punct {
				words = append(words, lowerASCII(w))
			}
		}
		want := m.Predict(words)
		got := m.PredictTokens(toks)
		if got.ACLED != want.ACLED || got.PLOVER != want.PLOVER || got.ACLEDScore != want.ACLEDScore || got.PLOVERScore != want.PLOVERScore {
			t.Errorf("%q: PredictTokens = %+v, Predict = %+v", tt.sentence, got, want)
		}
		// Without the filter and the flat slots, look-ups go through the
		// map and the heads: the plain reading the fast path must equal.
		plain := *m
		plain.filter, plain.slots, plain.wv, plain.wc = nil, nil, nil, nil
		ref := plain.Predict(words)
		if ref.ACLED != want.ACLED || ref.PLOVER != want.PLOVER || ref.ACLEDScore != want.ACLEDScore || ref.PLOVERScore != want.PLOVERScore {
			t.Errorf("%q: Predict = %+v, plain model = %+v", tt.sentence, want, ref)
		}
	}
}

func splitWords(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				out = append(out, s[start:i])
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	return out
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// TestPackedWeights checks that the packed weight records give the plain
// map-and-heads reading to the last bit, on every fresh sentence of each
// pack.
func TestPackedWeights(t *testing.T) {
	for lang, cases := range fresh {
		m, err := Load(langpacks.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		if m.slots == nil || len(m.wv) == 0 {
			t.Fatalf("%s: the model has no packed weights", lang)
		}
		plain := *m
		plain.filter, plain.slots, plain.wv, plain.wc = nil, nil, nil, nil
		for _, c := range cases {
			words := tokens(t, lang, c.text)
			got, want := m.Predict(words), plain.Predict(words)
			for i := range want.ACLEDTop {
				if got.ACLEDTop[i] != want.ACLEDTop[i] {
					t.Errorf("%s %q: packed ACLEDTop %v, plain %v", lang, c.text, got.ACLEDTop, want.ACLEDTop)
				}
			}
			for i := range want.PLOVERTop {
				if got.PLOVERTop[i] != want.PLOVERTop[i] {
					t.Errorf("%s %q: packed PLOVERTop %v, plain %v", lang, c.text, got.PLOVERTop, want.PLOVERTop)
				}
			}
		}
	}
}

// TestScoreHashesFeatureNames checks that score, which hashes a sentence's
// features without building them, adds exactly the features training names
// (featureNames), in the same order: the same sums to the last bit.
func TestScoreHashesFeatureNames(t *testing.T) {
	for lang, cases := range fresh {
		m, err := Load(langpacks.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		sents := [][]string{{}, {"12"}, {"12", "dræbt"}}
		for _, c := range cases {
			sents = append(sents, tokens(t, lang, c.text))
		}
		for _, words := range sents {
			stems := m.stem.stems(nil, words)
			var got, want classScores
			m.score(&got, stems)
			for _, name := range featureNames(stems) {
				m.add(&want, hashString(name))
			}
			if got != want {
				t.Errorf("%s %q: score adds %v, the named features %v", lang, words, got, want)
			}
		}
	}
}

// TestVocab checks that PredictTokens reading the model by stem number gives
// the hashed reading to the last bit, on every training sentence of each pack
// as the segmenter tokenises it (Token.Hash set), and on tokens made by hand
// (no Hash) with digits, punctuation and letters outside ASCII.
func TestVocab(t *testing.T) {
	for _, lang := range trainLangs(t) {
		m, err := Load(langpacks.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		if m.vocab == nil {
			t.Fatalf("%s: no vocab built", lang)
		}
		hashed := *m
		hashed.vocab = nil
		seg, err := segment.New(langpacks.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		ex, err := ReadExamples(trainFS, lang)
		if err != nil {
			t.Fatal(err)
		}
		sents := [][]text.Token{nil, {{Text: "12", Lower: "12", Kind: text.Number}, {Text: "Ældre", Lower: "ældre", Kind: text.Word},
			{Text: "-", Lower: "-", Kind: text.Word}, {Text: "²", Lower: "²", Kind: text.Word}, {Text: "\xff", Lower: "\xff", Kind: text.Word}}}
		for _, e := range ex {
			sents = append(sents, seg.Tokenize(e.Text, 0, len(e.Text)))
		}
		for _, c := range fresh[lang] {
			sents = append(sents, seg.Tokenize(c.text, 0, len(c.text)))
		}
		for _, toks := range sents {
			var got, want classScores
			m.scoreTokens(&got, toks)
			hashed.scoreHashed(&want, toks)
			if got != want {
				t.Fatalf("%s %q: vocab scores %v, hashed %v", lang, Words(toks), got, want)
			}
		}
	}
}

// BenchmarkPredictTokens measures the event detector's entry point on the
// fresh sentences of the English pack, as the segmenter tokenises them.
func BenchmarkPredictTokens(b *testing.B) {
	m, err := Load(langpacks.FS, "en")
	if err != nil {
		b.Fatal(err)
	}
	seg, err := segment.New(langpacks.FS, "en")
	if err != nil {
		b.Fatal(err)
	}
	var sents [][]text.Token
	for _, c := range fresh["en"] {
		sents = append(sents, seg.Tokenize(c.text, 0, len(c.text)))
	}
	hashed := *m
	hashed.vocab = nil
	for _, bm := range []struct {
		name string
		m    *Model
	}{{"vocab", m}, {"hashed", &hashed}} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				bm.m.PredictTokens(sents[i%len(sents)])
			}
		})
	}
}

// modelAndSegmenter loads lang's model and its segmenter.
func modelAndSegmenter(t *testing.T, lang string) (*Model, *segment.Segmenter) {
	t.Helper()
	m, err := Load(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	seg, err := segment.New(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	return m, seg
}

// TestScores checks that Scores, asked for a leader first, predicts as
// PredictTokens does, to the last bit.
func TestScores(t *testing.T) {
	for lang, cases := range fresh {
		m, seg := modelAndSegmenter(t, lang)
		for _, c := range cases {
			toks := seg.Tokenize(c.text, 0, len(c.text))
			var sc Scores
			m.ScoreTokens(&sc, toks)
			sc.Leader(PLOVER)
			got, want := sc.Prediction(), m.PredictTokens(toks)
			if got.ACLED != want.ACLED || got.PLOVER != want.PLOVER || got.ACLEDScore != want.ACLEDScore || got.PLOVERScore != want.PLOVERScore {
				t.Errorf("%s %q: Scores after Leader predict %+v, PredictTokens %+v", lang, c.text, got, want)
			}
		}
	}
}

// TestLeader checks Leader's promise: when it names a class, every other
// class of the head has a probability below 0.5 in the prediction; and it
// names none when two classes tie for the top.
func TestLeader(t *testing.T) {
	for lang, cases := range fresh {
		m, seg := modelAndSegmenter(t, lang)
		named := 0
		for _, c := range cases {
			toks := seg.Tokenize(c.text, 0, len(c.text))
			var sc Scores
			m.ScoreTokens(&sc, toks)
			for h, hd := range m.heads {
				label, ok := sc.Leader(Head(h))
				if !ok {
					continue
				}
				named++
				probs := sc.s
				p := probs[h*maxClasses : h*maxClasses+len(hd.labels)]
				softmax(p)
				for i, l := range hd.labels {
					if l != label && p[i] >= 0.5 {
						t.Errorf("%s %q: leader %q, but %q has probability %v", lang, c.text, label, l, p[i])
					}
				}
			}
		}
		if named == 0 {
			t.Errorf("%s: Leader named no class on any sentence", lang)
		}
		// A tie at the top names no leader.
		var sc Scores
		m.ScoreTokens(&sc, nil)
		sc.Leader(ACLED)
		sc.s[0], sc.s[1] = 100, 100 // above every bias
		sc.ranked = [2]bool{}
		if l, ok := sc.Leader(ACLED); ok {
			t.Errorf("%s: a tie at the top gave leader %q", lang, l)
		}
	}
}

// TestWords holds stemOf, which finds most words in the vocab's word table,
// to its definition: the stemmer's stem of the word, looked up among the
// stems by hash. The words are every stem the features name, alone and with
// each ending, and the same cut short or run on, as hand-made tokens
// (Hash not set) and with their Hash.
func TestWords(t *testing.T) {
	for _, lang := range trainLangs(t) {
		m, err := Load(langpacks.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		v := m.vocab
		slow := func(w string) int32 {
			s := m.stem.stem(w)
			switch {
			case s == "":
				return noStem.id
			case s == numberFeature:
				return v.num.id
			}
			h := hashUni(s)
			for i := (h ^ h>>29) & v.smask; ; i = (i + 1) & v.smask {
				if sl := &v.slots[i]; sl.id < 0 || sl.hash == h {
					return sl.id
				}
			}
		}
		stems := map[string]bool{}
		for _, name := range m.names {
			f := strings.Fields(name)
			if len(f) > 1 {
				for _, s := range f[1:] {
					stems[s] = true
				}
			}
		}
		found, checked := 0, 0
		for s := range stems {
			for k := -1; k < len(m.stem.suffixes); k++ {
				w := s
				if k >= 0 {
					w += m.stem.suffixes[k].text
				}
				for _, w := range []string{w, w[:len(w)-1], w + "s", w + "e", w + "x", "x" + w, w + strings.Repeat("e", maxWord)} {
					for _, tok := range []text.Token{{Lower: w}, {Lower: w, Hash: text.Hash(w)}} {
						got, want := m.stemOf(&tok).id, slow(w)
						if got != want {
							t.Fatalf("%s %q (Hash %d): stemOf says stem %d, the stemmer %d", lang, w, tok.Hash, got, want)
						}
						if got >= 0 {
							found++
						}
						checked++
					}
				}
			}
		}
		if found == 0 || found == checked {
			t.Errorf("%s: %d of %d words have a known stem: the test proves nothing", lang, found, checked)
		}
	}
}

// TestReach checks Reach's promise on every training sentence: when it
// rules every class out, none has a probability of thr or more in
// Prediction; when it names one, no other has. It must also rule out some
// sentences at a threshold above 0.5, or it is no use.
func TestReach(t *testing.T) {
	thresholds := []float64{0.4, 0.5, 0.6, 0.8, 0.95, 1}
	for _, lang := range trainLangs(t) {
		m, seg := modelAndSegmenter(t, lang)
		ex, err := ReadExamples(trainFS, lang)
		if err != nil {
			t.Fatal(err)
		}
		none := 0
		for _, e := range ex {
			toks := seg.Tokenize(e.Text, 0, len(e.Text))
			for h, hd := range m.heads {
				var sc Scores
				m.ScoreTokens(&sc, toks)
				sc.Reach(Head(h), 0.5)
				probs := sc.s
				n := len(hd.labels)
				p := probs[h*maxClasses : h*maxClasses+n]
				softmax(p)
				for _, thr := range thresholds {
					label, ok := sc.Reach(Head(h), thr)
					switch {
					case thr < 0.5 && ok:
						t.Errorf("%s %q: Reach(%d, %v) = %q, true below 0.5", lang, e.Text, h, thr, label)
					case !ok:
						continue
					case label == "":
						none++
					}
					for i, l := range hd.labels {
						if l != label && p[i] >= thr {
							t.Errorf("%s %q: Reach(%d, %v) = %q, but %q has probability %v", lang, e.Text, h, thr, label, l, p[i])
						}
					}
				}
			}
		}
		if none == 0 {
			t.Errorf("%s: Reach ruled out no class on any sentence", lang)
		}
	}
}
