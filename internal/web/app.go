// Package web is the HTTP face of a workspace, on fiber. Until the web workspace is built it
// serves a small home page and a health check.
package web

import (
	"html/template"
	"net/http"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"

	"github.com/leefwereld/leefwereld/internal/workspace"
	"github.com/leefwereld/leefwereld/static"
	"github.com/leefwereld/leefwereld/templates"
)

// Server holds what the handlers need.
type Server struct {
	ws   *workspace.Workspace
	tmpl *template.Template
}

// New builds the fiber app for a workspace. Templates are parsed here so a broken one fails at
// boot.
func New(ws *workspace.Workspace) (*fiber.App, error) {
	tmpl, err := template.ParseFS(templates.FS, "*.html")
	if err != nil {
		return nil, err
	}
	s := &Server{ws: ws, tmpl: tmpl}
	app := fiber.New(fiber.Config{
		Immutable:             true,     // handler values outlive the request buffer safely
		ReadBufferSize:        16 << 10, // large cookies and proxy headers fit (default 4 KiB gives 431)
		DisableStartupMessage: true,
		AppName:               "Leefwereld",
	})
	app.Use("/static", filesystem.New(filesystem.Config{Root: http.FS(static.FS), MaxAge: 3600}))
	s.routes(app)
	return app, nil
}
