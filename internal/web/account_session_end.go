package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
)

// accountSessionEnd answers POST /account/sessies/:handle/beeindigen: sign out one device
// from the list. The store only ends a session of this account, so a handle from someone
// else's list does nothing.
func (s *Server) accountSessionEnd(c *fiber.Ctx) error {
	acc, _ := accountOf(c)
	if !access.Allowed(subjectOf(c), access.Write, access.Own(acc.ID)) {
		return errForbidden
	}
	err := s.accounts.EndSessionHandle(acc.ID, c.Params("handle"))
	if errors.Is(err, accounts.ErrSessionUnknown) {
		return &Error{Status: fiber.StatusNotFound, Code: "not-found", Message: ae2msg(err), Err: err}
	}
	if err != nil {
		return err
	}
	if cur, _ := sessionOf(c); cur.Handle == c.Params("handle") {
		s.setCookie(c, sessionCookie, "", -1)
		return c.Redirect("/inloggen?uitgelogd=1", fiber.StatusSeeOther)
	}
	return c.Redirect("/account?sessie=1", fiber.StatusSeeOther)
}
