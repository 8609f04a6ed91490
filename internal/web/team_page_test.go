package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

const springplank = `---
title: Zorgteam De Springplank
kind: team
members:
  - {name: Anna, role: mentor}
  - {name: Karim, role: jongerenwerker}
  - {name: Els}
coordinator: Karim
---
Wij werken sinds dit schooljaar samen.

## 1. Veiligheid en vertrouwen
_Wat blijft binnen het team? Hoe maken we het veilig om iets te zeggen?_
Wat hier gezegd wordt, blijft hier. We noemen geen achternamen, en we praten over [[vertrouwen]].

## 3. Autonomie, macht en keuzes
Een leerling voelt meteen wie de baas is.
_Onze afspraak:_ De leerling leest het portret als eerste.

## Onze eigen spelregels
1. We beginnen op tijd.
2. Telefoons gaan weg.
3. …

## Wie zitten er in het team?
_Onze afspraak:_ Wij met z'n drieën; de ouders schuiven aan als het over hun kind gaat.

## Afspraken met de ouders
Ze krijgen alles te lezen voordat het team het bespreekt.
`

func saveAs(t *testing.T, a *testApp, path, text string) {
	t.Helper()
	r, err := wiki.RefFromPath(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.ws.Save(r, []byte(text), "", fixedAuthor, ""); err != nil {
		t.Fatalf("save %s: %v", path, err)
	}
}

func TestTeamPageWorksheet(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	a.join("anna", "springplank")
	saveAs(t, a, "teams/springplank.md", springplank)
	resp, body := a.get("/teams/springplank")
	if resp.StatusCode != 200 {
		t.Fatalf("GET: %d", resp.StatusCode)
	}
	golden(t, "team_page", body)
	mustContain(t, "team", body,
		`<tr><th scope="row">Karim</th><td>jongerenwerker, coördineert</td></tr>`,
		`<tr><th scope="row">Els</th><td></td></tr>`,
		"Jullie hebben 2 van de 6 spelregels ingevuld.",
		`<a href="/themes/vertrouwen" class="wikilink">vertrouwen</a>`,
		"<li>We beginnen op tijd.</li>", `<a href="/teams/springplank/overzicht">`,
		"<h2>Afspraken met de ouders</h2>")
	// The template's question under a heading is the prompt, not the team's words; a "…" is
	// a place to write, not a rule.
	if n := strings.Count(body, "Hoe maken we het veilig om iets te zeggen?"); n != 1 || strings.Contains(body, "…") {
		t.Errorf("the question is shown %d times, or a placeholder is shown", n)
	}
	// The starter page is an empty worksheet: every rule asks to be filled in, and its
	// explanation is there, folded away.
	_, body = a.get("/teams/ons-team")
	mustContain(t, "starter", body, "Jullie hebben 0 van de 6 spelregels ingevuld.",
		`<p class="rule-open">Nog geen afspraak. <a href="/teams/ons-team/bewerken">Schrijf jullie afspraak op</a>.</p>`,
		`<summary>Uitleg bij deze spelregel</summary>`, "Nog geen eigen spelregels.",
		`<tr><th scope="row">Intern begeleider</th><td>intern begeleider, coördineert</td></tr>`)
	if n := strings.Count(body, `class="rule rule--open"`); n != 6 {
		t.Errorf("%d open rules on the starter page, want 6", n)
	}
	if strings.Contains(body, "Jullie hebben nog niet opgeschreven hoe het team is samengesteld") {
		t.Error("the starter page asks its own questions about the team, and ours as well")
	}
	// A page without a word about who takes part gets the questions to talk it through.
	saveAs(t, a, "teams/kort.md", "---\ntitle: Kort\n---\n## 2. Openheid en schaamte\nWe lachen niemand uit.\n")
	if resp, body := a.get("/teams/kort"); resp.StatusCode != 404 || strings.Contains(body, "lachen") {
		t.Errorf("the page of a team Anna is not in: %d", resp.StatusCode)
	}
	a.join("anna", "kort")
	_, body = a.get("/teams/kort")
	mustContain(t, "short page", body, "Jullie hebben nog niet opgeschreven hoe het team is samengesteld. Praat erover:",
		"<li>Wie coördineert?</li>", "Er staan nog geen leden op deze pagina.", "Er is nog niemand gekozen die coördineert.",
		"Jullie hebben 1 van de 6 spelregels ingevuld.", "<p>We lachen niemand uit.</p>")
}

// A team page whose front matter has errors shows its text as it is, without the worksheet.
func TestTeamPageWithErrorsShowsText(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	a.join("anna", "kapot")
	if _, err := a.ws.Store.Update(fixedAuthor, "kapot", func(tx *store.Tx) error {
		return tx.Put("teams/kapot.md", []byte("---\ntitle: Kapot\nleden: [Anna]\n---\n## 1. Veiligheid\nOnze tekst.\n"))
	}); err != nil {
		t.Fatal(err)
	}
	resp, body := a.get("/teams/kapot")
	if resp.StatusCode != 200 || strings.Contains(body, "Spelregels voor spelregels") || !strings.Contains(body, "Onze tekst.") {
		t.Errorf("team with errors: %d\n%.2000s", resp.StatusCode, body)
	}
}

func TestTeamOverview(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	a.join("anna", "springplank")
	saveAs(t, a, "teams/springplank.md", springplank)
	saveAs(t, a, "portraits/sam.md", "---\ntitle: Sam, 11 jaar\nteam: springplank\n---\nHij [[schaamte|schaamt zich]]. Thuis zoekt hij [[rust]]. Weer [[schaamte]], en [[themes/zwemmen]].\n")
	saveAs(t, a, "portraits/moeder-van-sam.md", "---\ntitle: Moeder van Sam\nteam: springplank\nsubject: ouder\n---\nZe zoekt [[rust]] en [[verbondenheid]].\n")
	saveAs(t, a, "portraits/broer.md", "---\ntitle: Broer van Sam\nteam: springplank\n---\nNog geen thema's.\n")
	// A portrait of another team stays out.
	saveAs(t, a, "portraits/ander.md", "---\ntitle: Ander kind\nteam: ons-team\n---\nHeel veel [[angst]].\n")
	resp, body := a.get("/teams/springplank/overzicht")
	if resp.StatusCode != 200 {
		t.Fatalf("GET: %d\n%.2000s", resp.StatusCode, body)
	}
	golden(t, "team_overview", body)
	mustContain(t, "overview", body,
		`<caption id="overzicht-titel">Portretten van Zorgteam De Springplank en de thema's die ze noemen</caption>`,
		// rust: two portraits; schaamte: one portrait, twice; then the others by title.
		`<th scope="col" class="overview-theme"><a href="/themes/rust">Rust</a></th><th scope="col" class="overview-theme"><a href="/themes/schaamte">Schaamte</a></th>`,
		`<a href="/themes/zwemmen" class="wikilink--new">zwemmen</a>`,
		`<tr><th scope="row"><a href="/portraits/sam">Sam, 11 jaar</a></th><td class="overview-cell overview-cell--1">1</td><td class="overview-cell overview-cell--2">2</td>`,
		`<tr><th scope="row"><a href="/portraits/broer">Broer van Sam</a></th>`)
	if strings.Contains(body, "Ander kind") || strings.Contains(body, "/themes/angst") {
		t.Error("another team's portrait is in the overview")
	}
	// The team page links to it; a team without portraits, or without themes, says so.
	_, body = a.get("/teams/ons-team/overzicht")
	mustContain(t, "other team", body, "<h1>Overzicht van Ons team</h1>", `<a href="/themes/angst">Angst</a>`)
	saveAs(t, a, "teams/leeg.md", "---\ntitle: Leeg team\n---\n")
	if resp, body := a.get("/teams/leeg/overzicht"); resp.StatusCode != 404 || strings.Contains(body, "Leeg team") {
		t.Errorf("the overview of a team Anna is not in: %d", resp.StatusCode)
	}
	a.join("anna", "leeg")
	_, body = a.get("/teams/leeg/overzicht")
	mustContain(t, "empty team", body, "Dit team heeft nog geen portretten.")
	saveAs(t, a, "portraits/zonder.md", "---\ntitle: Zonder\nteam: leeg\n---\nGeen links.\n")
	_, body = a.get("/teams/leeg/overzicht")
	mustContain(t, "no themes", body, "De 1 portretten van dit team noemen nog geen thema.")
	if strings.Contains(body, "<table") {
		t.Error("an empty table for a team without themes")
	}
	for path, want := range map[string]int{"/teams/bestaat-niet/overzicht": 404, "/teams/Fout!/overzicht": 404} {
		if resp, body := a.get(path); resp.StatusCode != want || !strings.Contains(body, "Niet gevonden") && !strings.Contains(body, "bestaat nog niet") {
			t.Errorf("GET %s: %d %.300s", path, resp.StatusCode, body)
		}
	}
}

// A team with more portraits than fit on one page: rows are paged, the totals count all.
func TestTeamOverviewPages(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	n := overviewRows + 5
	if _, err := a.ws.Store.Update(fixedAuthor, "veel portretten", func(tx *store.Tx) error {
		for i := range n {
			page := fmt.Sprintf("---\ntitle: Leerling %03d\nteam: ons-team\n---\nZe [[schaamte|schaamt zich]] soms, en zoekt [[rust]].\n", i)
			if err := tx.Put(fmt.Sprintf("portraits/leerling-%03d.md", i), []byte(page)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_, body := a.get("/teams/ons-team/overzicht")
	mustContain(t, "page 1", body, fmt.Sprintf("(portret 1 tot en met %d van %d)", overviewRows, n),
		`href="/teams/ons-team/overzicht?pagina=2" rel="next"`, fmt.Sprintf("<th scope=\"row\">Totaal (alle portretten)</th><td>%d</td><td>%d</td>", n, n))
	if rows := strings.Count(body, `<tr><th scope="row"><a href="/portraits/`); rows != overviewRows {
		t.Errorf("%d rows on page 1", rows)
	}
	for _, q := range []string{"?pagina=2", "?pagina=99", "?pagina=x"} {
		resp, body := a.get("/teams/ons-team/overzicht" + q)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", q, resp.StatusCode)
		}
		if q == "?pagina=x" {
			mustContain(t, q, body, "Leerling 000")
			continue
		}
		mustContain(t, q, body, fmt.Sprintf("(portret %d tot en met %d van %d)", overviewRows+1, n, n), "Leerling 204", `rel="prev"`)
		if strings.Contains(body, "Leerling 000") {
			t.Errorf("%s shows the first page", q)
		}
	}
}

// BenchmarkTeamOverview is the overview of a team with 3000 portraits, each naming six
// themes, in a workspace where another team has as many: one page of 200 rows.
func BenchmarkTeamOverview(b *testing.B) {
	ws, err := workspace.Create(filepath.Join(b.TempDir(), "data"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ws.Close() })
	themes := []string{"schaamte", "rust", "trots", "angst", "verbondenheid", "vertrouwen", "spanning", "hoop", "moed", "eenzaamheid"}
	if _, err := ws.Store.Update(fixedAuthor, "veel portretten", func(tx *store.Tx) error {
		for _, team := range []string{"ons-team", "ander-team"} {
			for i := range 3000 {
				var body strings.Builder
				for j := range 6 {
					fmt.Fprintf(&body, "Soms [[%s]]. ", themes[(i+j*3)%len(themes)])
				}
				page := fmt.Sprintf("---\ntitle: Leerling %04d\nteam: %s\n---\n%s\n", i, team, body.String())
				if err := tx.Put(fmt.Sprintf("portraits/%s-%04d.md", team, i), []byte(page)); err != nil {
					return err
				}
			}
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	st, err := accounts.Open(ws.Dir(), accounts.Options{Password: cheapHash})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	acc, err := st.Add(accounts.NewAccount{Name: "anna", Password: testPassword, Teams: []wiki.Slug{"ons-team"}})
	if err != nil {
		b.Fatal(err)
	}
	secret, _, err := st.StartSession(acc.ID) // a real session, as the login page makes it
	if err != nil {
		b.Fatal(err)
	}
	app, err := New(ws, WithAccounts(st)) // builds the link index
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "/teams/ons-team/overzicht", nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: secret})
		resp, err := app.Test(req, -1)
		if err != nil || resp.StatusCode != 200 {
			b.Fatal(resp, err)
		}
		resp.Body.Close()
	}
}
