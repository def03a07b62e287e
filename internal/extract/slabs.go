package extract

import (
	"strings"
	"time"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/entity"
	"github.com/urodata/uro/internal/event"
	"github.com/urodata/uro/internal/geocode"
	"github.com/urodata/uro/internal/timex"
)

// slabs hands out what the pointer fields of one document point to (its
// strings, numbers and dates, its events' places and parties; the rest of
// an event's or figure's values are in its box) from one array per type,
// counted and sized up front, instead of one allocation each: a document
// has dozens to hundreds of them, and they were a quarter of what an
// extraction allocated. An append past capacity moves later values to a
// new array; those handed out keep the old one, whose values never change.
// A document's slabs are its own: nothing in them is shared with another
// document, unless a Buffer makes the next document in the same arrays.
type slabs struct {
	strs    []string
	int64s  []int64
	places  []eventPlace
	parties []document.Party
	texts   strings.Builder // the document's id and the text of every date
	// days are the dates formatted so far: an article's times and events
	// share a few days. Past maxDays a date is formatted again (the same
	// text).
	days  [maxDays]day
	ndays int
}

const maxDays = 16

type day struct {
	t time.Time
	s *string
}

// eventPlace is an event's location with the values it points to.
type eventPlace struct {
	place    document.Place
	lat, lon float64
	id       int
	admin1   string
}

// eventBox holds the small values one event points to, and figureBox
// those of one figure: one array for all of a document's events (figures),
// sized by their number, takes the place of an array per kind of value and
// of counting each kind first. An event's unused fields cost only their
// zeroing; its place and parties, large and often absent, are counted into
// slabs of their own.
type eventBox struct {
	acled document.ACLED
	when  document.When
	attr  document.Attribution
	mode  string
}

type figureBox struct {
	max  int64
	who  document.Who
	attr document.Attribution
}

// size makes the slabs for r's document, counting what will point into
// them, in sl's arrays when they are large enough.
func (r *result) size(sl *slabs, withText bool) {
	strs := 4 // path, URL, site, title
	if withText {
		strs++
	}
	dates := 1 // published
	for _, t := range r.times {
		if !t.From.IsZero() {
			dates++
		}
		if !t.To.IsZero() && !t.To.Equal(t.From) {
			dates++
		}
	}
	for _, e := range r.entities {
		strs += nonEmpty(e.Role) + nonEmpty(e.RoleKind) + nonEmpty(e.OrgKind)
		// a place takes its country from the geocoder when it has none
		if e.Country != "" || e.Kind == entity.Place {
			strs++
		}
	}
	for _, q := range r.quotes {
		strs += nonEmpty(q.Speaker)
	}
	for _, c := range r.credits {
		strs += nonEmpty(c.Name)
	}
	int64s := 0
	for _, q := range r.numbers {
		if q.HasMax {
			int64s++
		}
	}
	places, parties := 0, 0
	for i := range r.events {
		e := &r.events[i]
		if e.Location != nil {
			places++
		}
		for _, p := range [2]*event.Party{e.Actor, e.Recipient} {
			if p != nil {
				parties++
				strs += nonEmpty(p.Country)
			}
		}
	}
	// An event's dates are mostly those of the times, formatted already.
	dates += min(2*len(r.events), 4)
	*sl = slabs{
		strs:    reuse(&sl.strs, strs+dates),
		int64s:  reuse(&sl.int64s, int64s),
		places:  reuse(&sl.places, places),
		parties: reuse(&sl.parties, parties),
	}
	// A string's bytes never change: the texts are never reused.
	sl.texts.Grow(document.IDLen + 10*dates)
}

// id is document.ID, kept with the dates.
func (sl *slabs) id(text string) string {
	var buf [document.IDLen]byte
	b := &sl.texts
	at := b.Len()
	b.Write(document.AppendID(buf[:0], text))
	return b.String()[at:]
}

func nonEmpty(s string) int {
	if s == "" {
		return 0
	}
	return 1
}

// take appends v to the slab and returns where it stands.
func take[T any](slab *[]T, v T) *T {
	*slab = append(*slab, v)
	return &(*slab)[len(*slab)-1]
}

// str returns a pointer to s (nil for ""), kept in the slab.
func (sl *slabs) str(s string) *string {
	if s == "" {
		return nil
	}
	return take(&sl.strs, s)
}

func (sl *slabs) int64(v int64) *int64 { return take(&sl.int64s, v) }

// date is datep from the slab, formatting each day once.
func (sl *slabs) date(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	for _, d := range sl.days[:sl.ndays] {
		if d.t == t { // not Equal: one instant is two days in two zones
			return d.s
		}
	}
	var s *string
	if y, m, d := t.Date(); y < 0 || y > 9999 {
		s = datep(t)
	} else {
		b := &sl.texts
		at := b.Len()
		b.Write([]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
			byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + d/10), byte('0' + d%10)})
		// The builder only appends: bytes written stay as they are.
		s = take(&sl.strs, b.String()[at:])
	}
	if sl.ndays < maxDays {
		sl.days[sl.ndays] = day{t, s}
		sl.ndays++
	}
	return s
}

// when converts a time expression, sharing the date when From is To.
func (sl *slabs) when(t timex.Expr) document.When {
	from := sl.date(t.From)
	to := from
	if !t.To.Equal(t.From) {
		to = sl.date(t.To)
	}
	return document.When{Text: t.Text, Start: from, End: to, Precision: t.Precision}
}

func (sl *slabs) party(p *event.Party) *document.Party {
	if p == nil {
		return nil
	}
	return take(&sl.parties, document.Party{Text: p.Text, Name: p.Name, Kind: p.Kind, Country: sl.str(p.Country)})
}

// place converts a geocoded place to the contract's Place, its values
// taken from the slabs.
func (sl *slabs) place(p geocode.Place) *document.Place {
	ep := take(&sl.places, eventPlace{})
	ep.lat, ep.lon, ep.id = p.Lat, p.Lon, p.GeonamesID
	ep.place = document.Place{Text: p.Text, Name: p.Name, Country: p.Country, Precision: p.Precision}
	if p.Admin1 != "" {
		ep.admin1 = p.Admin1
		ep.place.Admin1 = &ep.admin1
	}
	ep.place.Lat, ep.place.Lon = &ep.lat, &ep.lon
	if p.GeonamesID != 0 {
		ep.place.GeonamesID = &ep.id
	}
	return &ep.place
}
