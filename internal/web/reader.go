package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/links"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
	"github.com/leefwereld/leefwereld/teams"
)

// reader is who is reading, for deciding which other pages a view may show them (a theme's
// evidence and inspiration). There are no accounts yet, so today everyone reads as a member
// of every team. When accounts come, readerOf fills in the signed-in person's teams; mayRead
// stays the one place that decides.
type reader struct {
	everyTeam bool
	teams     map[wiki.Slug]bool
}

// readerOf is the reader of a request.
func (s *Server) readerOf(*fiber.Ctx) reader { return reader{everyTeam: true} }

// member reports whether the reader belongs to a team.
func (r reader) member(team wiki.Slug) bool { return r.everyTeam || r.teams[team] }

// mayRead reports whether the reader may see a page. Themes are shared by everyone. A team's
// portraits, casussen and team page are for its members. A frame is for its team, and for
// other teams too when the team shared it (visibility: gedeeld) as inspiration. A team-owned
// page whose front matter cannot be read has no known team: only a reader of every team
// sees it.
func (r reader) mayRead(p links.PageInfo) bool {
	switch m := p.Meta.(type) {
	case *frames.Meta:
		return r.member(m.Team) || m.Visibility == "gedeeld"
	case *portraits.Meta:
		return r.member(m.Team)
	case *cases.Meta:
		return r.member(m.Team)
	case *teams.Meta:
		return r.member(p.Ref.Slug)
	case nil:
		return p.Ref.Kind == wiki.Theme || r.everyTeam
	}
	return true
}
