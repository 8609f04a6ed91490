package links

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

var tester = store.Author{Name: "Tester", Email: "tester@leefwereld.invalid"}

func newWorkspace(t *testing.T) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.Create(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

func ref(s string) wiki.Ref {
	r, err := wiki.RefFromPath(s + ".md")
	if err != nil {
		panic(err)
	}
	return r
}

// save writes a page (new or changed) and fails the test on any error.
func save(t *testing.T, ws *workspace.Workspace, page, content string) {
	t.Helper()
	r := ref(page)
	base := ""
	if f, err := ws.Store.Read(r.Path(), ""); err == nil {
		base = f.Blob
	}
	if _, _, err := ws.Save(r, []byte(content), base, tester, ""); err != nil {
		t.Fatalf("save %s: %v", page, err)
	}
}

const portrait = `---
title: Sam, 11 jaar
team: ons-team
cases: [sam-groep-7]
---
Sam is graag buiten. Op school zegt hij weinig, want hij [[schaamte|schaamt zich]] voor zijn
lezen. Thuis vindt hij [[themes/rust]]. Zie ook [[sam]] en [[nog-niet-geschreven]].
`

const casus = `---
title: Sam (groep 7)
team: ons-team
portraits: [sam]
themes:
  - {slug: schaamte, why: Sam vertelt thuis niets over school}
  - veiligheid
actions:
  - {what: Proeftraining judo, frame: meer-lucht-thuis}
---
Het team maakt zich zorgen.
`

func TestBuildBacklinksExistsTitle(t *testing.T) {
	ws := newWorkspace(t)
	save(t, ws, "portraits/sam", portrait)
	save(t, ws, "cases/sam-groep-7", casus)
	x, err := New(ws.Store)
	if err != nil {
		t.Fatal(err)
	}
	if head, _ := ws.Store.Head(); x.Head() != head {
		t.Errorf("head %s, want %s", x.Head(), head)
	}
	if !x.Exists(ref("themes/schaamte")) || x.Exists(ref("themes/nog-niet-geschreven")) {
		t.Error("Exists is wrong")
	}
	if got := x.Title(ref("portraits/sam")); got != "Sam, 11 jaar" {
		t.Errorf("Title = %q", got)
	}
	if got := x.Title(ref("themes/bestaat-niet")); got != "bestaat-niet" {
		t.Errorf("Title of a missing page = %q", got)
	}

	got := x.Backlinks(ref("themes/schaamte"))
	var fromCase, fromPortrait *Backlink
	for i, b := range got {
		switch b.From {
		case ref("cases/sam-groep-7"):
			fromCase = &got[i]
		case ref("portraits/sam"):
			fromPortrait = &got[i]
		}
	}
	if fromCase == nil || fromCase.Field != "themes[0].slug" || fromCase.Sentence != "Sam vertelt thuis niets over school" ||
		fromCase.FromTitle != "Sam (groep 7)" {
		t.Errorf("typed backlink from the casus: %+v", fromCase)
	}
	if fromPortrait == nil || fromPortrait.Field != "" || fromPortrait.Line != 6 ||
		!strings.Contains(fromPortrait.Sentence, "Op school zegt hij weinig, want hij schaamt zich voor zijn lezen.") ||
		strings.Contains(fromPortrait.Sentence, "buiten") {
		t.Errorf("text backlink from the portrait: %+v", fromPortrait)
	}
	// The casus comes before the portrait, and the starter library's own links are there too.
	if got[0].From != ref("cases/sam-groep-7") {
		t.Errorf("first backlink is %v, want the casus", got[0].From)
	}
	if n := x.Count(ref("themes/schaamte"), wiki.Theme); n == 0 {
		t.Error("no theme of the starter library links to schaamte?")
	}
	// A bare [[sam]] means the portrait (there is no theme sam); a page linking itself is left out.
	for _, b := range x.Backlinks(ref("portraits/sam")) {
		if b.From == ref("portraits/sam") {
			t.Errorf("self link listed: %+v", b)
		}
	}
	if bl := x.Backlinks(ref("portraits/sam")); len(bl) != 1 || bl[0].Field != "portraits[0]" {
		t.Errorf("backlinks of the portrait: %+v", bl)
	}
	// The typed link from an action to a frame carries the action as its note.
	if bl := x.Backlinks(ref("frames/meer-lucht-thuis")); !hasBacklink(bl, "cases/sam-groep-7", "actions[0].frame", "Proeftraining judo") {
		t.Errorf("frame backlinks: %+v", bl)
	}
	// A missing page has backlinks too: that is how a team sees what it still has to write.
	if bl := x.Backlinks(ref("themes/nog-niet-geschreven")); len(bl) != 1 {
		t.Errorf("backlinks of a missing page: %+v", bl)
	}
	teams := x.Pages(wiki.Team)
	if len(teams) != 1 || teams[0].Ref != ref("teams/ons-team") || teams[0].Meta == nil {
		t.Errorf("Pages(team) = %+v", teams)
	}
	if th := x.Pages(wiki.Theme); len(th) < 30 || strings.ToLower(th[0].Title) > strings.ToLower(th[1].Title) {
		t.Errorf("Pages(theme): %d, not sorted", len(th))
	}
}

func hasBacklink(bl []Backlink, from, field, sentence string) bool {
	for _, b := range bl {
		if b.From == ref(from) && b.Field == field && b.Sentence == sentence {
			return true
		}
	}
	return false
}

func TestSyncAfterSaveRenameDelete(t *testing.T) {
	ws := newWorkspace(t)
	x, err := New(ws.Store)
	if err != nil {
		t.Fatal(err)
	}
	before := len(x.Backlinks(ref("themes/schaamte")))

	// Several commits behind: one Sync replays them all.
	save(t, ws, "portraits/sam", portrait)
	save(t, ws, "cases/sam-groep-7", casus)
	if x.Exists(ref("portraits/sam")) {
		t.Fatal("the index moved without Sync")
	}
	if err := x.Sync(); err != nil {
		t.Fatal(err)
	}
	if !x.Exists(ref("portraits/sam")) || len(x.Backlinks(ref("themes/schaamte"))) != before+2 {
		t.Fatalf("after save: exists %v, backlinks %+v", x.Exists(ref("portraits/sam")), x.Backlinks(ref("themes/schaamte")))
	}
	if err := x.Sync(); err != nil { // nothing new: a no-op
		t.Fatal(err)
	}

	// An edit that drops the link drops the backlink.
	save(t, ws, "portraits/sam", strings.Replace(portrait, "[[schaamte|schaamt zich]]", "schaamt zich", 1))
	if err := x.Sync(); err != nil {
		t.Fatal(err)
	}
	if hasFrom(x.Backlinks(ref("themes/schaamte")), "portraits/sam") {
		t.Error("backlink kept after the link was removed")
	}

	// A bare [[sam]] follows what exists: a new theme "sam" now takes it (themes come first).
	save(t, ws, "frames/steun-voor-sam", "---\ntitle: Steun\nteam: ons-team\n---\nVoor [[sam]].\n")
	if err := x.Sync(); err != nil {
		t.Fatal(err)
	}
	if !hasFrom(x.Backlinks(ref("portraits/sam")), "frames/steun-voor-sam") {
		t.Error("bare [[sam]] does not point at the portrait")
	}
	save(t, ws, "themes/sam", "---\ntitle: Sam als thema\n---\n")
	if err := x.Sync(); err != nil {
		t.Fatal(err)
	}
	if hasFrom(x.Backlinks(ref("portraits/sam")), "frames/steun-voor-sam") || !hasFrom(x.Backlinks(ref("themes/sam")), "frames/steun-voor-sam") {
		t.Error("bare [[sam]] did not move to the new theme")
	}

	// Rename: the old ref is gone, the new one has the old one's links, and links to it follow.
	if _, err := ws.Rename(ref("portraits/sam"), "sam-b", tester, ""); err != nil {
		t.Fatal(err)
	}
	if err := x.Sync(); err != nil {
		t.Fatal(err)
	}
	if x.Exists(ref("portraits/sam")) || !x.Exists(ref("portraits/sam-b")) {
		t.Error("rename not seen")
	}
	if !hasFrom(x.Backlinks(ref("cases/sam-groep-7")), "portraits/sam-b") || !hasFrom(x.Backlinks(ref("portraits/sam-b")), "cases/sam-groep-7") {
		t.Errorf("links after rename: %+v / %+v", x.Backlinks(ref("cases/sam-groep-7")), x.Backlinks(ref("portraits/sam-b")))
	}

	// Delete: the page and its outgoing links are gone.
	f, _ := ws.Store.Read("cases/sam-groep-7.md", "")
	if _, err := ws.Store.Delete("cases/sam-groep-7.md", f.Blob, tester, ""); err != nil {
		t.Fatal(err)
	}
	if err := x.Sync(); err != nil {
		t.Fatal(err)
	}
	if x.Exists(ref("cases/sam-groep-7")) || hasFrom(x.Backlinks(ref("themes/veiligheid")), "cases/sam-groep-7") {
		t.Error("deleted casus still indexed")
	}

	// After all that, the index equals a fresh build.
	fresh, err := New(ws.Store)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range wiki.Kinds {
		for _, p := range fresh.Pages(k) {
			if a, b := len(x.Backlinks(p.Ref)), len(fresh.Backlinks(p.Ref)); a != b || !x.Exists(p.Ref) {
				t.Errorf("%s: synced index has %d backlinks, fresh %d", p.Ref, a, b)
			}
		}
		if len(x.Pages(k)) != len(fresh.Pages(k)) {
			t.Errorf("%s: %d pages synced, %d fresh", k, len(x.Pages(k)), len(fresh.Pages(k)))
		}
	}
}

func hasFrom(bl []Backlink, from string) bool {
	for _, b := range bl {
		if b.From == ref(from) {
			return true
		}
	}
	return false
}

func TestInvalidPageStillCounts(t *testing.T) {
	ws := newWorkspace(t)
	// Written straight into git, past the workspace's checks, as a push from elsewhere could.
	if _, err := ws.Store.Update(tester, "", func(tx *store.Tx) error {
		if err := tx.Put("themes/kapot.md", []byte("geen kop\n[[schaamte]]\n")); err != nil {
			return err
		}
		return tx.Put("media/sam/foto.md", []byte("geen pagina"))
	}); err != nil {
		t.Fatal(err)
	}
	x, err := New(ws.Store)
	if err != nil {
		t.Fatal(err)
	}
	if !x.Exists(ref("themes/kapot")) || x.Title(ref("themes/kapot")) != "kapot" {
		t.Error("a page without front matter should exist, titled by its slug")
	}
	if x.Len() == 0 || hasFrom(x.Backlinks(ref("themes/schaamte")), "themes/kapot") {
		t.Error("links of an unreadable page should not count")
	}
}

func TestConcurrentReadersAndSync(t *testing.T) {
	ws := newWorkspace(t)
	x, err := New(ws.Store)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for range 20 {
				x.Backlinks(ref("themes/schaamte"))
				x.Exists(ref("portraits/sam"))
				x.Pages(wiki.Theme)
				if i == 0 {
					if err := x.Sync(); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	for i := range 5 {
		save(t, ws, "portraits/sam", strings.Replace(portrait, "buiten", "buiten"+strings.Repeat("!", i+1), 1))
		if err := x.Sync(); err != nil {
			t.Error(err)
		}
	}
	wg.Wait()
	if !x.Exists(ref("portraits/sam")) {
		t.Error("last save not indexed")
	}
}
