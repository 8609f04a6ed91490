package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
)

// accountTokenCreate answers POST /account/sleutels: a personal API token, shown once on the
// page that answers (not in a redirect's address), and stored only as a hash.
func (s *Server) accountTokenCreate(c *fiber.Ctx) error {
	acc, _ := accountOf(c)
	if !access.Allowed(subjectOf(c), access.Write, access.Own(acc.ID)) {
		return errForbidden
	}
	secret, _, err := s.accounts.CreateToken(acc.Name)
	if err != nil {
		return err
	}
	return s.renderAccount(c, accountView{NewToken: secret})
}
