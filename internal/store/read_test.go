package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	s := testStore(t)
	_, err := s.Read("themes/a.md", "")
	wantErr(t, err, ErrNotFound) // empty repository

	c1 := put(t, s, anne, "themes/a.md", "een")
	c2 := put(t, s, anne, "themes/a.md", "twee", "themes/b.md", "b")

	f := read(t, s, "themes/a.md")
	if string(f.Content) != "twee" || f.Commit != c2.Hash || f.Path != "themes/a.md" {
		t.Errorf("read head = %+v", f)
	}
	if want := strings.TrimSpace(gitCLI(t, s.Dir(), "rev-parse", "main:themes/a.md")); f.Blob != want {
		t.Errorf("blob = %s, git says %s", f.Blob, want)
	}
	for _, rev := range []string{c1.Hash, c1.Hash[:4], c1.Hash[:7], strings.ToUpper(c1.Hash[:10])} {
		old, err := s.Read("themes/a.md", rev)
		if err != nil || string(old.Content) != "een" || old.Commit != c1.Hash {
			t.Errorf("read at %s = %+v, %v", rev, old, err)
		}
	}
	data, err := s.ReadBlob(f.Blob)
	if err != nil || string(data) != "twee" {
		t.Errorf("ReadBlob = %q, %v", data, err)
	}

	before := snap(t, s)
	_, err = s.Read("themes/b.md", c1.Hash) // not there yet
	wantErr(t, err, ErrNotFound)
	_, err = s.Read("themes/none.md", "")
	wantErr(t, err, ErrNotFound)
	_, err = s.Read("themes", "") // a folder is not a file
	wantErr(t, err, ErrNotFound)
	_, err = s.Read("themes/a.md/x", "")
	wantErr(t, err, ErrNotFound)
	_, err = s.Read("themes/a.md", "0000000000000000000000000000000000000000")
	wantErr(t, err, ErrNotFound)
	_, err = s.Read("themes/a.md", f.Blob) // a blob is not a commit
	wantErr(t, err, ErrNotFound)
	for _, bad := range []string{"abc", "xyz1", "main", "HEAD", strings.Repeat("a", 41)} {
		_, err = s.Read("themes/a.md", bad)
		wantErr(t, err, ErrInvalid)
	}
	_, err = s.Read("../etc/passwd", "")
	wantErr(t, err, ErrInvalid)
	_, err = s.ReadBlob("0000000000000000000000000000000000000000")
	wantErr(t, err, ErrNotFound)
	_, err = s.ReadBlob(c2.Hash) // a commit is not a blob
	wantErr(t, err, ErrNotFound)
	_, err = s.ReadBlob("nope")
	wantErr(t, err, ErrInvalid)
	unchanged(t, s, before)
}

func TestListWalk(t *testing.T) {
	s := testStore(t)
	if ls, err := s.List("themes", ""); ls != nil || err != nil {
		t.Errorf("List in empty repo = %v, %v", ls, err)
	}
	if err := s.Walk("", func(Entry) error { t.Error("walked an empty repo"); return nil }); err != nil {
		t.Error(err)
	}
	c1 := put(t, s, anne, "themes/b.md", "bb", "themes/a.md", "a", "themes/sub/c.md", "c", "top.md", "top")
	put(t, s, anne, "themes/d.md", "dddd")

	ls, err := s.List("themes", "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ls {
		got = append(got, e.Path)
		if e.Size != int64(len(read(t, s, e.Path).Content)) || e.Blob != read(t, s, e.Path).Blob {
			t.Errorf("entry %+v", e)
		}
	}
	if !reflect.DeepEqual(got, []string{"themes/a.md", "themes/b.md", "themes/d.md"}) {
		t.Errorf("List = %v", got)
	}
	ls, _ = s.List("themes/", c1.Hash)
	if len(ls) != 2 {
		t.Errorf("List at first commit = %+v", ls)
	}
	ls, _ = s.List("", "")
	if len(ls) != 1 || ls[0].Path != "top.md" {
		t.Errorf("List root = %+v", ls)
	}
	for _, dir := range []string{"nothing", "top.md", "themes/sub/none"} {
		if ls, err := s.List(dir, ""); ls != nil || err != nil {
			t.Errorf("List(%q) = %v, %v", dir, ls, err)
		}
	}
	_, err = s.List("../x", "")
	wantErr(t, err, ErrInvalid)
	_, err = s.List("themes", "deadbeef")
	wantErr(t, err, ErrNotFound)

	got = nil
	err = s.Walk("", func(e Entry) error { got = append(got, e.Path); return nil })
	if err != nil || !reflect.DeepEqual(got, []string{"themes/a.md", "themes/b.md", "themes/d.md", "themes/sub/c.md", "top.md"}) {
		t.Errorf("Walk = %v, %v", got, err)
	}
	stop := errors.New("stop")
	n := 0
	err = s.Walk(c1.Hash, func(e Entry) error {
		n++
		// fn runs without the lock: calling the store must not deadlock.
		if _, err := s.Read(e.Path, ""); err != nil {
			return err
		}
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("Walk stop = %v after %d", err, n)
	}
}
