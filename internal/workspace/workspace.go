package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// RepoDir is the bare git repository inside a data directory. Other parts of the data directory
// (search index, accounts) sit beside it and can all be rebuilt or are kept apart from pages.
const RepoDir = "repo.git"

// ErrExists is returned by Create when the data directory already holds a workspace.
var ErrExists = errors.New("workspace: exists")

// ErrNotExist is returned by Open when the data directory holds no workspace.
var ErrNotExist = errors.New("workspace: does not exist")

// System is the author of commits the software makes on its own, such as the starter library.
var System = store.Author{Name: "Leefwereld", Email: "leefwereld@leefwereld.invalid"}

// Workspace is one school team's set of pages: a git store plus the kinds' rules.
type Workspace struct {
	Store *store.Store
	dir   string
}

// Dir is the data directory.
func (w *Workspace) Dir() string { return w.dir }

// Close releases the repository.
func (w *Workspace) Close() error { return w.Store.Close() }

// Exists reports whether dir holds a workspace.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, RepoDir, "HEAD"))
	return err == nil
}

// Create makes a new workspace in dir with the starter library in one commit.
func Create(dir string) (*Workspace, error) {
	if Exists(dir) {
		return nil, fmt.Errorf("workspace: create %q: %w", dir, ErrExists)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("workspace: create %q: %w", dir, err)
	}
	s, err := store.Init(filepath.Join(dir, RepoDir))
	if err != nil {
		return nil, fmt.Errorf("workspace: create %q: %w", dir, err)
	}
	w := &Workspace{Store: s, dir: dir}
	_, err = s.Update(System, "Nieuwe werkplek met de startbibliotheek", func(tx *store.Tx) error {
		for _, lib := range starter {
			err := fs.WalkDir(lib.fsys, "library", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				data, err := fs.ReadFile(lib.fsys, p)
				if err != nil {
					return err
				}
				return tx.Put(lib.kind.Folder()+"/"+path.Base(p), data)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("workspace: create %q: starter library: %w", dir, err)
	}
	return w, nil
}

// Open opens the workspace in dir.
func Open(dir string) (*Workspace, error) {
	if !Exists(dir) {
		return nil, fmt.Errorf("workspace: open %q: %w", dir, ErrNotExist)
	}
	s, err := store.Open(filepath.Join(dir, RepoDir))
	if err != nil {
		return nil, fmt.Errorf("workspace: open %q: %w", dir, err)
	}
	return &Workspace{Store: s, dir: dir}, nil
}

// OpenOrCreate opens the workspace in dir, creating it first when there is none.
func OpenOrCreate(dir string) (w *Workspace, created bool, err error) {
	if Exists(dir) {
		w, err = Open(dir)
		return w, false, err
	}
	w, err = Create(dir)
	return w, err == nil, err
}

// isPagePath reports whether a repository path is in one of the kinds' folders.
func isPagePath(p string) bool {
	dir, _ := path.Split(p)
	k, ok := wiki.ParseKind(strings.TrimSuffix(dir, "/"))
	return ok && k.Folder()+"/" == dir
}
