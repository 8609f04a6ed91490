package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// importDir commits a folder of pages as one version, or nothing at all when a file is invalid.
func (m *Main) importDir(_ context.Context, fs *flag.FlagSet, args []string) int {
	data := fs.String("data", DefaultData, "map met de gegevens van de werkplek")
	author := fs.String("author", "Leefwereld import", "naam die bij de versie komt te staan")
	message := fs.String("message", "", "beschrijving van de versie (standaard: wat er is ingelezen)")
	if !m.parse(fs, args, 1) {
		return exitUsage
	}
	w, done, code := m.open(*data)
	if w == nil {
		return code
	}
	defer done()
	who := store.Author{Name: *author, Email: string(wiki.Slugify(*author)) + "@leefwereld.invalid"}
	res, probs, err := w.Import(fs.Arg(0), who, *message)
	if probs.HasErrors() {
		printProblems(m.Stderr, probs)
		return m.fail("er is niets ingelezen: los eerst de fouten hierboven op")
	}
	if err != nil {
		return m.fail("inlezen lukte niet, er is niets veranderd: %v", err)
	}
	printProblems(m.Stdout, probs)
	if res.Commit == "" {
		fmt.Fprintln(m.Stdout, "Alles stond er al precies zo in; er is geen nieuwe versie gemaakt.")
		return exitOK
	}
	fmt.Fprintf(m.Stdout, "%d pagina's en %d bijlagen ingelezen in versie %s.\n", res.Pages, res.Attachments, res.Commit[:12])
	if len(res.Skipped) > 0 {
		fmt.Fprintf(m.Stdout, "Overgeslagen (verborgen): %d bestanden of mappen, zoals %s.\n", len(res.Skipped), res.Skipped[0])
	}
	return exitOK
}
