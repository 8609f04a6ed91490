package web

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/leefwereld/leefwereld/internal/golden"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// fixedAuthor writes the test pages at a known moment, so golden files do not change.
var fixedAuthor = store.Author{Name: "Anna", Email: "anna@leefwereld.invalid", When: time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)}

const samPortrait = `---
title: Sam, 11 jaar
kind: portrait
team: ons-team
cases: [sam-groep-7]
subject: jongere
status: besproken
punctum: "Hij bewaart zijn zwemdiploma in zijn schooltas."
horizon: minder ruzie thuis
---
Sam fietst elke ochtend alleen naar school. In de klas zegt hij weinig, want hij [[schaamte|schaamt zich]] voor zijn lezen.

## Blij en trots
Op het voetbalveld is hij de [[trots]] van het team. Thuis zoekt hij [[rust]] op zolder, en hij wil ooit [[themes/zwemmen]] geven.
`

const samCase = `---
title: Sam (groep 7)
kind: case
team: ons-team
portraits: [sam, moeder-van-sam]
themes:
  - {slug: schaamte, why: Sam vertelt thuis niets over school}
  - veiligheid
frames: [meer-lucht-thuis]
actions:
  - {what: Proeftraining judo regelen, who: mentor, where: vrije tijd, when: 2027-01-15, frame: meer-lucht-thuis, status: gepland}
consent:
  - {by: moeder, for: portret delen met schoolmaatschappelijk werk, date: 2026-11-20}
---
Het team maakt zich zorgen omdat Sam stil is geworden.
`

// withSam adds a portrait and a casus to the test workspace.
func withSam(t *testing.T, a *testApp) {
	t.Helper()
	for path, text := range map[string]string{"portraits/sam": samPortrait, "cases/sam-groep-7": samCase} {
		r, _ := wiki.RefFromPath(path + ".md")
		if _, _, err := a.ws.Save(r, []byte(text), "", fixedAuthor, ""); err != nil {
			t.Fatal(err)
		}
	}
}

func (a *testApp) head() string {
	a.t.Helper()
	h, err := a.ws.Store.Head()
	if err != nil {
		a.t.Fatal(err)
	}
	return h
}

func (a *testApp) content(path string) string {
	a.t.Helper()
	f, err := a.ws.Store.Read(path, "")
	if err != nil {
		return ""
	}
	return string(f.Content)
}

var (
	textareaRe = regexp.MustCompile(`(?s)<textarea id="tekst"[^>]*>\n?(.*?)</textarea>`)
	baseRe     = regexp.MustCompile(`name="base" value="([^"]*)"`)
	mainRe     = regexp.MustCompile(`(?s)<main[^>]*>(.*)</main>`)
	csrfRe     = regexp.MustCompile(`name="_csrf" value="[^"]*"`)
	dateRe     = regexp.MustCompile(`\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}, \d{2}:\d{2}`)
	blankRe    = regexp.MustCompile(`\n\s*\n+`)
)

func textarea(t *testing.T, body string) string {
	t.Helper()
	m := textareaRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no textarea in:\n%.2000s", body)
	}
	return html.UnescapeString(m[1])
}

func formBase(t *testing.T, body string) string {
	t.Helper()
	m := baseRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no base field in:\n%.2000s", body)
	}
	return m[1]
}

// golden compares the <main> of a page with testdata/<name>.html, after taking out what
// changes from run to run (the CSRF token, clock times).
func golden(t *testing.T, name, body string) {
	t.Helper()
	m := mainRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("%s: no <main>", name)
	}
	got := csrfRe.ReplaceAllString(m[1], `name="_csrf" value="CSRF"`)
	got = dateRe.ReplaceAllString(got, "DATUM")
	got = strings.TrimSpace(blankRe.ReplaceAllString(got, "\n")) + "\n"
	goldenfile.Check(t, filepath.Join("testdata", name+".html"), got)
}

func mustContain(t *testing.T, where, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s: missing %q", where, w)
		}
	}
}

func TestPageViewGolden(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withSam(t, a)
	for _, tc := range []struct{ path, golden string }{
		{"/portraits/sam", "page_portrait"},
		{"/cases/sam-groep-7", "page_case"},
		{"/themes/zwemmen", "page_missing"},
		{"/portraits/sam/bewerken", "page_edit"},
		{"/nieuw/case", "page_new"},
	} {
		resp, body := a.get(tc.path)
		if want := map[bool]int{true: 404, false: 200}[tc.golden == "page_missing"]; resp.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", tc.path, resp.StatusCode, want)
		}
		golden(t, tc.golden, body)
	}
}

func TestSidebarPerKind(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withSam(t, a)
	for _, tc := range []struct {
		path  string
		wants []string
	}{
		{"/portraits/sam", []string{
			`<dt>Over</dt><dd>een jongere</dd>`, `<dt>Status</dt><dd>besproken</dd>`,
			`<dt>Wat me opviel</dt><dd>Hij bewaart zijn zwemdiploma in zijn schooltas.</dd>`,
			`<h2>Team</h2>`, `<a href="/teams/ons-team" class="wikilink">Ons team</a>`,
			`<h2>Casussen</h2>`, `<a href="/cases/sam-groep-7" class="wikilink">Sam (groep 7)</a>`,
			`<h2>Thema&#39;s in de tekst</h2>`, `<a href="/themes/schaamte" class="wikilink">Schaamte</a>`,
			`<a href="/themes/zwemmen" class="wikilink wikilink--new">zwemmen</a>`,
			// The recognition has its own section, so it is not a tip as well.
			`<h2 id="herkenning-kop">Herkent de persoon zich hierin?</h2>`, "<strong>Nog niet.</strong> Het team heeft het portret besproken.",
		}},
		// The casus's four steps are on its board (case_board_test.go); the sidebar keeps the rest.
		{"/cases/sam-groep-7", []string{
			`<dt>Status</dt><dd>open</dd>`, `<h2>Team</h2>`, `<a href="/teams/ons-team" class="wikilink">Ons team</a>`,
			`<h2>Toestemming</h2>`, `moeder: portret delen met schoolmaatschappelijk werk <span class="meta">(20 november 2026)</span>`,
			`/cases/sam-groep-7/afdrukken`, `<h3 id="bord-wat-kop">`, "een handvol",
		}},
		{"/themes/schaamte", []string{
			`<dt>Groep</dt><dd>Zelf</dd>`, `<dt>Lijkt op</dt><dd>schamen, beschaamd, gêne, generen</dd>`,
			// the related themes are in the page itself, both ways (theme_view.go)
			`<h3>Staat op gespannen voet met</h3>`, `<span class="side-note">wie zich schaamt, houdt dingen liever voor zich</span>`,
			`<h3>Maakt sterker</h3>`, `<h3>Hoort bij</h3>`,
		}},
		{"/frames/meer-lucht-thuis", []string{
			`<h2>Rust op deze thema&#39;s</h2>`, `<a href="/themes/spanning" class="wikilink">Spanning</a>`,
			`<h2>Combineert met</h2>`, `<dt>Zichtbaar</dt><dd>ook voor andere teams, als inspiratie</dd>`,
		}},
		{"/teams/ons-team", []string{`<h2>Leden</h2>`, `Mentor <span class="meta">(mentor)</span>`, `<dt>Coördinator</dt><dd>Intern begeleider</dd>`}},
	} {
		resp, body := a.get(tc.path)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %d", tc.path, resp.StatusCode)
			continue
		}
		mustContain(t, tc.path, body, tc.wants...)
		mustContain(t, tc.path, body, `href="`+tc.path+`/bewerken"`, `href="`+tc.path+`/geschiedenis"`, "Laatst veranderd door")
	}
}

func TestBacklinksWithSentences(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withSam(t, a)
	// A theme lists its links as evidence, per casus (theme_view_test.go has the details).
	_, body := a.get("/themes/schaamte")
	mustContain(t, "schaamte", body,
		`<h2 id="bewijs-kop">Waar komt dit voor in portretten?</h2>`,
		`<h3><a href="/cases/sam-groep-7" class="wikilink">Sam (groep 7)</a></h3>`,
		`Gekozen in deze casus: Sam vertelt thuis niets over school`,
		`<a href="/portraits/sam">Sam, 11 jaar</a>`,
		`<q>In de klas zegt hij weinig, want hij schaamt zich voor zijn lezen.</q>`,
	)
	// The casus comes first: that is where the team's work comes together.
	if strings.Index(body, `href="/cases/sam-groep-7"`) > strings.Index(body, `href="/portraits/sam">`) {
		t.Error("casus not listed before the portrait")
	}
	_, body = a.get("/frames/meer-lucht-thuis")
	mustContain(t, "frame", body, `<h2 id="waar-kop">Waar komt dit voor?</h2>`,
		`<a href="/cases/sam-groep-7">Sam (groep 7)</a> <span class="meta">(casus)</span>`,
		`Genoemd als frame`, `Genoemd als actie:</span> Proeftraining judo regelen`)
	_, body = a.get("/teams/ons-team")
	mustContain(t, "team", body, `<a href="/portraits/sam">Sam, 11 jaar</a>`, `Genoemd als team`)
}

func TestMissingPageOffersToCreateIt(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withSam(t, a)
	head := a.head()
	resp, body := a.get("/themes/zwemmen")
	if resp.StatusCode != 404 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	mustContain(t, "missing", body, "Deze pagina bestaat nog niet", `action="/nieuw/theme"`,
		`name="titel" type="text" value="Zwemmen"`, `name="slug" type="text" value="zwemmen"`,
		"Deze pagina wordt al genoemd in", `<a href="/portraits/sam">Sam, 11 jaar</a>`)
	if got := textarea(t, body); !strings.Contains(got, "## Wat is het?") {
		t.Errorf("the form does not start from the theme template: %q", got)
	}
	// The same form, submitted: the page exists.
	resp, _ = a.post("/nieuw/theme", url.Values{"titel": {"Zwemmen"}, "slug": {"zwemmen"}, "tekst": {textarea(t, body)}, "naam": {"Karim"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/themes/zwemmen?nieuw=1" {
		t.Fatalf("create from the missing page: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if a.head() == head || !strings.Contains(a.content("themes/zwemmen.md"), "title: Zwemmen\nkind: theme\n") {
		t.Errorf("not committed:\n%s", a.content("themes/zwemmen.md"))
	}
	resp, body = a.get("/themes/zwemmen?nieuw=1")
	mustContain(t, "after create", body, "De pagina is gemaakt.", "Laatst veranderd door Anna de Vries")
	_, body = a.get("/portraits/sam")
	mustContain(t, "portrait after create", body, `<a href="/themes/zwemmen" class="wikilink">zwemmen</a>`)
}

func TestUnknownFolderOrSlugIs404(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	for _, path := range []string{"/onzin/schaamte", "/theme/schaamte", "/themes/Schaamte", "/themes/a_b",
		"/themes/schaamte/onzin", "/onzin/schaamte/bewerken", "/themes/-x/bewerken", "/nieuw/onzin", "/cases/A/afdrukken"} {
		resp, body := a.get(path)
		if resp.StatusCode != 404 || !strings.Contains(body, "Niet gevonden") {
			t.Errorf("GET %s: %d %.200s", path, resp.StatusCode, body)
		}
	}
	_, body := a.get("/themes/Schaamte")
	mustContain(t, "bad slug", body, "Dit adres klopt niet")
	head := a.head()
	for _, path := range []string{"/onzin/x/bewerken", "/themes/X/bewerken", "/nieuw/onzin", "/themes/X/voorbeeld"} {
		if resp, _ := a.post(path, url.Values{"tekst": {"---\ntitle: x\n---\n"}}); resp.StatusCode != 404 {
			t.Errorf("POST %s: %d", path, resp.StatusCode)
		}
	}
	if a.head() != head {
		t.Error("a 404 committed something")
	}
}

func TestCreatePage(t *testing.T) {
	t.Parallel() // each test has its own workspace
	// One workspace for all cases: each case checks that a refusal leaves HEAD where it was.
	shared := newTestApp(t)
	if _, _, err := shared.ws.Save(wiki.Ref{Kind: wiki.Case, Slug: "bestaat"}, []byte("---\ntitle: Bestaat al\nteam: ons-team\n---\nOude tekst.\n"), "", fixedAuthor, ""); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		form     url.Values
		status   int
		location string
		wants    []string
	}{
		{"valid", url.Values{"titel": {"Sam (groep 7)"}, "team": {"ons-team"}, "tekst": {"Het team maakt zich zorgen.\r\n\r\nOver [[schaamte]].\r\n"}, "naam": {"Anna"}},
			303, "/cases/sam-groep-7?nieuw=1", nil},
		{"own slug", url.Values{"titel": {"Sam: groep 7"}, "slug": {" Sam-G7 "}, "team": {"ons-team"}, "tekst": {"x"}, "naam": {"Karim"}},
			303, "/cases/sam-g7?nieuw=1", nil},
		{"slug exists", url.Values{"titel": {"Zorgen"}, "slug": {"bestaat"}, "team": {"ons-team"}, "tekst": {"Mijn tekst blijft staan."}},
			409, "", []string{"Er is al een casus met het adres bestaat", `<a href="/cases/bestaat" class="wikilink">Bestaat al</a>`, "Mijn tekst blijft staan.", `id="fouten"`}},
		{"title gives a slug that exists", url.Values{"titel": {"Bestaat!"}, "team": {"ons-team"}, "tekst": {"Mijn tekst blijft staan."}},
			409, "", []string{"Er is al een casus met het adres bestaat", "Mijn tekst blijft staan."}},
		{"invalid slug", url.Values{"titel": {"Zorgen"}, "slug": {"zorgen om sam"}, "team": {"ons-team"}, "tekst": {"Mijn tekst blijft staan."}},
			422, "", []string{"Dit adres kan niet", `href="#veld-slug"`, "Mijn tekst blijft staan.", `value="zorgen om sam"`}},
		{"no title", url.Values{"titel": {"  "}, "team": {"ons-team"}, "tekst": {"Mijn tekst blijft staan."}},
			422, "", []string{"Vul een titel in.", `href="#veld-titel"`, "Mijn tekst blijft staan."}},
		{"no team", url.Values{"titel": {"Zorgen"}, "tekst": {"Mijn tekst blijft staan."}},
			422, "", []string{"Kies het team", `href="#veld-team"`, "Mijn tekst blijft staan."}},
		{"invalid front matter", url.Values{"titel": {"Zorgen"}, "team": {"Geen Slug!"}, "tekst": {"Mijn tekst blijft staan."}},
			422, "", []string{`<div class="error-summary" id="fouten" tabindex="-1" role="alert"`, `href="#veld-team"`, "Mijn tekst blijft staan."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := shared
			a.t = t
			head := a.head()
			resp, body := a.post("/nieuw/cases", tc.form)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d\n%.3000s", resp.StatusCode, tc.status, body)
			}
			if tc.location != "" {
				if got := resp.Header.Get("Location"); got != tc.location {
					t.Errorf("Location %q, want %q", got, tc.location)
				}
				slug := strings.TrimSuffix(strings.TrimPrefix(tc.location, "/cases/"), "?nieuw=1")
				got := a.content("cases/" + slug + ".md")
				title := strings.Join(strings.Fields(tc.form.Get("titel")), " ")
				if !strings.HasPrefix(got, "---\ntitle: ") || !strings.Contains(got, title) || !strings.Contains(got, "\nteam: ons-team\n") ||
					strings.Contains(got, "\r") || !strings.HasSuffix(got, strings.ReplaceAll(tc.form.Get("tekst"), "\r\n", "\n")) {
					t.Errorf("committed page:\n%s", got)
				}
				if hist, _ := a.ws.Store.History("cases/" + slug + ".md"); len(hist) != 1 || a.display(hist[0].Author) != "Anna de Vries" {
					t.Errorf("history: %+v", hist)
				}
				return
			}
			mustContain(t, tc.name, body, tc.wants...)
			if a.head() != head || !strings.Contains(a.content("cases/bestaat.md"), "Oude tekst.") {
				t.Error("a refused create changed the repository")
			}
			// The summary comes before the form, as the first thing in the main content.
			if i, j := strings.Index(body, `id="fouten"`), strings.Index(body, "<form class=\"new-form\""); i < 0 || i > j {
				t.Error("error summary not above the form")
			}
		})
	}
}

func TestCreatePreviewShowsSlug(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	head := a.head()
	resp, body := a.post("/nieuw/portrait", url.Values{"titel": {"Één ding, Sam"}, "team": {"ons-team"}, "tekst": {"Sam is **blij**."}, "actie": {"voorbeeld"}})
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	mustContain(t, "preview", body, "Het adres wordt <code>/portraits/een-ding-sam</code>", "Voorbeeld: Één ding, Sam", "<strong>blij</strong>", ">\nSam is **blij**.</textarea>")
	if a.head() != head {
		t.Error("a preview committed")
	}
}

// edit loads the edit form of a page and returns its text and base.
func (a *testApp) edit(path string) (text, base string) {
	a.t.Helper()
	resp, body := a.get(path + "/bewerken")
	if resp.StatusCode != 200 {
		a.t.Fatalf("GET %s/bewerken: %d", path, resp.StatusCode)
	}
	return textarea(a.t, body), formBase(a.t, body)
}

func TestEditSave(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	text, base := a.edit("/themes/schaamte")
	if !strings.HasPrefix(text, "---\ntitle: Schaamte\n") {
		t.Fatalf("textarea does not hold the whole file: %.100s", text)
	}
	changed := strings.Replace(text, "Schaamte is het gevoel", "Schaamte is vaak het gevoel", 1)
	resp, _ := a.post("/themes/schaamte/bewerken", url.Values{"tekst": {strings.ReplaceAll(changed, "\n", "\r\n")}, "base": {base},
		"naam": {"Karim"}, "bericht": {"Beter verwoord"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/themes/schaamte?opgeslagen=1" {
		t.Fatalf("save: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if got := a.content("themes/schaamte.md"); got != changed {
		t.Errorf("committed content differs:\n%s", got)
	}
	// The commit is by the signed-in account, under its pseudonymous id: a "naam" in the form
	// changes nothing. Pages show the display name, looked up when shown.
	hist, _ := a.ws.Store.History("themes/schaamte.md")
	if len(hist) < 2 || a.display(hist[0].Author) != "Anna de Vries" || strings.Contains(hist[0].Author.Name+hist[0].Author.Email, "Anna") ||
		hist[0].Message != "Beter verwoord" {
		t.Errorf("history: %+v", hist[0])
	}
	_, body := a.get("/themes/schaamte?opgeslagen=1")
	mustContain(t, "after save", body, `<p class="notice" role="status">Opgeslagen.</p>`, "Laatst veranderd door Anna de Vries", "Schaamte is vaak het gevoel")
	// The editor asks no name: the account says who writes.
	_, body = a.get("/themes/schaamte/bewerken")
	if strings.Contains(body, `name="naam"`) {
		t.Error("the editor still asks for a name")
	}
}

func TestSaveUnchangedCommitsNothing(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	text, base := a.edit("/themes/schaamte")
	head := a.head()
	resp, _ := a.post("/themes/schaamte/bewerken", url.Values{"tekst": {text}, "base": {base}, "naam": {"Karim"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/themes/schaamte?ongewijzigd=1" {
		t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if a.head() != head {
		t.Error("an unchanged save made a commit")
	}
	_, body := a.get("/themes/schaamte?ongewijzigd=1")
	mustContain(t, "unchanged", body, "Je had niets veranderd, dus er is niets opgeslagen.")
}

func TestPreview(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	text, base := a.edit("/themes/schaamte")
	head := a.head()
	changed := strings.Replace(text, "Schaamte is het gevoel", "Schaamte is **soms** het gevoel", 1) + "\nZie [[bestaat-niet]].\n"
	resp, body := a.post("/themes/schaamte/voorbeeld", url.Values{"tekst": {changed}, "base": {base}, "naam": {"Karim"}, "bericht": {"proef"}})
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	mustContain(t, "preview", body, "Voorbeeld: Schaamte", "Schaamte is <strong>soms</strong> het gevoel",
		`class="wikilink wikilink--new">bestaat-niet</a>`, `value="`+base+`"`, `value="proef"`)
	if textarea(t, body) != changed {
		t.Error("the text is not kept in the form")
	}
	if strings.Index(body, "Voorbeeld: Schaamte") > strings.Index(body, "<textarea") {
		t.Error("the preview is not above the form")
	}
	// The same through the save button's "actie" (a browser that ignores formaction).
	if resp, body := a.post("/themes/schaamte/bewerken", url.Values{"tekst": {changed}, "base": {base}, "actie": {"voorbeeld"}}); resp.StatusCode != 200 || !strings.Contains(body, "<strong>soms</strong>") {
		t.Errorf("preview via actie: %d", resp.StatusCode)
	}
	// app.js asks for the panel only.
	form := url.Values{"tekst": {"---\ntitle: Schaamte\nonbekend: 1\n---\n_schuin_"}, "_csrf": {a.csrf}}
	req := httptest.NewRequest(http.MethodPost, "/themes/schaamte/voorbeeld", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Leefwereld-Fragment", "1")
	resp, body = a.do(req)
	if resp.StatusCode != 200 || strings.Contains(body, "<html") || !strings.Contains(body, "<em>schuin</em>") || !strings.Contains(body, "onbekend") {
		t.Errorf("fragment: %d\n%s", resp.StatusCode, body)
	}
	if a.head() != head {
		t.Error("a preview committed")
	}
}

func TestConcurrentEditsOnDifferentParagraphsMerge(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	text, base := a.edit("/themes/schaamte")
	first := strings.Replace(text, "Schaamte is het gevoel", "Schaamte is vaak het gevoel", 1)
	second := strings.Replace(text, "- Niemand mee naar huis nemen.", "- Niemand mee naar huis nemen, nooit.", 1)
	if resp, _ := a.post("/themes/schaamte/bewerken", url.Values{"tekst": {first}, "base": {base}, "naam": {"Anna"}}); resp.StatusCode != 303 {
		t.Fatalf("first save: %d", resp.StatusCode)
	}
	resp, _ := a.post("/themes/schaamte/bewerken", url.Values{"tekst": {second}, "base": {base}, "naam": {"Karim"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/themes/schaamte?samengevoegd=1" {
		t.Fatalf("second save: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	got := a.content("themes/schaamte.md")
	if !strings.Contains(got, "Schaamte is vaak het gevoel") || !strings.Contains(got, "Niemand mee naar huis nemen, nooit.") {
		t.Errorf("merge lost a change:\n%s", got)
	}
	_, body := a.get("/themes/schaamte?samengevoegd=1")
	mustContain(t, "merged", body, "Iemand anders heeft intussen ook iets veranderd; we hebben jullie wijzigingen samengevoegd.")
}

func TestConflictShowsBothAndKeepsText(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	text, base := a.edit("/themes/schaamte")
	theirs := strings.Replace(text, "- Niemand mee naar huis nemen.", "- Geen vriendjes thuis.", 1)
	theirs = strings.Replace(theirs, "## Om over door te praten", "## Om samen over te praten", 1)
	mine := strings.Replace(text, "- Niemand mee naar huis nemen.", "- Nooit iemand mee naar huis nemen.", 1)
	if resp, _ := a.post("/themes/schaamte/bewerken", url.Values{"tekst": {theirs}, "base": {base}, "naam": {"Anna"}}); resp.StatusCode != 303 {
		t.Fatalf("first save: %d", resp.StatusCode)
	}
	head, stored := a.head(), a.content("themes/schaamte.md")
	resp, body := a.post("/themes/schaamte/bewerken", url.Values{"tekst": {mine}, "base": {base}, "naam": {"Karim"}, "bericht": {"mijn bericht"}})
	if resp.StatusCode != 409 {
		t.Fatalf("status %d, want 409", resp.StatusCode)
	}
	if a.head() != head || a.content("themes/schaamte.md") != stored {
		t.Fatal("a conflict committed something")
	}
	mustContain(t, "conflict", body, "Twee versies van Schaamte", "Er is nog niets opgeslagen, en je tekst is niet kwijt.",
		"<h3>Jouw versie</h3><div class=\"hunk-text\">- Nooit iemand mee naar huis nemen.\n",
		"<h3>De versie die nu is opgeslagen</h3><div class=\"hunk-text\">- Geen vriendjes thuis.\n",
		"regels die niemand veranderde", "Dit stuk heeft iemand anders veranderd.", `value="mijn bericht"`)
	if strings.Contains(body, "<<<<<<<") || strings.Contains(body, ">>>>>>>") {
		t.Error("conflict markers")
	}
	// The form holds my text, with the other change that did not clash folded in, and the
	// current version as its base, so saving again goes through.
	kept := textarea(t, body)
	if !strings.Contains(kept, "- Nooit iemand mee naar huis nemen.") || !strings.Contains(kept, "## Om samen over te praten") {
		t.Errorf("text in the form:\n%s", kept)
	}
	newBase := formBase(t, body)
	if f, _ := a.ws.Store.Read("themes/schaamte.md", ""); newBase != f.Blob {
		t.Errorf("base %s, want the current blob %s", newBase, f.Blob)
	}
	resp, _ = a.post("/themes/schaamte/bewerken", url.Values{"tekst": {kept}, "base": {newBase}, "naam": {"Karim"}})
	if resp.StatusCode != 303 || a.content("themes/schaamte.md") != kept {
		t.Errorf("second save: %d", resp.StatusCode)
	}
}

func TestInvalidFrontMatterOnEdit(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	text, base := a.edit("/themes/schaamte")
	head, stored := a.head(), a.content("themes/schaamte.md")
	bad := strings.Replace(text, "group: zelf\n", "group: zelf\nkleur: rood\n", 1)
	resp, body := a.post("/themes/schaamte/bewerken", url.Values{"tekst": {bad}, "base": {base}, "naam": {"Karim"}})
	if resp.StatusCode != 422 {
		t.Fatalf("status %d, want 422", resp.StatusCode)
	}
	if a.head() != head || a.content("themes/schaamte.md") != stored {
		t.Fatal("invalid text was committed")
	}
	mustContain(t, "invalid", body, `<div class="error-summary" id="fouten" tabindex="-1" role="alert"`,
		`<a href="#tekst" data-line="5">Regel 5, bij <code>kleur</code>:`)
	if textarea(t, body) != bad || formBase(t, body) != base {
		t.Error("text or base not kept")
	}
	if i, j := strings.Index(body, `id="fouten"`), strings.Index(body, "<h1>"); i < 0 || i > j {
		t.Error("the error summary is not the first thing in the main content")
	}
}

func TestSaveAfterDeleteMeanwhile(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	text, base := a.edit("/themes/schaamte")
	if _, err := a.ws.Store.Delete("themes/schaamte.md", base, fixedAuthor, ""); err != nil {
		t.Fatal(err)
	}
	head := a.head()
	mine := text + "\nNog een zin.\n"
	resp, body := a.post("/themes/schaamte/bewerken", url.Values{"tekst": {mine}, "base": {base}})
	if resp.StatusCode != 409 || a.head() != head {
		t.Fatalf("status %d (want 409), head moved: %v", resp.StatusCode, a.head() != head)
	}
	mustContain(t, "deleted", body, "Schaamte is intussen verwijderd", "Pagina maken", `name="base" value=""`)
	if textarea(t, body) != mine {
		t.Error("text not kept")
	}
	resp, _ = a.post("/themes/schaamte/bewerken", url.Values{"tekst": {mine}, "base": {""}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/themes/schaamte?nieuw=1" || a.content("themes/schaamte.md") != mine {
		t.Errorf("making it again: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestSaveWithUnknownBase(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	text, _ := a.edit("/themes/schaamte")
	head := a.head()
	resp, body := a.post("/themes/schaamte/bewerken", url.Values{"tekst": {text + "extra\n"}, "base": {strings.Repeat("ab", 20)}})
	if resp.StatusCode != 409 || a.head() != head {
		t.Fatalf("status %d", resp.StatusCode)
	}
	mustContain(t, "unknown base", body, "We kunnen niet meer zien van welke versie je begon", "<h3>Jouw versie</h3><div class=\"hunk-text\">extra\n")
}

func TestLinksFollowSaveRenameDelete(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	resp, _ := a.post("/nieuw/portrait", url.Values{"titel": {"Noor (groep 8)"}, "team": {"ons-team"}, "tekst": {"Noor voelt [[eenzaamheid]] op het plein.\n"}})
	if resp.StatusCode != 303 {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	_, body := a.get("/themes/eenzaamheid")
	mustContain(t, "after create", body, `<a href="/portraits/noor-groep-8">Noor (groep 8)</a>`, "<q>Noor voelt eenzaamheid op het plein.</q>")

	text, base := a.edit("/portraits/noor-groep-8")
	text = strings.Replace(text, "[[eenzaamheid]]", "[[verlangen]]", 1)
	if resp, _ := a.post("/portraits/noor-groep-8/bewerken", url.Values{"tekst": {text}, "base": {base}}); resp.StatusCode != 303 {
		t.Fatalf("edit: %d", resp.StatusCode)
	}
	if _, body := a.get("/themes/eenzaamheid"); strings.Contains(body, "noor-groep-8") {
		t.Error("backlink kept after the link was edited away")
	}
	if _, body := a.get("/themes/verlangen"); !strings.Contains(body, `<a href="/portraits/noor-groep-8">`) {
		t.Error("new backlink missing")
	}

	// A rename made elsewhere (another handler, another engineer's route) is seen on the next view.
	if _, err := a.ws.Rename(wiki.Ref{Kind: wiki.Portrait, Slug: "noor-groep-8"}, "noor", fixedAuthor, ""); err != nil {
		t.Fatal(err)
	}
	_, body = a.get("/themes/verlangen")
	mustContain(t, "after rename", body, `<a href="/portraits/noor">Noor (groep 8)</a>`)
	f, _ := a.ws.Store.Read("portraits/noor.md", "")
	if _, err := a.ws.Store.Delete("portraits/noor.md", f.Blob, fixedAuthor, ""); err != nil {
		t.Fatal(err)
	}
	if _, body := a.get("/themes/verlangen"); strings.Contains(body, "/portraits/noor") {
		t.Error("backlink kept after delete")
	}
}

func TestThemesListAndCasePrint(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withSam(t, a)
	resp, body := a.get("/themes")
	if resp.StatusCode != 200 {
		t.Fatalf("/themes: %d", resp.StatusCode)
	}
	mustContain(t, "themes", body, `<h2 id="groep-zelf">Zelf</h2>`, `<a href="/themes/schaamte">Schaamte</a> <span class="meta">(1 casus, 1 frame)</span>`,
		"Lijkt op: schamen, beschaamd", `href="/nieuw/theme"`)

	resp, body = a.get("/cases/sam-groep-7/afdrukken")
	if resp.StatusCode != 200 {
		t.Fatalf("print: %d", resp.StatusCode)
	}
	mustContain(t, "print", body, "Het team maakt zich zorgen omdat Sam stil is geworden.", "1. Wat: de portretten",
		"Sam fietst elke ochtend alleen naar school.", "moeder-van-sam", "Deze pagina bestaat nog niet.",
		"3. Hoe: de frames", "Meer lucht thuis")
	if resp, _ := a.get("/cases/bestaat-niet/afdrukken"); resp.StatusCode != 404 {
		t.Errorf("print of a missing casus: %d", resp.StatusCode)
	}
}

// Inline script, event handlers and style attributes are refused by the CSP; none may appear.
// Only real tags are looked at: typed text shows up escaped (&lt;b onclick=…&gt;) and is harmless.
var (
	tagRe          = regexp.MustCompile(`<[a-zA-Z][^>]*>`)
	inlineScriptRe = regexp.MustCompile(`(?i)^<script\b`)
	handlerRe      = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	styleAttrRe    = regexp.MustCompile(`(?i)\sstyle\s*=`)
)

func TestNoInlineScriptOrStyle(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withSam(t, a)
	text, base := a.edit("/themes/schaamte")
	pages := map[string]string{}
	for _, p := range []string{"/portraits/sam", "/cases/sam-groep-7", "/themes/schaamte", "/frames/meer-lucht-thuis",
		"/teams/ons-team", "/themes/bestaat-niet", "/nieuw/portrait", "/themes/schaamte/bewerken", "/themes",
		"/cases/sam-groep-7/afdrukken"} {
		_, pages["GET "+p] = a.get(p)
	}
	_, pages["preview"] = a.post("/themes/schaamte/voorbeeld", url.Values{"tekst": {text + "\n<script>alert(1)</script> <b onclick=x style=y>"}, "base": {base}})
	_, pages["invalid"] = a.post("/themes/schaamte/bewerken", url.Values{"tekst": {"---\nx: 1\n---\n"}, "base": {base}})
	_, pages["create error"] = a.post("/nieuw/portrait", url.Values{"titel": {""}, "tekst": {"<script>"}})
	a.post("/themes/schaamte/bewerken", url.Values{"tekst": {strings.Replace(text, "Schaamte is", "Schaamte was", 1)}, "base": {base}})
	_, pages["conflict"] = a.post("/themes/schaamte/bewerken", url.Values{"tekst": {strings.Replace(text, "Schaamte is", "Schaamte blijft", 1)}, "base": {base}})
	for name, body := range pages {
		for _, tag := range tagRe.FindAllString(body, -1) {
			if inlineScriptRe.MatchString(tag) && !strings.Contains(tag, " src=") {
				t.Errorf("%s: inline script %q", name, tag)
			}
			if handlerRe.MatchString(tag) || styleAttrRe.MatchString(tag) {
				t.Errorf("%s: event handler or style attribute in %q", name, tag)
			}
		}
		if !strings.Contains(body, "&lt;") && name == "preview" {
			t.Errorf("%s: the typed markup should be in the page, escaped", name)
		}
	}
}

func TestManyBacklinksAreCapped(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	if _, err := a.ws.Store.Update(fixedAuthor, "", func(tx *store.Tx) error {
		for i := range maxBacklinks {
			page := fmt.Sprintf("---\ntitle: Leerling %02d\nteam: ons-team\n---\nZe wil [[frames/meer-lucht-thuis|meer lucht thuis]].\n", i)
			if err := tx.Put(fmt.Sprintf("portraits/leerling-%02d.md", i), []byte(page)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// A theme caps its evidence the same way (TestThemeEvidenceIsCapped); a frame shows the list.
	_, body := a.get("/frames/meer-lucht-thuis")
	shown := strings.Count(body, `</a> <span class="meta">(`)
	if shown != maxBacklinks || !strings.Contains(body, `<a href="/frames/meer-lucht-thuis?alle=1#waar-kop">Toon alle `) {
		t.Errorf("%d linking pages shown, want %d and a link to all", shown, maxBacklinks)
	}
	_, body = a.get("/frames/meer-lucht-thuis?alle=1")
	if !strings.Contains(body, `<a href="/portraits/leerling-39">Leerling 39</a>`) || strings.Contains(body, "Toon alle") {
		t.Error("?alle=1 does not show every linking page")
	}
}

func TestCreateEveryKindFromItsTemplate(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	long := strings.Repeat("Een heel lange titel met veel woorden ", 5) + "en een dubbele punt: zo"
	a.join("anna", "proef") // a team page belongs to the team it describes: teams/proef to team proef
	for _, k := range wiki.Kinds {
		_, body := a.get("/nieuw/" + k.Folder())
		resp, _ := a.post("/nieuw/"+string(k), url.Values{"titel": {long}, "slug": {"proef"}, "team": {"ons-team"}, "tekst": {textarea(t, body)}})
		if resp.StatusCode != 303 {
			t.Errorf("%s: %d", k, resp.StatusCode)
			continue
		}
		got := a.content(k.Folder() + "/proef.md")
		if !strings.Contains(got, "title: '"+strings.TrimSpace(long)+"'\n") && !strings.Contains(got, "title: \""+strings.TrimSpace(long)+"\"\n") {
			t.Errorf("%s: title not on one line:\n%.300s", k, got)
		}
		if resp, body := a.get("/" + k.Folder() + "/proef"); resp.StatusCode != 200 || !strings.Contains(body, "<h1 id=\"pagina-titel\">"+html.EscapeString(strings.TrimSpace(long))) {
			t.Errorf("%s: view %d", k, resp.StatusCode)
		}
	}
}

func TestInvalidPageInGitStillShows(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	// Pushed past our checks, as a clone elsewhere could: the text must still be readable.
	if _, err := a.ws.Store.Update(fixedAuthor, "", func(tx *store.Tx) error {
		if err := tx.Put("themes/kapot.md", []byte("---\ntitle: Kapot\nkleur: rood\n---\nDe tekst met [[schaamte]].\n")); err != nil {
			return err
		}
		return tx.Put("themes/zonder-kop.md", []byte("Alleen tekst, geen kop.\n"))
	}); err != nil {
		t.Fatal(err)
	}
	resp, body := a.get("/themes/kapot")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	mustContain(t, "invalid page", body, "Deze pagina klopt niet helemaal", "<code>kleur</code>", `<h1 id="pagina-titel">Kapot</h1>`,
		`De tekst met <a href="/themes/schaamte" class="wikilink">schaamte</a>.`, `href="/themes/kapot/bewerken"`)
	resp, body = a.get("/themes/zonder-kop")
	if resp.StatusCode != 200 || !strings.Contains(body, "Alleen tekst, geen kop.") || !strings.Contains(body, `<h1 id="pagina-titel">zonder-kop</h1>`) {
		t.Errorf("page without front matter: %d", resp.StatusCode)
	}
	if text, _ := a.edit("/themes/zonder-kop"); text != "Alleen tekst, geen kop.\n" {
		t.Errorf("editor text %q", text)
	}
}
