package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
)

// adminAccountsView is the beheerder's list of accounts.
type adminAccountsView struct {
	Base
	Accounts []adminAccount
}

type adminAccount struct {
	accounts.Account
	Roles    string
	Teams    string
	Sessions int
	Self     bool
}

// adminNotices are the messages after an action on the list; the query holds a key.
var adminNotices = map[string]string{
	"gemaakt":   "Het account is gemaakt.",
	"gewijzigd": "Het account is gewijzigd. Dat geldt vanaf de volgende pagina die deze persoon opent.",
	"uitgezet":  "Het account is uitgezet. Het kan niet meer inloggen; zijn sessies en toegangssleutels werken niet meer.",
	"aangezet":  "Het account is weer aangezet. Het kan weer inloggen.",
	"uitgelogd": "Het account is op alle apparaten uitgelogd.",
}

// mayManage is the check in front of every administration page: beheerders only.
func mayManage(c *fiber.Ctx) error {
	if !access.Allowed(subjectOf(c), access.Manage, access.Admin) {
		return errForbidden
	}
	return nil
}

// adminAccounts answers GET /beheer/accounts.
func (s *Server) adminAccounts(c *fiber.Ctx) error {
	if err := mayManage(c); err != nil {
		return err
	}
	list, err := s.accounts.List()
	if err != nil {
		return err
	}
	me, _ := accountOf(c)
	v := adminAccountsView{Base: s.base(c, "Accounts beheren")}
	for _, a := range list {
		sessions, err := s.accounts.Sessions(a.ID)
		if err != nil {
			return err
		}
		teams := ""
		for i, t := range a.Teams {
			if i > 0 {
				teams += ", "
			}
			teams += string(t)
		}
		v.Accounts = append(v.Accounts, adminAccount{Account: a, Roles: roleNames(a.Roles), Teams: teams,
			Sessions: len(sessions), Self: a.ID == me.ID})
	}
	for key, msg := range adminNotices {
		if c.Query(key) == "1" {
			v.Notice = msg
		}
	}
	return s.render(c, "admin_accounts", v)
}
