package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/workspace"
)

// testApp is a real server on a real workspace (git repository in a temp dir), driven through
// app.Test. It keeps cookies like a browser, so forms pass the CSRF check.
type testApp struct {
	t       *testing.T
	app     *fiber.App
	ws      *workspace.Workspace
	cookies map[string]string
}

func newTestApp(t *testing.T) *testApp {
	t.Helper()
	ws, err := workspace.Create(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	app, err := New(ws)
	if err != nil {
		t.Fatal(err)
	}
	return &testApp{t: t, app: app, ws: ws, cookies: map[string]string{}}
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
		a.cookies[c.Name] = c.Value
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

func (a *testApp) get(path string) (*http.Response, string) {
	a.t.Helper()
	return a.do(httptest.NewRequest(http.MethodGet, path, nil))
}

// post submits a form with the CSRF token a browser would have.
func (a *testApp) post(path string, form url.Values) (*http.Response, string) {
	a.t.Helper()
	if a.cookies["lw_csrf"] == "" {
		a.get("/")
	}
	form.Set("_csrf", a.cookies["lw_csrf"])
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
	if resp, body := a.post("/proef", url.Values{"x": {"1"}}); resp.StatusCode != 200 || body != "ok" {
		t.Errorf("POST with token: %d %q", resp.StatusCode, body)
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
