package web

import (
	"errors"
	"fmt"
	"html/template"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/internal/board"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// printSection is one page inside the printed casus.
type printSection struct {
	Ref     wiki.Ref
	Title   string
	Missing bool // linked from the casus but not written yet
	Facts   []fact
	Side    []sideSection
	HTML    template.HTML
}

type casePrintView struct {
	Base
	Case      printSection
	Board     *board.Board // nil when the casus's front matter has errors
	Portraits []printSection
	Frames    []printSection
}

// casePrint answers GET /cases/:slug/afdrukken: the casus with its portraits and frames in one
// document, for a meeting on paper.
func (s *Server) casePrint(c *fiber.Ctx) error {
	s = s.as(c)
	slug, err := wiki.ParseSlug(c.Params("slug"))
	if err != nil {
		return &Error{Status: fiber.StatusNotFound, Code: "not-found", Message: "Dit adres klopt niet: " + err.Error(), Err: err}
	}
	ref := wiki.Ref{Kind: wiki.Case, Slug: slug}
	s.syncLinks()
	if !s.canRead(ref) {
		return s.pageMissing(c, ref)
	}
	top, page, err := s.printSection(ref)
	if err != nil {
		return err
	}
	if top.Missing {
		return s.pageMissing(c, ref)
	}
	if err := s.recordView(c, ref, viewPrint); err != nil {
		return err
	}
	v := casePrintView{Case: top}
	if page != nil && !page.Problems().HasErrors() {
		b, err := s.caseBoard(page)
		if err != nil {
			return err
		}
		v.Board = &b
	}
	if m, ok := metaOf(page).(*cases.Meta); ok {
		for _, p := range m.Portraits {
			sec, _, err := s.printSection(wiki.Ref{Kind: wiki.Portrait, Slug: p})
			if err != nil {
				return err
			}
			if !sec.Missing {
				if err := s.recordView(c, sec.Ref, viewPrint); err != nil {
					return err
				}
			}
			v.Portraits = append(v.Portraits, sec)
		}
		for _, f := range m.Frames {
			sec, _, err := s.printSection(wiki.Ref{Kind: wiki.Frame, Slug: f})
			if err != nil {
				return err
			}
			v.Frames = append(v.Frames, sec)
		}
	}
	v.Base = s.base(c, top.Title+" (afdrukken)")
	return s.render(c, "case_print", v)
}

// printSection reads and renders one page for print. A page that does not exist is a section
// that says so, not an error: the casus may name a portrait nobody wrote yet. A page the
// reader may not read (another team's frame) is printed the same way, without its title.
func (s *Server) printSection(ref wiki.Ref) (printSection, *wiki.Page, error) {
	sec := printSection{Ref: ref, Title: string(ref.Slug)}
	if !s.canRead(ref) {
		sec.Missing = true
		return sec, nil, nil
	}
	f, err := s.ws.Store.Read(ref.Path(), "")
	if errors.Is(err, store.ErrNotFound) {
		sec.Missing = true
		return sec, nil, nil
	}
	if err != nil {
		return sec, nil, fmt.Errorf("web: read %s: %w", ref, err)
	}
	page, probs := workspace.Parse(ref.Path(), f.Content)
	body := f.Content
	if page != nil {
		body = page.Body
		if t := strings.TrimSpace(page.Title()); t != "" {
			sec.Title = t
		}
	}
	doc, err := s.renderBody(body)
	if err != nil {
		return sec, nil, err
	}
	sec.HTML = scopeIDs(doc.HTML, ref)
	if page != nil && !probs.HasErrors() {
		sec.Facts, sec.Side = s.sidebar(page, doc.links)
	}
	return sec, page, nil
}

// metaOf is a page's front matter, or nil for a file that has none (page is nil).
func metaOf(page *wiki.Page) wiki.Meta {
	if page == nil {
		return nil
	}
	return page.Meta
}

// scopeIDs gives the ids in one printed page, and the in-page links to them, the page's own
// prefix: two portraits that both have "## Een gewone dag" would otherwise share an id in the
// one printed document. The HTML is the sanitiser's output, so attributes are always quoted
// with double quotes and these two patterns are the only places ids occur.
func scopeIDs(h template.HTML, ref wiki.Ref) template.HTML {
	prefix := string(ref.Kind) + "-" + string(ref.Slug) + "-"
	out := strings.ReplaceAll(string(h), ` id="`, ` id="`+prefix)
	out = strings.ReplaceAll(out, ` href="#`, ` href="#`+prefix)
	return template.HTML(out) //nolint:gosec // only attribute values of sanitised HTML change, by a slug
}
