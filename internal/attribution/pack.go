package attribution

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/urodata/uro/internal/figure/phrase"
	"github.com/urodata/uro/internal/table"
)

// Kinds are the attribution kinds of the document spec that pack data may name.
var Kinds = []string{"official", "police", "military", "government", "media", "agency", "eyewitness",
	"organiser", "ngo", "medical"}

// Unattributed is the kind of a source the text names without saying what it is.
const Unattributed = "unattributed"

type rule uint8

const (
	rSource rule = 1 << iota
	rCue
	rAccording
	rBreak
	rStop
	rBackward
)

var phraseRules = map[string]rule{"source": rSource, "cue": rCue, "according": rAccording,
	"break": rBreak, "stop": rStop, "backward": rBackward}

// target is a kind with its strength.
type target struct {
	kind string
	weak bool
}

type cue struct {
	rules rule
	src   target
}

type pack struct {
	// backward holds the words that, opening a sentence before its cue,
	// point back to the sentence before: "Det oplyser politiet."
	backward map[string]bool
	set      phrase.Set
	cues     []cue
	roles    map[string]target // entity role kind → kind
	orgs     map[string]target // organisation kind → kind
}

func in(v string, set []string) bool {
	for _, s := range set {
		if s == v {
			return true
		}
	}
	return false
}

func ruleNames() string {
	ks := []string{"role", "org"}
	for k := range phraseRules {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

func isKey(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && r != '_' {
			return false
		}
	}
	return s != ""
}

func loadPack(fsys fs.FS, lang string) (*pack, error) {
	name := path.Join(lang, "attribution.tsv")
	rows, err := table.Read(fsys, name, table.Schema{Columns: []string{"phrase", "rule", "kind", "weak"}, Required: 2})
	if err != nil {
		return nil, err
	}
	p := &pack{roles: map[string]target{}, orgs: map[string]target{}, backward: map[string]bool{}}
	byPhrase := map[string]int{}
	for _, r := range rows {
		ph, rl, kind, weak := r.Get("phrase"), r.Get("rule"), r.Get("kind"), r.Get("weak")
		if weak != "" && weak != "weak" {
			return nil, r.Errorf("the weak column must be empty or \"weak\", got %q", weak)
		}
		t := target{kind: kind, weak: weak == "weak"}
		if rl == "role" || rl == "org" {
			if !isKey(ph) {
				return nil, r.Errorf("%s kind %q must be lower-case letters and underscores", rl, ph)
			}
			if !in(kind, Kinds) {
				return nil, r.Errorf("unknown attribution kind %q (want one of %s)", kind, strings.Join(Kinds, ", "))
			}
			m := p.roles
			if rl == "org" {
				m = p.orgs
			}
			if _, dup := m[ph]; dup {
				return nil, r.Errorf("%s kind %q is mapped twice", rl, ph)
			}
			m[ph] = t
			continue
		}
		ru, ok := phraseRules[rl]
		if !ok {
			return nil, r.Errorf("unknown rule %q (want one of %s)", rl, ruleNames())
		}
		if msg := phrase.Check(ph); msg != "" {
			return nil, r.Errorf("%s", msg)
		}
		switch {
		case ru == rSource && !in(kind, Kinds):
			return nil, r.Errorf("unknown attribution kind %q (want one of %s)", kind, strings.Join(Kinds, ", "))
		case ru != rSource && (kind != "" || weak != ""):
			return nil, r.Errorf("rule %s takes no kind", rl)
		}
		if ru == rBackward {
			if strings.Contains(ph, " ") {
				return nil, r.Errorf("backward phrase %q must be one word", ph)
			}
			if p.backward[ph] {
				return nil, r.Errorf("phrase %q has rule %s twice", ph, rl)
			}
			p.backward[ph] = true
			continue
		}
		i, seen := byPhrase[ph]
		if !seen {
			i = len(p.cues)
			byPhrase[ph] = i
			p.cues = append(p.cues, cue{})
			p.set.Add(ph, i)
		}
		c := &p.cues[i]
		if c.rules&ru != 0 {
			return nil, r.Errorf("phrase %q has rule %s twice", ph, rl)
		}
		c.rules |= ru
		if ru == rSource {
			c.src = t
		}
	}
	// The speech verbs tie claims to sources too ("melder", "according to").
	speech := path.Join(lang, "speech.tsv")
	rows, err = table.Read(fsys, speech, table.Schema{Columns: []string{"word", "kind"}, Required: 2})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		w := strings.ToLower(r.Get("word"))
		if msg := phrase.Check(w); msg != "" {
			return nil, r.Errorf("%s", msg)
		}
		ru := rCue
		if r.Get("kind") == "according_to" {
			ru = rAccording
		}
		i, seen := byPhrase[w]
		if !seen {
			i = len(p.cues)
			byPhrase[w] = i
			p.cues = append(p.cues, cue{})
			p.set.Add(w, i)
		}
		p.cues[i].rules |= ru
	}
	return p, nil
}
