package search

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

var teamPages = map[string]string{
	"teams/de-boog.md":   page("team", "De Boog", "", "Team De Boog."),
	"teams/het-anker.md": page("team", "Het Anker", "", "Team Het Anker."),
	"portraits/sam.md":   page("portrait", "Sam", "team: de-boog\n", "Sam maakt veel ruzies op het plein."),
	"portraits/noor.md":  page("portrait", "Noor", "team: het-anker\n", "Noor heeft ruzie met haar zus. Ze is bang."),
	"frames/open.md":     page("frame", "Samen spelen", "team: het-anker\nvisibility: gedeeld\nthemes: [erbij-horen]\n", "Ruzie oplossen door samen te spelen."),
	"frames/dicht.md":    page("frame", "Eigen plek", "team: het-anker\nthemes: [rust]\n", "Een rustige plek na een ruzie."),
}

func TestSyncReindexesOnlyChangedPages(t *testing.T) {
	data, w := newWorkspace(t, teamPages)
	x := openIndex(t, data, w, Options{})
	if x.Stats().Rebuilds != 1 {
		t.Fatalf("first open: %+v", x.Stats())
	}
	before := x.Stats()
	ctx := context.Background()

	save(t, w, "portraits/sam.md", page("portrait", "Sam", "team: de-boog\n", "Sam speelt nu met Daan op de trampoline."))
	res, err := x.Sync(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Indexed != 1 || res.Deleted != 0 || res.Rebuilt {
		t.Fatalf("after a save: %+v", res)
	}
	if got := search(t, x, Query{Text: "trampoline"}); !contains(got.Hits, "portraits/sam") {
		t.Fatalf("saved text not found: %v", refs(got.Hits))
	}
	if res, _ := x.Sync(ctx); res.Indexed != 0 || res.Deleted != 0 {
		t.Fatalf("a second sync did work: %+v", res)
	}

	// Two commits behind: both pages, nothing else.
	save(t, w, "portraits/noor.md", page("portrait", "Noor", "team: het-anker\n", "Noor bouwt een zeppelin."))
	save(t, w, "frames/dicht.md", page("frame", "Eigen plek", "team: het-anker\n", "Een plek om tot rust te komen."))
	if res, _ := x.Sync(ctx); res.Indexed != 2 || res.Deleted != 0 {
		t.Fatalf("after two saves: %+v", res)
	}

	// Delete.
	if _, err := w.Store.Delete("portraits/noor.md", "", author, "weg"); err != nil {
		t.Fatal(err)
	}
	if res, _ := x.Sync(ctx); res.Indexed != 0 || res.Deleted != 1 {
		t.Fatalf("after a delete: %+v", res)
	}
	if got := search(t, x, Query{Text: "zeppelin"}); got.Total != 0 {
		t.Fatalf("deleted page still found: %v", refs(got.Hits))
	}

	// Rename: the old path goes, the new one comes, plus pages whose links were rewritten.
	if _, err := w.Rename(wiki.Ref{Kind: wiki.Portrait, Slug: "sam"}, "sam-de-vries", author, "nieuwe naam"); err != nil {
		t.Fatal(err)
	}
	res, _ = x.Sync(ctx)
	if res.Indexed != 1 || res.Deleted != 1 {
		t.Fatalf("after a rename: %+v", res)
	}
	got := search(t, x, Query{Text: "trampoline"})
	if len(got.Hits) != 1 || got.Hits[0].Ref.String() != "portraits/sam-de-vries" {
		t.Fatalf("after a rename: %v", refs(got.Hits))
	}
	after := x.Stats()
	if after.Indexed-before.Indexed != 4 || after.Deleted-before.Deleted != 2 || after.Rebuilds != 1 {
		t.Fatalf("counters: before %+v after %+v", before, after)
	}
	if h, _ := w.Store.Head(); after.Commit != h {
		t.Fatalf("index at %s, head %s", after.Commit, h)
	}

	// Reopening a current index does no work.
	x.Close()
	y := openIndex(t, data, w, Options{})
	if s := y.Stats(); s.Indexed != 0 || s.Rebuilds != 0 {
		t.Fatalf("reopen: %+v", s)
	}
}

func TestSyncAfterReopenCatchesUp(t *testing.T) {
	data, w := newWorkspace(t, teamPages)
	x := openIndex(t, data, w, Options{})
	x.Close()
	save(t, w, "portraits/sam.md", page("portrait", "Sam", "team: de-boog\n", "Sam tekent graag draken."))
	y := openIndex(t, data, w, Options{})
	if s := y.Stats(); s.Indexed != 1 || s.Rebuilds != 0 {
		t.Fatalf("reopen after a save: %+v", s)
	}
	if got := search(t, y, Query{Text: "draken"}); len(got.Hits) != 1 {
		t.Fatalf("draken: %v", refs(got.Hits))
	}
}

func TestMappingVersionChangeRebuilds(t *testing.T) {
	data, w := newWorkspace(t, teamPages)
	x := openIndex(t, data, w, Options{})
	idx, _ := x.get()
	if err := idx.SetInternal([]byte(keyMapping), []byte("0/old")); err != nil {
		t.Fatal(err)
	}
	x.Close()
	var progress bytes.Buffer
	y := openIndex(t, data, w, Options{Progress: &progress})
	if s := y.Stats(); s.Rebuilds != 1 {
		t.Fatalf("no rebuild after a mapping change: %+v", s)
	}
	if !strings.Contains(progress.String(), "andere versie") || !strings.Contains(progress.String(), "zoekindex klaar") {
		t.Fatalf("progress: %q", progress.String())
	}
	if got := search(t, y, Query{Text: "ruzie"}); got.Total == 0 {
		t.Fatal("rebuilt index finds nothing")
	}
}

func TestCorruptIndexIsRebuilt(t *testing.T) {
	for _, victim := range []string{"root.bolt", "index_meta.json", "*.zap"} {
		t.Run(victim, func(t *testing.T) {
			data, w := newWorkspace(t, teamPages)
			x := openIndex(t, data, w, Options{})
			x.Close()
			files, _ := filepath.Glob(filepath.Join(data, DirName, "store", victim))
			if victim == "index_meta.json" {
				files, _ = filepath.Glob(filepath.Join(data, DirName, victim))
			}
			if len(files) == 0 {
				t.Fatalf("no %s in the index", victim)
			}
			for _, f := range files {
				if err := os.Truncate(f, 10); err != nil {
					t.Fatal(err)
				}
			}
			var progress bytes.Buffer
			y := openIndex(t, data, w, Options{Progress: &progress})
			if s := y.Stats(); s.Rebuilds != 1 {
				t.Fatalf("not rebuilt: %+v (%s)", s, progress.String())
			}
			if got := search(t, y, Query{Text: "ruzie"}); got.Total == 0 {
				t.Fatal("rebuilt index finds nothing")
			}
		})
	}
}

func TestSecondOpenIsLocked(t *testing.T) {
	data, w := newWorkspace(t, nil)
	openIndex(t, data, w, Options{})
	_, err := Open(context.Background(), data, w.Store, Options{LockTimeout: 50e6})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
	_, err = Open(context.Background(), data, w.Store, Options{LockTimeout: 50e6, Rebuild: true})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open with rebuild: %v, want ErrLocked", err)
	}
}

func TestRewrittenHistoryRebuilds(t *testing.T) {
	data, w := newWorkspace(t, teamPages)
	x := openIndex(t, data, w, Options{})
	idx, _ := x.get()
	// Pretend the index reflects a commit that is not on the branch any more.
	b := idx.NewBatch()
	b.SetInternal([]byte(keyCommit), []byte(strings.Repeat("ab", 20)))
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	x.mu.Lock()
	x.commit = strings.Repeat("ab", 20)
	x.mu.Unlock()
	save(t, w, "portraits/sam.md", page("portrait", "Sam", "team: de-boog\n", "Nieuw."))
	res, err := x.Sync(context.Background())
	if err != nil || !res.Rebuilt {
		t.Fatalf("sync: %+v %v", res, err)
	}
}

func TestMissingIndexDirIsBuilt(t *testing.T) {
	data, w := newWorkspace(t, nil)
	x := openIndex(t, data, w, Options{})
	if _, err := os.Stat(filepath.Join(data, DirName)); err != nil {
		t.Fatal(err)
	}
	if _, err := bleve.Open(filepath.Join(data, "nope")); err == nil {
		t.Fatal("bleve opened a missing index")
	}
	if got := search(t, x, Query{Text: "schaamte"}); got.Total == 0 {
		t.Fatal("starter library not indexed")
	}
}
