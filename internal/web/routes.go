package web

import "github.com/gofiber/fiber/v2"

// routes is the one route table of the product.
func (s *Server) routes(app *fiber.App) {
	app.Get("/healthz", s.health)
	app.Get("/", s.home)
}
