package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/leefwereld/leefwereld/internal/inzage"
	"github.com/leefwereld/leefwereld/internal/purge"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// inzage writes the inzage bundle of one casus to a zip file: what a school hands to a parent
// who asks what was recorded about their child. It only reads, under the data directory's
// shared lock, and never overwrites a file.
func (m *Main) inzage(_ context.Context, fs *flag.FlagSet, args []string) int {
	data := fs.String("data", DefaultData, "map met de gegevens van de werkplek")
	casus := fs.String("casus", "", "korte naam (slug) van de casus")
	out := fs.String("out", "", "bestand waarin de inzage komt (standaard inzage-SLUG-JJJJ-MM-DD.zip in de huidige map)")
	by := fs.String("by", purge.DefaultBy(), "wie de inzage maakt (staat in de inzage)")
	if !m.parse(fs, args, 0) {
		return exitUsage
	}
	if *casus == "" {
		fmt.Fprintln(m.Stderr, "leefwereld inzage: geef met --casus op van welke casus je een inzage maakt")
		fs.Usage()
		return exitUsage
	}
	slug, err := wiki.ParseSlug(*casus)
	if err != nil {
		fmt.Fprintf(m.Stderr, "leefwereld inzage: --casus %q: %v\n", *casus, err)
		return exitUsage
	}
	who, err := purge.CheckBy(*by)
	if err != nil {
		fmt.Fprintln(m.Stderr, "leefwereld inzage: --by moet een naam zijn, zonder < > of regeleinden")
		return exitUsage
	}
	now := time.Now()
	path := *out
	if path == "" {
		path = inzage.FileName(slug, now)
	}
	if _, err := os.Lstat(path); err == nil {
		return m.fail("%s bestaat al; kies met --out een andere naam. Er is niets geschreven", path)
	}
	w, done, code := m.open(*data)
	if w == nil {
		return code
	}
	defer done()
	b, err := inzage.Collect(w.Store, inzage.Options{Casus: slug, By: who, At: now})
	switch {
	case errors.Is(err, inzage.ErrNotFound):
		return m.fail("er is geen casus %q in deze werkplek; er is niets geschreven", slug)
	case err != nil:
		return m.fail("de inzage kon niet worden gemaakt: %v; er is niets geschreven", err)
	}
	if code := m.writeNew(path, b); code != exitOK {
		return code
	}
	fmt.Fprintf(m.Stdout, "Inzage gemaakt: %s (%d bestanden).\n", path, len(b.Files()))
	fmt.Fprintln(m.Stdout, "Er staan gegevens over een kind in. Bewaar het bestand veilig en geef het alleen aan wie er recht op heeft.")
	return exitOK
}

// writeNew writes the bundle to a file that must not exist yet, readable by its owner only. A
// file that could not be written completely is removed.
func (m *Main) writeNew(path string, b *inzage.Bundle) int {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return m.fail("%s bestaat al; kies met --out een andere naam. Er is niets geschreven", path)
	}
	if err != nil {
		return m.fail("kon %s niet maken: %v", path, err)
	}
	err = b.Write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return m.fail("kon de inzage niet schrijven naar %s: %v; er is niets geschreven", path, err)
	}
	return exitOK
}
