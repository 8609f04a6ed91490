// Package purgetest builds the workspace the erasure tests purge, and checks a data directory
// for any trace of it. The purge package and the command's crash tests share it.
package purgetest

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// Secrets are strings that appear only in the pages to erase, in a commit message about them,
// in an unreferenced object and in the search index: after a purge, none may be found anywhere.
var Secrets = []string{
	"Lotte verstopt haar tekeningen onder de trap",
	"Op woensdag fietst ze alleen naar de bieb",
	"Haar moeder werkt 's nachts in het ziekenhuis van Deventer",
	"Tekenen mag weer gezien worden in de klas van meester Joost",
	"Ze wil niet dat haar vader het rapport ziet",
	"LOTTE-TEKENING-PIXELS-7731",
	"lotte-groep-5",
	"moeder-van-lotte",
	"tekenen-als-taal",
	"Lotte (groep 5)",
}

// Names may stay in the text of pages that link to the erased ones, but no commit message,
// log or index file may hold them.
var Names = []string{"Lotte", "lotte", "Lotje", "lotje"}

// Casus is the slug of the casus to erase.
const Casus = "lotte-groep-5"

// Erased are the paths that must be gone from every commit; Kept must still be at head.
var (
	Erased = []string{"cases/lotte-groep-5.md", "portraits/lotte.md", "portraits/lotje.md",
		"portraits/moeder-van-lotte.md", "frames/tekenen-als-taal.md", "media/lotte/tekening.png",
		"media/lotje/tekening.png"}
	Kept = []string{"cases/sam-groep-7.md", "portraits/sam.md", "frames/samen-spelen.md",
		"teams/ons-team.md", "themes/trots.md"}
)

var (
	anna  = store.Author{Name: "Anna de Vries", Email: "anna@school.invalid"}
	karim = store.Author{Name: "Karim", Email: "karim@school.invalid"}
)

// Fixture is a built workspace.
type Fixture struct {
	Data string
	// Revisions counts the history of every page that stays, before the purge.
	Revisions map[string]int
	Commits   int
}

// Repo is the fixture's bare repository.
func (f *Fixture) Repo() string { return filepath.Join(f.Data, workspace.RepoDir) }

// Build makes the workspace in data: the starter library; a casus about Lotte with two
// portraits (one renamed along the way), a frame of its own, a frame it shares with Sam's
// casus, an attachment; many edits interleaved with edits to other pages, commit messages that
// name Lotte, half of it packed by git gc; an unreferenced object and a search index that
// quote her. pack says whether to run git gc half way.
func Build(t testing.TB, data string, pack bool) *Fixture {
	t.Helper()
	w, err := workspace.Create(data)
	if err != nil {
		t.Fatal(err)
	}
	step := 0
	when := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
	save := func(a store.Author, path, content, msg string) {
		t.Helper()
		step++
		a.When = when.Add(time.Duration(step) * time.Hour)
		ref, err := wiki.RefFromPath(path)
		if err != nil {
			t.Fatal(err)
		}
		base := ""
		if f, err := w.Store.Read(path, ""); err == nil {
			base = f.Blob
		}
		if _, probs, err := w.Save(ref, []byte(content), base, a, msg); err != nil {
			t.Fatalf("save %s: %v %v", path, err, probs)
		}
	}
	save(anna, "frames/samen-spelen.md", frame("Samen spelen", "team", "Samen spelen op het plein, met vaste maatjes."), "")
	save(anna, "portraits/lotje.md", portrait("Lotte, 9 jaar", "Lotte verstopt haar tekeningen onder de trap."), "Gesprek met Lotte verwerkt")
	save(karim, "themes/trots.md", theme("Trots", "Trots zijn op wat je maakt."), "")
	if _, _, err := w.Store.Attach("media/lotje", "tekening.png", []byte("\x89PNG LOTTE-TEKENING-PIXELS-7731"), anna, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Rename(wiki.Ref{Kind: wiki.Portrait, Slug: "lotje"}, "lotte", anna, ""); err != nil {
		t.Fatal(err)
	}
	save(anna, "portraits/moeder-van-lotte.md", portrait("Moeder van Lotte", "Haar moeder werkt 's nachts in het ziekenhuis van Deventer."), "")
	save(karim, "frames/tekenen-als-taal.md", frame("Tekenen als taal", "team", "Tekenen mag weer gezien worden in de klas van meester Joost."), "")
	save(anna, "cases/lotte-groep-5.md", casus("Lotte (groep 5)", "[lotte, moeder-van-lotte]", "[tekenen-als-taal, samen-spelen]",
		"Ze wil niet dat haar vader het rapport ziet."), "Nieuwe casus voor Lotte")
	save(karim, "portraits/sam.md", portraitOf("sam-groep-7", "Sam, 11 jaar", "Sam speelt in de pauze vaak met [[lotte]]."), "")
	save(karim, "cases/sam-groep-7.md", casus("Sam (groep 7)", "[sam]", "[samen-spelen]", "Sam voetbalt graag."), "")
	if pack {
		gitCLI(t, filepath.Join(data, workspace.RepoDir), "gc", "-q", "--prune=now")
	}
	for i := 1; i <= 6; i++ {
		save(anna, "portraits/lotte.md", portrait("Lotte, 9 jaar", fmt.Sprintf("Lotte verstopt haar tekeningen onder de trap.\n\nOp woensdag fietst ze alleen naar de bieb (%d).", i)), "")
		save(karim, "themes/trots.md", theme("Trots", fmt.Sprintf("Trots zijn op wat je maakt (%d).", i)), "")
		if i%2 == 0 {
			save(anna, "teams/ons-team.md", team(i), fmt.Sprintf("Spelregels na overleg over Lotte (%d)", i))
		}
		if i == 3 && pack {
			gitCLI(t, filepath.Join(data, workspace.RepoDir), "repack", "-q", "-d")
		}
	}
	// One commit that changes an erased page and a page that stays, with a message naming her.
	_, err = w.Store.Update(anna, "Lotte en Sam: notities bijgewerkt", func(tx *store.Tx) error {
		if err := tx.Put("portraits/moeder-van-lotte.md", []byte(portrait("Moeder van Lotte", "Haar moeder werkt 's nachts in het ziekenhuis van Deventer.\n\nZe komt op gesprek."))); err != nil {
			return err
		}
		return tx.Put("portraits/sam.md", []byte(portraitOf("sam-groep-7", "Sam, 11 jaar", "Sam speelt in de pauze vaak met [[lotte]] en met Noor.")))
	})
	if err != nil {
		t.Fatal(err)
	}
	save(karim, "cases/sam-groep-7.md", casus("Sam (groep 7)", "[sam]", "[samen-spelen]", "Sam voetbalt graag, ook in de regen."), "")
	w.Close()

	// Left behind by an abandoned save: an object no commit reaches.
	GitStdin(t, filepath.Join(data, workspace.RepoDir), "Lotte verstopt haar tekeningen onder de trap (concept).\n", "hash-object", "-w", "--stdin")
	// What a search index would hold.
	idx := filepath.Join(data, "index.bleve")
	os.MkdirAll(idx, 0o755)
	os.WriteFile(filepath.Join(idx, "store"), []byte("Lotte verstopt haar tekeningen onder de trap"), 0o644)

	f := &Fixture{Data: data, Revisions: map[string]int{}}
	f.Revisions, f.Commits = revisions(t, data)
	return f
}

// revisions counts the history of every page that stays, and the commits on main.
func revisions(t testing.TB, data string) (map[string]int, int) {
	t.Helper()
	s, err := store.Open(filepath.Join(data, workspace.RepoDir))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out := map[string]int{}
	err = s.Walk("", func(e store.Entry) error {
		for _, p := range Erased {
			if p == e.Path {
				return nil
			}
		}
		h, err := s.History(e.Path)
		out[e.Path] = len(h)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	log, err := s.Log(0)
	if err != nil {
		t.Fatal(err)
	}
	return out, len(log)
}

// ProveErased fails the test if any trace of the erased pages is left: in any object of the
// repository (git cat-file --batch-all-objects), in any file under the data directory (raw
// bytes), or in any commit message; and checks git fsck, the pages that stay and their
// history, and the tombstone on top.
func (f *Fixture) ProveErased(t testing.TB) {
	t.Helper()
	f.prove(t, "")
}

// ProveErasedServed is ProveErased for a data directory a server went on using after it
// erased: its search index (index.bleve), rebuilt from the pages that stay, may hold the
// names those pages still use (Sam's portrait links to [[lotte]]), never a sentence or slug
// of the erased pages. Every other file is held to ProveErased's rule.
func (f *Fixture) ProveErasedServed(t testing.TB) {
	t.Helper()
	f.prove(t, filepath.Join(f.Data, "index.bleve"))
}

// prove is ProveErased; under namesMayStay ("" for nowhere) only the Secrets are looked for.
func (f *Fixture) prove(t testing.TB, namesMayStay string) {
	t.Helper()
	repo := f.Repo()
	objects := gitCLI(t, repo, "cat-file", "--batch-all-objects", "--batch")
	for _, s := range Secrets {
		if strings.Contains(objects, s) {
			t.Errorf("an object still contains %q", s)
		}
	}
	err := filepath.WalkDir(f.Data, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		look := append(append([]string{}, Secrets...), Names...)
		if namesMayStay != "" && strings.HasPrefix(p, namesMayStay+string(filepath.Separator)) {
			look = Secrets
		}
		for _, s := range look {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s still contains %q", p, s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	msgs := gitCLI(t, repo, "log", "--all", "--format=%an%n%B")
	for _, s := range append(append([]string{}, Secrets...), Names...) {
		if strings.Contains(strings.ToLower(msgs), strings.ToLower(s)) {
			t.Errorf("a commit message still contains %q", s)
		}
	}
	Fsck(t, repo)
	for _, p := range Erased {
		if out := gitCLI(t, repo, "log", "--all", "--format=%H", "--", p); strings.TrimSpace(out) != "" {
			t.Errorf("%s is still in the history:\n%s", p, out)
		}
	}
	revs, commits := revisions(t, f.Data)
	for p, n := range f.Revisions {
		if revs[p] != n {
			t.Errorf("%s has %d revisions after the purge, %d before", p, revs[p], n)
		}
	}
	for _, p := range Kept {
		if _, ok := revs[p]; !ok {
			t.Errorf("%s is gone", p)
		}
	}
	if commits >= f.Commits {
		t.Errorf("%d commits after the purge, %d before: commits about Lotte alone should be gone", commits, f.Commits)
	}
	top := gitCLI(t, repo, "log", "-1", "--format=%B", "main")
	if !strings.HasPrefix(top, "Gegevens gewist") {
		t.Errorf("no tombstone on top: %q", top)
	}
	if diff := gitCLI(t, repo, "diff", "--stat", "main~1", "main"); strings.TrimSpace(diff) != "" {
		t.Errorf("the tombstone changes files: %s", diff)
	}
	sam := gitCLI(t, repo, "show", "main:portraits/sam.md")
	if !strings.Contains(sam, "[[lotte]]") {
		t.Errorf("a page that links to an erased page lost its text: %q", sam)
	}
}

// Fsck runs git fsck --full --strict and fails on any complaint.
func Fsck(t testing.TB, repo string) {
	t.Helper()
	out := gitCLI(t, repo, "fsck", "--full", "--strict", "--no-dangling")
	if strings.TrimSpace(out) != "" {
		t.Fatalf("git fsck: %s", out)
	}
}

// Contains reports whether any object of the repository contains s.
func Contains(t testing.TB, repo, s string) bool {
	t.Helper()
	return strings.Contains(gitCLI(t, repo, "cat-file", "--batch-all-objects", "--batch"), s)
}

// Git runs the git CLI in dir and returns its output; the test fails if git fails.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	return gitCLI(t, dir, args...)
}

func gitCLI(t testing.TB, dir string, args ...string) string {
	t.Helper()
	return GitStdin(t, dir, "", args...)
}

// GitStdin is Git with input.
func GitStdin(t testing.TB, dir, stdin string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not on PATH")
	}
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(cmd.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+os.TempDir())
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("git %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String() + errb.String()
}

func portrait(title, body string) string {
	return portraitOf(Casus, title, body)
}

func portraitOf(casus, title, body string) string {
	return fmt.Sprintf("---\ntitle: %s\nteam: ons-team\ncases: [%s]\n---\n%s\n", title, casus, body)
}

func frame(title, visibility, body string) string {
	return fmt.Sprintf("---\ntitle: %s\nteam: ons-team\nthemes: [trots]\nvisibility: %s\n---\n%s\n", title, visibility, body)
}

func theme(title, body string) string {
	return fmt.Sprintf("---\ntitle: %s\nkind: theme\n---\n%s\n", title, body)
}

func team(i int) string {
	return fmt.Sprintf("---\ntitle: Ons team\nkind: team\n---\nWe spreken elkaar elke week (%d).\n", i)
}

func casus(title, portraits, frames, body string) string {
	return fmt.Sprintf("---\ntitle: %s\nteam: ons-team\nportraits: %s\nframes: %s\nkeep-until: 2029-08-01\n---\n%s\n", title, portraits, frames, body)
}
