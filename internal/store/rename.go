package store

import (
	"errors"
	"fmt"
	"strings"
)

// RenameRequest moves a page. Also lists extra moves done in the same commit
// (e.g. the page's media folder); a missing Also source is skipped. Rewrite,
// if set, is offered every other *.md file (to fix links to the old path) and
// returns the new content and whether it changed.
type RenameRequest struct {
	From, To string
	Also     [][2]string
	Rewrite  func(path string, content []byte) ([]byte, bool)
	Author   Author
	Message  string
}

// Rename moves a page (and what Also lists) and rewrites links, all in one
// commit, so the history never shows a half-renamed workspace. ErrNotFound if
// From is missing; an ErrExists error if To (or an Also target) is taken.
func (s *Store) Rename(req RenameRequest) (Commit, error) {
	if err := checkPath(req.From); err != nil {
		return Commit{}, err
	}
	if err := checkPath(req.To); err != nil {
		return Commit{}, err
	}
	msg := msgOr(req.Message, req.From+" hernoemd naar "+req.To)
	return s.Update(req.Author, msg, func(tx *Tx) error {
		if err := tx.Move(req.From, req.To); err != nil {
			return fmt.Errorf("store: rename %q to %q: %w", req.From, req.To, err)
		}
		for _, mv := range req.Also {
			err := tx.Move(mv[0], mv[1])
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return fmt.Errorf("store: rename %q: also %q to %q: %w", req.From, mv[0], mv[1], err)
			}
		}
		if req.Rewrite == nil {
			return nil
		}
		paths, err := tx.files()
		if err != nil {
			return fmt.Errorf("store: rename %q: %w", req.From, err)
		}
		for _, p := range paths {
			if p == req.To || strings.HasPrefix(p, req.To+"/") || !strings.HasSuffix(p, ".md") {
				continue
			}
			content, err := tx.Read(p)
			if err != nil {
				return err
			}
			if out, changed := req.Rewrite(p, content); changed {
				if err := tx.Put(p, out); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// Restore puts back the content path had at rev, as a new commit on top:
// history is never rewritten. Unchanged if the page already has that content.
func (s *Store) Restore(path, rev string, author Author, message string) (SaveResult, error) {
	if err := checkPath(path); err != nil {
		return SaveResult{}, err
	}
	if rev == "" {
		return SaveResult{}, fmt.Errorf("store: restore %q: no revision: %w", path, ErrInvalid)
	}
	s.mu.Lock()
	c, err := s.resolve(rev)
	var old File
	if err == nil {
		old, err = s.readAt(c, path)
	}
	s.mu.Unlock()
	if err != nil {
		return SaveResult{}, fmt.Errorf("store: restore %q at %s: %w", path, rev, err)
	}
	msg := msgOr(message, path+" teruggezet naar versie "+short(old.Commit))
	var res SaveResult
	commit, err := s.Update(author, msg, func(tx *Tx) error {
		res = SaveResult{Commit: tx.Head(), Blob: old.Blob}
		return tx.Put(path, old.Content)
	})
	if errors.Is(err, ErrNoChange) {
		res.Unchanged = true
		return res, nil
	}
	if err != nil {
		return SaveResult{}, err
	}
	res.Commit = commit.Hash
	return res, nil
}
