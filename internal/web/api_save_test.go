package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// saveBody is a PUT body as a script writes it.
func saveBody(t *testing.T, fields map[string]any) string {
	t.Helper()
	b, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const portraitText = "---\ntitle: Sam, 11 jaar\nteam: ons-team\n---\nSam houdt van [[voetbal]].\n"

// threeParagraphs is a page with room for two people to edit apart, with links (a merge
// checks the merged text, links included).
const threeParagraphs = "---\ntitle: Sam, 11 jaar\nteam: ons-team\n---\nEen, zie [[schaamte]].\n\nTwee.\n\nDrie.\n"

func TestAPIPutCreate(t *testing.T) {
	for _, tc := range []struct {
		name, author string
	}{
		{"named author (checked, not used: the token's account writes)", "Iemand Anders"},
		{"no author", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newTestApp(t)
			resp, body := a.putJSON("/api/pages/portraits/sam", "application/json; charset=utf-8",
				saveBody(t, map[string]any{"text": portraitText, "base": "", "message": "Eerste versie", "author": tc.author}))
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("PUT: %d %s", resp.StatusCode, body)
			}
			if loc := resp.Header.Get("Location"); loc != "/api/pages/portrait/sam" {
				t.Errorf("Location %q", loc)
			}
			m := jsonBody(t, resp, body)
			f, err := a.ws.Store.Read("portraits/sam.md", "")
			if err != nil || string(f.Content) != portraitText {
				t.Fatalf("stored %q, %v", f.Content, err)
			}
			if m["revision"] != f.Blob || m["commit"] != f.Commit || m["merged"] != false || m["unchanged"] != false {
				t.Errorf("response %s, stored blob %s commit %s", body, f.Blob, f.Commit)
			}
			warned := false
			for _, p := range m["problems"].([]any) {
				p := p.(map[string]any)
				warned = warned || (p["code"] == "link.missing" && p["severity"] == "warning" && p["line"] == 5.0)
			}
			if !warned {
				t.Errorf("want a warning about [[voetbal]]: %s", body)
			}
			log, _ := a.ws.Store.Log(1)
			if a.display(log[0].Author) != "Anna de Vries" || log[0].Message != "Eerste versie" {
				t.Errorf("commit by %q: %q", log[0].Author.Name, log[0].Message)
			}
			// The new page is in the link index at once: a GET of a page linking to it has no warning.
			if _, body := a.get("/api/pages/portrait/sam"); !strings.Contains(body, `"title":"Sam, 11 jaar"`) {
				t.Errorf("GET after PUT: %.200s", body)
			}
		})
	}
}

func TestAPIPutUpdateAndMerge(t *testing.T) {
	a := newTestApp(t)
	ref := wiki.Ref{Kind: wiki.Portrait, Slug: "sam"}
	first := a.save(ref, threeParagraphs, "", "Anna")

	// An update with the current base.
	second := strings.Replace(threeParagraphs, "Een,", "Een, twee, drie,", 1)
	resp, body := a.putJSON("/api/pages/portrait/sam", "application/json",
		saveBody(t, map[string]any{"text": second, "base": first.Blob, "author": "Karim"}))
	m := jsonBody(t, resp, body)
	if resp.StatusCode != 200 || m["merged"] != false || m["unchanged"] != false {
		t.Fatalf("update: %d %s", resp.StatusCode, body)
	}
	// The same text again changes nothing.
	resp, body = a.putJSON("/api/pages/portrait/sam", "application/json",
		saveBody(t, map[string]any{"text": second, "base": m["revision"]}))
	if m := jsonBody(t, resp, body); resp.StatusCode != 200 || m["unchanged"] != true {
		t.Errorf("same text: %d %s", resp.StatusCode, body)
	}
	// A stale base, but another paragraph: merged.
	stale := strings.Replace(threeParagraphs, "Drie.", "Drie en vier.", 1)
	resp, body = a.putJSON("/api/pages/portrait/sam", "application/json",
		saveBody(t, map[string]any{"text": stale, "base": first.Blob, "author": "Mo"}))
	m = jsonBody(t, resp, body)
	if resp.StatusCode != 200 || m["merged"] != true {
		t.Fatalf("stale base: %d %s", resp.StatusCode, body)
	}
	f, _ := a.ws.Store.Read("portraits/sam.md", "")
	if want := strings.Replace(second, "Drie.", "Drie en vier.", 1); string(f.Content) != want || m["revision"] != f.Blob {
		t.Errorf("merged text %q, want %q", f.Content, want)
	}
}

func TestAPIPutConflict(t *testing.T) {
	a := newTestApp(t)
	ref := wiki.Ref{Kind: wiki.Portrait, Slug: "sam"}
	first := a.save(ref, threeParagraphs, "", "Anna")
	theirs := strings.Replace(threeParagraphs, "Twee.", "Twee, zei Anna.", 1)
	now := a.save(ref, theirs, first.Blob, "Anna")
	before := a.state("portraits/sam.md")

	mine := strings.Replace(threeParagraphs, "Twee.", "Twee, zei Karim.", 1)
	resp, body := a.putJSON("/api/pages/portrait/sam", "application/json",
		saveBody(t, map[string]any{"text": mine, "base": first.Blob, "author": "Karim"}))
	m := jsonBody(t, resp, body)
	if resp.StatusCode != http.StatusConflict || m["code"] != "conflict" || m["reason"] != "changed" ||
		!strings.Contains(m["message"].(string), "Er is niets opgeslagen") {
		t.Fatalf("conflict: %d %s", resp.StatusCode, body)
	}
	if m["mine"] != mine || m["theirs"] != theirs || m["base"] != threeParagraphs || m["theirs_revision"] != now.Blob {
		t.Errorf("sides: %s", body)
	}
	conflicts := 0
	for _, h := range m["hunks"].([]any) {
		if h := h.(map[string]any); h["conflict"] == true {
			conflicts++
			if h["kind"] != "conflict" || h["mine"].([]any)[0] != "Twee, zei Karim.\n" {
				t.Errorf("hunk %#v", h)
			}
		}
	}
	if conflicts != 1 {
		t.Errorf("%d conflicting hunks: %s", conflicts, body)
	}
	if after := a.state("portraits/sam.md"); after != before {
		t.Errorf("a conflict changed the repository: %+v → %+v", before, after)
	}

	// An empty base for a page that exists is a conflict too, with its own message.
	resp, body = a.putJSON("/api/pages/portrait/sam", "application/json", saveBody(t, map[string]any{"text": mine}))
	m = jsonBody(t, resp, body)
	if resp.StatusCode != http.StatusConflict || m["reason"] != "exists" || !strings.Contains(m["message"].(string), "bestaat al") ||
		m["theirs_revision"] != now.Blob {
		t.Errorf("exists: %d %s", resp.StatusCode, body)
	}
	if after := a.state("portraits/sam.md"); after != before {
		t.Errorf("an exists conflict changed the repository")
	}
}

func TestAPIPutInvalidFrontMatter(t *testing.T) {
	a := newTestApp(t)
	before := a.state("portraits/sam.md")
	text := "---\ntitle: Sam\nteam: ons-team\nfavoriet: pizza\nstatus: klaar\n---\nTekst.\n"
	resp, body := a.putJSON("/api/pages/portrait/sam", "application/json", saveBody(t, map[string]any{"text": text}))
	m := jsonBody(t, resp, body)
	if resp.StatusCode != http.StatusUnprocessableEntity || m["code"] != "invalid" || !strings.Contains(m["message"].(string), "niet opgeslagen") {
		t.Fatalf("invalid: %d %s", resp.StatusCode, body)
	}
	fields := map[string]float64{}
	for _, p := range m["problems"].([]any) {
		p := p.(map[string]any)
		if p["severity"] != "error" || p["file"] != "portraits/sam.md" || p["message"] == "" {
			t.Errorf("problem %#v", p)
		}
		f, _ := p["field"].(string)
		fields[f], _ = p["line"].(float64)
	}
	if fields["favoriet"] != 4 || fields["status"] != 5 {
		t.Errorf("want favoriet on line 4 and status on line 5: %s", body)
	}
	if after := a.state("portraits/sam.md"); after != before {
		t.Errorf("an invalid page changed the repository")
	}
}

func TestAPIPutBadRequests(t *testing.T) {
	a := newTestApp(t)
	cur, _ := a.ws.Store.Read("themes/schaamte.md", "")
	changed := string(cur.Content) + "\nEen zin erbij.\n"
	good := func(extra map[string]any) string {
		f := map[string]any{"text": changed, "base": cur.Blob}
		for k, v := range extra {
			f[k] = v
		}
		return saveBody(t, f)
	}
	for _, tc := range []struct {
		name, path, ctype, body string
		status                  int
		code, text              string
	}{
		{"malformed JSON", "/api/pages/theme/schaamte", "application/json", `{"text": "---`, 400, "bad-json", "JSON"},
		{"syntax error", "/api/pages/theme/schaamte", "application/json", `{"text" "x"}`, 400, "bad-json", "klopt niet"},
		{"empty body", "/api/pages/theme/schaamte", "application/json", ``, 400, "bad-json", "leeg"},
		{"unknown field", "/api/pages/theme/schaamte", "application/json", good(map[string]any{"tekst": "x"}), 400, "bad-json", `Het veld "tekst" kennen we niet`},
		{"text not a string", "/api/pages/theme/schaamte", "application/json", `{"text": 12}`, 400, "bad-json", "moet tekst zijn"},
		{"an array", "/api/pages/theme/schaamte", "application/json", `[1, 2]`, 400, "bad-json", "één JSON-object"},
		{"two objects", "/api/pages/theme/schaamte", "application/json", good(nil) + `{}`, 400, "bad-json", "nog meer tekst"},
		{"missing text", "/api/pages/theme/schaamte", "application/json", `{"base": "` + cur.Blob + `"}`, 400, "missing-text", "text ontbreekt"},
		{"bad base", "/api/pages/theme/schaamte", "application/json", good(map[string]any{"base": "HEAD~1"}), 400, "bad-base", "revision"},
		{"form instead of JSON", "/api/pages/theme/schaamte", "application/x-www-form-urlencoded", "text=x", 400, "content-type", "Content-Type: application/json"},
		{"no content type", "/api/pages/theme/schaamte", "", good(nil), 400, "content-type", "als JSON"},
		{"author with newline", "/api/pages/theme/schaamte", "application/json", good(map[string]any{"author": "Anna\nB"}), 400, "bad-author", "regeleinden"},
		{"author too long", "/api/pages/theme/schaamte", "application/json", good(map[string]any{"author": strings.Repeat("a", 101)}), 400, "bad-author", "te lang"},
		{"unknown kind", "/api/pages/dingen/schaamte", "application/json", good(nil), 400, "bad-kind", "soort pagina"},
		{"bad slug", "/api/pages/theme/..", "application/json", good(nil), 400, "bad-slug", "klopt niet"},
		{"too big", "/api/pages/theme/schaamte", "application/json", good(map[string]any{"text": changed + strings.Repeat("x", maxAPIBody)}), 413, "too-large", "te groot"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := a.state("themes/schaamte.md")
			resp, body := a.putJSON(tc.path, tc.ctype, tc.body)
			m := jsonBody(t, resp, body)
			msg, _ := m["message"].(string)
			if resp.StatusCode != tc.status || m["code"] != tc.code || !strings.Contains(msg, tc.text) {
				t.Errorf("%d %s, want %d %s %q", resp.StatusCode, body, tc.status, tc.code, tc.text)
			}
			if after := a.state("themes/schaamte.md"); after != before {
				t.Errorf("a refused request changed the repository")
			}
		})
	}
	// Sanity: the good body itself is accepted.
	if resp, body := a.putJSON("/api/pages/theme/schaamte", "application/json", good(nil)); resp.StatusCode != 200 {
		t.Errorf("good body: %d %s", resp.StatusCode, body)
	}
}

func TestAPIPutCompressedBodyIsRefused(t *testing.T) {
	a := newTestApp(t)
	before := a.state("themes/schaamte.md")
	req := httptestPut("/api/pages/theme/schaamte", `{"text":"x"}`)
	req.Header.Set("Content-Encoding", "gzip")
	req.Header.Set("Authorization", "Bearer "+a.apiToken())
	resp, body := a.do(req)
	if m := jsonBody(t, resp, body); resp.StatusCode != 400 || m["code"] != "content-encoding" {
		t.Errorf("gzip: %d %s", resp.StatusCode, body)
	}
	if a.state("themes/schaamte.md") != before {
		t.Errorf("changed the repository")
	}
}

func httptestPut(path, body string) *http.Request {
	req := httptest.NewRequest(http.MethodPut, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}
