package web

import (
	"html/template"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

type versionView struct {
	Base
	URL, PageTitle string
	Rev            revItem
	VersionTitle   string        // the title this version had
	HTML           template.HTML // the body, rendered and sanitised
	Raw            string        // the text as stored, when it cannot be read as a page
	Front          string        // the front matter of this version
	CanRestore     bool          // the reader may put this version back (a lezer only looks)
}

// version shows one old version of a page, read-only, with a banner that says so and a form
// to put it back.
func (s *Server) version(c *fiber.Ctx) error {
	s = s.as(c)
	ref, revs, r, data, err := s.oldVersion(c, c.Params("commit"), &Error{Status: fiber.StatusNotFound, Code: "deleted-revision",
		Message: "In deze versie was de pagina verwijderd, dus er is niets te bekijken. Kies een andere versie in de geschiedenis."})
	if err != nil {
		return err
	}
	if err := s.recordView(c, ref, viewOld); err != nil {
		return err
	}
	v := versionView{URL: ref.URL(), PageTitle: s.lookTitle(ref, revs), Rev: r, CanRestore: s.mayWrite(ref, nil) == nil}
	v.Base = s.base(c, "Versie "+strconv.Itoa(r.Number)+" van "+v.PageTitle)
	v.VersionTitle = v.PageTitle
	if p, _ := workspace.Parse(ref.Path(), data); p != nil && p.Title() != "" {
		v.VersionTitle = p.Title()
	}
	front, body, _, err := wiki.Split(data)
	if err != nil {
		v.Raw = string(data) // no readable front matter: show the text as it was stored
		return s.render(c, "version", v)
	}
	v.Front = string(front)
	doc, err := s.md.Render(body, s.resolve)
	if err != nil {
		return err
	}
	v.HTML = template.HTML(doc.HTML) // sanitised by the markdown package (bluemonday)
	return s.render(c, "version", v)
}
