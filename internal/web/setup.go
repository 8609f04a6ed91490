package web

import (
	"errors"
	"net"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// SetupPath is where the first beheerder is made, with the one-time token that serve prints
// (accounts.StartSetup): the token is in the path, never in a query string.
func SetupPath(token string) string { return "/inrichten/" + token }

type setupView struct {
	Base
	Action      string
	Closed      string // why the form is not shown (the link expired, accounts exist)
	Error       string
	Name        string
	Display     string
	Teams       string
	Writer      bool
	MinPassword int
}

// setupForm answers GET /inrichten/:token.
func (s *Server) setupForm(c *fiber.Ctx) error {
	v, err := s.setupCheck(c)
	if err != nil {
		return err
	}
	v.Writer = true
	return s.render(c, "setup", v)
}

// setupCheck admits only loopback clients with a token that still works. The link is printed
// on the server's console, so whoever has it sits at that machine; a copy of it that leaks
// into a chat is still useless from anywhere else.
func (s *Server) setupCheck(c *fiber.Ctx) (setupView, error) {
	v := setupView{Base: s.base(c, "Leefwereld inrichten"), Action: SetupPath(c.Params("token")),
		MinPassword: accounts.MinPasswordLen}
	if ip := net.ParseIP(c.IP()); ip == nil || !ip.IsLoopback() {
		return v, &Error{Status: fiber.StatusForbidden, Code: "setup-remote",
			Message: "Deze inrichtingslink werkt alleen in een browser op de computer waar de server draait."}
	}
	err := s.accounts.CheckSetup(c.Params("token"))
	var ae *accounts.Error
	if errors.As(err, &ae) {
		v.Closed = ae.Message
		c.Status(fiber.StatusNotFound)
		return v, nil
	}
	return v, err
}

// setup answers POST /inrichten/:token: the first account, always a beheerder, signed in at
// once. The secret token in the address is what stops another site from posting this form.
func (s *Server) setup(c *fiber.Ctx) error {
	v, err := s.setupCheck(c)
	if err != nil || v.Closed != "" {
		if err == nil {
			return s.render(c, "setup", v)
		}
		return err
	}
	v.Name = strings.TrimSpace(c.FormValue("naam"))
	v.Display = strings.TrimSpace(c.FormValue("weergavenaam"))
	v.Teams = c.FormValue("teams")
	v.Writer = c.FormValue("schrijver") == "1"
	pw := c.FormValue("wachtwoord")
	if pw != c.FormValue("wachtwoord2") {
		v.Error = "De twee wachtwoorden zijn niet gelijk. Typ ze nog een keer."
		return s.render(c.Status(fiber.StatusUnprocessableEntity), "setup", v)
	}
	roles := []access.Role{access.Beheerder}
	if v.Writer {
		roles = append(roles, access.Schrijver)
	}
	acc, err := s.accounts.FinishSetup(c.Params("token"), accounts.NewAccount{Name: v.Name, Display: v.Display,
		Password: pw, Roles: roles, Teams: teamList(v.Teams)})
	var ae *accounts.Error
	if errors.As(err, &ae) {
		v.Error = ae.Message
		return s.render(c.Status(fiber.StatusUnprocessableEntity), "setup", v)
	}
	if err != nil {
		return err
	}
	if err := s.signIn(c, acc); err != nil {
		return err
	}
	return c.Redirect("/account?welkom=1", fiber.StatusSeeOther)
}

// teamList reads team addresses typed with commas or spaces between them.
func teamList(s string) []wiki.Slug {
	var out []wiki.Slug
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' || r == '\n' }) {
		out = append(out, wiki.Slug(strings.ToLower(strings.TrimSpace(f))))
	}
	return out
}
