package web

import (
	"errors"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// adminAddView is the form that makes an account.
type adminAddView struct {
	Base
	Error    string
	Name     string
	Display  string
	Writer   bool
	Manager  bool // the beheerder role (not Base.Admin, which is the one who looks)
	Teams    []adminTeam
	Other    string // teams without a team page yet, typed
	Created  *accounts.Account
	Password string // a generated password, shown once after the account was made
	MinPw    int
	Editing  *accounts.Account // the account being changed; nil for a new one
}

type adminTeam struct {
	Slug, Label string
	Checked     bool
}

// adminAddForm answers GET /beheer/accounts/nieuw.
func (s *Server) adminAddForm(c *fiber.Ctx) error {
	if err := mayManage(c); err != nil {
		return err
	}
	return s.renderAdminAdd(c, adminAddView{Writer: true}, nil)
}

// renderAdminAdd shows the form with the workspace's teams as checkboxes. A team page the
// beheerder may not read shows its address only.
func (s *Server) renderAdminAdd(c *fiber.Ctx, v adminAddView, checked []wiki.Slug) error {
	s = s.as(c)
	s.syncLinks()
	for _, p := range s.links.Pages(wiki.Team) {
		label := string(p.Ref.Slug)
		if s.rd.mayRead(p) {
			label = p.Title + " (" + label + ")"
		}
		v.Teams = append(v.Teams, adminTeam{Slug: string(p.Ref.Slug), Label: label, Checked: slices.Contains(checked, p.Ref.Slug)})
	}
	v.MinPw = accounts.MinPasswordLen
	title := "Nieuw account"
	if v.Editing != nil {
		title = "Account van " + v.Editing.Name + " wijzigen"
	}
	v.Base = s.base(c, title)
	return s.render(c, "admin_account_new", v)
}

// adminAdd answers POST /beheer/accounts/nieuw. Without a password a random one is made and
// shown once, on the page that answers, for the beheerder to hand over.
func (s *Server) adminAdd(c *fiber.Ctx) error {
	if err := mayManage(c); err != nil {
		return err
	}
	v := adminAddView{Name: strings.TrimSpace(c.FormValue("naam")), Display: strings.TrimSpace(c.FormValue("weergavenaam")),
		Writer: c.FormValue("schrijver") == "1", Manager: c.FormValue("beheerder") == "1", Other: c.FormValue("andere-teams")}
	teams := formTeams(c, v.Other)
	roles := formRoles(v.Writer, v.Manager)
	pw, generated := c.FormValue("wachtwoord"), false
	if pw == "" {
		pw, generated = accounts.GeneratePassword(), true
	}
	acc, err := s.accounts.Add(accounts.NewAccount{Name: v.Name, Display: v.Display, Password: pw, Roles: roles, Teams: teams})
	var ae *accounts.Error
	if errors.As(err, &ae) {
		v.Error = ae.Message
		return s.renderAdminAdd(c.Status(fiber.StatusUnprocessableEntity), v, teams)
	}
	if err != nil {
		return err
	}
	if !generated {
		return c.Redirect("/beheer/accounts?gemaakt=1", fiber.StatusSeeOther)
	}
	v = adminAddView{Created: &acc, Password: pw, Writer: true}
	return s.renderAdminAdd(c.Status(fiber.StatusCreated), v, nil)
}
