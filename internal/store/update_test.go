package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestUpdateOneCommit(t *testing.T) {
	s := testStore(t)
	c0 := put(t, s, anne, "themes/a.md", "a", "themes/b.md", "b", "portraits/sam.md", "sam")
	c1, err := s.Update(bram, "Opruimen", func(tx *Tx) error {
		if tx.Head() != c0.Hash {
			t.Errorf("tx.Head = %s, want %s", tx.Head(), c0.Hash)
		}
		if err := tx.Put("themes/a.md", []byte("A")); err != nil {
			return err
		}
		if err := tx.Delete("themes/b.md"); err != nil {
			return err
		}
		return tx.Put("frames/nieuw.md", []byte("n"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c1.Parents, []string{c0.Hash}) || c1.Message != "Opruimen" || c1.Author.Name != bram.Name {
		t.Errorf("commit = %+v", c1)
	}
	log, err := s.Log(0)
	if err != nil || len(log) != 2 || log[0].Hash != c1.Hash || log[1].Hash != c0.Hash {
		t.Fatalf("log = %+v, %v", log, err)
	}
	got := snap(t, s)
	want := map[string]string{"themes/a.md": "A", "portraits/sam.md": "sam", "frames/nieuw.md": "n"}
	if !reflect.DeepEqual(got.files, want) {
		t.Errorf("files = %v", got.files)
	}
	ch, err := s.Changed(c1.Hash)
	if err != nil || !reflect.DeepEqual(ch, []string{"frames/nieuw.md", "themes/a.md", "themes/b.md"}) {
		t.Errorf("Changed = %v, %v", ch, err)
	}
	ch, err = s.Changed(c0.Hash[:8])
	if err != nil || !reflect.DeepEqual(ch, []string{"portraits/sam.md", "themes/a.md", "themes/b.md"}) {
		t.Errorf("Changed(first) = %v, %v", ch, err)
	}
	fsck(t, s.Dir())
}

func TestUpdateNoChange(t *testing.T) {
	s := testStore(t)
	_, err := s.Update(anne, "", func(tx *Tx) error { return nil })
	wantErr(t, err, ErrNoChange)
	if h := head(t, s); h != "" {
		t.Fatalf("empty repo got head %s", h)
	}
	put(t, s, anne, "a.md", "a")
	before := snap(t, s)
	for name, fn := range map[string]func(tx *Tx) error{
		"nothing":        func(tx *Tx) error { return nil },
		"same content":   func(tx *Tx) error { return tx.Put("a.md", []byte("a")) },
		"put and delete": func(tx *Tx) error { tx.Put("b.md", []byte("b")); return tx.Delete("b.md") },
		"change back":    func(tx *Tx) error { tx.Put("a.md", []byte("x")); return tx.Put("a.md", []byte("a")) },
		"move and back":  func(tx *Tx) error { tx.Move("a.md", "b.md"); return tx.Move("b.md", "a.md") },
	} {
		_, err := s.Update(anne, "", fn)
		if !errors.Is(err, ErrNoChange) {
			t.Errorf("%s: err = %v, want ErrNoChange", name, err)
		}
	}
	unchanged(t, s, before)
}

func TestUpdateFnErrorCommitsNothing(t *testing.T) {
	s := testStore(t)
	put(t, s, anne, "a.md", "a")
	before := snap(t, s)
	boom := errors.New("boom")
	_, err := s.Update(anne, "", func(tx *Tx) error {
		tx.Put("a.md", []byte("changed"))
		tx.Put("b.md", []byte("new"))
		return boom
	})
	if err != boom {
		t.Fatalf("err = %v, want fn's error as is", err)
	}
	unchanged(t, s, before)
}

func TestTx(t *testing.T) {
	s := testStore(t)
	put(t, s, anne, "media/sam/foto.jpg", "jpg", "media/sam/sub/x.txt", "x", "themes/a.md", "a")
	before := snap(t, s)
	errStop := errors.New("stop")
	_, err := s.Update(anne, "", func(tx *Tx) error {
		if err := tx.Put("themes/b.md", []byte("b")); err != nil {
			return err
		}
		if got, err := tx.Read("themes/b.md"); err != nil || string(got) != "b" {
			t.Errorf("tx.Read staged = %q, %v", got, err)
		}
		if _, err := tx.Read("themes/none.md"); !errors.Is(err, ErrNotFound) {
			t.Errorf("tx.Read missing: %v", err)
		}
		if err := tx.Delete("themes/none.md"); !errors.Is(err, ErrNotFound) {
			t.Errorf("tx.Delete missing: %v", err)
		}
		if err := tx.Move("themes/none.md", "themes/x.md"); !errors.Is(err, ErrNotFound) {
			t.Errorf("tx.Move missing: %v", err)
		}
		if err := tx.Move("themes/a.md", "themes/b.md"); !errors.Is(err, ErrExists) {
			t.Errorf("tx.Move onto a file: %v", err)
		}
		if err := tx.Move("media/sam", "media/sam/sub/deeper"); !errors.Is(err, ErrInvalid) {
			t.Errorf("tx.Move into itself: %v", err)
		}
		if err := tx.Put("themes", []byte("x")); !errors.Is(err, ErrInvalid) {
			t.Errorf("tx.Put over a folder: %v", err)
		}
		if err := tx.Put("themes/a.md/x.md", []byte("x")); !errors.Is(err, ErrInvalid) {
			t.Errorf("tx.Put under a file: %v", err)
		}
		if err := tx.Move("themes/a.md", "themes/b.md/c.md"); !errors.Is(err, ErrInvalid) {
			t.Errorf("tx.Move under a file: %v", err)
		}
		for _, p := range []string{"", "/a.md", "a/../b.md", "a//b.md", "./a.md", ".git/config", "a/.GIT/x", "a\\b.md", "a/"} {
			if err := tx.Put(p, nil); !errors.Is(err, ErrInvalid) {
				t.Errorf("tx.Put(%q): %v", p, err)
			}
		}
		// Move a folder: everything under it moves, in one tree entry.
		if err := tx.Move("media/sam", "media/samira"); err != nil {
			return err
		}
		ls, err := tx.List("media/samira")
		if err != nil || len(ls) != 1 || ls[0].Path != "media/samira/foto.jpg" || ls[0].Size != 3 {
			t.Errorf("tx.List after move = %+v, %v", ls, err)
		}
		if ls, _ := tx.List("media/sam"); ls != nil {
			t.Errorf("old folder still lists %+v", ls)
		}
		var paths []string
		tx.Walk(func(e Entry) error { paths = append(paths, e.Path); return nil })
		want := []string{"media/samira/foto.jpg", "media/samira/sub/x.txt", "themes/a.md", "themes/b.md"}
		if !reflect.DeepEqual(paths, want) {
			t.Errorf("tx.Walk = %v, want %v", paths, want)
		}
		// A folder emptied by deletes is gone; a file may take its name.
		if err := tx.Delete("media/samira/sub/x.txt"); err != nil {
			return err
		}
		if err := tx.Put("media/samira/sub", []byte("now a file")); err != nil {
			t.Errorf("put over an emptied folder: %v", err)
		}
		return errStop
	})
	if err != errStop {
		t.Fatal(err)
	}
	unchanged(t, s, before)
}

func TestTxAfterUpdate(t *testing.T) {
	s := testStore(t)
	var kept *Tx
	put(t, s, anne, "a.md", "a")
	s.Update(anne, "", func(tx *Tx) error { kept = tx; return tx.Put("b.md", []byte("b")) })
	wantErr(t, kept.Put("c.md", []byte("c")), ErrClosed)
}

func TestMoveFolderCommit(t *testing.T) {
	s := testStore(t)
	put(t, s, anne, "media/sam/a.jpg", "1", "media/sam/b.jpg", "2", "media/sam/x/c.jpg", "3")
	c, err := s.Update(anne, "", func(tx *Tx) error { return tx.Move("media/sam", "media/samira") })
	if err != nil {
		t.Fatal(err)
	}
	if c.Message != "3 bestanden gewijzigd" {
		t.Errorf("message = %q", c.Message)
	}
	got := snap(t, s).files
	want := map[string]string{"media/samira/a.jpg": "1", "media/samira/b.jpg": "2", "media/samira/x/c.jpg": "3"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("files = %v", got)
	}
	fsck(t, s.Dir())
}

// TestTreeOrder writes names whose git order differs from plain order ("a.md",
// "a-b.md", "a" as a folder, "a0") in nested folders; git fsck must accept
// every tree, and reads and walks must find everything.
func TestTreeOrder(t *testing.T) {
	s := testStore(t)
	names := []string{"a.md", "a-b.md", "a/x.md", "a/b/c.md", "a0", "a_b.md", "a.b/z.md", "a-/y.md", "A.md", "bb", "ab/a.md", "ab.md"}
	var files []string
	for _, dir := range []string{"", "themes/", "themes/a/", "media/a-b/"} {
		for _, n := range names {
			files = append(files, dir+n, "content of "+dir+n)
		}
	}
	put(t, s, anne, files...)
	fsck(t, s.Dir())
	// Change a few deep ones so changed trees are rewritten and re-sorted.
	put(t, s, bram, "themes/a/a/b/c.md", "changed", "themes/a.md", "changed", "themes/a/a-/new.md", "new", "a-c.md", "new")
	fsck(t, s.Dir())
	_, err := s.Update(anne, "", func(tx *Tx) error {
		if err := tx.Delete("themes/a/a"); err != nil {
			return err
		}
		return tx.Move("media/a-b", "media/a")
	})
	if err != nil {
		t.Fatal(err)
	}
	fsck(t, s.Dir())
	var walked []string
	s.Walk("", func(e Entry) error { walked = append(walked, e.Path); return nil })
	for i := 1; i < len(walked); i++ {
		if walked[i-1] >= walked[i] {
			t.Errorf("walk not sorted at %q, %q", walked[i-1], walked[i])
		}
	}
	for _, p := range walked {
		f := read(t, s, p)
		if !strings.HasPrefix(string(f.Content), "content of ") && string(f.Content) != "changed" && string(f.Content) != "new" {
			t.Errorf("%s = %q", p, f.Content)
		}
	}
	// git ls-tree agrees on the file set.
	out := strings.Fields(gitCLI(t, s.Dir(), "ls-tree", "-r", "--name-only", "main"))
	if !reflect.DeepEqual(out, walked) {
		t.Errorf("git ls-tree = %v\nwalk = %v", out, walked)
	}
}

func TestGitCmp(t *testing.T) {
	type e struct {
		n string
		d bool
	}
	// The order git itself uses (checked against git ls-tree in TestTreeOrder).
	order := []e{{"a", false}, {"a-b", false}, {"a.md", false}, {"a", true}, {"a0", false}, {"ab", true}, {"bb", false}}
	for i := range order {
		for j := range order {
			got := gitCmp(order[i].n, order[i].d, order[j].n, order[j].d)
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got != want {
				t.Errorf("gitCmp(%v, %v) = %d, want %d", order[i], order[j], got, want)
			}
		}
	}
}

func TestDeleteEverything(t *testing.T) {
	s := testStore(t)
	put(t, s, anne, "a.md", "a", "x/b.md", "b")
	_, err := s.Update(anne, "", func(tx *Tx) error {
		tx.Delete("a.md")
		return tx.Delete("x")
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(snap(t, s).files) != 0 {
		t.Error("files left")
	}
	ls, err := s.List("", "")
	if err != nil || ls != nil {
		t.Errorf("List of empty tree = %v, %v", ls, err)
	}
	fsck(t, s.Dir())
	put(t, s, anne, "c.md", "c")
	fsck(t, s.Dir())
}

func TestDefaultMessages(t *testing.T) {
	s := testStore(t)
	for _, tc := range []struct {
		fn   func(tx *Tx) error
		want string
	}{
		{func(tx *Tx) error { return tx.Put("themes/schaamte.md", []byte("x")) }, "Nieuwe pagina themes/schaamte.md"},
		{func(tx *Tx) error { return tx.Put("media/sam/a.jpg", []byte("x")) }, "Nieuw bestand media/sam/a.jpg"},
		{func(tx *Tx) error { return tx.Put("themes/schaamte.md", []byte("y")) }, "themes/schaamte.md bijgewerkt"},
		{func(tx *Tx) error { return tx.Move("themes/schaamte.md", "themes/schaamte-2.md") }, "themes/schaamte.md hernoemd naar themes/schaamte-2.md"},
		{func(tx *Tx) error { return tx.Delete("themes/schaamte-2.md") }, "themes/schaamte-2.md verwijderd"},
	} {
		c, err := s.Update(anne, "", tc.fn)
		if err != nil {
			t.Fatal(err)
		}
		if c.Message != tc.want {
			t.Errorf("message = %q, want %q", c.Message, tc.want)
		}
	}
}

func ExampleStore_Update() {
	dir, _ := os.MkdirTemp("", "store-example-*")
	defer os.RemoveAll(dir)
	s, _ := Init(filepath.Join(dir, "repo.git"))
	defer s.Close()
	c, err := s.Update(Author{Name: "Anne", Email: "anne@school.nl"}, "Twee thema's", func(tx *Tx) error {
		if err := tx.Put("themes/schaamte.md", []byte("# Schaamte\n")); err != nil {
			return err
		}
		return tx.Put("themes/veiligheid.md", []byte("# Veiligheid\n"))
	})
	fmt.Println(c.Message, err)
	// Output: Twee thema's <nil>
}
