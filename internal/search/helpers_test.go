package search

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

var author = store.Author{Name: "Anna de Vries", Email: "anna@example.invalid"}

// newWorkspace creates a workspace with the starter library and the given extra pages
// (path → content) committed in one import.
func newWorkspace(t testing.TB, pages map[string]string) (string, *workspace.Workspace) {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	w, err := workspace.Create(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if len(pages) > 0 {
		src := filepath.Join(t.TempDir(), "src")
		for p, c := range pages {
			full := filepath.Join(src, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if _, probs, err := w.Import(src, author, "testpagina's"); err != nil {
			t.Fatalf("import: %v %v", err, probs)
		}
	}
	return data, w
}

// openIndex opens the index of a workspace and closes it at the end of the test.
func openIndex(t testing.TB, data string, w *workspace.Workspace, opts Options) *Index {
	t.Helper()
	x, err := Open(context.Background(), data, w.Store, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// save commits one page through the workspace, as the editor does.
func save(t testing.TB, w *workspace.Workspace, path, content string) {
	t.Helper()
	ref, err := wiki.RefFromPath(path)
	if err != nil {
		t.Fatal(err)
	}
	base := ""
	if f, err := w.Store.Read(path, ""); err == nil {
		base = f.Blob
	}
	if _, probs, err := w.Save(ref, []byte(content), base, author, "test"); err != nil {
		t.Fatalf("save %s: %v %v", path, err, probs)
	}
}

func search(t testing.TB, x *Index, q Query) *Result {
	t.Helper()
	res, err := x.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	return res
}

func refs(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Ref.String()
	}
	return out
}

func contains(hits []Hit, ref string) bool {
	for _, h := range hits {
		if h.Ref.String() == ref {
			return true
		}
	}
	return false
}

func page(kind, title, front, body string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: " + title + "\nkind: " + kind + "\n")
	b.WriteString(front)
	b.WriteString("---\n" + body + "\n")
	return b.String()
}

func mustRef(t testing.TB, path string) wiki.Ref {
	t.Helper()
	r, err := wiki.RefFromPath(path + ".md")
	if err != nil {
		t.Fatal(err)
	}
	return r
}
