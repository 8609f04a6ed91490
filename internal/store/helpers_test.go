package store

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var (
	anne = Author{Name: "Anne de Vries", Email: "anne@school.nl"}
	bram = Author{Name: "Bram Jansen", Email: "bram@school.nl"}
)

func at(a Author, unix int64) Author {
	a.When = time.Unix(unix, 0).In(time.FixedZone("CET", 3600))
	return a
}

func testStore(t testing.TB) *Store {
	t.Helper()
	s, err := Init(filepath.Join(t.TempDir(), "repo.git"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// put commits files in one Update; it fails the test on error.
func put(t testing.TB, s *Store, a Author, files ...string) Commit {
	t.Helper()
	c, err := s.Update(a, "", func(tx *Tx) error {
		for i := 0; i+1 < len(files); i += 2 {
			if err := tx.Put(files[i], []byte(files[i+1])); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func save(t testing.TB, s *Store, req SaveRequest) SaveResult {
	t.Helper()
	if req.Author.Name == "" {
		req.Author = anne
	}
	r, err := s.Save(req)
	if err != nil {
		t.Fatalf("save %s: %v", req.Path, err)
	}
	return r
}

func read(t testing.TB, s *Store, path string) File {
	t.Helper()
	f, err := s.Read(path, "")
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return f
}

func head(t testing.TB, s *Store) string {
	t.Helper()
	h, err := s.Head()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// snapshot is the whole visible state of a repository: head and every file.
type snapshot struct {
	head  string
	files map[string]string
}

func snap(t testing.TB, s *Store) snapshot {
	t.Helper()
	sn := snapshot{head: head(t, s), files: map[string]string{}}
	err := s.Walk("", func(e Entry) error {
		f, err := s.Read(e.Path, "")
		sn.files[e.Path] = string(f.Content)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return sn
}

// unchanged asserts that a failed operation left the repository as it was.
func unchanged(t testing.TB, s *Store, before snapshot) {
	t.Helper()
	after := snap(t, s)
	if after.head != before.head {
		t.Errorf("head moved from %s to %s", before.head, after.head)
	}
	if len(after.files) != len(before.files) {
		t.Errorf("files changed: %d before, %d after", len(before.files), len(after.files))
	}
	for p, c := range before.files {
		if after.files[p] != c {
			t.Errorf("%s changed: %q -> %q", p, c, after.files[p])
		}
	}
}

func wantErr(t testing.TB, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("error = %v, want %v", err, target)
	}
}

func wantConflict(t testing.TB, err error, reason string) *ConflictError {
	t.Helper()
	var ce *ConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("error = %v, want a *ConflictError", err)
	}
	if ce.Reason != reason {
		t.Fatalf("conflict reason = %q, want %q", ce.Reason, reason)
	}
	return ce
}

// git runs the real git CLI on the bare repository; skip if it is absent.
func gitCLI(t testing.TB, dir string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is not on PATH; install it (apt-get install git; .ci/run does)")
	}
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(cmd.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// fsck runs git fsck --full --strict; only this check is skipped without git.
func fsck(t testing.TB, dir string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Log("git not on PATH: fsck skipped")
		return
	}
	cmd := exec.Command("git", "-C", dir, "fsck", "--full", "--strict", "--no-dangling")
	out, err := cmd.CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Fatalf("git fsck: %v\n%s", err, out)
	}
}
