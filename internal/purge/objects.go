package purge

import (
	"errors"
	"fmt"
	"io"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/leefwereld/leefwereld/internal/gittree"
	"github.com/leefwereld/leefwereld/internal/store"
)

// repo is purge's own view of the bare repository. It reads through go-git's object storage
// (loose and packed objects alike) and writes loose objects the way the store does. Purge runs
// with the data directory to itself, so it needs none of the store's locking or caches, and
// it must see every object, not only what the branch reaches.
type repo struct {
	dir   string
	st    *filesystem.Storage
	loose store.LooseWriter // the store's own way of writing loose objects
	out   *packOut          // while set, new objects go into this pack, not into loose files
}

func openRepo(dir string) *repo {
	return &repo{dir: dir, loose: store.LooseWriter{Dir: dir}, st: filesystem.NewStorage(osfs.New(dir), cache.NewObjectLRU(32*cache.MiByte))}
}

func (r *repo) close() error { return r.st.Close() }

// branch is the only branch a workspace has.
const branch = plumbing.ReferenceName("refs/heads/main")

// emptyTree is git's well-known empty tree.
var emptyTree = plumbing.NewHash("4b825dc642cb6eb9a060e54bf8d69288fbee4904")

// head reads the branch (loose or packed); zero in an empty repository.
func (r *repo) head() (plumbing.Hash, error) {
	ref, err := r.st.Reference(branch)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return ref.Hash(), nil
}

// read returns an object's content, of the type asked.
func (r *repo) read(t plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	obj, err := r.st.EncodedObject(t, h)
	if err != nil {
		return nil, fmt.Errorf("object %s: %w", h, err)
	}
	rd, err := obj.Reader()
	if err != nil {
		return nil, fmt.Errorf("object %s: %w", h, err)
	}
	defer rd.Close()
	data, err := io.ReadAll(rd)
	if err != nil {
		return nil, fmt.Errorf("object %s: %w", h, err)
	}
	return data, nil
}

func (r *repo) commit(h plumbing.Hash) (*object.Commit, error) {
	obj, err := r.st.EncodedObject(plumbing.CommitObject, h)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", h, err)
	}
	c, err := object.DecodeCommit(r.st, obj)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", h, err)
	}
	return c, nil
}

// tentry is one entry of a tree. Trees are parsed and encoded by hand, as in the store: the
// format is trivial and a folder with thousands of pages must be cheap to rewrite.
type tentry struct {
	name string
	mode filemode.FileMode
	hash plumbing.Hash
}

func (e tentry) isDir() bool { return e.mode == filemode.Dir }

// tree returns the entries of a tree in git order; the empty tree has none.
func (r *repo) tree(h plumbing.Hash) ([]tentry, error) {
	if h == emptyTree {
		return nil, nil
	}
	data, err := r.read(plumbing.TreeObject, h)
	if err != nil {
		return nil, err
	}
	ents, err := parseTree(data)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	return ents, nil
}

func parseTree(data []byte) ([]tentry, error) {
	var ents []tentry
	err := gittree.Parse(data, func(name string, mode filemode.FileMode, h plumbing.Hash) {
		ents = append(ents, tentry{name: name, mode: mode, hash: h})
	})
	return ents, err
}

// encodeTree writes entries that are already in git order. Purge only ever removes entries
// from a tree, so the order it read is the order it writes.
func encodeTree(ents []tentry) []byte {
	buf := make([]byte, 0, len(ents)*48)
	for _, e := range ents {
		buf = gittree.Append(buf, e.name, e.mode, e.hash)
	}
	return buf
}

// write stores an object unless it exists, and returns its hash.
func (r *repo) write(t plumbing.ObjectType, data []byte) (plumbing.Hash, error) {
	return r.writeIn("", t, data)
}

// writeIn is write for the tree of a folder: in a pack, it may be stored as a delta against
// the folder's previous tree.
func (r *repo) writeIn(folder string, t plumbing.ObjectType, data []byte) (plumbing.Hash, error) {
	h := plumbing.ComputeHash(t, data)
	if r.out != nil && r.out.has.has(h) || r.st.HasEncodedObject(h) == nil {
		return h, nil
	}
	if r.out != nil {
		if err := r.out.add(t, h, data, folder); err != nil {
			return plumbing.ZeroHash, fmt.Errorf("write %s: %w", h, err)
		}
		return h, nil
	}
	if err := r.loose.Write(t, h, data); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("write %s: %w", h, err)
	}
	return h, nil
}

// writeCommit encodes and stores a commit.
func (r *repo) writeCommit(c *object.Commit) (plumbing.Hash, error) {
	obj := &plumbing.MemoryObject{}
	if err := c.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	rd, _ := obj.Reader()
	data, err := io.ReadAll(rd)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return r.write(plumbing.CommitObject, data)
}
