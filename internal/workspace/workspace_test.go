package workspace

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

var anna = store.Author{Name: "Anna", Email: "anna@leefwereld.invalid"}

func newWorkspace(t *testing.T) *Workspace {
	t.Helper()
	w, err := Create(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func mustHead(t *testing.T, w *Workspace) string {
	t.Helper()
	h, err := w.Store.Head()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func read(t *testing.T, w *Workspace, p string) string {
	t.Helper()
	f, err := w.Store.Read(p, "")
	if err != nil {
		t.Fatalf("read %s: %v", p, err)
	}
	return string(f.Content)
}

func TestCreateRefusesExisting(t *testing.T) {
	w := newWorkspace(t)
	before := mustHead(t, w)
	if _, err := Create(w.Dir()); !errors.Is(err, ErrExists) {
		t.Fatalf("Create on existing: %v", err)
	}
	if after := mustHead(t, w); after != before {
		t.Error("HEAD moved")
	}
	if _, err := Open(t.TempDir()); !errors.Is(err, ErrNotExist) {
		t.Errorf("Open on empty dir: %v", err)
	}
}

func TestSave(t *testing.T) {
	w := newWorkspace(t)
	ref := wiki.Ref{Kind: wiki.Portrait, Slug: "sam"}
	page := "---\ntitle: Sam\nteam: ons-team\n---\nSam is vaak [[bang]] en [[schaamte|schaamt zich]].\n"
	res, probs, err := w.Save(ref, []byte(page), "", anna, "")
	if err != nil {
		t.Fatal(err)
	}
	if probs.HasErrors() || len(probs.Hints()) != 1 || len(probs.Warnings()) != 1 ||
		!strings.Contains(probs.Warnings()[0].Message, "[[bang]]") || probs.Warnings()[0].Line != 5 {
		t.Errorf("problems of a valid save: %v", probs)
	}
	if got := read(t, w, ref.Path()); got != page {
		t.Errorf("saved %q", got)
	}

	before := mustHead(t, w)
	tests := map[string]string{
		"unknown key":   "---\ntitle: Sam\nteam: ons-team\nleeftijd: 11\n---\n",
		"no title":      "---\nteam: ons-team\n---\n",
		"no front":      "Alleen tekst\n",
		"wrong kind":    "---\ntitle: Sam\nkind: theme\nteam: ons-team\n---\n",
		"bad status":    "---\ntitle: Sam\nteam: ons-team\nstatus: klaar\n---\n",
		"invalid utf-8": "---\ntitle: \xff\nteam: ons-team\n---\n",
	}
	for name, bad := range tests {
		t.Run(name, func(t *testing.T) {
			_, probs, err := w.Save(ref, []byte(bad), res.Blob, anna, "")
			var inv *wiki.InvalidError
			if !errors.As(err, &inv) || !probs.HasErrors() || inv.Problems[0].Message == "" {
				t.Fatalf("invalid save: err %v, problems %v", err, probs)
			}
			if mustHead(t, w) != before || read(t, w, ref.Path()) != page {
				t.Error("an invalid save changed the repository")
			}
		})
	}
}

func TestSaveRefusesAnInvalidMerge(t *testing.T) {
	w := newWorkspace(t)
	ref := wiki.Ref{Kind: wiki.Theme, Slug: "nieuw"}
	base := "---\ntitle: Nieuw\naspects: [emotioneel]\nsynonyms: [nieuwigheid]\n---\nEen.\n\nTwee.\n\nDrie.\n"
	res, _, err := w.Save(ref, []byte(base), "", anna, "")
	if err != nil {
		t.Fatal(err)
	}
	// Two edits that merge cleanly line by line, but together leave a duplicate key.
	theirs := strings.Replace(base, "synonyms: [nieuwigheid]\n", "synonyms: [nieuwigheid]\ngroup: zelf\n", 1)
	if _, _, err := w.Save(ref, []byte(theirs), res.Blob, anna, ""); err != nil {
		t.Fatal(err)
	}
	before := mustHead(t, w)
	mine := strings.Replace(base, "title: Nieuw\n", "title: Nieuw\ngroup: zelf\n", 1)
	_, _, err = w.Save(ref, []byte(mine), res.Blob, anna, "")
	var conflict *store.ConflictError
	if !errors.As(err, &conflict) || conflict.Reason != store.ReasonInvalid || string(conflict.Mine) != mine {
		t.Fatalf("merging into an invalid page: %v", err)
	}
	if mustHead(t, w) != before || read(t, w, ref.Path()) != theirs {
		t.Error("an invalid merge was committed")
	}
}

func TestRename(t *testing.T) {
	w := newWorkspace(t)
	_, err := w.Store.Update(anna, "opzet", func(tx *store.Tx) error {
		tx.Put("portraits/sam.md", []byte("---\ntitle: Sam\nteam: ons-team\ncases: [c]\n---\nDit is Sam.\n"))
		tx.Put("media/sam/tekening.png", []byte("png"))
		tx.Put("cases/c.md", []byte("---\ntitle: C\nteam: ons-team\nportraits: [sam, \"sam-twee\", 'sam']\n---\n"+
			"Zie [[sam]] en [[portraits/sam|het portret]].\n\n`[[sam]]` blijft staan.\n"))
		return tx.Put("portraits/sam-twee.md", []byte("---\ntitle: Sam twee\nteam: ons-team\n---\n"))
	})
	if err != nil {
		t.Fatal(err)
	}
	before := mustHead(t, w)
	c, err := w.Rename(wiki.Ref{Kind: wiki.Portrait, Slug: "sam"}, "s-groep-7", anna, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Parents) != 1 || c.Parents[0] != before {
		t.Errorf("rename is not one commit on top: %+v", c)
	}
	want := "---\ntitle: C\nteam: ons-team\nportraits: [s-groep-7, \"sam-twee\", 's-groep-7']\n---\n" +
		"Zie [[s-groep-7]] en [[portraits/s-groep-7|het portret]].\n\n`[[sam]]` blijft staan.\n"
	if got := read(t, w, "cases/c.md"); got != want {
		t.Errorf("links not rewritten:\n%s\nwant\n%s", got, want)
	}
	if read(t, w, "media/s-groep-7/tekening.png") != "png" {
		t.Error("attachment not moved")
	}
	for _, gone := range []string{"portraits/sam.md", "media/sam/tekening.png"} {
		if _, err := w.Store.Read(gone, ""); err == nil {
			t.Errorf("%s still there", gone)
		}
	}
	probs, err := w.Check("")
	if err != nil || len(probs.Warnings()) != 0 {
		t.Errorf("dangling links after rename: %v %v", probs.Warnings(), err)
	}

	// Renaming onto an existing page changes nothing.
	before = mustHead(t, w)
	if _, err := w.Rename(wiki.Ref{Kind: wiki.Portrait, Slug: "s-groep-7"}, "sam-twee", anna, ""); err == nil {
		t.Error("rename onto an existing page succeeded")
	}
	if _, err := w.Rename(wiki.Ref{Kind: wiki.Portrait, Slug: "s-groep-7"}, "Niet Geldig", anna, ""); err == nil {
		t.Error("rename to an invalid slug succeeded")
	}
	if mustHead(t, w) != before {
		t.Error("a failed rename moved HEAD")
	}
}

func TestRenameThemeRewritesShortAndLongForms(t *testing.T) {
	w := newWorkspace(t)
	casus := "---\ntitle: C\nteam: ons-team\nthemes:\n  - rust\n  - {slug: trots, why: \"Sam is trots op zijn tekeningen\"}\n  - schaamte\n---\nOver [[Rust]].\n"
	if _, _, err := w.Save(wiki.Ref{Kind: wiki.Case, Slug: "c"}, []byte(casus), "", anna, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Rename(wiki.Ref{Kind: wiki.Theme, Slug: "rust"}, "innerlijke-rust", anna, ""); err != nil {
		t.Fatal(err)
	}
	want := strings.NewReplacer("  - rust", "  - innerlijke-rust", "[[Rust]]", "[[innerlijke-rust]]").Replace(casus)
	if got := read(t, w, "cases/c.md"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Themes that related to rust follow it too.
	probs, err := w.Check("")
	if err != nil || len(probs.Warnings()) != 0 || probs.HasErrors() {
		t.Errorf("after renaming a library theme: %v %v", probs.Warnings(), err)
	}
}

// TestSaveMergesCleanly guards against the merge check calling back into the store, which
// holds its write lock while it runs the check.
func TestSaveMergesCleanly(t *testing.T) {
	w := newWorkspace(t)
	ref := wiki.Ref{Kind: wiki.Theme, Slug: "nieuw"}
	base := "---\ntitle: Nieuw\n---\nEen.\n\nTwee.\n\nDrie.\n"
	res, _, err := w.Save(ref, []byte(base), "", anna, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.Save(ref, []byte(strings.Replace(base, "Een.", "Eén, zegt Anna.", 1)), res.Blob, anna, ""); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		r, _, err := w.Save(ref, []byte(strings.Replace(base, "Drie.", "Drie, zegt Bob.", 1)), res.Blob, anna, "")
		if err == nil && !r.Merged {
			err = errors.New("not merged")
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a merging save hangs")
	}
	if got := read(t, w, ref.Path()); !strings.Contains(got, "Eén, zegt Anna.") || !strings.Contains(got, "Drie, zegt Bob.") {
		t.Errorf("merged text: %q", got)
	}
}
