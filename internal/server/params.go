package server

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/urodata/uro/internal/store"
)

// Query parameters per kind of route; routes.go lists them per row.
var (
	filterParams = []string{"type", "acled", "country", "place", "since", "until", "actor_kind", "q",
		"min_figure", "min_kind", "article", "incident", "limit", "cursor"}
	statsParams  = []string{"type", "acled", "country", "place", "since", "until", "actor_kind", "q", "min_figure", "min_kind", "article", "incident"}
	searchParams = []string{"q", "limit", "cursor"}
	entityParams = []string{"article", "kind", "limit"}
	inputParams  = []string{"title", "url", "published", "lang"}
)

// FigureKinds are the figure kinds of uro.document/v1, the values min_kind
// accepts (the contract's closed set, not language knowledge).
var FigureKinds = []string{"killed", "injured", "arrested", "participants", "displaced", "missing", "detained_released"}

// Page sizes: the list endpoints and the map (whose rows are small).
const (
	DefaultLimit    = 100
	MaxLimit        = 1000
	DefaultMapLimit = 2000
	MaxMapLimit     = 10000
)

// badRequest is a client mistake in the request; handlers answer 400 with
// its message.
type badRequest struct{ msg string }

func (e badRequest) Error() string { return e.msg }

func badf(format string, args ...any) error { return badRequest{fmt.Sprintf(format, args...)} }

// parseFilter reads the filter parameters of a list endpoint. kind names the
// list the cursor belongs to, so a cursor of one list is refused by another.
func parseFilter(q url.Values, kind string, defLimit, maxLimit int) (store.Filter, error) {
	f := store.Filter{
		Type:      strings.ToUpper(strings.TrimSpace(q.Get("type"))),
		ACLEDType: strings.TrimSpace(q.Get("acled")),
		Country:   strings.ToUpper(strings.TrimSpace(q.Get("country"))),
		Place:     strings.TrimSpace(q.Get("place")),
		ActorKind: strings.TrimSpace(q.Get("actor_kind")),
		Text:      strings.TrimSpace(q.Get("q")),
		MinKind:   strings.TrimSpace(q.Get("min_kind")),
		Article:   strings.TrimSpace(q.Get("article")),
		Incident:  strings.TrimSpace(q.Get("incident")),
	}
	for name, vs := range q {
		if len(vs) > 1 {
			return f, badf("query parameter %q is given %d times; give it once", name, len(vs))
		}
	}
	if c := f.Country; c != "" && (len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z') {
		return f, badf("country %q is not an ISO 3166-1 alpha-2 code like DK", q.Get("country"))
	}
	var err error
	if f.Since, err = parseDay(q, "since"); err != nil {
		return f, err
	}
	if f.Until, err = parseDay(q, "until"); err != nil {
		return f, err
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && f.Until.Before(f.Since) {
		return f, badf("until %s is before since %s", q.Get("until"), q.Get("since"))
	}
	if v := q.Get("min_figure"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return f, badf("min_figure %q is not a whole number ≥ 0", v)
		}
		f.MinFigure = n
	}
	if f.MinKind != "" && !contains(FigureKinds, f.MinKind) {
		return f, badf("min_kind %q is not a figure kind (%s)", f.MinKind, strings.Join(FigureKinds, ", "))
	}
	if f.Limit, err = parseLimit(q, defLimit, maxLimit); err != nil {
		return f, err
	}
	if f.Cursor, err = decodeCursor(q.Get("cursor"), kind); err != nil {
		return f, err
	}
	return f, nil
}

func parseDay(q url.Values, name string) (time.Time, error) {
	v := q.Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}, badf("%s %q is not a date YYYY-MM-DD", name, v)
	}
	return t, nil
}

func parseLimit(q url.Values, def, max int) (int, error) {
	v := q.Get("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > max {
		return 0, badf("limit %q is not a whole number from 1 to %d", v, max)
	}
	return n, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// The API's cursors wrap the store's: the list they belong to, the store's
// cursor and a short check sum, base64url-encoded. A cursor that was typed
// wrong, cut short or taken from another list is then a 400, whatever the
// store's own cursor format is. (Not a secret: the check sum only catches
// mistakes.)
func encodeCursor(storeCursor, kind string) string {
	if storeCursor == "" {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte(kind + "\x00" + storeCursor + "\x00" + cursorSum(kind, storeCursor)))
}

func decodeCursor(c, kind string) (string, error) {
	if c == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", badf("cursor %q is not a cursor this server gave", c)
	}
	parts := strings.Split(string(b), "\x00")
	if len(parts) != 3 || parts[2] != cursorSum(parts[0], parts[1]) {
		return "", badf("cursor %q is not a cursor this server gave", c)
	}
	if parts[0] != kind {
		return "", badf("cursor %q belongs to the %s list, not %s", c, parts[0], kind)
	}
	return parts[1], nil
}

func cursorSum(kind, c string) string {
	h := sha256.Sum256([]byte("uro-cursor\x00" + kind + "\x00" + c))
	return base64.RawURLEncoding.EncodeToString(h[:6])
}
