package event

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/urodata/uro/internal/classify"
	"github.com/urodata/uro/internal/table"
)

// The pack files this package reads.
const (
	TriggersFile = "events.tsv"
	CuesFile     = "event_cues.tsv"
	ActorsFile   = "event_actors.tsv"
)

// Trigger kinds: what a matched phrase does.
const (
	kindEvent = "event" // reports an event by itself
	kindWeak  = "weak"  // reports one only when the classifier agrees
	kindBlock = "block" // a phrase that looks like a trigger but reports nothing
)

// Frames: which side of the trigger the parties stand on.
const (
	frameAgent   = "agent"   // the subject acts ("politiet anholdt", "Russia sent troops")
	framePatient = "patient" // the subject suffers ("12 betjente har mistet livet", "three died")
	frameNoun    = "noun"    // a noun: parties only from "mellem X og Y", "af X", "mod X"
	frameTheme   = "theme"   // the object is what moves: "sendt tropper til X" (X the recipient)
)

// cueKind is a cue table's kind, as a number: the sentence reader compares
// kinds for every cue near a trigger, and a number compares in one step.
type cueKind uint8

// Cue kinds; cueNames has their names in the tables.
const (
	cueNegated cueKind = iota
	cuePlanned
	cueHypothetical
	cueBackdrop // the event is cause or background of another ("efter at", "amid")
	cuePassive  // the trigger is passive: its subject is the recipient
	cueAgent    // "af", "by": the actor follows
	cueBetween  // "mellem", "between": actor og/and recipient follow
	cueAnd
	cueTarget   // "mod", "against", "on": the recipient follows
	cueLocative // "i", "in", "til", "near": a place after it is where
	cueOrigin   // "fra", "from": a place after it is not where
	cueStop     // ends a clause for party search
)

// cueNames are the kinds' names in the tables; the factuality kinds are
// also Event.Factuality values.
var cueNames = [...]string{
	cueNegated: Negated, cuePlanned: Planned, cueHypothetical: Hypothetical, cueBackdrop: "backdrop",
	cuePassive: "passive", cueAgent: "agent", cueBetween: "between", cueAnd: "and",
	cueTarget: "target", cueLocative: "locative", cueOrigin: "origin", cueStop: "stop",
}

var cueWindows = [...][2]int{ // default windows: tokens before, after
	cueNegated: {3, 1}, cuePlanned: {4, 0}, cueHypothetical: {5, 0}, cueBackdrop: {6, 0},
	cuePassive: {3, 0}, cueAgent: {0, 0}, cueBetween: {0, 0}, cueAnd: {0, 0},
	cueTarget: {0, 0}, cueLocative: {0, 0}, cueOrigin: {0, 0}, cueStop: {0, 0},
}

// Party kinds: the closed set the gold conventions use, plus property for
// buildings and goods.
var partyKinds = map[string]bool{
	"protesters": true, "rioters": true, "police": true, "military": true, "government": true,
	"head_of_state": true, "rebels": true, "militia": true, "gang": true, "civilians": true,
	"media": true, "ngo": true, "igo": true, "judiciary": true, "unknown": true, "property": true,
}

// modes are PLOVER's modes per type (document-v1.md); types absent take none.
var modes = map[string][]string{
	"CONSULT":  {"visit", "third-party", "multilateral", "phone"},
	"RETREAT":  {"withdraw", "release", "disarm", "ceasefire", "access", "resign", "return"},
	"REQUEST":  {"assist", "change", "yield", "meet"},
	"REJECT":   {"assist", "change", "yield", "meet"},
	"ACCUSE":   {"disapprove", "investigate", "allege"},
	"THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence", "ban", "rights"},
	"PROTEST":  {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
	"SANCTION": {"convict", "expel", "withdraw", "discontinue"},
	"MOBILIZE": {"troops", "weapons", "police", "militia"},
	"COERCE":   {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold", "misinformation", "cyber", "ban"},
	"ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives",
		"suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional", "execute", "assassinate", "massacre"},
}

// contexts are the PLOVER contexts an event may carry.
var contexts = map[string]bool{
	"economic": true, "election": true, "crime": true, "terrorism": true, "military": true,
	"political": true, "humanitarian": true, "health": true, "disasters": true, "migration": true,
	"legal": true, "human_rights": true, "territory": true, "diplomatic": true, "pandemic": true,
	"environment": true, "cyber": true, "religious": true, "gender": true, "labor": true,
}

type trigger struct {
	kind, typ, mode, acled, frame string
	context                       []string
	line                          string // file:line, for debugging and tests
}

type cue struct {
	kind          cueKind
	before, after int
}

type acledRule struct{ typ, mode, actor, recipient, from, to string }

//go:embed codebook.tsv
var codebookData []byte

type codebook struct {
	acled  []acledRule
	entity map[string]string
	byType map[string][]int // PLOVER type → its rows of acled, in order
}

func loadCodebook(data []byte) (*codebook, error) {
	rows, err := table.Parse("codebook.tsv", data, table.Schema{Columns: []string{"kind", "a", "b", "c", "d", "e", "f"}, Required: 3})
	if err != nil {
		return nil, err
	}
	cb := &codebook{entity: map[string]string{}}
	subs := map[string]bool{}
	for _, l := range classify.ACLEDLabels() {
		subs[l] = true
	}
	for _, r := range rows {
		switch r.Get("kind") {
		case "acled":
			ru := acledRule{r.Get("a"), r.Get("b"), r.Get("c"), r.Get("d"), r.Get("e"), r.Get("f")}
			if !isPlover(ru.typ) {
				return nil, r.Errorf("unknown PLOVER type %q", ru.typ)
			}
			if ru.mode != "*" && !validMode(ru.typ, ru.mode) {
				return nil, r.Errorf("mode %q is not one of %s's", ru.mode, ru.typ)
			}
			for _, k := range []string{ru.actor, ru.recipient} {
				if k != "*" && k != "-" && !partyKinds[k] {
					return nil, r.Errorf("unknown party kind %q", k)
				}
			}
			if ru.from != "*" && ru.from != "-" && !subs[ru.from] {
				return nil, r.Errorf("unknown ACLED sub-event type %q", ru.from)
			}
			if !subs[ru.to] || ru.to == classify.NoACLED {
				return nil, r.Errorf("unknown ACLED sub-event type %q", ru.to)
			}
			if cb.byType == nil {
				cb.byType = map[string][]int{}
			}
			cb.byType[ru.typ] = append(cb.byType[ru.typ], len(cb.acled))
			cb.acled = append(cb.acled, ru)
		case "entity":
			if !partyKinds[r.Get("b")] {
				return nil, r.Errorf("unknown party kind %q", r.Get("b"))
			}
			cb.entity[r.Get("a")] = r.Get("b")
		default:
			return nil, r.Errorf("unknown row kind %q (want acled or entity)", r.Get("kind"))
		}
	}
	return cb, nil
}

// ploverLabels is classify.PLOVERLabels once: isPlover runs per sentence.
var ploverLabels = classify.PLOVERLabels()

func isPlover(t string) bool {
	for _, l := range ploverLabels {
		if l == t && l != classify.NoPLOVER {
			return true
		}
	}
	return false
}

func validMode(typ, mode string) bool {
	for _, m := range modes[typ] {
		if m == mode {
			return true
		}
	}
	return false
}

// dash reads "-" (and "") as "none".
func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

func loadTriggers(fsys fs.FS, lang string) ([]pattern, []trigger, error) {
	rows, err := table.Read(fsys, path.Join(lang, TriggersFile), table.Schema{
		Columns: []string{"pattern", "kind", "type", "mode", "acled", "frame", "context"}, Required: 3})
	if err != nil {
		return nil, nil, err
	}
	subs := map[string]bool{}
	for _, l := range classify.ACLEDLabels() {
		subs[l] = true
	}
	var ps []pattern
	var ts []trigger
	for _, r := range rows {
		p, err := compile(r.Get("pattern"))
		if err != nil {
			return nil, nil, r.Errorf("%v", err)
		}
		t := trigger{kind: r.Get("kind"), typ: r.Get("type"), mode: dash(r.Get("mode")), acled: dash(r.Get("acled")),
			frame: dash(r.Get("frame")), line: fmt.Sprintf("%s:%d", r.File, r.Line)}
		switch t.kind {
		case kindEvent, kindWeak, kindBlock:
		default:
			return nil, nil, r.Errorf("unknown trigger kind %q (want event, weak or block)", t.kind)
		}
		if t.kind == kindBlock {
			if t.typ != "-" {
				return nil, nil, r.Errorf("a block row takes type -, not %q", t.typ)
			}
		} else {
			if !isPlover(t.typ) {
				return nil, nil, r.Errorf("unknown PLOVER type %q", t.typ)
			}
			if t.mode != "" && !validMode(t.typ, t.mode) {
				return nil, nil, r.Errorf("mode %q is not one of %s's (%s)", t.mode, t.typ, strings.Join(modes[t.typ], " "))
			}
			if t.acled != "" && (!subs[t.acled] || t.acled == classify.NoACLED) {
				return nil, nil, r.Errorf("unknown ACLED sub-event type %q", t.acled)
			}
		}
		if t.frame == "" {
			t.frame = frameAgent
		}
		switch t.frame {
		case frameAgent, framePatient, frameNoun, frameTheme:
		default:
			return nil, nil, r.Errorf("unknown frame %q (want agent, patient, noun or theme)", t.frame)
		}
		if c := dash(r.Get("context")); c != "" {
			for _, s := range strings.Split(c, ",") {
				if !contexts[s] {
					return nil, nil, r.Errorf("unknown context %q", s)
				}
				t.context = append(t.context, s)
			}
		}
		ps = append(ps, p)
		ts = append(ts, t)
	}
	if len(ts) == 0 {
		return nil, nil, fmt.Errorf("%s/%s: no triggers", lang, TriggersFile)
	}
	return ps, ts, nil
}

func loadCues(fsys fs.FS, lang string) ([]pattern, []cue, error) {
	rows, err := table.Read(fsys, path.Join(lang, CuesFile), table.Schema{
		Columns: []string{"pattern", "kind", "before", "after"}, Required: 2})
	if err != nil {
		return nil, nil, err
	}
	var ps []pattern
	var cs []cue
	for _, r := range rows {
		p, err := compile(r.Get("pattern"))
		if err != nil {
			return nil, nil, r.Errorf("%v", err)
		}
		k := r.Get("kind")
		kind := slices.Index(cueNames[:], k)
		if kind < 0 {
			return nil, nil, r.Errorf("unknown cue kind %q", k)
		}
		win := cueWindows[kind]
		c := cue{kind: cueKind(kind), before: win[0], after: win[1]}
		for i, col := range []string{"before", "after"} {
			v := r.Get(col)
			if v == "" || v == "-" {
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 20 {
				return nil, nil, r.Errorf("%s %q: want a window of 0 to 20 tokens", col, v)
			}
			if i == 0 {
				c.before = n
			} else {
				c.after = n
			}
		}
		ps = append(ps, p)
		cs = append(cs, c)
	}
	return ps, cs, nil
}

func loadActors(fsys fs.FS, lang string) ([]pattern, []string, error) {
	rows, err := table.Read(fsys, path.Join(lang, ActorsFile), table.Schema{Columns: []string{"pattern", "kind"}, Required: 2})
	if err != nil {
		return nil, nil, err
	}
	var ps []pattern
	var ks []string
	for _, r := range rows {
		p, err := compile(r.Get("pattern"))
		if err != nil {
			return nil, nil, r.Errorf("%v", err)
		}
		if !partyKinds[r.Get("kind")] {
			return nil, nil, r.Errorf("unknown party kind %q", r.Get("kind"))
		}
		ps = append(ps, p)
		ks = append(ks, r.Get("kind"))
	}
	return ps, ks, nil
}

// loadWordOrder reads pack.tsv's verb_second: "yes" when a fronted
// adverbial puts the subject after the finite verb, as in Danish; absent
// (or no pack.tsv, which other layers require) means no.
func loadWordOrder(fsys fs.FS, lang string) (bool, error) {
	rows, err := table.Read(fsys, path.Join(lang, "pack.tsv"), table.Schema{Columns: []string{"key", "value"}, Required: 2})
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	for _, r := range rows {
		if r.Get("key") != "verb_second" {
			continue
		}
		switch v := r.Get("value"); v {
		case "yes":
			return true, nil
		case "no":
			return false, nil
		default:
			return false, r.Errorf("verb_second is %q, want yes or no", v)
		}
	}
	return false, nil
}
