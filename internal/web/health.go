package web

import "github.com/gofiber/fiber/v2"

// health answers load balancers and scripts: the repository can be read, and at which commit
// (so a script can tell whether something changed since it last looked).
func (s *Server) health(c *fiber.Ctx) error {
	head, err := s.ws.Store.Head()
	if err != nil {
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "fout", "message": "de opslag is niet leesbaar"})
	}
	return c.JSON(fiber.Map{"status": "ok", "head": head})
}
