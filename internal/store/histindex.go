package store

import (
	"fmt"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// The history index: git's own path-filtered log costs a walk of the whole
// history per page, so we keep, per commit on main's first-parent line, the
// files it changed. The file is a cache, keyed by commit hash: records are
// facts about immutable commits, so a record from any process is valid
// wherever that commit is on the branch; whatever is missing, unreadable or
// off the branch is recomputed from git. One JSON record per line.
type histRec struct {
	Commit  string       `json:"c"`
	Parents []string     `json:"p,omitempty"`
	Name    string       `json:"n"`
	Email   string       `json:"e"`
	When    int64        `json:"t"`
	Zone    int          `json:"z"`
	Message string       `json:"m"`
	Changes []histChange `json:"ch"`
}

type histChange struct {
	Path string `json:"p"`
	Op   string `json:"op"`
	Blob string `json:"b,omitempty"`
	Old  string `json:"o,omitempty"` // rename source
}

// pathRef points at one change of one record; oldSide marks the source path
// of a rename.
type pathRef struct {
	seq, ch int32
	oldSide bool
}

type history struct {
	file   string
	chain  []*histRec // main's first-parent line, oldest first
	bySHA  map[string]int
	byPath map[string][]pathRef
	cache  map[string]*histRec // records read from the file, while syncing
	stale  bool                // the file does not match chain: rewrite it
}

func newHistory(file string) *history {
	return &history{file: file, bySHA: map[string]int{}, byPath: map[string][]pathRef{}}
}

func (h *history) head() string {
	if len(h.chain) == 0 {
		return ""
	}
	return h.chain[len(h.chain)-1].Commit
}

func (h *history) add(r *histRec) {
	seq := int32(len(h.chain))
	h.chain = append(h.chain, r)
	h.bySHA[r.Commit] = int(seq)
	for i, c := range r.Changes {
		h.byPath[c.Path] = append(h.byPath[c.Path], pathRef{seq: seq, ch: int32(i)})
		if c.Old != "" {
			h.byPath[c.Old] = append(h.byPath[c.Old], pathRef{seq: seq, ch: int32(i), oldSide: true})
		}
	}
}

// truncate keeps the first n records (the branch was moved back or rewritten).
func (h *history) truncate(n int) {
	old := h.chain[:n]
	h.chain, h.bySHA, h.byPath = nil, map[string]int{}, map[string][]pathRef{}
	for _, r := range old {
		h.add(r)
	}
}

func (h *history) commitsWithPrefix(prefix string) []plumbing.Hash {
	var out []plumbing.Hash
	for _, r := range h.chain {
		if strings.HasPrefix(r.Commit, prefix) {
			out = append(out, plumbing.NewHash(r.Commit))
		}
	}
	return out
}

// openHistory loads the index file and brings it up to date with the branch.
func (s *Store) openHistory() error {
	h := newHistory(historyFile(s.dir))
	s.hist = h
	recs, clean := readHistoryFile(h.file)
	h.cache = make(map[string]*histRec, len(recs))
	for _, r := range recs {
		h.cache[r.Commit] = r
	}
	head, err := s.readHead()
	if err != nil {
		return err
	}
	if err := s.syncHistory(head, false); err != nil {
		return fmt.Errorf("store: history: %w", err)
	}
	h.cache = nil
	same := clean && len(recs) == len(h.chain)
	for i := 0; same && i < len(recs); i++ {
		same = recs[i].Commit == h.chain[i].Commit
	}
	if !same {
		// The index in memory is complete; if the file cannot be written now,
		// the next commit tries again.
		if h.rewrite() != nil {
			h.stale = true
		}
	}
	return nil
}

// syncHistory makes the index end at head: it walks back from head to the
// newest commit it knows (normally zero steps; a few after another process
// committed), computing what the file does not have, and cuts off records
// that are no longer on the branch.
func (s *Store) syncHistory(head plumbing.Hash, persist bool) error {
	h := s.hist
	if hashString(head) == h.head() {
		return nil
	}
	var fresh, computed []*histRec
	found := -1
	for cur := head; !cur.IsZero(); {
		if i, ok := h.bySHA[cur.String()]; ok {
			found = i
			break
		}
		r, ok := h.cache[cur.String()]
		if !ok {
			var err error
			if r, err = s.computeRecord(cur); err != nil {
				return err
			}
			computed = append(computed, r)
		}
		fresh = append(fresh, r)
		cur = plumbing.ZeroHash
		if len(r.Parents) > 0 {
			cur = plumbing.NewHash(r.Parents[0])
		}
	}
	if found != len(h.chain)-1 {
		h.truncate(found + 1)
		h.stale = true
	}
	for i := len(fresh) - 1; i >= 0; i-- {
		h.add(fresh[i])
	}
	if !persist {
		return nil
	}
	// The index in memory is right now; a file that cannot be written is
	// only a slower next Open, never a failed read.
	var err error
	if h.stale {
		err = h.rewrite()
	} else {
		// Oldest first, like the chain.
		for i, j := 0, len(computed)-1; i < j; i, j = i+1, j-1 {
			computed[i], computed[j] = computed[j], computed[i]
		}
		err = h.append(computed...)
	}
	if err != nil {
		h.stale = true
	}
	return nil
}

// computeRecord reads what a commit changed from git itself.
func (s *Store) computeRecord(c plumbing.Hash) (*histRec, error) {
	ci, err := s.commit(c)
	if err != nil {
		return nil, err
	}
	var parentTree plumbing.Hash
	if len(ci.parents) > 0 {
		if parentTree, err = s.commitTree(ci.parents[0]); err != nil {
			return nil, err
		}
	}
	chs, err := s.diffTrees(parentTree, ci.tree)
	if err != nil {
		return nil, err
	}
	return newRecord(c, ci.parents, ci.author, ci.message, chs), nil
}

// newRecord is the one place a record is made, for a commit we just wrote as
// well as for one read back from git, so a rebuilt index equals the live one.
func newRecord(c plumbing.Hash, parents []plumbing.Hash, sig object.Signature, msg string, chs []change) *histRec {
	r := &histRec{Commit: c.String(), Name: sig.Name, Email: sig.Email,
		When: sig.When.Unix(), Zone: zoneOf(sig.When), Message: strings.TrimRight(msg, "\n"),
		Changes: pageChanges(chs)}
	for _, p := range parents {
		r.Parents = append(r.Parents, p.String())
	}
	return r
}

// pageChanges names the file changes the way the history shows them. A file
// removed and a file added with the same content in one commit is a rename
// (pairs taken in path order, so the result is deterministic). Mode-only
// changes are not a new version of a page.
func pageChanges(chs []change) []histChange {
	var out []histChange
	var added, deleted []change
	for _, c := range chs {
		switch {
		case !c.old.IsZero() && !c.new.IsZero():
			if c.old != c.new {
				out = append(out, histChange{Path: c.path, Op: OpChanged, Blob: c.new.String()})
			}
		case c.old.IsZero():
			added = append(added, c)
		default:
			deleted = append(deleted, c)
		}
	}
	byBlob := map[plumbing.Hash][]int{}
	for i, a := range added {
		byBlob[a.new] = append(byBlob[a.new], i)
	}
	used := make([]bool, len(added))
	for _, d := range deleted {
		if idx := byBlob[d.old]; len(idx) > 0 {
			a := added[idx[0]]
			byBlob[d.old] = idx[1:]
			used[idx[0]] = true
			out = append(out, histChange{Path: a.path, Op: OpRenamed, Blob: a.new.String(), Old: d.path})
			continue
		}
		out = append(out, histChange{Path: d.path, Op: OpDeleted})
	}
	for i, a := range added {
		if !used[i] {
			out = append(out, histChange{Path: a.path, Op: OpNew, Blob: a.new.String()})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// recordCommit adds a commit we just made on top of parent. If the index is
// behind parent (another process committed) it catches up first. A failure to
// write the file is not the caller's problem: the commit exists, and the next
// Open rebuilds whatever the file lacks.
func (s *Store) recordCommit(r *histRec, parent plumbing.Hash) {
	h := s.hist
	if h.head() != hashString(parent) {
		if err := s.syncHistory(parent, true); err != nil {
			// Start over: the next read rebuilds the index from git.
			s.hist = newHistory(h.file)
			s.hist.stale = true
			return
		}
	}
	h.add(r)
	var err error
	if h.stale {
		err = h.rewrite()
	} else {
		err = h.append(r)
	}
	if err != nil {
		h.stale = true
	}
}
