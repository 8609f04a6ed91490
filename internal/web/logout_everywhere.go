package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
)

// logoutEverywhere answers POST /uitloggen/overal ("log uit op alle apparaten"): every session
// of the account ends, this one too — for a laptop left signed in somewhere.
func (s *Server) logoutEverywhere(c *fiber.Ctx) error {
	acc, _ := accountOf(c)
	if !access.Allowed(subjectOf(c), access.Write, access.Own(acc.ID)) {
		return errForbidden
	}
	if _, err := s.accounts.EndSessions(acc.ID); err != nil {
		return err
	}
	s.setCookie(c, sessionCookie, "", -1)
	return c.Redirect("/inloggen?overal=1", fiber.StatusSeeOther)
}
