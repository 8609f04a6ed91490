package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/links"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
	"github.com/leefwereld/leefwereld/portraits"
)

// reader is who is reading: the signed-in account as internal/access sees it. Every view that
// shows other pages (titles in a sidebar, backlinks, a theme's evidence, the board, search,
// recent changes) asks it, so nothing of a page the reader may not open shows up anywhere.
type reader struct {
	who access.Subject
}

// readerOf is the reader of a request: the account the middleware (auth.go) found, else an
// anonymous visitor, who may read nothing.
func (s *Server) readerOf(c *fiber.Ctx) reader { return reader{who: subjectOf(c)} }

// as is the server as the request's reader sees it: a shallow copy that carries the reader, so
// helpers without the request (link, sidebar, renderBody, backlinks) still ask the policy.
// A handler that forgets it reads as an anonymous visitor and sees nothing: it fails closed.
func (s *Server) as(c *fiber.Ctx) *Server {
	cp := *s
	cp.rd = s.readerOf(c)
	return &cp
}

// may reports whether the reader may do a with res.
func (r reader) may(a access.Action, res access.Resource) bool { return access.Allowed(r.who, a, res) }

// mayRead reports whether the reader may see a page the link index knows.
func (r reader) mayRead(p links.PageInfo) bool { return r.may(access.Read, resourceOf(p.Ref, p.Meta)) }

// resourceOf describes a page for the policy from its front matter: themes are shared; a
// team's pages are for its members; a frame also for other teams when it is gedeeld. A
// team-owned page whose front matter cannot be read names no team, so it is closed.
func resourceOf(ref wiki.Ref, meta wiki.Meta) access.Resource {
	switch m := meta.(type) {
	case *portraits.Meta:
		return access.Page(ref, m.Team, "")
	case *cases.Meta:
		return access.Page(ref, m.Team, "")
	case *frames.Meta:
		return access.Page(ref, m.Team, string(m.Visibility))
	}
	return access.Page(ref, "", "") // themes, team pages (their slug is the team), unreadable files
}

// pageResource describes ref for the policy, and reports whether the page exists or ever did.
// A page at the head is described by its front matter there. A page that is gone, or whose
// front matter at the head cannot be read, keeps the team of its newest version that names
// one: its history stays its team's, and its members can still open a broken file to fix it.
func (s *Server) pageResource(ref wiki.Ref) (access.Resource, bool) {
	info, exists := s.links.Page(ref)
	if exists {
		res := resourceOf(ref, info.Meta)
		if res.Team != "" || !access.TeamOwned(ref.Kind) {
			return res, true
		}
	}
	hist, err := s.ws.Store.History(ref.Path())
	if err != nil || len(hist) == 0 {
		return resourceOf(ref, nil), exists
	}
	for _, r := range hist {
		if r.Blob == "" {
			continue
		}
		data, err := s.ws.Store.ReadBlob(r.Blob)
		if err != nil {
			continue
		}
		if page, _ := workspace.Parse(ref.Path(), data); page != nil {
			if res := resourceOf(ref, page.Meta); res.Team != "" {
				return res, true
			}
		}
	}
	return resourceOf(ref, nil), true
}

// canRead reports whether the request's reader may read ref (which exists or existed).
func (s *Server) canRead(ref wiki.Ref) bool {
	res, ok := s.pageResource(ref)
	return ok && s.rd.may(access.Read, res)
}

// visible reports whether the reader may see a page the link index lists; a page the index
// does not know is not visible.
func (s *Server) visible(ref wiki.Ref) bool {
	info, ok := s.links.Page(ref)
	return ok && s.rd.mayRead(info)
}

// errForbidden answers an action the account may not do on something it may see.
var errForbidden = &Error{Status: fiber.StatusForbidden, Code: "forbidden",
	Message: "Dit kan niet met jouw account. Denk je dat dit wel zou moeten kunnen? Vraag het aan een beheerder."}

// errReadOnly answers a change to a page the account may read but not change.
var errReadOnly = &Error{Status: fiber.StatusForbidden, Code: "forbidden",
	Message: "Je mag deze pagina lezen, maar niet veranderen. Daarvoor moet je schrijver zijn in het team van de pagina."}

// mayWrite checks that the reader may change ref as it is now (when it exists) and, when
// after is not nil, as it will be: moving a page to another team needs writing in both.
// A page the reader may not even read answers as if it does not exist. A text that is not a
// valid page is left to the save, which refuses it with every problem listed.
func (s *Server) mayWrite(ref wiki.Ref, after []byte) error {
	if res, ok := s.pageResource(ref); ok {
		if !s.rd.may(access.Read, res) {
			return errNoPage
		}
		if !s.rd.may(access.Write, res) {
			return errReadOnly
		}
	}
	if after != nil {
		page, probs := workspace.Parse(ref.Path(), after)
		if page == nil || probs.HasErrors() {
			return nil // the save refuses it, saying what is wrong; nothing is written
		}
		if !s.rd.may(access.Write, resourceOf(ref, page.Meta)) {
			if access.TeamOwned(ref.Kind) && ref.Kind != wiki.Team {
				return errOtherTeam
			}
			return errReadOnly
		}
	}
	return nil
}

// errNoPage is what a page the reader may not see answers to a change: the same as a page
// that does not exist.
var errNoPage = &Error{Status: fiber.StatusNotFound, Code: "not-found", Message: "Deze pagina bestaat (nog) niet."}

// errOtherTeam refuses a page for a team the writer does not write in.
var errOtherTeam = &Error{Status: fiber.StatusForbidden, Code: "forbidden",
	Message: "Je kunt deze pagina alleen opslaan voor een team waarin je schrijver bent. Kies bij team een van je eigen teams."}
