package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/leefwereld/leefwereld/internal/search"
)

// reindex throws the search index away and builds it again from git. The server owns the
// index while it runs (bleve locks it), so this refuses, clearly, while a server is up.
func (m *Main) reindex(ctx context.Context, fs *flag.FlagSet, args []string) int {
	data := fs.String("data", DefaultData, "map met de gegevens van de werkplek")
	if !m.parse(fs, args, 0) {
		return exitUsage
	}
	w, done, code := m.open(*data)
	if w == nil {
		return code
	}
	defer done()
	idx, err := search.Open(ctx, *data, w.Store, search.Options{Progress: m.Stdout, Rebuild: true})
	if errors.Is(err, search.ErrLocked) {
		return m.fail("de zoekindex in %s is in gebruik door een ander proces, waarschijnlijk de server (leefwereld serve). Stop de server eerst en probeer het daarna opnieuw.", *data)
	}
	if err != nil {
		return m.fail("kon de zoekindex niet opnieuw opbouwen: %v", err)
	}
	st := idx.Stats()
	if err := idx.Close(); err != nil {
		return m.fail("kon de zoekindex niet afsluiten: %v", err)
	}
	fmt.Fprintf(m.Stdout, "Zoekindex opnieuw opgebouwd: %d pagina's, versie %.12s.\n", st.Docs, st.Commit)
	return exitOK
}
