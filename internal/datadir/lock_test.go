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
