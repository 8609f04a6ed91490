// Package e2e drives the real server in a real headless Chromium (Debian's package), the way a
// team member uses it: typing, clicking, two people editing at once. axe-core checks the main
// views for accessibility problems in the same browser.
package e2e

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/web"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// server is a real Leefwereld server on a loopback port with a fresh workspace and its own
// accounts database.
type server struct {
	URL      string
	WS       *workspace.Workspace
	Accounts *accounts.Store

	mu     sync.Mutex
	people int // browsers signed in so far; each is another person
}

// testPassword is the password of every person the browsers sign in as.
const testPassword = "een lang genoeg wachtwoord"

// people are who the browsers of one test are, in the order newBrowser opens them: each a
// schrijver and beheerder of ons-team.
var people = []string{"Anna", "Bob", "Carla", "Daan"}

// servers remembers the server of each running test, so newBrowser(t) can sign its person in
// there without every test passing the server along.
var servers sync.Map // test name → *server

func startServer(t *testing.T) *server { return startServerWith(t, nil) }

// startServerWith starts the server with extra options for its workspace (a search index).
func startServerWith(t *testing.T, extra func(*workspace.Workspace) []web.Option) *server {
	t.Helper()
	ws, err := workspace.Create(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := accounts.Open(ws.Dir(), accounts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts := []web.Option{web.WithAccounts(st)}
	if extra != nil {
		opts = append(opts, extra(ws)...)
	}
	app, err := web.New(ws, opts...)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go app.Listener(ln)
	srv := &server{URL: "http://" + ln.Addr().String(), WS: ws, Accounts: st}
	servers.Store(t.Name(), srv)
	t.Cleanup(func() {
		servers.Delete(t.Name())
		_ = app.ShutdownWithTimeout(5 * time.Second)
		ln.Close()
		st.Close()
		ws.Close()
	})
	return srv
}

// serverOf is the server the test (or its parent test) started.
func serverOf(t *testing.T) *server {
	for name := t.Name(); ; {
		if v, ok := servers.Load(name); ok {
			return v.(*server)
		}
		i := strings.LastIndex(name, "/")
		if i < 0 {
			return nil
		}
		name = name[:i]
	}
}

// signIn makes the next person's account and logs in through the login page, as they would.
func (srv *server) signIn(t *testing.T, ctx context.Context) {
	t.Helper()
	srv.mu.Lock()
	display := people[srv.people%len(people)]
	srv.people++
	srv.mu.Unlock()
	name := strings.ToLower(display)
	if _, err := srv.Accounts.Add(accounts.NewAccount{Name: name, Display: display, Password: testPassword,
		Roles: []access.Role{access.Schrijver, access.Beheerder}, Teams: []wiki.Slug{"ons-team"}}); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/inloggen"),
		chromedp.WaitVisible(chromedp.CSS("#login-naam")),
		chromedp.SetValue(chromedp.CSS("#login-naam"), name),
		chromedp.SetValue(chromedp.CSS("#login-wachtwoord"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/inloggen"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.account-nav a[href="/account"]`)),
	)
	if err != nil {
		t.Fatalf("e2e: sign in as %s: %v", name, err)
	}
}

// display is the name the history shows for a commit's author.
func (srv *server) display(a store.Author) string {
	if name, ok := srv.Accounts.Display(a.Email); ok {
		return name
	}
	return a.Name
}

// chromiumPath finds Debian's chromium; .ci/run installs it (apt-get install chromium).
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("LEEFWERELD_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("e2e: no Chromium found; install it with `apt-get install chromium` (.ci/run does) or set LEEFWERELD_CHROMIUM")
	return ""
}

// newBrowser starts a headless Chromium with its own profile; each call is a separate person
// (own cookies), signed in through the login page of the test's server (Anna, then Bob …).
// The flags keep it from calling home, which this machine's network refuses.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("e2e: start chromium: %v", err)
	}
	if srv := serverOf(t); srv != nil {
		srv.signIn(t, ctx)
	}
	return ctx
}

// axeSource is axe-core's axe.min.js, installed by .ci/run from the npm registry.
func axeSource(t *testing.T) string {
	t.Helper()
	p := os.Getenv("LEEFWERELD_AXE")
	if p == "" {
		p = filepath.Join(os.Getenv("HOME"), ".cache", "leefwereld-e2e", "node_modules", "axe-core", "axe.min.js")
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("e2e: axe-core not found at %s (.ci/run installs it: npm install --prefix ~/.cache/leefwereld-e2e axe-core): %v", p, err)
	}
	return string(data)
}

// axeViolation is what axe reports per rule.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// serious returns axe's serious and critical violations on the current page.
func serious(t *testing.T, ctx context.Context, axe string) []axeViolation {
	t.Helper()
	script := axe + `;axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => r.violations)`
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe: %v", err)
	}
	var out []axeViolation
	for _, v := range violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			out = append(out, v)
		}
	}
	return out
}

// checkAccessibility runs axe-core on the current page (WCAG 2.1 A and AA rules) and fails on
// serious and critical violations. Runtime.evaluate is not bound by the page's CSP.
func checkAccessibility(t *testing.T, ctx context.Context, axe, where string) {
	t.Helper()
	for _, v := range serious(t, ctx, axe) {
		var targets []string
		for _, n := range v.Nodes {
			targets = append(targets, fmt.Sprint(n.Target...))
		}
		t.Errorf("axe on %s: %s (%s): %s — %s", where, v.ID, v.Impact, v.Help, strings.Join(targets, ", "))
	}
}

func TestAccessibilityOfMainViews(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t)
	axe := axeSource(t)
	// The checker itself must catch a known problem, or a pass means nothing.
	if err := chromedp.Do(ctx, chromedp.Navigate(`data:text/html,<html lang="nl"><title>x</title><img src="x.png"></html>`)); err != nil {
		t.Fatal(err)
	}
	if v := serious(t, ctx, axe); len(v) == 0 || v[0].ID != "image-alt" {
		t.Fatalf("axe did not report an image without alt text: %+v", v)
	}
	for _, path := range []string{"/", "/themes/schaamte", "/nieuw/portrait", "/themes/schaamte/bewerken",
		"/themes/schaamte/geschiedenis", "/recent", "/bestaat-niet", "/teams/ons-team", "/teams/ons-team/overzicht"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitReady("body")); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
		checkAccessibility(t, ctx, axe, path)
	}
}
