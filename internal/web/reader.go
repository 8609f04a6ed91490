package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/links"
	"github.com/leefwereld/leefwereld/portraits"
)

// reader is who is reading, for deciding which other pages a view may show them (a theme's
// evidence and inspiration). The web has no sessions yet, so today everyone reads as a member
// of every team. When sessions come, readerOf fills in the signed-in account; mayRead stays
// the one place in the views that asks the access policy.
type reader struct {
	everyTeam bool           // no accounts yet: every page is readable
	who       access.Subject // the signed-in account
}

// readerOf is the reader of a request.
func (s *Server) readerOf(*fiber.Ctx) reader { return reader{everyTeam: true} }

// mayRead reports whether the reader may see a page, by internal/access's policy: themes are
// shared; a team's pages are for its members; a frame also for other teams when it is
// gedeeld. A team-owned page whose front matter cannot be read names no team, so it is closed.
func (r reader) mayRead(p links.PageInfo) bool {
	if r.everyTeam {
		return true
	}
	var res access.Resource
	switch m := p.Meta.(type) {
	case *portraits.Meta:
		res = access.Page(p.Ref, m.Team, "")
	case *cases.Meta:
		res = access.Page(p.Ref, m.Team, "")
	case *frames.Meta:
		res = access.Page(p.Ref, m.Team, string(m.Visibility))
	default: // themes, team pages (their slug is the team), pages without front matter
		res = access.Page(p.Ref, "", "")
	}
	return access.Allowed(r.who, access.Read, res)
}
