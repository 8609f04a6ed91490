// Package gittree reads and writes git's tree object format. The store (every save) and purge
// (every rewritten commit) handle trees themselves, because go-git's object layer is too slow
// for a folder of thousands of pages; this is the one codec both use.
package gittree

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// Parse calls fn for every entry of a tree object, in the order they are stored.
func Parse(data []byte, fn func(name string, mode filemode.FileMode, hash plumbing.Hash)) error {
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		if sp < 0 {
			return errors.New("bad tree entry")
		}
		mode, err := strconv.ParseUint(string(data[:sp]), 8, 32)
		if err != nil {
			return fmt.Errorf("bad tree mode: %w", err)
		}
		data = data[sp+1:]
		nul := bytes.IndexByte(data, 0)
		if nul < 0 || len(data) < nul+1+len(plumbing.ZeroHash) {
			return errors.New("bad tree entry")
		}
		var h plumbing.Hash
		copy(h[:], data[nul+1:])
		fn(string(data[:nul]), filemode.FileMode(mode), h)
		data = data[nul+1+len(h):]
	}
	return nil
}

// Append writes one entry to buf. Entries must be appended in git order.
func Append(buf []byte, name string, mode filemode.FileMode, hash plumbing.Hash) []byte {
	buf = strconv.AppendUint(buf, uint64(mode), 8)
	buf = append(buf, ' ')
	buf = append(buf, name...)
	buf = append(buf, 0)
	return append(buf, hash[:]...)
}
