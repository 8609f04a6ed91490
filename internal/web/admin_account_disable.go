package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/accounts"
)

// adminDisable answers POST /beheer/accounts/:name/uitzetten and …/aanzetten. Disabling
// works at once: the store ends the sessions and refuses the tokens. The last active
// beheerder cannot be disabled (the store refuses, with a Dutch reason).
func (s *Server) adminDisable(on bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if err := mayManage(c); err != nil {
			return err
		}
		change, flag := s.accounts.Disable, "uitgezet"
		if on {
			change, flag = s.accounts.Enable, "aangezet"
		}
		_, err := change(c.Params("name"))
		if err != nil {
			return adminError(err)
		}
		return c.Redirect("/beheer/accounts?"+flag+"=1", fiber.StatusSeeOther)
	}
}

// adminError gives an accounts error its status: an unknown account is a 404, a refusal
// (the last beheerder) a 409; both with the store's Dutch sentence.
func adminError(err error) error {
	var ae *accounts.Error
	switch {
	case errors.Is(err, accounts.ErrNotFound):
		return &Error{Status: fiber.StatusNotFound, Code: "not-found", Message: ae2msg(err), Err: err}
	case errors.As(err, &ae):
		return &Error{Status: fiber.StatusConflict, Code: ae.Code, Message: ae.Message, Err: err}
	}
	return err
}
