package datadir

import (
	"errors"
	"testing"
)

func TestLockModes(t *testing.T) {
	dir := t.TempDir()
	a, err := Lock(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Lock(dir, false)
	if err != nil {
		t.Fatalf("two shared locks must coexist: %v", err)
	}
	if _, err := Lock(dir, true); !errors.Is(err, ErrLocked) {
		t.Fatalf("exclusive while shared is held: %v, want ErrLocked", err)
	}
	a.Unlock()
	b.Unlock()
	b.Unlock() // twice is fine
	x, err := Lock(dir, true)
	if err != nil || !x.Exclusive() {
		t.Fatalf("exclusive after release: %v", err)
	}
	if _, err := Lock(dir, false); !errors.Is(err, ErrLocked) {
		t.Fatalf("shared while exclusive is held: %v, want ErrLocked", err)
	}
	if _, err := Lock(dir, true); !errors.Is(err, ErrLocked) {
		t.Fatalf("second exclusive: %v, want ErrLocked", err)
	}
	x.Unlock()
	var nilLock *Held
	if err := nilLock.Unlock(); err != nil {
		t.Fatal(err)
	}
}

func TestLockCreatesDir(t *testing.T) {
	dir := t.TempDir() + "/nieuw/data"
	l, err := Lock(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	l.Unlock()
}

// The server erases in its own process: its shared lock becomes exclusive while nobody else
// holds the directory, and stays shared (not lost) when someone does.
func TestUpgradeAndDowngrade(t *testing.T) {
	dir := t.TempDir()
	srv, err := Lock(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Unlock()
	reader, err := Lock(dir, false) // another process reading (leefwereld inzage)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Upgrade(); !errors.Is(err, ErrLocked) || srv.Exclusive() {
		t.Fatalf("upgrade beside another shared holder: %v (exclusive %v), want ErrLocked", err, srv.Exclusive())
	}
	if _, err := Lock(dir, true); !errors.Is(err, ErrLocked) {
		t.Fatalf("after a refused upgrade the shared lock must be held again: exclusive lock got %v", err)
	}
	reader.Unlock()
	if err := srv.Upgrade(); err != nil || !srv.Exclusive() {
		t.Fatalf("upgrade alone: %v", err)
	}
	if err := srv.Upgrade(); err != nil {
		t.Fatalf("second upgrade: %v", err)
	}
	if _, err := Lock(dir, false); !errors.Is(err, ErrLocked) {
		t.Fatalf("shared lock beside an upgraded one: %v, want ErrLocked", err)
	}
	if err := srv.Downgrade(); err != nil || srv.Exclusive() {
		t.Fatalf("downgrade: %v", err)
	}
	other, err := Lock(dir, false)
	if err != nil {
		t.Fatalf("shared lock after the downgrade: %v", err)
	}
	other.Unlock()
	if _, err := Lock(dir, true); !errors.Is(err, ErrLocked) {
		t.Fatalf("the downgraded lock must still be held: %v", err)
	}
	var none *Held
	if none.Upgrade() == nil || none.Downgrade() == nil {
		t.Error("nil lock converts")
	}
}
