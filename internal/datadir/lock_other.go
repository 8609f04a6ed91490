//go:build !unix

package datadir

import (
	"errors"
	"os"
)

// errWouldBlock is never returned here: without flock the lock is advisory only in name.
var errWouldBlock = errors.New("would block")

// lockFile is a no-op where flock does not exist; Leefwereld runs on Linux servers, and this
// keeps the code building elsewhere. Purge there relies on the user having stopped the server.
func lockFile(*os.File, bool) error { return nil }

func waitLockFile(*os.File, bool) error { return nil }

func unlockFile(*os.File) error { return nil }
