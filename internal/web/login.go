package web

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/throttle"
)

// loginCookie carries the login form's own CSRF token (there is no session yet to hold one):
// the form's hidden field must match it, so another site cannot sign someone in to an
// account of its choosing.
const loginCookie = "lw_inlog"

// returnCookie remembers, for ten minutes, the page someone asked for before logging in.
const returnCookie = "lw_terug"

type loginView struct {
	Base
	Name  string
	Error string // why the last try did not sign in; the form's summary gets focus
}

// loginNotices are the messages the login page shows after a redirect; the query carries only
// the key.
var loginNotices = map[string]string{
	"uitgelogd": "Je bent uitgelogd.",
	"overal":    "Je bent op alle apparaten uitgelogd.",
}

// loginForm answers GET /inloggen.
func (s *Server) loginForm(c *fiber.Ctx) error {
	v := loginView{}
	for key, msg := range loginNotices {
		if c.Query(key) == "1" {
			v.Notice = msg
		}
	}
	return s.renderLogin(c, v)
}

// renderLogin shows the login form, with a fresh form token when the browser has none.
func (s *Server) renderLogin(c *fiber.Ctx, v loginView) error {
	token := c.Cookies(s.cookie(loginCookie))
	if len(token) < 32 {
		token = randomToken()
		s.setCookie(c, loginCookie, token, 0)
	}
	c.Locals(localCSRF, token)
	notice := v.Notice
	v.Base = s.base(c, "Inloggen")
	v.Notice = notice
	return s.render(c, "login", v)
}

// login answers POST /inloggen. Wrong names and wrong passwords get the same answer; after a
// few failures per account, or many per address, the next try has to wait (internal/throttle),
// and the wait is said in Dutch. Success makes a new session and ends the old one.
func (s *Server) login(c *fiber.Ctx) error {
	token := c.Cookies(s.cookie(loginCookie))
	if token == "" || !csrfOK(c, token) {
		return s.renderLogin(c.Status(fiber.StatusForbidden), loginView{
			Error: "Het inlogformulier was verlopen. Probeer het nog een keer."})
	}
	name := strings.TrimSpace(c.FormValue("naam"))
	pw := c.FormValue("wachtwoord")
	v := loginView{Name: name}
	ip := c.IP()
	if wait := s.throttle.Wait(name, ip); wait > 0 {
		v.Error = throttle.Message(wait)
		return s.renderLogin(c.Status(fiber.StatusTooManyRequests), v)
	}
	acc, err := s.accounts.Authenticate(name, pw)
	var ae *accounts.Error
	switch {
	case errors.Is(err, accounts.ErrBadLogin):
		v.Error = ae2msg(err)
		if wait := s.throttle.Failed(name, ip); wait > 0 {
			v.Error += " " + throttle.Message(wait)
		}
		return s.renderLogin(c.Status(fiber.StatusUnauthorized), v)
	case errors.As(err, &ae):
		return s.renderLogin(c.Status(fiber.StatusForbidden), loginView{Name: name, Error: ae.Message})
	case err != nil:
		return err
	}
	s.throttle.Succeeded(name, ip)
	if err := s.signIn(c, acc); err != nil {
		return err
	}
	s.setCookie(c, loginCookie, "", -1)
	to := "/"
	if back := c.Cookies(s.cookie(returnCookie)); safeReturn(back) {
		to = back
		s.setCookie(c, returnCookie, "", -1)
	}
	return c.Redirect(to, fiber.StatusSeeOther)
}

// ae2msg is the Dutch sentence of an accounts error.
func ae2msg(err error) string {
	var ae *accounts.Error
	if errors.As(err, &ae) {
		return ae.Message
	}
	return "Inloggen lukte niet."
}

// safeReturn reports whether p is a path on this site to go back to after logging in: one
// leading slash (not "//evil.example"), no backslashes, no control characters.
func safeReturn(p string) bool {
	return strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//") && !strings.ContainsAny(p, "\\\r\n\t") &&
		len(p) < 512 && !openPath(p)
}
