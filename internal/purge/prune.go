package purge

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
)

// objectSet is a set of object hashes.
type objectSet map[plumbing.Hash]struct{}

func (s objectSet) has(h plumbing.Hash) bool { _, ok := s[h]; return ok }

// walker collects every object the new history reaches: commits, trees and blobs. Each tree is
// read once however many commits share it, and the trees and commits the rewrite wrote itself
// are never read at all: their entries are handed in as they are written (add), so only the
// parts of history the rewrite left alone are read back. Submodule entries point outside the
// repository and are not followed.
type walker struct {
	seen           objectSet
	commits, trees []plumbing.Hash
}

func newWalker() *walker { return &walker{seen: objectSet{}} }

// commit queues a commit to be read, unless it is known.
func (w *walker) commit(h plumbing.Hash) {
	if !h.IsZero() && !w.seen.has(h) {
		w.seen[h] = struct{}{}
		w.commits = append(w.commits, h)
	}
}

// addCommit records a commit whose tree and parents are known without reading it.
func (w *walker) addCommit(h, tree plumbing.Hash, parents []plumbing.Hash) {
	w.seen[h] = struct{}{}
	w.tree(tree)
	for _, p := range parents {
		w.commit(p)
	}
}

// tree queues a tree to be read, unless it is known.
func (w *walker) tree(h plumbing.Hash) {
	if !w.seen.has(h) {
		w.seen[h] = struct{}{}
		w.trees = append(w.trees, h)
	}
}

// addTree records a tree whose entries are known without reading it.
func (w *walker) addTree(h plumbing.Hash, ents []tentry) {
	w.seen[h] = struct{}{}
	for _, e := range ents {
		switch {
		case e.mode == filemode.Submodule:
		case e.isDir():
			w.tree(e.hash)
		default:
			w.seen[e.hash] = struct{}{}
		}
	}
}

// walk reads what is queued until everything reachable is known.
func (w *walker) walk(r *repo) (objectSet, error) {
	for len(w.commits) > 0 || len(w.trees) > 0 {
		for len(w.commits) > 0 {
			h := w.commits[len(w.commits)-1]
			w.commits = w.commits[:len(w.commits)-1]
			c, err := r.commit(h)
			if err != nil {
				return nil, err
			}
			w.tree(c.TreeHash)
			for _, p := range c.ParentHashes {
				w.commit(p)
			}
		}
		for len(w.trees) > 0 {
			h := w.trees[len(w.trees)-1]
			w.trees = w.trees[:len(w.trees)-1]
			ents, err := r.tree(h)
			if err != nil {
				return nil, err
			}
			w.addTree(h, ents)
		}
	}
	return w.seen, nil
}

// looseObject is a loose object file.
type looseObject struct {
	hash  plumbing.Hash
	path  string
	mtime time.Time
}

// looseObjects lists the loose object files, and the temporary files writers leave behind
// when they are interrupted (they hold whole objects too).
func (r *repo) looseObjects() (objs []looseObject, temps []looseObject, err error) {
	root := filepath.Join(r.dir, "objects")
	dirs, err := os.ReadDir(root)
	if err != nil {
		return nil, nil, err
	}
	for _, d := range dirs {
		if !d.IsDir() || len(d.Name()) != 2 || !isHex(d.Name()) {
			continue
		}
		files, err := os.ReadDir(filepath.Join(root, d.Name()))
		if err != nil {
			return nil, nil, err
		}
		for _, f := range files {
			info, err := f.Info()
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, nil, err
			}
			lo := looseObject{path: filepath.Join(root, d.Name(), f.Name()), mtime: info.ModTime()}
			name := d.Name() + f.Name()
			switch {
			case len(name) == 40 && isHex(name):
				lo.hash = plumbing.NewHash(name)
				objs = append(objs, lo)
			case strings.HasPrefix(f.Name(), "tmp_obj_"):
				temps = append(temps, lo)
			}
		}
	}
	return objs, temps, nil
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}

// pack is one pack file and the objects its index lists.
type pack struct {
	base    string // objects/pack/pack-<sum>, without extension
	objects []plumbing.Hash
}

// packs lists the packs that have both a .pack and an .idx; git and go-git ignore the rest.
func (r *repo) packs() ([]pack, error) {
	dir := filepath.Join(r.dir, "objects", "pack")
	names, err := filepath.Glob(filepath.Join(dir, "pack-*.idx"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []pack
	for _, idx := range names {
		base := strings.TrimSuffix(idx, ".idx")
		if _, err := os.Stat(base + ".pack"); err != nil {
			continue
		}
		objs, err := readIndex(idx)
		if err != nil {
			return nil, err
		}
		out = append(out, pack{base: base, objects: objs})
	}
	return out, nil
}

func readIndex(path string) ([]plumbing.Hash, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	idx := idxfile.NewMemoryIndex()
	if err := idxfile.NewDecoder(f).Decode(idx); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	set, err := indexed(idx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	out := make([]plumbing.Hash, 0, len(set))
	for h := range set {
		out = append(out, h)
	}
	return out, nil
}

// pruneStats says what a prune did.
type pruneStats struct {
	loose, temps, packsRewritten, packsDeleted, repacked int
}

// prune deletes every object that keep does not hold, loose and packed, the way
// `git repack -a -d && git prune --expire=now` would, with the checks that make it safe:
//
//  1. A pack that holds only kept objects stays as it is. The kept objects of every other pack
//     that are not already somewhere else go into ONE new pack (go-git's encoder, with deltas).
//  2. The new pack is read back and its index must list exactly those objects; then every
//     kept object must be in a kept pack, the new pack or a kept loose file. Only then is
//     anything deleted, so a bug or a missing object stops the prune before it does harm.
//  3. Old packs go (.pack first: git and go-git both ignore an index without its pack), then
//     loose objects and stray temporary files.
//
// Loose objects (and temporary files) written after since are left alone: they can only be
// another writer's objects on their way to a commit, never what was erased.
func (r *repo) prune(keep objectSet, since time.Time) (pruneStats, error) {
	var st pruneStats
	loose, temps, err := r.looseObjects()
	if err != nil {
		return st, err
	}
	packs, err := r.packs()
	if err != nil {
		return st, err
	}
	have := objectSet{}
	for _, lo := range loose {
		if keep.has(lo.hash) {
			have[lo.hash] = struct{}{}
		}
	}
	var doomed []pack
	for _, p := range packs {
		clean := true
		for _, h := range p.objects {
			if !keep.has(h) {
				clean = false
				break
			}
		}
		if !clean {
			doomed = append(doomed, p)
			continue
		}
		for _, h := range p.objects {
			have[h] = struct{}{}
		}
	}
	var want []plumbing.Hash
	wanted := objectSet{}
	for _, p := range doomed {
		for _, h := range p.objects {
			if keep.has(h) && !have.has(h) && !wanted.has(h) {
				wanted[h] = struct{}{}
				want = append(want, h)
			}
		}
	}
	if len(want) > 0 {
		got, err := r.writePack(want)
		if err != nil {
			return st, fmt.Errorf("repack: %w", err)
		}
		for h := range got {
			have[h] = struct{}{}
		}
		st.repacked = len(want)
		st.packsRewritten = len(doomed)
	}
	for h := range keep {
		if !have.has(h) {
			return st, fmt.Errorf("object %s is needed but not in the repository; nothing was deleted", h)
		}
	}
	// Derived files that name old commits and packs go first: git fsck reads them, and a
	// commit-graph naming a deleted commit is an error.
	if err := r.dropDerived(); err != nil {
		return st, err
	}
	for _, p := range doomed {
		if err := removePack(p.base); err != nil {
			return st, err
		}
		st.packsDeleted++
	}
	var gone []looseObject
	for _, lo := range loose {
		if !keep.has(lo.hash) && !lo.mtime.After(since) {
			gone = append(gone, lo)
		}
	}
	if len(gone) == 0 {
		crashAt("pruning")
	}
	for i, lo := range gone {
		if i == len(gone)/2 {
			crashAt("pruning") // half way: the test's hardest case
		}
		if err := removeFile(lo.path); err != nil {
			return st, err
		}
		st.loose++
	}
	for _, lo := range temps {
		if lo.mtime.After(since) {
			continue
		}
		if err := removeFile(lo.path); err != nil {
			return st, err
		}
		st.temps++
	}
	tmps, _ := filepath.Glob(filepath.Join(r.dir, "objects", "pack", "tmp_*"))
	for _, t := range tmps {
		if info, err := os.Stat(t); err == nil && !info.ModTime().After(since) {
			if err := removeFile(t); err != nil {
				return st, err
			}
			st.temps++
		}
	}
	return st, nil
}

// removePack deletes a pack and every file git keeps beside it.
func removePack(base string) error {
	for _, ext := range []string{".pack", ".idx", ".rev", ".bitmap", ".mtimes", ".keep", ".promisor"} {
		if err := removeFile(base + ext); err != nil {
			return err
		}
	}
	return nil
}

// dropDerived deletes files git derives from the objects and rebuilds on its own:
// commit-graphs and multi-pack indexes name commits and packs that are about to go, and
// objects/info/packs lists packs for dumb HTTP.
func (r *repo) dropDerived() error {
	for _, p := range []string{"info/commit-graph", "info/commit-graphs", "info/packs", "pack/multi-pack-index"} {
		if err := os.RemoveAll(filepath.Join(r.dir, "objects", filepath.FromSlash(p))); err != nil {
			return err
		}
	}
	return nil
}

func removeFile(p string) error {
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
