package figure

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/urodata/uro/internal/figure/phrase"
	"github.com/urodata/uro/internal/table"
)

// Kinds are the figure kinds of the document spec.
var Kinds = []string{"killed", "injured", "arrested", "participants", "displaced", "missing", "detained_released"}

// WhoKinds are the kinds of people a figure may count.
var WhoKinds = []string{"police", "military", "civilians", "protesters", "rioters", "people", "attackers",
	"rebels", "militia", "journalists", "detainees", "officials", "migrants"}

// rule is one behaviour a figures.tsv row can choose.
type rule uint16

const (
	rNoun rule = 1 << iota
	rVictim
	rPredicate
	rContext
	rSingle
	rArticle
	rZero
	rZeroDet
	rLink
	rSkip
	rPartitive
	rCoord
	rSubset
	rBreak
	rSoftBreak
	rAnaphor
)

var rules = map[string]rule{
	"noun": rNoun, "victim": rVictim, "predicate": rPredicate, "context": rContext,
	"single": rSingle, "article": rArticle, "zero": rZero, "zero_det": rZeroDet, "link": rLink,
	"skip": rSkip, "partitive": rPartitive, "coord": rCoord, "subset": rSubset, "break": rBreak,
	"soft_break": rSoftBreak, "anaphor": rAnaphor,
}

// What each rule needs in the kind and who columns.
const (
	none = iota
	optional
	required
)

var needs = map[rule][2]int{
	rNoun: {optional, required}, rVictim: {required, required}, rPredicate: {required, none},
	rContext: {required, none}, rSingle: {none, required},
}

// cue is everything the pack says about one phrase, merged over its rows.
type cue struct {
	rules               rule
	nounKind, nounWho   string // rNoun
	victimKind, victWho string // rVictim
	predKind, ctxKind   string // rPredicate, rContext
	singleWho           string // rSingle
}

type pack struct {
	set  phrase.Set
	cues []cue
}

func names(m map[string]rule) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

func in(v string, set []string) bool {
	for _, s := range set {
		if s == v {
			return true
		}
	}
	return false
}

func loadPack(fsys fs.FS, lang string) (*pack, error) {
	name := path.Join(lang, "figures.tsv")
	rows, err := table.Read(fsys, name, table.Schema{Columns: []string{"phrase", "rule", "kind", "who"}, Required: 2})
	if err != nil {
		return nil, err
	}
	p := &pack{}
	byPhrase := map[string]int{}
	for _, r := range rows {
		ph := r.Get("phrase")
		if msg := phrase.Check(ph); msg != "" {
			return nil, r.Errorf("%s", msg)
		}
		ru, ok := rules[r.Get("rule")]
		if !ok {
			return nil, r.Errorf("unknown rule %q (want one of %s)", r.Get("rule"), names(rules))
		}
		kind, who := r.Get("kind"), r.Get("who")
		if kind == "-" {
			kind = ""
		}
		need := needs[ru]
		switch {
		case need[0] == required && kind == "":
			return nil, r.Errorf("rule %s needs a kind", r.Get("rule"))
		case need[0] == none && kind != "":
			return nil, r.Errorf("rule %s takes no kind, got %q", r.Get("rule"), kind)
		case kind != "" && !in(kind, Kinds):
			return nil, r.Errorf("unknown figure kind %q (want one of %s)", kind, strings.Join(Kinds, ", "))
		case need[1] == required && who == "":
			return nil, r.Errorf("rule %s needs a who-kind", r.Get("rule"))
		case need[1] == none && who != "":
			return nil, r.Errorf("rule %s takes no who-kind, got %q", r.Get("rule"), who)
		case who != "" && !in(who, WhoKinds):
			return nil, r.Errorf("unknown who-kind %q (want one of %s)", who, strings.Join(WhoKinds, ", "))
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
			return nil, r.Errorf("phrase %q has rule %s twice", ph, r.Get("rule"))
		}
		c.rules |= ru
		switch ru {
		case rNoun:
			c.nounKind, c.nounWho = kind, who
		case rVictim:
			c.victimKind, c.victWho = kind, who
		case rPredicate:
			c.predKind = kind
		case rContext:
			c.ctxKind = kind
		case rSingle:
			c.singleWho = who
		}
	}
	for _, must := range []rule{rNoun, rPredicate, rLink} {
		found := false
		for _, c := range p.cues {
			found = found || c.rules&must != 0
		}
		if !found {
			return nil, fmt.Errorf("%s: no rows with rule %s", name, ruleName(must))
		}
	}
	return p, nil
}

func ruleName(r rule) string {
	for k, v := range rules {
		if v == r {
			return k
		}
	}
	return "?"
}
