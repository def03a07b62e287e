package export

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/urodata/uro/internal/document"
	"github.com/urodata/uro/internal/store"
)

// feature is one GeoJSON Feature: a point and what happened there.
type feature struct {
	Type       string         `json:"type"`
	Geometry   *point         `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"` // lon, lat as RFC 7946 says
}

func pointOf(p *document.Place) *point {
	if p == nil || p.Lat == nil || p.Lon == nil {
		return nil
	}
	return &point{Type: "Point", Coordinates: [2]float64{*p.Lon, *p.Lat}}
}

// geojson writes one FeatureCollection, feature by feature. Records without
// coordinates are written with a null geometry, as RFC 7946 allows, so that
// counts agree with the other formats.
func (x *Exporter) geojson(ctx context.Context, w io.Writer, st store.Store, f store.Filter, unit string) (int, error) {
	if _, err := io.WriteString(w, `{"type":"FeatureCollection","features":[`); err != nil {
		return 0, fmt.Errorf("write geojson: %w", err)
	}
	n := 0
	emit := func(ft feature) error {
		b, err := json.Marshal(ft)
		if err != nil {
			return fmt.Errorf("encode feature: %w", err)
		}
		if n > 0 {
			b = append([]byte(",\n"), b...)
		} else {
			b = append([]byte("\n"), b...)
		}
		n++
		_, err = w.Write(b)
		return err
	}
	var err error
	if unit == "events" {
		err = eachEvent(ctx, st, f, func(r store.EventRow) error {
			props := map[string]any{"key": r.Key, "article": r.Article.ID, "incident": r.Incident,
				"type": r.Event.Type, "mode": r.Event.Mode, "acled": r.Event.ACLED, "date": r.Event.Date,
				"place": r.Event.Location, "evidence": r.Event.Evidence.Text, "site": r.Article.Site, "url": r.Article.URL}
			return emit(feature{Type: "Feature", Geometry: pointOf(r.Event.Location), Properties: props})
		})
	} else {
		err = eachIncident(ctx, st, f, func(inc store.Incident, _ []store.EventRow) error {
			props := map[string]any{"id": inc.ID, "type": inc.Type, "acled": inc.ACLED, "start": inc.Start,
				"end": inc.End, "place": inc.Location, "events": inc.Events, "articles": inc.Articles, "figures": inc.Figures}
			return emit(feature{Type: "Feature", Geometry: pointOf(inc.Location), Properties: props})
		})
	}
	if err != nil {
		return n, err
	}
	if _, err := io.WriteString(w, "\n]}\n"); err != nil {
		return n, fmt.Errorf("write geojson: %w", err)
	}
	return n, nil
}

// ploverRecord is PLOVER's event record: the fields of its data model that
// uro fills. size carries the figures PLOVER names (dead, injured, arrested)
// as the event's own lowest claims.
type ploverRecord struct {
	ID        string         `json:"id"`
	Date      string         `json:"date"`
	Actor     string         `json:"actor"`
	Recipient string         `json:"recipient"`
	Event     string         `json:"event"`
	Mode      string         `json:"mode"`
	Context   []string       `json:"context"`
	EventLoc  map[string]any `json:"event_loc"`
	EventText string         `json:"event_text"`
	CiteInfo  map[string]any `json:"cite_info"`
	Size      map[string]any `json:"size"`
}

func (x *Exporter) plover(ctx context.Context, w io.Writer, st store.Store, f store.Filter) (int, error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	err := eachEvent(ctx, st, f, func(r store.EventRow) error {
		e := r.Event
		rec := ploverRecord{ID: r.Key, Event: e.Type, Context: e.Context, EventText: e.Evidence.Text,
			CiteInfo: map[string]any{"article": r.Article.ID, "url": r.Article.URL, "site": r.Article.Site,
				"title": r.Article.Title, "published": r.Article.Published, "attribution": e.Attribution},
			Size: map[string]any{}}
		if rec.Context == nil {
			rec.Context = []string{}
		}
		if e.Mode != nil {
			rec.Mode = *e.Mode
		}
		if e.Date != nil && e.Date.Start != nil {
			rec.Date = *e.Date.Start
		}
		if e.Actor != nil {
			rec.Actor = e.Actor.Text
		}
		if e.Recipient != nil {
			rec.Recipient = e.Recipient.Text
		}
		if p := e.Location; p != nil {
			rec.EventLoc = map[string]any{"name": p.Name, "country": p.Country, "admin1": p.Admin1,
				"lat": p.Lat, "lon": p.Lon, "precision": p.Precision, "geonames_id": p.GeonamesID}
		}
		for _, fg := range r.Figures {
			name := map[string]string{"killed": "dead", "injured": "injured", "arrested": "arrested"}[fg.Kind]
			if name == "" {
				continue
			}
			if v, ok := rec.Size[name].(int64); !ok || fg.Min < v {
				rec.Size[name] = fg.Min
			}
		}
		n++
		return enc.Encode(rec)
	})
	return n, err
}
