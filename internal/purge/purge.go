// Package purge erases pages from a workspace and from every commit of its history: a casus
// with the portraits and frames only it has, or one page, with their attachments.
//
// A purge runs in steps that each leave the repository whole, so an interruption at any
// moment leaves it either as it was or purged:
//
//  1. Rewrite: every commit is rewritten without the erased paths and with commit messages
//     that named them replaced; a tombstone commit goes on top. The new objects go into one
//     new pack; nothing refers to them yet, so they are harmless.
//  2. Journal: <data>/purge.journal records the branch before and after (commit hashes, who,
//     when; never what).
//  3. Move the branch with compare-and-swap. Before this, recovery rolls back (the journal
//     goes, the history is as it was); after it, recovery rolls forward.
//  4. Finish: delete every object the new history does not reach, loose and packed (see
//     prune), rebuild the per-page history index, delete the search index, append the log
//     line, delete the journal. Each part can be done again.
//
// The caller holds the data directory's exclusive lock (package datadir) throughout.
package purge

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage"
)

// ErrChanged: the branch moved while the purge was being prepared; nothing was erased.
var ErrChanged = errors.New("purge: the workspace changed meanwhile")

// ErrUnsupported: the repository holds something purge cannot erase from (other branches or
// tags, borrowed objects); nothing was erased.
var ErrUnsupported = errors.New("purge: unsupported repository")

// SearchIndexDir is the search index beside the repository. Purge deletes it: it holds the
// erased text, and the server rebuilds it from git when it starts. It is search.DirName; a
// test in cmd/leefwereld keeps the two equal, so purge need not link bleve.
const SearchIndexDir = "index.bleve"

// Result is what a finished purge reports: the tombstone commit and the log line.
type Result struct {
	Commit string
	Line   string
	Stats  Stats
}

// Stats counts what a purge did, for benchmarks and tests; never log it (counts identify).
type Stats struct {
	Commits, Rewritten, Dropped, Messages, Written int
	Loose, Packs, Repacked                         int
}

// Run carries out a plan made under the same lock. by is who erases, for the tombstone and the
// log; now is when. A journal left by an earlier purge must be resolved first (Resume).
func Run(p *Plan, by string, now time.Time) (Result, error) {
	return run(p, by, "", now)
}

// run is Run with an address for the tombstone's author: an account's pseudonymous one, so
// the history shows its display name as other commits do (see Erasure.Email).
func run(p *Plan, by, email string, now time.Time) (Result, error) {
	if Pending(p.Data) {
		return Result{}, fmt.Errorf("purge: an interrupted purge is pending; resume it first")
	}
	by, err := CheckBy(by)
	if err != nil {
		return Result{}, err
	}
	r := openRepo(repoDir(p.Data))
	defer r.close()
	if err := r.supported(); err != nil {
		return Result{}, err
	}
	old, err := r.head()
	if err != nil {
		return Result{}, fmt.Errorf("purge: %w", err)
	}
	if old.String() != p.head {
		return Result{}, ErrChanged
	}
	if r.out, err = newPackOut(r.dir); err != nil {
		return Result{}, fmt.Errorf("purge: %w", err)
	}
	defer r.out.abort()
	rw := newRewriter(r, newPathSet(p.Paths), p.terms.scrub)
	newHead, err := rw.history(old)
	if err != nil {
		return Result{}, fmt.Errorf("purge: rewrite: %w", err)
	}
	if newHead == old {
		return Result{}, fmt.Errorf("%w: nothing in the history to erase", ErrNotFound)
	}
	tree := rw.treeOf[newHead]
	if tree.IsZero() {
		tree = emptyTree
	}
	tomb, err := r.tombstone(newHead, tree, by, email, now)
	if err != nil {
		return Result{}, fmt.Errorf("purge: tombstone: %w", err)
	}
	if err := r.out.finish(); err != nil {
		return Result{}, fmt.Errorf("purge: write pack: %w", err)
	}
	r.out = nil
	r.st.Reindex()
	j := journal{ID: newID(), Old: old.String(), New: tomb.String(), By: by, When: now}
	if err := writeJournal(p.Data, j); err != nil {
		return Result{}, fmt.Errorf("purge: journal: %w", err)
	}
	crashAt("objects-written")
	err = r.st.CheckAndSetReference(plumbing.NewHashReference(branch, tomb), plumbing.NewHashReference(branch, old))
	if errors.Is(err, storage.ErrReferenceHasChanged) {
		removeJournal(p.Data) // the branch is where someone else put it: nothing moved
		return Result{}, ErrChanged
	}
	if err != nil {
		// Whether the ref was written is unknown: the journal stays, and the next run reads
		// the branch and rolls back or forward.
		return Result{}, fmt.Errorf("purge: move branch: %w", err)
	}
	crashAt("branch-moved")
	rw.reach.addCommit(tomb, tree, []plumbing.Hash{newHead})
	ps, err := finish(p.Data, r, &j, rw.reach)
	if err != nil {
		return Result{}, err
	}
	st := rw.stats
	return Result{Commit: tomb.String(), Line: logLine(&j), Stats: Stats{Commits: st.commits,
		Rewritten: st.rewritten, Dropped: st.dropped, Messages: st.messages, Written: st.objects,
		Loose: ps.loose, Packs: ps.packsDeleted, Repacked: ps.repacked}}, nil
}

// Outcome is what Resume found and did.
type Outcome int

const (
	Nothing    Outcome = iota // no purge was interrupted
	RolledBack                // one was interrupted before the branch moved: nothing is erased
	Completed                 // one was interrupted after the branch moved: it is finished now
)

// Resume finishes or rolls back a purge that was interrupted, as its journal says. The caller
// holds the exclusive lock. It returns the log line of a purge it completed.
func Resume(data string) (Outcome, string, error) {
	j, err := readJournal(data)
	if err != nil {
		return Nothing, "", fmt.Errorf("purge: resume: %w", err)
	}
	if j == nil {
		return Nothing, "", nil
	}
	r := openRepo(repoDir(data))
	defer r.close()
	head, err := r.head()
	if err != nil {
		return Nothing, "", fmt.Errorf("purge: resume: %w", err)
	}
	moved := false
	if head.String() != j.Old {
		moved, err = r.isAncestor(plumbing.NewHash(j.New), head)
	}
	if err != nil {
		return Nothing, "", fmt.Errorf("purge: resume: %w", err)
	}
	if !moved {
		// The branch never moved (or moved elsewhere): the old history is whole. What the
		// purge wrote is unreferenced and goes with the next purge.
		if err := removeJournal(data); err != nil {
			return Nothing, "", fmt.Errorf("purge: resume: %w", err)
		}
		return RolledBack, "", nil
	}
	if _, err := finish(data, r, j, newWalker()); err != nil {
		return Nothing, "", err
	}
	return Completed, logLine(j), nil
}

// finish does everything after the branch moved; every step may be repeated. reach holds
// what is already known to be reachable (the objects the rewrite wrote), or nothing.
func finish(data string, r *repo, j *journal, reach *walker) (pruneStats, error) {
	since := time.Now()
	if err := r.cleanRefs(); err != nil {
		return pruneStats{}, fmt.Errorf("purge: refs: %w", err)
	}
	heads, err := r.refHeads()
	if err != nil {
		return pruneStats{}, fmt.Errorf("purge: refs: %w", err)
	}
	for _, h := range heads {
		reach.commit(h)
	}
	keep, err := reach.walk(r)
	if err != nil {
		return pruneStats{}, fmt.Errorf("purge: reachable objects: %w", err)
	}
	ps, err := r.prune(keep, since)
	if err != nil {
		return ps, fmt.Errorf("purge: delete old objects: %w", err)
	}
	crashAt("pruned")
	if err := rebuildCaches(data); err != nil {
		return ps, err
	}
	if err := appendLog(data, j); err != nil {
		return ps, fmt.Errorf("purge: log: %w", err)
	}
	if err := removeJournal(data); err != nil {
		return ps, fmt.Errorf("purge: journal: %w", err)
	}
	return ps, nil
}

// supported refuses repositories purge cannot fully erase from: another ref would keep the
// old history reachable (and rewriting a tag or someone's branch is not ours to do), and
// borrowed objects (alternates) live in a repository purge does not own.
func (r *repo) supported() error {
	refs, err := r.st.IterReferences()
	if err != nil {
		return fmt.Errorf("purge: refs: %w", err)
	}
	var other []string
	_ = refs.ForEach(func(ref *plumbing.Reference) error {
		if ref.Name() != plumbing.HEAD && ref.Name() != branch {
			other = append(other, ref.Name().String())
		}
		return nil
	})
	if len(other) > 0 {
		sort.Strings(other)
		return fmt.Errorf("%w: other refs %s", ErrUnsupported, strings.Join(other, ", "))
	}
	if _, err := os.Stat(filepath.Join(r.dir, "objects", "info", "alternates")); err == nil {
		return fmt.Errorf("%w: objects/info/alternates", ErrUnsupported)
	}
	return nil
}

// refHeads are the commits every ref points at: what must survive a prune.
func (r *repo) refHeads() ([]plumbing.Hash, error) {
	refs, err := r.st.IterReferences()
	if err != nil {
		return nil, err
	}
	var out []plumbing.Hash
	err = refs.ForEach(func(ref *plumbing.Reference) error {
		if ref.Type() == plumbing.HashReference {
			out = append(out, ref.Hash())
		}
		return nil
	})
	return out, err
}

// cleanRefs makes the loose ref the only record of the branch: a copy in packed-refs (left by
// git gc) still names the old head, and reflogs (git's, if someone enabled them) name old
// commits and quote old commit messages.
func (r *repo) cleanRefs() error {
	if err := os.RemoveAll(filepath.Join(r.dir, "logs")); err != nil {
		return err
	}
	packed := filepath.Join(r.dir, "packed-refs")
	data, err := os.ReadFile(packed)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(r.dir, filepath.FromSlash(branch.String()))); err != nil {
		return nil // the branch lives only in packed-refs, and is current there
	}
	var out []string
	dropped, peel := false, false
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if peel && strings.HasPrefix(line, "^") {
			continue
		}
		peel = false
		if f := strings.Fields(line); len(f) == 2 && f[1] == branch.String() {
			dropped, peel = true, true
			continue
		}
		out = append(out, line)
	}
	if !dropped {
		return nil
	}
	return writeFileAtomic(packed, 0o644, func(w io.Writer) error {
		_, err := io.WriteString(w, strings.Join(out, ""))
		return err
	})
}

// isAncestor reports whether a is b or one of b's ancestors.
func (r *repo) isAncestor(a, b plumbing.Hash) (bool, error) {
	if b.IsZero() {
		return false, nil
	}
	seen := map[plumbing.Hash]bool{b: true}
	queue := []plumbing.Hash{b}
	for len(queue) > 0 {
		h := queue[0]
		queue = queue[1:]
		if h == a {
			return true, nil
		}
		c, err := r.commit(h)
		if err != nil {
			if errors.Is(err, plumbing.ErrObjectNotFound) {
				continue // pruned by an interrupted purge: not on the new history
			}
			return false, err
		}
		for _, p := range c.ParentHashes {
			if !seen[p] {
				seen[p] = true
				queue = append(queue, p)
			}
		}
	}
	return false, nil
}

// tombstone writes the commit on top that says that data was erased, by whom and when.
func (r *repo) tombstone(parent, tree plumbing.Hash, by, email string, now time.Time) (plumbing.Hash, error) {
	if tree == emptyTree {
		if _, err := r.write(plumbing.TreeObject, nil); err != nil {
			return plumbing.ZeroHash, err
		}
	}
	sig := object.Signature{Name: by, Email: email, When: now.Truncate(time.Second)}
	c := &object.Commit{Author: sig, Committer: sig, TreeHash: tree, Message: tombstoneMessage(by, now)}
	if !parent.IsZero() {
		c.ParentHashes = []plumbing.Hash{parent}
	}
	return r.writeCommit(c)
}

// CheckBy validates the name that goes into the tombstone and the log, and trims it.
func CheckBy(by string) (string, error) {
	by = strings.TrimSpace(by)
	if by == "" || len(by) > 200 || strings.ContainsAny(by, "<>\n\r\x00") {
		return "", fmt.Errorf("purge: invalid name %q for who erases", by)
	}
	return by, nil
}

func newID() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
