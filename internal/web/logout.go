package web

import "github.com/gofiber/fiber/v2"

// logout answers POST /uitloggen: the session ends in the database (not just in the browser),
// so the cookie is worthless even if someone copied it.
func (s *Server) logout(c *fiber.Ctx) error {
	if secret := c.Cookies(s.cookie(sessionCookie)); secret != "" {
		if err := s.accounts.EndSession(secret); err != nil {
			return err
		}
	}
	s.setCookie(c, sessionCookie, "", -1)
	return c.Redirect("/inloggen?uitgelogd=1", fiber.StatusSeeOther)
}
