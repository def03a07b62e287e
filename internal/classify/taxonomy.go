package classify

// The label sets are the coding schemes themselves, not language knowledge:
// ACLED's sub-event types (spelled as ACLED spells them, grouped under their
// event types) and PLOVER's event types. Every language's data is labelled
// with these names and nothing else.

// NoACLED labels a sentence that reports no ACLED event (a request, a threat,
// an opinion). NoPLOVER labels a sentence that reports no event at all.
const (
	NoACLED  = "-"
	NoPLOVER = "NONE"
)

// acledTypes maps each ACLED sub-event type to its event type, in codebook order.
var acledTypes = []struct{ Sub, Type string }{
	{"Armed clash", "Battles"},
	{"Government regains territory", "Battles"},
	{"Non-state actor overtakes territory", "Battles"},
	{"Air/drone strike", "Explosions/Remote violence"},
	{"Shelling/artillery/missile attack", "Explosions/Remote violence"},
	{"Remote explosive/landmine/IED", "Explosions/Remote violence"},
	{"Grenade", "Explosions/Remote violence"},
	{"Suicide bomb", "Explosions/Remote violence"},
	{"Chemical weapon", "Explosions/Remote violence"},
	{"Attack", "Violence against civilians"},
	{"Abduction/forced disappearance", "Violence against civilians"},
	{"Sexual violence", "Violence against civilians"},
	{"Peaceful protest", "Protests"},
	{"Protest with intervention", "Protests"},
	{"Excessive force against protesters", "Protests"},
	{"Violent demonstration", "Riots"},
	{"Mob violence", "Riots"},
	{"Agreement", "Strategic developments"},
	{"Arrests", "Strategic developments"},
	{"Change to group/activity", "Strategic developments"},
	{"Disrupted weapons use", "Strategic developments"},
	{"Headquarters or base established", "Strategic developments"},
	{"Looting/property destruction", "Strategic developments"},
	{"Non-violent transfer of territory", "Strategic developments"},
	{"Other", "Strategic developments"},
}

// ploverTypes are PLOVER's sixteen event types.
var ploverTypes = []string{
	"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
	"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}

// ACLEDLabels returns the ACLED head's classes: the 25 sub-event types and NoACLED.
func ACLEDLabels() []string {
	out := make([]string, 0, len(acledTypes)+1)
	for _, t := range acledTypes {
		out = append(out, t.Sub)
	}
	return append(out, NoACLED)
}

// PLOVERLabels returns the PLOVER head's classes: the 16 types and NoPLOVER.
func PLOVERLabels() []string {
	return append(append([]string(nil), ploverTypes...), NoPLOVER)
}

// EventType returns the ACLED event type of a sub-event type, or "" for
// NoACLED and unknown names.
func EventType(sub string) string {
	for _, t := range acledTypes {
		if t.Sub == sub {
			return t.Type
		}
	}
	return ""
}

// Consistent reports whether a sentence may carry both labels: where ACLED's
// definition fixes the PLOVER type (every protest is a PROTEST, every battle
// an ASSAULT) the pair must agree, and an ASSAULT or PROTEST always has an
// ACLED sub-event type.
func Consistent(sub, plover string) bool {
	switch EventType(sub) {
	case "Battles", "Explosions/Remote violence", "Violence against civilians":
		return plover == "ASSAULT"
	case "Protests":
		return plover == "PROTEST"
	}
	switch sub {
	case "Violent demonstration":
		return plover == "PROTEST"
	case "Mob violence":
		return plover == "ASSAULT"
	case "Agreement":
		return plover == "AGREE"
	case "Arrests", "Disrupted weapons use", "Looting/property destruction":
		return plover == "COERCE"
	case "Headquarters or base established":
		return plover == "MOBILIZE"
	case "Non-violent transfer of territory":
		return plover == "RETREAT"
	case "Change to group/activity", "Other":
		// Catch-alls: a new leader or a mass grave has no PLOVER type.
		return plover != "ASSAULT" && plover != "PROTEST"
	case NoACLED:
		return plover != "ASSAULT" && plover != "PROTEST"
	}
	return false
}
