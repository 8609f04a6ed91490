package web

import "github.com/gofiber/fiber/v2"

// routes is the one route table of the product. UI paths are Dutch; /api/ is the JSON contract
// documented in the README.
func (s *Server) routes(app *fiber.App) {
	app.Get("/static/:file", s.assets.serve)
	app.Get("/healthz", s.health)
	app.Get("/", s.home)
}
