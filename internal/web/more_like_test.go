package web

import (
	"regexp"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// moreLikePages are a portrait and the pages around it: the casus and Noor share two of its
// themes, the frame one, Mo none.
var moreLikePages = map[string]string{
	"portraits/sam":          "---\ntitle: Sam, 11 jaar\nteam: ons-team\n---\nSam [[schaamte|schaamt zich]] en zoekt [[rust]] en [[veiligheid]].\n",
	"portraits/noor":         "---\ntitle: Noor, 12 jaar\nteam: ons-team\n---\nNoor kent [[schaamte]] en wil [[rust]].\n",
	"cases/sam-groep-7":      "---\ntitle: Sam (groep 7)\nteam: ons-team\nportraits: [sam]\nthemes: [schaamte, veiligheid, rust]\n---\n",
	"frames/een-stille-plek": "---\ntitle: Een stille plek\nteam: ons-team\nthemes: [rust]\n---\nEen plek om tot [[rust]] te komen.\n",
	"portraits/mo":           "---\ntitle: Mo\nteam: ons-team\n---\nMo houdt van [[voetbal]].\n",
}

func withMoreLikePages(t *testing.T, a *testApp) {
	t.Helper()
	for path, text := range moreLikePages {
		r, _ := wiki.RefFromPath(path + ".md")
		if _, _, err := a.ws.Save(r, []byte(text), "", fixedAuthor, ""); err != nil {
			t.Fatal(err)
		}
	}
}

var moreLikeRe = regexp.MustCompile(`(?s)<section class="more-like".*?</section>`)

func TestMoreLikeSection(t *testing.T) {
	t.Parallel()
	a := newSearchApp(t)
	withMoreLikePages(t, a)
	resp, body := a.get("/portraits/sam")
	sec := moreLikeRe.FindString(body)
	if resp.StatusCode != 200 || sec == "" {
		t.Fatalf("GET /portraits/sam: %d, no section\n%s", resp.StatusCode, body)
	}
	golden(t, "more_like", "<main>"+sec+"</main>")
	// The casus shares three themes, Noor two: they come first. Mo shares none; the page
	// itself and the themes are never listed.
	first, second := strings.Index(sec, `href="/cases/sam-groep-7"`), strings.Index(sec, `href="/portraits/noor"`)
	if first < 0 || second < first || strings.Contains(sec, `href="/portraits/mo"`) || strings.Contains(sec, `href="/portraits/sam"`) {
		t.Errorf("order or members:\n%s", sec)
	}
	if n := strings.Count(sec, "<li>"); n > moreLikeLimit {
		t.Errorf("%d items, at most %d", n, moreLikeLimit)
	}
	// A frame has the section too; a portrait without themes says there is nothing yet.
	if _, body := a.get("/frames/een-stille-plek"); !strings.Contains(moreLikeRe.FindString(body), `href="/portraits/sam"`) {
		t.Errorf("frame: %s", moreLikeRe.FindString(body))
	}
	if _, body := a.get("/portraits/mo"); !strings.Contains(moreLikeRe.FindString(body), "Nog geen andere portretten") {
		t.Errorf("portrait without themes: %s", moreLikeRe.FindString(body))
	}
	// Themes and casussen do not show it, and neither does a server without a search index.
	for _, p := range []string{"/themes/schaamte", "/cases/sam-groep-7"} {
		if _, body := a.get(p); strings.Contains(body, "Meer zoals dit") {
			t.Errorf("%s shows Meer zoals dit", p)
		}
	}
	plain := newTestApp(t)
	withMoreLikePages(t, plain)
	if _, body := plain.get("/portraits/sam"); strings.Contains(body, "Meer zoals dit") {
		t.Error("a server without an index shows Meer zoals dit")
	}
}

func TestAPISimilar(t *testing.T) {
	t.Parallel()
	a := newSearchApp(t)
	withMoreLikePages(t, a)
	resp, body := a.get("/api/pages/portraits/sam/similar?limit=2")
	m := jsonBody(t, resp, body)
	if resp.StatusCode != 200 || m["kind"] != "portrait" || m["slug"] != "sam" {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	res := m["results"].([]any)
	if len(res) != 2 {
		t.Fatalf("limit 2: %s", body)
	}
	first := res[0].(map[string]any)
	if first["slug"] != "sam-groep-7" || first["kind"] != "case" || first["url"] != "/cases/sam-groep-7" || first["title"] != "Sam (groep 7)" {
		t.Errorf("first: %v", first)
	}
	var shared []string
	for _, s := range first["shared"].([]any) {
		th := s.(map[string]any)
		shared = append(shared, th["slug"].(string)+"="+th["title"].(string))
	}
	if strings.Join(shared, ",") != "rust=Rust,schaamte=Schaamte,veiligheid=Veiligheid" {
		t.Errorf("shared: %v", shared)
	}
	if _, body := a.get("/api/pages/portraits/mo/similar"); !strings.Contains(body, `"results":[]`) {
		t.Errorf("no themes: %s", body)
	}
	for _, tc := range []struct {
		path, code string
		status     int
	}{
		{"/api/pages/portraits/niemand/similar", "not-found", 404},
		{"/api/pages/boeken/sam/similar", "bad-kind", 400},
		{"/api/pages/portraits/sam/similar?limit=0", "bad-limit", 400},
	} {
		resp, body := a.get(tc.path)
		if m := jsonBody(t, resp, body); resp.StatusCode != tc.status || m["code"] != tc.code || m["message"] == "" {
			t.Errorf("%s: %d %s", tc.path, resp.StatusCode, body)
		}
	}
}

// The index's permission clause is the access policy's read scope of the reader.
func TestVisibilityOfReader(t *testing.T) {
	if v := visibilityOf(reader{}); v == nil || !v.Closed {
		t.Errorf("anonymous: %+v, want closed", v)
	}
	who := access.Subject{Account: "a1", Roles: []access.Role{access.Lezer}, Teams: []wiki.Slug{"de-boog", "het-anker", "de-boog"}}
	if v := visibilityOf(reader{who: who}); v == nil || v.Closed || strings.Join(v.Teams, ",") != "de-boog,het-anker" {
		t.Errorf("member of two teams: %+v", v)
	}
}
