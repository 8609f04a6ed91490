package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInitOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws.git")
	s, err := Init(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Dir() != dir {
		t.Errorf("Dir = %q", s.Dir())
	}
	if h := head(t, s); h != "" {
		t.Errorf("head of an empty repo = %q, want \"\"", h)
	}
	if got := strings.TrimSpace(gitCLI(t, dir, "rev-parse", "--is-bare-repository")); got != "true" {
		t.Errorf("bare = %q", got)
	}
	if got := strings.TrimSpace(gitCLI(t, dir, "symbolic-ref", "HEAD")); got != "refs/heads/main" {
		t.Errorf("HEAD -> %q", got)
	}
	c := put(t, s, anne, "themes/schaamte.md", "# Schaamte\n")
	if len(c.Parents) != 0 {
		t.Errorf("first commit has parents %v", c.Parents)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = s.Read("themes/schaamte.md", "")
	wantErr(t, err, ErrClosed)

	_, err = Init(dir)
	wantErr(t, err, ErrExists)

	s2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if h := head(t, s2); h != c.Hash {
		t.Errorf("head after reopen = %s, want %s", h, c.Hash)
	}
	if got := read(t, s2, "themes/schaamte.md"); string(got.Content) != "# Schaamte\n" || got.Commit != c.Hash {
		t.Errorf("read after reopen = %+v", got)
	}
}

func TestOpenNotRepo(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(filepath.Join(dir, "missing"))
	wantErr(t, err, ErrNotRepo)
	_, err = Open(dir)
	wantErr(t, err, ErrNotRepo)
	if err := os.WriteFile(filepath.Join(dir, "HEAD"), []byte("nonsense"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir)
	wantErr(t, err, ErrNotRepo)
}

func TestInitExistingNonBare(t *testing.T) {
	dir := t.TempDir()
	gitCLI(t, dir, "init", "-q")
	_, err := Init(dir)
	wantErr(t, err, ErrExists)
}

// TestGitInterop checks that the real git CLI reads what we wrote, with the
// right author, committer and message.
func TestGitInterop(t *testing.T) {
	s := testStore(t)
	save(t, s, SaveRequest{Path: "themes/schaamte.md", Content: []byte("# Schaamte\n"), Author: at(anne, 1_790_000_000)})
	f := read(t, s, "themes/schaamte.md")
	save(t, s, SaveRequest{Path: "themes/schaamte.md", Content: []byte("# Schaamte\n\nMeer.\n"), Base: f.Blob, Author: at(bram, 1_790_000_100)})

	log := gitCLI(t, s.Dir(), "log", "--format=%an <%ae>|%cn <%ce>|%at|%s", "main")
	want := "Bram Jansen <bram@school.nl>|Bram Jansen <bram@school.nl>|1790000100|themes/schaamte.md bijgewerkt\n" +
		"Anne de Vries <anne@school.nl>|Anne de Vries <anne@school.nl>|1790000000|Nieuwe pagina themes/schaamte.md\n"
	if log != want {
		t.Errorf("git log =\n%s\nwant\n%s", log, want)
	}
	if got := gitCLI(t, s.Dir(), "cat-file", "-p", "main:themes/schaamte.md"); got != "# Schaamte\n\nMeer.\n" {
		t.Errorf("cat-file = %q", got)
	}
	if got := gitCLI(t, s.Dir(), "log", "-1", "--format=%ad", "--date=iso", "main"); !strings.Contains(got, "+0100") {
		t.Errorf("time zone lost: %q", got)
	}
	fsck(t, s.Dir())
}

func TestAuthorValidation(t *testing.T) {
	s := testStore(t)
	put(t, s, anne, "a.md", "a")
	before := snap(t, s)
	for _, a := range []Author{{}, {Name: "  "}, {Name: "x<y", Email: "e"}, {Name: "x", Email: "a>b"}, {Name: "x\ny"}} {
		_, err := s.Update(a, "", func(tx *Tx) error { return tx.Put("b.md", []byte("b")) })
		wantErr(t, err, ErrInvalid)
	}
	unchanged(t, s, before)
}
