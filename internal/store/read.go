package store

import (
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// File is a file as read at one commit. Blob is the content's hash: the
// revision an edit starts from, sent back as SaveRequest.Base.
type File struct {
	Path    string
	Content []byte
	Blob    string
	Commit  string
}

// Entry is a file in a listing.
type Entry struct {
	Path string
	Blob string
	Size int64
}

// Read returns path at rev ("" = the head of main; else a commit hash, full or
// a unique prefix of at least 4 hex digits). ErrNotFound if it is not there.
func (s *Store) Read(path, rev string) (File, error) {
	if err := checkPath(path); err != nil {
		return File{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return File{}, fmt.Errorf("store: read %q: %w", path, ErrClosed)
	}
	c, err := s.resolve(rev)
	if err != nil {
		return File{}, fmt.Errorf("store: read %q: %w", path, err)
	}
	f, err := s.readAt(c, path)
	if err != nil {
		return File{}, fmt.Errorf("store: read %q: %w", path, err)
	}
	return f, nil
}

func (s *Store) readAt(c plumbing.Hash, path string) (File, error) {
	root, err := s.commitTree(c)
	if err != nil {
		return File{}, err
	}
	e, ok, err := s.lookup(root, path)
	if err != nil {
		return File{}, err
	}
	if !ok || !e.isFile() {
		return File{}, ErrNotFound
	}
	data, err := s.readBlob(e.hash)
	if err != nil {
		return File{}, err
	}
	return File{Path: path, Content: data, Blob: e.hash.String(), Commit: hashString(c)}, nil
}

// ReadBlob returns the content of a blob by its hash (e.g. an edit's Base).
func (s *Store) ReadBlob(hash string) ([]byte, error) {
	h, err := parseHash(hash)
	if err != nil {
		return nil, fmt.Errorf("store: read blob %q: %w", hash, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, fmt.Errorf("store: read blob %q: %w", hash, ErrClosed)
	}
	data, err := s.readBlob(h)
	if err != nil {
		return nil, fmt.Errorf("store: read blob %q: %w", hash, err)
	}
	return data, nil
}

// List returns the files directly in dir ("" = the top), sorted by path.
// Folders are not listed; a missing or empty folder gives nil.
func (s *Store) List(dir, rev string) ([]Entry, error) {
	dir, err := checkDir(dir)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, fmt.Errorf("store: list %q: %w", dir, ErrClosed)
	}
	c, err := s.resolve(rev)
	if errors.Is(err, ErrNotFound) && rev == "" {
		return nil, nil // empty repository
	}
	if err != nil {
		return nil, fmt.Errorf("store: list %q: %w", dir, err)
	}
	root, err := s.commitTree(c)
	if err != nil {
		return nil, fmt.Errorf("store: list %q: %w", dir, err)
	}
	tree := root
	if dir != "" {
		e, ok, err := s.lookup(root, dir)
		if err != nil {
			return nil, fmt.Errorf("store: list %q: %w", dir, err)
		}
		if !ok || !e.isDir() {
			return nil, nil
		}
		tree = e.hash
	}
	ents, err := s.tree(tree)
	if err != nil {
		return nil, fmt.Errorf("store: list %q: %w", dir, err)
	}
	out, err := s.entries(dir, ents, nil)
	if err != nil {
		return nil, fmt.Errorf("store: list %q: %w", dir, err)
	}
	return out, nil
}

// entries turns the files among ents into Entries; pending holds blobs a Tx
// has not written yet.
func (s *Store) entries(dir string, ents []tentry, pending map[plumbing.Hash][]byte) ([]Entry, error) {
	var out []Entry
	for _, e := range ents {
		if !e.isFile() {
			continue
		}
		size, err := s.sizeOf(e.hash, pending)
		if err != nil {
			return nil, err
		}
		out = append(out, Entry{Path: joinPath(dir, e.name), Blob: e.hash.String(), Size: size})
	}
	// Files alone in one folder are in byte order already; sort to be sure.
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

func (s *Store) sizeOf(h plumbing.Hash, pending map[plumbing.Hash][]byte) (int64, error) {
	if data, ok := pending[h]; ok {
		return int64(len(data)), nil
	}
	return s.blobSize(h)
}

// Walk calls fn for every file at rev ("" = head), sorted by path. fn runs
// without the store's lock, so it may call the Store; an error from fn stops
// the walk and is returned as is.
func (s *Store) Walk(rev string, fn func(e Entry) error) error {
	all, err := s.walkEntries(rev)
	if err != nil {
		return err
	}
	for _, e := range all {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) walkEntries(rev string) ([]Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, fmt.Errorf("store: walk: %w", ErrClosed)
	}
	c, err := s.resolve(rev)
	if errors.Is(err, ErrNotFound) && rev == "" {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: walk: %w", err)
	}
	root, err := s.commitTree(c)
	if err != nil {
		return nil, fmt.Errorf("store: walk: %w", err)
	}
	var all []Entry
	err = s.walkTree(root, "", func(dir string, ents []tentry) error {
		es, err := s.entries(dir, ents, nil)
		all = append(all, es...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: walk: %w", err)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Path < all[j].Path })
	return all, nil
}

// walkTree visits every folder below (and including) tree.
func (s *Store) walkTree(tree plumbing.Hash, dir string, visit func(dir string, ents []tentry) error) error {
	ents, err := s.tree(tree)
	if err != nil {
		return err
	}
	if err := visit(dir, ents); err != nil {
		return err
	}
	for _, e := range ents {
		if e.isDir() {
			if err := s.walkTree(e.hash, joinPath(dir, e.name), visit); err != nil {
				return err
			}
		}
	}
	return nil
}

// resolve turns a revision into a commit hash: "" is the head of main (and
// ErrNotFound in an empty repository); otherwise a full hash or a unique
// prefix of at least 4 hex digits that names a commit.
func (s *Store) resolve(rev string) (plumbing.Hash, error) {
	if rev == "" {
		h, err := s.readHead()
		if err != nil {
			return h, err
		}
		if h.IsZero() {
			return h, fmt.Errorf("empty repository: %w", ErrNotFound)
		}
		return h, nil
	}
	rev = strings.ToLower(rev)
	if len(rev) < 4 || len(rev) > 40 || !isHex(rev) {
		return plumbing.ZeroHash, fmt.Errorf("revision %q: %w", rev, ErrInvalid)
	}
	var cands []plumbing.Hash
	if len(rev) == 40 {
		cands = []plumbing.Hash{plumbing.NewHash(rev)}
	} else {
		cands = s.hist.commitsWithPrefix(rev)
		if len(cands) == 0 {
			cands = s.hashesWithPrefix(rev)
		}
	}
	var found []plumbing.Hash
	for _, h := range cands {
		if _, err := s.commit(h); err == nil {
			found = append(found, h)
		}
	}
	switch len(found) {
	case 0:
		return plumbing.ZeroHash, fmt.Errorf("revision %q: %w", rev, ErrNotFound)
	case 1:
		return found[0], nil
	}
	return plumbing.ZeroHash, fmt.Errorf("revision %q is ambiguous: %w", rev, ErrInvalid)
}

// hashesWithPrefix asks the object database for commits off our index (e.g.
// made on another branch by a git client).
func (s *Store) hashesWithPrefix(rev string) []plumbing.Hash {
	even := rev[:len(rev)&^1]
	b, err := hex.DecodeString(even)
	if err != nil {
		return nil
	}
	hs, err := s.st.HashesWithPrefix(b)
	if err != nil {
		return nil
	}
	var out []plumbing.Hash
	for _, h := range hs {
		if strings.HasPrefix(h.String(), rev) {
			out = append(out, h)
		}
	}
	return out
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func parseHash(s string) (plumbing.Hash, error) {
	s = strings.ToLower(s)
	if len(s) != 40 || !isHex(s) {
		return plumbing.ZeroHash, fmt.Errorf("hash %q: %w", s, ErrInvalid)
	}
	return plumbing.NewHash(s), nil
}
