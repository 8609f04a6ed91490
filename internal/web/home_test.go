package web

import (
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	goldenfile "github.com/leefwereld/leefwereld/internal/golden"
	"github.com/leefwereld/leefwereld/internal/links"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// homeGolden compares the <main> of a page with testdata/name, or rewrites it with -update.
// Dates are replaced by DATUM: the starter library is committed at the moment the test runs.
func homeGolden(t *testing.T, name, page string) {
	t.Helper()
	start, end := strings.Index(page, "<main"), strings.Index(page, "</main>")
	if start < 0 || end < start {
		t.Fatalf("no <main> in %.300s", page)
	}
	got := regexp.MustCompile(`<time datetime="[^"]*">[^<]*</time>`).ReplaceAllString(page[start:end+len("</main>")], "<time>DATUM</time>") + "\n"
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

// The casussen of the home test, one per step, and one that is closed.
var homeCases = []struct{ slug, text string }{
	{"noor", "---\ntitle: Noor (klas 2b)\nteam: ons-team\n---\n"},
	{"sam", "---\ntitle: Sam (groep 7)\nteam: ons-team\nportraits: [sam]\nthemes: [schaamte]\n---\n"},
	{"ali", "---\ntitle: Ali\nteam: ons-team\nportraits: [ali]\nthemes: [schaamte, rust, moed]\n---\n"},
	{"bo", "---\ntitle: Bo\nteam: ons-team\nportraits: [bo]\nthemes: [schaamte, rust, moed]\nframes: [meer-lucht-thuis]\n---\n"},
	{"kim", "---\ntitle: Kim\nteam: ons-team\nstatus: afgerond\nclosed: 2026-06-30\n---\n"},
}

func TestHomeShowsOpenCasussenStepsAndRecentChanges(t *testing.T) {
	a := newTestApp(t)
	for _, c := range homeCases {
		a.save(wiki.Ref{Kind: wiki.Case, Slug: wiki.Slug(c.slug)}, c.text, "", "Karim")
	}
	resp, body := a.get("/")
	if resp.StatusCode != 200 {
		t.Fatalf("home: %d %.300s", resp.StatusCode, body)
	}
	for _, want := range []string{
		`<a href="/cases/noor">Noor (klas 2b)</a> <span class="step step--1">Stap 1 van 4: Wat is er aan de hand?</span>`,
		`<a href="/cases/sam">Sam (groep 7)</a> <span class="step step--2">Stap 2 van 4: Waar gaat dat over?</span>`,
		`<a href="/cases/ali">Ali</a> <span class="step step--3">Stap 3 van 4: Hoe gaan we daar mee om?</span>`,
		`<a href="/cases/bo">Bo</a> <span class="step step--4">Stap 4 van 4: Hoe organiseren we dat?</span>`,
		`<h3><a href="/teams/ons-team">Ons team</a></h3>`,
		`href="/nieuw/case"`, `href="/nieuw/portrait"`,
		`<a href="/themes/schaamte">Schaamte</a>`,
		`door Karim`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("home lacks %s", want)
		}
	}
	if strings.Contains(body, `/cases/kim">Kim</a> <span class="step`) {
		t.Errorf("a closed casus is listed as open")
	}
	homeGolden(t, "home.html", body)

	// A new save shows at once: the overview follows the head.
	a.save(wiki.Ref{Kind: wiki.Case, Slug: "noor"}, strings.Replace(homeCases[0].text, "team:", "portraits: [noor]\nteam:", 1),
		mustRead(t, a, "cases/noor.md"), "Mo")
	_, body = a.get("/")
	if !strings.Contains(body, `<a href="/cases/noor">Noor (klas 2b)</a> <span class="step step--2">`) || !strings.Contains(body, "door Mo") {
		t.Errorf("home did not follow the new commit")
	}
}

func TestHomeWithoutCasussen(t *testing.T) {
	a := newTestApp(t)
	_, body := a.get("/")
	if !strings.Contains(body, "Er zijn nog geen open casussen.") || !strings.Contains(body, "door Leefwereld") {
		t.Errorf("empty home: %.2000s", body)
	}
}

func mustRead(t *testing.T, a *testApp, path string) string {
	t.Helper()
	f, err := a.ws.Store.Read(path, "")
	if err != nil {
		t.Fatal(err)
	}
	return f.Blob
}

// The overview is computed once per head and shared by concurrent requests.
func TestOverviewIsCachedPerHead(t *testing.T) {
	a := newTestApp(t)
	x, err := links.New(a.ws.Store)
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{ws: a.ws, links: x}
	o := newOverviews(s)
	var wg sync.WaitGroup
	got := make([]*overview, 8)
	for i := range got {
		wg.Go(func() {
			ov, err := o.get()
			if err != nil {
				t.Error(err)
				return
			}
			ov.cases()
			ov.titles()
			got[i] = ov
		})
	}
	wg.Wait()
	first, _ := o.get()
	for _, ov := range got {
		if ov != nil && ov.head != first.head {
			t.Errorf("overview of %s, want %s", ov.head, first.head)
		}
	}
	if again, _ := o.get(); again != first {
		t.Errorf("a new overview without a new commit")
	}
	a.save(wiki.Ref{Kind: wiki.Case, Slug: "sam"}, homeCases[1].text, "", "Anna")
	next, err := o.get()
	if err != nil || next == first || len(next.cases()) != 1 || next.cases()[0].Cases[0].Step != 2 {
		t.Errorf("after a commit: %v %+v", err, next.cases())
	}
}
