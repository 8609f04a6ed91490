package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/purge/purgetest"
)

// A purge also erases the inzage log of what it erases, when the workspace has accounts: the
// log names the paths (a pupil's pseudonym), and no server runs to hold the file.
func TestPurgeClearsTheInzageLog(t *testing.T) {
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), false)
	read := append([]string{"portraits/sam.md", "cases/sam-groep-7.md"}, purgetest.Erased...)
	withAccounts(t, f.Data, func(s *accounts.Store) {
		a, err := s.Add(accounts.NewAccount{Name: "anna", Display: "Anna de Vries", Password: "een lang genoeg wachtwoord",
			Roles: []access.Role{access.Beheerder}, Teams: nil})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range append(read, "portraits/lotje.md") { // also under the name it had before
			if err := s.RecordView(a.ID, p, "bekeken"); err != nil {
				t.Fatal(err)
			}
		}
	})

	// While someone else has the accounts open (a user command), purge refuses first.
	busy, err := accounts.Open(f.Data, accounts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := dirSnapshot(t, f.Data)
	code, _, errOut := run(t, "purge", "--data", f.Data, "--casus", purgetest.Casus, "--yes")
	busy.Close()
	if code != exitError || !strings.Contains(errOut, "accounts") || !strings.Contains(errOut, "er is niets gewist") {
		t.Errorf("purge beside a user command: %d %q", code, errOut)
	}
	sameSnapshot(t, before, dirSnapshot(t, f.Data))

	code, out, errOut := run(t, "purge", "--data", f.Data, "--casus", purgetest.Casus, "--yes", "--by", "Anna de Vries")
	if code != exitOK {
		t.Fatalf("purge: %d %s%s", code, out, errOut)
	}
	withAccounts(t, f.Data, func(s *accounts.Store) {
		gone, err := s.Views(append(purgetest.Erased, "portraits/lotje.md"))
		if err != nil || len(gone) != 0 {
			t.Errorf("the inzage log still has %d lines about erased paths (%v)", len(gone), err)
		}
		kept, _ := s.Views([]string{"portraits/sam.md", "cases/sam-groep-7.md"})
		if len(kept) != 2 {
			t.Errorf("the log of pages that stay: %d lines, want 2", len(kept))
		}
	})
	f.ProveErased(t) // also reads every byte of accounts.db
}
