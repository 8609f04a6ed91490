package store

import (
	"errors"
	"fmt"

	udiff "github.com/aymanbagabas/go-udiff"
)

// Diff returns a unified, line-based diff of one page between two commits
// ("" = head). A side where the page does not exist counts as empty, so the
// diff of a new or deleted page is all additions or all removals.
func (s *Store) Diff(path, fromRev, toRev string) (string, error) {
	if err := checkPath(path); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return "", fmt.Errorf("store: diff %q: %w", path, ErrClosed)
	}
	from, err := s.contentAt(path, fromRev)
	if err != nil {
		return "", fmt.Errorf("store: diff %q: %w", path, err)
	}
	to, err := s.contentAt(path, toRev)
	if err != nil {
		return "", fmt.Errorf("store: diff %q: %w", path, err)
	}
	return udiff.Unified("a/"+path, "b/"+path, string(from), string(to)), nil
}

// contentAt is path's content at rev, or nil if the page is absent there. A
// revision that does not exist is an error.
func (s *Store) contentAt(path, rev string) ([]byte, error) {
	c, err := s.resolve(rev)
	if err != nil {
		return nil, err
	}
	f, err := s.readAt(c, path)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	return f.Content, err
}
