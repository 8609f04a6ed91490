package search

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// benchPages is the size of the generated workspace the benchmarks search.
const benchPages = 10_000

var (
	benchOnce sync.Once
	benchIdx  *Index
	benchWS   *workspace.Workspace
	benchErr  error
)

// benchIndex returns an index over a generated 10,000-page workspace. The workspace and its
// index are kept under os.TempDir, keyed by size, so later runs reuse them (a changed mapping
// rebuilds only the index).
func benchIndex(b *testing.B) (*Index, *workspace.Workspace) {
	b.Helper()
	benchOnce.Do(func() {
		dir := filepath.Join(os.TempDir(), fmt.Sprintf("leefwereld-search-bench-%d", benchPages))
		data := filepath.Join(dir, "data")
		if !workspace.Exists(data) {
			os.RemoveAll(dir)
			src := filepath.Join(dir, "src")
			gen := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "run", "./bench/genworkspace",
				"-n", fmt.Sprint(benchPages), "-out", src)
			gen.Dir = filepath.Join("..", "..")
			if out, err := gen.CombinedOutput(); err != nil {
				benchErr = fmt.Errorf("genworkspace: %v\n%s", err, out)
				return
			}
			w, err := workspace.Create(data)
			if err != nil {
				benchErr = err
				return
			}
			if _, probs, err := w.Import(src, author, "bench"); err != nil {
				benchErr = fmt.Errorf("import: %v %v", err, probs)
				return
			}
			w.Close()
			os.RemoveAll(src)
		}
		benchWS, benchErr = workspace.Open(data)
		if benchErr != nil {
			return
		}
		start := time.Now()
		benchIdx, benchErr = Open(context.Background(), data, benchWS.Store, Options{})
		if benchErr == nil && benchIdx.Stats().Rebuilds > 0 {
			fmt.Fprintf(os.Stderr, "built the %d-page bench index in %s\n", benchPages, time.Since(start).Round(time.Millisecond))
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchIdx, benchWS
}

// BenchQueries are the four query types of the benchmark (also used by bench/search).
var benchQueries = []struct {
	name string
	q    Query
}{
	{"one-word", Query{Text: "ruzie"}},
	{"three-word", Query{Text: "vissen met opa"}},
	{"phrase", Query{Text: `"vaak te laat"`}},
	{"faceted", Query{Text: "ruzie", Kinds: []string{"portrait"}, Themes: []string{"angst"}}},
}

func BenchmarkSearch(b *testing.B) {
	x, _ := benchIndex(b)
	for _, bq := range benchQueries {
		b.Run(bq.name, func(b *testing.B) {
			var total uint64
			for b.Loop() {
				res, err := x.Search(context.Background(), bq.q)
				if err != nil {
					b.Fatal(err)
				}
				total = res.Total
			}
			b.ReportMetric(float64(total), "hits")
		})
	}
}

func BenchmarkTitles(b *testing.B) {
	x, _ := benchIndex(b)
	for _, t := range []struct {
		name, prefix string
		kinds        []string
	}{
		{"theme", "scha", []string{"theme"}}, // the casus board's theme picker
		{"words", "ouder van sa", nil},
		{"broad", "sa", nil}, // a few thousand titles start with sa
	} {
		b.Run(t.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := x.Titles(context.Background(), t.prefix, t.kinds, nil, 10); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMoreLike is "Meer zoals dit" on a portrait page: each generated theme is linked by
// about a thousand pages.
func BenchmarkMoreLike(b *testing.B) {
	x, _ := benchIndex(b)
	ref := wiki.Ref{Kind: wiki.Portrait, Slug: "portret-00007"}
	for b.Loop() {
		if res, err := x.MoreLike(context.Background(), ref, nil, 5); err != nil || len(res) == 0 {
			b.Fatal(res, err)
		}
	}
}

// BenchmarkSyncAfterSave is the catch-up after one save: the save itself is not timed.
func BenchmarkSyncAfterSave(b *testing.B) {
	x, w := benchIndex(b)
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		save(b, w, "portraits/portret-00042.md", page("portrait", "Sam (42)", "team: team-bench\n",
			fmt.Sprintf("Versie %d: Sam komt vaak te laat en zegt dan niets.", i)))
		b.StartTimer()
		res, err := x.Sync(context.Background())
		if err != nil || res.Indexed != 1 {
			b.Fatalf("sync: %+v %v", res, err)
		}
	}
}
