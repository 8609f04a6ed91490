package web

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// previewView is a text rendered as the page will look, before it is saved.
type previewView struct {
	Title    string
	HTML     template.HTML
	Problems wiki.Problems // what saving would refuse, and the method's tips
}

// preview renders a whole page file (front matter and body) with the same pipeline as the page
// view, and checks its front matter, so the writer sees problems before saving.
func (s *Server) preview(ref wiki.Ref, content []byte) (*previewView, error) {
	page, probs := wiki.Parse(workspace.Schema(ref.Kind), ref, content)
	body := content
	pv := &previewView{Title: string(ref.Slug)}
	if page != nil {
		body = page.Body
		if page.Title() != "" {
			pv.Title = page.Title()
		}
	}
	for _, p := range probs {
		if p.Severity != wiki.Warning {
			pv.Problems = append(pv.Problems, p)
		}
	}
	doc, err := s.renderBody(body)
	if err != nil {
		return nil, err
	}
	pv.HTML = doc.HTML
	return pv, nil
}

// isFragment reports whether app.js asked for the preview panel only, to put in the page.
func isFragment(c *fiber.Ctx) bool { return c.Get("X-Leefwereld-Fragment") == "1" }

// renderPreviewFragment sends only the preview's HTML, without the layout.
func (s *Server) renderPreviewFragment(c *fiber.Ctx, pv *previewView) error {
	t, ok := s.views.pages["page_edit"]
	if !ok {
		return fmt.Errorf("web: no template page_edit")
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "page-preview", pv); err != nil {
		return fmt.Errorf("web: render preview: %w", err)
	}
	c.Type("html", "utf-8")
	return c.Send(buf.Bytes())
}

// pagePreview answers POST /:folder/:slug/voorbeeld: the edit form again, with the text as it
// will look above it. app.js asks for the preview alone and shows it beside the text.
func (s *Server) pagePreview(c *fiber.Ctx) error {
	s = s.as(c)
	ref, ok, err := pageParams(c)
	if !ok {
		return c.Next()
	}
	if err != nil {
		return err
	}
	s.syncLinks()
	if res, exists := s.pageResource(ref); exists && !s.rd.may(access.Read, res) {
		return errNoPage
	}
	form := s.editFormFromPost(c, ref)
	pv, err := s.preview(ref, []byte(form.Text))
	if err != nil {
		return err
	}
	if isFragment(c) {
		return s.renderPreviewFragment(c, pv)
	}
	return s.render(c, "page_edit", editView{Base: s.base(c, pv.Title+" bewerken"), PageTitle: pv.Title, Form: form, Preview: pv})
}
