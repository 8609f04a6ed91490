package accounts

import (
	"errors"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/access"
)

func TestViewLog(t *testing.T) {
	s, c := newStore(t)
	anna := add(t, s, "anna", []access.Role{access.Schrijver}, "ons-team")
	bob := add(t, s, "bob", nil, "ons-team")
	for _, v := range []struct{ who, path, what string }{
		{anna.ID, "portraits/sam.md", "bekeken"},
		{bob.ID, "portraits/sam.md", "afgedrukt"},
		{bob.ID, "portraits/sam.md", "afgedrukt"}, // the same second twice: both kept
		{anna.ID, "portraits/sa.md", "bekeken"},   // a path that is a prefix of another
		{anna.ID, "portraits/sam.md.oud", "bekeken"},
		{anna.ID, "media/sam/foto.png", "bijlage bekeken"},
	} {
		if err := s.RecordView(v.who, v.path, v.what); err != nil {
			t.Fatal(err)
		}
		c.add(time.Minute / 2)
	}
	views, err := s.Views([]string{"portraits/sam.md", "media/sam/foto.png"})
	if err != nil {
		t.Fatal(err)
	}
	if len(views) != 4 {
		t.Fatalf("views: %+v", views)
	}
	start := time.Date(2027, 3, 1, 8, 30, 0, 0, time.UTC)
	if v := views[0]; v.Who != anna.ID || v.Path != "portraits/sam.md" || v.What != "bekeken" || !v.At.Equal(start) {
		t.Errorf("first view: %+v", v)
	}
	if views[1].Who != bob.ID || !views[2].At.After(views[1].At) || views[3].Path != "media/sam/foto.png" {
		t.Errorf("order or paths: %+v", views)
	}
	if n, err := s.DeleteViews([]string{"portraits/sam.md", "portraits/sam.md"}); err != nil || n != 3 {
		t.Errorf("delete: %d %v", n, err)
	}
	if views, _ := s.Views([]string{"portraits/sam.md", "portraits/sa.md", "portraits/sam.md.oud"}); len(views) != 2 {
		t.Errorf("after delete: %+v", views)
	}
	for _, bad := range [][2]string{{"", "portraits/sam.md"}, {anna.ID, ""}, {anna.ID, "a\x00b"}} {
		if err := s.RecordView(bad[0], bad[1], "x"); err == nil {
			t.Errorf("RecordView(%q, %q) accepted", bad[0], bad[1])
		} else if ue := (*Error)(nil); !errors.As(err, &ue) {
			t.Errorf("RecordView(%q, %q): %v is not a user error", bad[0], bad[1], err)
		}
	}
}
