package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/password"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// testApp is a real server on a real workspace (git repository in a temp dir) with a real
// accounts database beside it, driven through app.Test. It keeps cookies like a browser and
// is signed in through the login page, like a person: as Anna, schrijver and beheerder of
// ons-team, unless a test signs in as someone else (signIn, as).
type testApp struct {
	t        *testing.T
	app      *fiber.App
	ws       *workspace.Workspace
	accounts *accounts.Store
	clock    *fakeClock
	opts     []Option // what New was given besides the accounts and the clock
	cookies  map[string]string
	csrf     string // the session's CSRF token, read from a form as a browser has it
	name     string // who signed in
	token    string // their API token, made when a test first calls the API as a script
}

// fakeClock is the time of the accounts store and the login throttle: tests move it instead
// of sleeping.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// cheapHash is a real argon2id cost, small enough that every test can sign people in.
var cheapHash = password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// testPassword is every test account's password.
const testPassword = "een lang genoeg wachtwoord"

func newTestApp(t *testing.T, opts ...Option) *testApp {
	t.Helper()
	ws, err := workspace.Create(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	return newTestAppOn(t, ws, opts...)
}

// newTestAppOn is newTestApp on a workspace the test made itself; the app closes it.
func newTestAppOn(t *testing.T, ws *workspace.Workspace, opts ...Option) *testApp {
	t.Helper()
	t.Cleanup(func() { ws.Close() })
	clock := &fakeClock{t: time.Now()}
	st, err := accounts.Open(ws.Dir(), accounts.Options{Now: clock.now, Password: cheapHash})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := &testApp{t: t, ws: ws, accounts: st, clock: clock, cookies: map[string]string{}}
	a.rebuild(opts...)
	a.user("anna", "Anna de Vries", []access.Role{access.Schrijver, access.Beheerder}, "ons-team")
	a.signIn("anna")
	return a
}

// rebuild makes the app again with other options (a search index, a base URL), on the same
// workspace and accounts; the browser's cookies, and so its session, stay valid.
func (a *testApp) rebuild(opts ...Option) {
	a.t.Helper()
	a.opts = opts
	app, err := New(a.ws, append([]Option{WithAccounts(a.accounts), WithClock(a.clock.now)}, opts...)...)
	if err != nil {
		a.t.Fatal(err)
	}
	a.app = app
}

// user makes an account with testPassword.
func (a *testApp) user(name, display string, roles []access.Role, teams ...wiki.Slug) accounts.Account {
	a.t.Helper()
	acc, err := a.accounts.Add(accounts.NewAccount{Name: name, Display: display, Password: testPassword, Roles: roles, Teams: teams})
	if err != nil {
		a.t.Fatal(err)
	}
	return acc
}

// join adds a team to the signed-in account (Anna's, unless the test signed in as another);
// it counts from the next request on.
func (a *testApp) join(name string, teams ...wiki.Slug) {
	a.t.Helper()
	acc, err := a.accounts.Get(name)
	if err != nil {
		a.t.Fatal(err)
	}
	if _, err := a.accounts.SetTeams(name, append(acc.Teams, teams...)); err != nil {
		a.t.Fatal(err)
	}
}

// browser is another browser (own cookies, not signed in) on the same server.
func (a *testApp) browser() *testApp {
	b := *a
	b.cookies, b.csrf, b.name, b.token = map[string]string{}, "", "", ""
	return &b
}

// as is another browser signed in as name.
func (a *testApp) as(name string) *testApp {
	a.t.Helper()
	b := a.browser()
	b.signIn(name)
	return b
}

// signIn logs in through the login page, as a person does: the form's token, the name and
// password, the redirect; then it reads the session's CSRF token from a form.
func (a *testApp) signIn(name string) {
	a.t.Helper()
	if resp, body := a.login(name, testPassword); resp.StatusCode != http.StatusSeeOther {
		a.t.Fatalf("sign in as %s: %d\n%.500s", name, resp.StatusCode, body)
	}
	a.name, a.token = name, ""
	a.readCSRF()
}

// apiToken is a personal API token of the signed-in person.
func (a *testApp) apiToken() string {
	a.t.Helper()
	if a.token == "" {
		secret, _, err := a.accounts.CreateToken(a.name)
		if err != nil {
			a.t.Fatal(err)
		}
		a.token = secret
	}
	return a.token
}

// login posts the login form with the token of a fresh login page.
func (a *testApp) login(name, pw string) (*http.Response, string) {
	a.t.Helper()
	_, page := a.get("/inloggen")
	form := url.Values{"naam": {name}, "wachtwoord": {pw}, "_csrf": {formToken(page)}}
	req := httptest.NewRequest(http.MethodPost, "/inloggen", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return a.do(req)
}

// readCSRF takes the session's CSRF token from the account page, as a browser has it.
func (a *testApp) readCSRF() {
	a.t.Helper()
	resp, body := a.get("/account")
	if resp.StatusCode != 200 {
		a.t.Fatalf("account page: %d", resp.StatusCode)
	}
	a.csrf = formToken(body)
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// formToken is the _csrf field of the first form in a page.
func formToken(page string) string {
	if m := csrfField.FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return ""
}

// display is the name the history shows for a commit's author.
func (a *testApp) display(au store.Author) string {
	if name, ok := a.accounts.Display(au.Email); ok {
		return name
	}
	return au.Name
}

// do sends a request and returns the response and its body.
func (a *testApp) do(req *http.Request) (*http.Response, string) {
	a.t.Helper()
	for k, v := range a.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	resp, err := a.app.Test(req, -1)
	if err != nil {
		a.t.Fatal(err)
	}
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(a.cookies, c.Name)
		} else {
			a.cookies[c.Name] = c.Value
		}
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

func (a *testApp) get(path string) (*http.Response, string) {
	a.t.Helper()
	return a.do(httptest.NewRequest(http.MethodGet, path, nil))
}

// post submits a form with the CSRF token a browser would have (unless the form has one).
func (a *testApp) post(path string, form url.Values) (*http.Response, string) {
	a.t.Helper()
	if !form.Has("_csrf") {
		form.Set("_csrf", a.csrf)
	}
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return a.do(req)
}

func TestHomeAndSecurityHeaders(t *testing.T) {
	a := newTestApp(t)
	resp, body := a.get("/")
	if resp.StatusCode != 200 || !strings.Contains(body, `<a href="/themes/schaamte">Schaamte</a>`) {
		t.Fatalf("home: %d\n%.300s", resp.StatusCode, body)
	}
	for h, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
	} {
		if !strings.Contains(resp.Header.Get(h), want) {
			t.Errorf("%s = %q", h, resp.Header.Get(h))
		}
	}
	etag := resp.Header.Get("ETag")
	if etag == "" || strings.HasPrefix(etag, "W/") {
		t.Fatalf("no strong ETag: %q", etag)
	}
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("If-None-Match", etag)
	if resp, _ := a.do(req); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", resp.StatusCode)
	}
}

func TestPostWithoutCSRFIsRefused(t *testing.T) {
	a := newTestApp(t)
	a.app.Post("/proef", func(c *fiber.Ctx) error { return c.SendString("ok") })
	req := httptest.NewRequest(http.MethodPost, "/proef", strings.NewReader("x=1"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, body := a.do(req)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Je tekst staat nog in het vorige scherm") {
		t.Errorf("POST without token: %d %.200s", resp.StatusCode, body)
	}
	if resp, _ := a.post("/proef", url.Values{"x": {"1"}, "_csrf": {"verzonnen"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST with a made-up token: %d", resp.StatusCode)
	}
	if resp, body := a.post("/proef", url.Values{"x": {"1"}}); resp.StatusCode != 200 || body != "ok" {
		t.Errorf("POST with token: %d %q", resp.StatusCode, body)
	}
	// Another person's token is no good in this session.
	a.user("bob", "Bob", nil, "ons-team")
	other := a.as("bob")
	if resp, _ := a.post("/proef", url.Values{"x": {"1"}, "_csrf": {other.csrf}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST with someone else's token: %d", resp.StatusCode)
	}
}

func TestStaticAssetsAreHashedAndCached(t *testing.T) {
	a := newTestApp(t)
	s, _ := loadAssets()
	css, err := s.url("style.css")
	if err != nil {
		t.Fatal(err)
	}
	resp, body := a.get(css)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") || !strings.Contains(body, "--accent") {
		t.Errorf("GET %s: %d %v", css, resp.StatusCode, resp.Header)
	}
	if resp, _ := a.get("/static/style.css"); resp.StatusCode != 404 {
		t.Errorf("unhashed name: %d", resp.StatusCode)
	}
}

func TestNotFoundIsDutchHTMLAndJSONForAPI(t *testing.T) {
	a := newTestApp(t)
	resp, body := a.get("/bestaat/niet/echt")
	if resp.StatusCode != 404 || !strings.Contains(body, "Niet gevonden") {
		t.Errorf("404 page: %d %.300s", resp.StatusCode, body)
	}
	resp, body = a.get("/api/onbekend")
	if resp.StatusCode != 404 || !strings.Contains(resp.Header.Get("Content-Type"), "json") || !strings.Contains(body, `"code":"not-found"`) {
		t.Errorf("API 404: %d %s", resp.StatusCode, body)
	}
}
