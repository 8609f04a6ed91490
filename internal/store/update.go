package store

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage"
)

// maxAttempts bounds how often Update re-runs fn when another process moves
// the branch between our read and our compare-and-swap.
const maxAttempts = 16

// Update is the one write primitive. fn runs under the store's write lock
// against the current head and stages changes in tx; they become ONE commit
// (author and committer = author). If fn stages nothing that changes the
// tree, Update returns ErrNoChange and commits nothing. An error from fn is
// returned as is, and nothing is committed.
//
// fn must use only tx, never the Store's own methods (they would wait for the
// lock fn is holding). fn may run more than once if another process commits
// meanwhile, so it should only stage changes. message "" gets a Dutch default
// describing the change.
func (s *Store) Update(author Author, message string, fn func(tx *Tx) error) (Commit, error) {
	sig, err := author.signature()
	if err != nil {
		return Commit{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return Commit{}, fmt.Errorf("store: update: %w", ErrClosed)
	}
	for attempt := 1; ; attempt++ {
		c, err := s.updateOnce(sig, message, fn)
		if errors.Is(err, storage.ErrReferenceHasChanged) && attempt < maxAttempts {
			// Another process won the race; back off a little so we do not
			// keep colliding with it.
			time.Sleep(time.Duration(rand.Int64N(int64(attempt) * int64(time.Millisecond))))
			continue
		}
		return c, err
	}
}

func (s *Store) updateOnce(sig object.Signature, message string, fn func(tx *Tx) error) (Commit, error) {
	head, err := s.readHead()
	if err != nil {
		return Commit{}, err
	}
	baseTree, err := s.commitTree(head)
	if err != nil {
		return Commit{}, fmt.Errorf("store: update: %w", err)
	}
	tx := newTx(s, head, baseTree)
	err = fn(tx)
	tx.done = true
	if err != nil {
		return Commit{}, err
	}
	root, err := tx.writeTrees()
	if err != nil {
		return Commit{}, fmt.Errorf("store: update: write trees: %w", err)
	}
	if root == baseTree || (head.IsZero() && root == emptyTree) {
		return Commit{}, fmt.Errorf("store: update: %w", ErrNoChange)
	}
	chs, err := s.diffTrees(baseTree, root)
	if err != nil {
		return Commit{}, fmt.Errorf("store: update: %w", err)
	}
	for _, c := range chs {
		if data, ok := tx.pending[c.new]; ok {
			if _, err := s.writeObject(plumbing.BlobObject, data); err != nil {
				return Commit{}, fmt.Errorf("store: update: write %q: %w", c.path, err)
			}
		}
	}
	if tx.message != "" {
		message = tx.message
	}
	message = strings.TrimSpace(message)
	if message == "" {
		message = defaultMessage(pageChanges(chs))
	}
	commit := &object.Commit{Author: sig, Committer: sig, Message: message + "\n", TreeHash: root}
	var old *plumbing.Reference
	if !head.IsZero() {
		commit.ParentHashes = []plumbing.Hash{head}
		old = plumbing.NewHashReference(branch, head)
	}
	obj := &plumbing.MemoryObject{}
	if err := commit.Encode(obj); err != nil {
		return Commit{}, fmt.Errorf("store: update: encode commit: %w", err)
	}
	r, _ := obj.Reader()
	data, err := io.ReadAll(r)
	if err != nil {
		return Commit{}, fmt.Errorf("store: update: encode commit: %w", err)
	}
	hash, err := s.writeObject(plumbing.CommitObject, data)
	if err != nil {
		return Commit{}, fmt.Errorf("store: update: write commit: %w", err)
	}
	// The compare-and-swap is what makes "one writer at a time" hold across
	// processes: if the branch is no longer at head, nothing changes and
	// Update tries again from the new head.
	if old == nil {
		err = s.createBranch(hash)
	} else {
		err = s.st.CheckAndSetReference(plumbing.NewHashReference(branch, hash), old)
	}
	if err != nil {
		return Commit{}, fmt.Errorf("store: update: move branch: %w", err)
	}
	s.recordCommit(newRecord(hash, commit.ParentHashes, sig, message, chs), head)
	c := Commit{Hash: hash.String(), Author: authorOf(sig), Message: message}
	if !head.IsZero() {
		c.Parents = []string{head.String()}
	}
	return c, nil
}

// defaultMessage says in Dutch what a commit did, for callers without a message.
func defaultMessage(chs []histChange) string {
	if len(chs) != 1 {
		return fmt.Sprintf("%d bestanden gewijzigd", len(chs))
	}
	c := chs[0]
	switch c.Op {
	case OpNew:
		if strings.HasSuffix(c.Path, ".md") {
			return "Nieuwe pagina " + c.Path
		}
		return "Nieuw bestand " + c.Path
	case OpDeleted:
		return c.Path + " verwijderd"
	case OpRenamed:
		return c.Old + " hernoemd naar " + c.Path
	}
	return c.Path + " bijgewerkt"
}
