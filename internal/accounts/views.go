package accounts

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// View is one line of the inzage log: who read which file of the repository, when, and how.
// It never holds any text of the page: parents may ask who read about their child, and the
// answer must not become a second copy of what was written.
//
// The fields match internal/inzage's View, so a bundle can convert them as they are.
type View struct {
	At   time.Time
	Who  string // the account id (Display gives the name)
	Path string // the repository path that was read: "portraits/sam.md", "media/sam/foto.png"
	What string // how, in Dutch: "bekeken", "afgedrukt", "oude versie bekeken" …
}

// view is a View as stored; the path and time are in the key.
type view struct {
	Who  string `json:"who"`
	What string `json:"what,omitempty"`
}

// viewKey orders the log by path, then time: path, a zero byte (no path holds one), the time
// in nanoseconds (big-endian, so bytes sort like numbers) and a random suffix, so two reads in
// the same nanosecond are both kept.
func viewKey(p string, at time.Time) []byte {
	k := make([]byte, 0, len(p)+1+8+8)
	k = append(k, p...)
	k = append(k, 0)
	k = binary.BigEndian.AppendUint64(k, uint64(at.UnixNano()))
	return append(k, random(5)...)
}

// RecordView adds one line to the inzage log: account who read path now. It returns once the
// line is on disk. Reads that come in at the same moment share one write (bbolt's Batch,
// waiting at most viewBatchDelay), so a busy team page does not queue behind one disk sync
// per reader.
func (s *Store) RecordView(who, path, what string) error {
	if who == "" || path == "" || strings.IndexByte(path, 0) >= 0 {
		return wrap("record view", errBadView)
	}
	key := viewKey(path, s.now().UTC()) // outside: Batch may run the function twice, and must write one line
	err := s.db.Batch(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketViews), key, &view{Who: who, What: what})
	})
	return wrap("record view", err)
}

// viewBatchDelay is how long a view waits for others to share its write (bbolt's default is
// 10 ms, too long to add to every page view).
const viewBatchDelay = 2 * time.Millisecond

var errBadView = problem("bad-view", "Een inzage zonder account of pad kan niet worden vastgelegd.")

// Views returns every recorded view of any of paths, oldest first per path (the order of
// paths). It fits internal/inzage's ViewLog.
func (s *Store) Views(paths []string) ([]View, error) {
	var out []View
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketViews).Cursor()
		for _, p := range paths {
			prefix := append([]byte(p), 0)
			for k, data := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, data = c.Next() {
				rest := k[len(prefix):]
				if len(rest) < 8 {
					continue
				}
				var v view
				if err := json.Unmarshal(data, &v); err != nil {
					return fmt.Errorf("decode view of %s: %w", p, err)
				}
				at := time.Unix(0, int64(binary.BigEndian.Uint64(rest[:8]))).UTC()
				out = append(out, View{At: at, Who: v.Who, Path: p, What: v.What})
			}
		}
		return nil
	})
	if err != nil {
		return nil, wrap("list views", err)
	}
	return out, nil
}

// DeleteViews removes the log of paths, for an erasure: once a page is erased from the whole
// history, its path (often a pupil's pseudonym) must not stay behind here either. It returns
// how many lines went.
func (s *Store) DeleteViews(paths []string) (int, error) {
	n := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketViews)
		for _, p := range slices.Compact(slices.Sorted(slices.Values(paths))) {
			prefix := append([]byte(p), 0)
			var keys [][]byte
			c := b.Cursor()
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				keys = append(keys, append([]byte(nil), k...))
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
	return n, wrap("delete views", err)
}
