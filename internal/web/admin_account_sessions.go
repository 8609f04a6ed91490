package web

import (
	"github.com/gofiber/fiber/v2"
)

// adminEndSessions answers POST /beheer/accounts/:name/sessies-beeindigen: a beheerder signs
// someone out everywhere (a lost laptop, someone who left the team).
func (s *Server) adminEndSessions(c *fiber.Ctx) error {
	if err := mayManage(c); err != nil {
		return err
	}
	acc, err := s.accounts.Get(c.Params("name"))
	if err != nil {
		return adminError(err)
	}
	if _, err := s.accounts.EndSessions(acc.ID); err != nil {
		return err
	}
	if me, _ := accountOf(c); me.ID == acc.ID {
		s.setCookie(c, sessionCookie, "", -1)
		return c.Redirect("/inloggen?overal=1", fiber.StatusSeeOther)
	}
	return c.Redirect("/beheer/accounts?uitgelogd=1", fiber.StatusSeeOther)
}
