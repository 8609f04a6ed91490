package purge

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/leefwereld/leefwereld/internal/purge/purgetest"
	"github.com/leefwereld/leefwereld/internal/store"
)

// testRepo is a bare repository written by the store, with one commit per step.
type testRepo struct {
	t   *testing.T
	dir string
	s   *store.Store
	n   int
}

func newTestRepo(t *testing.T) *testRepo {
	dir := filepath.Join(t.TempDir(), "repo.git")
	s, err := store.Init(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &testRepo{t: t, dir: dir, s: s}
}

// commit puts (content != "") or deletes (content == "") files: path, content, path, content …
func (tr *testRepo) commit(msg string, files ...string) string {
	tr.t.Helper()
	tr.n++
	a := store.Author{Name: "Anna", Email: "anna@school.invalid", When: time.Unix(1_800_000_000+int64(tr.n)*60, 0)}
	c, err := tr.s.Update(a, msg, func(tx *store.Tx) error {
		for i := 0; i < len(files); i += 2 {
			if files[i+1] == "" {
				if err := tx.Delete(files[i]); err != nil {
					return err
				}
				continue
			}
			if err := tx.Put(files[i], []byte(files[i+1])); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tr.t.Fatal(err)
	}
	return c.Hash
}

// emptyCommit adds a commit that changes nothing, as a git client can; the store cannot.
func (tr *testRepo) emptyCommit(msg string) string {
	tr.t.Helper()
	h := strings.TrimSpace(purgetest.Git(tr.t, tr.dir, "-c", "user.name=X", "-c", "user.email=x@x", "commit-tree", "-p", "main", "-m", msg, "main^{tree}"))
	purgetest.Git(tr.t, tr.dir, "update-ref", "refs/heads/main", h)
	return h
}

func TestRewrite(t *testing.T) {
	tr := newTestRepo(t)
	c1 := tr.commit("begin", "themes/a.md", "a\n")
	c2 := tr.commit("over Lotte", "portraits/lotte.md", "geheim\n")                          // only erased: dropped
	c3 := tr.commit("b erbij", "themes/b.md", "b\n")                                         // tree changes: rewritten
	c4 := tr.emptyCommit("leeg")                                                             // empty from the start: kept
	c5 := tr.commit("Lotte en a", "portraits/lotte.md", "geheimer\n", "themes/a.md", "a2\n") // both: rewritten, message scrubbed
	c6 := tr.commit("weg", "portraits/lotte.md", "")                                         // only erased: dropped
	c7 := tr.commit("c erbij", "themes/c.md", "c\n")

	r := openRepo(tr.dir)
	defer r.close()
	tm := &terms{}
	tm.add("lotte")
	rw := newRewriter(r, newPathSet([]string{"portraits/lotte.md"}), tm.scrub)
	head, err := rw.history(plumbing.NewHash(c7))
	if err != nil {
		t.Fatal(err)
	}
	m := func(c string) plumbing.Hash { return rw.commits[plumbing.NewHash(c)] }
	if m(c1).String() != c1 {
		t.Error("a commit before the erased page must keep its hash")
	}
	if m(c2) != m(c1) || m(c6) != m(c5) {
		t.Error("commits that only touched the erased page must be dropped")
	}
	if m(c3).String() == c3 || m(c4).String() == c4 {
		t.Error("commits after the erased page must be rewritten")
	}
	if rw.stats.dropped != 2 || rw.stats.messages != 1 {
		t.Errorf("stats %+v", rw.stats)
	}
	var msgs []string
	for h := head; !h.IsZero(); {
		c, err := r.commit(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := r.lookup(c.TreeHash, "portraits/lotte.md"); ok {
			t.Errorf("commit %s still has the erased page", h)
		}
		msgs = append(msgs, strings.TrimSpace(c.Message))
		if len(c.ParentHashes) == 0 {
			break
		}
		h = c.ParentHashes[0]
	}
	want := "c erbij|" + NeutralMessage + "|leeg|b erbij|begin"
	if got := strings.Join(msgs, "|"); got != want {
		t.Errorf("messages %s, want %s", got, want)
	}
	c, _ := r.commit(m(c5))
	if c.Author.Name != "Anna" || c.Author.When.Unix() != 1_800_000_000+4*60 {
		t.Errorf("a rewritten commit must keep its author and date: %+v", c.Author)
	}
}

// lookup finds a path in a tree, for tests.
func (r *repo) lookup(tree plumbing.Hash, path string) (tentry, bool, error) {
	cur := tree
	for {
		seg, rest, more := strings.Cut(path, "/")
		ents, err := r.tree(cur)
		if err != nil {
			return tentry{}, false, err
		}
		found := false
		for _, e := range ents {
			if e.name == seg {
				if !more {
					return e, true, nil
				}
				cur, path, found = e.hash, rest, true
				break
			}
		}
		if !found {
			return tentry{}, false, nil
		}
	}
}
