package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/leefwereld/leefwereld/internal/workspace"
)

// init creates a workspace and refuses to touch an existing one.
func (m *Main) init(_ context.Context, fs *flag.FlagSet, args []string) int {
	data := fs.String("data", DefaultData, "map met de gegevens van de werkplek")
	if !m.parse(fs, args, 0) {
		return exitUsage
	}
	w, err := workspace.Create(*data)
	if errors.Is(err, workspace.ErrExists) {
		return m.fail("in %s staat al een werkplek; er is niets veranderd", *data)
	}
	if err != nil {
		return m.fail("kon geen werkplek maken in %s: %v", *data, err)
	}
	defer w.Close()
	fmt.Fprintf(m.Stdout, "Nieuwe werkplek gemaakt in %s, met de startbibliotheek.\n", *data)
	return exitOK
}
