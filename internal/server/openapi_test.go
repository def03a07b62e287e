package server

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// spec is the OpenAPI document as generic JSON.
type spec map[string]any

func loadSpec(t *testing.T) spec {
	t.Helper()
	var s spec
	if err := json.Unmarshal(openapiJSON, &s); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return s
}

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }

// documented says whether a route belongs in the OpenAPI document: the
// API, health and metrics; not the web pages.
func documented(r route) bool {
	return strings.HasPrefix(r.pattern, "/api/") || r.pattern == "/healthz" || r.pattern == "/metrics"
}

// specPath turns a ServeMux pattern into an OpenAPI path template.
func specPath(pattern string) string { return strings.ReplaceAll(pattern, "...}", "}") }

var wildcard = regexp.MustCompile(`\{([a-z_]+)(\.\.\.)?\}`)

// TestOpenAPIMatchesRoutes checks the document against the route table:
// the same routes both ways, the same query parameters, the path
// parameters, the token on writes, and the limits and enumerations the
// handlers enforce.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	sp := loadSpec(t)
	if !strings.HasPrefix(fmt.Sprint(sp["openapi"]), "3.") {
		t.Fatalf("openapi %v, want 3.x", sp["openapi"])
	}
	s := New(Config{Store: newMemStore()})
	paths := obj(sp["paths"])
	inTable := map[string]bool{}
	for _, r := range s.routes {
		if !documented(r) {
			continue
		}
		key := strings.ToLower(r.method) + " " + specPath(r.pattern)
		inTable[key] = true
		op := obj(obj(paths[specPath(r.pattern)])[strings.ToLower(r.method)])
		if op == nil {
			t.Errorf("%s %s is not in openapi.json", r.method, r.pattern)
			continue
		}
		var query, pathParams []string
		for _, p := range op["parameters"].([]any) {
			p := obj(p)
			switch p["in"] {
			case "query":
				query = append(query, p["name"].(string))
			case "path":
				pathParams = append(pathParams, p["name"].(string))
				if p["required"] != true {
					t.Errorf("%s: path parameter %v not required", key, p["name"])
				}
			}
		}
		want := slices.Clone(r.query)
		sort.Strings(want)
		sort.Strings(query)
		if !slices.Equal(want, query) {
			t.Errorf("%s: query parameters: handler %v, document %v", key, want, query)
		}
		var wantPath []string
		for _, m := range wildcard.FindAllStringSubmatch(r.pattern, -1) {
			wantPath = append(wantPath, m[1])
		}
		sort.Strings(pathParams)
		if !slices.Equal(wantPath, pathParams) {
			t.Errorf("%s: path parameters: pattern %v, document %v", key, wantPath, pathParams)
		}
		_, secured := op["security"]
		if secured != r.write {
			t.Errorf("%s: security in document %v, write route %v", key, secured, r.write)
		}
		resp := obj(op["responses"])
		codes := []string{"200", "405"}
		if len(r.query) > 0 {
			codes = append(codes, "400")
		}
		if r.write {
			codes = append(codes, "401", "403", "413", "415")
		}
		if len(wantPath) > 0 {
			codes = append(codes, "404")
		}
		for _, c := range codes {
			if resp[c] == nil {
				t.Errorf("%s: response %s not documented", key, c)
			}
		}
	}
	for p, item := range paths {
		for m := range obj(item) {
			if !inTable[m+" "+p] {
				t.Errorf("openapi.json documents %s %s, which no route answers", strings.ToUpper(m), p)
			}
		}
	}

	// The bounds the handlers enforce are the ones documented.
	param := func(path, name string) map[string]any {
		for _, p := range obj(obj(paths[path])["get"])["parameters"].([]any) {
			if obj(p)["name"] == name {
				return obj(obj(p)["schema"])
			}
		}
		t.Fatalf("%s has no parameter %s", path, name)
		return nil
	}
	for path, max := range map[string]int{"/api/v1/events": MaxLimit, "/api/v1/articles": MaxLimit, "/api/v1/map": MaxMapLimit, "/api/v1/entities": MaxLimit} {
		if got := param(path, "limit")["maximum"]; got != float64(max) {
			t.Errorf("%s limit maximum %v, handler %d", path, got, max)
		}
	}
	if got := param("/api/v1/map", "limit")["default"]; got != float64(DefaultMapLimit) {
		t.Errorf("map limit default %v, handler %d", got, DefaultMapLimit)
	}
	enum := func(v any) []string {
		var out []string
		for _, e := range v.([]any) {
			out = append(out, e.(string))
		}
		return out
	}
	if got := enum(param("/api/v1/events", "min_kind")["enum"]); !slices.Equal(got, FigureKinds) {
		t.Errorf("min_kind enum %v, handler %v", got, FigureKinds)
	}
	if got := enum(param("/api/v1/entities", "kind")["enum"]); !slices.Equal(got, entityKinds) {
		t.Errorf("entity kind enum %v, handler %v", got, entityKinds)
	}
}

// TestResponsesMatchSchemas asks a seeded server for every main shape and
// validates the answers against the documented response schemas.
func TestResponsesMatchSchemas(t *testing.T) {
	f := newFixture(t, testToken)
	sp := loadSpec(t)
	article := `{"title":"Politiet anholdt tre demonstranter i Aarhus","text":"Politiet i Aarhus anholdt lørdag tre demonstranter, der blokerede sporvognen på Park Allé.","published":"2024-03-16"}`
	hdr := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
	cases := []struct {
		method, path, target, body string
	}{
		{"GET", "/healthz", "/healthz", ""},
		{"GET", "/api/v1/articles", "/api/v1/articles", ""},
		{"GET", "/api/v1/articles/{id}", "/api/v1/articles/" + f.article, ""},
		{"GET", "/api/v1/events", "/api/v1/events?limit=1000", ""},
		{"GET", "/api/v1/events/{key}", "/api/v1/events/" + f.event, ""},
		{"GET", "/api/v1/figures", "/api/v1/figures?limit=1000", ""},
		{"GET", "/api/v1/incidents", "/api/v1/incidents?limit=1000", ""},
		{"GET", "/api/v1/incidents/{id}", "/api/v1/incidents/" + f.incident, ""},
		{"GET", "/api/v1/entities", "/api/v1/entities", ""},
		{"GET", "/api/v1/entities", "/api/v1/entities?article=" + f.article, ""},
		{"GET", "/api/v1/search", "/api/v1/search?q=politi&limit=1", ""},
		{"GET", "/api/v1/stats", "/api/v1/stats", ""},
		{"GET", "/api/v1/map", "/api/v1/map?limit=3", ""},
		{"POST", "/api/v1/extract", "/api/v1/extract", article},
		{"POST", "/api/v1/articles", "/api/v1/articles", article},
		{"GET", "/api/v1/events", "/api/v1/events?since=never", ""},
		{"GET", "/api/v1/articles/{id}", "/api/v1/articles/nope", ""},
		{"DELETE", "/api/v1/stats", "/api/v1/stats", ""},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.target, func(t *testing.T) {
			var r response
			if c.body != "" {
				r = f.do(t, c.method, c.target, strings.NewReader(c.body), hdr)
			} else {
				r = f.do(t, c.method, c.target, nil, nil)
			}
			method := strings.ToLower(c.method)
			if method == "delete" {
				method = "get" // the 405 of the path's documented operation
			}
			op := obj(obj(obj(sp["paths"])[c.path])[method])
			resp := obj(obj(op["responses"])[fmt.Sprint(r.code)])
			if resp == nil {
				t.Fatalf("status %d is not documented for %s %s", r.code, method, c.path)
			}
			ct := strings.TrimSuffix(r.header.Get("Content-Type"), "; charset=utf-8")
			media := obj(obj(resp["content"])[ct])
			if media == nil {
				t.Fatalf("content type %q is not documented for %d", ct, r.code)
			}
			var v any
			if err := json.Unmarshal(r.body, &v); err != nil {
				t.Fatal(err)
			}
			for _, p := range validate(sp, obj(media["schema"]), v, "$") {
				t.Error(p)
			}
		})
	}
}

// TestValidatorCatchesMismatches makes sure the checker above can fail.
func TestValidatorCatchesMismatches(t *testing.T) {
	sp := loadSpec(t)
	ref := func(n string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + n} }
	cases := []struct {
		schema string
		json   string
		want   string
	}{
		{"Error", `{}`, "missing required error"},
		{"Error", `{"error": 3}`, "want string"},
		{"Error", `{"error": "x", "extra": 1}`, "not documented"},
		{"Article", `{"id":"a","url":null,"path":null,"site":null,"title":null,"lang":"da","published":"2024-3-1","fetched":null,"events":1}`, "not a date"},
		{"Article", `{"id":"a","url":null,"path":null,"site":null,"title":null,"lang":"da","published":null,"fetched":null,"events":1.5}`, "want integer"},
		{"Article", `{"id":null,"url":null,"path":null,"site":null,"title":null,"lang":"da","published":null,"fetched":null,"events":1}`, "null"},
		{"Stats", `{"total":1,"by_day":{"2024-01-01":"x"},"by_type":{},"by_country":{}}`, "want integer"},
		{"FeatureCollection", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1]},"properties":{"key":"k","type":"t","acled":null,"date":null}}],"next":null}`, "at least 2"},
		{"FeatureCollection", `{"type":"Collection","features":[],"next":null}`, "not one of"},
		{"ArticlePage", `{"items":{},"next":null}`, "want array"},
	}
	for _, c := range cases {
		var v any
		if err := json.Unmarshal([]byte(c.json), &v); err != nil {
			t.Fatal(err)
		}
		probs := validate(sp, ref(c.schema), v, "$")
		if !strings.Contains(strings.Join(probs, "\n"), c.want) {
			t.Errorf("%s %s: problems %q, want one with %q", c.schema, c.json, probs, c.want)
		}
	}
}

// validate checks v against an OpenAPI 3.0 schema: $ref, type, nullable,
// required, properties (undocumented properties are problems unless
// additionalProperties allows them), items, enum, minItems/maxItems and
// date formats. Enough for the shapes uro answers, no more.
func validate(sp spec, schema map[string]any, v any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		target := obj(obj(obj(sp["components"])["schemas"])[name])
		if target == nil {
			return []string{fmt.Sprintf("%s: unknown $ref %s", at, ref)}
		}
		return validate(sp, target, v, at)
	}
	if v == nil {
		if schema["nullable"] == true || schema["type"] == nil {
			return nil
		}
		return []string{fmt.Sprintf("%s: null, want %v", at, schema["type"])}
	}
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, at+": "+fmt.Sprintf(format, args...)) }
	if e, ok := schema["enum"].([]any); ok && !slices.Contains(e, v) {
		bad("%v is not one of %v", v, e)
	}
	switch schema["type"] {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			bad("%T, want object", v)
			break
		}
		props := obj(schema["properties"])
		if req, ok := schema["required"].([]any); ok {
			for _, r := range req {
				if _, ok := m[r.(string)]; !ok {
					bad("missing required %s", r)
				}
			}
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if ps := obj(props[k]); ps != nil {
				probs = append(probs, validate(sp, ps, m[k], at+"."+k)...)
				continue
			}
			switch ap := schema["additionalProperties"].(type) {
			case map[string]any:
				probs = append(probs, validate(sp, ap, m[k], at+"."+k)...)
			case bool:
				if !ap {
					bad("property %s is not documented", k)
				}
			default:
				if props != nil {
					bad("property %s is not documented", k)
				}
			}
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			bad("%T, want array", v)
			break
		}
		if n, ok := schema["minItems"].(float64); ok && float64(len(a)) < n {
			bad("%d items, want at least %v", len(a), n)
		}
		if n, ok := schema["maxItems"].(float64); ok && float64(len(a)) > n {
			bad("%d items, want at most %v", len(a), n)
		}
		if items := obj(schema["items"]); items != nil {
			for i, it := range a {
				probs = append(probs, validate(sp, items, it, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	case "string":
		s, ok := v.(string)
		if !ok {
			bad("%T, want string", v)
			break
		}
		switch schema["format"] {
		case "date":
			if _, err := time.Parse(time.DateOnly, s); err != nil {
				bad("%q is not a date", s)
			}
		case "date-time":
			if _, err := time.Parse(time.RFC3339, s); err != nil {
				bad("%q is not a date-time", s)
			}
		}
	case "integer":
		n, ok := v.(float64)
		if !ok || n != math.Trunc(n) {
			bad("%v, want integer", v)
		}
	case "number":
		if _, ok := v.(float64); !ok {
			bad("%T, want number", v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			bad("%T, want boolean", v)
		}
	}
	return probs
}
