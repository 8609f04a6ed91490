package store

import (
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/leefwereld/leefwereld/internal/gittree"
)

// tentry is one entry of a git tree. We parse and encode trees ourselves: the
// format is trivial, and a folder with thousands of pages is rewritten on every
// save, so it must be cheap.
type tentry struct {
	name string
	mode filemode.FileMode
	hash plumbing.Hash
}

func (e tentry) isDir() bool  { return e.mode == filemode.Dir }
func (e tentry) isFile() bool { return e.mode.IsFile() }

// gitCmp orders tree entries the way git does: as if a folder's name ended in
// "/". A tree in any other order is corrupt to git fsck.
func gitCmp(a string, aDir bool, b string, bDir bool) int {
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	ca, cb := nextKey(a, aDir, n), nextKey(b, bDir, n)
	switch {
	case ca < cb:
		return -1
	case ca > cb:
		return 1
	}
	return 0
}

// nextKey is the byte of name(+"/" for a folder) at i, or -1 past its end.
func nextKey(name string, dir bool, i int) int {
	if i < len(name) {
		return int(name[i])
	}
	if i == len(name) && dir {
		return '/'
	}
	return -1
}

// findEntry returns the index of name in sorted entries (file or folder), or -1.
func findEntry(ents []tentry, name string) int {
	for _, dir := range []bool{false, true} {
		i := sort.Search(len(ents), func(i int) bool {
			return gitCmp(ents[i].name, ents[i].isDir(), name, dir) >= 0
		})
		if i < len(ents) && ents[i].name == name {
			return i
		}
	}
	return -1
}

// insertPos is where an entry belongs in sorted entries.
func insertPos(ents []tentry, e tentry) int {
	return sort.Search(len(ents), func(i int) bool {
		return gitCmp(ents[i].name, ents[i].isDir(), e.name, e.isDir()) >= 0
	})
}

func parseTree(data []byte) ([]tentry, error) {
	var ents []tentry
	err := gittree.Parse(data, func(name string, mode filemode.FileMode, h plumbing.Hash) {
		ents = append(ents, tentry{name: name, mode: mode, hash: h})
	})
	return ents, err
}

// encodeTree writes entries, which must already be in git order.
func encodeTree(ents []tentry) []byte {
	buf := make([]byte, 0, len(ents)*48)
	for _, e := range ents {
		buf = gittree.Append(buf, e.name, e.mode, e.hash)
	}
	return buf
}

// emptyTree is git's well-known empty tree.
var emptyTree = plumbing.NewHash("4b825dc642cb6eb9a060e54bf8d69288fbee4904")

// readObject reads a whole object. If it is missing, the packs may have
// changed under us (a git gc by another process), so we reindex once.
func (s *Store) readObject(t plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	obj, err := s.st.EncodedObject(t, h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		s.st.Reindex()
		obj, err = s.st.EncodedObject(t, h)
	}
	if err != nil {
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			return nil, fmt.Errorf("object %s: %w", h, ErrNotFound)
		}
		return nil, err
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return data, nil
}

// writeObject stores an object unless it already exists, and returns its hash.
func (s *Store) writeObject(t plumbing.ObjectType, data []byte) (plumbing.Hash, error) {
	h := plumbing.ComputeHash(t, data)
	if s.st.HasEncodedObject(h) == nil {
		return h, nil
	}
	return h, s.loose.Write(t, h, data)
}

// LooseWriter writes loose objects the way git does: zlib at level 1 (git's
// core.looseCompression default; go-git's writer always uses level 6, which made compressing
// a big folder tree the main cost of a save), into a temporary file beside its final name,
// read-only, then renamed into place, so a reader never sees half an object. The store and
// purge both write through it. Not safe for concurrent use: it reuses one compressor.
type LooseWriter struct {
	Dir string // the repository directory (holding objects/)
	zw  *zlib.Writer
}

// Write stores data, of type t, as the loose object h.
func (w *LooseWriter) Write(t plumbing.ObjectType, h plumbing.Hash, data []byte) error {
	hex := h.String()
	dir := filepath.Join(w.Dir, "objects", hex[:2])
	f, err := os.CreateTemp(dir, "tmp_obj_")
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(dir, 0o755); err == nil {
			f, err = os.CreateTemp(dir, "tmp_obj_")
		}
	}
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
	if w.zw == nil {
		w.zw, _ = zlib.NewWriterLevel(f, zlib.BestSpeed)
	} else {
		w.zw.Reset(f)
	}
	hdr := append(t.Bytes(), ' ')
	hdr = strconv.AppendInt(hdr, int64(len(data)), 10)
	hdr = append(hdr, 0)
	if _, err := w.zw.Write(hdr); err != nil {
		return err
	}
	if _, err := w.zw.Write(data); err != nil {
		return err
	}
	if err := w.zw.Close(); err != nil {
		return err
	}
	if err := f.Chmod(0o444); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), filepath.Join(dir, hex[2:])); err != nil {
		return err
	}
	ok = true
	return nil
}

// tree returns the parsed entries of a tree; the zero hash is the empty tree.
// The slice is shared: callers must copy before changing it.
func (s *Store) tree(h plumbing.Hash) ([]tentry, error) {
	if h.IsZero() || h == emptyTree {
		return nil, nil
	}
	if ents, ok := s.trees.get(h); ok {
		return ents, nil
	}
	data, err := s.readObject(plumbing.TreeObject, h)
	if err != nil {
		return nil, err
	}
	ents, err := parseTree(data)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	s.trees.put(h, ents)
	return ents, nil
}

// commitInfo is what we need of a commit object.
type commitInfo struct {
	tree    plumbing.Hash
	parents []plumbing.Hash
	author  object.Signature
	message string
}

func (s *Store) commit(h plumbing.Hash) (commitInfo, error) {
	if ci, ok := s.commits.get(h); ok {
		return ci, nil
	}
	obj, err := s.st.EncodedObject(plumbing.CommitObject, h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		s.st.Reindex()
		obj, err = s.st.EncodedObject(plumbing.CommitObject, h)
	}
	if err != nil {
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			return commitInfo{}, fmt.Errorf("commit %s: %w", h, ErrNotFound)
		}
		return commitInfo{}, err
	}
	c, err := object.DecodeCommit(s.st, obj)
	if err != nil {
		return commitInfo{}, fmt.Errorf("commit %s: %w", h, err)
	}
	ci := commitInfo{tree: c.TreeHash, parents: c.ParentHashes, author: c.Author,
		message: strings.TrimRight(c.Message, "\n")}
	s.commits.put(h, ci)
	return ci, nil
}

// commitTree is the root tree of a commit; the zero commit has the empty tree.
func (s *Store) commitTree(h plumbing.Hash) (plumbing.Hash, error) {
	if h.IsZero() {
		return plumbing.ZeroHash, nil
	}
	ci, err := s.commit(h)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return ci.tree, nil
}

// lookup finds path in a root tree. ok is false when it does not exist.
func (s *Store) lookup(root plumbing.Hash, path string) (e tentry, ok bool, err error) {
	cur := root
	for {
		seg, rest, more := strings.Cut(path, "/")
		ents, err := s.tree(cur)
		if err != nil {
			return tentry{}, false, err
		}
		i := findEntry(ents, seg)
		if i < 0 {
			return tentry{}, false, nil
		}
		if !more {
			return ents[i], true, nil
		}
		if !ents[i].isDir() {
			return tentry{}, false, nil
		}
		cur, path = ents[i].hash, rest
	}
}

func (s *Store) readBlob(h plumbing.Hash) ([]byte, error) {
	return s.readObject(plumbing.BlobObject, h)
}

func (s *Store) blobSize(h plumbing.Hash) (int64, error) {
	if n, ok := s.sizes.get(h); ok {
		return n, nil
	}
	n, err := s.st.EncodedObjectSize(h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		s.st.Reindex()
		n, err = s.st.EncodedObjectSize(h)
	}
	if err != nil {
		return 0, err
	}
	s.sizes.put(h, n)
	return n, nil
}
