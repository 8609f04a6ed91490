package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAfterGitGC: an admin runs git gc on the live repository (objects move
// into a pack, loose objects and the loose ref disappear). The open Store
// must keep reading, and its next save must move the now-packed branch.
func TestAfterGitGC(t *testing.T) {
	s := testStore(t)
	r1 := save(t, s, SaveRequest{Path: "themes/a.md", Content: []byte("een\n")})
	save(t, s, SaveRequest{Path: "themes/b.md", Content: []byte("b\n")})
	// A commit on another branch, made by a git client, readable by hash prefix.
	work := filepath.Join(t.TempDir(), "work")
	gitCLI(t, ".", "clone", "-q", s.Dir(), work)
	os.WriteFile(filepath.Join(work, "themes", "a.md"), []byte("zijtak\n"), 0o644)
	gitCLI(t, work, "-c", "user.name=X", "-c", "user.email=x@x", "commit", "-q", "-am", "zijtak")
	gitCLI(t, work, "push", "-q", "origin", "HEAD:refs/heads/zijtak")
	side := strings.TrimSpace(gitCLI(t, work, "rev-parse", "HEAD"))

	gitCLI(t, s.Dir(), "gc", "-q", "--prune=now")
	if _, err := os.Stat(filepath.Join(s.Dir(), "refs", "heads", "main")); !os.IsNotExist(err) {
		t.Fatalf("expected git gc to pack the ref: %v", err)
	}

	f := read(t, s, "themes/a.md")
	if string(f.Content) != "een\n" {
		t.Errorf("read after gc = %q", f.Content)
	}
	if f, err := s.Read("themes/a.md", side[:9]); err != nil || string(f.Content) != "zijtak\n" {
		t.Errorf("read side branch commit = %q, %v", f.Content, err)
	}
	r2 := save(t, s, SaveRequest{Path: "themes/a.md", Content: []byte("twee\n"), Base: r1.Blob})
	if got := strings.TrimSpace(gitCLI(t, s.Dir(), "rev-parse", "main")); got != r2.Commit {
		t.Errorf("git sees main at %s, want %s", got, r2.Commit)
	}
	if h, err := s.History("themes/a.md"); err != nil || len(h) != 2 {
		t.Errorf("history after gc = %+v, %v", h, err)
	}
	// A fresh Store on the packed repository rebuilds its index from packs.
	os.Remove(historyFile(s.Dir()))
	s2, err := Open(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if h, err := s2.History("themes/a.md"); err != nil || len(h) != 2 {
		t.Errorf("rebuilt history after gc = %+v, %v", h, err)
	}
	fsck(t, s.Dir())
}

func TestLRU(t *testing.T) {
	c := newLRU[string, []int](5, func(v []int) int { return len(v) })
	c.put("a", []int{1, 2})
	c.put("b", []int{1, 2})
	c.get("a") // a is now the most recent
	c.put("c", []int{1, 2})
	if _, ok := c.get("b"); ok {
		t.Error("b should have been evicted")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.get(k); !ok {
			t.Errorf("%s evicted", k)
		}
	}
	c.put("huge", make([]int, 100)) // bigger than the cache: kept alone
	if _, ok := c.get("huge"); !ok || c.ll.Len() != 1 {
		t.Errorf("huge entry: len %d", c.ll.Len())
	}
}
