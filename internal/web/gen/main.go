// Command gen vendors the web page's third-party assets into
// internal/web/assets/vendor from pinned npm packages: Leaflet, its marker
// cluster plugin, uPlot and the world-atlas country outlines (TopoJSON,
// converted here to GeoJSON so the page needs no TopoJSON client). It fetches
// them with `npm pack` into a temporary folder, checks each tarball's SHA-256
// against the pin, and writes the files deterministically.
//
//	go generate ./internal/web     (or: go run ./internal/web/gen -out internal/web/assets/vendor)
//
// With -from DIR it reads tarballs already in DIR instead of calling npm.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// pkg is one pinned npm package and the files taken from it: tarball path
// (under package/) to vendored path (under -out).
type pkg struct {
	name, version, sha256 string
	files                 map[string]string
}

var pkgs = []pkg{
	{"leaflet", "1.9.4", "84c65a256e50657896f54c33bd857b6849ebe94c817803be818bf32a3dde0b77", map[string]string{
		"dist/leaflet.js":                "leaflet/leaflet.js",
		"dist/leaflet.css":               "leaflet/leaflet.css",
		"dist/images/layers.png":         "leaflet/images/layers.png",
		"dist/images/layers-2x.png":      "leaflet/images/layers-2x.png",
		"dist/images/marker-icon.png":    "leaflet/images/marker-icon.png",
		"dist/images/marker-icon-2x.png": "leaflet/images/marker-icon-2x.png",
		"dist/images/marker-shadow.png":  "leaflet/images/marker-shadow.png",
		"LICENSE":                        "leaflet/LICENSE",
	}},
	{"leaflet.markercluster", "1.5.3", "fc6b0b1d00b6c708ae54e43ee4a11ac345e41660e19f0a570190bb35babb1a1c", map[string]string{
		"dist/leaflet.markercluster.js":  "markercluster/leaflet.markercluster.js",
		"dist/MarkerCluster.css":         "markercluster/MarkerCluster.css",
		"dist/MarkerCluster.Default.css": "markercluster/MarkerCluster.Default.css",
		"MIT-LICENCE.txt":                "markercluster/LICENSE",
	}},
	{"uplot", "1.6.32", "4b8a8191e425658e3ea8c8c1314b0fc679c861ee3a1af2b20c7b16ba50b5133d", map[string]string{
		"dist/uPlot.iife.min.js": "uplot/uPlot.iife.min.js",
		"dist/uPlot.min.css":     "uplot/uPlot.min.css",
		"LICENSE":                "uplot/LICENSE",
	}},
	{"world-atlas", "2.0.2", "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97", map[string]string{
		"countries-110m.json": "world/countries-110m.geojson", // converted, see topoToGeo
		"LICENSE":             "world/LICENSE",
	}},
}

func (p pkg) tarball() string { return p.name + "-" + p.version + ".tgz" }

func main() {
	out := flag.String("out", "assets/vendor", "the folder to write the vendored files into")
	from := flag.String("from", "", "read the pinned tarballs from this folder instead of running npm pack")
	flag.Parse()
	if err := run(context.Background(), *out, *from); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out, from string) error {
	dir := from
	if dir == "" {
		tmp, err := os.MkdirTemp("", "uro-web-")
		if err != nil {
			return fmt.Errorf("make temporary folder: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	for _, p := range pkgs {
		if from == "" {
			cmd := exec.CommandContext(ctx, "npm", "pack", "--silent", "--pack-destination", dir, p.name+"@"+p.version)
			cmd.Stderr = os.Stderr
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("npm pack %s@%s: %w", p.name, p.version, err)
			}
		}
		data, err := os.ReadFile(filepath.Join(dir, p.tarball()))
		if err != nil {
			return fmt.Errorf("read tarball: %w", err)
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != p.sha256 {
			return fmt.Errorf("%s: sha256 %s, pinned %s", p.tarball(), got, p.sha256)
		}
		files, err := untar(data, p.files)
		if err != nil {
			return fmt.Errorf("%s: %w", p.tarball(), err)
		}
		for src, dst := range p.files {
			b, ok := files[src]
			if !ok {
				return fmt.Errorf("%s: no file %s", p.tarball(), src)
			}
			if strings.HasSuffix(dst, ".geojson") {
				if b, err = topoToGeo(b, "countries"); err != nil {
					return fmt.Errorf("%s: convert %s: %w", p.tarball(), src, err)
				}
			}
			path := filepath.Join(out, dst)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return fmt.Errorf("make folder: %w", err)
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				return fmt.Errorf("write vendored file: %w", err)
			}
		}
	}
	return nil
}

// untar returns the wanted files of an npm tarball, keyed without "package/".
func untar(tgz []byte, want map[string]string) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	tr := tar.NewReader(zr)
	got := map[string][]byte{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return got, nil
		}
		if err != nil {
			return nil, fmt.Errorf("untar: %w", err)
		}
		name := strings.TrimPrefix(h.Name, "package/")
		if _, ok := want[name]; !ok {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("untar %s: %w", name, err)
		}
		got[name] = b
	}
}

// topology is the part of a TopoJSON document the conversion reads.
type topology struct {
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string          `json:"type"`
			Arcs       json.RawMessage `json:"arcs"`
			ID         string          `json:"id"`
			Properties map[string]any  `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
}

// topoToGeo converts one object of a TopoJSON topology (polygons and
// multipolygons) to a GeoJSON FeatureCollection with coordinates rounded to
// 0.01°, which is finer than the 1:110m source.
func topoToGeo(b []byte, object string) ([]byte, error) {
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("parse topojson: %w", err)
	}
	obj, ok := t.Objects[object]
	if !ok {
		return nil, fmt.Errorf("no object %q", object)
	}
	// Decode the delta-encoded, quantised arcs once.
	arcs := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y float64
		pts := make([][2]float64, len(a))
		for j, p := range a {
			if t.Transform != nil {
				x, y = x+p[0], y+p[1]
				pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			} else {
				pts[j] = p
			}
		}
		for _, p := range pts {
			if math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
				return nil, fmt.Errorf("arc %d leaves the number range", i)
			}
		}
		arcs[i] = pts
	}
	ring := func(idx []int) ([][2]float64, error) {
		var r [][2]float64
		for k, i := range idx {
			rev := i < 0
			if rev {
				i = ^i
			}
			if i >= len(arcs) {
				return nil, fmt.Errorf("arc %d out of range", i)
			}
			a := arcs[i]
			pts := make([][2]float64, len(a))
			for j := range a {
				if rev {
					pts[j] = a[len(a)-1-j]
				} else {
					pts[j] = a[j]
				}
			}
			if k > 0 && len(pts) > 0 {
				pts = pts[1:] // shared with the previous arc's last point
			}
			r = append(r, pts...)
		}
		return r, nil
	}
	var sb strings.Builder
	sb.WriteString(`{"type":"FeatureCollection","features":[`)
	n := 0
	for _, g := range obj.Geometries {
		if g.ID == antarctica {
			continue // a polar ring that no flat map draws well, and no news happens there
		}
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("geometry %s: %w", g.ID, err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("geometry %s: %w", g.ID, err)
			}
		default:
			continue // e.g. null geometries
		}
		if n > 0 {
			sb.WriteByte(',')
		}
		n++
		name, _ := g.Properties["name"].(string)
		nm, _ := json.Marshal(name)
		id, _ := json.Marshal(g.ID)
		fmt.Fprintf(&sb, `{"type":"Feature","id":%s,"properties":{"name":%s},"geometry":{"type":"MultiPolygon","coordinates":[`, id, nm)
		for pi, p := range polys {
			if pi > 0 {
				sb.WriteByte(',')
			}
			sb.WriteByte('[')
			for ri, idx := range p {
				r, err := ring(idx)
				if err != nil {
					return nil, fmt.Errorf("geometry %s: %w", g.ID, err)
				}
				if ri > 0 {
					sb.WriteByte(',')
				}
				unwrap(r)
				sb.WriteByte('[')
				for j, pt := range r {
					if j > 0 {
						sb.WriteByte(',')
					}
					sb.WriteString("[" + num(pt[0]) + "," + num(pt[1]) + "]")
				}
				sb.WriteByte(']')
			}
			sb.WriteByte(']')
		}
		sb.WriteString("]}}")
	}
	sb.WriteString("]}\n")
	return []byte(sb.String()), nil
}

// antarctica is the ISO 3166-1 numeric code world-atlas gives Antarctica.
const antarctica = "010"

// unwrap makes a ring that crosses the antimeridian (Russia, Fiji) run on
// past ±180° instead of jumping across the whole map, which Leaflet would
// draw as a line around the world.
func unwrap(r [][2]float64) {
	for j := 1; j < len(r); j++ {
		for r[j][0]-r[j-1][0] > 180 {
			r[j][0] -= 360
		}
		for r[j][0]-r[j-1][0] < -180 {
			r[j][0] += 360
		}
	}
}

func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}
