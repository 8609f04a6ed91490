package search

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// After an erasure in the server's process the index is closed, its directory deleted and the
// store opened again; Restart builds it from the new store, in the same place.
func TestRestart(t *testing.T) {
	data, w := newWorkspace(t, map[string]string{
		"portraits/sam.md": "---\ntitle: Sam\nteam: ons-team\n---\nSam springt op de trampoline.\n",
	})
	x := openIndex(t, data, w, Options{})
	if got := search(t, x, Query{Text: "trampoline"}); got.Total != 1 {
		t.Fatalf("before: %d hits", got.Total)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(data, DirName)); err != nil {
		t.Fatal(err)
	}
	// What the purge leaves: the page is gone (here simply deleted), the store is a new one.
	if _, err := w.Store.Delete("portraits/sam.md", "", author, "weg"); err != nil {
		t.Fatal(err)
	}
	w.Store.Close()
	st, err := store.Open(filepath.Join(data, workspace.RepoDir))
	if err != nil {
		t.Fatal(err)
	}
	w.Store = st
	if err := x.Restart(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	if got := search(t, x, Query{Text: "trampoline"}); got.Total != 0 {
		t.Errorf("after the restart the index still finds the deleted page: %d hits", got.Total)
	}
	if got := search(t, x, Query{Text: "schaamte"}); got.Total == 0 {
		t.Error("after the restart the index finds nothing of the pages that stay")
	}
	if x.Commit() == "" {
		t.Error("the restarted index records no commit")
	}
	save(t, w, "portraits/noor.md", "---\ntitle: Noor\nteam: ons-team\n---\nNoor speelt trompet.\n")
	if _, err := x.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := search(t, x, Query{Text: "trompet"}); got.Total != 1 {
		t.Errorf("the restarted index does not follow new commits: %d hits", got.Total)
	}
}
