package web

import (
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// What the inzage log says happened; Dutch, for the parent who reads the log.
const (
	viewRead  = "bekeken"
	viewPrint = "afgedrukt"
	viewOld   = "oude versie bekeken"
	viewDiff  = "verschil tussen versies bekeken"
	viewEdit  = "geopend om te bewerken"
	viewAPI   = "gelezen via de API"
	viewMedia = "bijlage bekeken"
)

// logged reports whether reads of kind k go into the inzage log: the pages about a pupil.
func logged(k wiki.Kind) bool { return k == wiki.Portrait || k == wiki.Case }

// recordView writes one line of the inzage log — who, which file, when, how; never any text —
// for a portrait or casus (other kinds are not about a pupil). Failing to record is an error:
// a read that cannot be accounted for is not shown.
func (s *Server) recordView(c *fiber.Ctx, ref wiki.Ref, what string) error {
	if !logged(ref.Kind) {
		return nil
	}
	return s.recordPath(c, ref.Path(), what)
}

func (s *Server) recordPath(c *fiber.Ctx, path, what string) error {
	acc, ok := accountOf(c)
	if !ok {
		return nil
	}
	return s.accounts.RecordView(acc.ID, path, what)
}

// viewLogView is the inzage log of one page, for a beheerder.
type viewLogView struct {
	Base
	Ref       wiki.Ref
	PageTitle string // the title when the beheerder may read the page, else its address
	CanRead   bool
	Views     []viewLogItem
	CSVURL    string
}

type viewLogItem struct {
	When    time.Time
	ISO     string
	Who     string // the display name, or what is left of a removed account
	Account string
	Path    string
	What    string
}

// viewLogFor checks that the request may see the log of the page in the address: only a
// beheerder (Manage); for anyone else a page they may read says so, and a page they may not
// read answers as if it does not exist.
func (s *Server) viewLogFor(c *fiber.Ctx) (wiki.Ref, []viewLogItem, error) {
	s = s.as(c)
	ref, err := lookRef(c)
	if err != nil {
		return ref, nil, err
	}
	res, ok := s.pageResource(ref)
	if !ok || !logged(ref.Kind) {
		return ref, nil, &Error{Status: fiber.StatusNotFound, Code: "not-found",
			Message: "Van deze pagina is er geen inzagelog: we houden het bij voor portretten en casussen."}
	}
	if !s.rd.may(access.Manage, res) {
		if s.rd.may(access.Read, res) {
			return ref, nil, &Error{Status: fiber.StatusForbidden, Code: "forbidden",
				Message: "Alleen een beheerder ziet wie deze pagina heeft gelezen."}
		}
		return ref, nil, errNoPage
	}
	paths := []string{ref.Path()}
	if entries, err := s.ws.Store.List(ref.MediaDir(), ""); err == nil {
		for _, e := range entries {
			paths = append(paths, e.Path)
		}
	}
	views, err := s.accounts.Views(paths)
	if err != nil {
		return ref, nil, err
	}
	slices.SortStableFunc(views, func(a, b accounts.View) int { return b.At.Compare(a.At) })
	name := s.viewerNames()
	out := make([]viewLogItem, 0, len(views))
	for _, v := range views {
		out = append(out, viewLogItem{When: v.At, ISO: v.At.Format(time.RFC3339), Who: name(v.Who), Account: v.Who,
			Path: v.Path, What: v.What})
	}
	return ref, out, nil
}

// viewerNames turns the account ids of the inzage log into display names, looking each up
// once; an account that is gone shows as such.
func (s *Server) viewerNames() func(id string) string {
	names := map[string]string{}
	return func(id string) string {
		name, seen := names[id]
		if !seen {
			name = "verwijderd account"
			if a, err := s.accounts.ByID(id); err == nil {
				name = a.Display
			}
			names[id] = name
		}
		return name
	}
}

// viewLog answers GET /:folder/:slug/inzagelog: who read this portrait or casus, newest first.
func (s *Server) viewLog(c *fiber.Ctx) error {
	s = s.as(c)
	ref, items, err := s.viewLogFor(c)
	if err != nil {
		return err
	}
	v := viewLogView{Ref: ref, PageTitle: ref.Path(), Views: items, CSVURL: ref.URL() + "/inzagelog.csv"}
	if s.canRead(ref) {
		v.CanRead, v.PageTitle = true, s.links.Title(ref)
	}
	v.Base = s.base(c, "Inzagelog van "+v.PageTitle)
	return s.render(c, "view_log", v)
}
