package web

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/store"
)

// withSearch gives every browser of the fixture one server with the full-text index.
func (f *matrixFixture) withSearch(t *testing.T) {
	t.Helper()
	idx, err := search.Open(context.Background(), f.a.ws.Dir(), f.a.ws.Store, search.Options{Progress: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	f.a.rebuild(WithSearch(idx))
	for _, p := range f.people {
		p.app = f.a.app
	}
}

// leakPages are pages whose words must stay with their team: a second casus of team A that
// chose the shared theme and names B's gedeeld frame, a portrait of team B, and B's frame
// linking that portrait.
var leakPages = map[string]string{
	"cases/casus-geheim.md": "---\ntitle: Casus Zwartkruid\nteam: team-a\nthemes:\n  - slug: gedeeld-thema\n    why: Reden die alleen team A kent\nframes: [frame-b]\n---\nOver Zwartkruid.\n",
	"portraits/kind-b.md":   "---\ntitle: Kind van team B\nteam: team-b\n---\nB schrijft over [[gedeeld-thema]] in een zin van team B.\n",
	"frames/frame-b.md":     "---\ntitle: Frame van team B\nteam: team-b\nvisibility: gedeeld\nthemes: [gedeeld-thema]\n---\nInspiratie, zie ook [[portraits/kind-b]].\n",
}

// Search, backlinks, counts, lists and feeds never show another team's titles, counts or
// fragments — each checked against a reader of the team, who does see them.
func TestNothingLeaksToAnotherTeam(t *testing.T) {
	f := newMatrixFixture(t)
	for _, msg := range []string{"Werk van team B", "Gesprek met Zwartkruid"} { // team B's pages, then A's casus
		if _, err := f.a.ws.Store.Update(fixedAuthor, msg, func(tx *store.Tx) error {
			for p, text := range leakPages {
				if strings.HasPrefix(p, "cases/") == (msg == "Gesprek met Zwartkruid") {
					if err := tx.Put(p, []byte(text)); err != nil {
						return err
					}
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	f.withSearch(t)
	lezerA, schrijverA, schrijverB, beheerder := f.people[1], f.people[2], f.people[3], f.people[4]
	teamAWords := []string{"Kind van team A", "Geheime zin", "Casus van team A", "Zwartkruid", "Reden die alleen team A kent",
		"/portraits/kind-a", "/cases/casus-a", "/cases/casus-geheim", "team-a"}
	for _, tc := range []struct {
		path  string
		never []string // for B's schrijver and a beheerder outside team A
		shows string   // what team A's lezer does see on the same page
	}{
		{"/zoeken?q=geheime", teamAWords, "Kind van team A"},
		{"/zoeken?q=zwartkruid", teamAWords, "Casus Zwartkruid"},
		{"/zoeken?q=team", teamAWords, "Casus van team A"},
		{"/api/search?q=geheime", teamAWords, "kind-a"},
		{"/api/search?q=team", teamAWords, "casus-a"},
		{"/api/titles?q=kind", teamAWords, "Kind van team A"},
		{"/api/titles?q=casus", teamAWords, "Casus van team A"},
		{"/themes/gedeeld-thema", teamAWords, "Geheime zin"},
		{"/frames/frame-b", teamAWords, "Casus Zwartkruid"},
		{"/recent", append(teamAWords, "Gesprek met Zwartkruid"), "Gesprek met Zwartkruid"},
		{"/recent.atom", append(teamAWords, "Gesprek met Zwartkruid"), "Gesprek met Zwartkruid"},
		{"/", teamAWords, "Casus van team A"},
		{"/api/pages/frame/frame-b/similar", teamAWords, ""},
	} {
		if tc.shows != "" {
			if _, body := lezerA.get(tc.path); !strings.Contains(body, tc.shows) {
				t.Errorf("%s: team A's lezer does not see %q", tc.path, tc.shows)
			}
		}
		for _, who := range []*testApp{schrijverB, beheerder} {
			resp, body := who.get(tc.path)
			if resp.StatusCode != 200 {
				t.Errorf("%s as %s: %d", tc.path, who.name, resp.StatusCode)
			}
			for _, w := range tc.never {
				if strings.Contains(body, w) {
					t.Errorf("%s as %s shows %q", tc.path, who.name, w)
				}
			}
		}
	}
	// Counts: how often team A used the theme is team A's to know.
	_, body := lezerA.get("/themes")
	mustContain(t, "themes as team A", body, `<a href="/themes/gedeeld-thema">Gedeeld thema</a> <span class="meta">(1 casus, 1 frame)</span>`)
	_, body = schrijverB.get("/themes")
	mustContain(t, "themes as team B", body, `<a href="/themes/gedeeld-thema">Gedeeld thema</a> <span class="meta">(1 frame)</span>`)
	// Search totals and facets count only what the reader may read.
	for who, want := range map[*testApp]uint64{schrijverA: 1, schrijverB: 0} {
		_, body := who.get("/api/search?q=zwartkruid")
		var res apiSearchResult
		if err := json.Unmarshal([]byte(body), &res); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, fc := range res.Facets["kind"] {
			n += fc.Count
		}
		if res.Total != want || uint64(n) != want {
			t.Errorf("%s: total %d, facet count %d, want %d", who.name, res.Total, n, want)
		}
	}
	// A shared frame read by team A does not name team B's portrait it links to.
	_, body = lezerA.get("/frames/frame-b")
	if strings.Contains(body, "Kind van team B") || !strings.Contains(body, `class="wikilink wikilink--new"`) {
		t.Errorf("the shared frame shows team B's portrait to team A:\n%s", bodyText(body))
	}
	_, body = schrijverB.get("/frames/frame-b")
	mustContain(t, "frame as team B", body, "Kind van team B")
}

// A page you may not read answers exactly as a page that does not exist: the same status and
// the same page, apart from the address you typed.
func TestAnotherTeamsPageIsLikeNoPage(t *testing.T) {
	f := newMatrixFixture(t)
	b := f.people[3] // schrijver of team B
	for _, tc := range []struct{ hidden, none string }{
		{"/portraits/kind-a", "/portraits/kind-z"},
		{"/portraits/kind-a/geschiedenis", "/portraits/kind-z/geschiedenis"},
		{"/portraits/kind-a/bewerken", "/portraits/kind-z/bewerken"},
		{"/portraits/kind-a/bijlagen", "/portraits/kind-z/bijlagen"},
		{"/portraits/kind-a/verschil", "/portraits/kind-z/verschil"},
		{"/cases/casus-a/afdrukken", "/cases/casus-z/afdrukken"},
		{"/teams/team-a/overzicht", "/teams/team-z/overzicht"},
		{"/media/kind-a/foto.png", "/media/kind-z/foto.png"},
		{"/api/pages/portrait/kind-a", "/api/pages/portrait/kind-z"},
		{"/api/pages/portrait/kind-a/history", "/api/pages/portrait/kind-z/history"},
		{"/api/pages/portrait/kind-a/similar", "/api/pages/portrait/kind-z/similar"},
	} {
		r1, hidden := b.get(tc.hidden)
		r2, none := b.get(tc.none)
		norm := func(s string) string {
			s = strings.NewReplacer("kind-a", "X", "kind-z", "X", "Kind a", "X", "Kind z", "X", "casus-a", "X", "casus-z", "X",
				"Casus a", "X", "Casus z", "X", "team-a", "X", "team-z", "X", "Team a", "X", "Team z", "X").Replace(s)
			return csrfField.ReplaceAllString(s, "")
		}
		if r1.StatusCode != r2.StatusCode || norm(hidden) != norm(none) {
			t.Errorf("%s answers otherwise than %s: %d / %d\n%s\n---\n%s", tc.hidden, tc.none, r1.StatusCode, r2.StatusCode,
				bodyText(hidden), bodyText(none))
		}
		if strings.Contains(hidden, "Kind van team A") || strings.Contains(hidden, "Geheime") {
			t.Errorf("%s shows the page", tc.hidden)
		}
	}
}
