package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// A two-arc topology: a square split into two arcs (the second used
// reversed), a ring crossing the antimeridian, and Antarctica, which the
// conversion leaves out.
const topo = `{"type":"Topology",
 "transform":{"scale":[0.5,0.5],"translate":[-10,-10]},
 "arcs":[[[0,0],[4,0],[0,4]],[[0,0],[0,4],[4,0]],[[718,20],[4,0],[-4,2]],[[0,0],[1,1]]],
 "objects":{"countries":{"type":"GeometryCollection","geometries":[
  {"type":"Polygon","arcs":[[0,-2]],"id":"208","properties":{"name":"Square"}},
  {"type":"MultiPolygon","arcs":[[[2]]],"id":"643","properties":{"name":"Across"}},
  {"type":"Polygon","arcs":[[3]],"id":"010","properties":{"name":"Antarctica"}},
  {"type":null,"id":"999"}]}}}`

func TestTopoToGeo(t *testing.T) {
	b, err := topoToGeo([]byte(topo), "countries")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			ID         string            `json:"id"`
			Properties map[string]string `json:"properties"`
			Geometry   struct {
				Coordinates [][][][2]float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatalf("not GeoJSON: %v\n%s", err, b)
	}
	if len(fc.Features) != 2 || fc.Features[0].Properties["name"] != "Square" || fc.Features[1].ID != "643" {
		t.Fatalf("features: %s", b)
	}
	// Arc 0 decodes to (-10,-10) (-8,-10) (-8,-8); arc 1 reversed is
	// (-8,-8) (-10,-8) (-10,-10); the shared point appears once.
	sq := fc.Features[0].Geometry.Coordinates[0][0]
	want := [][2]float64{{-10, -10}, {-8, -10}, {-8, -8}, {-10, -8}, {-10, -10}}
	if len(sq) != len(want) {
		t.Fatalf("square ring %v, want %v", sq, want)
	}
	for i := range want {
		if sq[i] != want[i] {
			t.Errorf("square point %d = %v, want %v", i, sq[i], want[i])
		}
	}
	// 718*0.5-10 = 349 and 351 wrap: the ring runs on past 180° instead.
	across := fc.Features[1].Geometry.Coordinates[0][0]
	for i := 1; i < len(across); i++ {
		if d := across[i][0] - across[i-1][0]; d > 180 || d < -180 {
			t.Errorf("ring jumps %v° between points %d and %d", d, i-1, i)
		}
	}
}

func TestTopoToGeoErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{`, "parse topojson"},
		{`{"objects":{}}`, `no object "countries"`},
		{`{"arcs":[],"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":[[5]],"id":"1"}]}}}`, "arc 5 out of range"},
		{`{"arcs":[],"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":"x","id":"1"}]}}}`, "geometry 1"},
	} {
		if _, err := topoToGeo([]byte(tc.in), "countries"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzTopoToGeo(f *testing.F) {
	f.Add([]byte(topo))
	f.Add([]byte(`{"arcs":[[[0,0]]],"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":[[-1]]}]}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := topoToGeo(b, "countries")
		if err == nil && !json.Valid(out) {
			t.Fatalf("invalid GeoJSON for %q", b)
		}
	})
}
