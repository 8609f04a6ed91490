package store

import (
	"fmt"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// change is one file that differs between two trees; a zero hash is absence.
type change struct {
	path     string
	old, new plumbing.Hash
	oldMode  filemode.FileMode
	newMode  filemode.FileMode
}

// diffTrees lists the files that differ between two root trees (zero = empty),
// sorted by path. It only descends into folders whose hashes differ, so its
// cost is that of the changed folders. Submodule entries are ignored.
func (s *Store) diffTrees(a, b plumbing.Hash) ([]change, error) {
	var out []change
	if err := s.diffInto(a, b, "", &out); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, nil
}

func (s *Store) diffInto(a, b plumbing.Hash, dir string, out *[]change) error {
	if a == b {
		return nil
	}
	ea, err := s.tree(a)
	if err != nil {
		return err
	}
	eb, err := s.tree(b)
	if err != nil {
		return err
	}
	i, j := 0, 0
	for i < len(ea) || j < len(eb) {
		var c int
		switch {
		case i == len(ea):
			c = 1
		case j == len(eb):
			c = -1
		default:
			// Both trees are in git order; a file and a folder of the same
			// name sort apart and are handled as one removed, one added.
			c = gitCmp(ea[i].name, ea[i].isDir(), eb[j].name, eb[j].isDir())
		}
		switch {
		case c < 0:
			if err := s.side(ea[i], dir, true, out); err != nil {
				return err
			}
			i++
		case c > 0:
			if err := s.side(eb[j], dir, false, out); err != nil {
				return err
			}
			j++
		default:
			x, y := ea[i], eb[j]
			i, j = i+1, j+1
			switch {
			case x.isDir() && y.isDir():
				if err := s.diffInto(x.hash, y.hash, joinPath(dir, x.name), out); err != nil {
					return err
				}
			case x.isFile() && y.isFile():
				if x.hash != y.hash || x.mode != y.mode {
					*out = append(*out, change{path: joinPath(dir, x.name),
						old: x.hash, new: y.hash, oldMode: x.mode, newMode: y.mode})
				}
			default:
				if err := s.side(x, dir, true, out); err != nil {
					return err
				}
				if err := s.side(y, dir, false, out); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// side records an entry present on one side only: a file, or every file in a folder.
func (s *Store) side(e tentry, dir string, old bool, out *[]change) error {
	switch {
	case e.isDir():
		if old {
			return s.diffInto(e.hash, plumbing.ZeroHash, joinPath(dir, e.name), out)
		}
		return s.diffInto(plumbing.ZeroHash, e.hash, joinPath(dir, e.name), out)
	case e.isFile():
		c := change{path: joinPath(dir, e.name)}
		if old {
			c.old, c.oldMode = e.hash, e.mode
		} else {
			c.new, c.newMode = e.hash, e.mode
		}
		*out = append(*out, c)
	}
	return nil
}

// Changed lists the paths a commit changed compared with its first parent
// (every path, for a first commit), sorted. The search indexer uses it to
// catch up commit by commit.
func (s *Store) Changed(commit string) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, fmt.Errorf("store: changed %q: %w", commit, ErrClosed)
	}
	c, err := s.resolve(commit)
	if err != nil {
		return nil, fmt.Errorf("store: changed %q: %w", commit, err)
	}
	ci, err := s.commit(c)
	if err != nil {
		return nil, fmt.Errorf("store: changed %q: %w", commit, err)
	}
	var parentTree plumbing.Hash
	if len(ci.parents) > 0 {
		if parentTree, err = s.commitTree(ci.parents[0]); err != nil {
			return nil, fmt.Errorf("store: changed %q: %w", commit, err)
		}
	}
	chs, err := s.diffTrees(parentTree, ci.tree)
	if err != nil {
		return nil, fmt.Errorf("store: changed %q: %w", commit, err)
	}
	paths := make([]string, len(chs))
	for i, c := range chs {
		paths[i] = c.path
	}
	return paths, nil
}
