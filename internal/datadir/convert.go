package datadir

import (
	"errors"
	"fmt"
)

// Upgrade makes a shared lock exclusive, for an erasure inside the process that holds it (the
// server erasing from the web: it cannot take a second lock beside its own). It never waits:
// when another process holds the directory too (a `leefwereld inzage` that is reading), it
// returns ErrLocked and the lock is shared again. flock drops a lock before it converts it, so
// a refused conversion has let go for a moment; Upgrade then takes the shared lock back, and
// waits for it only if a purge slipped in meanwhile — after that purge the directory is
// consistent again, which is what the shared holder needs.
func (l *Held) Upgrade() error {
	if l == nil || l.f == nil {
		return errors.New("datadir: upgrade: no lock held")
	}
	if l.exclusive {
		return nil
	}
	err := lockFile(l.f, true)
	if err == nil {
		l.exclusive = true
		return nil
	}
	if rerr := waitLockFile(l.f, false); rerr != nil {
		return fmt.Errorf("datadir: upgrade: %v; the shared lock could not be taken back: %w", err, rerr)
	}
	if errors.Is(err, errWouldBlock) {
		return fmt.Errorf("datadir: upgrade: %w", ErrLocked)
	}
	return fmt.Errorf("datadir: upgrade: %w", err)
}

// Downgrade makes an exclusive lock shared again without letting go of the directory: the
// kernel swaps the two under one lock, and nothing else held it while it was exclusive.
func (l *Held) Downgrade() error {
	if l == nil || l.f == nil {
		return errors.New("datadir: downgrade: no lock held")
	}
	if !l.exclusive {
		return nil
	}
	if err := lockFile(l.f, false); err != nil {
		return fmt.Errorf("datadir: downgrade: %w", err)
	}
	l.exclusive = false
	return nil
}
