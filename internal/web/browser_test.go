package web_test

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/server"
	"github.com/urodata/uro/internal/store"
	"github.com/urodata/uro/internal/store/sqlstore"
	"github.com/urodata/uro/internal/web"
)

var readmeShot = flag.Bool("readme-screenshot", false, "also write the map page's screenshot to docs/screenshots/map.png")

const token = "browser-test-token"

// chromium returns Debian's chromium, or skips the browser tests when it is
// absent, unless URO_BROWSER_TESTS=1 (as CI sets) makes that a failure.
func chromium(t *testing.T) string {
	path := os.Getenv("URO_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("URO_BROWSER_TESTS") == "1" {
			t.Fatalf("URO_BROWSER_TESTS=1 but there is no browser at %s: apt-get install -y chromium", path)
		}
		t.Skipf("browser tests skipped: no chromium at %s (apt-get install -y chromium; URO_BROWSER_TESTS=1 makes this a failure)", path)
	}
	return path
}

// shotDir is where the page screenshots go: $URO_ARTIFACTS/screenshots, or
// test-artifacts/screenshots in the repository (ignored by git), as .ci/run
// sets it.
func shotDir(t *testing.T) string {
	dir := filepath.Join("..", "..", "test-artifacts", "screenshots")
	if a := os.Getenv("URO_ARTIFACTS"); a != "" {
		dir = filepath.Join(a, "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// seededServer is the whole `uro serve` handler over a SQLite store holding
// the seed articles, with a token so the paste page can extract.
func seededServer(t *testing.T) (*httptest.Server, store.Store) {
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "uro.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, doc := range web.SeedDocs(t) {
		if _, err := db.Put(ctx, doc, store.Meta{}); err != nil {
			t.Fatalf("put %s: %v", doc.ID, err)
		}
	}
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(server.Config{Store: db, Extractor: x, Token: token}).Handler())
	t.Cleanup(srv.Close)
	return srv, db
}

// clsScript sums the page's layout shifts (Cumulative Layout Shift) so a
// test can check that nothing jumps while the page loads.
const clsScript = `window.__cls = 0;
new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
  .observe({type: 'layout-shift', buffered: true});`

func TestBrowser(t *testing.T) {
	exe := chromium(t)
	srv, st := seededServer(t)
	dir := shotDir(t)

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "en-GB"),
	)
	defer cancelAlloc()
	// Record every request the pages make: all must go to the test server.
	var mu sync.Mutex
	var outside []string
	seen := 0
	var thrown []string // uncaught script errors
	bctx, cancel := chromedp.NewContext(alloc, chromedp.WithListener(func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			mu.Lock()
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			thrown = append(thrown, fmt.Sprintf("%s:%d: %s", d.URL, d.LineNumber+1, msg))
			mu.Unlock()
		}
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			u := e.Request.URL
			mu.Lock()
			seen++
			mu.Unlock()
			if !strings.HasPrefix(u, srv.URL+"/") && !strings.HasPrefix(u, "data:") {
				mu.Lock()
				outside = append(outside, u)
				mu.Unlock()
			}
		}
	}))
	defer cancel()
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		if seen == 0 {
			t.Error("no request was recorded: the network check checks nothing")
		}
		if len(thrown) > 0 {
			t.Errorf("the page scripts threw: %v", thrown)
		}
		if len(outside) > 0 {
			t.Errorf("the pages asked for addresses outside the server: %v", outside)
		}
	}()
	// The first Run starts the browser; it must not carry the timeout.
	if err := chromedp.Do(bctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: clsScript})
		return err
	})); err != nil {
		t.Fatalf("start chromium: %v", err)
	}

	run := func(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
		defer cancel()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	eval := func(t *testing.T, expr string) any {
		t.Helper()
		ctx, cancel := context.WithTimeout(bctx, 20*time.Second)
		defer cancel()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	num := func(t *testing.T, expr string) int {
		t.Helper()
		f, ok := eval(t, expr).(float64)
		if !ok {
			t.Fatalf("%s: not a number", expr)
		}
		return int(f)
	}
	shot := func(t *testing.T, name string) []byte {
		t.Helper()
		ctx, cancel := context.WithTimeout(bctx, 30*time.Second)
		defer cancel()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
		return png
	}
	ready := chromedp.Poll[chromedp.Void](`document.documentElement.dataset.state === 'ready'`, chromedp.WithPollingTimeout(30*time.Second))
	cls := func(t *testing.T, page string) {
		t.Helper()
		if v, _ := eval(t, `window.__cls`).(float64); v > 0.1 {
			t.Errorf("%s: cumulative layout shift %.3f, want at most 0.1", page, v)
		}
	}

	// The incident the tests open: one with figures, from two articles if
	// the store merged any.
	var incID string
	incs, err := st.Incidents(context.Background(), store.Filter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, inc := range incs.Items {
		if len(inc.Figures) > 0 && (incID == "" || len(inc.Articles) > 1) {
			incID = inc.ID
		}
	}
	if incID == "" {
		t.Fatal("no incident with figures in the seeded store")
	}

	t.Run("map", func(t *testing.T) {
		run(t, chromedp.Navigate(srv.URL+"/"), ready, chromedp.WaitVisible(chromedp.CSS(".leaflet-marker-icon")))
		markers := num(t, `document.querySelectorAll('#map .leaflet-marker-icon').length`)
		total := num(t, `document.querySelectorAll('#list > li').length`)
		if markers == 0 || total == 0 {
			t.Fatalf("%d markers, %d list items", markers, total)
		}
		if n := num(t, `document.querySelectorAll('#map .leaflet-marker-icon[tabindex="0"]').length`); n == 0 {
			t.Error("no marker can take keyboard focus")
		}
		if n := num(t, `document.querySelectorAll('#map path.leaflet-interactive, #map svg path').length`); n < 100 {
			t.Errorf("world outline has %d shapes", n)
		}
		if n := num(t, `document.querySelectorAll('#timeline canvas').length`); n == 0 {
			t.Error("no time line drawn")
		}
		if w := num(t, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); w > 0 {
			t.Errorf("the map page overflows the window by %d px", w)
		}
		cls(t, "map")
		png := shot(t, "map.png")
		if *readmeShot {
			if err := os.WriteFile(filepath.Join("..", "..", "docs", "screenshots", "map.png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})

	t.Run("brush", func(t *testing.T) {
		run(t, chromedp.Navigate(srv.URL+"/"), ready)
		total := num(t, `document.querySelectorAll('#list > li').length`)
		// Drag across three months around the Sahel attack (2024-06-09).
		from := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC).Unix()
		to := time.Date(2024, 7, 31, 0, 0, 0, 0, time.UTC).Unix()
		pos, ok := eval(t, fmt.Sprintf(`(() => { const p = window.uroTimeline(), r = p.over.getBoundingClientRect();
			return [r.left + p.valToPos(%d, 'x'), r.left + p.valToPos(%d, 'x'), r.top + r.height / 2]; })()`, from, to)).([]any)
		if !ok || len(pos) != 3 {
			t.Fatalf("time line positions: %v", pos)
		}
		x1, x2, y := pos[0].(float64), pos[1].(float64), pos[2].(float64)
		if x2-x1 < 4 {
			t.Fatalf("three months span %.1f px on the time line", x2-x1)
		}
		steps := []chromedp.Action[chromedp.Void]{
			chromedp.MouseEvent(chromedp.MouseMoved, x1, y),
			chromedp.MouseEvent(chromedp.MousePressed, x1, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		}
		for i := 1; i <= 5; i++ {
			x := x1 + (x2-x1)*float64(i)/5
			steps = append(steps, chromedp.MouseEvent(chromedp.MouseMoved, x, y, chromedp.ButtonLeft, func(p *input.DispatchMouseEventParams) { p.Buttons = 1 }))
		}
		steps = append(steps, chromedp.MouseEvent(chromedp.MouseReleased, x2, y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
		run(t, steps...)
		shown := num(t, `document.querySelectorAll('#list > li').length`)
		if shown == 0 || shown >= total {
			t.Fatalf("after brushing the list has %d of %d events, want fewer but some", shown, total)
		}
		// The page filters by the days the selection covers; those must lie
		// near the dragged ones, and every listed event inside them.
		sel := strings.Split(fmt.Sprint(eval(t, `document.documentElement.dataset.range`)), "/")
		t.Logf("dragged 2024-05-01 to 2024-07-31; the page selected %v: %d of %d events", sel, shown, total)
		if len(sel) != 2 || sel[0] > "2024-06-09" || sel[1] < "2024-06-09" {
			t.Fatalf("selected days %v do not cover the dragged 2024-05-01/2024-07-31 around 2024-06-09", sel)
		}
		if bad := eval(t, fmt.Sprintf(`[...document.querySelectorAll('#list > li .ev-head')].map(e => e.textContent)
			.filter(s => { const d = (s.match(/\d{4}-\d\d-\d\d/) || [''])[0]; return d < %q || d > %q; }).join(' | ')`, sel[0], sel[1])); bad != "" {
			t.Errorf("events outside the selected days %v are listed: %v", sel, bad)
		}
		if !strings.Contains(fmt.Sprint(eval(t, `document.getElementById('count').textContent`)), fmt.Sprintf("%d of %d", shown, total)) {
			t.Error("the count does not say how many events are shown")
		}
		// The map shows the same events: single markers count one, clusters
		// their number.
		onMap := num(t, `[...document.querySelectorAll('#map .leaflet-marker-icon')].reduce((n, m) =>
			n + (m.classList.contains('marker-cluster') ? parseInt(m.textContent, 10) : 1), 0)`)
		if withPlace := num(t, `document.querySelectorAll('#list button.show').length`); onMap != withPlace {
			t.Errorf("after brushing the map shows %d events, the list %d with a place", onMap, withPlace)
		}
		shot(t, "map-brushed.png")
		// Keyboard: the list's "Show on map" button opens the event's popup.
		run(t, chromedp.Focus(chromedp.CSS("#list button.show")), chromedp.KeyEvent("\r"),
			chromedp.WaitVisible(chromedp.CSS(".leaflet-popup-content a[href^='/articles/']")))
		run(t, chromedp.Click(chromedp.ID("clear-sel")))
		if n := num(t, `document.querySelectorAll('#list > li').length`); n != total {
			t.Errorf("after clearing the selection %d of %d events are listed", n, total)
		}
	})

	t.Run("filters", func(t *testing.T) {
		run(t, chromedp.Navigate(srv.URL+"/"), ready)
		total := num(t, `document.querySelectorAll('#list > li').length`)
		run(t, chromedp.SetValue(chromedp.CSS(`select[name="type"]`), "PROTEST"),
			chromedp.SetValue(chromedp.CSS(`input[name="q"]`), "demonstration"),
			chromedp.Click(chromedp.CSS(`#filters button[type="submit"]`)),
			chromedp.Poll[chromedp.Void](`location.search.includes('type=PROTEST')`, chromedp.WithPollingTimeout(10*time.Second)), ready)
		n := num(t, `document.querySelectorAll('#list > li').length`)
		types := fmt.Sprint(eval(t, `[...new Set([...document.querySelectorAll('#list .badge')].map(b => b.textContent))].join(',')`))
		t.Logf("type PROTEST, text %q: %d of %d events", "demonstration", n, total)
		if n == 0 || n >= total || types != "PROTEST" {
			t.Errorf("filtered to %d of %d events of types %q", n, total, types)
		}
		// The filter lives in the address, so a reload or a shared link keeps it.
		run(t, chromedp.Reload(), ready)
		if m := num(t, `document.querySelectorAll('#list > li').length`); m != n {
			t.Errorf("after reload %d events, before %d", m, n)
		}
	})

	t.Run("incident", func(t *testing.T) {
		// Open it the way a reader does: from the event list.
		run(t, chromedp.Navigate(srv.URL+"/"), ready,
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`#list a[href="/incidents/%s"]`, incID))),
			chromedp.WaitVisible(chromedp.ID("matrix")))
		if n := num(t, `document.querySelectorAll('#matrix tbody a.claim').length`); n == 0 {
			t.Error("the figure matrix has no claims")
		}
		if s := fmt.Sprint(eval(t, `document.querySelector('#matrix tfoot').textContent`)); !strings.Contains(s, "Reconciled") {
			t.Errorf("no reconciled row: %q", s)
		}
		shot(t, "incident.png")
	})

	t.Run("article", func(t *testing.T) {
		run(t, chromedp.Navigate(srv.URL+"/incidents/"+incID), chromedp.WaitVisible(chromedp.ID("matrix")), chromedp.Click(chromedp.CSS(`#matrix a.claim`)), chromedp.WaitVisible(chromedp.ID("text")))
		for _, sel := range []string{".hl-trigger", ".hl-evidence", ".hl-figure"} {
			if n := num(t, fmt.Sprintf(`document.querySelectorAll('#text %s').length`, sel)); n == 0 {
				t.Errorf("no %s highlighted", sel)
			}
		}
		// Each event's trigger mark holds exactly the trigger text its list
		// entry names: the code-point offsets landed on the right words.
		bad := eval(t, `[...document.querySelectorAll('li.event')].map(li => {
			const id = li.dataset.ev, want = li.querySelector('.ev-head strong').textContent;
			const a = document.getElementById('t-' + id);
			const got = a ? [...document.querySelectorAll('#text .hl-trigger')].filter(m => (m.dataset.ev || '').split(' ').includes(id)).map(m => m.textContent).join('') : '';
			return got.includes(want) ? '' : id + ': ' + JSON.stringify(got) + ' != ' + JSON.stringify(want);
		}).filter(Boolean).join('; ')`)
		if bad != "" {
			t.Errorf("trigger highlights do not match the events: %v", bad)
		}
		// Linked both ways: the list goes to the text, the text to the list.
		run(t, chromedp.Click(chromedp.CSS(`li.event .links a[href^="#t-"]`)))
		if h := fmt.Sprint(eval(t, `location.hash`)); !strings.HasPrefix(h, "#t-") {
			t.Errorf("list link went to %q", h)
		}
		run(t, chromedp.Click(chromedp.CSS(`#text a.hl-trigger`)))
		if h := fmt.Sprint(eval(t, `location.hash`)); !strings.HasPrefix(h, "#ev-") {
			t.Errorf("text link went to %q", h)
		}
		if n := num(t, `document.querySelectorAll('li.event.active').length`); n != 1 {
			t.Errorf("%d events marked active after following a trigger", n)
		}
		cls(t, "article")
		shot(t, "article.png")
	})

	t.Run("paste", func(t *testing.T) {
		text := "Police detain 30 after clashes at Copenhagen protest\n\n" +
			"Police in Copenhagen arrested 30 people on Saturday after protesters clashed with officers outside parliament, a police spokesperson said.\n\n" +
			"About 2,000 people had joined the march, according to the organisers."
		run(t, chromedp.Navigate(srv.URL+"/paste"), chromedp.WaitVisible(chromedp.ID("p-text")),
			chromedp.SetValue(chromedp.ID("p-text"), text),
			chromedp.SetValue(chromedp.CSS(`input[name="published"]`), "2024-09-14"),
			chromedp.SendKeys(chromedp.CSS(`input[name="token"]`), token),
			chromedp.Click(chromedp.CSS(`#paste button[type="submit"]`)),
			ready)
		if n := num(t, `document.querySelectorAll('#paste-events > li').length`); n == 0 {
			t.Fatalf("no events found in the pasted article: %v", eval(t, `document.getElementById('paste-status').textContent`))
		}
		if got := fmt.Sprint(eval(t, `[...document.querySelectorAll('#paste-events .hl-trigger')].map(e => e.textContent).join(',')`)); !strings.Contains(got, "arrested") {
			t.Errorf("triggers highlighted: %q, want arrested among them", got)
		}
		shot(t, "paste.png")
		// A wrong token gets the server's message, not a silent failure.
		run(t, chromedp.SetValue(chromedp.CSS(`input[name="token"]`), "wrong"),
			chromedp.Click(chromedp.CSS(`#paste button[type="submit"]`)),
			chromedp.Poll[chromedp.Void](`document.documentElement.dataset.state === 'error'`, chromedp.WithPollingTimeout(20*time.Second)))
		if s := fmt.Sprint(eval(t, `document.getElementById('paste-status').textContent`)); !strings.Contains(s, "token") {
			t.Errorf("wrong token shows %q", s)
		}
	})

	t.Run("keyboard", func(t *testing.T) {
		run(t, chromedp.Navigate(srv.URL+"/"), ready, chromedp.KeyEvent("\t"))
		if got := fmt.Sprint(eval(t, `document.activeElement.className`)); got != "skip" {
			t.Errorf("the first Tab focuses %q, want the skip link", got)
		}
		if w := num(t, `document.activeElement.getBoundingClientRect().left`); w < 0 {
			t.Error("the focused skip link is off screen")
		}
		if got := fmt.Sprint(eval(t, `getComputedStyle(document.querySelector('#list a')).outlineStyle + '|' + (() => { const a = document.querySelector('#list a'); a.focus(); return getComputedStyle(a).outlineStyle; })()`)); !strings.HasSuffix(got, "|solid") {
			t.Errorf("a focused list link has outline %q, want a visible one", got)
		}
	})

	t.Run("danish", func(t *testing.T) {
		run(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": "da-DK,da;q=0.9,en;q=0.5"}})
			return err
		}), chromedp.Navigate(srv.URL+"/"), ready)
		if got := fmt.Sprint(eval(t, `document.documentElement.lang + ' ' + document.getElementById('count').textContent`)); !strings.HasPrefix(got, "da ") || !strings.Contains(got, "begivenheder vises") {
			t.Errorf("Danish page says %q", got)
		}
		shot(t, "map-da.png")
		run(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{}})
			return err
		}))
	})

	t.Run("narrow", func(t *testing.T) {
		run(t, chromedp.EmulateViewport(360, 740), chromedp.Navigate(srv.URL+"/"), ready)
		if w := num(t, `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("the map page is %d px wide at a 360 px viewport", w)
		}
		cls(t, "map at 360 px")
		shot(t, "map-360.png")
		run(t, chromedp.Navigate(srv.URL+"/incidents/"+incID), chromedp.WaitVisible(chromedp.ID("matrix")))
		if w := num(t, `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("the incident page is %d px wide at a 360 px viewport", w)
		}
		shot(t, "incident-360.png")
		run(t, chromedp.Click(chromedp.CSS(`#matrix a.claim`)), chromedp.WaitVisible(chromedp.ID("text")))
		if w := num(t, `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("the article page is %d px wide at a 360 px viewport", w)
		}
		shot(t, "article-360.png")
	})
}
