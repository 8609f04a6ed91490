package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/links"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// themePages are a small school year around schaamte: two casussen of ons-team, portraits in
// each and one without a casus, a frame of another team that is not shared, one that is, and
// a new theme that says it makes schaamte stronger.
var themePages = map[string]string{
	"teams/ander-team": "---\ntitle: Ander team\nkind: team\n---\nEen ander zorgteam.\n",
	"cases/sam-groep-7": `---
title: Sam (groep 7)
kind: case
team: ons-team
portraits: [sam, moeder-van-sam]
themes:
  - {slug: schaamte, why: Sam vertelt thuis niets over school}
---
Het team denkt dat [[schaamte]] meespeelt bij het lezen.
`,
	"cases/noor-groep-5": "---\ntitle: Noor (groep 5)\nkind: case\nteam: ons-team\nportraits: [noor]\n---\nNoor is nieuw op school.\n",
	"portraits/sam": `---
title: Sam, 11 jaar
kind: portrait
team: ons-team
cases: [sam-groep-7]
---
In de klas zegt hij weinig, want hij [[schaamte|schaamt zich]] voor zijn lezen. Op het veld is hij trots.

Thuis praat hij er nooit over, uit [[schaamte]].
`,
	"portraits/moeder-van-sam": `---
title: Moeder van Sam
kind: portrait
team: ons-team
cases: [sam-groep-7]
subject: ouder
---
Ze vraagt liever geen hulp, omdat ze zich [[themes/schaamte|schaamt]] voor de schulden.
`,
	"portraits/noor": `---
title: Noor, 8 jaar
kind: portrait
team: ons-team
cases: [noor-groep-5]
---
Noor verstopt haar oude jas in de gang uit [[schaamte]].
`,
	"portraits/kai": `---
title: Kai
kind: portrait
team: ons-team
---
Kai lacht het weg, maar het is [[schaamte]].
`,
	"portraits/van-het-andere-team": `---
title: Lotte
kind: portrait
team: ander-team
---
Lotte wil niet gezien worden, uit [[schaamte]].
`,
	"frames/niemand-hoeft-zich-te-verstoppen": `---
title: Niemand hoeft zich te verstoppen
kind: frame
team: ander-team
themes: [schaamte, veiligheid]
status: verkend
visibility: team
---
Een klas waar je fouten mag maken.
`,
	"frames/samen-over-geld-praten": `---
title: Samen over geld praten
kind: frame
team: ander-team
themes: [schaamte, openheid]
status: gekozen
visibility: gedeeld
---
Geld is gewoon een onderwerp.
`,
	"themes/pesten": `---
title: Pesten
kind: theme
related:
  - {slug: schaamte, how: versterkt, note: "wie gepest wordt, gaat zich schamen"}
---
Pesten is steeds opnieuw iemand pijn doen.
`,
}

func withThemePages(t *testing.T, ws *workspace.Workspace) {
	t.Helper()
	for path, text := range themePages {
		r, err := wiki.RefFromPath(path + ".md")
		if err != nil {
			t.Fatal(err)
		}
		if _, probs, err := ws.Save(r, []byte(text), "", fixedAuthor, ""); err != nil || probs.HasErrors() {
			t.Fatalf("save %s: %v %v", path, err, probs)
		}
	}
}

func TestThemePageGolden(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	a.join("anna", "ander-team") // she reads both teams' pages: the whole theme page shows
	withThemePages(t, a.ws)
	resp, body := a.get("/themes/schaamte")
	if resp.StatusCode != 200 {
		t.Fatalf("GET: %d", resp.StatusCode)
	}
	golden(t, "page_theme", body)
}

func TestThemePageParts(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	a.join("anna", "ander-team") // she reads both teams' pages: the whole theme page shows
	withThemePages(t, a.ws)
	_, body := a.get("/themes/schaamte")
	mustContain(t, "schaamte", body,
		// research: the library's "Wat zit erachter?" in the panel, empty sources as invitations
		`<h2 id="onderzoek-kop">Onderzoek</h2>`, `Deze kanten springen eruit: <strong>emotioneel</strong>, <strong>sociaal</strong>.`,
		`<dd class="angle-empty">Nog niets bij eigen ervaring: wanneer voelde jij dit zelf? Wat hielp toen?</dd>`,
		`<dt>Kunst</dt>
<dd><div class="prose"><p>Op het fresco <em>De verdrijving uit het paradijs</em>`,
		`<dd><p>Woorden die erop lijken: schamen, beschaamd, gêne, generen.</p><div class="prose"><p>Gêne is lichter`,
		// relations both ways, phrased from this side, with both notes of a symmetric one
		`<h3>Staat op gespannen voet met</h3>`, `<span class="side-note">wie zich schaamt, houdt dingen liever voor zich</span><br><span class="side-note">wat je beschaamd maakt, vertel je niet graag</span>`,
		`<h3>Wordt sterker door</h3>`, `<a href="/themes/pesten" class="wikilink">Pesten</a><br><span class="side-note">wie gepest wordt, gaat zich schamen</span>`,
		`<h3>Maakt sterker</h3>`,
		// the drawing, its legend in words, and each node a link
		`<figure class="theme-graph">`, `<title id="verband-titel">Verwante thema&#39;s van Schaamte</title>`,
		`Maakt sterker: een dikke groene lijn.`, `<a href="/themes/pesten">`,
		// evidence by casus, with the casus's why and its own sentence
		`<h3><a href="/cases/sam-groep-7" class="wikilink">Sam (groep 7)</a></h3>`,
		`Gekozen in deze casus: Sam vertelt thuis niets over school`,
		`<q>Het team denkt dat schaamte meespeelt bij het lezen.</q>`,
		`<q>In de klas zegt hij weinig, want hij schaamt zich voor zijn lezen.</q>`, `<q>Thuis praat hij er nooit over, uit schaamte.</q>`,
		`<a href="/portraits/moeder-van-sam">Moeder van Sam</a>`,
		`<h3><a href="/cases/noor-groep-5" class="wikilink">Noor (groep 5)</a></h3>`,
		`<h3>Portretten zonder casus</h3>`, `<a href="/portraits/kai">Kai</a>`,
		// inspiration: every frame that rests on it (no accounts yet: every team's)
		`<a href="/frames/samen-over-geld-praten" class="wikilink">Samen over geld praten</a><span class="meta"> (team Ander team · gekozen · gedeeld met andere teams)</span>`,
		`<a href="/frames/niemand-hoeft-zich-te-verstoppen" class="wikilink">`,
		`Rust ook op: <a href="/themes/veiligheid" class="wikilink">Veiligheid</a>`,
		// a frame's own sentence about the theme goes with it
		`<q>Alleen straf laat een kind vaak achter met schaamte`,
		// other mentions: themes that name it in their text
		`<h2 id="waar-kop">Waar wordt dit thema nog meer genoemd?</h2>`, `<a href="/themes/gezien-worden">Gezien worden</a> <span class="meta">(betekenisthema)</span>`,
	)
	// The casussen come by title, the portraits without one last.
	noor, sam, loose := strings.Index(body, "Noor (groep 5)</a></h3>"), strings.Index(body, "Sam (groep 7)</a></h3>"), strings.Index(body, "Portretten zonder casus")
	if !(noor < sam && sam < loose) {
		t.Errorf("groups out of order: noor %d, sam %d, zonder %d", noor, sam, loose)
	}
	// A frame is listed once: in the inspiration, not again among the other mentions.
	if n := strings.Count(body, `href="/frames/fouten-mogen-hersteld-worden"`); n != 1 {
		t.Errorf("frame listed %d times", n)
	}
	// The research sections are in the panel, not twice on the page.
	if n := strings.Count(body, "trekken aan elkaar"); n != 1 {
		t.Errorf("dynamics text shown %d times", n)
	}
	// The page that says "versterkt schaamte" shows it from its own side.
	_, body = a.get("/themes/pesten")
	mustContain(t, "pesten", body, `<h3>Maakt sterker</h3>`, `<a href="/themes/schaamte" class="wikilink">Schaamte</a>`,
		`<h2 id="bewijs-kop">Waar komt dit voor in portretten?</h2>`, "Nog geen portret linkt naar dit thema.", "Nog geen frame rust op dit thema.")
}

// A theme made from the template shows every angle as an invitation, and no drawing.
func TestNewThemeInvitesResearch(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	text := "---\ntitle: Verveling\nkind: theme\n---\n" + string(themesTemplate())
	r, _ := wiki.RefFromPath("themes/verveling.md")
	if _, _, err := a.ws.Save(r, []byte(text), "", fixedAuthor, ""); err != nil {
		t.Fatal(err)
	}
	_, body := a.get("/themes/verveling")
	mustContain(t, "verveling", body, "Nog geen kanten gekozen.", "Nog niets ingevuld. Wat laat het groeien",
		"Nog niets bij eigen ervaring: wanneer voelde jij dit zelf? Wat hielp toen?", "(11 kopjes zijn nog leeg)",
		"Vul het onderzoek aan", "Dit thema heeft nog geen verwante thema's.")
	if strings.Contains(body, "<svg") || strings.Contains(body, "Bronnen en ideeën</h2>") {
		t.Error("a theme without relations has a drawing, or its research is in the text")
	}
	// The editor's prompts name the sources with their question.
	_, body = a.get("/themes/verveling/bewerken")
	mustContain(t, "editor", body, "<li>Kunst: welk schilderij, lied, boek of welke film past hierbij?</li>",
		"<li>Een beetje of heel veel? Wat doet een beetje ervan")
}

func themesTemplate() []byte { return workspace.Schema(wiki.Theme).Template }

// The evidence lists are capped like the backlinks, with a link to all of them.
func TestThemeEvidenceIsCapped(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	n := maxBacklinks + 5
	for i := range n {
		r := wiki.Ref{Kind: wiki.Portrait, Slug: wiki.Slug(fmt.Sprintf("p%03d", i))}
		text := fmt.Sprintf("---\ntitle: P%03d\nteam: ons-team\n---\nHier speelt [[schaamte]].\n", i)
		if _, _, err := a.ws.Save(r, []byte(text), "", fixedAuthor, ""); err != nil {
			t.Fatal(err)
		}
	}
	_, body := a.get("/themes/schaamte")
	if got := strings.Count(body, `<a href="/portraits/p`); got != maxBacklinks {
		t.Errorf("capped page lists %d portraits, want %d", got, maxBacklinks)
	}
	mustContain(t, "capped", body, fmt.Sprintf(`<a href="/themes/schaamte?alle=1#bewijs-kop">Toon alle %d portretten die hiernaartoe linken</a>`, n))
	_, body = a.get("/themes/schaamte?alle=1")
	if got := strings.Count(body, `<a href="/portraits/p`); got != n {
		t.Errorf("?alle=1 lists %d portraits, want %d", got, n)
	}
}

// collectEvidence shows only what the reader may see: a team's portraits and casussen to its
// members, another team's frame only when it is shared.
func TestEvidenceForAReaderOfOneTeam(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withThemePages(t, a.ws)
	x, err := links.New(a.ws.Store)
	if err != nil {
		t.Fatal(err)
	}
	ref := wiki.Ref{Kind: wiki.Theme, Slug: "schaamte"}
	for _, tc := range []struct {
		name      string
		r         reader
		portraits int
		cases     []string
		frames    []string
	}{
		{"both teams", bothTeams, 5,
			[]string{"Noor (groep 5)", "Sam (groep 7)", "Portretten zonder casus"},
			[]string{"Fouten mogen hersteld worden", "Niemand hoeft zich te verstoppen", "Samen over geld praten"}},
		{"ons-team", member("ons-team"), 4,
			[]string{"Noor (groep 5)", "Sam (groep 7)", "Portretten zonder casus"},
			[]string{"Fouten mogen hersteld worden", "Samen over geld praten"}},
		{"ander-team", member("ander-team"), 1,
			[]string{"Portretten zonder casus"},
			[]string{"Fouten mogen hersteld worden", "Niemand hoeft zich te verstoppen", "Samen over geld praten"}},
		{"no team", reader{who: access.Subject{Account: "a3"}}, 0, nil, []string{"Fouten mogen hersteld worden", "Samen over geld praten"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ev := collectEvidence(x, ref, tc.r, 0)
			if ev.Portraits != tc.portraits || ev.Shown != tc.portraits {
				t.Errorf("portraits %d (shown %d), want %d", ev.Portraits, ev.Shown, tc.portraits)
			}
			var cases, frames []string
			for _, c := range ev.Cases {
				cases = append(cases, c.Label)
			}
			for _, f := range ev.Frames {
				frames = append(frames, f.Label)
			}
			if strings.Join(cases, "|") != strings.Join(tc.cases, "|") {
				t.Errorf("casussen %q, want %q", cases, tc.cases)
			}
			if strings.Join(frames, "|") != strings.Join(tc.frames, "|") {
				t.Errorf("frames %q, want %q", frames, tc.frames)
			}
			// Themes are shared: the incoming relations do not depend on the reader.
			if len(ev.Incoming) < 2 {
				t.Errorf("incoming relations: %+v", ev.Incoming)
			}
		})
	}
}

// bothTeams is a reader in both teams of the test workspace.
var bothTeams = reader{who: access.Subject{Account: "a-beide", Roles: []access.Role{access.Lezer}, Teams: []wiki.Slug{"ons-team", "ander-team"}}}

// member is a signed-in reader in one team.
func member(team wiki.Slug) reader {
	return reader{who: access.Subject{Account: "a-" + string(team), Roles: []access.Role{access.Lezer}, Teams: []wiki.Slug{team}}}
}

func TestEvidenceGroupsAPortraitInEachOfItsCasussen(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withThemePages(t, a.ws)
	r, _ := wiki.RefFromPath("portraits/broer.md")
	text := "---\ntitle: Broer van Sam en Noor\nteam: ons-team\ncases: [sam-groep-7, noor-groep-5, bestaat-nog-niet]\n---\nHij draagt de [[schaamte]] van het gezin.\n"
	if _, _, err := a.ws.Save(r, []byte(text), "", fixedAuthor, ""); err != nil {
		t.Fatal(err)
	}
	x, err := links.New(a.ws.Store)
	if err != nil {
		t.Fatal(err)
	}
	ev := collectEvidence(x, wiki.Ref{Kind: wiki.Theme, Slug: "schaamte"}, bothTeams, 2)
	// The cap counts portraits, not groups: the first two by title are "Broer …" and "Kai".
	if ev.Portraits != 6 || ev.Shown != 2 {
		t.Fatalf("portraits %d shown %d", ev.Portraits, ev.Shown)
	}
	got := map[string][]string{}
	for _, c := range ev.Cases {
		for _, p := range c.Portraits {
			got[c.Label] = append(got[c.Label], p.Title+": "+strings.Join(p.Sentences, " / "))
		}
	}
	want := map[string][]string{
		"bestaat-nog-niet":        {"Broer van Sam en Noor: Hij draagt de schaamte van het gezin."},
		"Noor (groep 5)":          {"Broer van Sam en Noor: Hij draagt de schaamte van het gezin."},
		"Sam (groep 7)":           {"Broer van Sam en Noor: Hij draagt de schaamte van het gezin."},
		"Portretten zonder casus": {"Kai: Kai lacht het weg, maar het is schaamte."},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("groups:\n got %v\nwant %v", got, want)
	}
	for _, c := range ev.Cases {
		if c.Label == "bestaat-nog-niet" && (c.Exists || c.URL != "/cases/bestaat-nog-niet") {
			t.Errorf("missing casus: %+v", c.sideItem)
		}
	}
}
