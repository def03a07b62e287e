package storetest

import (
	"strings"
	"unicode/utf8"

	"github.com/urodata/uro/internal/document"
)

func ptr[T any](v T) *T { return &v }

// span finds sub in text and returns its code-point span.
func span(text, sub string) document.Span {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("storetest: " + sub + " not in text")
	}
	s := utf8.RuneCountInString(text[:i])
	return document.Span{Text: sub, Start: s, End: s + utf8.RuneCountInString(sub)}
}

// place is a gazetteer place at city precision.
func place(name, country string, lat, lon float64) *document.Place {
	return &document.Place{Text: name, Name: name, Country: country, Lat: ptr(lat), Lon: ptr(lon), Precision: "city"}
}

// ev describes one event of a hand-made article.
type ev struct {
	typ, acled, sub string
	where           *document.Place
	date            string // "" = the article's date
	actor           string // actor kind
	recipient       string // recipient kind
	trigger         string // a word of the text
	figures         []fig
}

type fig struct {
	kind      string
	min       int64
	max       *int64
	qualifier string
	source    string // "" = the outlet
	kind2     string // attribution kind
	text      string // words of the text
}

// article builds a document the way uro extract would shape it: text, a
// headline, events with their figures, and every list present.
func article(site, url, published, text string, evs ...ev) *document.Document {
	title, _, _ := strings.Cut(text, "\n\n")
	doc := &document.Document{
		Schema: document.Schema, ID: document.ID(text), Title: ptr(title), Language: "en",
		Source:    document.Source{URL: ptr(url), Site: ptr(site)},
		Published: ptr(published), Text: ptr(text),
		Events: []document.Event{}, Figures: []document.Figure{}, Entities: []document.Entity{},
		Quotes: []document.Quote{}, Credits: []document.Credit{}, Times: []document.Time{}, Numbers: []document.Number{},
	}
	if url == "" {
		doc.Source.URL = nil
	}
	for i, e := range evs {
		id := "e" + string(rune('1'+i))
		de := document.Event{ID: id, Type: e.typ, Context: []string{}, Factuality: "asserted", Location: e.where,
			Trigger: span(text, e.trigger), Evidence: span(text, e.trigger),
			Attribution: &document.Attribution{Source: "article", Kind: "unattributed"}}
		if e.acled != "" {
			de.ACLED = &document.ACLED{EventType: e.acled, SubEventType: e.sub}
		}
		if e.actor != "" {
			de.Actor = &document.Party{Text: e.actor, Name: e.actor, Kind: e.actor}
		}
		if e.recipient != "" {
			de.Recipient = &document.Party{Text: e.recipient, Name: e.recipient, Kind: e.recipient}
		}
		d := published
		if e.date != "" {
			d = e.date
		}
		de.Date = &document.When{Start: ptr(d), End: ptr(d), Precision: "day"}
		if i == 0 {
			doc.PrimaryEvent = ptr(id)
		}
		doc.Events = append(doc.Events, de)
		for _, f := range e.figures {
			df := document.Figure{Kind: f.kind, Min: f.min, Max: f.max, Qualifier: f.qualifier, Event: ptr(id),
				Text: f.text, Evidence: span(text, f.text)}
			if f.source != "" {
				df.Attribution = &document.Attribution{Text: f.source, Source: f.source, Kind: f.kind2}
			} else {
				df.Attribution = &document.Attribution{Source: "article", Kind: "unattributed"}
			}
			doc.Figures = append(doc.Figures, df)
		}
	}
	return doc
}

var (
	almaty     = place("Almaty", "KZ", 43.25, 76.91)
	almatyNear = place("Almaty", "KZ", 43.27, 76.93)
	copenhagen = place("Copenhagen", "DK", 55.68, 12.57)
	aarhus     = place("Aarhus", "DK", 56.16, 10.21)
)

// corpus is a small corpus of invented reports: four outlets on one riot in
// Almaty with conflicting death tolls (one incident), a protest in
// Copenhagen the same day and one in Aarhus a week later (incidents of
// their own), an event with no place, and an article with two events of
// one happening.
func corpus() []*document.Document {
	return []*document.Document{
		article("Daily Wire Service", "https://example.org/almaty-1", "2022-01-06",
			"Riot in Almaty leaves eight dead\n\nEight people were killed when protesters stormed the city hall in Almaty on Wednesday, police said.",
			ev{typ: "PROTEST", acled: "Riots", sub: "Violent demonstration", where: almaty, date: "2022-01-05", actor: "protesters", trigger: "stormed",
				figures: []fig{{kind: "killed", min: 8, max: ptr[int64](8), qualifier: "exact", source: "police", kind2: "police", text: "Eight people"}}}),
		article("Steppe Herald", "https://example.org/almaty-2", "2022-01-06",
			"At least 12 dead after night of unrest\n\nAt least 12 people died in clashes in Almaty, officials said on Thursday.",
			ev{typ: "PROTEST", acled: "Riots", sub: "Violent demonstration", where: almatyNear, actor: "rioters", trigger: "clashes",
				figures: []fig{{kind: "killed", min: 12, qualifier: "at_least", source: "officials", kind2: "official", text: "At least 12 people"}}}),
		article("Nordic Courier", "https://example.org/almaty-3", "2022-01-07",
			"Death toll in Almaty rises to 18\n\nEighteen people have died and 300 were hurt in the riots in Almaty.",
			ev{typ: "ASSAULT", acled: "Violence against civilians", sub: "Attack", where: almaty, date: "2022-01-06", trigger: "riots",
				figures: []fig{
					{kind: "killed", min: 18, max: ptr[int64](18), qualifier: "exact", text: "Eighteen people"},
					{kind: "injured", min: 300, max: ptr[int64](300), qualifier: "exact", text: "300"},
				}}),
		article("Nordic Courier", "https://example.org/cph", "2022-01-06",
			"Thousands march in Copenhagen\n\nThousands marched through Copenhagen on Thursday against rising energy prices.",
			ev{typ: "PROTEST", acled: "Protests", sub: "Peaceful protest", where: copenhagen, actor: "protesters", trigger: "marched",
				figures: []fig{{kind: "participants", min: 1000, qualifier: "vague", text: "Thousands"}}}),
		article("Jutland Post", "https://example.org/aarhus", "2022-01-13",
			"Protest and arrests in Aarhus\n\nHundreds protested in Aarhus on Thursday, and police arrested three people at the station.",
			ev{typ: "PROTEST", acled: "Protests", sub: "Protest with intervention", where: aarhus, actor: "protesters", trigger: "protested",
				figures: []fig{{kind: "participants", min: 100, qualifier: "vague", text: "Hundreds"}}},
			ev{typ: "COERCE", acled: "Protests", sub: "Protest with intervention", where: aarhus, actor: "police", recipient: "protesters", trigger: "arrested",
				figures: []fig{{kind: "arrested", min: 3, max: ptr[int64](3), qualifier: "exact", text: "three people"}}}),
		article("Steppe Herald", "", "2022-01-06",
			"Government promises inquiry\n\nThe government promised an inquiry into the violence.",
			ev{typ: "AGREE", trigger: "promised"}),
	}
}

// edgeCases are documents that test the round trip at its edges: null
// lists, empty lists, every optional field null and every one set, span
// texts that do not match the text, and text beyond the Basic Multilingual
// Plane.
func edgeCases() []*document.Document {
	nulls := &document.Document{Schema: document.Schema, Text: ptr("Null lists\n\nNothing was found here."), Language: "en"}
	nulls.ID = document.ID(*nulls.Text)

	empty := article("", "", "", "Empty lists\n\nNo events, no figures, nothing.")
	empty.Source, empty.Published, empty.Title, empty.PrimaryEvent = document.Source{}, nil, nil, nil

	text := "Ærø: 🚒 brandfolk rykkede ud\n\n„Det var voldsomt,“ siger Søren Ågård 👩🏽‍🚒 til TV 2 Fyn. Tre blev kørt på hospitalet i Svendborg.\n\nFoto: Mette Øst/Ritzau Scanpix"
	full := article("TV 2 Fyn", "https://example.org/æ?ø=1&å", "2023-07-01", text,
		ev{typ: "ASSAULT", acled: "Explosions/Remote violence", sub: "Remote explosive/landmine/IED", where: place("Svendborg", "DK", 55.06, 10.61),
			actor: "civilians", trigger: "rykkede ud",
			figures: []fig{{kind: "injured", min: 3, max: ptr[int64](3), qualifier: "exact", source: "Søren Ågård", kind2: "eyewitness", text: "Tre"}}})
	full.Language = "da"
	full.Source.Path = ptr("fyn/ærø.txt")
	e := &full.Events[0]
	e.Mode = ptr("explosives")
	e.Context = []string{"disasters", "crime"}
	e.Recipient = &document.Party{Text: "brandfolk", Name: "firefighters", Kind: "civilians", Country: ptr("DK")}
	e.Location.Admin1, e.Location.GeonamesID = ptr("Syddanmark"), ptr(2612045)
	e.Location.Start, e.Location.End = ptr(3), ptr(7) // an event place may carry offsets too
	e.Date = &document.When{Text: "", Start: ptr("2023-07-01"), End: nil, Precision: "day"}
	e.Evidence = document.Span{Text: "a span whose text is its own", Start: 0, End: 3}
	full.Figures[0].Who = &document.Who{Text: "Tre", Kind: "civilians"}
	full.Figures = append(full.Figures, document.Figure{Kind: "killed", Min: 0, Max: ptr[int64](0), Qualifier: "exact", Text: "ingen", Evidence: document.Span{Text: "ingen", Start: 5, End: 5}})
	full.Entities = []document.Entity{
		{Text: "Søren Ågård", Kind: "person", Role: ptr("øjenvidne"), Spans: []document.Span{span(text, "Søren Ågård")}, RoleKind: ptr("eyewitness")},
		{Text: "TV 2 Fyn", Kind: "organization", Country: ptr("DK"), Spans: []document.Span{}, OrgKind: ptr("media")},
		{Text: "Nobody", Kind: "person", Spans: nil},
	}
	full.Quotes = []document.Quote{
		{Speaker: ptr("Søren Ågård"), Text: "Det var voldsomt,", Span: span(text, "Det var voldsomt,"), Intro: ptr(span(text, "siger Søren Ågård"))},
		{Speaker: nil, Text: "🚒", Span: span(text, "🚒")},
	}
	full.Credits = []document.Credit{
		{Name: ptr("Mette Øst"), Agencies: []string{"Ritzau Scanpix"}, Span: span(text, "Mette Øst/Ritzau Scanpix")},
		{Name: nil, Agencies: nil, Span: span(text, "Foto")},
		{Name: nil, Agencies: []string{}, Span: span(text, "Foto:")},
	}
	full.Times = []document.Time{
		{When: document.When{Text: "i går", Start: ptr("2023-06-30"), End: ptr("2023-06-30"), Precision: "day"}, Span: span(text, "Ærø")},
		{When: document.When{Text: "siden", Precision: "range"}, Span: span(text, "siger"), Since: true, Until: true},
	}
	full.Numbers = []document.Number{
		{Kind: "count", Min: 3, Max: ptr[int64](3), Qualifier: "exact", Span: span(text, "Tre")},
		{Kind: "count", Min: 2, Max: nil, Qualifier: "at_least", Span: span(text, "2")},
	}
	full.Places = []document.Place{
		{Text: "Svendborg", Name: "Svendborg", Country: "DK", Precision: "city", Lat: ptr(55.06), Lon: ptr(10.61), Start: ptr(0), End: ptr(9)},
		{Text: "Ærø", Name: "Ærø", Country: "DK", Precision: "admin1"},
	}
	full.Blocks = []document.Block{
		{Kind: "headline", Start: 0, End: 27, Sentences: []document.Span{span(text, "Ærø: 🚒 brandfolk rykkede ud")}},
		{Kind: "paragraph", Start: 29, End: 40, Sentences: []document.Span{}},
		{Kind: "caption", Start: 41, End: 50, Sentences: nil},
	}
	full.Warnings = []string{"invalid UTF-8 repaired", "ünïcödé ⚠"}
	return []*document.Document{nulls, empty, full}
}

// Corpus returns the suite's hand-made documents (reports of several
// incidents, with conflicting figures, and round-trip edge cases), for
// backend tests of their own, such as several processes writing at once.
func Corpus() []*document.Document {
	return append(append(corpus(), bridge()...), edgeCases()...)
}
