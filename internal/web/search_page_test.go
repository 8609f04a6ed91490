package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// newSearchApp is a test app with the real full-text index beside its workspace.
func newSearchApp(t *testing.T) *testApp {
	t.Helper()
	a := newTestApp(t)
	idx, err := search.Open(context.Background(), a.ws.Dir(), a.ws.Store, search.Options{Progress: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	a.rebuild(WithSearch(idx))
	return a
}

func TestSearchPage(t *testing.T) {
	a := newSearchApp(t)
	page := "---\ntitle: Sam, 11 jaar\nteam: ons-team\n---\nSam durft in de klas niets te zeggen omdat hij <b>bang</b> is om uitgelachen te worden.\n"
	if _, _, err := a.ws.Save(wiki.Ref{Kind: wiki.Portrait, Slug: "sam"}, []byte(page), "", store.Author{Name: "Anna"}, ""); err != nil {
		t.Fatal(err)
	}
	// Saved after the index was opened: the page must still be found (the server catches up).
	resp, body := a.get("/zoeken?q=" + url.QueryEscape("uitgelachen"))
	if resp.StatusCode != 200 || !strings.Contains(body, `<a href="/portraits/sam">Sam, 11 jaar</a>`) ||
		!strings.Contains(body, "<mark>uitgelachen</mark>") {
		t.Fatalf("search page: %d\n%s", resp.StatusCode, body)
	}
	if strings.Contains(body, "<b>bang</b>") {
		t.Error("a fragment carries HTML from the page")
	}
	// Synonyms from the theme library: "bang" finds the theme angst.
	_, body = a.get("/zoeken?q=bang")
	if !strings.Contains(body, `href="/themes/angst"`) {
		t.Errorf("bang does not find angst:\n%s", body)
	}
	// A filter link narrows to one kind and keeps the question.
	_, body = a.get("/zoeken?q=bang&soort=portrait")
	if strings.Contains(body, `href="/themes/angst"`) || !strings.Contains(body, `href="/portraits/sam"`) {
		t.Errorf("kind filter:\n%s", body)
	}
	// A malformed question is a friendly message, not an error page.
	resp, body = a.get("/zoeken?q=" + url.QueryEscape(`"open`))
	if resp.StatusCode != 400 || !strings.Contains(body, `role="alert"`) || strings.Contains(body, "Er ging iets mis") {
		t.Errorf("malformed query: %d\n%s", resp.StatusCode, body)
	}
	resp, body = a.get("/api/search?q=" + url.QueryEscape(`"open`))
	if resp.StatusCode != 400 || !strings.Contains(body, `"code":"bad-query"`) {
		t.Errorf("malformed API query: %d %s", resp.StatusCode, body)
	}
}

// TestSearchQuestionStaysOffTheAddress: the box posts; the results page and every link on it
// carry a handle, never the question, and a handle works only for the one who made it.
func TestSearchQuestionStaysOffTheAddress(t *testing.T) {
	a := newSearchApp(t)
	resp, _ := a.post("/zoeken", url.Values{"q": {"Sam uitgelachen"}})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/zoeken?vraag=") || strings.Contains(strings.ToLower(loc), "sam") {
		t.Fatalf("post: %d %q", resp.StatusCode, loc)
	}
	resp, body := a.get(loc)
	if resp.StatusCode != 200 || !strings.Contains(body, `value="Sam uitgelachen"`) {
		t.Fatalf("results: %d", resp.StatusCode)
	}
	for _, m := range regexp.MustCompile(`href="(/zoeken\?[^"]*)"`).FindAllStringSubmatch(body, -1) {
		if strings.Contains(m[1], "q=") || strings.Contains(strings.ToLower(m[1]), "sam") {
			t.Errorf("a link on the results page carries the question: %s", m[1])
		}
	}
	// Someone else, or a made-up handle, gets no question back.
	a.post("/beheer/accounts/nieuw", url.Values{"naam": {"karim"}, "wachtwoord": {testPassword}, "team": {"ons-team"}})
	other := a.browser()
	if resp, _ := other.login("karim", testPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login karim: %d", resp.StatusCode)
	}
	if _, body := other.get(loc); strings.Contains(body, "Sam uitgelachen") || !strings.Contains(body, "Deze zoekvraag is verlopen") {
		t.Error("another session read the question behind the handle")
	}
	if _, body := a.get("/zoeken?vraag=bestaatniet"); !strings.Contains(body, "Typ hem opnieuw") {
		t.Error("an unknown handle is not explained")
	}
}
