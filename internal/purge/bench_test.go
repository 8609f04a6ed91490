package purge

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// The benchmark workspace: 10,000 pages (2,000 of each kind) on top of the starter library,
// then 5,000 commits that each edit one page. The casus to erase, with its two portraits and
// its frame, is created in the first commit and edited every 50th commit, so every commit
// after the first is rewritten: the worst case. Building it takes a minute, so it is cached in
// os.TempDir() (delete leefwereld-purge-bench-* to rebuild); every run works on a copy whose
// objects are hard links, as objects are never changed in place.
const (
	benchPerKind = 2000
	benchCommits = 5000
	benchVersion = "v1"
)

var benchFixture struct {
	once sync.Once
	dir  map[string]string // "loose" | "packed" → data directory
	err  error
}

var benchSlug = map[string]string{"case": "casus", "portrait": "portret", "frame": "frame", "theme": "thema", "team": "team"}

func benchPage(kind string, i, version int) (string, []byte) {
	folder := wiki.Kind(kind).Folder()
	name := benchSlug[kind]
	text := strings.Repeat(fmt.Sprintf("Een zin over de leefwereld van leerling %d, versie %d. ", i, version), 6)
	var front string
	switch kind {
	case "case":
		front = fmt.Sprintf("team: ons-team\nportraits: [portret-%04d, portret-%04d]\nframes: [frame-%04d]\nkeep-until: 2030-01-01\n", i, (i+1)%benchPerKind, i)
	case "portrait":
		front = fmt.Sprintf("team: ons-team\ncases: [casus-%04d]\n", i)
	case "frame":
		front = "team: ons-team\nthemes: [trots]\n"
	}
	return fmt.Sprintf("%s/%s-%04d.md", folder, name, i), []byte(fmt.Sprintf("---\ntitle: %s %d\n%s---\n%s\n", strings.ToUpper(name[:1])+name[1:], i, front, text))
}

// benchTarget is the casus the benchmark erases: casus-0042 owns portret-0042 and frame-0042
// (portret-0043 also belongs to casus-0043, so it stays).
var benchTarget = []string{"case", "portrait", "frame"}

func buildBenchFixture(b *testing.B) map[string]string {
	benchFixture.once.Do(func() {
		root := filepath.Join(os.TempDir(), "leefwereld-purge-bench-"+benchVersion)
		loose, packed := filepath.Join(root, "loose"), filepath.Join(root, "packed")
		benchFixture.dir = map[string]string{"loose": loose, "packed": packed}
		if _, err := os.Stat(filepath.Join(root, "done")); err == nil {
			return
		}
		os.RemoveAll(root)
		start := time.Now()
		benchFixture.err = func() error {
			w, err := workspace.Create(loose)
			if err != nil {
				return err
			}
			defer w.Close()
			a := store.Author{Name: "Bench", Email: "bench@leefwereld.invalid"}
			_, err = w.Store.Update(a, "10.000 pagina's", func(tx *store.Tx) error {
				for _, kind := range []string{"portrait", "theme", "frame", "case", "team"} {
					for i := 0; i < benchPerKind; i++ {
						p, c := benchPage(kind, i, 0)
						if err := tx.Put(p, c); err != nil {
							return err
						}
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			kinds := []string{"portrait", "theme", "frame", "case", "team"}
			for c := 1; c <= benchCommits; c++ {
				kind, i := kinds[c%len(kinds)], (c*7919)%benchPerKind
				if c%50 == 0 {
					kind, i = benchTarget[(c/50)%len(benchTarget)], 42
				}
				p, content := benchPage(kind, i, c)
				msg := ""
				if c%100 == 0 {
					msg = "Gesprek over Casus 42 verwerkt"
				}
				if _, err := w.Store.Update(a, msg, func(tx *store.Tx) error { return tx.Put(p, content) }); err != nil {
					return err
				}
			}
			w.Close()
			if err := copyData(loose, packed); err != nil {
				return err
			}
			gc := exec.Command("git", "-C", filepath.Join(packed, workspace.RepoDir), "gc", "-q", "--prune=now")
			if out, err := gc.CombinedOutput(); err != nil {
				return fmt.Errorf("git gc: %v %s", err, out)
			}
			return os.WriteFile(filepath.Join(root, "done"), nil, 0o644)
		}()
		b.Logf("built the benchmark workspace in %s", time.Since(start).Round(time.Second))
	})
	if benchFixture.err != nil {
		b.Fatal(benchFixture.err)
	}
	return benchFixture.dir
}

// copyData copies a data directory, hard-linking objects (immutable) and copying the rest.
func copyData(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		if strings.Contains(filepath.ToSlash(rel), "/objects/") && os.Link(p, out) == nil {
			return nil
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, in)
		return errors.Join(err, f.Close())
	})
}

// BenchmarkPurgeCasus erases one casus (plan and run, as the command does) from the 10,000-page
// workspace with 5,000 commits, all loose (as the store writes them) and after git gc.
func BenchmarkPurgeCasus(b *testing.B) {
	dirs := buildBenchFixture(b)
	for _, name := range []string{"loose", "packed"} {
		b.Run(name, func(b *testing.B) {
			var st Stats
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				data := filepath.Join(b.TempDir(), "data")
				if err := copyData(dirs[name], data); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				p, err := PlanCasus(data, "casus-0042")
				if err != nil {
					b.Fatal(err)
				}
				res, err := Run(p, "Bench", time.Now())
				if err != nil {
					b.Fatal(err)
				}
				st = res.Stats
			}
			b.ReportMetric(float64(st.Rewritten), "commits-rewritten")
			b.ReportMetric(float64(st.Loose+st.Repacked), "objects-pruned-or-repacked")
		})
	}
}
