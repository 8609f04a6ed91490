package accounts

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// RecordViews adds one line to the inzage log for each of paths, all at the same moment and in
// one write: an inzage bundle is one act that takes many files, and the log must show it
// complete or not at all.
func (s *Store) RecordViews(who string, paths []string, what string) error {
	if who == "" || len(paths) == 0 {
		return wrap("record views", errBadView)
	}
	at := s.now().UTC()
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketViews)
		for _, p := range paths {
			if p == "" || strings.IndexByte(p, 0) >= 0 {
				return errBadView
			}
			if err := putJSON(b, viewKey(p, at), &view{Who: who, What: what}); err != nil {
				return err
			}
		}
		return nil
	})
	return wrap("record views", err)
}

// compactSuffix names the new file while a compaction writes it, beside accounts.db.
const compactSuffix = ".compact"

// ForgetPaths erases the inzage log of paths that were erased from the repository's history:
// every line about each path and, since a path may be an attachment folder (media/<slug>),
// about every file under it. It returns how many lines went.
//
// bbolt leaves deleted keys in the pages it frees, so the file is then compacted into a new
// one that replaces it: afterwards no byte of accounts.db holds an erased path. Nothing else
// may use the Store meanwhile — the server calls it while it holds every request back, and
// the command line has the file to itself.
func (s *Store) ForgetPaths(paths []string) (int, error) {
	n := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketViews)
		for _, p := range slices.Compact(slices.Sorted(slices.Values(paths))) {
			p = strings.TrimSuffix(p, "/")
			if p == "" {
				continue
			}
			var keys [][]byte
			for _, prefix := range [][]byte{append([]byte(p), 0), []byte(p + "/")} {
				c := b.Cursor()
				for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
					keys = append(keys, bytes.Clone(k))
				}
			}
			for _, k := range keys {
				if err := b.Delete(k); err != nil {
					return err
				}
			}
			n += len(keys)
		}
		return nil
	})
	if err != nil {
		return 0, wrap("forget paths", err)
	}
	if err := s.compact(); err != nil {
		return n, wrap("forget paths", err)
	}
	return n, nil
}

// compact copies the database into a new file, which then takes the old one's place. A crash
// before the rename leaves the old file as it was (the half-written copy is removed next
// time); after it, the new one.
func (s *Store) compact() error {
	path := s.db.Path()
	tmp := path + compactSuffix
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("compact: %w", err)
	}
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	if err := bolt.Compact(dst, s.db, 4<<20); err != nil {
		dst.Close()
		os.Remove(tmp)
		return fmt.Errorf("compact: %w", err)
	}
	if err := dst.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("compact: %w", err)
	}
	if err := s.db.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("compact: %w", err)
	}
	renamed := os.Rename(tmp, path)
	if renamed == nil {
		if d, err := os.Open(filepath.Dir(path)); err == nil {
			d.Sync()
			d.Close()
		}
	}
	// Open whichever file is in place now: the compacted one, or the old one if the rename
	// failed (its deleted lines are gone from its keys, not yet from its free pages).
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("compact: reopen: %w", err)
	}
	db.MaxBatchDelay = viewBatchDelay
	s.db = db
	if renamed != nil {
		os.Remove(tmp)
		return fmt.Errorf("compact: %w", renamed)
	}
	return nil
}
