package store

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// Tx stages the changes of one Update against the head it started from. It
// is an in-memory copy-on-write view of the tree: only folders that are
// touched get loaded and rewritten, so a change costs the size of its folders,
// not of the repository. A Tx is only valid inside its Update's fn.
type Tx struct {
	s        *Store
	head     plumbing.Hash
	baseTree plumbing.Hash
	root     *tnode
	pending  map[plumbing.Hash][]byte // blobs staged but not yet written
	message  string
	done     bool
}

func newTx(s *Store, head, baseTree plumbing.Hash) *Tx {
	return &Tx{s: s, head: head, baseTree: baseTree,
		root: &tnode{hash: baseTree}, pending: map[plumbing.Hash][]byte{}}
}

// Head is the commit the transaction builds on ("" in an empty repository).
func (tx *Tx) Head() string { return hashString(tx.head) }

// SetMessage replaces the commit message, for when fn knows better than the
// caller of Update (Save says when it merged).
func (tx *Tx) SetMessage(msg string) { tx.message = msg }

func (tx *Tx) check(op, path string) error {
	if tx.done {
		return fmt.Errorf("store: tx %s %q: %w", op, path, ErrClosed)
	}
	return nil
}

// Read returns the staged content of path, seeing the tx's own changes.
func (tx *Tx) Read(path string) ([]byte, error) {
	e, err := tx.file("read", path)
	if err != nil {
		return nil, err
	}
	if data, ok := tx.pending[e.hash]; ok {
		return bytes.Clone(data), nil
	}
	data, err := tx.s.readBlob(e.hash)
	if err != nil {
		return nil, fmt.Errorf("store: tx read %q: %w", path, err)
	}
	return data, nil
}

// Blob returns the staged blob hash of path.
func (tx *Tx) Blob(path string) (string, error) {
	e, err := tx.file("blob", path)
	if err != nil {
		return "", err
	}
	return e.hash.String(), nil
}

func (tx *Tx) file(op, path string) (tentry, error) {
	if err := tx.check(op, path); err != nil {
		return tentry{}, err
	}
	if err := checkPath(path); err != nil {
		return tentry{}, err
	}
	n, i, err := tx.find(path)
	if err != nil {
		return tentry{}, fmt.Errorf("store: tx %s %q: %w", op, path, err)
	}
	if i < 0 || !n.ents[i].isFile() {
		return tentry{}, fmt.Errorf("store: tx %s %q: %w", op, path, ErrNotFound)
	}
	return n.ents[i], nil
}

// Put stages path with content (a new file or a new version).
func (tx *Tx) Put(path string, content []byte) error {
	if err := tx.check("put", path); err != nil {
		return err
	}
	if err := checkPath(path); err != nil {
		return err
	}
	dir, name := splitPath(path)
	if err := tx.canCreate(dir); err != nil {
		return fmt.Errorf("store: tx put %q: %w", path, err)
	}
	n, err := tx.node(dir, true)
	if err != nil {
		return fmt.Errorf("store: tx put %q: %w", path, err)
	}
	h := plumbing.ComputeHash(plumbing.BlobObject, content)
	if i := findEntry(n.ents, name); i >= 0 {
		e := n.ents[i]
		if e.isDir() {
			empty, err := tx.empty(n, i)
			if err != nil {
				return fmt.Errorf("store: tx put %q: %w", path, err)
			}
			if !empty {
				return fmt.Errorf("store: tx put %q: is a folder: %w", path, ErrInvalid)
			}
			n.remove(i)
		} else {
			if e.hash == h && e.mode == filemode.Regular {
				return nil
			}
			n.remove(i)
		}
	}
	if _, ok := tx.pending[h]; !ok {
		tx.pending[h] = bytes.Clone(content)
	}
	n.insert(tentry{name: name, mode: filemode.Regular, hash: h})
	n.markDirty()
	return nil
}

// Delete stages removing path: a file, or a folder with everything in it.
// ErrNotFound if absent.
func (tx *Tx) Delete(path string) error {
	if err := tx.check("delete", path); err != nil {
		return err
	}
	if err := checkPath(path); err != nil {
		return err
	}
	n, i, err := tx.find(path)
	if err != nil {
		return fmt.Errorf("store: tx delete %q: %w", path, err)
	}
	if i < 0 {
		return fmt.Errorf("store: tx delete %q: %w", path, ErrNotFound)
	}
	n.remove(i)
	n.markDirty()
	return nil
}

// Move stages moving a file, or a folder with everything under it, to a new
// path. ErrNotFound if from is absent, ErrExists if to is taken. A folder moves
// as one tree entry, so the cost does not depend on what is inside it.
func (tx *Tx) Move(from, to string) error {
	if err := tx.check("move", from); err != nil {
		return err
	}
	if err := checkPath(from); err != nil {
		return err
	}
	if err := checkPath(to); err != nil {
		return err
	}
	if from == to || strings.HasPrefix(to, from+"/") {
		return fmt.Errorf("store: tx move %q to %q: %w", from, to, ErrInvalid)
	}
	fn, i, err := tx.find(from)
	if err != nil {
		return fmt.Errorf("store: tx move %q: %w", from, err)
	}
	if i < 0 {
		return fmt.Errorf("store: tx move %q: %w", from, ErrNotFound)
	}
	tn0, j, err := tx.find(to)
	if err != nil {
		return fmt.Errorf("store: tx move %q to %q: %w", from, to, err)
	}
	if j >= 0 {
		return fmt.Errorf("store: tx move %q to %q: %w", from, to, ErrExists)
	}
	tdir, tname := splitPath(to)
	if err := tx.canCreate(tdir); err != nil {
		return fmt.Errorf("store: tx move %q to %q: %w", from, to, err)
	}
	e := fn.ents[i]
	sub := fn.subs[e.name]
	fn.remove(i)
	fn.markDirty()
	if tn0 != nil {
		// An empty leftover folder may sit at the destination.
		if k := findEntry(tn0.ents, tname); k >= 0 {
			tn0.remove(k)
		}
	}
	tn, err := tx.node(tdir, true)
	if err != nil {
		return fmt.Errorf("store: tx move %q to %q: %w", from, to, err)
	}
	e.name = tname
	tn.insert(e)
	if sub != nil {
		sub.parent = tn
		if tn.subs == nil {
			tn.subs = map[string]*tnode{}
		}
		tn.subs[tname] = sub
	}
	tn.markDirty()
	return nil
}

// List returns the staged files directly in dir, sorted.
func (tx *Tx) List(dir string) ([]Entry, error) {
	if err := tx.check("list", dir); err != nil {
		return nil, err
	}
	dir, err := checkDir(dir)
	if err != nil {
		return nil, err
	}
	n, err := tx.node(dir, false)
	if err != nil {
		return nil, fmt.Errorf("store: tx list %q: %w", dir, err)
	}
	if n == nil {
		return nil, nil
	}
	out, err := tx.s.entries(dir, n.ents, tx.pending)
	if err != nil {
		return nil, fmt.Errorf("store: tx list %q: %w", dir, err)
	}
	return out, nil
}

// Walk calls fn for every staged file, sorted by path. fn may stage changes;
// the walk shows the tree as it was when Walk began.
func (tx *Tx) Walk(fn func(e Entry) error) error {
	if err := tx.check("walk", ""); err != nil {
		return err
	}
	var all []Entry
	if err := tx.walkNode(tx.root, "", &all); err != nil {
		return fmt.Errorf("store: tx walk: %w", err)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Path < all[j].Path })
	for _, e := range all {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}
