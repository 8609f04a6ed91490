package web

import (
	"errors"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// adminEditForm answers GET /beheer/accounts/:name/wijzigen: the display name, roles and teams
// of an existing account, in the same form as a new one, without name and password.
func (s *Server) adminEditForm(c *fiber.Ctx) error {
	if err := mayManage(c); err != nil {
		return err
	}
	acc, err := s.accounts.Get(c.Params("name"))
	if err != nil {
		return adminError(err)
	}
	v := adminAddView{Editing: &acc, Name: acc.Name, Display: acc.Display,
		Writer: slices.Contains(acc.Roles, access.Schrijver), Manager: slices.Contains(acc.Roles, access.Beheerder)}
	return s.renderAdminAdd(c, v, acc.Teams)
}

// adminEdit answers POST /beheer/accounts/:name/wijzigen. A new team list takes effect on the
// next request: every request reads the account's teams afresh. The store refuses to take
// the role from the last beheerder, with a Dutch reason; nothing is changed then.
func (s *Server) adminEdit(c *fiber.Ctx) error {
	if err := mayManage(c); err != nil {
		return err
	}
	acc, err := s.accounts.Get(c.Params("name"))
	if err != nil {
		return adminError(err)
	}
	v := adminAddView{Editing: &acc, Name: acc.Name, Display: strings.TrimSpace(c.FormValue("weergavenaam")),
		Writer: c.FormValue("schrijver") == "1", Manager: c.FormValue("beheerder") == "1", Other: c.FormValue("andere-teams")}
	teams := formTeams(c, v.Other)
	roles := formRoles(v.Writer, v.Manager)
	// Roles first: it is the change the store may refuse, and then nothing else has changed.
	if _, err = s.accounts.SetRoles(acc.Name, roles); err == nil {
		if _, err = s.accounts.SetTeams(acc.Name, teams); err == nil && v.Display != acc.Display {
			_, err = s.accounts.SetDisplay(acc.Name, v.Display)
		}
	}
	var ae *accounts.Error
	if errors.As(err, &ae) && !errors.Is(err, accounts.ErrNotFound) {
		v.Error = ae.Message
		return s.renderAdminAdd(c.Status(fiber.StatusUnprocessableEntity), v, teams)
	}
	if err != nil {
		return adminError(err)
	}
	return c.Redirect("/beheer/accounts?gewijzigd=1", fiber.StatusSeeOther)
}

// formTeams reads the ticked teams and the typed ones ("andere teams").
func formTeams(c *fiber.Ctx, other string) []wiki.Slug {
	var teams []wiki.Slug
	for _, t := range c.Context().PostArgs().PeekMulti("team") {
		teams = append(teams, wiki.Slug(t))
	}
	return append(teams, teamList(other)...)
}

// formRoles turns the form's two boxes into roles; everyone with an account reads.
func formRoles(writer, manager bool) []access.Role {
	roles := []access.Role{access.Lezer}
	if writer {
		roles = append(roles, access.Schrijver)
	}
	if manager {
		roles = append(roles, access.Beheerder)
	}
	return roles
}
