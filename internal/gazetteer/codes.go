package gazetteer

// ISO returns the ISO 3166-1 alpha-2, alpha-3 and numeric codes of the
// country with code (any of the three, upper case); exports need the one
// their format names (ACLED's iso column is numeric, its ids alpha-3).
func (g *Gazetteer) ISO(code string) (alpha2, alpha3, numeric string, ok bool) {
	c, ok := g.countries[code]
	if !ok {
		return "", "", "", false
	}
	return c.alpha2, c.alpha3, c.numeric, true
}
