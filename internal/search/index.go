package search

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/leefwereld/leefwereld/internal/store"
)

// DirName is the index directory inside a data directory, beside the repository.
const DirName = "index.bleve"

// Keys of the index's internal (non-document) values.
const (
	keyMapping = "leefwereld:mapping" // profile.version() the index was built with
	keyCommit  = "leefwereld:commit"  // the commit whose pages the index holds
)

// ErrLocked is returned by Open when another process holds the index (the server).
// A bleve index has exactly one owner: its bolt file is locked while it is open.
var ErrLocked = errors.New("search: the index is in use by another process")

// Options tune Open.
type Options struct {
	// Progress receives one line per step of a full build ("zoekindex: 2000 van 10000
	// pagina's"); nil means silent.
	Progress io.Writer
	// Rebuild throws the index away and builds it anew from git, even when it is current.
	Rebuild bool
	// LockTimeout is how long Open waits for another process to let go of the index before
	// returning ErrLocked (default 500ms).
	LockTimeout time.Duration
}

// Index is the search index of one workspace. It is safe for concurrent use: searches run in
// parallel; Sync and Rebuild take turns.
type Index struct {
	path    string
	st      *store.Store
	opts    Options
	profile profile

	mu     sync.RWMutex // guards idx and commit; write-locked only to swap the index on rebuild
	idx    bleve.Index
	commit string

	syncMu sync.Mutex               // one Sync or Rebuild at a time
	syn    atomic.Pointer[synonyms] // query expansion from the theme library

	indexed, deleted, rebuilds atomic.Int64
}

// Stats are counters since Open, for tests and the benchmark.
type Stats struct {
	Indexed  int64  `json:"indexed"`  // documents written (a rebuild counts every page)
	Deleted  int64  `json:"deleted"`  // documents removed
	Rebuilds int64  `json:"rebuilds"` // full builds from git
	Commit   string `json:"commit"`   // the commit the index reflects
	Docs     uint64 `json:"docs"`     // documents in the index
}

// Open opens (or creates) the index in dataDir/index.bleve for the workspace's store and
// brings it up to date with the branch. A missing or corrupt index, or one built with another
// mapping or other Dutch rules, is rebuilt from git with progress on opts.Progress. If another
// process holds the index, Open returns ErrLocked and touches nothing.
func Open(ctx context.Context, dataDir string, st *store.Store, opts Options) (*Index, error) {
	return open(ctx, dataDir, st, opts, ours)
}

func open(ctx context.Context, dataDir string, st *store.Store, opts Options, p profile) (*Index, error) {
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = 500 * time.Millisecond
	}
	x := &Index{path: filepath.Join(dataDir, DirName), st: st, opts: opts, profile: p}
	x.syn.Store(&synonyms{})
	idx, err := x.openBleve()
	rebuild := opts.Rebuild
	switch {
	case errors.Is(err, ErrLocked):
		return nil, err
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist), errors.Is(err, bleve.ErrorIndexMetaMissing):
		rebuild = true
		x.progress("zoekindex: er is nog geen index; die wordt nu opgebouwd")
	case err != nil:
		rebuild = true
		x.progress("zoekindex: de index is beschadigd (%v); die wordt opnieuw opgebouwd", err)
	default:
		v, verr := idx.GetInternal([]byte(keyMapping))
		c, cerr := idx.GetInternal([]byte(keyCommit))
		switch {
		case verr != nil || cerr != nil:
			rebuild = true
			x.progress("zoekindex: de index is beschadigd; die wordt opnieuw opgebouwd")
		case string(v) != p.version():
			rebuild = true
			x.progress("zoekindex: de index hoort bij een andere versie; die wordt opnieuw opgebouwd")
		}
		x.idx, x.commit = idx, string(c)
	}
	if rebuild {
		if err := x.Rebuild(ctx); err != nil {
			x.Close()
			return nil, err
		}
	} else if _, err := x.Sync(ctx); err != nil {
		x.Close()
		return nil, err
	}
	return x, nil
}

// openBleve opens the existing index, failing fast (ErrLocked) when another process has it.
// bleve can panic on some damaged files; that counts as damage too.
func (x *Index) openBleve() (idx bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, fmt.Errorf("search: open %s: %v", x.path, r)
		}
	}()
	idx, err = bleve.OpenUsing(x.path, map[string]interface{}{"bolt_timeout": x.opts.LockTimeout.String()})
	if err != nil && (errors.Is(err, bolterrors.ErrTimeout) || strings.Contains(err.Error(), "timeout")) {
		return nil, ErrLocked
	}
	return idx, err
}

// create makes an empty index at x.path, removing whatever was there.
func (x *Index) create() (bleve.Index, error) {
	if err := os.RemoveAll(x.path); err != nil {
		return nil, fmt.Errorf("search: remove old index: %w", err)
	}
	idx, err := bleve.NewUsing(x.path, newMapping(x.profile), scorch.Name, scorch.Name,
		map[string]interface{}{"bolt_timeout": x.opts.LockTimeout.String()})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, ErrLocked
		}
		return nil, fmt.Errorf("search: create index: %w", err)
	}
	if err := idx.SetInternal([]byte(keyMapping), []byte(x.profile.version())); err != nil {
		idx.Close()
		return nil, fmt.Errorf("search: create index: %w", err)
	}
	return idx, nil
}

// Close releases the index (and its lock).
func (x *Index) Close() error {
	x.syncMu.Lock()
	defer x.syncMu.Unlock()
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.idx == nil {
		return nil
	}
	err := x.idx.Close()
	x.idx = nil
	if err != nil {
		return fmt.Errorf("search: close: %w", err)
	}
	return nil
}

// Stats returns the counters.
func (x *Index) Stats() Stats {
	x.mu.RLock()
	defer x.mu.RUnlock()
	s := Stats{Indexed: x.indexed.Load(), Deleted: x.deleted.Load(), Rebuilds: x.rebuilds.Load(), Commit: x.commit}
	if x.idx != nil {
		s.Docs, _ = x.idx.DocCount()
	}
	return s
}

// Commit is the commit the index reflects.
func (x *Index) Commit() string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.commit
}

// Path is the index directory.
func (x *Index) Path() string { return x.path }

// get returns the bleve index for one search.
func (x *Index) get() (bleve.Index, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.idx == nil {
		return nil, errors.New("search: index closed")
	}
	return x.idx, nil
}

func (x *Index) progress(format string, args ...any) {
	if x.opts.Progress != nil {
		fmt.Fprintf(x.opts.Progress, format+"\n", args...)
	}
}
