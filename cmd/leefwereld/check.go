package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// check validates every page and prints errors, warnings and hints; errors make it exit 1.
func (m *Main) check(_ context.Context, fs *flag.FlagSet, args []string) int {
	data := fs.String("data", DefaultData, "map met de gegevens van de werkplek")
	if !m.parse(fs, args, 0) {
		return exitUsage
	}
	w, done, code := m.open(*data)
	if w == nil {
		return code
	}
	defer done()
	probs, err := w.Check("")
	if err != nil {
		return m.fail("controleren lukte niet: %v", err)
	}
	printProblems(m.Stdout, probs)
	if probs.HasErrors() {
		return exitError
	}
	return exitOK
}

// printProblems prints one problem a line, ending in its stable code for scripts, and a Dutch
// summary.
func printProblems(w io.Writer, probs wiki.Problems) {
	for _, p := range probs {
		fmt.Fprintf(w, "%s [%s]\n", p, p.Code)
	}
	fmt.Fprintf(w, "%d fouten, %d meldingen, %d tips\n", len(probs.Errors()), len(probs.Warnings()), len(probs.Hints()))
}
