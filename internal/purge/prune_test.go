package purge

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/leefwereld/leefwereld/internal/purge/purgetest"
	"github.com/leefwereld/leefwereld/internal/store"
)

// TestPrune moves a gc'd branch back, as a purge does, and prunes: the pack that mixes kept
// and dropped objects is rewritten, a pack of garbage goes, a loose dangling object goes, the
// commit-graph goes, and what stays passes git fsck.
func TestPrune(t *testing.T) {
	tr := newTestRepo(t)
	c1 := tr.commit("een", "themes/a.md", "blijft\n")
	tr.commit("twee", "portraits/x.md", "GEHEIM-IN-PACK\n")
	purgetest.Git(t, tr.dir, "-c", "gc.writeCommitGraph=true", "gc", "-q", "--prune=now")
	if _, err := os.Stat(filepath.Join(tr.dir, "objects", "info", "commit-graph")); err != nil {
		t.Logf("no commit-graph written by this git: %v", err)
	}
	garbage := writeStdinObject(t, tr.dir, "GEHEIM-LOS\n")
	packGarbage(t, tr.dir, writeStdinObject(t, tr.dir, "GEHEIM-IN-EIGEN-PACK\n"))
	purgetest.Git(t, tr.dir, "update-ref", "refs/heads/main", c1)

	r := openRepo(tr.dir)
	defer r.close()
	w := newWalker()
	w.commit(plumbing.NewHash(c1))
	keep, err := w.walk(r)
	if err != nil {
		t.Fatal(err)
	}
	st, err := r.prune(keep, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if st.packsDeleted != 2 || st.repacked != len(keep) || st.loose < 1 {
		t.Errorf("stats %+v (keep %d)", st, len(keep))
	}
	for _, s := range []string{"GEHEIM-IN-PACK", "GEHEIM-LOS", "GEHEIM-IN-EIGEN-PACK"} {
		if purgetest.Contains(t, tr.dir, s) {
			t.Errorf("%s survived the prune", s)
		}
	}
	if _, err := os.Stat(filepath.Join(tr.dir, "objects", garbage[:2], garbage[2:])); !os.IsNotExist(err) {
		t.Errorf("dangling loose object still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(tr.dir, "objects", "info", "commit-graph")); !os.IsNotExist(err) {
		t.Errorf("commit-graph still there: %v", err)
	}
	purgetest.Fsck(t, tr.dir)
	if got := purgetest.Git(t, tr.dir, "show", "main:themes/a.md"); got != "blijft\n" {
		t.Errorf("kept page reads %q", got)
	}
	// A second prune has nothing left to do.
	if st, err := r.prune(keep, time.Now()); err != nil || st.loose+st.packsDeleted+st.repacked != 0 {
		t.Errorf("second prune: %+v %v", st, err)
	}
}

// TestPruneRefusesWhenIncomplete: if something the history needs is missing, prune stops
// before deleting anything.
func TestPruneRefusesWhenIncomplete(t *testing.T) {
	tr := newTestRepo(t)
	c1 := tr.commit("een", "themes/a.md", "a\n")
	garbage := writeStdinObject(t, tr.dir, "weg\n")
	r := openRepo(tr.dir)
	defer r.close()
	w := newWalker()
	w.commit(plumbing.NewHash(c1))
	keep, err := w.walk(r)
	if err != nil {
		t.Fatal(err)
	}
	keep[plumbing.NewHash(strings.Repeat("ab", 20))] = struct{}{}
	if _, err := r.prune(keep, time.Now()); err == nil || !strings.Contains(err.Error(), "nothing was deleted") {
		t.Fatalf("prune with a missing object: %v", err)
	}
	if _, err := os.Stat(filepath.Join(tr.dir, "objects", garbage[:2], garbage[2:])); err != nil {
		t.Errorf("prune deleted something before refusing: %v", err)
	}
}

// TestRefusesOtherRefs: a tag or another branch would keep the old history reachable.
func TestRefusesOtherRefs(t *testing.T) {
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), false)
	purgetest.Git(t, f.Repo(), "branch", "kopie", "main")
	before := purgetest.Git(t, f.Repo(), "rev-parse", "main")
	p, err := PlanCasus(f.Data, purgetest.Casus)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(p, "Anna", now); !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "refs/heads/kopie") {
		t.Fatalf("run with another branch: %v", err)
	}
	if after := purgetest.Git(t, f.Repo(), "rev-parse", "main"); after != before || Pending(f.Data) {
		t.Error("a refused purge changed the repository")
	}
}

// TestAmbiguousRename: a page renamed away from a name another page has now cannot be erased
// by path without taking the other page's history along, so purge refuses.
func TestAmbiguousRename(t *testing.T) {
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), false)
	s, err := store.Open(f.Repo())
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Update(store.Author{Name: "Anna"}, "", func(tx *store.Tx) error {
		return tx.Put("portraits/lotje.md", []byte("---\ntitle: Een ander kind\nteam: ons-team\n---\n"))
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := PlanCasus(f.Data, purgetest.Casus); !errors.Is(err, ErrAmbiguous) {
		t.Fatalf("plan: %v, want ErrAmbiguous", err)
	}
}

func writeStdinObject(t *testing.T, repo, content string) string {
	t.Helper()
	return strings.TrimSpace(purgetest.GitStdin(t, repo, content, "hash-object", "-w", "--stdin"))
}

// packGarbage puts an object into a pack of its own and deletes the loose copy.
func packGarbage(t *testing.T, repo, hash string) {
	t.Helper()
	purgetest.GitStdin(t, repo, hash+"\n", "pack-objects", "-q", filepath.Join(repo, "objects", "pack", "pack"))
	os.Remove(filepath.Join(repo, "objects", hash[:2], hash[2:]))
}
