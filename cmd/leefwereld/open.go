package main

import (
	"errors"

	"github.com/leefwereld/leefwereld/internal/workspace"
)

// open opens the workspace for a command; on failure it prints why and returns the exit code.
func (m *Main) open(data string) (*workspace.Workspace, int) {
	w, err := workspace.Open(data)
	switch {
	case errors.Is(err, workspace.ErrNotExist):
		return nil, m.fail("in %s staat geen werkplek; maak er een met: leefwereld init --data %s", data, data)
	case err != nil:
		return nil, m.fail("kon de werkplek in %s niet openen: %v", data, err)
	}
	return w, exitOK
}
