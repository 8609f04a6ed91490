package store

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Benchmark fixtures are built once per test binary and shared by all
// benchmarks and -count runs; a benchmark that writes works on a clone
// (objects hard-linked, refs and index copied) so every run starts equal.
const (
	benchPages   = 10_000
	benchPrior   = 5_000
	benchHotPage = "themes/hot.md"
)

var benchKinds = []string{"portraits", "themes", "frames", "cases", "teams"}

var fixtures struct {
	once      sync.Once
	root      string
	pages     string // 10,000 pages, 1 commit
	history   string // the same + 5,000 commits
	err       error
	buildTime [2]time.Duration
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtures.root != "" {
		os.RemoveAll(fixtures.root)
	}
	os.Exit(code)
}

func benchPath(i int) string {
	return fmt.Sprintf("%s/pagina-%05d.md", benchKinds[i%len(benchKinds)], i)
}

func benchContent(i, version int) []byte {
	return []byte(fmt.Sprintf("---\ntitle: Pagina %d\nkind: theme\n---\n\n# Pagina %d\n\n%s\n\nVersie %d.\n",
		i, i, strings.Repeat("Een zin over de leefwereld van de leerling. ", 8), version))
}

func buildFixtures(b *testing.B) {
	b.Helper()
	fixtures.once.Do(func() {
		fixtures.err = func() error {
			root, err := os.MkdirTemp("", "store-bench-*")
			if err != nil {
				return err
			}
			fixtures.root = root
			fixtures.pages = filepath.Join(root, "pages.git")
			start := time.Now()
			s, err := Init(fixtures.pages)
			if err != nil {
				return err
			}
			_, err = s.Update(anne, "10.000 pagina's", func(tx *Tx) error {
				for i := 0; i < benchPages; i++ {
					if err := tx.Put(benchPath(i), benchContent(i, 0)); err != nil {
						return err
					}
				}
				return tx.Put(benchHotPage, benchContent(-1, 0))
			})
			s.Close()
			if err != nil {
				return err
			}
			fixtures.buildTime[0] = time.Since(start)

			start = time.Now()
			fixtures.history = filepath.Join(root, "history.git")
			if err := cloneRepo(fixtures.pages, fixtures.history); err != nil {
				return err
			}
			s, err = Open(fixtures.history)
			if err != nil {
				return err
			}
			defer s.Close()
			// Every tenth commit edits the hot page; the rest edit pages all
			// over the workspace.
			for c := 1; c <= benchPrior; c++ {
				p, content := benchPath((c*7919)%benchPages), benchContent(c, c)
				if c%10 == 0 {
					p, content = benchHotPage, benchContent(-1, c)
				}
				if _, err := s.Update(bram, "", func(tx *Tx) error { return tx.Put(p, content) }); err != nil {
					return err
				}
			}
			fixtures.buildTime[1] = time.Since(start)
			return nil
		}()
	})
	if fixtures.err != nil {
		b.Fatal(fixtures.err)
	}
}

// cloneRepo copies a bare repository; objects are immutable, so they are
// hard-linked. Everything else (refs are rewritten in place!) is copied.
func cloneRepo(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		if strings.HasPrefix(rel, "objects"+string(filepath.Separator)) {
			if err := os.Link(p, out); err == nil {
				return nil
			}
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
		if _, err := io.Copy(f, in); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
}

// BenchmarkSave saves one page per op (each a real commit) in a workspace of
// 10,000 pages, with 0 and with 5,000 earlier commits. The two must cost the
// same: a save touches only the page's folder, never the history.
func BenchmarkSave(b *testing.B) {
	buildFixtures(b)
	b.Logf("fixture build: 10,000 pages %v, 5,000 commits %v", fixtures.buildTime[0], fixtures.buildTime[1])
	for _, bc := range []struct {
		name, dir string
	}{
		{"pages=10000/commits=0", fixtures.pages},
		{"pages=10000/commits=5000", fixtures.history},
	} {
		b.Run(bc.name, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "repo.git")
			if err := cloneRepo(bc.dir, dir); err != nil {
				b.Fatal(err)
			}
			s, err := Open(dir)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			blobs := map[string]string{}
			for _, k := range benchKinds {
				ls, err := s.List(k, "")
				if err != nil {
					b.Fatal(err)
				}
				for _, e := range ls {
					blobs[e.Path] = e.Blob
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				p := benchPath((i * 31) % benchPages)
				r, err := s.Save(SaveRequest{Path: p, Content: benchContent(i, 1_000_000+i), Base: blobs[p], Author: anne})
				if err != nil {
					b.Fatal(err)
				}
				blobs[p] = r.Blob
			}
		})
	}
}

// BenchmarkHistory reads one page's history in a workspace with 5,000 commits:
// a page with 500 versions and a page with one. Cost follows the page's
// versions, not the size of the history.
func BenchmarkHistory(b *testing.B) {
	buildFixtures(b)
	s, err := Open(fixtures.history)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, bc := range []struct {
		name, path string
		want       int
	}{
		{"commits=5000/revisions=500", benchHotPage, benchPrior/10 + 1},
		{"commits=5000/revisions=1", benchPath(1), 1},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				h, err := s.History(bc.path)
				if err != nil || len(h) != bc.want {
					b.Fatalf("history: %d revisions, %v", len(h), err)
				}
			}
		})
	}
}

// BenchmarkRead reads a page at head in a workspace of 10,000 pages.
func BenchmarkRead(b *testing.B) {
	buildFixtures(b)
	s, err := Open(fixtures.history)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := s.Read(benchPath((i*31)%benchPages), ""); err != nil {
			b.Fatal(err)
		}
	}
}
