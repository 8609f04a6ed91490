package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
)

// accountTokenRevoke answers POST /account/sleutels/:id/intrekken: the token stops working at
// once. Only a token of this account can be named.
func (s *Server) accountTokenRevoke(c *fiber.Ctx) error {
	acc, _ := accountOf(c)
	if !access.Allowed(subjectOf(c), access.Write, access.Own(acc.ID)) {
		return errForbidden
	}
	err := s.accounts.RevokeToken(acc.ID, c.Params("id"))
	if errors.Is(err, accounts.ErrTokenUnknown) {
		return &Error{Status: fiber.StatusNotFound, Code: "not-found", Message: ae2msg(err), Err: err}
	}
	if err != nil {
		return err
	}
	return c.Redirect("/account?sleutel=1", fiber.StatusSeeOther)
}
