package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/throttle"
)

// accountPassword answers POST /account/wachtwoord: the current password once more (a browser
// left open must not be enough to take the account over), the new one twice. Every session
// ends, and this browser gets a fresh one.
func (s *Server) accountPassword(c *fiber.Ctx) error {
	acc, _ := accountOf(c)
	if !access.Allowed(subjectOf(c), access.Write, access.Own(acc.ID)) {
		return errForbidden
	}
	refuse := func(status int, msg string) error {
		return s.renderAccount(c.Status(status), accountView{PasswordError: msg})
	}
	if wait := s.throttle.Wait(acc.Name, c.IP()); wait > 0 {
		return refuse(fiber.StatusTooManyRequests, throttle.Message(wait))
	}
	if _, err := s.accounts.Authenticate(acc.Name, c.FormValue("huidig")); err != nil {
		if !errors.Is(err, accounts.ErrBadLogin) {
			return err
		}
		s.throttle.Failed(acc.Name, c.IP())
		return refuse(fiber.StatusUnprocessableEntity, "Je huidige wachtwoord klopt niet. Er is niets veranderd.")
	}
	pw := c.FormValue("nieuw")
	if pw != c.FormValue("nieuw2") {
		return refuse(fiber.StatusUnprocessableEntity, "De twee nieuwe wachtwoorden zijn niet gelijk. Er is niets veranderd.")
	}
	if _, err := s.accounts.SetPassword(acc.Name, pw); err != nil {
		var ae *accounts.Error
		if errors.As(err, &ae) {
			return refuse(fiber.StatusUnprocessableEntity, ae.Message)
		}
		return err
	}
	if err := s.signIn(c, acc); err != nil {
		return err
	}
	return c.Redirect("/account?wachtwoord=1", fiber.StatusSeeOther)
}
