package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/store"
)

// author is who makes a commit: the signed-in account, by its pseudonymous id at a
// non-personal address (accounts.Account.Author). The history holds no names; authorName
// finds the display name when the history is shown. Without an account (which the middleware
// does not let through) the commit would say so.
func (s *Server) author(c *fiber.Ctx) store.Author {
	acc, ok := accountOf(c)
	if !ok {
		return store.Author{Name: "Onbekend", Email: "onbekend@leefwereld.invalid"}
	}
	name, email := acc.Author()
	return store.Author{Name: name, Email: email}
}

// authorName is the name to show for a commit's author: the account's display name as it is
// today, or the name in the commit for commits made outside an account (the starter library,
// imports, older history, scripts that named themselves).
func (s *Server) authorName(a store.Author) string {
	if name, ok := s.accounts.Display(a.Email); ok {
		return name
	}
	return a.Name
}
