package web

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// authorCookie remembers the name someone typed in an edit form, until accounts exist.
const authorCookie = "lw_naam"

// author is who makes a commit: the "naam" field of the form, else the remembered name.
// The e-mail address is a non-personal placeholder; git needs one.
func (s *Server) author(c *fiber.Ctx) store.Author {
	name := strings.TrimSpace(c.FormValue("naam"))
	if name != "" {
		c.Cookie(&fiber.Cookie{Name: authorCookie, Value: name, Path: "/", HTTPOnly: true, SameSite: "Lax",
			Expires: time.Now().AddDate(1, 0, 0)})
	} else {
		name = c.Cookies(authorCookie)
	}
	if name == "" {
		name = "Naamloos"
	}
	return store.Author{Name: name, Email: string(wiki.Slugify(name)) + "@leefwereld.invalid"}
}

// authorName is the remembered name, to fill in the form.
func (s *Server) authorName(c *fiber.Ctx) string { return c.Cookies(authorCookie) }
