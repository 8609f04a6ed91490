package accounts

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/access"
)

func TestRecordViews(t *testing.T) {
	s, _ := newStore(t)
	anna := add(t, s, "anna", []access.Role{access.Beheerder})
	paths := []string{"cases/sam.md", "portraits/sam.md", "media/sam/foto.png"}
	if err := s.RecordViews(anna.ID, paths, "in een inzage gezet"); err != nil {
		t.Fatal(err)
	}
	views, err := s.Views(paths)
	if err != nil || len(views) != 3 {
		t.Fatalf("views %v: %+v", err, views)
	}
	for _, v := range views {
		if v.Who != anna.ID || v.What != "in een inzage gezet" || !v.At.Equal(views[0].At) {
			t.Errorf("view %+v", v)
		}
	}
	for _, bad := range [][]string{nil, {"cases/a.md", ""}, {"a\x00b"}} {
		if err := s.RecordViews(anna.ID, bad, "x"); err == nil {
			t.Errorf("RecordViews(%q) accepted", bad)
		}
	}
	if views, _ := s.Views([]string{"cases/a.md"}); len(views) != 0 {
		t.Errorf("a refused batch left lines: %+v", views)
	}
}

// After an erasure the inzage log of the erased paths goes, and so do their bytes: bbolt keeps
// deleted keys in its free pages, so the file is compacted.
func TestForgetPaths(t *testing.T) {
	dir := t.TempDir()
	c := &clock{t: time.Date(2027, 3, 1, 8, 30, 0, 0, time.UTC)}
	s := open(t, dir, c)
	anna := add(t, s, "anna", []access.Role{access.Beheerder})
	secret, _, err := s.StartSession(anna.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 150; i++ { // enough lines for several pages
		for _, p := range []string{"portraits/lotte-geheim.md", "media/lotte-geheim/tekening.png", "portraits/sam.md", "portraits/lotte-geheim.md.oud"} {
			if err := s.RecordView(anna.ID, p, "bekeken"); err != nil {
				t.Fatal(err)
			}
		}
		c.add(time.Second)
	}
	n, err := s.ForgetPaths([]string{"portraits/lotte-geheim.md", "media/lotte-geheim", "media/lotte-geheim"})
	if err != nil || n != 300 {
		t.Fatalf("forget: %d %v", n, err)
	}
	if v, _ := s.Views([]string{"portraits/lotte-geheim.md", "media/lotte-geheim/tekening.png"}); len(v) != 0 {
		t.Errorf("still logged: %d lines", len(v))
	}
	if v, _ := s.Views([]string{"portraits/sam.md", "portraits/lotte-geheim.md.oud"}); len(v) != 300 {
		t.Errorf("other paths lost lines: %d left", len(v))
	}
	raw, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(raw, []byte("lotte-geheim/")) + bytes.Count(raw, []byte("lotte-geheim.md\x00")); n != 0 {
		t.Errorf("accounts.db still holds the erased paths %d times", n)
	}
	if !bytes.Contains(raw, []byte("portraits/sam.md")) {
		t.Error("the compacted file lost what stays")
	}
	if _, err := os.Stat(filepath.Join(dir, FileName+compactSuffix)); !os.IsNotExist(err) {
		t.Errorf("the compaction's file is left: %v", err)
	}
	// The store works on as before: the session, new lines, a clean close and reopen.
	if _, _, err := s.CheckSession(secret); err != nil {
		t.Errorf("session after compaction: %v", err)
	}
	if err := s.RecordView(anna.ID, "portraits/sam.md", "bekeken"); err != nil {
		t.Fatal(err)
	}
	if n, err := s.ForgetPaths([]string{"portraits/niemand.md"}); err != nil || n != 0 {
		t.Errorf("nothing to forget: %d %v", n, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := open(t, dir, c)
	if v, _ := s2.Views([]string{"portraits/sam.md"}); len(v) != 151 {
		t.Errorf("after reopening: %d lines", len(v))
	}
	if _, err := s2.ByID(anna.ID); err != nil || strings.TrimSpace(anna.ID) == "" {
		t.Errorf("account after reopening: %v", err)
	}
}
