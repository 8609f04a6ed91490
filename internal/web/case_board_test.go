package web

import (
	"regexp"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// noorPages is a fictional casus with all four steps filled in: two portraits (one recognised),
// five themes (one abstract, without a page), four frames (one not written yet, one let go
// without a reason) and four actions (one without a frame, one for a frame of another casus).
var noorPages = map[string]string{
	"cases/noor-groep-8.md": `---
title: Noor (groep 8)
team: ons-team
portraits: [noor, vader-van-noor]
themes:
  - {slug: erbij-horen, why: Ze wil bij de meiden op het plein horen}
  - {slug: schaamte, why: Ze zegt niets als ze iets niet snapt}
  - {slug: spanning, why: Thuis is er ruzie over geld}
  - rust
  - sociale-cohesie
frames: [noor-erbij-horen, noor-lucht-thuis, noor-losgelaten, noor-nog-niet]
actions:
  - {what: Samen met een vriendin naar hockey, who: moeder, where: vrije tijd, when: 2027-02-01, frame: noor-erbij-horen, status: bezig}
  - {what: Rustige plek om huiswerk te maken, who: mentor, where: school, frame: noor-lucht-thuis}
  - {what: Vaker even bellen met vader, who: mentor, where: gezin}
  - {what: Gesprek over geldzorgen, where: hulp, frame: ergens-anders}
---
Noor is dit jaar stil geworden in de klas.
`,
	"portraits/noor.md": `---
title: Noor, 12 jaar
team: ons-team
cases: [noor-groep-8]
status: herkend
recognized: {by: Noor, on: 2026-11-12, remarks: "Ja, dat ben ik."}
punctum: Ze tekent paarden in de kantlijn van haar schrift.
---
Noor fietst elke ochtend met haar zusje naar school.
`,
	"portraits/vader-van-noor.md": `---
title: Vader van Noor
team: ons-team
cases: [noor-groep-8]
subject: ouder
status: besproken
---
Hij werkt in ploegen en ziet Noor vooral in het weekend.
`,
	"frames/noor-erbij-horen.md": `---
title: Erbij horen zonder te hoeven presteren
team: ons-team
themes: [erbij-horen, schaamte]
combines: [noor-lucht-thuis]
status: gekozen
---
Noor hoort erbij, ook als ze iets niet snapt.
`,
	"frames/noor-lucht-thuis.md": `---
title: Meer rust thuis
team: ons-team
themes: [spanning, rust, verantwoordelijkheid]
status: verkend
---
Er komt thuis meer ruimte om adem te halen.
`,
	"frames/noor-losgelaten.md": `---
title: Noor moet beter haar best doen
team: ons-team
status: losgelaten
---
Dit frame legde de schuld bij Noor.
`,
}

// withNoor writes the Noor casus and its pages into the test workspace.
func withNoor(t *testing.T, a *testApp) {
	t.Helper()
	for path, text := range noorPages {
		r, err := wiki.RefFromPath(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, probs, err := a.ws.Save(r, []byte(text), "", fixedAuthor, ""); err != nil {
			t.Fatalf("%s: %v %v", path, err, probs)
		}
	}
}

// boardSection cuts the board out of a page: the same partial in the page and the print view.
// boardControls are the parts of the board that change it; the print view has none.
var boardControls = regexp.MustCompile(`(?s)\n?(<form class="card__form".*?</form>|<ul class="board-controls">.*?</ul>|<p class="card__links">.*?</p>)`)

func withoutControls(board string) string {
	return blankLines.ReplaceAllString(boardControls.ReplaceAllString(board, ""), "\n")
}

var blankLines = regexp.MustCompile(`\n\s*\n`)

func boardSection(t *testing.T, body string) string {
	t.Helper()
	// The board ends after its columns (the last column, then the grid's </div>) and the
	// line of pages not written yet.
	start := strings.Index(body, `<section class="board"`)
	cols := strings.Index(body[max(start, 0):], "\n</section>\n</div>\n")
	if start < 0 || cols < 0 {
		t.Fatalf("no board in:\n%.3000s", body)
	}
	rest := start + cols + len("\n</section>\n</div>\n")
	end := strings.Index(body[rest:], "</section>")
	if end < 0 {
		t.Fatalf("the board does not end:\n%s", body[start:])
	}
	return body[start : rest+end+len("</section>")]
}

var cardRe = regexp.MustCompile(`(?s)<li class="card[^"]*" id="([^"]+)">(.*?)\n</li>`)

// cards returns each card of the board by its id.
func cards(t *testing.T, board string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range cardRe.FindAllStringSubmatch(board, -1) {
		out[m[1]] = m[2]
	}
	return out
}

func TestCaseBoardGolden(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withNoor(t, a)
	resp, body := a.get("/cases/noor-groep-8")
	if resp.StatusCode != 200 {
		t.Fatalf("GET: %d", resp.StatusCode)
	}
	golden(t, "board_noor", "<main>"+boardSection(t, body)+"</main>")
}

// Every tie of the Noor casus is on the board, at both ends, with the same badge.
func TestCaseBoardShowsEveryTie(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withNoor(t, a)
	_, body := a.get("/cases/noor-groep-8")
	b := boardSection(t, body)
	c := cards(t, b)
	if len(c) != 2+5+4+4 {
		t.Fatalf("%d cards, want 15: %v", len(c), keys(c))
	}
	// tie is the link one card has to another: the badge of the far end and its anchor.
	tie := func(id, label, tone string) string {
		kind := map[byte]string{'T': "waar", 'F': "hoe", 'A': "organiseren"}[label[0]]
		return `<a class="tie" href="#` + id + `"><span class="badge badge--` + kind + ` tone-` + tone + `">` + label + `</span>`
	}
	for _, tc := range []struct {
		card  string
		wants []string
	}{
		{"bord-thema-erbij-horen", []string{`<span class="badge badge--waar tone-1">T1</span>`, "Frames die hierop rusten:", tie("bord-frame-noor-erbij-horen", "F1", "1") + " Erbij horen zonder te hoeven presteren</a>"}},
		{"bord-thema-schaamte", []string{`>T2</span>`, tie("bord-frame-noor-erbij-horen", "F1", "1")}},
		{"bord-thema-spanning", []string{`>T3</span>`, tie("bord-frame-noor-lucht-thuis", "F2", "2")}},
		{"bord-thema-rust", []string{`>T4</span>`, tie("bord-frame-noor-lucht-thuis", "F2", "2"), "Waarom hier? Dat staat er nog niet bij."}},
		{"bord-thema-sociale-cohesie", []string{`>T5</span>`, "Nog geen frame rust op dit thema.", "moeilijk te voelen",
			`Thema's die je wel kunt voelen:</span> <a href="/themes/betrokkenheid" class="wikilink">Betrokkenheid</a>`,
			`<a href="/themes/sociale-cohesie" class="wikilink wikilink--new">sociale-cohesie</a>`}},
		{"bord-frame-noor-erbij-horen", []string{`<span class="badge badge--hoe tone-1">F1</span>`, "Status: <span class=\"status status--gekozen\">gekozen</span>",
			"Rust op:</span> " + tie("bord-thema-erbij-horen", "T1", "1") + " Erbij horen</a>, " + tie("bord-thema-schaamte", "T2", "2") + " Schaamte</a>",
			"Versterkt samen met:</span> " + tie("bord-frame-noor-lucht-thuis", "F2", "2"),
			"Acties:</span> " + tie("bord-actie-1", "A1", "1") + " Samen met een vriendin naar hockey</a>"}},
		{"bord-frame-noor-lucht-thuis", []string{`>F2</span>`, "status--verkend",
			"Rust op:</span> " + tie("bord-thema-spanning", "T3", "3") + " Spanning</a>, " + tie("bord-thema-rust", "T4", "4") + " Rust</a>, " +
				`<a href="/themes/verantwoordelijkheid" class="wikilink">Verantwoordelijkheid</a> <span class="meta">(geen thema van deze casus)</span>`,
			tie("bord-actie-2", "A2", "2")}},
		{"bord-frame-noor-losgelaten", []string{`>F3</span>`, "status--losgelaten", "Rust nog op geen thema.", "Nog geen actie voor dit frame.",
			`data-hint="frame.no-themes"`, `data-hint="frame.no-reason"`}},
		{"bord-frame-noor-nog-niet", []string{`>F4</span>`, `<a href="/frames/noor-nog-niet" class="wikilink wikilink--new">noor-nog-niet</a>`,
			"Dit frame is nog niet geschreven.", "Nog geen actie voor dit frame."}},
		{"bord-actie-1", []string{`<span class="badge badge--organiseren tone-1">A1</span> Samen met een vriendin naar hockey`,
			"<dt>Wie</dt><dd>moeder</dd>", "<dt>Waar</dt><dd>vrije tijd</dd>", "<dt>Wanneer</dt><dd>1 februari 2027</dd>", "status--bezig",
			"Hoort bij:</span> " + tie("bord-frame-noor-erbij-horen", "F1", "1") + " Erbij horen zonder te hoeven presteren</a>"}},
		{"bord-actie-2", []string{"<dt>Waar</dt><dd>school</dd>", "status--gepland", "Hoort bij:</span> " + tie("bord-frame-noor-lucht-thuis", "F2", "2")}},
		{"bord-actie-3", []string{"<dt>Waar</dt><dd>gezin</dd>", "Hoort nog bij geen frame.", `data-hint="case.action-no-frame"`}},
		{"bord-actie-4", []string{"<dt>Waar</dt><dd>hulp</dd>", `<a href="/frames/ergens-anders" class="wikilink wikilink--new">ergens-anders</a> <span class="meta">(geen frame van deze casus)</span>`,
			`data-hint="case.action-frame-elsewhere"`}},
		{"bord-portret-noor", []string{"Portret van een jongere", "status--herkend", "Herkend door Noor op 12 november 2026. <q>Ja, dat ben ik.</q>",
			"Wat opviel:</span> Ze tekent paarden in de kantlijn van haar schrift."}},
		{"bord-portret-vader-van-noor", []string{"Portret van een ouder", "status--besproken", `data-hint="portrait.not-recognized"`}},
	} {
		card, ok := c[tc.card]
		if !ok {
			t.Errorf("no card %s", tc.card)
			continue
		}
		mustContain(t, tc.card, card, tc.wants...)
	}
	// The recognised portrait has nothing to be reminded of.
	if strings.Contains(c["bord-portret-noor"], "board-hint") {
		t.Error("a recognised portrait gets a hint")
	}
	// The columns come in the method's order, with its questions as headings.
	last := -1
	for _, h := range []string{">Wat is er aan de hand?</h3>", ">Waar gaat dat over?</h3>", ">Hoe gaan we daar mee om?</h3>", ">Hoe organiseren we dat?</h3>"} {
		i := strings.Index(b, h)
		if i < last {
			t.Errorf("heading %q missing or out of order", h)
		}
		last = i
	}
	mustContain(t, "board", b, `Nog niet geschreven:</span> <a href="/themes/sociale-cohesie" class="wikilink wikilink--new">sociale-cohesie</a>, <a href="/frames/noor-nog-niet"`,
		`<a href="/frames/ergens-anders" class="wikilink wikilink--new">ergens-anders</a></p>`)
	// The text of the casus comes below the board; the tips are on the board, not above it.
	if strings.Index(body, "Noor is dit jaar stil geworden in de klas.") < strings.Index(body, `class="board"`) {
		t.Error("the casus text comes before the board")
	}
	if strings.Contains(body, "Tips bij deze pagina") {
		t.Error("the hints are shown twice: above the page and on the board")
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// The print view shows the same board (one partial), on a landscape page of its own.
func TestCaseBoardPrints(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	withNoor(t, a)
	_, page := a.get("/cases/noor-groep-8")
	resp, print := a.get("/cases/noor-groep-8/afdrukken")
	if resp.StatusCode != 200 {
		t.Fatalf("print: %d", resp.StatusCode)
	}
	if got, want := blankLines.ReplaceAllString(boardSection(t, print), "\n"), withoutControls(boardSection(t, page)); got != want {
		t.Errorf("the printed board differs from the board on the page without its change controls:\n%s\n---\n%s", got, want)
	}
	mustContain(t, "print", print, `<div class="board-page">`, "Noor is dit jaar stil geworden in de klas.",
		"1. Wat: de portretten", "Noor fietst elke ochtend", "3. Hoe: de frames", "Dit frame legde de schuld bij Noor.")
	assets, _ := loadAssets()
	css, err := assets.url("print.css")
	if err != nil {
		t.Fatal(err)
	}
	_, sheet := a.get(css)
	mustContain(t, "print.css", sheet, "@page board { size: A4 landscape;", ".board-page { page: board; }")
}

// Before anything is filled in, each column says what belongs there.
func TestCaseBoardEmpty(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	r := wiki.Ref{Kind: wiki.Case, Slug: "leeg"}
	if _, _, err := a.ws.Save(r, []byte("---\ntitle: Nog leeg\nteam: ons-team\n---\nWe beginnen.\n"), "", fixedAuthor, ""); err != nil {
		t.Fatal(err)
	}
	resp, body := a.get("/cases/leeg")
	if resp.StatusCode != 200 {
		t.Fatalf("GET: %d", resp.StatusCode)
	}
	mustContain(t, "empty board", boardSection(t, body), "Nog geen portret bij deze casus.", "Nog geen thema's gekozen.",
		"Nog geen frames.", "Nog geen acties.")
	if strings.Contains(body, "Nog niet geschreven") || strings.Contains(body, "board-hint") {
		t.Error("an empty casus has nothing missing and no hints")
	}
}

// A casus pushed past our checks still shows to its team (as text, with its errors), and
// prints. Without a readable front matter its team is the one its last readable version
// named; a file that never named a team is nobody's, and closed.
func TestCaseBoardNotForABrokenCasus(t *testing.T) {
	t.Parallel() // each test has its own workspace
	a := newTestApp(t)
	for _, files := range []map[string]string{
		{"cases/zonder-kop.md": "---\ntitle: Zonder kop\nteam: ons-team\n---\nEerst nog met kop.\n"},
		{"cases/fout.md": "---\ntitle: Fout\nteam: ons-team\nthemes: [schaamte, schaamte]\n---\nTekst met een fout.\n",
			"cases/zonder-kop.md": "Alleen tekst, geen kop.\n", "cases/van-niemand.md": "Nooit een kop gehad.\n"},
	} {
		if _, err := a.ws.Store.Update(fixedAuthor, "", func(tx *store.Tx) error {
			for p, text := range files {
				if err := tx.Put(p, []byte(text)); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if resp, body := a.get("/cases/van-niemand"); resp.StatusCode != 404 || strings.Contains(body, "Nooit een kop") {
		t.Errorf("a casus that never named a team: %d", resp.StatusCode)
	}
	for _, path := range []string{"/cases/fout", "/cases/zonder-kop", "/cases/fout/afdrukken", "/cases/zonder-kop/afdrukken"} {
		resp, body := a.get(path)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %d", path, resp.StatusCode)
			continue
		}
		if strings.Contains(body, `class="board"`) {
			t.Errorf("%s: a board for a casus whose front matter is wrong", path)
		}
	}
	_, body := a.get("/cases/fout")
	mustContain(t, "broken casus", body, "Deze pagina klopt niet helemaal", "Tekst met een fout.")
}
