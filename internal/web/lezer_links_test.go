package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/leefwereld/leefwereld/internal/store"
)

// pageTarget is one way a page lets you go somewhere: a link, or a form's action.
type pageTarget struct {
	What   string // "link", "form" or "button", for the message
	Method string // GET or POST
	URL    string // as written in the page
	Label  string // the link's text, for the message
}

// pageTargets lists every link (a, area, link) and every form action (and button formaction)
// of a page. Links to a page that does not exist yet (class wikilink--new) are left out: they
// say so, and the page they lead to is a "does not exist" page on purpose.
func pageTargets(t *testing.T, body string) []pageTarget {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	attr := func(n *html.Node, key string) (string, bool) {
		for _, a := range n.Attr {
			if a.Namespace == "" && a.Key == key {
				return a.Val, true
			}
		}
		return "", false
	}
	var text func(n *html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(text(c))
		}
		return strings.Join(strings.Fields(b.String()), " ")
	}
	var out []pageTarget
	var form *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "a", "area", "link":
				class, _ := attr(n, "class")
				href, ok := attr(n, "href")
				if ok && !slices.Contains(strings.Fields(class), "wikilink--new") {
					out = append(out, pageTarget{What: "link", Method: http.MethodGet, URL: href, Label: text(n)})
				}
			case "form":
				action, _ := attr(n, "action")
				method, _ := attr(n, "method")
				out = append(out, pageTarget{What: "form", Method: strings.ToUpper(cmpOr(method, "GET")), URL: action, Label: text(n)})
				form = n
				defer func() { form = nil }()
			case "button", "input":
				if fa, ok := attr(n, "formaction"); ok {
					method := "GET"
					if form != nil {
						m, _ := attr(form, "method")
						method = strings.ToUpper(cmpOr(m, "GET"))
					}
					out = append(out, pageTarget{What: "button", Method: method, URL: fa, Label: text(n)})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// lezerPosts are the forms a lezer may send from the main views: searching (a POST, so the
// question never shows up in an address or a log) and logging out.
var lezerPosts = []string{"/zoeken", "/uitloggen"}

// TestNoDeadEndsForReaders signs in as a lezer and as a schrijver of team A, and a lezer of
// team B (whose team has no casus or portrait yet), and opens every main view. Every link and
// every GET form on it must answer 200 for that person; a lezer may see no form that changes
// something (only searching and logging out) and no way into an editor. The schrijver's run is
// the control: the same views do offer editing to someone who may edit, and those links work.
func TestNoDeadEndsForReaders(t *testing.T) {
	f := newMatrixFixture(t)
	// A second version of the pages, so the history and an old version offer a restore.
	if _, err := f.a.ws.Store.Update(fixedAuthor, "tweede versie", func(tx *store.Tx) error {
		for _, p := range []string{"portraits/kind-a.md", "themes/gedeeld-thema.md", "teams/team-a.md", "cases/casus-a.md"} {
			if err := tx.Put(p, []byte(matrixTexts[p]+"\nEen zin erbij.\n")); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	type view struct {
		path   string
		status int
	}
	teamA := []view{
		{"/", 200}, {"/themes", 200}, {"/themes/gedeeld-thema", 200}, {"/portraits/kind-a", 200},
		{"/cases/casus-a", 200}, {"/cases/casus-a/afdrukken", 200}, {"/frames/frame-b", 200},
		{"/teams/team-a", 200}, {"/teams/team-a/overzicht", 200},
		{"/portraits/kind-a/geschiedenis", 200}, {"/themes/gedeeld-thema/geschiedenis", 200},
		{"/portraits/kind-a/versie/" + f.first[matrixPages["portret"]], 200},
		{"/themes/gedeeld-thema/versie/" + f.first[matrixPages["thema"]], 200},
		{"/portraits/kind-a/verschil", 200}, {"/portraits/kind-a/bijlagen", 200},
		{"/zoeken?q=thema", 200}, {"/recent", 200},
		{"/themes/bestaat-niet", 404}, // a page that does not exist yet: it says so, with nothing the reader cannot do
	}
	// Team B has no casus and no portrait: the empty home and overview invite to start one.
	teamB := []view{{"/", 200}, {"/teams/team-b", 200}, {"/teams/team-b/overzicht", 200},
		{"/frames/frame-b", 200}, {"/frames/frame-b/geschiedenis", 200}, {"/frames/frame-b/bijlagen", 200},
		{"/portraits/bestaat-niet", 404}}
	f.a.user("lezer-b", "Lezer B", nil, "team-b")
	f.people = append(f.people, f.a.as("lezer-b"))
	people := append(slices.Clone(matrixPeople), "lezer-b")
	views := map[string][]view{"lezer-a": teamA, "schrijver-a": teamA, "lezer-b": teamB}
	// What a schrijver is offered on these views, so the crawl is known to see such things.
	offered := []string{"GET /themes/gedeeld-thema/bewerken", "GET /portraits/kind-a/bewerken#herkenning",
		"GET /portraits/kind-a/bewerken#domeinen", "GET /teams/team-a/bewerken", "POST /portraits/kind-a/terugzetten",
		"POST /themes/gedeeld-thema/terugzetten", "POST /portraits/kind-a/bijlagen", "GET /nieuw/case", "GET /nieuw/theme",
		"GET /nieuw/portrait", "GET /cases/casus-a/bord/thema", "POST /nieuw/theme"}

	for _, who := range []string{"lezer-a", "schrijver-a", "lezer-b"} {
		t.Run(who, func(t *testing.T) {
			b := f.people[slices.Index(people, who)]
			lezer := strings.HasPrefix(who, "lezer")
			status := map[string]int{} // each address is tried once
			var seen []string
			for _, v := range views[who] {
				resp, body := b.get(v.path)
				if resp.StatusCode != v.status {
					t.Errorf("%s: %d, want %d", v.path, resp.StatusCode, v.status)
					continue
				}
				base, _ := url.Parse(v.path)
				for _, pt := range pageTargets(t, body) {
					u, err := base.Parse(pt.URL)
					if err != nil {
						t.Errorf("%s: %s %q: %v", v.path, pt.What, pt.URL, err)
						continue
					}
					if u.Host != "" || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") {
						continue // another site, mailto:
					}
					seen = append(seen, pt.Method+" "+u.RequestURI()+fragment(u))
					if u.Path == base.Path && u.RawQuery == base.RawQuery && pt.What == "link" {
						continue // a fragment of this page
					}
					if pt.Method != http.MethodGet {
						if lezer && !slices.Contains(lezerPosts, u.Path) {
							t.Errorf("%s offers a lezer a %s that changes something: %s %s (%q)", v.path, pt.What, pt.Method, u.Path, pt.Label)
						}
						continue
					}
					target := u.RequestURI()
					got, ok := status[target]
					if !ok {
						resp, _ := b.get(target)
						got = resp.StatusCode
						status[target] = got
					}
					if got != http.StatusOK {
						t.Errorf("%s: %s to %s (%q) answers %d to %s", v.path, pt.What, target, pt.Label, got, who)
					}
				}
			}
			for _, want := range offered {
				has := slices.ContainsFunc(seen, func(s string) bool { return s == want || strings.HasPrefix(s, want) })
				if !lezer && !has {
					t.Errorf("the schrijver is not offered %s", want)
				}
			}
			for _, s := range seen {
				if lezer && (strings.Contains(s, "/nieuw/") || strings.Contains(s, "/bewerken") || strings.Contains(s, "/bord/")) {
					t.Errorf("the lezer is offered %s", s)
				}
			}
		})
	}
	// What the lezer reads instead of the missing page's form and the attachments' upload.
	lezerA := f.people[slices.Index(people, "lezer-a")]
	_, body := lezerA.get("/themes/bestaat-niet")
	mustContain(t, "a missing page for a lezer", body, "Je kunt deze pagina niet zelf maken")
	_, body = lezerA.get("/portraits/kind-a/bijlagen")
	mustContain(t, "the attachments for a lezer", body, "Hier zie je de foto's", "foto.png")
}

func fragment(u *url.URL) string {
	if u.Fragment == "" {
		return ""
	}
	return "#" + u.Fragment
}
