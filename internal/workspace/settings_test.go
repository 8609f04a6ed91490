package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/store"
)

func TestParseSettings(t *testing.T) {
	tests := []struct {
		name, file string
		years      Years
		problem    string
	}{
		{"empty file keeps the defaults", "", 2, ""},
		{"a comment and a value", "# bewaartermijn na afronden\nretention-years: 5\n", 5, ""},
		{"zero years", "retention-years: 0\n", 0, "leefwereld.yaml:1: fout: retention-years: 0 jaar kan niet"},
		{"too many", "retention-years: 99\n", 0, "kies een bewaartermijn van 1 tot 30 jaar"},
		{"not a number", "retention-years: twee\n", 0, "retention-years:"},
		{"unknown key", "retention-years: 3\nkleur: blauw\n", 0, `leefwereld.yaml:2: fout: kleur: onbekend veld "kleur"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, probs := ParseSettings([]byte(tt.file))
			if tt.problem == "" {
				if len(probs) > 0 || s.RetentionYears != tt.years {
					t.Fatalf("got %+v %v", s, probs)
				}
				return
			}
			if !probs.HasErrors() || !strings.Contains(probs.Errors()[0].String(), tt.problem) {
				t.Errorf("problems %v, want %q", probs, tt.problem)
			}
		})
	}
}

// TestSettingsInTheWorkspace: the file is versioned with the pages, checked by check, and a
// broken one is an error rather than a silent default.
func TestSettingsInTheWorkspace(t *testing.T) {
	w := newWorkspace(t)
	if s, err := ReadSettings(w.Store, ""); err != nil || s != DefaultSettings {
		t.Fatalf("no file: %+v %v", s, err)
	}
	put := func(content string) {
		t.Helper()
		if _, err := w.Store.Update(anna, "", func(tx *store.Tx) error { return tx.Put(SettingsPath, []byte(content)) }); err != nil {
			t.Fatal(err)
		}
	}
	put("retention-years: 7\n")
	if s, err := ReadSettings(w.Store, ""); err != nil || s.RetentionYears != 7 {
		t.Fatalf("7 years: %+v %v", s, err)
	}
	probs, err := w.Check("")
	if err != nil || len(probs) != 0 {
		t.Fatalf("check with a good settings file: %v %v", probs, err)
	}
	put("retention-years: -1\n")
	if _, err := ReadSettings(w.Store, ""); err == nil {
		t.Fatal("a broken settings file read as fine")
	}
	probs, _ = w.Check("")
	if !probs.HasErrors() || probs.Errors()[0].File != SettingsPath {
		t.Errorf("check does not report the broken settings file: %v", probs)
	}
}

func TestImportTakesTheSettingsFile(t *testing.T) {
	for _, tt := range []struct {
		file string
		ok   bool
	}{{"retention-years: 4\n", true}, {"retention-years: 40\n", false}} {
		w := newWorkspace(t)
		src := t.TempDir()
		if err := os.WriteFile(filepath.Join(src, SettingsPath), []byte(tt.file), 0o644); err != nil {
			t.Fatal(err)
		}
		before := mustHead(t, w)
		res, probs, err := w.Import(src, anna, "")
		if !tt.ok {
			if err == nil || !probs.HasErrors() || mustHead(t, w) != before {
				t.Errorf("%q: imported anyway (%v %v)", tt.file, probs, err)
			}
			continue
		}
		if err != nil || res.Attachments != 0 {
			t.Fatalf("%q: %+v %v %v", tt.file, res, probs, err)
		}
		if s, err := ReadSettings(w.Store, ""); err != nil || s.RetentionYears != 4 {
			t.Errorf("after import: %+v %v", s, err)
		}
	}
}
