package classify

import (
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/urodata/uro/internal/segment"
)

// Config fixes everything training depends on, so that the same data gives
// the same bytes.
type Config struct {
	Epochs int     // passes over the data
	Rate   float64 // first learning rate; it decays by Decay per epoch
	Decay  float64
	L1     float64 // L1 penalty per example, summed over an epoch; it keeps the model sparse
	Prune  float64 // weights smaller than this in magnitude are dropped
	Seed   uint64  // shuffling
	// TemplateWeight scales the step of a sentence filled from a template:
	// six fillings of one template are one piece of evidence, not six.
	TemplateWeight float64
}

// DefaultConfig is what the committed models are trained with.
var DefaultConfig = Config{Epochs: 16, Rate: 1, Decay: 0.88, L1: 0.03, Prune: 0.01, Seed: 20240601, TemplateWeight: 0.2}

// Tokenize fills each example's Tokens the way the pipeline will: the
// segmenter's lower-cased Word and Number tokens.
func Tokenize(seg *segment.Segmenter, ex []Example) {
	for i := range ex {
		ex[i].Tokens = Words(seg.Tokenize(ex[i].Text, 0, len(ex[i].Text)))
	}
}

// Train fits both heads on examples (with Tokens filled) by stochastic
// gradient descent on the softmax loss, with the cumulative L1 penalty of
// Tsuruoka, Tsujii and Ananiadou (2009) so that most weights end exactly at zero.
func Train(fsys fs.FS, lang string, examples []Example, cfg Config) (*Model, error) {
	st, err := loadStemmer(fsys, lang)
	if err != nil {
		return nil, fmt.Errorf("classify: train %s: %w", lang, err)
	}
	if len(examples) == 0 {
		return nil, fmt.Errorf("classify: train %s: no examples", lang)
	}
	m := &Model{lang: lang, stem: st, index: map[uint64]int32{}}
	m.heads[0].labels, m.heads[1].labels = ACLEDLabels(), PLOVERLabels()
	// Feature indices in order of first appearance: deterministic.
	featIdx := map[string]int32{}
	feats := make([][]int32, len(examples))
	gold := make([][2]int, len(examples))
	weight := make([]float64, len(examples))
	for i, e := range examples {
		seen := map[int32]bool{}
		for _, name := range featureNames(st.stems(nil, e.Tokens)) {
			f, ok := featIdx[name]
			if !ok {
				f = int32(len(m.names))
				featIdx[name] = f
				m.names = append(m.names, name)
			}
			if !seen[f] {
				seen[f] = true
				feats[i] = append(feats[i], f)
			}
		}
		weight[i] = 1
		if strings.Contains(e.Origin, TemplatesFile) {
			weight[i] = cfg.TemplateWeight
		}
		gold[i] = [2]int{index(m.heads[0].labels, e.ACLED), index(m.heads[1].labels, e.PLOVER)}
		if gold[i][0] < 0 || gold[i][1] < 0 {
			return nil, fmt.Errorf("classify: train %s: %s: labels %q/%q are not in the closed sets", lang, e.Origin, e.ACLED, e.PLOVER)
		}
	}
	nf := len(m.names)
	for h := range m.heads {
		w := fit(feats, gold, weight, h, nf, len(m.heads[h].labels), cfg)
		hd := &m.heads[h]
		k := len(hd.labels)
		hd.start = make([]int32, 1, nf+1)
		for f := 0; f < nf; f++ {
			for c := 0; c < k; c++ {
				v := math.Round(w[f*k+c]*1000) / 1000
				if math.Abs(v) >= cfg.Prune {
					hd.cls = append(hd.cls, uint8(c))
					hd.w = append(hd.w, float32(v))
				}
			}
			hd.start = append(hd.start, int32(len(hd.cls)))
		}
	}
	// Drop features that kept no weight in either head.
	return m.compact(), nil
}

func index(list []string, s string) int {
	for i, l := range list {
		if l == s {
			return i
		}
	}
	return -1
}

// fit trains one head and returns its dense weights, feature-major.
func fit(feats [][]int32, gold [][2]int, weight []float64, h, nf, k int, cfg Config) []float64 {
	w := make([]float64, nf*k)
	q := make([]float64, nf*k) // L1 penalty actually applied to each weight
	u := 0.0                   // L1 penalty each weight could have received
	order := make([]int, len(feats))
	for i := range order {
		order[i] = i
	}
	p := make([]float64, k)
	rate := cfg.Rate
	for ep := 0; ep < cfg.Epochs; ep++ {
		rng := rand.New(rand.NewPCG(cfg.Seed, uint64(ep)))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			u += float64(rate * cfg.L1 / float64(len(feats)))
			for c := range p {
				p[c] = 0
			}
			for _, f := range feats[i] {
				for c := 0; c < k; c++ {
					p[c] += w[int(f)*k+c]
				}
			}
			softmax(p)
			y := gold[i][h]
			step := float64(rate * weight[i])
			for _, f := range feats[i] {
				for c := 0; c < k; c++ {
					g := p[c]
					if c == y {
						g--
					}
					j := int(f)*k + c
					// Explicit conversions keep the arithmetic unfused, so
					// every platform computes the same bits.
					w[j] -= float64(step * g)
					z := w[j]
					switch {
					case z > 0:
						w[j] = max(0, z-float64(u+q[j]))
					case z < 0:
						w[j] = min(0, z+float64(u-q[j]))
					}
					q[j] += w[j] - z
				}
			}
		}
		rate *= cfg.Decay
	}
	return w
}

func softmax(p []float64) {
	mx := math.Inf(-1)
	for _, v := range p {
		mx = max(mx, v)
	}
	sum := 0.0
	for i, v := range p {
		p[i] = math.Exp(v - mx)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
}

// compact removes features without weights and rebuilds the hash index.
func (m *Model) compact() *Model {
	out := &Model{lang: m.lang, stem: m.stem, index: map[uint64]int32{}}
	for h := range m.heads {
		out.heads[h].labels = m.heads[h].labels
		out.heads[h].start = []int32{0}
	}
	for f, name := range m.names {
		empty := true
		for h := range m.heads {
			if m.heads[h].start[f] != m.heads[h].start[f+1] {
				empty = false
			}
		}
		if empty && name != biasFeature {
			continue
		}
		out.index[hashString(name)] = int32(len(out.names))
		out.names = append(out.names, name)
		for h := range m.heads {
			src, dst := &m.heads[h], &out.heads[h]
			a, b := src.start[f], src.start[f+1]
			dst.cls = append(dst.cls, src.cls[a:b]...)
			dst.w = append(dst.w, src.w[a:b]...)
			dst.start = append(dst.start, int32(len(dst.cls)))
		}
	}
	out.setAllowed()
	return out
}
