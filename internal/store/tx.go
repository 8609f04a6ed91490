package store

import (
	"bytes"
	"fmt"
	"slices"
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

// tnode is one folder of the staged tree.
type tnode struct {
	hash   plumbing.Hash // tree it was loaded from; zero for a new folder
	ents   []tentry      // in git order; shared with the tree cache until owned
	subs   map[string]*tnode
	parent *tnode
	loaded bool
	owned  bool
	dirty  bool
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

func (tx *Tx) load(n *tnode) error {
	if n.loaded {
		return nil
	}
	ents, err := tx.s.tree(n.hash)
	if err != nil {
		return err
	}
	n.ents, n.loaded = ents, true
	return nil
}

func (n *tnode) own() {
	if !n.owned {
		n.ents = slices.Clone(n.ents)
		n.owned = true
	}
}

func (n *tnode) markDirty() {
	for ; n != nil && !n.dirty; n = n.parent {
		n.dirty = true
	}
}

func (n *tnode) insert(e tentry) {
	n.own()
	n.ents = slices.Insert(n.ents, insertPos(n.ents, e), e)
}

func (n *tnode) remove(i int) {
	n.own()
	delete(n.subs, n.ents[i].name)
	n.ents = slices.Delete(n.ents, i, i+1)
}

// child returns the staged node for folder entry i, loading it on first use.
func (tx *Tx) child(n *tnode, i int) (*tnode, error) {
	name := n.ents[i].name
	if sub, ok := n.subs[name]; ok {
		return sub, nil
	}
	sub := &tnode{hash: n.ents[i].hash, parent: n}
	if err := tx.load(sub); err != nil {
		return nil, err
	}
	if n.subs == nil {
		n.subs = map[string]*tnode{}
	}
	n.subs[name] = sub
	return sub, nil
}

// node walks to folder dir. Without create it returns nil if the folder does
// not exist; with create it makes missing folders and fails if a file is in
// the way.
func (tx *Tx) node(dir string, create bool) (*tnode, error) {
	n := tx.root
	if err := tx.load(n); err != nil {
		return nil, err
	}
	if dir == "" {
		return n, nil
	}
	for _, seg := range strings.Split(dir, "/") {
		i := findEntry(n.ents, seg)
		switch {
		case i >= 0 && n.ents[i].isDir():
			sub, err := tx.child(n, i)
			if err != nil {
				return nil, err
			}
			n = sub
		case i >= 0:
			if !create {
				return nil, nil
			}
			return nil, fmt.Errorf("store: %q is a file, not a folder: %w", dir, ErrInvalid)
		default:
			if !create {
				return nil, nil
			}
			n.insert(tentry{name: seg, mode: filemode.Dir})
			sub := &tnode{parent: n, loaded: true, owned: true}
			if n.subs == nil {
				n.subs = map[string]*tnode{}
			}
			n.subs[seg] = sub
			sub.markDirty()
			n = sub
		}
	}
	return n, nil
}

// canCreate reports whether folder dir exists or can be made (no file in the way).
func (tx *Tx) canCreate(dir string) error {
	n := tx.root
	if err := tx.load(n); err != nil {
		return err
	}
	if dir == "" {
		return nil
	}
	for _, seg := range strings.Split(dir, "/") {
		i := findEntry(n.ents, seg)
		if i < 0 {
			return nil
		}
		if !n.ents[i].isDir() {
			return fmt.Errorf("store: %q is a file, not a folder: %w", dir, ErrInvalid)
		}
		sub, err := tx.child(n, i)
		if err != nil {
			return err
		}
		n = sub
	}
	return nil
}

// find returns the node holding path and the entry's index, or i < 0.
// Folders left empty by staged deletes count as absent.
func (tx *Tx) find(path string) (*tnode, int, error) {
	dir, name := splitPath(path)
	n, err := tx.node(dir, false)
	if err != nil || n == nil {
		return nil, -1, err
	}
	i := findEntry(n.ents, name)
	if i >= 0 && n.ents[i].isDir() {
		empty, err := tx.empty(n, i)
		if err != nil {
			return nil, -1, err
		}
		if empty {
			return n, -1, nil
		}
	}
	return n, i, nil
}

// empty reports whether folder entry i holds no file any more.
func (tx *Tx) empty(n *tnode, i int) (bool, error) {
	sub, ok := n.subs[n.ents[i].name]
	if !ok {
		return n.ents[i].hash.IsZero() || n.ents[i].hash == emptyTree, nil
	}
	for j, e := range sub.ents {
		if !e.isDir() {
			return false, nil
		}
		if empty, err := tx.empty(sub, j); err != nil || !empty {
			return false, err
		}
	}
	return true, nil
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

// files lists every staged file path, sorted, without the size lookups
// Walk does (Rename reads every page anyway).
func (tx *Tx) files() ([]string, error) {
	var out []string
	var visit func(n *tnode, dir string) error
	visit = func(n *tnode, dir string) error {
		if err := tx.load(n); err != nil {
			return err
		}
		for _, e := range n.ents {
			p := joinPath(dir, e.name)
			switch {
			case e.isFile():
				out = append(out, p)
			case !e.isDir():
			case n.subs[e.name] != nil:
				if err := visit(n.subs[e.name], p); err != nil {
					return err
				}
			default:
				err := tx.s.walkTree(e.hash, p, func(d string, ents []tentry) error {
					for _, x := range ents {
						if x.isFile() {
							out = append(out, joinPath(d, x.name))
						}
					}
					return nil
				})
				if err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := visit(tx.root, ""); err != nil {
		return nil, err
	}
	sort.Strings(out)
	return out, nil
}

func (tx *Tx) walkNode(n *tnode, dir string, all *[]Entry) error {
	if err := tx.load(n); err != nil {
		return err
	}
	es, err := tx.s.entries(dir, n.ents, tx.pending)
	if err != nil {
		return err
	}
	*all = append(*all, es...)
	for _, e := range n.ents {
		if !e.isDir() {
			continue
		}
		sub := joinPath(dir, e.name)
		if child, ok := n.subs[e.name]; ok {
			err = tx.walkNode(child, sub, all)
		} else {
			err = tx.s.walkTree(e.hash, sub, func(d string, ents []tentry) error {
				es, err := tx.s.entries(d, ents, nil)
				*all = append(*all, es...)
				return err
			})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writeTrees writes every changed folder bottom-up and returns the new root
// tree. Unchanged folders keep their hash; emptied folders disappear.
func (tx *Tx) writeTrees() (plumbing.Hash, error) {
	if !tx.root.dirty {
		return tx.baseTree, nil
	}
	h, err := tx.writeNode(tx.root)
	if err != nil {
		return h, err
	}
	if h.IsZero() {
		return tx.s.writeObject(plumbing.TreeObject, nil)
	}
	return h, nil
}

func (tx *Tx) writeNode(n *tnode) (plumbing.Hash, error) {
	if !n.dirty {
		return n.hash, nil
	}
	n.own()
	kept := n.ents[:0]
	for _, e := range n.ents {
		if e.isDir() {
			if sub, ok := n.subs[e.name]; ok {
				h, err := tx.writeNode(sub)
				if err != nil {
					return h, err
				}
				e.hash = h
			}
			if e.hash.IsZero() || e.hash == emptyTree {
				continue
			}
		}
		kept = append(kept, e)
	}
	n.ents = kept
	if len(kept) == 0 {
		n.hash, n.dirty = plumbing.ZeroHash, false
		return plumbing.ZeroHash, nil
	}
	h, err := tx.s.writeObject(plumbing.TreeObject, encodeTree(kept))
	if err != nil {
		return h, err
	}
	tx.s.trees.put(h, kept) // the tx is finished with it: share with the cache
	n.hash, n.dirty = h, false
	return h, nil
}
