// Package datadir guards a Leefwereld data directory against processes that must not overlap.
//
// Most work on a workspace may run side by side (the store's compare-and-swap keeps concurrent
// saves apart), so the server holds a shared lock. Erasing data rewrites the whole history and
// deletes objects other processes may be reading, so purge needs the directory to itself and
// takes an exclusive lock. The lock is an flock on <data>/.lock: the kernel drops it when the
// process ends, however it ends, so a crash never leaves a stale lock behind.
package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// FileName is the lock file inside the data directory.
const FileName = ".lock"

// ErrLocked is returned by Lock when another process (or another Lock in this process) holds a
// lock that conflicts with the one asked for. Lock never waits.
var ErrLocked = errors.New("datadir: in use by another process")

// Held is a lock on a data directory, held until Unlock or the end of the process.
type Held struct {
	f         *os.File
	exclusive bool
}

// Lock takes the lock on dir, creating dir and the lock file if needed. exclusive asks for the
// directory alone (purge); otherwise the lock is shared with other shared holders (serve).
// It fails at once with ErrLocked rather than wait: a user who runs purge while the server runs
// must hear "stop eerst de server", not stare at a hanging prompt.
func Lock(dir string, exclusive bool) (*Held, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("datadir: lock %s: %w", dir, err)
	}
	f, err := os.OpenFile(filepath.Join(dir, FileName), os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, fmt.Errorf("datadir: lock %s: %w", dir, err)
	}
	if err := lockFile(f, exclusive); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, fmt.Errorf("datadir: lock %s: %w", dir, ErrLocked)
		}
		return nil, fmt.Errorf("datadir: lock %s: %w", dir, err)
	}
	return &Held{f: f, exclusive: exclusive}, nil
}

// Exclusive reports whether the lock is held exclusively.
func (l *Held) Exclusive() bool { return l != nil && l.exclusive }

// Unlock releases the lock. It is safe to call on nil and more than once.
func (l *Held) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlockFile(l.f)
	err = errors.Join(err, l.f.Close())
	l.f = nil
	if err != nil {
		return fmt.Errorf("datadir: unlock: %w", err)
	}
	return nil
}
