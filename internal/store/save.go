package store

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/leefwereld/leefwereld/internal/merge"
)

// SaveRequest is an edit form being saved. Base is the blob hash the edit
// started from ("" for a new page).
type SaveRequest struct {
	Path    string
	Content []byte
	Base    string
	Author  Author
	Message string
	// Check, when set, vets a merged text before it is committed (the caller's validation
	// ran on Mine only). An error turns the merge into a conflict, so nothing invalid lands.
	Check func(merged []byte) error
}

// SaveResult says what a save did. Merged: the page had changed meanwhile and
// the edit was merged with that change. Unchanged: the page already had this
// content; nothing was committed (Commit is then the current head).
type SaveResult struct {
	Commit    string
	Blob      string
	Merged    bool
	Unchanged bool
}

// Conflict reasons.
const (
	ReasonExists      = "exists"       // a new page, but the path is taken
	ReasonDeleted     = "deleted"      // the page was deleted meanwhile
	ReasonChanged     = "changed"      // changed meanwhile, and the merge failed
	ReasonUnknownBase = "unknown-base" // the edit's Base is not a blob we have
	ReasonInvalid     = "invalid"      // the merge was clean line by line, but SaveRequest.Check refused it
)

// ConflictError is returned when a save (or delete) cannot be done without
// losing someone's text. It carries everything the editor needs to show both
// sides and keep the user's text: nothing was committed.
type ConflictError struct {
	Op         string // "save" or "delete"
	Path       string
	Reason     string
	Base       []byte // the version the edit started from (nil if unknown)
	Mine       []byte // the user's text
	Theirs     []byte // what the page holds now (nil if deleted)
	TheirsBlob string // blob hash of Theirs: the Base for the next attempt
	Hunks      []merge.Hunk
	Cause      error // why a clean merge was refused (ReasonInvalid)
}

func (e *ConflictError) Error() string {
	op := e.Op
	if op == "" {
		op = "save"
	}
	var why string
	switch e.Reason {
	case ReasonExists:
		why = "the page already exists"
	case ReasonDeleted:
		why = "the page was deleted meanwhile"
	case ReasonChanged:
		why = "the page was changed meanwhile"
	case ReasonUnknownBase:
		why = "unknown base version"
	case ReasonInvalid:
		why = fmt.Sprintf("the merged page is invalid: %v", e.Cause)
	default:
		why = e.Reason
	}
	return fmt.Sprintf("store: %s %q: conflict: %s", op, e.Path, why)
}

// Save commits an edit of one page, never overwriting a change the editor did
// not see: see SaveRequest.Base. A clean three-way merge is committed (Merged);
// anything else is a *ConflictError and no commit.
func (s *Store) Save(req SaveRequest) (SaveResult, error) {
	if err := checkPath(req.Path); err != nil {
		return SaveResult{}, err
	}
	var res SaveResult
	c, err := s.Update(req.Author, req.Message, func(tx *Tx) error {
		res = SaveResult{Commit: tx.Head()}
		return s.stageSave(tx, req, &res)
	})
	if errors.Is(err, ErrNoChange) {
		res.Unchanged = true
		return res, nil
	}
	if err != nil {
		return SaveResult{}, err
	}
	res.Commit = c.Hash
	return res, nil
}

func (s *Store) stageSave(tx *Tx, req SaveRequest, res *SaveResult) error {
	p := req.Path
	cur, err := tx.Blob(p)
	exists := err == nil
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	mine := req.Content
	newBlob := plumbing.ComputeHash(plumbing.BlobObject, mine).String()
	if exists && cur == newBlob {
		res.Blob = cur // already there: nothing can be lost
		return nil
	}
	// Theirs (the current text) is read only when a merge or conflict needs it.
	var theirs []byte
	readTheirs := func() (err error) {
		if exists && theirs == nil {
			theirs, err = tx.Read(p)
		}
		return err
	}
	conflict := func(reason string, base []byte) error {
		if err := readTheirs(); err != nil {
			return err
		}
		ce := &ConflictError{Op: "save", Path: p, Reason: reason, Base: base, Mine: mine, Theirs: theirs}
		if exists {
			ce.TheirsBlob = cur
		}
		return ce
	}
	want := strings.ToLower(req.Base)
	switch {
	case want == "" && exists:
		return conflict(ReasonExists, nil)
	case want == "" || want == cur:
		if !exists {
			tx.SetMessage(msgOr(req.Message, "Nieuwe pagina "+p))
		} else {
			tx.SetMessage(msgOr(req.Message, p+" bijgewerkt"))
		}
		res.Blob = newBlob
		return tx.Put(p, mine)
	}
	// The page moved on since the edit began: we need the edit's base.
	h, err := parseHash(want)
	var base []byte
	if err == nil {
		base, err = s.readBlob(h)
	}
	switch {
	case errors.Is(err, ErrNotFound) || errors.Is(err, ErrInvalid):
		return conflict(ReasonUnknownBase, nil)
	case err != nil:
		return fmt.Errorf("store: save %q: read base: %w", p, err)
	case !exists:
		return conflict(ReasonDeleted, base)
	}
	if err := readTheirs(); err != nil {
		return err
	}
	merged, hunks, clean := merge.Merge(base, mine, theirs)
	if !clean {
		err := conflict(ReasonChanged, base)
		if ce, ok := err.(*ConflictError); ok {
			ce.Hunks = hunks
		}
		return err
	}
	if req.Check != nil {
		if err := req.Check(merged); err != nil {
			ce := conflict(ReasonInvalid, base)
			if ce, ok := ce.(*ConflictError); ok {
				ce.Hunks, ce.Cause = hunks, err
			}
			return ce
		}
	}
	res.Merged = true
	if bytes.Equal(merged, theirs) {
		res.Blob = cur // the edit was already in the current version
		return nil
	}
	tx.SetMessage(msgOr(req.Message, p+" bijgewerkt") + " (samengevoegd met een gelijktijdige wijziging)")
	res.Blob = plumbing.ComputeHash(plumbing.BlobObject, merged).String()
	return tx.Put(p, merged)
}

func msgOr(msg, def string) string {
	if msg != "" {
		return msg
	}
	return def
}

// Delete removes a page in one commit. base "" skips the check; otherwise the
// page must still be at that blob, or a *ConflictError is returned.
func (s *Store) Delete(path, base string, author Author, message string) (Commit, error) {
	if err := checkPath(path); err != nil {
		return Commit{}, err
	}
	return s.Update(author, msgOr(message, path+" verwijderd"), func(tx *Tx) error {
		cur, err := tx.Blob(path)
		if err != nil {
			return err
		}
		if base != "" && base != cur {
			theirs, err := tx.Read(path)
			if err != nil {
				return err
			}
			return &ConflictError{Op: "delete", Path: path, Reason: ReasonChanged, Theirs: theirs, TheirsBlob: cur}
		}
		return tx.Delete(path)
	})
}
