package store

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

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
