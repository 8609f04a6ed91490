package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// newBoardApp is a workspace with one empty casus of the starter team.
func newBoardApp(t *testing.T) *testApp {
	t.Helper()
	a := newTestApp(t)
	casus := "---\ntitle: Casus S. (groep 7)\nteam: ons-team\n---\nS. zegt weinig in de klas.\n"
	if _, _, err := a.ws.Save(wiki.Ref{Kind: wiki.Case, Slug: "s"}, []byte(casus), "", workspace.System, "begin"); err != nil {
		t.Fatal(err)
	}
	return a
}

func (a *testApp) casus() *cases.Meta {
	a.t.Helper()
	f, err := a.ws.Store.Read("cases/s.md", "")
	if err != nil {
		a.t.Fatal(err)
	}
	p, probs := workspace.Parse(f.Path, f.Content)
	if probs.HasErrors() {
		a.t.Fatalf("casus has errors: %v", probs)
	}
	return p.Meta.(*cases.Meta)
}

// TestBoardChangesWithoutYAML walks the four steps through the board's forms, as a browser
// without JavaScript would, and checks each lands as a commit and shows on the board.
func TestBoardChangesWithoutYAML(t *testing.T) {
	a := newBoardApp(t)
	steps := []struct {
		change string
		form   url.Values
		anchor string
	}{
		{"portret", url.Values{"titel": {"S. thuis"}, "over": {"jongere"}, "naam": {"Ans"}}, "#bord-wat"},
		{"thema", url.Values{"thema": {"Schaamte"}, "waarom": {"Hij neemt niemand mee naar huis."}}, "#bord-waar"},
		{"thema", url.Values{"thema": {"veiligheid"}}, "#bord-waar"},
		{"thema", url.Values{"thema": {"Rust in het hoofd"}, "nieuw": {"1"}}, "#bord-waar"},
		{"waarom", url.Values{"thema": {"veiligheid"}, "waarom": {"Thuis is het onrustig."}, "was": {""}}, "#bord-waar"},
		{"frame", url.Values{"titel": {"S. weet waar hij aan toe is"}, "themas": {"veiligheid", "rust-in-het-hoofd"}}, "#bord-hoe"},
		{"frame-status", url.Values{"frame": {"s-weet-waar-hij-aan-toe-is"}, "status": {"gekozen"}}, "#bord-hoe"},
		{"actie", url.Values{"wat": {"Elke ochtend de dag doornemen"}, "wie": {"mentor"}, "waar": {"school"}, "wanneer": {"2026-12-01"}, "frame": {"s-weet-waar-hij-aan-toe-is"}}, "#bord-organiseren"},
		{"actie-status", url.Values{"nr": {"0"}, "wat": {"Elke ochtend de dag doornemen"}, "status": {"bezig"}}, "#bord-organiseren"},
		{"portret-status", url.Values{"portret": {"s-thuis"}, "status": {"besproken"}}, "#bord-wat"},
	}
	for _, st := range steps {
		resp, body := a.post("/cases/s/bord/"+st.change, st.form)
		if resp.StatusCode != 303 {
			t.Fatalf("%s: status %d\n%s", st.change, resp.StatusCode, body)
		}
		if loc := resp.Header.Get("Location"); loc != "/cases/s?bijgewerkt=1"+st.anchor {
			t.Errorf("%s: redirect to %q", st.change, loc)
		}
	}
	m := a.casus()
	if len(m.Portraits) != 1 || len(m.Themes) != 3 || len(m.Frames) != 1 || len(m.Actions) != 1 {
		t.Fatalf("casus after the board: %+v", m)
	}
	if m.Themes[0].Why != "Hij neemt niemand mee naar huis." || m.Themes[1].Why != "Thuis is het onrustig." || m.Actions[0].Status != "bezig" {
		t.Errorf("casus after the board: %+v", m)
	}
	log, _ := a.ws.Store.Log(20)
	if len(log) < len(steps) || a.display(log[len(steps)-1].Author) != "Anna de Vries" || !strings.HasPrefix(log[0].Message, "Casus S. (groep 7): ") {
		t.Errorf("commits: %+v", log[:3])
	}
	_, body := a.get("/cases/s")
	for _, want := range []string{"S. thuis", "Schaamte", "Rust in het hoofd", "S. weet waar hij aan toe is", "Elke ochtend de dag doornemen", "Thuis is het onrustig."} {
		if !strings.Contains(body, want) {
			t.Errorf("board does not show %q", want)
		}
	}
}

// TestBoardChangeRefusals: a refused change shows the form again with a Dutch message and
// everything typed, with the right status, and commits nothing.
func TestBoardChangeRefusals(t *testing.T) {
	a := newBoardApp(t)
	a.post("/cases/s/bord/thema", url.Values{"thema": {"schaamte"}, "waarom": {"eerst"}})
	tests := []struct {
		name, change string
		form         url.Values
		status       int
		want         []string
	}{
		{"unknown theme offers to make it", "thema", url.Values{"thema": {"Vlinders in de buik"}, "waarom": {"mijn zin blijft staan"}}, 404,
			[]string{"staat nog niet in de bibliotheek", "Vlinders in de buik", "mijn zin blijft staan", `name="nieuw" value="1" checked`}},
		{"theme twice", "thema", url.Values{"thema": {"Schaamte"}}, 409, []string{"staat al op het bord"}},
		{"action with a bad date", "actie", url.Values{"wat": {"Bellen met moeder"}, "wanneer": {"volgende week"}}, 422,
			[]string{"geen datum", "Bellen met moeder", "volgende week"}},
		{"frame on a theme not chosen", "frame", url.Values{"titel": {"Rust"}, "themas": {"angst"}}, 422, []string{"staat niet op dit bord", `value="Rust"`}},
		{"why changed meanwhile", "waarom", url.Values{"thema": {"schaamte"}, "waarom": {"mijn nieuwe tekst"}, "was": {"iets ouds"}}, 409,
			[]string{"intussen veranderd", "mijn nieuwe tekst", "Wat er nu staat", "<blockquote>eerst</blockquote>"}},
		{"empty portrait title", "portret", url.Values{"titel": {"  "}}, 422, []string{"Vul een titel voor het portret in."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := a.ws.Store.Head()
			resp, body := a.post("/cases/s/bord/"+tt.change, tt.form)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if !strings.Contains(body, `class="error-summary"`) {
				t.Errorf("no error summary")
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			if after, _ := a.ws.Store.Head(); after != before {
				t.Errorf("a refused change committed something")
			}
		})
	}
	if m := a.casus(); len(m.Themes) != 1 || m.Themes[0].Why != "eerst" {
		t.Errorf("casus changed: %+v", m.Themes)
	}
}

func TestBoardChangeForms(t *testing.T) {
	a := newBoardApp(t)
	a.post("/cases/s/bord/thema", url.Values{"thema": {"schaamte"}, "waarom": {"hij kijkt weg"}})
	for _, tt := range []struct {
		path   string
		status int
		want   string
	}{
		{"/cases/s/bord/thema", 200, `data-titles="theme"`},
		{"/cases/s/bord/frame", 200, `name="themas" value="schaamte"`},
		{"/cases/s/bord/waarom?thema=schaamte", 200, ">hij kijkt weg</textarea>"},
		{"/cases/s/bord/actie", 200, "Ga niet te snel naar aanbod"},
		{"/cases/s/bord/portret-koppelen", 200, "geen andere portretten"},
		{"/cases/s/bord/toveren", 404, "Dit kun je op het bord niet doen."},
		{"/cases/bestaat-niet/bord/thema", 404, "bestaat"},
	} {
		resp, body := a.get(tt.path)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: status %d, want %d with %q", tt.path, resp.StatusCode, tt.status, tt.want)
		}
	}
}

// TestConsentAndSharingOnTheBoard: sharing a frame asks for a consent that holds today, and
// the share is in the history with the consent it rests on.
func TestConsentAndSharingOnTheBoard(t *testing.T) {
	a := newBoardApp(t)
	a.post("/cases/s/bord/thema", url.Values{"thema": {"schaamte"}})
	a.post("/cases/s/bord/frame", url.Values{"titel": {"Fouten mogen"}, "themas": {"schaamte"}})
	// Without consent, the share form says to record one first, and a post is refused.
	if _, body := a.get("/cases/s/bord/frame-delen?frame=fouten-mogen"); !strings.Contains(body, "Er is geen toestemming die vandaag geldt") {
		t.Errorf("share form without consent:\n%s", body)
	}
	if resp, _ := a.post("/cases/s/bord/frame-delen", url.Values{"frame": {"fouten-mogen"}, "toestemming": {"0"}}); resp.StatusCode != 422 {
		t.Errorf("share without consent: %d", resp.StatusCode)
	}
	if resp, body := a.post("/cases/s/bord/toestemming", url.Values{"door": {"moeder"}, "voor": {"frames delen als inspiratie"}}); resp.StatusCode != 303 {
		t.Fatalf("consent: %d\n%s", resp.StatusCode, body)
	}
	if _, body := a.get("/cases/s/bord/frame-delen?frame=fouten-mogen"); !strings.Contains(body, `name="toestemming" value="0"`) {
		t.Errorf("share form lacks the consent:\n%s", body)
	}
	if resp, body := a.post("/cases/s/bord/frame-delen", url.Values{"frame": {"fouten-mogen"}, "toestemming": {"0"}}); resp.StatusCode != 303 {
		t.Fatalf("share: %d\n%s", resp.StatusCode, body)
	}
	log, _ := a.ws.Store.Log(1)
	if !strings.Contains(log[0].Message, `gedeeld met andere teams, met toestemming van moeder voor "frames delen als inspiratie"`) {
		t.Errorf("share commit: %q", log[0].Message)
	}
	_, body := a.get("/cases/s")
	for _, want := range []string{"Gedeeld met andere teams", "Niet meer delen", `<span class="consent__who">moeder</span>: frames delen als inspiratie`} {
		if !strings.Contains(body, want) {
			t.Errorf("board lacks %q", want)
		}
	}
	// Withdrawing: the form is filled from the casus, the address carries only the place.
	_, form := a.get("/cases/s/bord/toestemming-intrekken?nr=0")
	if !strings.Contains(form, `name="door" value="moeder"`) {
		t.Errorf("withdraw form not filled from the casus:\n%s", form)
	}
	if resp, body := a.post("/cases/s/bord/toestemming-intrekken", url.Values{"nr": {"0"}, "door": {"moeder"}, "voor": {"frames delen als inspiratie"}}); resp.StatusCode != 303 {
		t.Fatalf("withdraw: %d\n%s", resp.StatusCode, body)
	}
	if m := a.casus(); len(m.Consent) != 1 || m.Consent[0].Withdrawn == "" {
		t.Errorf("consent after withdrawal: %+v", m.Consent)
	}
}

// TestBoardThemeByTitle: a theme whose address is not made from its title is still found by
// the title the picker fills in.
func TestBoardThemeByTitle(t *testing.T) {
	a := newBoardApp(t)
	theme := "---\ntitle: Zelfbeeld (negatief)\n---\nHoe je over jezelf denkt.\n"
	if _, _, err := a.ws.Save(wiki.Ref{Kind: wiki.Theme, Slug: "negatief-zelfbeeld"}, []byte(theme), "", workspace.System, ""); err != nil {
		t.Fatal(err)
	}
	if resp, body := a.post("/cases/s/bord/thema", url.Values{"thema": {"zelfbeeld (Negatief)"}}); resp.StatusCode != 303 {
		t.Fatalf("choose by title: %d\n%s", resp.StatusCode, body)
	}
	if m := a.casus(); len(m.Themes) != 1 || m.Themes[0].Slug != "negatief-zelfbeeld" {
		t.Errorf("themes: %+v", m.Themes)
	}
}
