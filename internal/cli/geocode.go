package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/geocode"
)

type geocodeOptions struct {
	lang    string
	country string
	json    bool
	max     int
}

var geocodeCommand = &command{
	name:    "geocode",
	summary: "show the gazetteer's candidates for place names, best first, and why",
	usage:   "geocode [--lang da|en] [--country CC] [--json] NAME…",
	help: `Geocode looks each NAME up in uro's embedded gazetteer (GeoNames cities500,
admin-1 regions, CLDR country names in every language, and the language pack's
exonyms, demonyms and inflections) and prints its candidates, best first, with
the parts of each score: population, feature (country, capital, region seat),
whether the pack names it, whether the name is exact, the country asked for,
and a qualifier ("Paris, Texas"). It is the geocoder of uro extract, asked
about one name without an article around it.

With --json, each name gives one line: a JSON array of Place objects
(uro.document/v1), best first. A name that cannot be a place (empty, over 200
bytes, control characters) is reported on standard error; the others still
run and the exit status is 1. A name with no candidates prints an empty list.`,
	example: `  uro geocode Almaty
  uro geocode --lang da Kasakhstans København "Sankt Petersborg"
  uro geocode --country US Georgia
  uro geocode --json "Paris, Texas"`,
	flags: func(fs *flag.FlagSet) any {
		o := &geocodeOptions{}
		fs.StringVar(&o.lang, "lang", "en", "the language pack whose names, exonyms and inflections are read (da, en). Example: --lang da")
		fs.StringVar(&o.country, "country", "", "ISO 3166-1 `CC` whose places are favoured, as when an article is about that country. Example: --country KZ")
		fs.BoolVar(&o.json, "json", false, "print one JSON array of Place objects per name, one per line. Example: --json")
		fs.IntVar(&o.max, "max", 5, "show at most `N` candidates per name. Example: --max 10")
		return o
	},
	run: runGeocode,
}

func runGeocode(ctx context.Context, e env, opts any, args []string) error {
	o := opts.(*geocodeOptions)
	if len(args) == 0 {
		return usagef("no name to look up")
	}
	if o.max < 1 {
		return usagef("--max %d must be at least 1", o.max)
	}
	x, err := extract.New()
	if err != nil {
		return fmt.Errorf("load language packs: %w", err)
	}
	gc := x.Geocoder(o.lang)
	if gc == nil {
		return usagef("--lang %q has no language pack (have %s)", o.lang, joinComma(x.Langs()))
	}
	country := strings.ToUpper(o.country)
	failed := false
	for _, name := range args {
		if err := ctx.Err(); err != nil {
			return err
		}
		cands, err := gc.Candidates(name, country)
		if err != nil {
			fmt.Fprintf(e.stderr, "uro geocode: %v\n", err)
			if strings.Contains(err.Error(), "unknown country") {
				return exitError{2}
			}
			failed = true
			continue
		}
		if len(cands) > o.max {
			cands = cands[:o.max]
		}
		if o.json {
			places := make([]geocode.Place, len(cands))
			for i, c := range cands {
				places[i] = c.Place
			}
			b, err := json.Marshal(places)
			if err != nil {
				return fmt.Errorf("encode places of %q: %w", name, err)
			}
			fmt.Fprintf(e.stdout, "%s\n", b)
			continue
		}
		fmt.Fprintf(e.stdout, "%s\n", name)
		if len(cands) == 0 {
			fmt.Fprintln(e.stdout, "  no candidates")
		}
		for i, c := range cands {
			p := c.Place
			id := "-"
			if p.GeonamesID != 0 {
				id = fmt.Sprint(p.GeonamesID)
			}
			admin := p.Admin1
			if admin == "" {
				admin = "-"
			}
			fmt.Fprintf(e.stdout, "  %d. %s, %s, %s (%s) %.4f,%.4f geonames %s · score %.2f\n     %s\n",
				i+1, p.Name, admin, p.Country, p.Precision, p.Lat, p.Lon, id, c.Score, c.Parts)
		}
	}
	if failed {
		return exitError{1}
	}
	return nil
}
