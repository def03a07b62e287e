package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const seedGoldPath = "../../../shared/examples/da-kasakhstan-2022-01-06.gold.json"

// withEval checks that eval is in the command table.
func withEval(t *testing.T) {
	t.Helper()
	if lookup("eval") == nil {
		t.Fatal("eval is not in the command table")
	}
}

// rowRE is one line of the eval table.
var rowRE = regexp.MustCompile(`^(\S+)\s+(\d+)/(\d+)/(\d+)\s+[01]\.\d\d\s+[01]\.\d\d\s+[01]\.\d\d\s+(\d+)/(\d+)/(\d+)\s+[01]\.\d\d\s+[01]\.\d\d\s+[01]\.\d\d\s+(-|\d+/\d+ [01]\.\d\d)\s+(-|\d+/\d+ [01]\.\d\d)$`)

// table checks the table's shape and returns its rows by article.
func table(t *testing.T, out string) map[string][]string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if !regexp.MustCompile(`^article\s+events tp/fp/fn\s+P\s+R\s+F1\s+figures tp/fp/fn\s+P\s+R\s+F1\s+attribution\s+ACLED sub$`).MatchString(lines[0]) {
		t.Fatalf("header %q", lines[0])
	}
	rows := map[string][]string{}
	for _, l := range lines[1:] {
		if l == "" {
			break // --verbose details follow
		}
		m := rowRE.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("row %q does not have the table's shape", l)
		}
		rows[m[1]] = m
	}
	if rows["total"] == nil {
		t.Fatalf("no total row in\n%s", out)
	}
	return rows
}

func TestEvalSeed(t *testing.T) {
	withEval(t)
	if _, err := os.Stat(seedGoldPath); err != nil {
		t.Skip("seed gold absent:", err)
	}
	code, out, stderr := run(t, "", "eval", seedGoldPath)
	t.Logf("uro eval %s:\n%s", seedGoldPath, out)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	rows := table(t, out)
	seed := rows["da-kasakhstan-2022-01-06"]
	if seed == nil || len(rows) != 2 {
		t.Fatalf("rows %v, want the seed and the total", rows)
	}
	// Whatever the extractor finds, TP+FN is the 12 required events and the
	// 5 required figures of the gold.
	if n := atoi(seed[2]) + atoi(seed[4]); n != 12 {
		t.Errorf("event TP+FN = %d, want 12", n)
	}
	if n := atoi(seed[5]) + atoi(seed[7]); n != 5 {
		t.Errorf("figure TP+FN = %d, want 5", n)
	}
	if strings.Join(seed[2:], " ") != strings.Join(rows["total"][2:], " ") {
		t.Errorf("total %v differs from the only article %v", rows["total"], seed)
	}

	code, out, stderr = run(t, "", "eval", "--min-event-f1", "1.1", seedGoldPath)
	if code != 1 || !strings.Contains(stderr, "total event F1") || !strings.Contains(stderr, "below --min-event-f1 1.1") {
		t.Errorf("--min-event-f1 1.1: exit %d, stderr %q", code, stderr)
	}
	table(t, out)
	code, _, stderr = run(t, "", "eval", "--min-figure-f1", "1.1", seedGoldPath)
	if code != 1 || !strings.Contains(stderr, "below --min-figure-f1 1.1") || strings.Contains(stderr, "event F1") {
		t.Errorf("--min-figure-f1 1.1: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr = run(t, "", "eval", "--min-event-f1", "0", "--min-figure-f1", "0", seedGoldPath); code != 0 {
		t.Errorf("thresholds 0: exit %d, stderr %q", code, stderr)
	}

	code, out, _ = run(t, "", "eval", "--json", seedGoldPath)
	var js struct {
		Articles []struct {
			Article string
			Events  struct{ TP, FP, FN int }
			Missed  []struct{ What, Label, Sentence string }
		}
		Total  struct{ Events struct{ F1 *float64 } }
		Errors []any
	}
	if err := json.Unmarshal([]byte(out), &js); err != nil || code != 0 {
		t.Fatalf("--json: exit %d, %v:\n%s", code, err, out)
	}
	if len(js.Articles) != 1 || js.Articles[0].Article != "da-kasakhstan-2022-01-06" || js.Articles[0].Events.TP+js.Articles[0].Events.FN != 12 || js.Total.Events.F1 == nil || js.Errors == nil {
		t.Errorf("--json: %+v", js)
	}

	code, out, _ = run(t, "", "eval", "--verbose", seedGoldPath)
	if code != 0 {
		t.Fatalf("--verbose: exit %d", code)
	}
	table(t, out)
	missed := strings.Count(out, "\n  missed event ")
	if missed != len(js.Articles[0].Missed)-strings.Count(out, "\n  missed figure ") {
		t.Errorf("--verbose lists %d missed events; JSON has %d missed items:\n%s", missed, len(js.Articles[0].Missed), out)
	}
	for _, m := range js.Articles[0].Missed {
		if !strings.Contains(out, m.Label+"\n") || !strings.Contains(out, mustQuote(m.Sentence)) {
			t.Errorf("--verbose lacks the miss %q %q", m.Label, m.Sentence)
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func mustQuote(s string) string {
	b, _ := json.Marshal(s)
	return strings.ReplaceAll(string(b), `\u0026`, "&")
}

// A Danish article written for this test and its gold answer.
const evalArticle = "Politiet anholdt 12 demonstranter i København\n\nPolitiet anholdt torsdag 12 demonstranter ved Christiansborg, oplyser Københavns Politi.\n\nOmkring 2.000 mennesker deltog i demonstrationen.\n"

const evalGold = `{"id": "kbh-test", "language": "da", "published": "2024-03-07",
 "events": [
  {"type": "COERCE", "mode": "arrest", "place": "København", "country": "DK", "date_start": "2024-03-07", "date_end": "2024-03-07", "factuality": "asserted",
   "sentence": "Politiet anholdt torsdag 12 demonstranter ved Christiansborg, oplyser Københavns Politi.", "source_kind": "police"},
  {"type": "PROTEST", "place": "København", "country": "DK", "date_start": "2024-03-07", "date_end": "2024-03-07", "factuality": "asserted",
   "acled": {"event_type": "Protests", "sub_event_type": "Protest with intervention"},
   "sentence": "Omkring 2.000 mennesker deltog i demonstrationen."}
 ],
 "figures": [
  {"kind": "arrested", "min": 12, "max": 12, "qualifier": "exact", "source_kind": "police", "sentence": "Politiet anholdt torsdag 12 demonstranter ved Christiansborg, oplyser Københavns Politi."},
  {"kind": "participants", "min": 2000, "max": 2000, "qualifier": "approx", "source_kind": "unattributed", "sentence": "Omkring 2.000 mennesker deltog i demonstrationen."}
 ],
 "people": [], "quotes": [], "credits": []}`

func TestEvalFolderAndBadInput(t *testing.T) {
	withEval(t)
	dir := t.TempDir()
	golds := filepath.Join(dir, "golds")
	if err := os.MkdirAll(filepath.Join(golds, "da"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(golds, "da"), "b-kbh.txt", []byte(evalArticle))
	writeFile(t, filepath.Join(golds, "da"), "b-kbh.gold.json", []byte(evalGold))
	writeFile(t, golds, "a-kbh.txt", []byte(evalArticle))
	writeFile(t, golds, "a-kbh.gold.json", []byte(strings.Replace(evalGold, "kbh-test", "a-kbh", 1)))
	writeFile(t, golds, "notes.json", []byte(`{}`)) // not a gold file by name: skipped
	writeFile(t, golds, "en-kbh.txt", []byte("Police arrest 12 protesters in Copenhagen\n\nPolice arrested 12 protesters outside parliament on Thursday.\n"))
	writeFile(t, golds, "en-kbh.gold.json", []byte(`{"id": "en-kbh", "language": "en", "published": "2024-03-07", "events": [], "figures": [{"kind": "arrested", "min": 12, "max": 12, "qualifier": "exact", "sentence": "Police arrested 12 protesters outside parliament on Thursday."}]}`))
	malformed := writeFile(t, dir, "malformed.gold.json", []byte("{\"events\": [\n  {\"type\": \"PROTEST\",}\n]}"))
	writeFile(t, dir, "malformed.txt", []byte(evalArticle))
	orphan := writeFile(t, dir, "orphan.gold.json", []byte(evalGold))
	missing := filepath.Join(dir, "missing.gold.json")
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}

	code, out, stderr := run(t, "", "eval", golds, malformed, orphan, missing, empty)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	rows := table(t, out)
	if rows["a-kbh"] == nil || rows["kbh-test"] == nil || rows["en-kbh"] == nil || len(rows) != 6 {
		t.Errorf("rows %v, want a-kbh, kbh-test (from b-kbh), en-kbh, total:da, total:en and total", rows)
	}
	if da, en := rows["total:da"], rows["total:en"]; da == nil || en == nil || atoi(da[2])+atoi(da[4]) != 4 || atoi(en[5])+atoi(en[7]) != 1 {
		t.Errorf("language totals %v %v, want 4 Danish gold events and 1 English gold figure", da, en)
	}
	if !strings.HasPrefix(out[strings.Index(out, "\n")+1:], "a-kbh ") {
		t.Errorf("folder files not in name order:\n%s", out)
	}
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	wants := [][]string{
		{empty, "no *.gold.json"},
		{malformed + ":2:", "malformed JSON"},
		{orphan, "no article beside it", "orphan.txt"},
		{missing, "no such gold file"},
	}
	if len(lines) != len(wants) {
		t.Fatalf("stderr has %d lines, want %d:\n%s", len(lines), len(wants), stderr)
	}
	for i, w := range wants {
		for _, s := range w {
			if !strings.HasPrefix(lines[i], "uro eval: ") || !strings.Contains(lines[i], s) {
				t.Errorf("stderr line %q lacks %q", lines[i], s)
			}
		}
	}

	// Every error also shows in the JSON.
	code, out, _ = run(t, "", "eval", "--json", golds, missing)
	var js struct {
		Articles []json.RawMessage
		Errors   []struct{ File, Error string }
	}
	if err := json.Unmarshal([]byte(out), &js); err != nil || code != 1 || len(js.Articles) != 3 || len(js.Errors) != 1 || js.Errors[0].File != missing {
		t.Errorf("--json with a missing file: exit %d, %v, %+v", code, err, js)
	}
}

func TestEvalUsage(t *testing.T) {
	withEval(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no gold", []string{"eval"}, "no gold file"},
		{"descriptions and gold", []string{"eval", "--descriptions", "d.jsonl", "x.gold.json"}, "one or the other"},
		{"descriptions and threshold", []string{"eval", "--descriptions", "d.jsonl", "--min-event-f1", "0.5"}, "apply to gold files"},
		{"threshold not a number", []string{"eval", "--min-event-f1", "high", "x.gold.json"}, "min-event-f1"},
		{"threshold NaN", []string{"eval", "--min-figure-f1", "NaN", "x.gold.json"}, "must be numbers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := run(t, "", tt.args...)
			if code != 2 || out != "" || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, out, stderr, tt.want)
			}
		})
	}
	code, out, _ := run(t, "", "help", "eval")
	if code != 0 || !strings.Contains(out, "--min-event-f1 X") || !strings.Contains(out, "Examples:") {
		t.Errorf("help eval: exit %d\n%s", code, out)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "      ") && !strings.Contains(l, "Example: ") {
			t.Errorf("flag usage without an example: %q", l)
		}
	}
}

func TestEvalDescriptions(t *testing.T) {
	withEval(t)
	dir := t.TempDir()
	notes := writeFile(t, dir, "notes.jsonl", []byte(
		`{"id": "da-1", "lang": "da", "event_type": "Protests", "sub_event_type": "Peaceful protest", "plover": "PROTEST", "text": "Den 3. marts 2024 demonstrerede omkring 300 studerende fredeligt foran Christiansborg i København mod nedskæringer i SU."}`+"\n"+
			`{"id": "en-1", "lang": "en", "event_type": "Strategic developments", "sub_event_type": "Arrests", "plover": "COERCE", "text": "On 5 May 2024, police arrested 4 men in Leeds (West Yorkshire) suspected of planning an attack."}`+"\n"))
	code, out, stderr := run(t, "", "eval", "--descriptions", notes, "--verbose")
	t.Logf("uro eval --descriptions:\n%s", out)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(out, "\n")
	if !regexp.MustCompile(`^lang\s+notes\s+no event\s+event type\s+sub-event type\s+PLOVER$`).MatchString(lines[0]) {
		t.Errorf("header %q", lines[0])
	}
	row := regexp.MustCompile(`^(da|en|total)\s+(\d+)\s+\d+(\s+\d+/\d+ [01]\.\d\d){3}$`)
	for i, want := range []string{"da", "en", "total"} {
		m := row.FindStringSubmatch(lines[i+1])
		if m == nil || m[1] != want {
			t.Errorf("row %d %q, want the %s row", i+1, lines[i+1], want)
		}
	}
	code, out, _ = run(t, "", "eval", "--descriptions", notes, "--json")
	var js struct {
		Langs []struct{ Lang string }
		Total struct {
			EventType struct{ Total int } `json:"event_type"`
		}
	}
	if err := json.Unmarshal([]byte(out), &js); err != nil || code != 0 || len(js.Langs) != 2 || js.Total.EventType.Total != 2 {
		t.Errorf("--json: exit %d, %v, %+v", code, err, js)
	}
	code, _, stderr = run(t, "", "eval", "--descriptions", filepath.Join(dir, "none.jsonl"))
	if code != 1 || !strings.Contains(stderr, "none.jsonl") {
		t.Errorf("missing notes: exit %d, stderr %q", code, stderr)
	}
}
