package purge

import (
	"bytes"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"github.com/leefwereld/leefwereld/internal/store"
)

// LogFile is the append-only record of erasures in the data directory: one line each, saying
// that data was erased, by whom and when, never what (no names, paths or counts).
const LogFile = "purge.log"

// tombstoneMessage is the message of the commit a purge leaves on top.
func tombstoneMessage(by string, now time.Time) string {
	return fmt.Sprintf("Gegevens gewist\n\nOp verzoek zijn gegevens uit de hele geschiedenis van deze werkplek verwijderd.\n"+
		"Gewist door: %s\nGewist op: %s\n", by, now.Format("2006-01-02 15:04"))
}

// logLine is the line for purge.log and the terminal. The id ties the line to its journal, so
// a resumed purge does not log twice; it is random and says nothing about the data.
func logLine(j *journal) string {
	return fmt.Sprintf("%s gegevens gewist uit de hele geschiedenis door %s (wisactie %s)",
		j.When.Format(time.RFC3339), j.By, j.ID)
}

// appendLog appends the purge's line once.
func appendLog(data string, j *journal) error {
	path := filepath.Join(data, LogFile)
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	if bytes.Contains(old, []byte("(wisactie "+j.ID+")")) {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o640)
	if err != nil {
		return err
	}
	_, werr := f.WriteString(logLine(j) + "\n")
	serr := f.Sync()
	cerr := f.Close()
	if werr != nil || serr != nil {
		return fmt.Errorf("%v %v", werr, serr)
	}
	return cerr
}

// rebuildCaches throws away everything derived from the old history: the store's per-page
// history index (it quotes commit messages) is rebuilt now; the search index (it holds page
// text) is deleted and rebuilt by the server from git when it starts.
func rebuildCaches(data string) error {
	repo := repoDir(data)
	if err := os.RemoveAll(filepath.Join(repo, "leefwereld")); err != nil {
		return fmt.Errorf("purge: history index: %w", err)
	}
	if err := os.RemoveAll(filepath.Join(data, SearchIndexDir)); err != nil {
		return fmt.Errorf("purge: search index: %w", err)
	}
	// With its index gone, opening the store rebuilds it from git, as RebuildHistory would;
	// calling that too would compute it twice.
	s, err := store.Open(repo)
	if err != nil {
		return fmt.Errorf("purge: history index: %w", err)
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("purge: history index: %w", err)
	}
	if _, err := os.Stat(filepath.Join(repo, "leefwereld", "history")); err != nil {
		return fmt.Errorf("purge: history index was not rebuilt: %w", err)
	}
	return nil
}

// DefaultBy is who erases when --by is not given: the operating-system user.
func DefaultBy() string {
	if u, err := user.Current(); err == nil && strings.TrimSpace(u.Username) != "" {
		return strings.TrimSpace(u.Username)
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := strings.TrimSpace(os.Getenv(k)); v != "" {
			return v
		}
	}
	return "onbekend"
}
