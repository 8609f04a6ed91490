package web

import "github.com/gofiber/fiber/v2"

// health answers load balancers and scripts: the repository can be read.
func (s *Server) health(c *fiber.Ctx) error {
	if _, err := s.ws.Store.Head(); err != nil {
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "fout", "message": "de opslag is niet leesbaar"})
	}
	return c.JSON(fiber.Map{"status": "ok"})
}
