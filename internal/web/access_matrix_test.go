package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// The people of the access matrix, in the order of every row of statuses.
var matrixPeople = []string{"anoniem", "lezer-a", "schrijver-a", "schrijver-b", "beheerder"}

// The pages of the matrix. The three: a portrait of team A, a shared theme and a
// gedeeld frame of team B; routes that address one kind only use its page of team A.
var matrixPages = map[string]wiki.Ref{
	"portret": {Kind: wiki.Portrait, Slug: "kind-a"},
	"thema":   {Kind: wiki.Theme, Slug: "gedeeld-thema"},
	"frame":   {Kind: wiki.Frame, Slug: "frame-b"},
	"casus":   {Kind: wiki.Case, Slug: "casus-a"},
	"team":    {Kind: wiki.Team, Slug: "team-a"},
}

var matrixTexts = map[string]string{
	"teams/team-a.md":         "---\ntitle: Team A\n---\nWij zijn team A.\n",
	"teams/team-b.md":         "---\ntitle: Team B\n---\nWij zijn team B.\n",
	"portraits/kind-a.md":     "---\ntitle: Kind van team A\nteam: team-a\ncases: [casus-a]\n---\nGeheime zin over [[gedeeld-thema]].\n",
	"themes/gedeeld-thema.md": "---\ntitle: Gedeeld thema\n---\nIedereen leest dit.\n",
	"frames/frame-b.md":       "---\ntitle: Frame van team B\nteam: team-b\nvisibility: gedeeld\nthemes: [gedeeld-thema]\n---\nInspiratie.\n",
	"cases/casus-a.md":        "---\ntitle: Casus van team A\nteam: team-a\nportraits: [kind-a]\n---\nOver het kind.\n",
}

// matrixFixture is a workspace with the matrix's pages and people, each signed in through
// the login page in a browser of their own (anonymous has a browser that is not).
type matrixFixture struct {
	a       *testApp
	people  []*testApp
	first   map[wiki.Ref]string // the commit of each page's first version
	current map[wiki.Ref]store.File
}

func newMatrixFixture(t *testing.T) *matrixFixture {
	t.Helper()
	a := newTestApp(t)
	png := pngBytes(t)
	if _, err := a.ws.Store.Update(fixedAuthor, "matrix", func(tx *store.Tx) error {
		for p, text := range matrixTexts {
			if err := tx.Put(p, []byte(text)); err != nil {
				return err
			}
		}
		for _, slug := range []string{"kind-a", "gedeeld-thema", "frame-b"} { // an attachment of each
			if err := tx.Put("media/"+slug+"/foto.png", png); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	a.user("lezer-a", "Lezer A", nil, "team-a")
	a.user("schrijver-a", "Schrijver A", []access.Role{access.Schrijver}, "team-a")
	a.user("schrijver-b", "Schrijver B", []access.Role{access.Schrijver}, "team-b")
	a.user("beheerder", "Beheerder", []access.Role{access.Beheerder}) // manages, in no team
	a.user("doel", "Doel", nil, "team-a")                             // whom the beheerder acts on
	f := &matrixFixture{a: a, first: map[wiki.Ref]string{}, current: map[wiki.Ref]store.File{}}
	for _, who := range matrixPeople {
		if who == "anoniem" {
			f.people = append(f.people, a.browser())
		} else {
			f.people = append(f.people, a.as(who))
		}
	}
	for _, ref := range matrixPages {
		hist, err := a.ws.Store.History(ref.Path())
		if err != nil || len(hist) == 0 {
			t.Fatalf("history of %s: %v", ref, err)
		}
		f.first[ref] = hist[len(hist)-1].Commit
		if f.current[ref], err = a.ws.Store.Read(ref.Path(), ""); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// matrixEntry is one route of the table: the pages it is tried on and, per page, the status
// each person gets (anoniem, lezer-a, schrijver-a, schrijver-b, beheerder).
type matrixEntry struct {
	want map[string][5]int // page key ("" for routes without a page) → statuses
	form func(f *matrixFixture, page wiki.Ref, i int) url.Values
	json bool // a PUT of the page's own text, as a script in the browser sends it
}

// Readable shorthands for the rows.
var (
	anyone     = [5]int{200, 200, 200, 200, 200}
	signedIn   = [5]int{303, 200, 200, 200, 200}
	teamA      = [5]int{303, 200, 200, 404, 404} // a page of team A: its members only
	beheerders = [5]int{303, 403, 403, 403, 200}
	apiSigned  = [5]int{401, 200, 200, 200, 200}
	apiTeamA   = [5]int{401, 200, 200, 404, 404}
)

func readRoute() map[string][5]int {
	return map[string][5]int{"portret": teamA, "thema": signedIn, "frame": signedIn}
}

func apiReadRoute() map[string][5]int {
	return map[string][5]int{"portret": apiTeamA, "thema": apiSigned, "frame": apiSigned}
}

// writeRoute: a portrait of A only by A's schrijver; a theme by every schrijver; B's frame by
// B's schrijver; a lezer, and a beheerder who is no schrijver, may not. ok is the status of a
// change that went through.
func writeRoute(ok int) map[string][5]int {
	return map[string][5]int{
		"portret": {401, 403, ok, 404, 404},
		"thema":   {401, 403, ok, ok, 403},
		"frame":   {401, 403, 403, ok, 403},
	}
}

func one(row [5]int) map[string][5]int { return map[string][5]int{"": row} }

// sameText saves the page's own text again, from its current version: allowed, it changes nothing.
func sameText(f *matrixFixture, page wiki.Ref, _ int) url.Values {
	cur := f.current[page]
	return url.Values{"tekst": {string(cur.Content)}, "base": {cur.Blob}}
}

var accessMatrix = map[string]matrixEntry{
	"GET /static/:file":      {want: one(anyone)},
	"GET /healthz":           {want: one(anyone)},
	"GET /inloggen":          {want: one(anyone)},
	"POST /inloggen":         {want: one([5]int{403, 403, 403, 403, 403})}, // no login form token
	"POST /uitloggen":        {want: one([5]int{401, 303, 303, 303, 303})},
	"POST /uitloggen/overal": {want: one([5]int{401, 303, 303, 303, 303})},
	"GET /inrichten/:token":  {want: one([5]int{403, 403, 403, 403, 403})}, // loopback clients only
	"POST /inrichten/:token": {want: one([5]int{403, 403, 403, 403, 403})},
	"GET /account":           {want: one(signedIn)},
	"POST /account/wachtwoord": {want: one([5]int{401, 422, 422, 422, 422}),
		form: func(*matrixFixture, wiki.Ref, int) url.Values {
			return url.Values{"huidig": {"fout"}, "nieuw": {"x"}, "nieuw2": {"x"}}
		}},
	"POST /account/sessies/:handle/beeindigen":       {want: one([5]int{401, 404, 404, 404, 404})},
	"POST /account/sleutels":                         {want: one([5]int{401, 200, 200, 200, 200})},
	"POST /account/sleutels/:id/intrekken":           {want: one([5]int{401, 404, 404, 404, 404})},
	"GET /beheer/accounts":                           {want: one(beheerders)},
	"GET /beheer/accounts/nieuw":                     {want: one(beheerders)},
	"POST /beheer/accounts/nieuw":                    {want: one([5]int{401, 403, 403, 403, 422})},
	"GET /beheer/accounts/:name/wijzigen":            {want: one(beheerders)},
	"POST /beheer/accounts/:name/wijzigen":           {want: one([5]int{401, 403, 403, 403, 303})},
	"POST /beheer/accounts/:name/uitzetten":          {want: one([5]int{401, 403, 403, 403, 303})},
	"POST /beheer/accounts/:name/aanzetten":          {want: one([5]int{401, 403, 403, 403, 303})},
	"POST /beheer/accounts/:name/sessies-beeindigen": {want: one([5]int{401, 403, 403, 403, 303})},
	"GET /":                      {want: one(signedIn)},
	"GET /api/pages/:kind/:slug": {want: apiReadRoute()},
	"PUT /api/pages/:kind/:slug": {json: true, want: map[string][5]int{
		"portret": {401, 403, 200, 404, 404}, "thema": {401, 403, 200, 200, 403}, "frame": {401, 403, 403, 200, 403}}},
	"GET /api/pages/:kind/:slug/history": {want: apiReadRoute()},
	"GET /api/pages/:kind/:slug/similar": {want: apiReadRoute()},
	"GET /api/search":                    {want: one(apiSigned)},
	"GET /api/titles":                    {want: one(apiSigned)},
	"GET /zoeken":                        {want: one(signedIn)},
	"POST /zoeken":                       {want: one([5]int{401, 303, 303, 303, 303})},
	"GET /themes":                        {want: one(signedIn)},
	// The new-page form: for someone who writes in some team (a theme: any schrijver).
	"GET /nieuw/:kind": {want: map[string][5]int{
		"portret": {303, 403, 200, 200, 403}, "thema": {303, 403, 200, 200, 403}, "frame": {303, 403, 200, 200, 403}}},
	// A new page of the kind, for the team of the matrix's page of that kind: only for a team
	// one writes in (a new page has no title to hide yet, so another team's is a 403).
	"POST /nieuw/:kind": {want: map[string][5]int{
		"portret": {401, 403, 303, 403, 403}, "thema": {401, 403, 303, 303, 403}, "frame": {401, 403, 403, 303, 403}}, form: func(f *matrixFixture, page wiki.Ref, i int) url.Values {
		team := map[wiki.Kind]string{wiki.Portrait: "team-a", wiki.Frame: "team-b"}[page.Kind]
		return url.Values{"titel": {fmt.Sprintf("Nieuw %d", i)}, "slug": {fmt.Sprintf("nieuw-%d", i)}, "team": {team}, "tekst": {"Tekst."}}
	}},
	"GET /cases/:slug/afdrukken": {want: map[string][5]int{"casus": teamA}},
	// Inzage and erasure: beheerders, also outside the team; the team hears it is not theirs to do.
	"GET /cases/:slug/inzage":       {want: map[string][5]int{"casus": {303, 403, 403, 404, 200}}},
	"GET /cases/:slug/wissen":       {want: map[string][5]int{"casus": {303, 403, 403, 404, 200}}},
	"POST /cases/:slug/wissen":      {want: map[string][5]int{"casus": {401, 403, 403, 404, 422}}}, // allowed, but not confirmed
	"GET /beheer/bewaartermijn":     {want: one(beheerders)},
	"GET /cases/:slug/bord/:change": {want: map[string][5]int{"casus": {303, 403, 200, 404, 404}}},
	"POST /cases/:slug/bord/:change": {want: map[string][5]int{"casus": {401, 403, 303, 404, 404}},
		form: func(*matrixFixture, wiki.Ref, int) url.Values {
			return url.Values{"portret": {"kind-a"}, "status": {"besproken"}}
		}},
	"GET /teams/:slug/overzicht":      {want: map[string][5]int{"team": teamA}},
	"GET /recent":                     {want: one(signedIn)},
	"GET /recent.atom":                {want: one(signedIn)},
	"GET /media/:slug/:file":          {want: readRoute()},
	"GET /:folder/:slug/geschiedenis": {want: readRoute()},
	// The inzage log: beheerders only, also outside the team; kept for portraits and casussen.
	"GET /:folder/:slug/inzagelog": {want: map[string][5]int{
		"portret": {303, 403, 403, 404, 200}, "thema": {303, 404, 404, 404, 404}, "frame": {303, 404, 404, 404, 404}}},
	"GET /:folder/:slug/inzagelog.csv": {want: map[string][5]int{
		"portret": {303, 403, 403, 404, 200}, "thema": {303, 404, 404, 404, 404}, "frame": {303, 404, 404, 404, 404}}},
	"GET /:folder/:slug/verschil":       {want: readRoute()},
	"GET /:folder/:slug/versie/:commit": {want: readRoute()},
	"POST /:folder/:slug/terugzetten": {want: writeRoute(303), form: func(f *matrixFixture, page wiki.Ref, _ int) url.Values {
		return url.Values{"versie": {f.first[page]}}
	}},
	"GET /:folder/:slug/bijlagen":  {want: readRoute()},
	"POST /:folder/:slug/bijlagen": {want: writeRoute(400)}, // allowed, but no file was sent
	"GET /:folder/:slug":           {want: readRoute()},
	"GET /:folder/:slug/bewerken": {want: map[string][5]int{
		"portret": {303, 403, 200, 404, 404}, "thema": {303, 403, 200, 200, 403}, "frame": {303, 403, 403, 200, 403}}},
	"POST /:folder/:slug/bewerken": {want: writeRoute(303), form: sameText},
	"POST /:folder/:slug/voorbeeld": {want: map[string][5]int{
		"portret": {401, 200, 200, 404, 404}, "thema": {401, 200, 200, 200, 200}, "frame": {401, 200, 200, 200, 200}},
		form: sameText},
}

// matrixPath fills a route's parameters for a page.
func matrixPath(t *testing.T, method, route string, page wiki.Ref, f *matrixFixture) string {
	t.Helper()
	if route == "/static/:file" {
		as, _ := loadAssets()
		u, err := as.url("style.css")
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	change := "thema" // the form that chooses a theme; the POST moves the portrait's status
	if method == http.MethodPost {
		change = "portret-status"
	}
	r := strings.NewReplacer(":folder", page.Kind.Folder(), ":kind", string(page.Kind), ":slug", string(page.Slug),
		":file", "foto.png", ":commit", f.first[page], ":change", change,
		":name", "doel", ":handle", "onbekend", ":id", "onbekend", ":token", "onbekend")
	p := r.Replace(route)
	switch route {
	case "/api/search", "/api/titles", "/zoeken":
		p += "?q=thema"
	}
	return p
}

// TestAccessMatrix tries every route of the route table as five people on the matrix's pages
// and checks each status. A route without an entry fails the test: whoever adds a route
// decides who may use it, here.
func TestAccessMatrix(t *testing.T) {
	probe := newTestApp(t)
	seen := map[string]bool{}
	for _, r := range probe.app.GetRoutes(true) {
		if r.Method == http.MethodHead {
			continue // fiber adds HEAD to every GET; it answers as the GET
		}
		key := r.Method + " " + r.Path
		seen[key] = true
		if _, ok := accessMatrix[key]; !ok {
			t.Errorf("route %s has no entry in the access matrix (access_matrix_test.go): say who may use it", key)
		}
	}
	for key := range accessMatrix {
		if !seen[key] {
			t.Errorf("the access matrix names %s, which is not a route", key)
		}
	}
	shared := newMatrixFixture(t) // read-only routes share one workspace
	for key, e := range accessMatrix {
		method, route, _ := strings.Cut(key, " ")
		t.Run(key, func(t *testing.T) {
			f := shared
			if method != http.MethodGet {
				f = newMatrixFixture(t) // a change must not change what the next row sees
			}
			for pageKey, want := range e.want {
				page := matrixPages[pageKey]
				if pageKey == "" {
					page = matrixPages["portret"] // only fills :change and the like
				}
				path := matrixPath(t, method, route, page, f)
				for i, who := range f.people {
					got, body := matrixRequest(t, f, e, method, path, page, who, i)
					if got != want[i] {
						t.Errorf("%s %s as %s: %d, want %d\n%.300s", method, path, matrixPeople[i], got, want[i], bodyText(body))
					}
				}
			}
		})
	}
}

func matrixRequest(t *testing.T, f *matrixFixture, e matrixEntry, method, path string, page wiki.Ref, who *testApp, i int) (int, string) {
	t.Helper()
	if e.json {
		cur := f.current[page]
		body, _ := json.Marshal(map[string]string{"text": string(cur.Content), "base": cur.Blob})
		req := httptest.NewRequest(method, path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", who.csrf) // a script in the signed-in browser
		resp, b := who.do(req)
		return resp.StatusCode, b
	}
	if method == http.MethodGet {
		resp, b := who.get(path)
		return resp.StatusCode, b
	}
	form := url.Values{}
	if e.form != nil {
		form = e.form(f, page, i)
	}
	if path == "/inloggen" {
		form.Set("_csrf", "") // the login form's own token is not the session's
	}
	resp, b := who.post(path, form)
	return resp.StatusCode, b
}

// bodyText shortens an HTML body to its main content for a failure message.
func bodyText(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		return body[i:]
	}
	return body
}
