package store

import (
	"errors"
	"strings"
	"testing"
)

const page = "# Schaamte\n\nSam vertelt thuis niets over school.\n\nHij sport graag.\n\nEinde.\n"

func TestSaveNewAndUpdate(t *testing.T) {
	s := testStore(t)
	r1 := save(t, s, SaveRequest{Path: "themes/schaamte.md", Content: []byte(page)})
	if r1.Merged || r1.Unchanged || r1.Commit == "" || r1.Blob != read(t, s, "themes/schaamte.md").Blob {
		t.Fatalf("new page: %+v", r1)
	}
	edited := strings.Replace(page, "niets", "weinig", 1)
	r2 := save(t, s, SaveRequest{Path: "themes/schaamte.md", Content: []byte(edited), Base: r1.Blob, Message: "Beter verwoord"})
	if r2.Merged || r2.Unchanged || r2.Commit == r1.Commit {
		t.Fatalf("update: %+v", r2)
	}
	if f := read(t, s, "themes/schaamte.md"); string(f.Content) != edited || f.Blob != r2.Blob || f.Commit != r2.Commit {
		t.Errorf("after update: %+v", f)
	}
	log, _ := s.Log(2)
	if log[0].Message != "Beter verwoord" || log[1].Message != "Nieuwe pagina themes/schaamte.md" {
		t.Errorf("messages: %q, %q", log[0].Message, log[1].Message)
	}
	// Saving the same text again commits nothing.
	r3 := save(t, s, SaveRequest{Path: "themes/schaamte.md", Content: []byte(edited), Base: r2.Blob})
	if !r3.Unchanged || r3.Commit != r2.Commit || r3.Blob != r2.Blob {
		t.Errorf("unchanged: %+v", r3)
	}
	if h := head(t, s); h != r2.Commit {
		t.Errorf("head moved on an unchanged save")
	}
}

func TestSaveMergesClean(t *testing.T) {
	s := testStore(t)
	r1 := save(t, s, SaveRequest{Path: "themes/schaamte.md", Content: []byte(page)})
	theirs := strings.Replace(page, "Hij sport graag.", "Hij judoot graag.", 1)
	save(t, s, SaveRequest{Path: "themes/schaamte.md", Content: []byte(theirs), Base: r1.Blob, Author: bram})

	mine := strings.Replace(page, "niets", "weinig", 1)
	r := save(t, s, SaveRequest{Path: "themes/schaamte.md", Content: []byte(mine), Base: r1.Blob})
	if !r.Merged || r.Unchanged {
		t.Fatalf("result %+v, want merged", r)
	}
	want := strings.Replace(theirs, "niets", "weinig", 1)
	f := read(t, s, "themes/schaamte.md")
	if string(f.Content) != want || f.Blob != r.Blob || f.Commit != r.Commit {
		t.Errorf("merged content = %q", f.Content)
	}
	log, _ := s.Log(1)
	if log[0].Message != "themes/schaamte.md bijgewerkt (samengevoegd met een gelijktijdige wijziging)" {
		t.Errorf("merge message = %q", log[0].Message)
	}
	// The same edit made by both: merged, nothing new to commit.
	r2 := save(t, s, SaveRequest{Path: "themes/schaamte.md", Content: []byte(mine), Base: r1.Blob})
	if !r2.Unchanged || !r2.Merged || r2.Commit != r.Commit || r2.Blob != r.Blob {
		t.Errorf("repeat: %+v", r2)
	}
	fsck(t, s.Dir())
}

func TestSaveConflicts(t *testing.T) {
	s := testStore(t)
	r1 := save(t, s, SaveRequest{Path: "themes/schaamte.md", Content: []byte(page)})
	theirs := strings.Replace(page, "niets", "niks", 1)
	r2 := save(t, s, SaveRequest{Path: "themes/schaamte.md", Content: []byte(theirs), Base: r1.Blob, Author: bram})
	save(t, s, SaveRequest{Path: "themes/weg.md", Content: []byte("weg\n")})
	gone := read(t, s, "themes/weg.md")
	if _, err := s.Delete("themes/weg.md", gone.Blob, bram, ""); err != nil {
		t.Fatal(err)
	}
	before := snap(t, s)

	mine := strings.Replace(page, "niets", "weinig", 1)
	_, err := s.Save(SaveRequest{Path: "themes/schaamte.md", Content: []byte(mine), Base: r1.Blob, Author: anne})
	ce := wantConflict(t, err, ReasonChanged)
	if string(ce.Base) != page || string(ce.Mine) != mine || string(ce.Theirs) != theirs || ce.TheirsBlob != r2.Blob || ce.Path != "themes/schaamte.md" {
		t.Errorf("conflict = %+v", ce)
	}
	conflicts := 0
	for _, h := range ce.Hunks {
		if h.Conflict {
			conflicts++
			if strings.Join(h.Mine, "") != "Sam vertelt thuis weinig over school.\n" || strings.Join(h.Theirs, "") != "Sam vertelt thuis niks over school.\n" {
				t.Errorf("hunk = %+v", h)
			}
		}
	}
	if conflicts != 1 {
		t.Errorf("%d conflict hunks", conflicts)
	}
	if !strings.Contains(err.Error(), `store: save "themes/schaamte.md": conflict`) {
		t.Errorf("message = %q", err)
	}

	_, err = s.Save(SaveRequest{Path: "themes/schaamte.md", Content: []byte("nieuw"), Author: anne})
	ce = wantConflict(t, err, ReasonExists)
	if string(ce.Theirs) != theirs || ce.TheirsBlob != r2.Blob || string(ce.Mine) != "nieuw" {
		t.Errorf("exists conflict = %+v", ce)
	}

	_, err = s.Save(SaveRequest{Path: "themes/weg.md", Content: []byte("weg\nmeer\n"), Base: gone.Blob, Author: anne})
	ce = wantConflict(t, err, ReasonDeleted)
	if ce.Theirs != nil || ce.TheirsBlob != "" || string(ce.Base) != "weg\n" {
		t.Errorf("deleted conflict = %+v", ce)
	}

	for _, base := range []string{"0123456789012345678901234567890123456789", "nope", head(t, s)} {
		_, err = s.Save(SaveRequest{Path: "themes/schaamte.md", Content: []byte("x"), Base: base, Author: anne})
		wantConflict(t, err, ReasonUnknownBase)
	}
	_, err = s.Save(SaveRequest{Path: "themes/nieuw.md", Content: []byte("x"), Base: "0123456789012345678901234567890123456789", Author: anne})
	wantConflict(t, err, ReasonUnknownBase)

	_, err = s.Save(SaveRequest{Path: "../x.md", Content: []byte("x"), Author: anne})
	wantErr(t, err, ErrInvalid)
	_, err = s.Save(SaveRequest{Path: "x.md", Content: []byte("x")})
	wantErr(t, err, ErrInvalid) // no author
	unchanged(t, s, before)
	fsck(t, s.Dir())
}

func TestSaveIdenticalToCurrent(t *testing.T) {
	s := testStore(t)
	r1 := save(t, s, SaveRequest{Path: "a.md", Content: []byte("x\n")})
	// Someone else typed exactly the current text: no conflict, nothing to commit.
	for _, base := range []string{"", r1.Blob} {
		r := save(t, s, SaveRequest{Path: "a.md", Content: []byte("x\n"), Base: base})
		if !r.Unchanged || r.Commit != r1.Commit {
			t.Errorf("base %q: %+v", base, r)
		}
	}
}

func TestDelete(t *testing.T) {
	s := testStore(t)
	r1 := save(t, s, SaveRequest{Path: "themes/a.md", Content: []byte("a")})
	r2 := save(t, s, SaveRequest{Path: "themes/a.md", Content: []byte("b"), Base: r1.Blob})
	save(t, s, SaveRequest{Path: "themes/c.md", Content: []byte("c")})
	before := snap(t, s)

	_, err := s.Delete("themes/a.md", r1.Blob, anne, "")
	ce := wantConflict(t, err, ReasonChanged)
	if ce.Op != "delete" || string(ce.Theirs) != "b" || ce.TheirsBlob != r2.Blob {
		t.Errorf("conflict = %+v", ce)
	}
	if !strings.HasPrefix(err.Error(), `store: delete "themes/a.md": conflict`) {
		t.Errorf("message %q", err)
	}
	_, err = s.Delete("themes/none.md", "", anne, "")
	wantErr(t, err, ErrNotFound)
	_, err = s.Delete("themes", "", anne, "")
	wantErr(t, err, ErrNotFound) // a folder is not a page
	unchanged(t, s, before)

	c, err := s.Delete("themes/a.md", r2.Blob, anne, "")
	if err != nil || c.Message != "themes/a.md verwijderd" {
		t.Fatalf("delete: %+v, %v", c, err)
	}
	if _, err := s.Read("themes/a.md", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("still there: %v", err)
	}
	if _, err := s.Delete("themes/c.md", "", bram, "Weg ermee"); err != nil {
		t.Fatal(err)
	}
	fsck(t, s.Dir())
}
