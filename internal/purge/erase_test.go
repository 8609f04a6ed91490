package purge

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/datadir"
	"github.com/leefwereld/leefwereld/internal/purge/purgetest"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Erase is the path the command line and the server share: it needs the lock alone, lets
// Confirm stop it with nothing erased, and hands Forget what went.
func TestErase(t *testing.T) {
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), false)
	target := wiki.Ref{Kind: wiki.Case, Slug: purgetest.Casus}
	head := func() string { return strings.TrimSpace(purgetest.Git(t, f.Repo(), "rev-parse", "main")) }
	before := head()

	shared, err := datadir.Lock(f.Data, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Erase(shared, f.Data, Erasure{Target: target, Related: true, By: "Anna", Now: now}); err == nil {
		t.Error("Erase under a shared lock must refuse")
	}
	if err := shared.Upgrade(); err != nil {
		t.Fatal(err)
	}
	lock := shared
	defer lock.Unlock()

	no := errors.New("niet bevestigd")
	var seen *Plan
	_, err = Erase(lock, f.Data, Erasure{Target: target, Related: true, By: "Anna", Now: now,
		Confirm: func(p *Plan) error { seen = p; return no },
		Forget:  func([]string) error { t.Error("Forget after a refusal"); return nil }})
	if !errors.Is(err, no) || seen == nil || head() != before || Pending(f.Data) {
		t.Fatalf("a refused confirmation: %v, head moved %v", err, head() != before)
	}
	// The plan a confirmation page shows (with the server's own store) has the same digest.
	s, err := store.Open(f.Repo())
	if err != nil {
		t.Fatal(err)
	}
	shown, err := PlanWith(s, f.Data, target, true)
	s.Close()
	if err != nil || shown.Digest() != seen.Digest() || len(shown.Digest()) != 64 {
		t.Fatalf("digest of the shown plan %v: %q, Erase planned %q", err, shown.Digest(), seen.Digest())
	}
	page, err := PlanPage(f.Data, target)
	if err != nil || page.Digest() == seen.Digest() {
		t.Errorf("erasing only the casus page has the digest of erasing it with its portraits: %v", err)
	}
	if _, err := Erase(lock, f.Data, Erasure{Target: target, Related: true, By: "Anna <a>", Now: now}); err == nil {
		t.Error("a bad name must be refused")
	}

	var forgot []string
	done, err := Erase(lock, f.Data, Erasure{Target: target, Related: true, By: "k3abc", Email: "k3abc@leefwereld.invalid", Now: now,
		Confirm: func(p *Plan) error {
			if p.Digest() != seen.Digest() {
				t.Error("the plan changed between two runs on the same workspace")
			}
			return nil
		},
		Forget: func(paths []string) error { forgot = paths; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"cases/lotte-groep-5.md", "portraits/lotje.md", "media/lotte"} {
		if !slices.Contains(forgot, p) {
			t.Errorf("Forget was given %v, without %s", forgot, p)
		}
	}
	if done.Result.Line == "" || done.Resumed != Nothing || done.Plan == nil {
		t.Errorf("erased: %+v", done)
	}
	f.ProveErased(t)
	if who := purgetest.Git(t, f.Repo(), "log", "-1", "--format=%an <%ae>", "main"); strings.TrimSpace(who) != "k3abc <k3abc@leefwereld.invalid>" {
		t.Errorf("tombstone author %q", who)
	}
	// Erased is erased: the same erasure again finds nothing.
	if _, err := Erase(lock, f.Data, Erasure{Target: target, Related: true, By: "Anna", Now: now}); !errors.Is(err, ErrNotFound) {
		t.Errorf("again: %v", err)
	}
}

func TestEraseReportsAFailedForget(t *testing.T) {
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), false)
	lock, err := datadir.Lock(f.Data, true)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	done, err := Erase(lock, f.Data, Erasure{Target: wiki.Ref{Kind: wiki.Frame, Slug: "tekenen-als-taal"}, By: "Anna", Now: now,
		Forget: func([]string) error { return errors.New("schijf vol") }})
	if !errors.Is(err, ErrForget) || done.Result.Commit == "" {
		t.Fatalf("failed forget: %v %+v", err, done)
	}
	if purgetest.Contains(t, f.Repo(), "Tekenen mag weer gezien worden") {
		t.Error("the erasure did not happen")
	}
}
