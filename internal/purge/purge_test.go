package purge

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/purge/purgetest"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

var now = time.Date(2027, 3, 1, 10, 30, 0, 0, time.UTC)

func purgeCasus(t *testing.T, data, slug string) Result {
	t.Helper()
	p, err := PlanCasus(data, wiki.Slug(slug))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(p, "Anna de Vries", now)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestErasureProof is the proof: after purging, no object, no file under the data
// directory and no commit message holds anything of the casus, git fsck is clean, the pages
// that stay keep their history, and a tombstone says that something was erased.
func TestErasureProof(t *testing.T) {
	for _, packed := range []bool{false, true} {
		name := "loose"
		if packed {
			name = "packed"
		}
		t.Run(name, func(t *testing.T) {
			f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), packed)
			repo := f.Repo()
			if !purgetest.Contains(t, repo, purgetest.Secrets[0]) {
				t.Fatal("the fixture does not hold the secret")
			}
			if packed && len(mustGlob(t, filepath.Join(repo, "objects", "pack", "*.pack"))) == 0 {
				t.Fatal("the fixture has no packs")
			}
			res := purgeCasus(t, f.Data, purgetest.Casus)
			f.ProveErased(t)
			if res.Stats.Dropped == 0 || res.Stats.Messages == 0 {
				t.Errorf("stats: %+v", res.Stats)
			}
			// The pack of the new history holds only reachable objects: prune keeps it as is.
			if !packed && (res.Stats.Packs != 0 || res.Stats.Repacked != 0) {
				t.Errorf("the rewrite's own pack was pruned: %+v", res.Stats)
			}
			log, err := os.ReadFile(filepath.Join(f.Data, LogFile))
			if err != nil || !strings.Contains(string(log), "gewist uit de hele geschiedenis door Anna de Vries") {
				t.Errorf("purge.log: %q %v", log, err)
			}
			if Pending(f.Data) {
				t.Error("the journal is still there")
			}
			if _, err := os.Stat(filepath.Join(f.Data, SearchIndexDir)); !os.IsNotExist(err) {
				t.Errorf("search index not deleted: %v", err)
			}
		})
	}
}

func TestPlanCasus(t *testing.T) {
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), false)
	p, err := PlanCasus(f.Data, purgetest.Casus)
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, r := range p.Pages {
		pages = append(pages, r.Path())
	}
	want := []string{"cases/lotte-groep-5.md", "frames/tekenen-als-taal.md", "portraits/lotte.md", "portraits/moeder-van-lotte.md"}
	if !slices.Equal(pages, want) {
		t.Errorf("pages %v, want %v", pages, want)
	}
	for _, path := range []string{"portraits/lotje.md", "media/lotje", "media/lotte"} {
		if !slices.Contains(p.Paths, path) {
			t.Errorf("paths %v lack %s (renames and attachments)", p.Paths, path)
		}
	}
	if len(p.Kept) != 1 || p.Kept[0].What != "frames/samen-spelen.md" {
		t.Errorf("kept %+v", p.Kept)
	}
	if !slices.Equal(p.Mentions, []string{"portraits/sam.md"}) {
		t.Errorf("mentions %v", p.Mentions)
	}
	if _, err := PlanCasus(f.Data, "bestaat-niet"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown casus: %v", err)
	}
}

// A casus deleted earlier is still in history, and can still be erased from it.
func TestPurgeDeletedCasus(t *testing.T) {
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), false)
	s, err := store.Open(f.Repo())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"cases/lotte-groep-5.md", "portraits/lotte.md", "portraits/moeder-van-lotte.md",
		"frames/tekenen-als-taal.md", "media/lotte/tekening.png"} {
		if _, err := s.Delete(p, "", store.Author{Name: "Anna"}, "weg"); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	f.Revisions, f.Commits = countAgain(t, f)
	purgeCasus(t, f.Data, purgetest.Casus)
	f.ProveErased(t)
}

func countAgain(t *testing.T, f *purgetest.Fixture) (map[string]int, int) {
	t.Helper()
	s, err := store.Open(f.Repo())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out := map[string]int{}
	for p := range f.Revisions {
		h, _ := s.History(p)
		out[p] = len(h)
	}
	log, _ := s.Log(0)
	return out, len(log)
}

func mustGlob(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestResume covers what the crash tests cannot reach: a journal whose branch moved elsewhere
// (someone committed before the purge's compare-and-swap) and a journal that is unreadable.
func TestResume(t *testing.T) {
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), false)
	if o, _, err := Resume(f.Data); o != Nothing || err != nil {
		t.Fatalf("no journal: %v %v", o, err)
	}
	head := strings.TrimSpace(purgetest.Git(t, f.Repo(), "rev-parse", "main"))
	j := journal{ID: "x", Old: strings.Repeat("1", 40), New: strings.Repeat("2", 40), By: "Anna", When: now}
	if err := writeJournal(f.Data, j); err != nil {
		t.Fatal(err)
	}
	if o, _, err := Resume(f.Data); o != RolledBack || err != nil || Pending(f.Data) {
		t.Fatalf("branch elsewhere: %v %v", o, err)
	}
	if got := strings.TrimSpace(purgetest.Git(t, f.Repo(), "rev-parse", "main")); got != head {
		t.Error("a roll-back moved the branch")
	}
	os.WriteFile(filepath.Join(f.Data, JournalFile), []byte("{half"), 0o600)
	if _, _, err := Resume(f.Data); err == nil {
		t.Error("an unreadable journal must stop, not guess")
	}
	if _, err := Run(&Plan{Data: f.Data}, "Anna", now); err == nil {
		t.Error("Run with a pending journal must refuse")
	}
}
