// Package web is the HTTP face of a workspace, on fiber: server-rendered Dutch pages that work
// without JavaScript, and a JSON API for scripts. routes.go is the one route table; every user
// action has its own file; errors.go maps every error to a status in one place.
package web

import (
	"log"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/csrf"
	"github.com/gofiber/fiber/v2/middleware/etag"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/leefwereld/leefwereld/internal/links"
	"github.com/leefwereld/leefwereld/internal/markdown"
	"github.com/leefwereld/leefwereld/internal/search"
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
	s := &Server{ws: ws, views: v, assets: a, md: markdown.New()}
	for _, o := range opts {
		o(s)
	}
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
	app.Use(etag.New()) // strong ETags; fiber answers 304 to a matching If-None-Match
	app.Use(csrf.New(csrf.Config{
		Next:           func(c *fiber.Ctx) bool { return isAPI(c) }, // the API has no cookies to abuse
		KeyLookup:      "form:_csrf",
		CookieName:     "lw_csrf",
		CookieSameSite: "Lax",
		CookieHTTPOnly: true,
		ContextKey:     "csrf",
		ErrorHandler: func(c *fiber.Ctx, err error) error {
			return &Error{Status: fiber.StatusForbidden, Code: "csrf",
				Message: "Dit formulier is verlopen of komt niet van deze site. Ga terug, laad de pagina opnieuw en probeer het nog eens. Je tekst staat nog in het vorige scherm."}
		},
	}))
	s.routes(app)
	return app, nil
}
