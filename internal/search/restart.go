package search

import (
	"context"

	"github.com/leefwereld/leefwereld/internal/store"
)

// Restart points the index at a store that was opened again and builds the index anew from
// it, in the same directory. The server calls it after an erasure in its own process: it
// closed the index and the store first, the purge rewrote the history and deleted the index
// (it held the erased text), and nothing of the old index may come back. The caller makes
// sure no search runs meanwhile.
func (x *Index) Restart(ctx context.Context, st *store.Store) error {
	x.syncMu.Lock()
	defer x.syncMu.Unlock()
	x.mu.Lock()
	x.st = st
	x.mu.Unlock()
	return x.rebuild(ctx)
}
