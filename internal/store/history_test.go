package store

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// revs renders a history compactly: "op path [old->new] message".
func revs(t testing.TB, s *Store, path string) []string {
	t.Helper()
	h, err := s.History(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range h {
		line := r.Op + " " + r.Path
		if r.OldPath != "" {
			line += " [" + r.OldPath + "->" + r.NewPath + "]"
		}
		out = append(out, line+" | "+r.Message)
		// Every revision's blob is what the page held at that commit.
		f, err := s.Read(r.Path, r.Commit)
		switch {
		case r.Blob == "" && err == nil:
			t.Errorf("%s at %s: history says gone, read finds %q", r.Path, r.Commit[:7], f.Content)
		case r.Blob != "" && (err != nil || f.Blob != r.Blob):
			t.Errorf("%s at %s: history blob %s, read %s %v", r.Path, r.Commit[:7], r.Blob, f.Blob, err)
		}
	}
	return out
}

func buildHistory(t testing.TB, s *Store) {
	t.Helper()
	r1 := save(t, s, SaveRequest{Path: "portraits/a.md", Content: []byte("een\n"), Author: at(anne, 1_790_000_000)})
	save(t, s, SaveRequest{Path: "themes/t.md", Content: []byte("thema\n"), Author: bram})
	r2 := save(t, s, SaveRequest{Path: "portraits/a.md", Content: []byte("twee\n"), Base: r1.Blob, Author: bram})
	if _, err := s.Rename(RenameRequest{From: "portraits/a.md", To: "portraits/b.md", Author: anne}); err != nil {
		t.Fatal(err)
	}
	r3 := save(t, s, SaveRequest{Path: "portraits/b.md", Content: []byte("drie\n"), Base: r2.Blob, Author: anne})
	if _, err := s.Delete("portraits/b.md", r3.Blob, bram, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Restore("portraits/b.md", r3.Commit, anne, ""); err != nil {
		t.Fatal(err)
	}
}

func TestHistory(t *testing.T) {
	s := testStore(t)
	buildHistory(t, s)
	got := revs(t, s, "portraits/b.md")
	log, _ := s.Log(0)
	want := []string{
		"nieuw portraits/b.md | portraits/b.md teruggezet naar versie " + log[2].Hash[:7],
		"verwijderd portraits/b.md | portraits/b.md verwijderd",
		"gewijzigd portraits/b.md | portraits/b.md bijgewerkt",
		"hernoemd portraits/b.md [portraits/a.md->portraits/b.md] | portraits/a.md hernoemd naar portraits/b.md",
		"gewijzigd portraits/a.md | portraits/a.md bijgewerkt",
		"nieuw portraits/a.md | Nieuwe pagina portraits/a.md",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("history b =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	got = revs(t, s, "portraits/a.md")
	want = []string{
		"hernoemd portraits/a.md [portraits/a.md->portraits/b.md] | portraits/a.md hernoemd naar portraits/b.md",
		"gewijzigd portraits/a.md | portraits/a.md bijgewerkt",
		"nieuw portraits/a.md | Nieuwe pagina portraits/a.md",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("history a =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	h, _ := s.History("portraits/a.md")
	first := h[len(h)-1]
	if first.Author.Name != anne.Name || first.Author.Email != anne.Email || first.Author.When.Unix() != 1_790_000_000 {
		t.Errorf("author = %+v", first.Author)
	}
	if _, off := first.Author.When.Zone(); off != 3600 {
		t.Errorf("zone offset = %d", off)
	}
	if h, err := s.History("themes/none.md"); err != nil || h != nil {
		t.Errorf("history of unknown page = %v, %v", h, err)
	}
	if _, err := s.History("../x"); err == nil {
		t.Error("bad path accepted")
	}
	if l, _ := s.Log(3); len(l) != 3 || l[0].Hash != head(t, s) {
		t.Errorf("Log(3) = %+v", l)
	}
}

// TestHistoryFollowsSwap renames a to b and back: each rename is followed once.
func TestHistoryFollowsSwap(t *testing.T) {
	s := testStore(t)
	put(t, s, anne, "a.md", "x")
	s.Rename(RenameRequest{From: "a.md", To: "b.md", Author: anne})
	s.Rename(RenameRequest{From: "b.md", To: "a.md", Author: anne})
	got := revs(t, s, "a.md")
	want := []string{
		"hernoemd a.md [b.md->a.md] | b.md hernoemd naar a.md",
		"hernoemd b.md [a.md->b.md] | a.md hernoemd naar b.md",
		"nieuw a.md | Nieuwe pagina a.md",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("history =\n%s", strings.Join(got, "\n"))
	}
}

func allHistories(t testing.TB, s *Store) map[string][]Revision {
	t.Helper()
	out := map[string][]Revision{}
	for _, p := range []string{"portraits/a.md", "portraits/b.md", "themes/t.md", "x.md"} {
		h, err := s.History(p)
		if err != nil {
			t.Fatal(err)
		}
		for i := range h { // compare instants, not *time.Location pointers
			h[i].Author.When = h[i].Author.When.UTC()
		}
		out[p] = h
	}
	return out
}

func TestHistoryRebuild(t *testing.T) {
	s := testStore(t)
	buildHistory(t, s)
	file := historyFile(s.Dir())
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	wantHist := allHistories(t, s)
	dir := s.Dir()
	s.Close()

	check := func(name string, s *Store) {
		t.Helper()
		if got, _ := os.ReadFile(file); string(got) != string(want) {
			t.Errorf("%s: index file differs:\n%s\nwant\n%s", name, got, want)
		}
		if got := allHistories(t, s); !reflect.DeepEqual(got, wantHist) {
			t.Errorf("%s: histories differ", name)
		}
	}
	reopen := func(name string) {
		t.Helper()
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		check(name, s)
		s.Close()
	}
	reopen("reopen")

	os.Remove(file)
	reopen("deleted")

	os.WriteFile(file, []byte("garbage\n"), 0o644)
	reopen("wrong header")

	lines := strings.SplitAfter(string(want), "\n")
	os.WriteFile(file, []byte(strings.Join(lines[:len(lines)-3], "")+"{broken json\n"), 0o644)
	reopen("truncated + junk")

	// A record of a commit that is not on the branch (and duplicates) is dropped.
	foreign := strings.Replace(lines[2], lines[2][6:46], strings.Repeat("f", 40), 1)
	os.WriteFile(file, []byte(string(want)+foreign+lines[1]), 0o644)
	reopen("foreign record")

	os.Remove(file)
	os.MkdirAll(file, 0o755) // unreadable as a file
	if s, err := Open(dir); err != nil {
		t.Errorf("open with an unwritable index: %v", err)
	} else {
		if got := allHistories(t, s); !reflect.DeepEqual(got, wantHist) {
			t.Errorf("unwritable index: histories differ")
		}
		s.Close()
	}
	os.RemoveAll(file)

	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.RebuildHistory(); err != nil {
		t.Fatal(err)
	}
	check("RebuildHistory", s)
}

// TestHistoryOtherInstance: a second Store on the same repository (as another
// process would) commits; the first sees it in History, Log and Read, and its
// own next commit builds on it.
func TestHistoryOtherInstance(t *testing.T) {
	s1 := testStore(t)
	r1 := save(t, s1, SaveRequest{Path: "x.md", Content: []byte("1\n")})
	s2, err := Open(s1.Dir())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	r2 := save(t, s2, SaveRequest{Path: "x.md", Content: []byte("2\n"), Base: r1.Blob, Author: bram})
	if got := revs(t, s1, "x.md"); len(got) != 2 || !strings.HasPrefix(got[0], "gewijzigd x.md") {
		t.Errorf("s1 history = %v", got)
	}
	if f := read(t, s1, "x.md"); string(f.Content) != "2\n" {
		t.Errorf("s1 reads %q", f.Content)
	}
	// s1 commits on top without having looked first.
	r3 := save(t, s1, SaveRequest{Path: "x.md", Content: []byte("3\n"), Base: r2.Blob})
	save(t, s2, SaveRequest{Path: "y.md", Content: []byte("y\n")})
	save(t, s1, SaveRequest{Path: "x.md", Content: []byte("4\n"), Base: r3.Blob})
	for _, s := range []*Store{s1, s2} {
		log, err := s.Log(0)
		if err != nil || len(log) != 5 {
			t.Fatalf("log has %d commits, %v", len(log), err)
		}
		if got := revs(t, s, "x.md"); len(got) != 4 {
			t.Errorf("history = %v", got)
		}
	}
	want := allHistories(t, s1)
	s3, err := Open(s1.Dir())
	if err != nil {
		t.Fatal(err)
	}
	defer s3.Close()
	if got := allHistories(t, s3); !reflect.DeepEqual(got, want) {
		t.Errorf("reopened history differs")
	}
	fsck(t, s1.Dir())
}

// TestHistoryGitCLI: commits pushed by a real git client are picked up, and a
// force-push that moves the branch back drops the records it removed.
func TestHistoryGitCLI(t *testing.T) {
	s := testStore(t)
	r1 := save(t, s, SaveRequest{Path: "themes/t.md", Content: []byte("1\n")})
	work := filepath.Join(t.TempDir(), "work")
	gitCLI(t, ".", "clone", "-q", s.Dir(), work)
	if err := os.WriteFile(filepath.Join(work, "themes", "t.md"), []byte("van git\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gitCLI(t, work, "-c", "user.name=Git Gebruiker", "-c", "user.email=git@school.nl", "commit", "-q", "-am", "Via git")
	gitCLI(t, work, "push", "-q", "origin", "HEAD:main")

	h, err := s.History("themes/t.md")
	if err != nil || len(h) != 2 || h[0].Author.Name != "Git Gebruiker" || h[0].Message != "Via git" || h[0].Op != OpChanged {
		t.Fatalf("history after push = %+v, %v", h, err)
	}
	r2 := save(t, s, SaveRequest{Path: "themes/t.md", Content: []byte("2\n"), Base: h[0].Blob})
	if r2.Merged {
		t.Errorf("save on top of a pushed commit merged: %+v", r2)
	}
	gitCLI(t, work, "push", "-q", "--force", "origin", r1.Commit+":refs/heads/main")
	h, err = s.History("themes/t.md")
	if err != nil || len(h) != 1 || h[0].Commit != r1.Commit {
		t.Fatalf("history after force-push = %+v, %v", h, err)
	}
	if l, _ := s.Log(0); len(l) != 1 {
		t.Errorf("log after force-push has %d commits", len(l))
	}
	save(t, s, SaveRequest{Path: "themes/t.md", Content: []byte("3\n"), Base: r1.Blob})
	if got := revs(t, s, "themes/t.md"); len(got) != 2 {
		t.Errorf("history = %v", got)
	}
	fsck(t, s.Dir())
}

func TestDiff(t *testing.T) {
	s := testStore(t)
	r1 := save(t, s, SaveRequest{Path: "a.md", Content: []byte("een\ntwee\n")})
	r2 := save(t, s, SaveRequest{Path: "a.md", Content: []byte("een\n2\n"), Base: r1.Blob})
	d, err := s.Diff("a.md", r1.Commit, r2.Commit)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d, "--- a/a.md\n+++ b/a.md\n") || !strings.Contains(d, "-twee\n+2\n") {
		t.Errorf("diff =\n%s", d)
	}
	if d, _ := s.Diff("a.md", r2.Commit, ""); d != "" {
		t.Errorf("diff with itself = %q", d)
	}
	r3 := save(t, s, SaveRequest{Path: "b.md", Content: []byte("nieuw\n")})
	if d, _ := s.Diff("b.md", r2.Commit, r3.Commit[:6]); !strings.Contains(d, "+nieuw\n") {
		t.Errorf("diff of a new page =\n%s", d)
	}
	if d, _ := s.Diff("b.md", r3.Commit, r1.Commit); !strings.Contains(d, "-nieuw\n") {
		t.Errorf("diff of a removed page =\n%s", d)
	}
	_, err = s.Diff("a.md", "ffffffff", "")
	wantErr(t, err, ErrNotFound)
	_, err = s.Diff("a.md", "zz", "")
	wantErr(t, err, ErrInvalid)
}
