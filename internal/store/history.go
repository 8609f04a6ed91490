package store

import (
	"fmt"
	"sort"
)

// Revision is one version of a page in its history. Blob is "" when the page
// was deleted (or renamed away) in that commit. Path is the page's path in
// that commit: it differs from the asked path before a rename.
type Revision struct {
	Commit  string
	Path    string
	Blob    string
	Op      string // OpNew, OpChanged, OpDeleted or OpRenamed
	OldPath string // for a rename: the path before it
	NewPath string // for a rename: the path after it
	Author  Author
	Message string
}

// Operations in a Revision, in the Dutch the history page shows.
const (
	OpNew     = "nieuw"
	OpChanged = "gewijzigd"
	OpDeleted = "verwijderd"
	OpRenamed = "hernoemd"
)

// Commit is a commit on main.
type Commit struct {
	Hash    string
	Parents []string
	Author  Author
	Message string
}

// current brings the index up to the branch as it is on disk now.
func (s *Store) current() error {
	head, err := s.readHead()
	if err != nil {
		return err
	}
	if err := s.syncHistory(head, true); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}

// History lists the versions of one page, newest first, following renames
// back to the page's earlier paths. Its cost is the number of versions.
func (s *Store) History(path string) ([]Revision, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, fmt.Errorf("store: history %q: %w", path, ErrClosed)
	}
	if err := s.current(); err != nil {
		return nil, fmt.Errorf("store: history %q: %w", path, err)
	}
	h := s.hist
	var out []Revision
	cur, bound := path, int32(len(h.chain))
	for cur != "" {
		refs := h.byPath[cur]
		k := sort.Search(len(refs), func(i int) bool { return refs[i].seq >= bound }) - 1
		next := ""
		for ; k >= 0; k-- {
			ref := refs[k]
			r := h.chain[ref.seq]
			c := r.Changes[ref.ch]
			rev := Revision{Commit: r.Commit, Path: cur, Op: c.Op, Blob: c.Blob,
				Author:  Author{Name: r.Name, Email: r.Email, When: normTime(r.When, r.Zone)},
				Message: r.Message}
			if c.Old != "" {
				rev.OldPath, rev.NewPath = c.Old, c.Path
			}
			if ref.oldSide {
				rev.Blob = ""
			}
			out = append(out, rev)
			if !ref.oldSide && c.Op == OpRenamed {
				next, bound = c.Old, ref.seq
				break
			}
		}
		cur = next
	}
	return out, nil
}

// Log returns the most recent commits on main's first-parent line, newest
// first; limit <= 0 means all.
func (s *Store) Log(limit int) ([]Commit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, fmt.Errorf("store: log: %w", ErrClosed)
	}
	if err := s.current(); err != nil {
		return nil, fmt.Errorf("store: log: %w", err)
	}
	n := len(s.hist.chain)
	if limit > 0 && limit < n {
		n = limit
	}
	out := make([]Commit, 0, n)
	for i := len(s.hist.chain) - 1; len(out) < n; i-- {
		r := s.hist.chain[i]
		out = append(out, Commit{Hash: r.Commit, Parents: r.Parents,
			Author:  Author{Name: r.Name, Email: r.Email, When: normTime(r.When, r.Zone)},
			Message: r.Message})
	}
	return out, nil
}

// RebuildHistory throws the index away and recomputes it from git.
func (s *Store) RebuildHistory() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return fmt.Errorf("store: rebuild history: %w", ErrClosed)
	}
	s.hist = newHistory(s.hist.file)
	s.hist.stale = true
	if err := s.current(); err != nil {
		return fmt.Errorf("store: rebuild history: %w", err)
	}
	if s.hist.stale { // an empty repository: still write an empty index
		if err := s.hist.rewrite(); err != nil {
			return fmt.Errorf("store: rebuild history: %w", err)
		}
	}
	return nil
}
