package web

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Strings is one language's interface text, key to text.
type Strings map[string]string

// Get returns the text for key. A missing key shows as ⟦key⟧ so a page
// test can find it; Load already refuses packs that lack a key.
func (s Strings) Get(key string) string {
	if v, ok := s[key]; ok {
		return v
	}
	return "⟦" + key + "⟧"
}

// defaultLang is used when the browser asks for no language we have.
const defaultLang = "en"

// loadStrings reads every i18n/<lang>.json of fsys and checks that all
// languages have the same keys and no empty text, so a translation that
// falls behind fails at start-up, not on a page.
func loadStrings(fsys fs.FS, dir string) (map[string]Strings, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("list interface text: %w", err)
	}
	out := map[string]Strings{}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read interface text: %w", err)
		}
		var s Strings
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for k, v := range s {
			if strings.TrimSpace(v) == "" {
				return nil, fmt.Errorf("%s: key %q has no text", name, k)
			}
		}
		out[strings.TrimSuffix(path.Base(name), ".json")] = s
	}
	ref, ok := out[defaultLang]
	if !ok {
		return nil, fmt.Errorf("%s: no %s.json", dir, defaultLang)
	}
	for lang, s := range out {
		for k := range ref {
			if _, ok := s[k]; !ok {
				return nil, fmt.Errorf("%s/%s.json: missing key %q", dir, lang, k)
			}
		}
		for k := range s {
			if _, ok := ref[k]; !ok {
				return nil, fmt.Errorf("%s/%s.json: key %q is not in %s.json", dir, lang, k, defaultLang)
			}
		}
	}
	return out, nil
}

// pickLang chooses the interface language from an Accept-Language header:
// the available language with the highest q value, earlier entries winning
// ties; defaultLang when none fits. "da-DK" matches "da".
func pickLang(header string, have []string) string {
	type choice struct {
		lang string
		q    float64
		pos  int
	}
	var cs []choice
	for i, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		tag = strings.ToLower(strings.TrimSpace(tag))
		if tag == "" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.TrimSpace(k) == "q" {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil || f < 0 || f > 1 {
					f = 0 // a malformed weight does not count
				}
				q = f
			}
		}
		if q == 0 {
			continue
		}
		primary, _, _ := strings.Cut(tag, "-")
		if slices.Contains(have, primary) {
			cs = append(cs, choice{primary, q, i})
		}
	}
	if len(cs) == 0 {
		return defaultLang
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].q > cs[j].q })
	return cs[0].lang
}
