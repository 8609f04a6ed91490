package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/leefwereld/leefwereld/internal/markdown/xsscorpus"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// xssRecorder runs in every document (and frame) before any of its own script: alert,
// confirm, prompt and print only write down that they were called, and CSP violations are
// counted. Every payload in the corpus calls one of them when it runs.
const xssRecorder = `(function(){
  var ran = [], csp = [];
  Object.defineProperty(window, "__xssRan", {value: ran});
  Object.defineProperty(window, "__xssCSP", {value: csp});
  ["alert", "confirm", "prompt", "print"].forEach(function(name){
    window[name] = function(){
      ran.push(name + "(" + Array.prototype.join.call(arguments, ", ") + ") at " + location.href);
      console.error("xss-recorder: " + name);
    };
  });
  window.addEventListener("securitypolicyviolation", function(e){
    csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + (e.sample ? " (" + e.sample + ")" : ""));
  }, true);
})();`

// xssPoke does what a person does on a page, on every element of main: hover, focus, and a
// click on every link that stays on the page (a fragment, or a URL that is not http(s), such
// as javascript:). Mouse events are synthetic here; the content itself also gets real mouse
// moves (xssVisit). It resolves after a moment for handlers, timers and refreshes to fire;
// whatever fires later still shows up at the next page, or at the end.
const xssPoke = `(function(){
  var here = location.pathname + location.search;
  document.querySelectorAll("main *").forEach(function(el){
    ["pointerover", "pointerenter", "mouseover", "mouseenter", "mousemove", "pointerdown", "mousedown", "mouseup"].forEach(function(type){
      el.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true, view: window}));
    });
    if (typeof el.focus === "function") { el.focus(); }
  });
  var clicked = 0;
  document.querySelectorAll("main a, main area").forEach(function(a){
    var raw = a.getAttribute("href") || a.getAttributeNS("http://www.w3.org/1999/xlink", "href"), u;
    if (raw === null) { return; }
    try { u = new URL(raw, document.baseURI); } catch (e) { return; } // the browser cannot follow it either
    var stays = u.protocol !== "http:" && u.protocol !== "https:" ||
      (u.origin === location.origin && u.pathname + u.search === here);
    if (u.protocol === "mailto:" || !stays) { return; }
    a.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window})); // SVG links have no click()
    clicked++;
  });
  return new Promise(function(resolve){ setTimeout(function(){ resolve(clicked); }, 50); });
})()`

// xssContentBoxes are the centres of the elements of the rendered user text, for real mouse
// moves over them.
const xssContentBoxes = `Array.prototype.map.call(document.querySelectorAll("main .prose *"), function(el){
  var r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];
}).filter(function(p){ return p[0] >= 0 && p[1] >= 0 && p[0] < innerWidth && p[1] < innerHeight; })`

// xssState is what the recorder saw, the page's address, and the rendered user text.
const xssState = `({ran: window.__xssRan ? window.__xssRan.slice() : ["recorder missing"],
  csp: window.__xssCSP ? window.__xssCSP.slice() : [], path: location.pathname,
  prose: Array.prototype.map.call(document.querySelectorAll("main .prose"), function(p){ return p.innerHTML; }),
  page: document.documentElement.outerHTML})`

type xssSeen struct {
	Ran      []string `json:"ran"` // what the recorder in the page wrote down
	Reported []string `json:"-"`   // what the browser reported: dialogs, the recorder's console lines
	CSP      []string `json:"csp"`
	Path     string   `json:"path"`
	Prose    []string `json:"prose"`
	Page     string   `json:"page"`
}

// xssWatch collects, beside the recorder in the page, what the browser reports on its own:
// JavaScript dialogs (which it closes, so the page goes on) and the recorder's console lines.
type xssWatch struct {
	mu     sync.Mutex
	events []string
}

func (w *xssWatch) add(s string) { w.mu.Lock(); w.events = append(w.events, s); w.mu.Unlock() }

// take returns what was reported since the last call.
func (w *xssWatch) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := w.events
	w.events = nil
	return out
}

func watchXSS(t *testing.T, ctx context.Context) *xssWatch {
	t.Helper()
	w := &xssWatch{}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: xssRecorder}); err != nil {
		t.Fatal(err)
	}
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	console := chromedp.Events(ctx, runtime.ConsoleAPICalled)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			w.add(fmt.Sprintf("dialog %s: %s", ev.Type, ev.Message))
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{})
		}
	}()
	go func() {
		for ev, err := range console {
			if err != nil {
				return
			}
			for _, a := range ev.Args {
				if s := string(a.Value); strings.Contains(s, "xss-recorder") {
					w.add("console: " + s)
				}
			}
		}
	}()
	return w
}

// xssTitle is a sample page's title: hostile too, so every list that shows titles (home,
// recent changes, search, the themes) is tried as well.
func xssTitle(name string) string {
	return fmt.Sprintf(`XSS %s "><img src=x onerror=alert(1)><script>alert(1)</script>`, name)
}

// xssSave saves pages through the server's API from the signed-in browser, with the
// session's CSRF token from the page, as the app's own scripts send changes.
func xssSave(t *testing.T, ctx context.Context, srv *server, pages map[string]string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	arg, _ := json.Marshal(pages)
	js := `(async function(pages){
  var token = document.querySelector("input[name=_csrf]").value, out = {};
  for (var path in pages) {
    var r = await fetch("/api/pages/" + path, {method: "PUT", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
      body: JSON.stringify({text: pages[path], base: "", message: "XSS-proef"})});
    out[path] = r.status + " " + (r.ok ? "" : await r.text());
  }
  return out;
})(` + string(arg) + `)`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for path := range pages {
		if !strings.HasPrefix(got[path], "201") {
			t.Fatalf("save %s: %s", path, got[path])
		}
	}
}

// TestXSSCorpusInBrowser saves every hostile sample of the corpus as a theme through the
// server, opens it in Chromium with a recorder in place before any page script, hovers and
// focuses every element, clicks every link that stays on the page, and does the same with the
// editor's live preview (which puts server HTML into the page with DOMParser). Nothing may run.
//
// It goes through the pages twice: first with the page's CSP switched off, so the Markdown
// pipeline and the templates alone must hold (anything they let through would run and be
// recorded); then as served, where a CSP violation would mean markup got through that only
// the CSP stopped. A control injects a handler past the pipeline and shows that the recorder
// sees it run without the CSP, and that the CSP blocks and reports it.
func TestXSSCorpusInBrowser(t *testing.T) {
	srv := startSearchServer(t)
	ctx := newBrowser(t) // Anna, signed in through the login page
	start := time.Now()

	pages := map[string]string{
		// Related to three samples: their hostile titles and these notes go into the drawing
		// (SVG) and the list of relations; the synonyms into the research.
		"theme/xss-doel": "---\ntitle: Doel van de XSS-proef\nrelated:\n" +
			"  - {slug: xss-svg, how: versterkt, note: " + yamlQuote(`"><svg onload=alert(1)>`) + "}\n" +
			"  - {slug: xss-css, how: spanning, note: " + yamlQuote(`</title><script>alert(1)</script>`) + "}\n" +
			"  - {slug: xss-form, how: hoort-bij}\n" +
			"synonyms: [" + yamlQuote(`<img src=x onerror=alert(1)>`) + "]\n---\nHier linken de monsters naartoe.\n",
		"portrait/xss-portret": "---\ntitle: " + yamlQuote(xssTitle("portret")) + "\nteam: ons-team\n---\n" +
			"Het kind zegt <script>alert(1)</script> over [[xss-doel]] en <img src=x onerror=alert(1)>.\n\n" +
			"Een zin met [[xss-doel|\"><svg onload=alert(1)>]] en [klik](javascript:alert(1)).\n",
	}
	// A sample with control characters is refused by the workspace (file.control), which is a
	// defence of its own; it still goes into git by hand, as a push past our checks would,
	// so the renderer is tried on it too.
	pushed := map[string]string{}
	for _, s := range xsscorpus.Samples {
		text := "---\ntitle: " + yamlQuote(xssTitle(s.Name)) + "\n---\n" + s.Markdown +
			"\n\nDit monster linkt naar [[xss-doel]] <img src=x onerror=alert(1)>.\n"
		if strings.IndexFunc(text, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' }) >= 0 {
			pushed["themes/xss-"+s.Name+".md"] = text
			continue
		}
		pages["theme/xss-"+s.Name] = text
	}
	xssSave(t, ctx, srv, pages)
	if len(pushed) == 0 {
		t.Fatal("no sample with control characters: the hand-pushed path is not tried")
	}
	for p, text := range pushed {
		if _, probs, err := srv.WS.Save(mustRef(t, p), []byte(text), "", store.Author{Name: "Anna", Email: "anna@leefwereld.invalid"}, ""); err == nil || len(probs) == 0 || probs[0].Code != "file.control" {
			t.Errorf("%s: the workspace took control characters: %v %v", p, err, probs)
		}
	}
	if _, err := srv.WS.Store.Update(store.Author{Name: "Iemand met git", Email: "git@leefwereld.invalid"}, "met de hand", func(tx *store.Tx) error {
		for p, text := range pushed {
			if err := tx.Put(p, []byte(text)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// A second version of the portrait, for the history, a version and the difference.
	save(t, srv, "portraits/xss-portret.md", "---\ntitle: "+yamlQuote(xssTitle("portret"))+"\nteam: ons-team\n---\n"+
		"Nu met <iframe srcdoc=\"<script>alert(1)</script>\"></iframe> en [[xss-doel]].\n")
	hist, err := srv.WS.Store.History("portraits/xss-portret.md")
	if err != nil || len(hist) < 2 {
		t.Fatalf("history: %v %d", err, len(hist))
	}

	w := watchXSS(t, ctx)
	views := []string{"/", "/recent", "/themes", "/zoeken?q=alert", "/zoeken?q=onerror", "/themes/xss-doel",
		"/portraits/xss-portret", "/portraits/xss-portret/geschiedenis", "/portraits/xss-portret/verschil",
		"/portraits/xss-portret/versie/" + hist[len(hist)-1].Commit}
	for _, s := range xsscorpus.Samples {
		views = append(views, "/themes/xss-"+s.Name)
	}

	var violations []string
	for _, bypass := range []bool{true, false} {
		if _, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: bypass}); err != nil {
			t.Fatal(err)
		}
		pass := "with the CSP"
		if bypass {
			pass = "without the CSP"
		}
		for _, path := range views {
			seen := xssVisit(t, ctx, w, srv.URL+path, bypass, nil)
			xssReport(t, pass, path, path, seen, &violations)
			for _, want := range xssShown[path] { // the hostile text did reach the view
				if !strings.Contains(seen.Page, want) {
					t.Errorf("%s, %s does not show %q", pass, path, want)
				}
			}
		}
		for _, s := range xsscorpus.Samples {
			path := "/themes/xss-" + s.Name + "/bewerken"
			seen := xssVisit(t, ctx, w, srv.URL+path, bypass, xssPreview)
			xssReport(t, pass, path+" (voorbeeld)", path, seen, &violations)
		}
	}
	t.Logf("%d samples, %d views and %d previews, twice, in %s; %d CSP violations from page content",
		len(xsscorpus.Samples), len(views), len(xsscorpus.Samples), time.Since(start).Round(time.Millisecond), len(violations))
	for _, v := range violations {
		t.Errorf("CSP violation (markup got past the pipeline and only the CSP stopped it): %s", v)
	}

	// The control: a handler put into a real page past the pipeline.
	inject := func(bypass bool) xssSeen {
		if _, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: bypass}); err != nil {
			t.Fatal(err)
		}
		return xssVisit(t, ctx, w, srv.URL+"/themes/xss-doel", false, func(t *testing.T, ctx context.Context) {
			eval[bool](t, ctx, `document.querySelector("main .prose").insertAdjacentHTML("beforeend", '<img src="/bestaat-niet.png" onerror="alert(\'controle\')">'), true`)
			awaitEval[bool](t, ctx, `new Promise(function(r){ setTimeout(function(){ r(true); }, 300); })`)
		})
	}
	seen := inject(true)
	for deadline := time.Now().Add(2 * time.Second); len(seen.Reported) == 0 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		seen.Reported = w.take() // the console line comes on its own path
	}
	if len(seen.Ran) == 0 || len(seen.Reported) == 0 {
		t.Errorf("control without the CSP: the recorder saw %q, the browser reported %q; want the handler to run", seen.Ran, seen.Reported)
	}
	seen = inject(false)
	if len(seen.Ran) != 0 || len(seen.CSP) == 0 {
		t.Errorf("control with the CSP: ran %q, violations %q; want nothing run and a violation", seen.Ran, seen.CSP)
	} else {
		t.Logf("control: the CSP blocked the injected handler and reported %q", seen.CSP)
	}
	if late := w.take(); len(late) > 0 {
		t.Errorf("script ran late: %q", late)
	}
}

// xssShown is what some views must show, so a clean result is not a view that left the
// hostile text out (as the browser serialises it: < as &lt;).
var xssShown = map[string][]string{
	"/":                               {`XSS portret "&gt;&lt;img src=x onerror=alert(1)&gt;`},
	"/recent":                         {`XSS svg "&gt;&lt;img`},
	"/themes":                         {`XSS mathml "&gt;&lt;img`},
	"/zoeken?q=alert":                 {`href="/themes/xss-`, "<mark>"},
	"/themes/xss-doel":                {`class="graph"`, `&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;`, `<q>Nu met`, `&lt;img src=x onerror=alert(1)&gt;`},
	"/portraits/xss-portret/verschil": {`&lt;iframe srcdoc=`},
}

// xssVisit opens url, lets then do its part (nil: nothing), moves the real mouse over the
// rendered text (when realMouse), pokes every element, and returns what happened, together
// with what the browser reported on its own.
func xssVisit(t *testing.T, ctx context.Context, w *xssWatch, url string, realMouse bool, then func(*testing.T, context.Context)) xssSeen {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady("main")); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	if then != nil {
		then(t, ctx)
	}
	if realMouse {
		for _, b := range eval[[][2]float64](t, ctx, xssContentBoxes) {
			if err := chromedp.Do(ctx, chromedp.MouseEvent("mouseMoved", b[0], b[1])); err != nil {
				t.Fatalf("hover on %s: %v", url, err)
			}
		}
	}
	awaitEval[int](t, ctx, xssPoke)
	seen := eval[xssSeen](t, ctx, xssState)
	seen.Reported = w.take()
	return seen
}

// xssPreview asks the editor for its live preview and waits for it.
func xssPreview(t *testing.T, ctx context.Context) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("button[data-preview]")),
		chromedp.WaitVisible(chromedp.CSS("#voorbeeld-paneel .prose")),
	)
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
}

// xssReport fails on anything that ran, a page that went elsewhere, or rendered user text or a
// page that holds executable markup; it collects CSP violations.
func xssReport(t *testing.T, pass, what, path string, seen xssSeen, violations *[]string) {
	t.Helper()
	for _, r := range append(seen.Ran, seen.Reported...) {
		t.Errorf("%s, %s: script ran: %s", pass, what, r)
	}
	if want := strings.SplitN(path, "?", 2)[0]; seen.Path != want {
		t.Errorf("%s, %s: the page went to %s", pass, what, seen.Path)
	}
	for _, p := range seen.Prose {
		if problems := xsscorpus.Check(p); len(problems) > 0 {
			t.Errorf("%s, %s: the rendered text in the browser holds %s", pass, what, strings.Join(problems, "; "))
		}
	}
	if problems := xsscorpus.CheckPage(seen.Page); len(problems) > 0 {
		t.Errorf("%s, %s: the page holds %s", pass, what, strings.Join(problems, "; "))
	}
	for _, v := range seen.CSP {
		*violations = append(*violations, what+": "+v)
	}
}

// awaitEval evaluates js and waits for the promise it returns.
func awaitEval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%.200s: %v", js, err)
	}
	return v
}

// yamlQuote writes s as a YAML double-quoted string.
func yamlQuote(s string) string {
	b, _ := json.Marshal(s) // JSON strings are YAML double-quoted strings
	return string(b)
}

func mustRef(t *testing.T, path string) wiki.Ref {
	t.Helper()
	r, err := wiki.RefFromPath(path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
