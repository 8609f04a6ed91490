package purge

import (
	"fmt"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// pathSet is what to cut out of every tree: files and whole folders by their path, and the
// folders that lead to them, so a tree that cannot contain any of them is never even read.
type pathSet struct {
	remove map[string]bool // a file, or a folder with everything in it
	via    map[string]bool // "" and every folder above a removed path
}

func newPathSet(paths []string) *pathSet {
	ps := &pathSet{remove: map[string]bool{}, via: map[string]bool{"": true}}
	for _, p := range paths {
		ps.remove[p] = true
		for d := p; ; {
			i := strings.LastIndexByte(d, '/')
			if i < 0 {
				break
			}
			d = d[:i]
			ps.via[d] = true
		}
	}
	return ps
}

// rewriter rewrites history without the paths in drop and with scrubbed commit messages.
// What it leaves alone keeps its hash: an untouched tree is not read, a tree that holds none
// of the paths is reused as is, and a commit whose tree, parents and message are unchanged is
// the same commit.
type rewriter struct {
	r       *repo
	drop    *pathSet
	scrub   func(msg string) (string, bool)
	trees   map[treeKey]plumbing.Hash       // (folder, old tree) → new tree
	commits map[plumbing.Hash]plumbing.Hash // old commit → new commit (zero: dropped, no parent)
	treeOf  map[plumbing.Hash]plumbing.Hash // new commit → its tree
	reach   *walker                         // what the new history reaches, as far as written
	stats   rewriteStats
}

type treeKey struct {
	dir  string
	hash plumbing.Hash
}

type rewriteStats struct {
	commits, rewritten, dropped, messages, objects int
}

func newRewriter(r *repo, drop *pathSet, scrub func(string) (string, bool)) *rewriter {
	return &rewriter{r: r, drop: drop, scrub: scrub, trees: map[treeKey]plumbing.Hash{},
		commits: map[plumbing.Hash]plumbing.Hash{}, treeOf: map[plumbing.Hash]plumbing.Hash{}, reach: newWalker()}
}

// filterTree returns the tree at dir without the dropped paths. A folder left empty
// disappears, as git cannot hold an empty folder; an empty root is the empty tree.
func (rw *rewriter) filterTree(dir string, h plumbing.Hash) (plumbing.Hash, error) {
	key := treeKey{dir, h}
	if nh, ok := rw.trees[key]; ok {
		return nh, nil
	}
	ents, err := rw.r.tree(h)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	out := make([]tentry, 0, len(ents))
	changed := false
	for _, e := range ents {
		p := e.name
		if dir != "" {
			p = dir + "/" + e.name
		}
		if rw.drop.remove[p] {
			changed = true
			continue
		}
		if e.isDir() && rw.drop.via[p] {
			nh, err := rw.filterTree(p, e.hash)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			if nh != e.hash {
				changed = true
				if nh == emptyTree {
					continue
				}
				e.hash = nh
			}
		}
		out = append(out, e)
	}
	nh := h
	switch {
	case !changed:
	case len(out) == 0:
		nh = emptyTree
	default:
		if nh, err = rw.r.writeIn(dir, plumbing.TreeObject, encodeTree(out)); err != nil {
			return plumbing.ZeroHash, err
		}
		rw.reach.addTree(nh, out)
		rw.stats.objects++
	}
	rw.trees[key] = nh
	return nh, nil
}

// history rewrites every commit reachable from head, parents before children, and returns
// the new head (zero if nothing is left, which only happens when the whole history was
// about what is erased).
//
// A commit that only touched erased paths becomes empty and is dropped: keeping it would keep
// a dated trace of who worked on the erased pages. A commit that was empty to begin with
// stays, as it says nothing about them.
func (rw *rewriter) history(head plumbing.Hash) (plumbing.Hash, error) {
	order, commits, err := rw.topo(head)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	rw.stats.commits = len(order)
	for _, h := range order {
		c := commits[h]
		tree, err := rw.filterTree("", c.TreeHash)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		var parents []plumbing.Hash
		for _, p := range c.ParentHashes {
			if np := rw.commits[p]; !np.IsZero() && !slices.Contains(parents, np) {
				parents = append(parents, np)
			}
		}
		if len(parents) <= 1 {
			before, after := emptyTree, emptyTree
			if len(c.ParentHashes) > 0 {
				before = commits[c.ParentHashes[0]].TreeHash
			}
			if len(parents) == 1 {
				after = rw.treeOf[parents[0]]
			}
			if tree == after && c.TreeHash != before {
				rw.commits[h] = plumbing.ZeroHash
				if len(parents) == 1 {
					rw.commits[h] = parents[0]
				}
				rw.stats.dropped++
				continue
			}
		}
		msg, scrubbed := rw.scrub(c.Message)
		if tree == c.TreeHash && !scrubbed && slices.Equal(parents, c.ParentHashes) {
			rw.commits[h] = h
			rw.treeOf[h] = tree
			continue
		}
		if scrubbed {
			rw.stats.messages++
		}
		if tree == emptyTree {
			if _, err := rw.r.write(plumbing.TreeObject, nil); err != nil {
				return plumbing.ZeroHash, err
			}
		}
		// A signature would no longer match, so it is not copied; the rest of the header is.
		nc := &object.Commit{Author: c.Author, Committer: c.Committer, MergeTag: c.MergeTag,
			Message: msg, TreeHash: tree, ParentHashes: parents, Encoding: c.Encoding,
			ExtraHeaders: c.ExtraHeaders}
		nh, err := rw.r.writeCommit(nc)
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("commit %s: %w", h, err)
		}
		rw.reach.addCommit(nh, tree, parents)
		rw.stats.rewritten++
		rw.stats.objects++
		rw.commits[h] = nh
		rw.treeOf[nh] = tree
	}
	return rw.commits[head], nil
}

// topo lists the commits reachable from head with every parent before its children.
func (rw *rewriter) topo(head plumbing.Hash) ([]plumbing.Hash, map[plumbing.Hash]*object.Commit, error) {
	commits := map[plumbing.Hash]*object.Commit{}
	var order []plumbing.Hash
	type frame struct {
		h    plumbing.Hash
		next int
	}
	done := map[plumbing.Hash]bool{}
	stack := []frame{{h: head}}
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		c, ok := commits[f.h]
		if !ok {
			var err error
			if c, err = rw.r.commit(f.h); err != nil {
				return nil, nil, err
			}
			commits[f.h] = c
		}
		if f.next < len(c.ParentHashes) {
			p := c.ParentHashes[f.next]
			f.next++
			if _, seen := commits[p]; !seen {
				stack = append(stack, frame{h: p})
			}
			continue
		}
		if !done[f.h] {
			done[f.h] = true
			order = append(order, f.h)
		}
		stack = stack[:len(stack)-1]
	}
	return order, commits, nil
}
