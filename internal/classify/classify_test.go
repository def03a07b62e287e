package classify

import (
	"bytes"
	"errors"
	"hash/fnv"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

// trainFS is the training data, read from disk: it is not embedded in the binary.
var trainFS = os.DirFS("traindata")

// Generation settings of the train command; kept equal so that the test can
// check the committed generated.tsv is current.
const (
	testPerTemplate = 6
	testGenSeed     = 4
)

func trainLangs(t testing.TB) []string {
	var out []string
	for _, l := range langpacks.Languages() {
		if _, err := os.Stat("traindata/" + l + "/" + TemplatesFile); err == nil {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		t.Fatal("no language has training data")
	}
	return out
}

func examples(t testing.TB, lang string) []Example {
	t.Helper()
	ex, err := ReadExamples(trainFS, lang)
	if err != nil {
		t.Fatal(err)
	}
	seg, err := segment.New(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	Tokenize(seg, ex)
	return ex
}

func tokens(t testing.TB, lang, s string) []string {
	t.Helper()
	seg, err := segment.New(langpacks.FS, lang)
	if err != nil {
		t.Fatal(err)
	}
	return Words(seg.Tokenize(s, 0, len(s)))
}

// minPerClass is the least number of sentences, and minTemplates the least
// number of distinct templates, every class of each head must have per language.
const (
	minPerClass  = 40
	minTemplates = 8
)

func TestTrainingData(t *testing.T) {
	for _, lang := range trainLangs(t) {
		t.Run(lang, func(t *testing.T) {
			ex, err := ReadExamples(trainFS, lang)
			if err != nil {
				t.Fatal(err)
			}
			hand, err := ReadSentences(trainFS, lang+"/"+SentencesFile)
			if err != nil {
				t.Fatal(err)
			}
			tmpl, slots, err := ReadTemplates(trainFS, lang)
			if err != nil {
				t.Fatal(err)
			}
			count := [2]map[string]int{{}, {}}
			handCount := [2]map[string]int{{}, {}}
			texts := map[string]string{}
			for _, e := range ex {
				count[0][e.ACLED]++
				count[1][e.PLOVER]++
				if prev, dup := texts[e.Text]; dup {
					t.Errorf("%s repeats the sentence of %s: %q", e.Origin, prev, e.Text)
				}
				texts[e.Text] = e.Origin
			}
			for _, e := range hand {
				handCount[0][e.ACLED]++
				handCount[1][e.PLOVER]++
			}
			tcount := [2]map[string]int{{}, {}}
			for _, tp := range tmpl {
				tcount[0][tp.ACLED]++
				tcount[1][tp.PLOVER]++
			}
			for h, labels := range [][]string{ACLEDLabels(), PLOVERLabels()} {
				for _, l := range labels {
					if count[h][l] < minPerClass {
						t.Errorf("class %q has %d sentences, want at least %d", l, count[h][l], minPerClass)
					}
					if tcount[h][l] < minTemplates {
						t.Errorf("class %q has %d templates, want at least %d", l, tcount[h][l], minTemplates)
					}
					if handCount[h][l] == 0 {
						t.Errorf("class %q has no hand-written sentence", l)
					}
				}
			}
			t.Logf("%d sentences (%d hand-written, %d templates)", len(ex), len(hand), len(tmpl))
			// The committed generated.tsv must be what the templates give now.
			var buf bytes.Buffer
			if err := WriteGenerated(&buf, Generate(tmpl, slots, testPerTemplate, testGenSeed)); err != nil {
				t.Fatal(err)
			}
			committed, err := os.ReadFile("traindata/" + lang + "/" + GeneratedFile)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), committed) {
				t.Errorf("traindata/%s/%s is stale: run go run ./internal/classify/train", lang, GeneratedFile)
			}
		})
	}
}

func TestConsistent(t *testing.T) {
	tests := []struct {
		sub, plover string
		want        bool
	}{
		{"Peaceful protest", "PROTEST", true},
		{"Peaceful protest", "ASSAULT", false},
		{"Violent demonstration", "PROTEST", true},
		{"Mob violence", "ASSAULT", true},
		{"Armed clash", "ASSAULT", true},
		{"Armed clash", "COERCE", false},
		{"Arrests", "COERCE", true},
		{"Arrests", "THREATEN", false},
		{"Agreement", "AGREE", true},
		{"Other", "NONE", true},
		{"Other", "ASSAULT", false},
		{"-", "REQUEST", true},
		{"-", "ASSAULT", false},
		{"-", "PROTEST", false},
		{"Riot", "PROTEST", false},
	}
	for _, tt := range tests {
		if got := Consistent(tt.sub, tt.plover); got != tt.want {
			t.Errorf("Consistent(%q, %q) = %v, want %v", tt.sub, tt.plover, got, tt.want)
		}
	}
	if n := len(ACLEDLabels()); n != 26 {
		t.Errorf("ACLED head has %d classes, want 26", n)
	}
	if n := len(PLOVERLabels()); n != 17 {
		t.Errorf("PLOVER head has %d classes, want 17", n)
	}
	if EventType("Suicide bomb") != "Explosions/Remote violence" || EventType(NoACLED) != "" {
		t.Error("EventType is wrong")
	}
}

// heldOut reports whether an example is in the 20% test split. Whole
// templates are held out, so the score measures sentences the model has not
// seen in any filling.
func heldOut(e Example) bool {
	h := fnv.New32a()
	h.Write([]byte("split-2024:" + e.Origin))
	return h.Sum32()%5 == 0
}

// Floors measured on the held-out split (see TestHeldOut's log), set just
// below the measured figures. Never lower them.
var heldOutFloor = map[string][2]float64{
	"da": {0.65, 0.71}, // measured 0.667, 0.731
	"en": {0.62, 0.64}, // measured 0.639, 0.665
}

func TestHeldOut(t *testing.T) {
	for _, lang := range trainLangs(t) {
		t.Run(lang, func(t *testing.T) {
			var train, test []Example
			for _, e := range examples(t, lang) {
				if heldOut(e) {
					test = append(test, e)
				} else {
					train = append(train, e)
				}
			}
			m, err := Train(langpacks.FS, lang, train, DefaultConfig)
			if err != nil {
				t.Fatal(err)
			}
			var right [2]int
			for _, e := range test {
				p := m.Predict(e.Tokens)
				if p.ACLED == e.ACLED {
					right[0]++
				}
				if p.PLOVER == e.PLOVER {
					right[1]++
				}
			}
			acc := [2]float64{float64(right[0]) / float64(len(test)), float64(right[1]) / float64(len(test))}
			t.Logf("held out %d of %d sentences: ACLED accuracy %.3f, PLOVER accuracy %.3f", len(test), len(train)+len(test), acc[0], acc[1])
			floor, ok := heldOutFloor[lang]
			if !ok {
				t.Fatalf("no accuracy floor for %s", lang)
			}
			for h, name := range []string{"ACLED", "PLOVER"} {
				if acc[h] < floor[h] {
					t.Errorf("%s accuracy %.3f is below the floor %.3f", name, acc[h], floor[h])
				}
			}
		})
	}
}

// fresh are sentences written for this test, in no training file.
var fresh = map[string][]struct{ text, acled, plover string }{
	"en": {
		{"Islamist fighters ambushed a convoy of soldiers outside Menaka on Thursday, and the two sides fought for several hours.", "Armed clash", "ASSAULT"},
		{"A drone strike on a wedding party in the province killed 11 people, local officials said.", "Air/drone strike", "ASSAULT"},
		{"Police fired tear gas to break up a rally by teachers demanding higher pay in the capital.", "Protest with intervention", "PROTEST"},
		{"Several thousand people marched peacefully through the city to demand new elections.", "Peaceful protest", "PROTEST"},
		{"Authorities arrested 15 suspected gang members in a dawn raid on Monday.", "Arrests", "COERCE"},
		{"Gunmen kidnapped a priest and two parishioners on the road to the village.", "Abduction/forced disappearance", "ASSAULT"},
		{"A landmine blast killed four people travelling in a truck near the border.", "Remote explosive/landmine/IED", "ASSAULT"},
		{"The government and the rebels signed a peace deal on Friday.", "Agreement", "AGREE"},
		{"The foreign minister called on all sides to return to the negotiating table.", "-", "REQUEST"},
		{"The United States imposed sanctions on three generals accused of abuses.", "-", "SANCTION"},
		{"The national team beat the champions 2-0 on Saturday.", "-", "NONE"},
		{"Protesters set fire to the governor's office and looted shops after the vote.", "Violent demonstration", "PROTEST"},
	},
	"da": {
		{"Islamistiske krigere lagde torsdag baghold for en konvoj af soldater uden for Menaka, og parterne kæmpede i flere timer.", "Armed clash", "ASSAULT"},
		{"Et droneangreb mod et bryllup i provinsen dræbte 11 mennesker, oplyser lokale myndigheder.", "Air/drone strike", "ASSAULT"},
		{"Politiet brugte tåregas for at opløse en demonstration, hvor lærere krævede højere løn.", "Protest with intervention", "PROTEST"},
		{"Flere tusinde mennesker gik fredeligt gennem byen for at kræve nyvalg.", "Peaceful protest", "PROTEST"},
		{"Myndighederne anholdt mandag 15 formodede bandemedlemmer ved en razzia.", "Arrests", "COERCE"},
		{"Bevæbnede mænd bortførte en præst og to kirkegængere på vejen til landsbyen.", "Abduction/forced disappearance", "ASSAULT"},
		{"En landmine dræbte fire mennesker, der kørte i en lastbil nær grænsen.", "Remote explosive/landmine/IED", "ASSAULT"},
		{"Regeringen og oprørerne underskrev fredag en fredsaftale.", "Agreement", "AGREE"},
		{"Udenrigsministeren opfordrede alle parter til at vende tilbage til forhandlingsbordet.", "-", "REQUEST"},
		{"USA har indført sanktioner mod tre generaler, der beskyldes for overgreb.", "-", "SANCTION"},
		{"Landsholdet slog mestrene 2-0 lørdag.", "-", "NONE"},
		{"Demonstranter satte ild til guvernørens kontor og plyndrede butikker efter valget.", "Violent demonstration", "PROTEST"},
	},
}

// minFresh is how many of the fresh sentences must get both labels right at
// rank 1; the rest must at least have them in the top three.
const minFresh = 9

func TestLoadPacks(t *testing.T) {
	for _, lang := range langpacks.Languages() {
		t.Run(lang, func(t *testing.T) {
			m, err := Load(langpacks.FS, lang)
			if err != nil {
				t.Fatal(err)
			}
			if m.Lang() != lang {
				t.Errorf("Lang() = %q", m.Lang())
			}
			cases, ok := fresh[lang]
			if !ok {
				t.Skipf("no fresh sentences for %s", lang)
			}
			both := 0
			for _, c := range cases {
				p := m.Predict(tokens(t, lang, c.text))
				if p.ACLED == c.acled && p.PLOVER == c.plover {
					both++
				} else {
					t.Logf("%q: got %s (%.2f) / %s (%.2f), want %s / %s", c.text, p.ACLED, p.ACLEDScore, p.PLOVER, p.PLOVERScore, c.acled, c.plover)
				}
				if !inTop(p.ACLEDTop, c.acled) || !inTop(p.PLOVERTop, c.plover) {
					t.Errorf("%q: %s / %s not in the top three %v / %v", c.text, c.acled, c.plover, p.ACLEDTop, p.PLOVERTop)
				}
				checkPrediction(t, p)
			}
			if both < minFresh {
				t.Errorf("%d of %d fresh sentences right, want at least %d", both, len(cases), minFresh)
			}
		})
	}
}

func inTop(top []Scored, label string) bool {
	for _, s := range top {
		if s.Label == label {
			return true
		}
	}
	return false
}

// checkPrediction checks the shape every prediction must have.
func checkPrediction(t testing.TB, p Prediction) {
	t.Helper()
	for _, top := range [][]Scored{p.ACLEDTop, p.PLOVERTop} {
		if len(top) != 3 {
			t.Fatalf("top has %d entries, want 3", len(top))
		}
		for i, s := range top {
			if !(s.Score >= 0 && s.Score <= 1) || (i > 0 && s.Score > top[i-1].Score) {
				t.Fatalf("bad top %v", top)
			}
		}
	}
	// The answer is the best pair the codebooks allow, so it may differ from
	// each head's own best class, but never score above it.
	if !Consistent(p.ACLED, p.PLOVER) || p.ACLEDScore > p.ACLEDTop[0].Score || p.PLOVERScore > p.PLOVERTop[0].Score {
		t.Fatalf("inconsistent answer: %+v", p)
	}
}

// TestModelReproducible retrains from the committed data and compares with the
// committed model byte for byte.
func TestModelReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("trains every language")
	}
	for _, lang := range trainLangs(t) {
		t.Run(lang, func(t *testing.T) {
			m, err := Train(langpacks.FS, lang, examples(t, lang), DefaultConfig)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := m.Write(&got, "x"); err != nil {
				t.Fatal(err)
			}
			want, err := langpacks.FS.ReadFile(lang + "/" + ModelFile)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(weightRows(got.Bytes()), weightRows(want)) {
				t.Errorf("langpacks/%s/%s differs from a fresh training: run go run ./internal/classify/train", lang, ModelFile)
			}
		})
	}
}

// weightRows drops the comment lines, which name the training set sizes.
func weightRows(b []byte) []byte {
	var out []byte
	for _, l := range bytes.SplitAfter(b, []byte("\n")) {
		if !bytes.HasPrefix(l, []byte("#")) {
			out = append(out, l...)
		}
	}
	return out
}

func TestWriteLoadRoundTrip(t *testing.T) {
	m, err := Load(langpacks.FS, "en")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf, "round trip"); err != nil {
		t.Fatal(err)
	}
	suffixes, _ := langpacks.FS.ReadFile("en/" + suffixesFile)
	m2, err := Load(fstest.MapFS{"en/" + ModelFile: {Data: buf.Bytes()}, "en/" + suffixesFile: {Data: suffixes}}, "en")
	if err != nil {
		t.Fatal(err)
	}
	toks := tokens(t, "en", "Rebels shelled the town and police arrested 12 people.")
	if p1, p2 := m.Predict(toks), m2.Predict(toks); p1.ACLED != p2.ACLED || p1.ACLEDScore != p2.ACLEDScore || p1.PLOVERScore != p2.PLOVERScore {
		t.Errorf("round trip changed the prediction: %+v vs %+v", p1, p2)
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ lang, word, want string }{
		{"en", "clashes", "clash"},
		{"en", "clashed", "clash"},
		{"en", "clashing", "clash"},
		{"en", "protesters", "protest"},
		{"en", "is", "is"},
		{"en", "2,000", numberFeature},
		{"en", ",", ""},
		{"da", "anholdte", "anhold"},
		{"da", "anholdelsen", "anhold"},
		{"da", "demonstranterne", "demonstrant"},
		{"da", "soldater", "soldat"},
		{"da", "angrebet", "angreb"},
		{"da", "en", "en"},
	}
	stems := map[string]*stemmer{}
	for _, tt := range tests {
		st, ok := stems[tt.lang]
		if !ok {
			var err error
			if st, err = loadStemmer(langpacks.FS, tt.lang); err != nil {
				t.Fatal(err)
			}
			stems[tt.lang] = st
		}
		if got := st.stem(tt.word); got != tt.want {
			t.Errorf("%s stem(%q) = %q, want %q", tt.lang, tt.word, got, tt.want)
		}
	}
}

// FuzzStem holds stemWord to the stemmer's definition: the longest listed
// ending the word has, if what it leaves has the ending's min_stem runes.
func FuzzStem(f *testing.F) {
	for _, w := range []string{"anholdelsernes", "demonstranterne", "clashes", "æøå", "ée", "s", "\xffer"} {
		f.Add(w)
	}
	var sts []*stemmer
	for _, lang := range []string{"da", "en"} {
		st, err := loadStemmer(langpacks.FS, lang)
		if err != nil {
			f.Fatal(err)
		}
		sts = append(sts, st)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if w == "" {
			return
		}
		for _, st := range sts {
			want := w
			for _, s := range st.suffixes { // longest first
				if len(w) > len(s.text) && strings.HasSuffix(w, s.text) && utf8.RuneCountInString(w[:len(w)-len(s.text)]) >= s.minStem {
					want = w[:len(w)-len(s.text)]
					break
				}
			}
			if got := st.stemWord(w); got != want {
				t.Fatalf("stemWord(%q) = %q, want %q", w, got, want)
			}
		}
	})
}

func TestBrokenData(t *testing.T) {
	suffixes := "suffix\tmin_stem\ning\t3\n"
	model := "feature\tacled\tplover\n@classes\t" + strings.Join(ACLEDLabels(), "|") + "\t" + strings.Join(PLOVERLabels(), "|") + "\n"
	tests := []struct {
		name, file, data, want string
	}{
		{"suffix upper case", "suffixes.txt", "suffix\tmin_stem\nING\t3\n", "xx/suffixes.txt:2:"},
		{"suffix bad min", "suffixes.txt", "suffix\tmin_stem\ning\t3\ned\tzero\n", "xx/suffixes.txt:3:"},
		{"suffix twice", "suffixes.txt", "suffix\tmin_stem\ning\ning\n", "xx/suffixes.txt:3:"},
		{"unknown class", "model.tsv", "feature\tacled\tplover\n@classes\tArmed clash|Riot\tNONE\n", "xx/model.tsv:2:"},
		{"bad weight", "model.tsv", model + "u clash\t0:1.5 99:2\t-\n", "xx/model.tsv:3:"},
		{"bad feature", "model.tsv", model + "u clash\t0:1.5\t-\nzz\t0:1\t-\n", "xx/model.tsv:4:"},
		{"duplicate feature", "model.tsv", model + "u clash\t0:1.5\t-\nu clash\t0:1\t-\n", "xx/model.tsv:4:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"xx/suffixes.txt": {Data: []byte(suffixes)}, "xx/model.tsv": {Data: []byte(model)}}
			fsys["xx/"+tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			_, err := Load(fsys, "xx")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load error = %v, want one naming %s", err, tt.want)
			}
			var te *table.Error
			if !errors.As(err, &te) {
				t.Errorf("error %v is not a *table.Error", err)
			}
		})
	}
	if _, err := Load(fstest.MapFS{"xx/suffixes.txt": {Data: []byte(suffixes)}, "xx/model.tsv": {Data: []byte(model)}}, "xx"); err != nil {
		t.Errorf("valid data: %v", err)
	}
}

func TestBrokenTrainingData(t *testing.T) {
	slots := "slot\tvalue\nplace\tGao\n"
	tests := []struct{ name, file, data, want string }{
		{"unknown ACLED", SentencesFile, "acled_sub\tplover\ttext\nRiot\tPROTEST\tA riot.\n", "xx/sentences.tsv:2:"},
		{"inconsistent", SentencesFile, "acled_sub\tplover\ttext\nPeaceful protest\tASSAULT\tA march.\n", "xx/sentences.tsv:2:"},
		{"unknown slot", TemplatesFile, "acled_sub\tplover\ttemplate\nArrests\tCOERCE\tPolice arrested {who} in {place}.\n", "xx/templates.tsv:2:"},
		{"duplicate template", TemplatesFile, "acled_sub\tplover\ttemplate\n-\tNONE\tRain in {place}.\n-\tNONE\tRain in {place}.\n", "xx/templates.tsv:3:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"xx/" + SlotsFile: {Data: []byte(slots)}, "xx/" + tt.file: {Data: []byte(tt.data)}}
			var err error
			if tt.file == TemplatesFile {
				_, _, err = ReadTemplates(fsys, "xx")
			} else {
				_, err = ReadSentences(fsys, "xx/"+tt.file)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one naming %s", err, tt.want)
			}
		})
	}
}

func FuzzPredict(f *testing.F) {
	m, err := Load(langpacks.FS, "en")
	if err != nil {
		f.Fatal(err)
	}
	f.Add("police arrested 12 protesters in the capital")
	f.Add("")
	f.Add("a  b\x00c ☃ 2.000 ,,, 's")
	hashed := *m
	hashed.vocab = nil
	f.Fuzz(func(t *testing.T, s string) {
		checkPrediction(t, m.Predict(strings.Split(s, " ")))
		checkPrediction(t, m.Predict(strings.Fields(s)))
		// The vocab's reading of the tokens must be the hashed one.
		var toks []text.Token
		for _, w := range strings.Split(s, " ") {
			toks = append(toks, text.Token{Text: w, Lower: strings.ToLower(w), Kind: text.Word})
		}
		var got, want classScores
		m.scoreTokens(&got, toks)
		hashed.scoreHashed(&want, toks)
		if got != want {
			t.Fatalf("%q: vocab scores %v, hashed %v", s, got, want)
		}
	})
}

func BenchmarkPredict(b *testing.B) {
	m, err := Load(langpacks.FS, "en")
	if err != nil {
		b.Fatal(err)
	}
	var sents [][]string
	for _, c := range fresh["en"] {
		sents = append(sents, tokens(b, "en", c.text))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Predict(sents[i%len(sents)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}
