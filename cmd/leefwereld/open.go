package main

import (
	"errors"

	"github.com/leefwereld/leefwereld/internal/datadir"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// open opens the workspace for a command, holding the data directory's shared lock so that a
// purge (which needs it alone) cannot run underneath. On failure it prints why and returns the
// exit code; otherwise close releases both.
func (m *Main) open(data string) (w *workspace.Workspace, close func(), code int) {
	lock, code := m.lockShared(data)
	if lock == nil {
		return nil, nil, code
	}
	w, err := workspace.Open(data)
	if err != nil {
		lock.Unlock()
		return nil, nil, m.fail("kon de werkplek in %s niet openen: %v", data, err)
	}
	return w, func() { w.Close(); lock.Unlock() }, exitOK
}

// lockShared checks that data holds a workspace and takes the data directory's shared lock. On
// failure it prints why and returns the exit code.
func (m *Main) lockShared(data string) (*datadir.Held, int) {
	if !workspace.Exists(data) {
		return nil, m.fail("in %s staat geen werkplek; maak er een met: leefwereld init --data %s", data, data)
	}
	lock, err := datadir.Lock(data, false)
	if errors.Is(err, datadir.ErrLocked) {
		return nil, m.fail("in %s worden nu gegevens gewist (leefwereld purge); probeer het straks opnieuw", data)
	}
	if err != nil {
		return nil, m.fail("kon de werkplek in %s niet vergrendelen: %v", data, err)
	}
	return lock, exitOK
}
