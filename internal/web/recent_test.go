package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestRecentAndFeed: the workspace's recent changes as a page and as an Atom feed.
func TestRecentAndFeed(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	_, v2, v3 := threeVersions(t, a)
	t.Run("page", func(t *testing.T) { checkRecentPage(t, a, v2) })
	t.Run("feed", func(t *testing.T) { checkFeed(t, a, v2, v3) })
}

func checkRecentPage(t *testing.T, a *testApp, v2 string) {
	resp, body := a.get("/recent")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d\n%s", resp.StatusCode, body)
	}
	order := []string{"Bea", "Karim", "Club in plaats van school", `<a href="/themes/proef">Proef</a>`,
		`href="/themes/proef/verschil?naar=` + v2 + `"`, "Anna de Vries", "Eerste versie"}
	at := 0
	for _, want := range order {
		i := strings.Index(body[at:], want)
		if i < 0 {
			t.Fatalf("%q missing or out of order after byte %d\n%s", want, at, body)
		}
		at += i + len(want)
	}
	// The starter library commit touches dozens of pages: ten are listed.
	if !strings.Contains(body, "en nog ") || strings.Contains(body, "Oudere wijzigingen") {
		t.Errorf("starter commit or pager:\n%s", body)
	}
	if !strings.Contains(body, `href="/recent.atom"`) {
		t.Error("no link to the feed")
	}
}

func TestRecentChangesPagesBy50(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	for i := 1; i <= 55; i++ {
		lbSave(t, a, proef, themeText("Proef", fmt.Sprintf("Versie %d.\n", i)), "Anna", fmt.Sprintf("Stap %d", i))
	}
	_, body := a.get("/recent")
	if n := strings.Count(body, `<li class="change">`); n != 50 {
		t.Errorf("first page: %d commits, want 50", n)
	}
	log, _ := a.ws.Store.Log(0)
	older := `href="/recent?voor=` + log[49].Hash + `"`
	if !strings.Contains(body, older) || !strings.Contains(body, "Stap 55") || strings.Contains(body, "Stap 5<") {
		t.Fatalf("first page: no %s\n%.2000s", older, body)
	}
	_, body = a.get("/recent?voor=" + log[49].Hash)
	if n := strings.Count(body, `<li class="change">`); n != 6 || !strings.Contains(body, "Stap 5") ||
		strings.Contains(body, "Oudere wijzigingen") || !strings.Contains(body, `<a href="/recent">Naar de nieuwste wijzigingen</a>`) {
		t.Errorf("second page: %d commits\n%s", n, body)
	}
}

// atom is what the test reads back from the feed.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Base    string   `xml:"http://www.w3.org/XML/1998/namespace base,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Author  string `xml:"author>name"`
		Link    struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Content struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

func readFeed(t *testing.T, a *testApp, req *http.Request) atom {
	t.Helper()
	resp, body := a.do(req)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var f atom
	if err := xml.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("feed is not valid XML: %v\n%s", err, body)
	}
	return f
}

func checkFeed(t *testing.T, a *testApp, v2, v3 string) {
	f := readFeed(t, a, httptest.NewRequest(http.MethodGet, "/recent.atom", nil))
	if !strings.HasPrefix(f.ID, "urn:uuid:") || f.Title == "" || f.Base != "/" {
		t.Errorf("feed head: id %q title %q xml:base %q", f.ID, f.Title, f.Base)
	}
	if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
		t.Errorf("updated %q: %v", f.Updated, err)
	}
	rels := map[string]string{}
	for _, l := range f.Links {
		rels[l.Rel] = l.Href
	}
	if rels["alternate"] != "/recent" || rels["self"] != "/recent.atom" {
		t.Errorf("feed links: %v", rels)
	}
	if len(f.Entries) != 4 { // the starter library and three versions
		t.Fatalf("%d entries, want 4", len(f.Entries))
	}
	e := f.Entries[1]
	if e.Title != "Club in plaats van school" || e.Author != "Karim" || e.Link.Rel != "alternate" ||
		e.Link.Href != "/themes/proef/verschil?naar="+v2 || !strings.HasPrefix(e.ID, "urn:uuid:") {
		t.Errorf("entry: %+v", e)
	}
	if e.Content.Type != "html" || !strings.Contains(e.Content.Body, `<a href="/themes/proef">Proef</a>`) {
		t.Errorf("entry content: %+v", e.Content)
	}
	if f.Entries[0].Author != "Bea" || f.Entries[0].Updated == "" {
		t.Errorf("newest entry: %+v", f.Entries[0])
	}
	ids := map[string]bool{}
	for _, e := range f.Entries {
		if ids[e.ID] {
			t.Errorf("duplicate id %s", e.ID)
		}
		ids[e.ID] = true
	}
	// Ids do not depend on the address the server is reached at.
	if f2 := readFeed(t, a, httptest.NewRequest(http.MethodGet, "/recent.atom", nil)); f2.ID != f.ID || f2.Entries[0].ID != f.Entries[0].ID {
		t.Error("ids change between requests")
	}

	// With a configured base URL every link is absolute, and never taken from the Host header.
	b := a.browser()
	b.rebuild(WithBaseURL("https://school.example/leefwereld/"))
	b.signIn("anna") // over HTTPS the session cookie has another name (__Host-)
	req := httptest.NewRequest(http.MethodGet, "/recent.atom", nil)
	req.Host = "evil.example"
	f = readFeed(t, b, req)
	if f.Base != "https://school.example/leefwereld/" || f.Entries[0].Link.Href != "https://school.example/leefwereld/themes/proef/verschil?naar="+v3 {
		t.Errorf("absolute links: base %q, entry %q", f.Base, f.Entries[0].Link.Href)
	}
	_, body := b.get("/recent.atom")
	if strings.Contains(body, "evil.example") {
		t.Error("the feed used the Host header")
	}
}
