package web

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// accountView is the account page: who you are here, where you are signed in, your API
// tokens, and a new password.
type accountView struct {
	Base
	Account       accounts.Account
	Roles         string
	Teams         []sideItem
	Sessions      []sessionItem
	Tokens        []accounts.Token
	NewToken      string // a token just made: shown once, here, never again
	PasswordError string
	MinPassword   int
}

type sessionItem struct {
	Handle                 string
	Created, Seen, Expires time.Time
	Current                bool // the browser this page is shown in
}

// accountNotices are the messages after an action on the account page; the query holds a key.
var accountNotices = map[string]string{
	"welkom":     "Welkom! Je account is gemaakt en je bent ingelogd. Maak nu via Accounts beheren de accounts van je collega's.",
	"wachtwoord": "Je wachtwoord is veranderd. Op je andere apparaten ben je uitgelogd.",
	"sessie":     "Je bent op dat apparaat uitgelogd.",
	"sleutel":    "De toegangssleutel is ingetrokken. Hij werkt niet meer.",
}

// roleNames lists roles in Dutch words for people.
func roleNames(roles []access.Role) string {
	var out []string
	for _, r := range roles {
		out = append(out, string(r))
	}
	return strings.Join(out, ", ")
}

// accountPage answers GET /account.
func (s *Server) accountPage(c *fiber.Ctx) error {
	return s.renderAccount(c, accountView{})
}

// renderAccount fills the account page for the signed-in account.
func (s *Server) renderAccount(c *fiber.Ctx, v accountView) error {
	s = s.as(c)
	acc, _ := accountOf(c)
	if !s.rd.may(access.Read, access.Own(acc.ID)) {
		return errForbidden
	}
	cur, _ := sessionOf(c)
	sessions, err := s.accounts.Sessions(acc.ID)
	if err != nil {
		return err
	}
	if v.Tokens, err = s.accounts.Tokens(acc.ID); err != nil {
		return err
	}
	v.Account, v.Roles, v.MinPassword = acc, roleNames(acc.Roles), accounts.MinPasswordLen
	for _, t := range acc.Teams {
		v.Teams = append(v.Teams, s.link(wiki.Ref{Kind: wiki.Team, Slug: t}, ""))
	}
	for _, ses := range sessions {
		v.Sessions = append(v.Sessions, sessionItem{Handle: ses.Handle, Created: ses.Created, Seen: ses.Seen,
			Expires: ses.Expires, Current: ses.Handle == cur.Handle})
	}
	v.Base = s.base(c, "Je account")
	for key, msg := range accountNotices {
		if c.Query(key) == "1" {
			v.Notice = msg
		}
	}
	return s.render(c, "account", v)
}
