package purge

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
)

// packWindow is how many similar objects the encoder compares to find deltas; git's default.
const packWindow = 10

// writePack writes the objects into one new pack with its index and returns the objects the
// index lists, which must be exactly those asked for. The pack is encoded into a temporary
// file, then parsed back the way a reader would to build the index: what lands is what reads.
// The index is renamed into place before the pack, so at no moment does go-git see a pack
// without an index (which it refuses) and git ignores an index without its pack.
func (r *repo) writePack(want []plumbing.Hash) (objectSet, error) {
	dir := filepath.Join(r.dir, "objects", "pack")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, "tmp_pack_purge_")
	if err != nil {
		return nil, err
	}
	done := false
	defer func() {
		f.Close()
		if !done {
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	sum, err := packfile.NewEncoder(bw, r.st, false).Encode(want, packWindow)
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	if err := f.Sync(); err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	iw := new(idxfile.Writer)
	parser, err := packfile.NewParser(packfile.NewScanner(f), iw)
	if err != nil {
		return nil, err
	}
	parsed, err := parser.Parse()
	if err != nil {
		return nil, fmt.Errorf("read back: %w", err)
	}
	if parsed != sum {
		return nil, fmt.Errorf("read back: checksum %s, wrote %s", parsed, sum)
	}
	idx, err := iw.Index()
	if err != nil {
		return nil, err
	}
	got, err := indexed(idx)
	if err != nil {
		return nil, err
	}
	if len(got) != len(want) {
		return nil, fmt.Errorf("read back: %d objects, wrote %d", len(got), len(want))
	}
	for _, h := range want {
		if !got.has(h) {
			return nil, fmt.Errorf("read back: object %s is missing", h)
		}
	}
	base := filepath.Join(dir, "pack-"+sum.String())
	if _, err := os.Stat(base + ".pack"); err == nil {
		return got, nil // the same pack was written by an interrupted run before
	}
	if err := writeFileAtomic(base+".idx", 0o444, func(w io.Writer) error {
		_, err := idxfile.NewEncoder(w).Encode(idx)
		return err
	}); err != nil {
		return nil, err
	}
	if err := f.Chmod(0o444); err != nil {
		return nil, err
	}
	if err := os.Rename(f.Name(), base+".pack"); err != nil {
		return nil, err
	}
	done = true
	if err := syncDir(dir); err != nil {
		return nil, err
	}
	r.st.Reindex()
	return got, nil
}

func indexed(idx *idxfile.MemoryIndex) (objectSet, error) {
	it, err := idx.Entries()
	if err != nil {
		return nil, err
	}
	defer it.Close()
	out := objectSet{}
	for {
		e, err := it.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out[e.Hash] = struct{}{}
	}
}

// writeFileAtomic writes a file through a synced temporary file and a rename.
func writeFileAtomic(path string, mode fs.FileMode, fill func(w io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "tmp_"+filepath.Base(path)+"_")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriter(f)
	if err := fill(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Chmod(mode); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	ok = true
	return syncDir(filepath.Dir(path))
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
