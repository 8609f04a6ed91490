package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"time"

	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/web"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// serve runs the web server until ctx ends (SIGINT or SIGTERM), then shuts down cleanly.
func (m *Main) serve(ctx context.Context, fs *flag.FlagSet, args []string) int {
	data := fs.String("data", DefaultData, "map met de gegevens van de werkplek")
	addr := fs.String("addr", "127.0.0.1:8080", "adres en poort waarop de server luistert")
	baseURL := fs.String("base-url", "", "openbaar adres van de server, bijvoorbeeld https://leefwereld.school.nl (voor de feed)")
	if !m.parse(fs, args, 0) {
		return exitUsage
	}
	lock, code := m.serveLock(*data)
	if lock == nil {
		return code
	}
	defer lock.Unlock()
	w, created, err := workspace.OpenOrCreate(*data)
	if err != nil {
		return m.fail("kon de werkplek in %s niet openen: %v", *data, err)
	}
	defer w.Close()
	if created {
		fmt.Fprintf(m.Stdout, "Nieuwe werkplek gemaakt in %s, met de startbibliotheek.\n", *data)
	}
	// The server owns the search index; it catches up with git here (rebuilding it when it is
	// missing, damaged or of an older mapping) and after every commit.
	idx, err := search.Open(ctx, *data, w.Store, search.Options{Progress: m.Stdout})
	if errors.Is(err, search.ErrLocked) {
		return m.fail("de zoekindex in %s is in gebruik door een ander proces; draait de server al?", *data)
	}
	if err != nil {
		return m.fail("de zoekindex kon niet worden geopend: %v", err)
	}
	defer idx.Close()
	// The server keeps the accounts database open while it runs (bbolt admits one process),
	// so `user` and `token` wait for it to stop.
	acc, err := accounts.Open(*data, accounts.Options{})
	if errors.Is(err, accounts.ErrLocked) {
		return m.fail("de accounts in %s zijn in gebruik door een ander proces; draait de server al, of loopt er een user- of token-opdracht?", *data)
	}
	if err != nil {
		return m.fail("de accounts konden niet worden geopend: %v", err)
	}
	defer acc.Close()
	// The lock lets a beheerder erase from the web: the server turns it exclusive for that.
	app, err := web.New(w, web.WithSearch(idx), web.WithBaseURL(*baseURL), web.WithAccounts(acc), web.WithDataLock(lock))
	if err != nil {
		return m.fail("de server kon niet starten: %v", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return m.fail("kan niet luisteren op %s: %v", *addr, err)
	}
	fmt.Fprintf(m.Stdout, "Leefwereld draait op http://%s (stoppen: Ctrl+C)\n", ln.Addr())
	if err := m.setupLink(acc, ln.Addr()); err != nil {
		return m.fail("de inrichtingslink kon niet worden gemaakt: %v", err)
	}
	if m.Started != nil {
		m.Started(ln.Addr().String())
	}
	done := make(chan error, 1)
	go func() { done <- app.Listener(ln) }()
	select {
	case err := <-done:
		return m.fail("de server stopte onverwacht: %v", err)
	case <-ctx.Done():
	}
	err = app.ShutdownWithTimeout(10 * time.Second)
	// A signal that comes before the server took the listener would leave it serving forever
	// after a shutdown that found nothing to stop; closing the listener ends it either way.
	ln.Close()
	<-done
	if err != nil {
		return m.fail("netjes stoppen lukte niet: %v", err)
	}
	fmt.Fprintln(m.Stdout, "Leefwereld is gestopt.")
	return exitOK
}
