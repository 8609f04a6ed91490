package web

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/datadir"
	"github.com/leefwereld/leefwereld/internal/links"
	"github.com/leefwereld/leefwereld/internal/purge"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// WithDataLock gives the server the data directory's lock that serve holds (shared, so purge
// refuses while the server runs). With it a beheerder can erase from the web: the server then
// holds every request back, closes the repository and the search index, makes the lock
// exclusive and runs the same erasure as `leefwereld purge` (purge.Erase). Without it the
// erasure page says to use the command line.
func WithDataLock(l *datadir.Held) Option {
	return func(s *Server) { s.maint.lock = l }
}

// maintenance is what lets the server erase in its own process. Every request but the static
// files holds the gate shared; an erasure holds it alone, so nothing reads the repository
// while purge rewrites it, and nothing of the old history survives in memory afterwards.
type maintenance struct {
	gate sync.RWMutex
	// down is set when the workspace could not be opened again after an erasure: from then on
	// every request gets this message, until the server is restarted (which finishes the
	// erasure, see serve).
	down atomic.Pointer[Error]
	lock *datadir.Held // the data directory's lock; nil: no erasure from the web
	// srv is the server every handler copies (Server.as): reopen replaces its indexes.
	srv *Server
	// resets empty the caches that hold page data (registered by routes.go); the link and
	// search indexes and the store are made anew.
	resets []func()
	// during runs while everything is closed, for tests that ask the server then.
	during func()
}

func newMaintenance(s *Server) *maintenance { return &maintenance{srv: s} }

// onReopen registers a cache to empty after an erasure.
func (m *maintenance) onReopen(reset func()) { m.resets = append(m.resets, reset) }

var errBusy = &Error{Status: fiber.StatusServiceUnavailable, Code: "maintenance",
	Message: "Leefwereld wist nu gegevens en is daarom even niet te gebruiken. Probeer het over een minuut opnieuw. Er is niets verloren gegaan."}

// gated is the middleware in front of everything but the static files: a request runs while
// no erasure does, and otherwise gets a 503 with a Dutch message instead of waiting.
func (s *Server) gated(c *fiber.Ctx) error {
	if strings.HasPrefix(c.Path(), "/static/") {
		return c.Next()
	}
	m := s.maint
	if e := m.down.Load(); e != nil {
		return s.unavailable(c, e)
	}
	if !m.gate.TryRLock() {
		return s.unavailable(c, errBusy)
	}
	defer m.gate.RUnlock()
	return c.Next()
}

// unavailable answers 503 without the error handler: it is not a fault, so not logged.
func (s *Server) unavailable(c *fiber.Ctx, e *Error) error {
	c.Set(fiber.HeaderRetryAfter, "60")
	c.Set(fiber.HeaderCacheControl, "no-store")
	if isAPI(c) || c.Path() == "/healthz" {
		return c.Status(e.Status).JSON(fiber.Map{"code": e.Code, "message": e.Message})
	}
	return s.render(c.Status(e.Status), "error", errorView{Base: Base{Title: "Even geduld"}, Error: e})
}

// errLockBusy: another process reads the data directory (leefwereld inzage, reindex).
var errLockBusy = &Error{Status: fiber.StatusConflict, Code: "busy",
	Message: "Een andere opdracht gebruikt de werkplek nu (bijvoorbeeld leefwereld inzage op de server). Probeer het over een paar minuten opnieuw. Er is niets gewist."}

// erase runs one erasure with the server to itself. It is called from a handler, which holds
// the gate shared like every request: it lets go, waits until the requests in flight are
// done (new ones get a 503), closes the store and the search index, makes the data
// directory's lock exclusive, runs purge.Erase, and opens everything again — whatever
// happened, so the server goes on serving.
func (m *maintenance) erase(e purge.Erasure) (purge.Erased, error) {
	if m.lock == nil {
		return purge.Erased{}, errors.New("web: erase: no data directory lock (WithDataLock)")
	}
	m.gate.RUnlock()
	m.gate.Lock()
	defer func() {
		m.gate.Unlock()
		m.gate.RLock() // the handler's own, which the gate middleware lets go
	}()
	srv := m.srv
	data := srv.ws.Dir()
	if srv.search != nil {
		if err := srv.search.Close(); err != nil {
			log.Printf("web: erase: close the search index: %v", err)
		}
	}
	if err := srv.ws.Store.Close(); err != nil {
		log.Printf("web: erase: close the repository: %v", err)
	}
	if m.during != nil {
		m.during()
	}
	done, err := m.eraseLocked(data, e)
	if rerr := m.reopen(); rerr != nil {
		m.down.Store(&Error{Status: fiber.StatusServiceUnavailable, Code: "down",
			Message: "Na het wissen kon Leefwereld de werkplek niet opnieuw openen. Vraag de beheerder van de server om Leefwereld opnieuw te starten; dan wordt het wissen afgemaakt."})
		log.Printf("web: erase: the workspace could not be opened again: %v", rerr)
		return done, errors.Join(err, rerr)
	}
	return done, err
}

// eraseLocked holds the lock exclusively around purge.Erase. An erasure that stopped half-way
// (its journal is left) is finished or rolled back at once, still under the lock, so the
// server never serves a half-erased workspace.
func (m *maintenance) eraseLocked(data string, e purge.Erasure) (purge.Erased, error) {
	if err := m.lock.Upgrade(); err != nil {
		if errors.Is(err, datadir.ErrLocked) {
			return purge.Erased{}, errLockBusy
		}
		return purge.Erased{}, err
	}
	done, err := purge.Erase(m.lock, data, e)
	if err != nil && purge.Pending(data) {
		if _, _, rerr := purge.Resume(data); rerr != nil {
			err = errors.Join(err, rerr)
			m.down.Store(&Error{Status: fiber.StatusServiceUnavailable, Code: "down",
				Message: "Het wissen is onderbroken. Vraag de beheerder van de server om Leefwereld opnieuw te starten; dan wordt het wissen afgemaakt of teruggedraaid."})
		}
	}
	if derr := m.lock.Downgrade(); derr != nil {
		err = errors.Join(err, derr)
	}
	return done, err
}

// reopen opens the repository again, builds the link and search indexes from the new history
// and empties the caches. The Workspace the server was given keeps its identity (serve
// closes it when it stops); only its Store is a new one.
func (m *maintenance) reopen() error {
	srv := m.srv
	w, err := workspace.Open(srv.ws.Dir())
	if err != nil {
		return err
	}
	srv.ws.Store = w.Store
	idx, err := links.New(srv.ws.Store)
	if err != nil {
		return fmt.Errorf("web: link index: %w", err)
	}
	srv.links = idx
	if srv.search != nil {
		if err := srv.search.Restart(context.Background(), srv.ws.Store); err != nil {
			return fmt.Errorf("web: search index: %w", err)
		}
	}
	for _, reset := range m.resets {
		reset()
	}
	return nil
}

// reset forgets the overview: it holds titles and recent changes of the history before an
// erasure.
func (o *overviews) reset() { o.cur.Store(nil) }

// clear forgets every search question kept for the search box: one may name the pupil whose
// pages were just erased.
func (s *searchSlots) clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.slots, s.order = map[string]searchSlot{}, nil
}
