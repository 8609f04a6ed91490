package store

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestConcurrentSaves: many editors save at once, each reading a page and
// saving with the blob it read as Base, like the web editor does. Editors of
// the shared page each own one paragraph (merges are clean) or append lines
// at its end (concurrent appends conflict: the editor then starts again from
// the conflict's Theirs, as the UI would). Nothing may be lost: every line
// whose save succeeded is in the final text, and there is exactly one commit
// per successful, changing save.
func TestConcurrentSaves(t *testing.T) {
	const (
		workers = 16
		saves   = 20
		shared  = "themes/gedeeld.md"
	)
	s := testStore(t)
	var lines []string
	for g := 0; g < workers; g++ {
		lines = append(lines, fmt.Sprintf("alinea %d: begin", g), "")
	}
	save(t, s, SaveRequest{Path: shared, Content: []byte(strings.Join(lines, "\n") + "\n-- einde --\n")})

	var commits, conflicts, merged atomic.Int64
	lastOwn := make([]string, workers)    // worker's last paragraph text that got committed
	appended := make([][]string, workers) // worker's appended lines that got committed
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			own := fmt.Sprintf("portraits/p%02d.md", g)
			ownBase := ""
			for i := 0; i < saves; i++ {
				switch {
				case i%4 == 3: // my own page: never a conflict
					r, err := s.Save(SaveRequest{Path: own, Content: []byte(fmt.Sprintf("versie %d\n", i)), Base: ownBase, Author: anne})
					if err != nil {
						errs <- err
						return
					}
					ownBase = r.Blob
					commits.Add(1)
				case g%2 == 0: // edit my paragraph of the shared page
					text := fmt.Sprintf("alinea %d: versie %d", g, i)
					f, err := s.Read(shared, "")
					if err != nil {
						errs <- err
						return
					}
					prefix := fmt.Sprintf("alinea %d: ", g)
					var out []string
					for _, l := range strings.Split(string(f.Content), "\n") {
						if strings.HasPrefix(l, prefix) {
							l = text
						}
						out = append(out, l)
					}
					r, err := s.Save(SaveRequest{Path: shared, Content: []byte(strings.Join(out, "\n")), Base: f.Blob, Author: bram})
					if err != nil {
						errs <- fmt.Errorf("paragraph %d: %w", g, err)
						return
					}
					if r.Merged {
						merged.Add(1)
					}
					if !r.Unchanged {
						commits.Add(1)
					}
					lastOwn[g] = text
				default: // append a line at the end: retries on conflicts
					line := fmt.Sprintf("toegevoegd door %d nr %d", g, i)
					f, err := s.Read(shared, "")
					if err != nil {
						errs <- err
						return
					}
					content, base := string(f.Content), f.Blob
					for attempt := 0; ; attempt++ {
						r, err := s.Save(SaveRequest{Path: shared, Content: []byte(content + line + "\n"), Base: base, Author: anne})
						var ce *ConflictError
						if errors.As(err, &ce) && attempt < 100 {
							conflicts.Add(1)
							if ce.Reason != ReasonChanged || strings.Contains(string(ce.Theirs), line) {
								errs <- fmt.Errorf("append %d: odd conflict %+v", g, ce.Reason)
								return
							}
							content, base = string(ce.Theirs), ce.TheirsBlob
							continue
						}
						if err != nil {
							errs <- fmt.Errorf("append %d: %w", g, err)
							return
						}
						if r.Merged {
							merged.Add(1)
						}
						commits.Add(1)
						appended[g] = append(appended[g], line)
						break
					}
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	final := string(read(t, s, shared).Content)
	for g := 0; g < workers; g++ {
		if g%2 == 0 && !strings.Contains(final, lastOwn[g]+"\n") {
			t.Errorf("lost update: %q missing", lastOwn[g])
		}
		for _, l := range appended[g] {
			if strings.Count(final, l+"\n") != 1 {
				t.Errorf("lost or doubled append: %q", l)
			}
		}
		if f := read(t, s, fmt.Sprintf("portraits/p%02d.md", g)); string(f.Content) != fmt.Sprintf("versie %d\n", saves-1) {
			t.Errorf("own page %d = %q", g, f.Content)
		}
	}
	if strings.Contains(final, "<<<<<<<") || strings.Contains(final, ">>>>>>>") {
		t.Error("conflict markers committed")
	}
	log, err := s.Log(0)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(log)) != commits.Load()+1 {
		t.Errorf("%d commits, want %d successful saves + 1", len(log), commits.Load())
	}
	if got := strings.TrimSpace(gitCLI(t, s.Dir(), "rev-list", "--count", "main")); got != fmt.Sprint(len(log)) {
		t.Errorf("git counts %s commits, log %d", got, len(log))
	}
	t.Logf("%d commits, %d merged, %d conflicts retried", commits.Load(), merged.Load(), conflicts.Load())
	fsck(t, s.Dir())
}

// TestConcurrentStores: two Store values on one repository (as two processes
// would be) write at the same time. Their mutexes do not protect each other;
// the branch's compare-and-swap must, so no commit may be lost.
// (This test found a real bug: a reader seeing go-git's ref file mid-rewrite
// took it for an empty branch and committed a new root.)
func TestConcurrentStores(t *testing.T) {
	s1 := testStore(t) // empty: the two also race for the first commit
	s2, err := Open(s1.Dir())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	const per = 12
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w, s := range []*Store{s1, s2, s1, s2} {
		wg.Add(1)
		go func(w int, s *Store) {
			defer wg.Done()
			for i := 0; i < per; i++ {
				if _, err := s.Save(SaveRequest{Path: fmt.Sprintf("w%d/p%02d.md", w, i), Content: []byte("x"), Author: anne}); err != nil {
					errs <- err
					return
				}
			}
		}(w, s)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	want := 4 * per
	for _, s := range []*Store{s1, s2} {
		if n := len(snap(t, s).files); n != want {
			t.Errorf("%d files, want %d", n, want)
		}
		if log, _ := s.Log(0); len(log) != want {
			t.Errorf("%d commits, want %d", len(log), want)
		}
	}
	fsck(t, s1.Dir())
}
