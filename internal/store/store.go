// Package store keeps the workspace's pages in a bare git repository.
//
// Every write is one commit made with plumbing only: blobs, the changed trees
// and a commit are written as objects and the branch is moved with a
// compare-and-swap, so no worktree is ever needed and a save costs the same in
// a repository with ten commits or ten thousand. go-git is not safe for
// concurrent use, so a Store owns its repository behind a mutex and hands out
// only its own value types.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// Sentinel errors; test with errors.Is. Conflicts are a *ConflictError.
var (
	ErrNotFound = errors.New("not found")
	ErrExists   = errors.New("already exists")
	ErrNoChange = errors.New("no change")
	ErrNotRepo  = errors.New("not a repository")
	// ErrInvalid: a path, name or author the store refuses to write, because
	// git (or git fsck) would not accept it or it could escape its folder.
	ErrInvalid = errors.New("invalid input")
	// ErrClosed: the Store (or a finished Tx) was used after Close.
	ErrClosed = errors.New("store closed")
)

// branch is the only branch the store reads and writes.
const branch = plumbing.ReferenceName("refs/heads/main")

// Author is who made a change; it becomes both git author and committer.
// A zero When means now.
type Author struct {
	Name, Email string
	When        time.Time
}

// Store is one workspace repository. All methods are safe for concurrent use;
// they serialise on one mutex because go-git is not thread-safe.
type Store struct {
	mu      sync.Mutex
	dir     string
	st      *filesystem.Storage
	repo    *git.Repository
	trees   *lru[plumbing.Hash, []tentry]   // parsed trees by hash (immutable)
	commits *lru[plumbing.Hash, commitInfo] // parsed commits by hash (immutable)
	sizes   *lru[plumbing.Hash, int64]      // blob sizes by hash (immutable)
	hist    *history
	loose   LooseWriter // writes every object we make
	closed  bool
}

// Init creates a new bare repository in dir (created if needed) with HEAD on
// refs/heads/main. It returns ErrExists if dir already holds a repository.
func Init(dir string) (*Store, error) {
	for _, name := range []string{"HEAD", "objects", ".git"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return nil, fmt.Errorf("store: init %s: %w", dir, ErrExists)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("store: init %s: %w", dir, err)
	}
	st := newStorage(dir)
	repo, err := git.InitWithOptions(st, nil, git.InitOptions{DefaultBranch: branch})
	if err != nil {
		return nil, fmt.Errorf("store: init %s: %w", dir, err)
	}
	s := newStore(dir, st, repo)
	if err := s.openHistory(); err != nil {
		return nil, err
	}
	return s, nil
}

// Open opens an existing bare repository. It returns ErrNotRepo if dir is not
// one. The page history index is loaded and brought up to date with the branch.
func Open(dir string) (*Store, error) {
	for _, name := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", dir, ErrNotRepo)
		}
	}
	st := newStorage(dir)
	repo, err := git.Open(st, nil)
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return nil, fmt.Errorf("store: open %s: %w", dir, ErrNotRepo)
		}
		return nil, fmt.Errorf("store: open %s: %w", dir, err)
	}
	s := newStore(dir, st, repo)
	if err := s.openHistory(); err != nil {
		st.Close()
		return nil, err
	}
	return s, nil
}

func newStorage(dir string) *filesystem.Storage {
	return filesystem.NewStorage(osfs.New(dir), cache.NewObjectLRUDefault())
}

func newStore(dir string, st *filesystem.Storage, repo *git.Repository) *Store {
	return &Store{
		dir:     dir,
		loose:   LooseWriter{Dir: dir},
		st:      st,
		repo:    repo,
		trees:   newLRU[plumbing.Hash, []tentry](200_000, func(e []tentry) int { return len(e) + 1 }),
		commits: newLRU[plumbing.Hash, commitInfo](4096, nil),
		sizes:   newLRU[plumbing.Hash, int64](100_000, nil),
	}
}

// Close releases the repository. Later calls return ErrClosed.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if err := s.st.Close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Dir is the repository directory.
func (s *Store) Dir() string { return s.dir }

// Head returns the commit hash of main, or "" in an empty repository.
func (s *Store) Head() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return "", fmt.Errorf("store: head: %w", ErrClosed)
	}
	h, err := s.readHead()
	if err != nil {
		return "", err
	}
	return hashString(h), nil
}

// readHead reads the branch from disk every time: another process may have
// moved it. go-git rewrites a ref file in place (truncate, then write) and
// does not lock against readers, so an empty or short file means "being
// written": we wait for it rather than take it for "no commits yet", which
// would make the next commit a new root and drop the history.
func (s *Store) readHead() (plumbing.Hash, error) {
	file := filepath.Join(s.dir, filepath.FromSlash(branch.String()))
	for attempt := 0; ; attempt++ {
		data, err := os.ReadFile(file)
		if errors.Is(err, fs.ErrNotExist) {
			// No loose ref: packed by git gc, or no commit yet.
			return s.packedHead()
		}
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("store: read branch: %w", err)
		}
		line := strings.TrimSpace(string(data))
		if len(line) == 40 && isHex(line) {
			return plumbing.NewHash(line), nil
		}
		if attempt < 200 {
			time.Sleep(time.Millisecond)
			continue
		}
		// Still unreadable: git reads packed-refs under an empty loose ref.
		h, err := s.packedHead()
		if err == nil && !h.IsZero() {
			return h, nil
		}
		return plumbing.ZeroHash, fmt.Errorf("store: read branch: unreadable ref %q", line)
	}
}

func (s *Store) packedHead() (plumbing.Hash, error) {
	ref, err := s.st.Reference(branch)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("store: read branch: %w", err)
	}
	return ref.Hash(), nil
}

// createBranch makes the branch for a first commit. go-git's
// CheckAndSetReference cannot say "only if absent", so we create the ref file
// exclusively: of two first commits racing, one loses and retries on top.
func (s *Store) createBranch(h plumbing.Hash) error {
	file := filepath.Join(s.dir, filepath.FromSlash(branch.String()))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return storage.ErrReferenceHasChanged
	}
	if err != nil {
		return err
	}
	_, werr := f.WriteString(h.String() + "\n")
	return errors.Join(werr, f.Close())
}

// signature validates and normalises an author the way git will store it
// (whole seconds, zone in minutes), so what we index equals what we read back.
func (a Author) signature() (object.Signature, error) {
	name, email := strings.TrimSpace(a.Name), strings.TrimSpace(a.Email)
	if name == "" {
		return object.Signature{}, fmt.Errorf("store: author without a name: %w", ErrInvalid)
	}
	if strings.ContainsAny(name+email, "<>\n\r\x00") {
		return object.Signature{}, fmt.Errorf("store: author %q <%s>: %w", name, email, ErrInvalid)
	}
	when := a.When
	if when.IsZero() {
		when = time.Now()
	}
	return object.Signature{Name: name, Email: email, When: normTime(when.Unix(), zoneOf(when))}, nil
}

func zoneOf(t time.Time) int {
	_, off := t.Zone()
	return off / 60 * 60
}

// normTime builds a time the way go-git decodes one, so values compare equal.
func normTime(unix int64, zone int) time.Time {
	return time.Unix(unix, 0).In(time.FixedZone("", zone))
}

func authorOf(sig object.Signature) Author {
	return Author{Name: sig.Name, Email: sig.Email, When: sig.When}
}

func hashString(h plumbing.Hash) string {
	if h.IsZero() {
		return ""
	}
	return h.String()
}

func short(h string) string {
	if len(h) > 7 {
		return h[:7]
	}
	return h
}
