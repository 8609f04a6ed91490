// Package web is the HTTP face of a workspace, on fiber: server-rendered Dutch pages that work
// without JavaScript, and a JSON API for scripts. routes.go is the one route table; every user
// action has its own file; errors.go maps every error to a status in one place.
package web

import (
	"errors"
	"log"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/etag"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/links"
	"github.com/leefwereld/leefwereld/internal/markdown"
	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/throttle"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// MaxUpload is the largest request body, and so the largest attachment, the server accepts.
const MaxUpload = workspace.MaxAttachment + 1<<20

// Server holds what the handlers share. It is built once by New.
type Server struct {
	ws     *workspace.Workspace
	views  *views
	assets *assets
	md     *markdown.Renderer
	links  *links.Index  // who links where; Sync after every commit
	search *search.Index // the full-text index; nil means title search only
	// baseURL is the server's public root ("https://leefwereld.school.example"), for absolute
	// links in the Atom feed; "" when unknown (the feed then uses relative links and xml:base).
	// Never derived from the request's Host header.
	baseURL string

	accounts *accounts.Store  // who may sign in, their sessions and tokens, the inzage log (auth.go)
	throttle *throttle.Login  // slows down password guessing (login.go)
	now      func() time.Time // the throttle's clock (WithClock)
	secure   bool             // served over HTTPS (baseURL): Secure cookies with the __Host- prefix
	searches *searchSlots     // the search box's questions, kept off the address bar (search_slots.go)
	// maint holds requests back while an erasure runs in this process (maintenance.go).
	maint *maintenance
	// rd is the reader of one request, set only on the per-request copy that as(c) returns;
	// on the shared Server it is the anonymous visitor, who may read nothing.
	rd reader
}

// New builds the fiber app for a workspace. Templates and assets are loaded here, so a broken
// template stops the server at boot instead of on a user's request.
func New(ws *workspace.Workspace, opts ...Option) (*fiber.App, error) {
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	v, err := loadViews(a)
	if err != nil {
		return nil, err
	}
	s := &Server{ws: ws, views: v, assets: a, md: markdown.New(), searches: newSearchSlots()}
	s.maint = newMaintenance(s)
	for _, o := range opts {
		o(s)
	}
	if s.accounts == nil {
		return nil, errors.New("web: no accounts store (WithAccounts): nobody could sign in")
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.throttle = throttle.NewLogin(s.now)
	s.secure = strings.HasPrefix(strings.ToLower(s.baseURL), "https://")
	start := time.Now()
	if s.links, err = links.New(ws.Store); err != nil {
		return nil, err
	}
	log.Printf("web: link index of %d pages built in %s", s.links.Len(), time.Since(start).Round(time.Millisecond))
	app := fiber.New(fiber.Config{
		Immutable:             true,     // values taken from a request stay valid after the handler returns
		ReadBufferSize:        16 << 10, // large cookies and proxy headers fit (the 4 KiB default gives 431)
		BodyLimit:             MaxUpload,
		DisableStartupMessage: true,
		AppName:               "Leefwereld",
		ErrorHandler:          s.handleError,
	})
	app.Use(recover.New())
	app.Use(securityHeaders)
	app.Use(etag.New())     // strong ETags; fiber answers 304 to a matching If-None-Match
	app.Use(s.gated)        // 503 while an erasure runs (maintenance.go)
	app.Use(s.authenticate) // sessions, API tokens and CSRF: every route but a few open ones (auth.go)
	s.routes(app)
	return app, nil
}
