package purge

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// JournalFile records a purge between writing its objects and finishing it. It names commits,
// the person and the time, never what is erased, so a crash leaves no trace of that either.
const JournalFile = "purge.journal"

// journal is what recovery needs: the branch before and after, and what to log.
type journal struct {
	Version int       `json:"version"`
	ID      string    `json:"id"`
	Old     string    `json:"old"`
	New     string    `json:"new"`
	By      string    `json:"by"`
	When    time.Time `json:"when"`
}

func journalPath(data string) string { return filepath.Join(data, JournalFile) }

// writeJournal writes the journal durably: a recovery must never find half of one.
func writeJournal(data string, j journal) error {
	j.Version = 1
	return writeFileAtomic(journalPath(data), 0o600, func(w io.Writer) error {
		return json.NewEncoder(w).Encode(j)
	})
}

// readJournal returns the journal, or nil when no purge is unfinished.
func readJournal(data string) (*journal, error) {
	b, err := os.ReadFile(journalPath(data))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var j journal
	if err := json.Unmarshal(b, &j); err != nil || j.Version != 1 || len(j.Old) != 40 || len(j.New) != 40 {
		return nil, fmt.Errorf("%s is unreadable: %v", JournalFile, err)
	}
	return &j, nil
}

func removeJournal(data string) error {
	if err := removeFile(journalPath(data)); err != nil {
		return err
	}
	return syncDir(data)
}

// Pending reports whether an interrupted purge waits to be finished or rolled back.
func Pending(data string) bool {
	_, err := os.Stat(journalPath(data))
	return err == nil
}
