package purge

import "os"

// CrashEnv makes a purge stop dead (exit status 3) at a named point, so tests can prove that
// an interrupted purge leaves the repository whole and that the next run finishes it. The
// points, in order: "objects-written" (new history written, journal saved, branch not moved),
// "branch-moved", "pruning" (half the old objects deleted), "pruned" (old objects
// gone, history index and log not yet redone).
const CrashEnv = "LEEFWERELD_PURGE_CRASH_AT"

func crashAt(point string) {
	if os.Getenv(CrashEnv) == point {
		os.Exit(3)
	}
}
