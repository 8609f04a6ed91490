package store

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestRename(t *testing.T) {
	s := testStore(t)
	put(t, s, anne,
		"portraits/a.md", "# A\n",
		"media/a/foto.jpg", "jpg",
		"cases/c.md", "zie [[portraits/a]]\n",
		"themes/t.md", "geen link\n",
		"media/x.md", "zie [[portraits/a]] (geen pagina: media)\n")
	rewrite := func(p string, content []byte) ([]byte, bool) {
		out := bytes.ReplaceAll(content, []byte("[[portraits/a]]"), []byte("[[portraits/b]]"))
		return out, !bytes.Equal(out, content)
	}
	var seen []string
	c, err := s.Rename(RenameRequest{From: "portraits/a.md", To: "portraits/b.md",
		Also:    [][2]string{{"media/a", "media/b"}, {"media/none", "media/none2"}},
		Rewrite: func(p string, c []byte) ([]byte, bool) { seen = append(seen, p); return rewrite(p, c) },
		Author:  bram})
	if err != nil {
		t.Fatal(err)
	}
	if c.Message != "portraits/a.md hernoemd naar portraits/b.md" {
		t.Errorf("message %q", c.Message)
	}
	if !reflect.DeepEqual(seen, []string{"cases/c.md", "media/x.md", "themes/t.md"}) {
		t.Errorf("rewrite saw %v", seen)
	}
	want := map[string]string{
		"portraits/b.md":   "# A\n",
		"media/b/foto.jpg": "jpg",
		"cases/c.md":       "zie [[portraits/b]]\n",
		"themes/t.md":      "geen link\n",
		"media/x.md":       "zie [[portraits/b]] (geen pagina: media)\n",
	}
	if got := snap(t, s).files; !reflect.DeepEqual(got, want) {
		t.Errorf("files = %v", got)
	}
	log, _ := s.Log(0)
	if len(log) != 2 {
		t.Errorf("rename took %d commits", len(log)-1)
	}
	fsck(t, s.Dir())

	before := snap(t, s)
	_, err = s.Rename(RenameRequest{From: "portraits/b.md", To: "cases/c.md", Author: anne})
	wantErr(t, err, ErrExists)
	_, err = s.Rename(RenameRequest{From: "portraits/none.md", To: "portraits/x.md", Author: anne})
	wantErr(t, err, ErrNotFound)
	put(t, s, anne, "media/c/y.jpg", "y")
	before = snap(t, s)
	_, err = s.Rename(RenameRequest{From: "portraits/b.md", To: "portraits/c.md", Also: [][2]string{{"media/b", "media/c"}}, Author: anne})
	wantErr(t, err, ErrExists)
	_, err = s.Rename(RenameRequest{From: "portraits/b.md", To: "../c.md", Author: anne})
	wantErr(t, err, ErrInvalid)
	_, err = s.Rename(RenameRequest{From: "portraits/b.md", To: "portraits/b.md", Author: anne})
	wantErr(t, err, ErrInvalid)
	unchanged(t, s, before)
}

func TestRestore(t *testing.T) {
	s := testStore(t)
	r1 := save(t, s, SaveRequest{Path: "themes/a.md", Content: []byte("een\n")})
	r2 := save(t, s, SaveRequest{Path: "themes/a.md", Content: []byte("twee\n"), Base: r1.Blob})
	res, err := s.Restore("themes/a.md", r1.Commit[:7], bram, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged || res.Blob != r1.Blob || res.Commit == r2.Commit {
		t.Errorf("restore = %+v", res)
	}
	f := read(t, s, "themes/a.md")
	if string(f.Content) != "een\n" || f.Commit != res.Commit {
		t.Errorf("after restore %+v", f)
	}
	log, _ := s.Log(0)
	if len(log) != 3 || log[0].Message != "themes/a.md teruggezet naar versie "+r1.Commit[:7] || log[0].Author.Name != bram.Name {
		t.Errorf("log = %+v", log)
	}
	// Restoring the version it already has is a no-op.
	res2, err := s.Restore("themes/a.md", r1.Commit, bram, "")
	if err != nil || !res2.Unchanged || res2.Commit != res.Commit {
		t.Errorf("second restore = %+v, %v", res2, err)
	}
	// A deleted page comes back.
	if _, err := s.Delete("themes/a.md", "", anne, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Restore("themes/a.md", r2.Commit, anne, "Terug"); err != nil {
		t.Fatal(err)
	}
	if string(read(t, s, "themes/a.md").Content) != "twee\n" {
		t.Error("not restored")
	}
	before := snap(t, s)
	_, err = s.Restore("themes/none.md", r2.Commit, anne, "")
	wantErr(t, err, ErrNotFound)
	_, err = s.Restore("themes/a.md", "", anne, "")
	wantErr(t, err, ErrInvalid)
	_, err = s.Restore("themes/a.md", "ffffffff", anne, "")
	wantErr(t, err, ErrNotFound)
	unchanged(t, s, before)
}

func TestAttach(t *testing.T) {
	s := testStore(t)
	p, c, err := s.Attach("media/sam", "Foto van Sam.JPG", []byte("jpg1"), anne, "")
	if err != nil {
		t.Fatal(err)
	}
	if p != "media/sam/foto-van-sam.jpg" || c.Message != "Bijlage media/sam/foto-van-sam.jpg toegevoegd" {
		t.Errorf("attach = %q, %q", p, c.Message)
	}
	for i, want := range []string{"media/sam/foto-van-sam-2.jpg", "media/sam/foto-van-sam-3.jpg"} {
		p, _, err := s.Attach("media/sam/", "foto van sam.jpg", []byte{byte(i)}, anne, "Nog een")
		if err != nil || p != want {
			t.Errorf("attach %d = %q, %v", i, p, err)
		}
	}
	if got := read(t, s, "media/sam/foto-van-sam.jpg"); string(got.Content) != "jpg1" {
		t.Errorf("first attachment overwritten: %q", got.Content)
	}
	put(t, s, anne, "media/file", "x")
	before := snap(t, s)
	_, _, err = s.Attach("media/file", "a.jpg", []byte("x"), anne, "")
	wantErr(t, err, ErrInvalid)
	_, _, err = s.Attach("../media", "a.jpg", []byte("x"), anne, "")
	wantErr(t, err, ErrInvalid)
	_, _, err = s.Attach("media/sam", "a.jpg", []byte("x"), Author{}, "")
	wantErr(t, err, ErrInvalid)
	unchanged(t, s, before)
	fsck(t, s.Dir())
}

func TestSafeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"foto.jpg":                       "foto.jpg",
		"Foto Sam.JPG":                   "foto-sam.jpg",
		"Één café.pdf":                   "een-cafe.pdf",
		".htaccess":                      "htaccess",
		"..":                             "bestand",
		"../../etc/passwd":               "passwd",
		`C:\Users\sam\verslag.doc`:       "verslag.doc",
		"a..b...c.txt":                   "a.b.c.txt",
		"--weird__name--.png":            "weird_name.png",
		"geen extensie":                  "geen-extensie",
		"rapport.tar.gz":                 "rapport.tar.gz",
		"ümlaut ß.md":                    "umlaut-ss.md",
		"x.j p g":                        "x.jpg",
		"":                               "bestand",
		"日本.txt":                         "bestand.txt",
		strings.Repeat("a", 200) + ".md": strings.Repeat("a", maxStem) + ".md",
	} {
		got := SafeFileName(in)
		if got != want {
			t.Errorf("SafeFileName(%q) = %q, want %q", in, got, want)
		}
		if strings.HasPrefix(got, ".") || strings.Contains(got, "..") || strings.Trim(got, "abcdefghijklmnopqrstuvwxyz0123456789._-") != "" {
			t.Errorf("unsafe %q", got)
		}
	}
}
