package attribution

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/urodata/uro/internal/entity"
	"github.com/urodata/uro/internal/quote"
	"github.com/urodata/uro/internal/segment"
	"github.com/urodata/uro/internal/table"
	"github.com/urodata/uro/internal/text"
	"github.com/urodata/uro/langpacks"
)

// pipe is the part of the pipeline attribution reads.
type pipe struct {
	seg *segment.Segmenter
	ent *entity.Recognizer
	quo *quote.Finder
	att *Finder
}

var pipes = map[string]*pipe{}

func pipeFor(t testing.TB, lang string) *pipe {
	t.Helper()
	if p, ok := pipes[lang]; ok {
		return p
	}
	p := &pipe{}
	var err error
	if p.seg, err = segment.New(langpacks.FS, lang); err != nil {
		t.Fatal(err)
	}
	if p.ent, err = entity.New(langpacks.FS, lang); err != nil {
		t.Fatal(err)
	}
	if p.quo, err = quote.New(langpacks.FS, lang); err != nil {
		t.Fatal(err)
	}
	if p.att, err = New(langpacks.FS, lang); err != nil {
		t.Fatal(err)
	}
	pipes[lang] = p
	return p
}

type run struct {
	doc    *text.Doc
	ents   []entity.Entity
	quotes []quote.Quote
}

func (p *pipe) run(txt string) run {
	doc := p.seg.Segment(txt)
	ents := p.ent.Find(doc)
	return run{doc: doc, ents: ents, quotes: p.quo.Find(doc, ents)}
}

func (p *pipe) find(r run, si int) *Attribution {
	return p.att.Find(r.doc, si, r.ents, r.quotes)
}

func TestFind(t *testing.T) {
	// Each text's last sentence is the one asked about; want is "kind|source"
	// or "" for none.
	cases := []struct{ lang, text, want string }{
		{"da", "Officielle kilder melder, at mindst 12 betjente har mistet livet.", "official|Officielle kilder"},
		{"da", "En af betjentene blev fundet halshugget, melder nyhedsbureauet AP.", "media|AP"},
		{"da", "Flere internationale medier, herunder The Guardian , melder om dusinvis af døde.", "media|The Guardian"},
		{"da", "Dusinvis af gerningsmænd blev elimineret, har polititalsmand Saltanat Azirbek torsdag sagt.", "police|Saltanat Azirbek"},
		{"da", "Demonstranterne har sat ild til præsidentens bolig, fortæller et øjenvidne", "eyewitness|øjenvidne"},
		{"da", "Fem betjente blev lettere såret, oplyser Københavns Politi.", "police|Københavns Politi"},
		{"da", "Ifølge arrangørerne deltog omkring 12.000 mennesker.", "organiser|arrangørerne"},
		{"da", "Østjyllands Politi anslår derimod, at der var cirka 4.500 i optoget.", "police|Østjyllands Politi"},
		{"da", "Politiet oplyser, at to personer mistede livet.", "police|Politiet"},
		{"da", "Mindst 15 mennesker blev dræbt, oplyser læger fra byens hospital.", "medical|læger"},
		{"da", "Ifølge FN er over en million mennesker på flugt.", "agency|FN"},
		{"da", "Ifølge Amnesty International blev mindst 30 dræbt.", "ngo|Amnesty International"},
		{"da", "I sidste uge blev 20 soldater dræbt i et baghold, oplyser hæren.", "military|hæren"},
		{"da", "Indenrigsministeriet oplyser, at 48 personer blev anholdt.", "government|Indenrigsministeriet"},
		{"da", "Regeringen erkender kun to dødsfald.", "government|Regeringen"},
		{"da", "Ifølge lokale aktivister blev mindst 40 civile dræbt under kampene.", "ngo|lokale aktivister"},
		{"da", "Ifølge oppositionspartierne blev op til 70 demonstranter behandlet for skader.", "organiser|oppositionspartierne"},
		{"da", "Tre blev anholdt, mens storbyen stod i flammer.", ""},
		{"da", "Regeringsbygninger står i flammer, og biler er efterladt udbrændte.", ""},
		{"da", "Det skriver den russiske tv-station REN TV på Twitter.", "media|REN TV"},
		// English.
		{"en", "No one was hurt, police said.", "police|police"},
		{"en", "At least 44 people were killed, according to a report by Human Rights Watch.", "ngo|Human Rights Watch"},
		{"en", "About 450,000 people were killed, according to the health ministry.", "government|health ministry"},
		{"en", "The army said 12 soldiers had been killed.", "military|army"},
		{"en", "Doctors at the main hospital said they had treated 27 people.", "medical|hospital"},
		{"en", "About 5,000 people have fled, according to UN agencies.", "agency|UN agencies"},
		{"en", "OCHA said more than 2,000 people had fled their homes.", "agency|OCHA"},
		{"en", "Organisers said 35,000 people took part.", "organiser|Organisers"},
		{"en", "A witness told reporters that the gunmen fired at random.", "eyewitness|witness"},
		{"en", "The police chief said four suspects had been detained.", "police|police chief"},
		{"en", "Killing two people, the state news agency SANA said.", "media|SANA"},
		{"en", "A spokesman for the district hospital put the death toll at 23.", "medical|hospital"},
		{"en", "Gunmen stormed the market on Sunday and set fire to stalls.", ""},
		{"en", "The protest began peacefully in the morning.", ""},
	}
	for _, c := range cases {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			p := pipeFor(t, c.lang)
			r := p.run(c.text)
			a := p.find(r, len(r.doc.Sentences)-1)
			got := ""
			if a != nil {
				got = a.Kind + "|" + a.Source
				if a.Text != r.doc.Text[a.Start:a.End] {
					t.Errorf("Text %q is not bytes %d:%d", a.Text, a.Start, a.End)
				}
			}
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestFindAt checks that each claim of a sentence gets its own source.
func TestFindAt(t *testing.T) {
	cases := []struct {
		lang, text string
		at         []string // the claim's words
		want       []string // kind|source
	}{
		{"en", "Organisers said 35,000 people took part; police put the number at 15,000.",
			[]string{"35,000", "15,000"}, []string{"organiser|Organisers", "police|police"}},
		{"en", "Police initially said 41 students were missing, but the governor said 64 girls had not been accounted for.",
			[]string{"41", "64"}, []string{"police|Police", "official|governor"}},
		{"en", "Police initially said 41 students were missing, but the school's principal said 64 girls had not been accounted for.",
			[]string{"41", "64"}, []string{"police|Police", ""}},
		{"da", "Politiet siger, at 3 blev anholdt, mens arrangørerne melder om 30 anholdte.",
			[]string{"3", "30"}, []string{"police|Politiet", "organiser|arrangørerne"}},
	}
	for _, c := range cases {
		p := pipeFor(t, c.lang)
		r := p.run(c.text)
		for k, w := range c.at {
			i := strings.Index(r.doc.Text, w)
			a := p.att.FindAt(r.doc, 0, i, i+len(w), r.ents, r.quotes)
			got := ""
			if a != nil {
				got = a.Kind + "|" + a.Source
			}
			if got != c.want[k] {
				t.Errorf("%s: at %q got %q, want %q", c.text, w, got, c.want[k])
			}
		}
	}
}

// TestQuoteSpeaker checks that a sentence of a dash quote takes its speaker.
func TestQuoteSpeaker(t *testing.T) {
	const txt = "Uro i Almaty\n\nDe hårdeste kampe fandt sted ved boligen, fortæller det lokale øjenvidne Irina Mednikova:\n\n- Boligen blev brændt helt ned. Alle vinduer er ødelagte."
	p := pipeFor(t, "da")
	r := p.run(txt)
	si := len(r.doc.Sentences) - 1
	a := p.find(r, si)
	if a == nil || a.Kind != "eyewitness" || !strings.Contains(a.Source, "Mednikova") {
		t.Fatalf("got %+v, want the eyewitness Irina Mednikova (quotes %+v)", a, r.quotes)
	}
}

func TestLoadEveryPack(t *testing.T) {
	langs := langpacks.Languages()
	if len(langs) == 0 {
		t.Fatal("no language packs")
	}
	for _, lang := range langs {
		f, err := New(langpacks.FS, lang)
		if err != nil {
			t.Errorf("%s: %v", lang, err)
			continue
		}
		if len(f.p.cues) < 10 || len(f.p.roles) == 0 || len(f.p.orgs) == 0 {
			t.Errorf("%s: pack is nearly empty", lang)
		}
	}
}

func TestBrokenTable(t *testing.T) {
	const head = "phrase\trule\tkind\tweak\npolitiet\tsource\tpolice\n"
	cases := []struct{ name, data, want string }{
		{"unknown rule", head + "anslår\tguess\n", "xx/attribution.tsv:3: unknown rule"},
		{"unknown kind", head + "kilder\tsource\tgossip\n", "xx/attribution.tsv:3: unknown attribution kind"},
		{"bad weak", head + "kilder\tsource\tofficial\tfaint\n", "xx/attribution.tsv:3: the weak column"},
		{"kind on cue", "# c\n" + head + "anslår\tcue\tpolice\n", "xx/attribution.tsv:4: rule cue takes no kind"},
		{"bad role key", head + "Police Chief\trole\tpolice\n", "xx/attribution.tsv:3: role kind"},
		{"role twice", head + "police\trole\tpolice\npolice\trole\tofficial\n", "xx/attribution.tsv:4: role kind \"police\" is mapped twice"},
		{"upper case", head + "Politiet\tsource\tpolice\n", "xx/attribution.tsv:3: phrase"},
		{"duplicate", head + "politiet\tsource\tpolice\n", "xx/attribution.tsv:3: phrase \"politiet\" has rule source twice"},
		{"backward phrase", head + "det her\tbackward\n", "xx/attribution.tsv:3: backward phrase \"det her\" must be one word"},
		{"backward kind", head + "det\tbackward\tpolice\n", "xx/attribution.tsv:3: rule backward takes no kind"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{"xx/attribution.tsv": {Data: []byte(c.data)}}
			_, err := New(fsys, "xx")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
			var te *table.Error
			if !errors.As(err, &te) || te.Line == 0 {
				t.Errorf("error %v carries no file and line", err)
			}
		})
	}
}

// TestReader checks that a Reader gives Finder's answers, whatever the order
// of the questions: sentence by sentence with several claims each, then
// backwards, on the project's own articles.
func TestReader(t *testing.T) {
	checked, found := 0, 0
	for _, lang := range []string{"da", "en"} {
		var files []string
		for _, pat := range []string{"../../testdata/gold/" + lang + "/*.txt", "../../examples/" + lang + "-*.txt"} {
			m, _ := filepath.Glob(pat)
			files = append(files, m...)
		}
		p := pipeFor(t, lang)
		for _, fn := range files {
			data, err := os.ReadFile(fn)
			if err != nil {
				t.Fatal(err)
			}
			r := p.run(strings.TrimSpace(string(data)))
			rd := p.att.Reader(r.doc, r.ents, r.quotes)
			ask := func(si int) {
				s := r.doc.Sentences[si]
				for _, tk := range s.Tokens {
					want := p.att.FindAt(r.doc, si, tk.Start, tk.End, r.ents, r.quotes)
					if got := rd.FindAt(si, tk.Start, tk.End); !sameAttr(got, want) {
						t.Errorf("%s sentence %d token %q: Reader.FindAt = %+v, Finder.FindAt = %+v", fn, si, tk.Text, got, want)
					}
					if want != nil {
						found++
					}
					checked++
				}
				if got, want := rd.Find(si), p.find(r, si); !sameAttr(got, want) {
					t.Errorf("%s sentence %d: Reader.Find = %+v, Finder.Find = %+v", fn, si, got, want)
				}
			}
			for si := range r.doc.Sentences {
				ask(si)
			}
			for si := len(r.doc.Sentences) - 1; si >= 0; si-- {
				ask(si)
			}
			rd.Close()
		}
	}
	if checked == 0 || found == 0 {
		t.Fatalf("checked %d claims, %d attributed: no corpus?", checked, found)
	}
}

// TestBackward: "Det oplyser politiet." names the source of the sentence
// before it, inside one paragraph only, and only when "Det" opens the cue.
func TestBackward(t *testing.T) {
	tests := []struct {
		name, text string
		si         int
		want       string // source, "" = none
	}{
		{"hands back", "Uro i byen\n\nMindst 12 personer er dræbt. Det oplyser politiet.", 1, "politiet"},
		{"own source wins", "Uro i byen\n\nMindst 12 er dræbt, siger vidner. Det oplyser politiet.", 1, "vidner"},
		{"not across paragraphs", "Uro i byen\n\nMindst 12 personer er dræbt.\n\nDet oplyser politiet.", 1, ""},
		{"det not before the cue", "Uro i byen\n\nMindst 12 personer er dræbt. Det var en svær nat, oplyser politiet.", 1, ""},
	}
	p := pipeFor(t, "da")
	for _, tc := range tests {
		r := p.run(tc.text)
		if len(r.doc.Sentences) <= tc.si+1 {
			t.Fatalf("%s: %d sentences", tc.name, len(r.doc.Sentences))
		}
		for _, find := range []func() *Attribution{
			func() *Attribution { return p.find(r, tc.si) },
			func() *Attribution {
				rd := p.att.Reader(r.doc, r.ents, r.quotes)
				defer rd.Close()
				return rd.Find(tc.si)
			},
		} {
			got := ""
			if a := find(); a != nil {
				got = a.Source
			}
			if got != tc.want {
				t.Errorf("%s: source %q, want %q", tc.name, got, tc.want)
			}
		}
	}
}
