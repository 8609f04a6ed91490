package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// historyHeader is the file's first line; a file without it is rebuilt.
const historyHeader = `{"leefwereld-history":1}`

// historyFile is where the index lives: inside the bare repository, so it
// travels with it, in a folder git ignores.
func historyFile(dir string) string { return filepath.Join(dir, "leefwereld", "history") }

// readHistoryFile returns the records of the file in order; clean is false if
// the file is missing, of another version, or has lines it could not read.
func readHistoryFile(file string) (recs []*histRec, clean bool) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 64<<20)
	if !sc.Scan() || sc.Text() != historyHeader {
		return nil, false
	}
	clean = true
	seen := map[string]bool{}
	for sc.Scan() {
		var r histRec
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil || len(r.Commit) != 40 || seen[r.Commit] {
			clean = false
			continue
		}
		seen[r.Commit] = true
		recs = append(recs, &r)
	}
	if sc.Err() != nil {
		clean = false
	}
	return recs, clean
}

func encodeRecords(buf *bytes.Buffer, recs []*histRec) error {
	for _, r := range recs {
		line, err := json.Marshal(r)
		if err != nil {
			return err
		}
		buf.Write(line)
		buf.WriteByte('\n')
	}
	return nil
}

// rewrite replaces the file with the chain, atomically (temp file + rename).
func (h *history) rewrite() error {
	var buf bytes.Buffer
	buf.WriteString(historyHeader + "\n")
	if err := encodeRecords(&buf, h.chain); err != nil {
		return err
	}
	dir := filepath.Dir(h.file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "history-*.tmp")
	if err != nil {
		return err
	}
	_, werr := f.Write(buf.Bytes())
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), h.file); err != nil {
		os.Remove(f.Name())
		return err
	}
	h.stale = false
	return nil
}

// append adds records at the end of the file in one write.
func (h *history) append(recs ...*histRec) error {
	if len(recs) == 0 {
		return nil
	}
	var buf bytes.Buffer
	if err := encodeRecords(&buf, recs); err != nil {
		return err
	}
	f, err := os.OpenFile(h.file, os.O_WRONLY|os.O_APPEND, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return h.rewrite()
	}
	if err != nil {
		return err
	}
	_, werr := f.Write(buf.Bytes())
	return errors.Join(werr, f.Close())
}
