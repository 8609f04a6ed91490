package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// putJSON sends a PUT with a JSON body, as a script would (no cookies needed).
// putJSON sends a PUT as a script does: with the signed-in person's API token.
func (a *testApp) putJSON(path, contentType, body string) (*http.Response, string) {
	a.t.Helper()
	req := httptest.NewRequest(http.MethodPut, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Authorization", "Bearer "+a.apiToken())
	return a.do(req)
}

// jsonBody decodes a response body into a map, failing the test on anything but JSON.
func jsonBody(t *testing.T, resp *http.Response, body string) map[string]any {
	t.Helper()
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("Content-Type %q, want JSON: %.300s", resp.Header.Get("Content-Type"), body)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("not JSON: %v\n%.300s", err, body)
	}
	return m
}

// repoState is what must not move when a request is refused: the head and one page's text.
type repoState struct{ head, content string }

func (a *testApp) state(path string) repoState {
	a.t.Helper()
	head, err := a.ws.Store.Head()
	if err != nil {
		a.t.Fatal(err)
	}
	f, err := a.ws.Store.Read(path, "")
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		a.t.Fatal(err)
	}
	return repoState{head, string(f.Content)}
}

// save commits a page straight through the workspace, as another user would.
func (a *testApp) save(ref wiki.Ref, text, base, who string) store.SaveResult {
	a.t.Helper()
	res, _, err := a.ws.Save(ref, []byte(text), base, store.Author{Name: who, Email: "x@leefwereld.invalid"}, "")
	if err != nil {
		a.t.Fatalf("save %s: %v", ref, err)
	}
	return res
}

func TestAPIGetPage(t *testing.T) {
	a := newTestApp(t)
	want, err := a.ws.Store.Read("themes/schaamte.md", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/pages/theme/schaamte", "/api/pages/themes/schaamte"} {
		resp, body := a.get(path)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
		}
		m := jsonBody(t, resp, body)
		for k, v := range map[string]any{"kind": "theme", "slug": "schaamte", "path": "themes/schaamte.md",
			"url": "/themes/schaamte", "title": "Schaamte", "revision": want.Blob, "commit": want.Commit,
			"text": string(want.Content)} {
			if m[k] != v {
				t.Errorf("GET %s: %s = %#v, want %#v", path, k, m[k], v)
			}
		}
		meta, _ := m["meta"].(map[string]any)
		if meta["title"] != "Schaamte" || meta["group"] == nil {
			t.Errorf("meta = %#v", m["meta"])
		}
		if b, _ := m["body"].(string); b == "" || strings.HasPrefix(b, "---") || !strings.Contains(string(want.Content), b) {
			t.Errorf("body = %.100q", m["body"])
		}
		if _, ok := m["problems"].([]any); !ok {
			t.Errorf("problems is not an array: %#v", m["problems"])
		}
	}
}

func TestAPIGetPageProblemsAndMeta(t *testing.T) {
	a := newTestApp(t)
	a.save(wiki.Ref{Kind: wiki.Case, Slug: "sam-groep-7"}, "---\ntitle: Sam (groep 7)\nteam: ons-team\nportraits: [sam]\n"+
		"themes:\n  - {slug: schaamte, why: vertelt niets}\nkeep-until: 2029-08-01\n---\nZie [[bestaat-niet]].\n", "", "Anna")
	resp, body := a.get("/api/pages/cases/sam-groep-7")
	m := jsonBody(t, resp, body)
	meta := m["meta"].(map[string]any)
	if meta["keep-until"] != "2029-08-01" || meta["portraits"].([]any)[0] != "sam" ||
		meta["themes"].([]any)[0].(map[string]any)["why"] != "vertelt niets" {
		t.Errorf("meta = %#v", meta)
	}
	probs := m["problems"].([]any)
	seen := map[string]bool{}
	for _, p := range probs {
		p := p.(map[string]any)
		seen[p["severity"].(string)+" "+p["code"].(string)] = true
		if p["file"] != "cases/sam-groep-7.md" || p["message"] == "" {
			t.Errorf("problem %#v", p)
		}
	}
	if !seen["warning link.missing"] || !seen["hint case.few-themes"] {
		t.Errorf("problems %s", body)
	}
}

func TestAPIGetPageErrors(t *testing.T) {
	a := newTestApp(t)
	for _, tc := range []struct {
		path   string
		status int
		code   string
		text   string
	}{
		{"/api/pages/dingen/schaamte", 400, "bad-kind", "soort pagina kennen we niet"},
		{"/api/pages/theme/Schaamte_X", 400, "bad-slug", "adres van een pagina klopt niet"},
		{"/api/pages/theme/bestaat-niet", 404, "not-found", "bestaat (nog) niet"},
		{"/api/pages/theme/schaamte?rev=zzzz", 400, "bad-request", "klopt niet"},
		{"/api/pages/theme/bestaat-niet/history", 404, "not-found", "bestaat (nog) niet"},
		{"/api/pages/dingen/schaamte/history", 400, "bad-kind", "soort pagina"},
	} {
		resp, body := a.get(tc.path)
		m := jsonBody(t, resp, body)
		if resp.StatusCode != tc.status || m["code"] != tc.code || !strings.Contains(m["message"].(string), tc.text) {
			t.Errorf("GET %s: %d %s", tc.path, resp.StatusCode, body)
		}
	}
}

func TestHealthHasHead(t *testing.T) {
	a := newTestApp(t)
	head, _ := a.ws.Store.Head()
	resp, body := a.get("/healthz")
	m := jsonBody(t, resp, body)
	if resp.StatusCode != 200 || m["status"] != "ok" || m["head"] != head {
		t.Errorf("healthz: %d %s", resp.StatusCode, body)
	}
}
