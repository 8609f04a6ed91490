package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestCasePrintHasUniqueIDs: the printed casus holds several pages made from the same
// template; their heading ids must still be unique, and the in-page links must follow.
func TestCasePrintHasUniqueIDs(t *testing.T) {
	a := newBoardApp(t)
	for _, title := range []string{"S. thuis", "S. op school"} {
		if resp, body := a.post("/cases/s/bord/portret", url.Values{"titel": {title}}); resp.StatusCode != 303 {
			t.Fatalf("add portrait: %d %s", resp.StatusCode, body)
		}
	}
	resp, body := a.get("/cases/s/afdrukken")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	seen := map[string]int{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		seen[m[1]]++
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("id %q occurs %d times", id, n)
		}
	}
	for _, want := range []string{`id="portrait-s-thuis-h-een-gewone-dag"`, `id="portrait-s-op-school-h-een-gewone-dag"`} {
		if !strings.Contains(body, want) {
			t.Errorf("print lacks %s", want)
		}
	}
	for _, m := range regexp.MustCompile(` href="#([^"]+)"`).FindAllStringSubmatch(body, -1) {
		if seen[m[1]] == 0 {
			t.Errorf("in-page link to #%s, which is not in the document", m[1])
		}
	}
}
