package flow

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
	"github.com/leefwereld/leefwereld/portraits"
)

var (
	mentor = store.Author{Name: "Mentor Ans", Email: "ans@leefwereld.invalid"}
	ib     = store.Author{Name: "IB'er Bo", Email: "bo@leefwereld.invalid"}
)

const casusFile = `---
title: Casus S. (groep 7)
team: ons-team
# het team koos deze naam samen
status: open
---
## Waar maken we ons zorgen over?
S. zegt weinig in de klas.
`

func newBoard(t testing.TB) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.Create(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	if _, _, err := ws.Save(wiki.Ref{Kind: wiki.Case, Slug: "s-groep-7"}, []byte(casusFile), "", mentor, "Casus begonnen"); err != nil {
		t.Fatal(err)
	}
	return ws
}

func apply(t *testing.T, ws *workspace.Workspace, who store.Author, ch Change) Result {
	t.Helper()
	res, err := Apply(ws, "s-groep-7", who, ch)
	if err != nil {
		t.Fatalf("%T: %v", ch, err)
	}
	return res
}

func page(t *testing.T, ws *workspace.Workspace, kind wiki.Kind, slug wiki.Slug) (*wiki.Page, string) {
	t.Helper()
	ref := wiki.Ref{Kind: kind, Slug: slug}
	f, err := ws.Store.Read(ref.Path(), "")
	if err != nil {
		t.Fatalf("read %s: %v", ref, err)
	}
	p, probs := workspace.Parse(ref.Path(), f.Content)
	if probs.HasErrors() {
		t.Fatalf("%s has errors after a board change: %v\n%s", ref, probs, f.Content)
	}
	return p, string(f.Content)
}

// TestFourSteps walks one casus through wat, waar, hoe and organiseren, and checks every
// change is one commit by its author with a readable message, in hand-editable files.
func TestFourSteps(t *testing.T) {
	ws := newBoard(t)
	steps := []struct {
		who  store.Author
		ch   Change
		want string // the commit message
	}{
		{mentor, AddPortrait{Title: "S. thuis", Subject: "jongere"}, `Casus S. (groep 7): nieuw portret "S. thuis"`},
		{ib, PortraitStatus{Portrait: "s-thuis", Status: "besproken"}, `Casus S. (groep 7): portret "S. thuis" is nu besproken`},
		{mentor, ChooseTheme{Theme: "schaamte", Why: "hij neemt niemand mee naar huis"}, `Casus S. (groep 7): thema "Schaamte" gekozen`},
		{mentor, ChooseTheme{Theme: "Veiligheid"}, `Casus S. (groep 7): thema "Veiligheid" gekozen`},
		{ib, ChooseTheme{Theme: "Rust in het hoofd", New: true}, `Casus S. (groep 7): thema "Rust in het hoofd" gekozen (nieuw in de bibliotheek)`},
		{ib, ThemeWhy{Theme: "veiligheid", Why: "thuis is het onrustig"}, `Casus S. (groep 7): waarom bij thema "Veiligheid" aangepast`},
		{mentor, MakeFrame{Title: "S. weet waar hij aan toe is", Themes: []wiki.Slug{"veiligheid", "rust-in-het-hoofd"}},
			`Casus S. (groep 7): nieuw frame "S. weet waar hij aan toe is", op "Veiligheid" en "Rust in het hoofd"`},
		{mentor, FrameTheme{Frame: "s-weet-waar-hij-aan-toe-is", Theme: "schaamte"}, `Casus S. (groep 7): frame "S. weet waar hij aan toe is" rust nu ook op thema "Schaamte"`},
		{ib, FrameStatus{Frame: "s-weet-waar-hij-aan-toe-is", Status: "gekozen"}, `Casus S. (groep 7): frame "S. weet waar hij aan toe is" is nu gekozen`},
		{mentor, AddAction{What: "Elke ochtend even de dag doornemen", Who: "mentor", Where: "school", When: "2026-12-01", Frame: "s-weet-waar-hij-aan-toe-is"},
			`Casus S. (groep 7): actie "Elke ochtend even de dag doornemen" toegevoegd bij frame "S. weet waar hij aan toe is"`},
		{mentor, ActionStatus{Index: 0, What: "Elke ochtend even de dag doornemen", Status: "bezig"}, `Casus S. (groep 7): actie "Elke ochtend even de dag doornemen" is nu bezig`},
	}
	for _, st := range steps {
		res := apply(t, ws, st.who, st.ch)
		if res.Message != st.want {
			t.Errorf("%T message = %q\nwant %q", st.ch, res.Message, st.want)
		}
		log, err := ws.Store.Log(1)
		if err != nil {
			t.Fatal(err)
		}
		if log[0].Message != st.want || log[0].Author.Name != st.who.Name || log[0].Hash != res.Commit.Hash {
			t.Errorf("%T: last commit = %+v", st.ch, log[0])
		}
	}

	casus, text := page(t, ws, wiki.Case, "s-groep-7")
	m := casus.Meta.(*cases.Meta)
	if got := m.Portraits; len(got) != 1 || got[0] != "s-thuis" {
		t.Errorf("portraits = %v", got)
	}
	if len(m.Themes) != 3 || m.Themes[0].Why != "hij neemt niemand mee naar huis" || m.Themes[1].Why != "thuis is het onrustig" {
		t.Errorf("themes = %+v", m.Themes)
	}
	if len(m.Actions) != 1 || m.Actions[0].Status != "bezig" || m.Actions[0].Where != "school" || m.Actions[0].When != "2026-12-01" {
		t.Errorf("actions = %+v", m.Actions)
	}
	for _, keep := range []string{"# het team koos deze naam samen", "## Waar maken we ons zorgen over?\nS. zegt weinig in de klas.\n", "when: 2026-12-01"} {
		if !strings.Contains(text, keep) {
			t.Errorf("the casus file lost %q:\n%s", keep, text)
		}
	}
	portrait, _ := page(t, ws, wiki.Portrait, "s-thuis")
	if pm := portrait.Meta.(*portraits.Meta); pm.Team != "ons-team" || len(pm.Cases) != 1 || pm.Status != "besproken" {
		t.Errorf("portrait = %+v", pm)
	}
	if !strings.Contains(string(portrait.Body), "## Een gewone dag") {
		t.Errorf("a new portrait starts from the template; body:\n%s", portrait.Body)
	}
	frame, _ := page(t, ws, wiki.Frame, "s-weet-waar-hij-aan-toe-is")
	if fm := frame.Meta.(*frames.Meta); strings.Join(slugs(fm.Themes), ",") != "veiligheid,rust-in-het-hoofd,schaamte" || fm.Status != "gekozen" || fm.Team != "ons-team" {
		t.Errorf("frame = %+v", fm)
	}
	page(t, ws, wiki.Theme, "rust-in-het-hoofd")

	// The whole workspace is still valid, and git agrees the repository is sound.
	probs, err := ws.Check("")
	if err != nil || probs.HasErrors() {
		t.Fatalf("check: %v %v", err, probs.Errors())
	}
	if out, err := exec.Command("git", "-C", ws.Store.Dir(), "fsck", "--strict").CombinedOutput(); err != nil {
		t.Fatalf("git fsck: %v\n%s", err, out)
	}
}

func slugs(s []wiki.Slug) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = string(x)
	}
	return out
}

// TestRefusals: every refusal is a Dutch message, and nothing is committed.
func TestRefusals(t *testing.T) {
	ws := newBoard(t)
	apply(t, ws, mentor, ChooseTheme{Theme: "schaamte", Why: "eerste tekst"})
	apply(t, ws, mentor, AddPortrait{Title: "S. thuis"})
	apply(t, ws, mentor, MakeFrame{Title: "Veilig thuis", Themes: []wiki.Slug{"schaamte"}})
	apply(t, ws, mentor, AddAction{What: "Bellen met moeder", Frame: "veilig-thuis"})
	tests := []struct {
		name string
		ch   Change
		kind ErrorKind
		msg  string
	}{
		{"theme twice", ChooseTheme{Theme: "Schaamte"}, Conflict, "staat al op het bord"},
		{"unknown theme without new", ChooseTheme{Theme: "Vlinders"}, NotFound, "staat nog niet in de bibliotheek"},
		{"empty theme", ChooseTheme{Theme: "  "}, Invalid, "vul een thema in"},
		{"portrait exists", AddPortrait{Title: "S. thuis"}, Conflict, "er is al een"},
		{"bad subject", AddPortrait{Title: "S. school", Subject: "hond"}, Invalid, "hond"},
		{"bad portrait status", PortraitStatus{Portrait: "s-thuis", Status: "klaar"}, Invalid, "concept, besproken of herkend"},
		{"portrait not on board", PortraitStatus{Portrait: "iemand", Status: "besproken"}, NotFound, "staat niet op dit bord"},
		{"frame on a theme not chosen", MakeFrame{Title: "Rust", Themes: []wiki.Slug{"angst"}}, Invalid, "staat niet op dit bord"},
		{"frame exists", MakeFrame{Title: "Veilig thuis"}, Conflict, "er is al een"},
		{"bad frame status", FrameStatus{Frame: "veilig-thuis", Status: "misschien"}, Invalid, "kies een status"},
		{"action without what", AddAction{What: " "}, Invalid, "wat er gaat gebeuren"},
		{"action bad where", AddAction{What: "x", Where: "maan"}, Invalid, "waar in de leefwereld"},
		{"action bad date", AddAction{What: "x", When: "morgen"}, Invalid, "JJJJ-MM-DD"},
		{"action unknown frame", AddAction{What: "x", Frame: "ander"}, Invalid, "staat niet op dit bord"},
		{"action moved", ActionStatus{Index: 0, What: "Iets anders", Status: "gedaan"}, Conflict, "intussen veranderd"},
		{"action past the end", ActionStatus{Index: 3, What: "Bellen met moeder", Status: "gedaan"}, Conflict, "intussen veranderd"},
		{"same status again", FrameStatus{Frame: "veilig-thuis", Status: "voorgesteld"}, Conflict, "niets veranderd"},
		{"why changed meanwhile", ThemeWhy{Theme: "schaamte", Why: "mijn tekst", Was: "een oudere tekst"}, Conflict, "intussen veranderd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := ws.Store.Head()
			_, err := Apply(ws, "s-groep-7", ib, tt.ch)
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *flow.Error", err)
			}
			if fe.Kind != tt.kind || !strings.Contains(fe.Message, tt.msg) {
				t.Errorf("got kind %d %q, want kind %d containing %q", fe.Kind, fe.Message, tt.kind, tt.msg)
			}
			if after, _ := ws.Store.Head(); after != before {
				t.Errorf("a refused change committed something")
			}
		})
	}
	// The conflict on "why" hands back the other person's text.
	_, err := Apply(ws, "s-groep-7", ib, ThemeWhy{Theme: "schaamte", Why: "mijn tekst", Was: "een oudere tekst"})
	var wc *WhyConflict
	if !errors.As(err, &wc) || wc.Theirs != "eerste tekst" {
		t.Errorf("why conflict = %#v", err)
	}
	// An unknown casus and a casus whose front matter is broken are refused as well.
	if _, err := Apply(ws, "bestaat-niet", ib, ChooseTheme{Theme: "angst"}); !isKind(err, NotFound) || !strings.Contains(err.Error(), `de casus "bestaat-niet" bestaat niet (meer)`) {
		t.Errorf("unknown casus: %v", err)
	}
}

func isKind(err error, k ErrorKind) bool {
	var fe *Error
	return errors.As(err, &fe) && fe.Kind == k
}

// TestBrokenCasusIsLeftAlone: a casus someone broke by hand is not touched by the board.
func TestBrokenCasusIsLeftAlone(t *testing.T) {
	ws := newBoard(t)
	broken := "---\ntitle: Casus S.\nteam: ons-team\nstatus: half\n---\nTekst\n"
	old, _ := ws.Store.Read("cases/s-groep-7.md", "")
	if _, err := ws.Store.Save(store.SaveRequest{Path: "cases/s-groep-7.md", Content: []byte(broken), Base: old.Blob, Author: mentor}); err != nil {
		t.Fatal(err)
	}
	before, _ := ws.Store.Head()
	_, err := Apply(ws, "s-groep-7", ib, ChooseTheme{Theme: "angst"})
	if !isKind(err, Invalid) || !strings.Contains(err.Error(), `de kop van de casus "s-groep-7" heeft fouten; herstel die eerst`) {
		t.Fatalf("err = %v", err)
	}
	f, _ := ws.Store.Read("cases/s-groep-7.md", "")
	if after, _ := ws.Store.Head(); after != before || string(f.Content) != broken {
		t.Errorf("the broken casus was changed")
	}
}

// TestConcurrentChanges: two people adding themes at the same moment both land.
func TestConcurrentChanges(t *testing.T) {
	ws := newBoard(t)
	names := []string{"schaamte", "angst", "veiligheid", "rust", "vertrouwen", "eenzaamheid"}
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			who := mentor
			if i%2 == 1 {
				who = ib
			}
			if _, err := Apply(ws, "s-groep-7", who, ChooseTheme{Theme: n}); err != nil {
				t.Errorf("%s: %v", n, err)
			}
		}()
	}
	wg.Wait()
	casus, _ := page(t, ws, wiki.Case, "s-groep-7")
	if got := len(casus.Meta.(*cases.Meta).Themes); got != len(names) {
		t.Errorf("%d themes on the board, want %d", got, len(names))
	}
}
