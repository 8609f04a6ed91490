package web

import (
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	goldenfile "github.com/leefwereld/leefwereld/internal/golden"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// lbGolden compares got with testdata/name, or rewrites the file with -update.
func lbGolden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

var proef = wiki.Ref{Kind: wiki.Theme, Slug: "proef"}

// themeText is a valid theme page with the given body.
func themeText(title, body string) string {
	return "---\ntitle: " + title + "\nkind: theme\ngroup: zelf\n---\n" + body
}

// lbSave saves a page as an author, failing the test on any error, and returns the commit.
func lbSave(t *testing.T, a *testApp, ref wiki.Ref, text, author, msg string) string {
	t.Helper()
	base := ""
	if f, err := a.ws.Store.Read(ref.Path(), ""); err == nil {
		base = f.Blob
	}
	res, _, err := a.ws.Save(ref, []byte(text), base, store.Author{Name: author, Email: "x@leefwereld.invalid"}, msg)
	if err != nil {
		t.Fatal(err)
	}
	return res.Commit
}

func lbHead(t *testing.T, a *testApp) string {
	t.Helper()
	h, err := a.ws.Store.Head()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func lbContent(t *testing.T, a *testApp, ref wiki.Ref) string {
	t.Helper()
	f, err := a.ws.Store.Read(ref.Path(), "")
	if err != nil {
		t.Fatal(err)
	}
	return string(f.Content)
}

// threeVersions makes themes/proef with three versions by three authors.
func threeVersions(t *testing.T, a *testApp) (v1, v2, v3 string) {
	t.Helper()
	v1 = lbSave(t, a, proef, themeText("Proef", "Sam gaat graag naar school.\n\nTweede alinea blijft.\n"), "Anna de Vries", "Eerste versie")
	v2 = lbSave(t, a, proef, themeText("Proef", "Sam gaat niet graag naar de club.\n\nTweede alinea blijft.\nEen nieuwe regel.\n"), "Karim", "Club in plaats van school")
	v3 = lbSave(t, a, proef, themeText("Proef", "Sam gaat niet graag naar de club.\n\nTweede alinea blijft.\n"), "Bea", "")
	return v1, v2, v3
}

// TestLookBackViews reads one page with three versions in every way: the history, a diff
// (side by side and inline, golden), an old version, and addresses that are wrong.
func TestLookBackViews(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	v1, v2, v3 := threeVersions(t, a)
	t.Run("history", func(t *testing.T) { checkHistoryList(t, a, v1, v2, v3) })
	t.Run("diff", func(t *testing.T) { checkDiffWordHighlights(t, a, v1, v2, v3) })
	t.Run("old version", func(t *testing.T) { checkOldVersion(t, a, v1, v2, v3) })
	t.Run("bad addresses", func(t *testing.T) { checkBadAddresses(t, a, v1, v2, v3) }) // last: it adds a page
}

func checkHistoryList(t *testing.T, a *testApp, v1, v2, v3 string) {
	resp, body := a.get("/themes/proef/geschiedenis")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d\n%s", resp.StatusCode, body)
	}
	// newest first: version 3 by Bea, 2 by Karim, 1 by Anna
	order := []string{"Versie 3</strong>", "Bea", "Versie 2</strong>", "Karim", "Club in plaats van school",
		"Versie 1</strong>", "Anna de Vries", "nieuw", "Eerste versie"}
	at := 0
	for _, want := range order {
		i := strings.Index(body[at:], want)
		if i < 0 {
			t.Fatalf("%q missing or out of order after byte %d", want, at)
		}
		at += i + len(want)
	}
	for _, want := range []string{
		`href="/themes/proef/versie/` + v1 + `"`,
		`href="/themes/proef/verschil?naar=` + v2 + `"`,
		`name="versie" value="` + v1 + `"`, // restore form for an old version
		`<select id="van" name="van">`, `<label for="naar">Naar versie</label>`,
		`<option value="` + v2 + `" selected>`, // van: the version before the newest
		`dit staat er nu`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(body, `name="versie" value="`+v3+`"`) {
		t.Error("the current version offers a restore button")
	}
}

func checkBadAddresses(t *testing.T, a *testApp, v1, v2, v3 string) {
	other := lbSave(t, a, wiki.Ref{Kind: wiki.Theme, Slug: "ander"}, themeText("Ander", "x\n"), "Anna", "")
	for _, tc := range []struct {
		path   string
		status int
		want   string
	}{
		{"/themes/bestaat-niet/geschiedenis", 404, "er is ook geen geschiedenis"},
		{"/theme/proef/geschiedenis", 404, "Kijk of het adres goed is geschreven"},
		{"/themes/Proef_x/geschiedenis", 404, "Kijk of het adres goed is geschreven"},
		{"/themes/proef/verschil?van=xyz&naar=" + v1, 400, "Dit is geen geldige versie"},
		{"/themes/proef/verschil?van=" + v1 + "&naar=12", 400, "Dit is geen geldige versie"},
		{"/themes/proef/verschil?van=deadbeef", 404, "Deze versie hoort niet bij deze pagina"},
		{"/themes/proef/verschil?van=" + other, 404, "Deze versie hoort niet bij deze pagina"},
		{"/themes/proef/versie/zzzz", 400, "Dit is geen geldige versie"},
		{"/themes/proef/versie/" + other, 404, "Deze versie hoort niet bij deze pagina"},
		{"/recent?voor=niet-hex", 400, "Dit adres klopt niet helemaal"},
		{"/recent?voor=deadbeefdeadbeef", 404, "Deze wijziging kennen we niet"},
	} {
		resp, body := a.get(tc.path)
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s: %d, want %d with %q\n%.400s", tc.path, resp.StatusCode, tc.status, tc.want, body)
		}
	}
}

// diffTable cuts the diff table out of a page, for the golden files.
var diffTableRe = regexp.MustCompile(`(?s)<table class="diff.*?</table>`)

func checkDiffWordHighlights(t *testing.T, a *testApp, v1, v2, v3 string) {
	resp, body := a.get("/themes/proef/verschil?van=" + v1 + "&naar=" + v2)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d\n%s", resp.StatusCode, body)
	}
	for _, want := range []string{
		`<del><span class="visually-hidden">verwijderd: </span>school</del>`,
		`<ins><span class="visually-hidden">toegevoegd: </span>niet </ins>`,
		`<ins><span class="visually-hidden">toegevoegd: </span>de club</ins>`,
		`<ins><span class="visually-hidden">toegevoegd: </span>Een nieuwe regel.</ins>`,
		`class="diff diff--naast"`, `aria-current="page">Naast elkaar`,
		`1 regel weg of veranderd, 2 regels nieuw of veranderd`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("side by side: missing %q", want)
		}
	}
	lbGolden(t, "diff_naast.html", diffTableRe.FindString(body)+"\n")

	resp, body = a.get("/themes/proef/verschil?van=" + v1 + "&naar=" + v2 + "&weergave=regels")
	if resp.StatusCode != 200 || !strings.Contains(body, `class="diff diff--regels"`) ||
		!strings.Contains(body, `aria-current="page">Onder elkaar`) {
		t.Fatalf("inline: %d\n%s", resp.StatusCode, body)
	}
	lbGolden(t, "diff_regels.html", diffTableRe.FindString(body)+"\n")

	// Without van: what the version changed compared with the one before it.
	_, body = a.get("/themes/proef/verschil?naar=" + v2)
	if !strings.Contains(body, `<del><span class="visually-hidden">verwijderd: </span>school</del>`) {
		t.Errorf("naar only: no diff against the version before\n%s", body)
	}
	// The first version: everything is new.
	_, body = a.get("/themes/proef/verschil?naar=" + v1)
	if !strings.Contains(body, "de pagina bestond nog niet") || !strings.Contains(body, `<ins><span class="visually-hidden">toegevoegd: </span>title: Proef</ins>`) {
		t.Errorf("first version: not all new\n%s", body)
	}
	// The same version twice.
	_, body = a.get("/themes/proef/verschil?van=" + v1 + "&naar=" + v1[:8])
	if !strings.Contains(body, "Deze twee versies zijn precies hetzelfde") {
		t.Errorf("same version: %s", body)
	}
}

func TestDiffFoldsLongUnchangedStretches(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	var lines []string
	for i := 1; i <= 30; i++ {
		lines = append(lines, "Regel "+strings.Repeat("x", i%5)+" nummer.")
	}
	old := strings.Join(lines, "\n") + "\n"
	lines[15] = "Regel die veranderd is."
	v1 := lbSave(t, a, proef, themeText("Proef", old), "Anna", "")
	v2 := lbSave(t, a, proef, themeText("Proef", strings.Join(lines, "\n")+"\n"), "Anna", "")
	_, body := a.get("/themes/proef/verschil?van=" + v1 + "&naar=" + v2)
	if !strings.Contains(body, "regels hetzelfde") || !strings.Contains(body, "&amp;volledig=1") {
		t.Errorf("no folding:\n%s", body)
	}
	_, body = a.get("/themes/proef/verschil?van=" + v1 + "&naar=" + v2 + "&volledig=1")
	if strings.Contains(body, "regels hetzelfde") || !strings.Contains(body, "Regel xxxx nummer.") {
		t.Errorf("volledig=1 still folds:\n%s", body)
	}
}

func checkOldVersion(t *testing.T, a *testApp, v1, v2, v3 string) {
	resp, body := a.get("/themes/proef/versie/" + v1)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d\n%s", resp.StatusCode, body)
	}
	for _, want := range []string{
		"Je bekijkt een oude versie van Proef", "Anna de Vries", "Sam gaat graag naar school.",
		`action="/themes/proef/terugzetten"`, `name="versie" value="` + v1 + `"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(body, "<textarea") || strings.Contains(body, `name="naam"`) {
		t.Error("an old version must not be editable here, and putting it back asks no name")
	}
	_, body = a.get("/themes/proef/versie/" + v3)
	if !strings.Contains(body, "Dit is ook wat er nu op de pagina staat") || strings.Contains(body, `action="/themes/proef/terugzetten"`) {
		t.Errorf("current version view: %s", body)
	}
}

func TestRestoreMakesOneNewCommitAndKeepsHistory(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	v1, _, _ := threeVersions(t, a)
	before, err := a.ws.Store.History(proef.Path())
	if err != nil {
		t.Fatal(err)
	}
	head := lbHead(t, a)
	resp, _ := a.post("/themes/proef/terugzetten", url.Values{"versie": {v1}, "naam": {"Karim"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/themes/proef?teruggezet=1" {
		t.Fatalf("restore: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	log, err := a.ws.Store.Log(2)
	if err != nil {
		t.Fatal(err)
	}
	if log[1].Hash != head || log[0].Parents[0] != head {
		t.Fatalf("HEAD did not move by exactly one commit: %+v (was %s)", log, head)
	}
	if want := "themes/proef.md teruggezet naar versie " + v1[:7]; log[0].Message != want || a.display(log[0].Author) != "Anna de Vries" {
		t.Errorf("commit: %q by %q, want %q by Anna de Vries", log[0].Message, a.display(log[0].Author), want)
	}
	if got := lbContent(t, a, proef); got != themeText("Proef", "Sam gaat graag naar school.\n\nTweede alinea blijft.\n") {
		t.Errorf("content after restore: %q", got)
	}
	after, err := a.ws.Store.History(proef.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+1 {
		t.Fatalf("history: %d versions, want %d", len(after), len(before)+1)
	}
	for i := range before {
		if after[i+1].Commit != before[i].Commit || after[i+1].Blob != before[i].Blob {
			t.Errorf("older version %d changed: %+v → %+v", i, before[i], after[i+1])
		}
	}

	// A message the user typed is used as is; putting back what is already there commits nothing.
	head = lbHead(t, a)
	resp, _ = a.post("/themes/proef/terugzetten", url.Values{"versie": {v1}, "bericht": {"Toch de oude tekst"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/themes/proef?al-gelijk=1" || lbHead(t, a) != head {
		t.Errorf("restoring the current text: %d %q, head moved: %v", resp.StatusCode, resp.Header.Get("Location"), lbHead(t, a) != head)
	}
}

func TestRestoreRefusesWhatTodaysRulesRefuse(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	// An old version written before a rule existed: committed past the workspace's checks.
	bad, err := a.ws.Store.Save(store.SaveRequest{Path: proef.Path(),
		Content: []byte("---\ntitle: Proef\nkind: theme\nkleur: rood\n---\nOude tekst.\n"),
		Author:  store.Author{Name: "Anna", Email: "a@leefwereld.invalid"}})
	if err != nil {
		t.Fatal(err)
	}
	lbSave(t, a, proef, themeText("Proef", "Nieuwe tekst.\n"), "Bea", "")
	head, content := lbHead(t, a), lbContent(t, a, proef)
	resp, body := a.post("/themes/proef/terugzetten", url.Values{"versie": {bad.Commit}})
	if resp.StatusCode != 422 || !strings.Contains(body, "Deze oude versie kan niet terug") || !strings.Contains(body, "<code>kleur</code>") {
		t.Errorf("invalid old version: %d\n%s", resp.StatusCode, body)
	}
	if lbHead(t, a) != head || lbContent(t, a, proef) != content {
		t.Error("a refused restore changed the repository")
	}
}

func TestRestoreBadInputChangesNothing(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	threeVersions(t, a)
	head, content := lbHead(t, a), lbContent(t, a, proef)
	for _, tc := range []struct {
		path   string
		form   url.Values
		status int
		want   string
	}{
		{"/themes/proef/terugzetten", url.Values{}, 400, "Dit is geen geldige versie"},
		{"/themes/proef/terugzetten", url.Values{"versie": {"<script>"}}, 400, "Dit is geen geldige versie"},
		{"/themes/proef/terugzetten", url.Values{"versie": {"abcdef12"}}, 404, "Deze versie hoort niet bij deze pagina"},
		{"/themes/niets/terugzetten", url.Values{"versie": {"abcdef12"}}, 404, "er is ook geen geschiedenis"},
	} {
		resp, body := a.post(tc.path, tc.form)
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("POST %s %v: %d, want %d with %q", tc.path, tc.form, resp.StatusCode, tc.status, tc.want)
		}
	}
	if lbHead(t, a) != head || lbContent(t, a, proef) != content {
		t.Error("bad input changed the repository")
	}
}

func TestRestoreAcrossARename(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	v1 := lbSave(t, a, proef, themeText("Proef", "Eerste tekst.\n"), "Anna", "")
	lbSave(t, a, proef, themeText("Proef", "Tweede tekst.\n"), "Anna", "")
	if _, err := a.ws.Rename(proef, "getest", store.Author{Name: "Anna", Email: "a@leefwereld.invalid"}, ""); err != nil {
		t.Fatal(err)
	}
	renamed := wiki.Ref{Kind: wiki.Theme, Slug: "getest"}
	_, body := a.get("/themes/getest/geschiedenis")
	if !strings.Contains(body, "hernoemd") || !strings.Contains(body, "(was themes/proef)") {
		t.Errorf("history after rename:\n%s", body)
	}
	resp, _ := a.post("/themes/getest/terugzetten", url.Values{"versie": {v1}})
	if resp.StatusCode != 303 {
		t.Fatalf("restore across rename: %d", resp.StatusCode)
	}
	if got := lbContent(t, a, renamed); !strings.Contains(got, "Eerste tekst.") {
		t.Errorf("content: %q", got)
	}
}
