package web

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// newForm is the form that creates a page: a title (which gives the address), a team for the
// kinds a team owns, and the body, which starts as the kind's template.
type newForm struct {
	Kind        wiki.Kind
	Action      string
	Title       string
	Slug        string
	Team        string
	Teams       []teamOption
	TeamOwned   bool
	Pseudonym   bool // portraits and casussen are about a pupil: suggest a pseudonym
	Text        string
	Message     string
	Errors      []formError
	Exists      *sideItem // the page that already has this address
	SlugPreview string    // the address the page will get, shown after "Voorbeeld bekijken"
	Prompts     *kindPrompts
}

type teamOption struct{ Slug, Title string }

// formError is one problem in a form, linked to the control that holds it. For the whole-file
// textarea, Line says where: a link cannot point inside a textarea.
type formError struct {
	Target  string // the id of the control
	Line    int
	Field   string
	Message string
}

type newView struct {
	Base
	Form    newForm
	Preview *previewView
}

// kindParam reads :kind, which may be a kind ("portrait") or its folder ("portraits").
func kindParam(c *fiber.Ctx) (wiki.Kind, error) {
	k, ok := wiki.ParseKind(c.Params("kind"))
	if !ok {
		return "", &Error{Status: fiber.StatusNotFound, Code: "not-found",
			Message: "Zo'n soort pagina kennen we niet. Kies een portret, thema, frame, casus of team."}
	}
	return k, nil
}

// newForm is an empty form for a kind: the template as text, and the team filled in when the
// writer writes in exactly one. Only the teams the writer writes in are offered: a new page
// may only be made for one of them.
func (s *Server) newForm(c *fiber.Ctx, k wiki.Kind) newForm {
	f := newForm{Kind: k, Action: "/nieuw/" + string(k), TeamOwned: workspace.TeamOwned(k),
		Pseudonym: k == wiki.Portrait || k == wiki.Case,
		Text:      string(workspace.Schema(k).Template), Prompts: promptsFor(k)}
	if f.TeamOwned {
		for _, t := range s.rd.who.Teams {
			ref := wiki.Ref{Kind: wiki.Team, Slug: t}
			if s.rd.may(access.Write, access.Page(ref, t, "")) {
				f.Teams = append(f.Teams, teamOption{string(t), s.link(ref, "").Label})
			}
		}
		if len(f.Teams) == 1 {
			f.Team = f.Teams[0].Slug
		}
	}
	return f
}

// pageNew answers GET /nieuw/:kind.
func (s *Server) pageNew(c *fiber.Ctx) error {
	s = s.as(c)
	k, err := kindParam(c)
	if err != nil {
		return err
	}
	s.syncLinks()
	f := s.newForm(c, k)
	if err := s.mayCreate(k, f); err != nil {
		return err
	}
	return s.render(c, "page_new", newView{Base: s.base(c, "Nieuw: "+k.Label()), Form: f})
}

// mayCreate refuses the new-page form to someone who could not save any page of kind k: a
// lezer, or a schrijver of a team-owned kind without a team to write in.
func (s *Server) mayCreate(k wiki.Kind, f newForm) error {
	switch {
	case k == wiki.Team:
		if s.rd.who.Has(access.Schrijver) && len(s.rd.who.Teams) > 0 {
			return nil
		}
	case f.TeamOwned:
		if len(f.Teams) > 0 {
			return nil
		}
	case s.rd.may(access.Write, access.Page(wiki.Ref{Kind: k}, "", "")):
		return nil
	}
	return &Error{Status: fiber.StatusForbidden, Code: "forbidden",
		Message: "Je kunt hier geen nieuwe " + k.Label() + " maken: daarvoor moet je schrijver zijn in een team. Vraag het aan een beheerder."}
}

// canCreate reports whether the reader may start a page of kind k: views offer their "Nieuw …"
// links and forms only to those who would get the form.
func (s *Server) canCreate(c *fiber.Ctx, k wiki.Kind) bool {
	return s.mayCreate(k, s.newForm(c, k)) == nil
}

// pageCreate answers POST /nieuw/:kind: a preview, or the new page's first commit, only for a
// team the writer writes in.
func (s *Server) pageCreate(c *fiber.Ctx) error {
	s = s.as(c)
	k, err := kindParam(c)
	if err != nil {
		return err
	}
	s.syncLinks()
	f := s.newForm(c, k)
	if err := s.mayCreate(k, f); err != nil {
		return err
	}
	f.Title = strings.TrimSpace(oneLine(c.FormValue("titel")))
	f.Slug = strings.ToLower(strings.TrimSpace(c.FormValue("slug")))
	f.Team = strings.TrimSpace(c.FormValue("team"))
	f.Text = formText(c, "tekst")
	f.Message = c.FormValue("bericht")
	view := newView{Base: s.base(c, "Nieuw: "+k.Label())}

	slug, errs := f.check()
	ref := wiki.Ref{Kind: k, Slug: slug}
	if slug != "" {
		f.SlugPreview = ref.URL()
	}
	content := wiki.Join(workspace.Skeleton(k, f.Title, f.Team), []byte(f.Text))

	if c.FormValue("actie") == "voorbeeld" {
		pv, err := s.preview(ref, content)
		if err != nil {
			return err
		}
		if isFragment(c) {
			return s.renderPreviewFragment(c, pv)
		}
		view.Form, view.Preview = f, pv
		return s.render(c, "page_new", view)
	}
	if len(errs) > 0 {
		f.Errors = errs
		view.Form = f
		return s.render(c.Status(fiber.StatusUnprocessableEntity), "page_new", view)
	}
	if s.links.Exists(ref) {
		return s.renderExists(c, view, f, ref)
	}
	if err := s.mayWrite(ref, content); err != nil {
		var e *Error
		if errors.As(err, &e) && e == errOtherTeam {
			f.Errors = []formError{{Target: "veld-team", Field: "team", Message: e.Message}}
			view.Form = f
			return s.render(c.Status(fiber.StatusForbidden), "page_new", view)
		}
		return err
	}
	res, probs, err := s.ws.Save(ref, content, "", s.author(c), f.Message)
	var inv *wiki.InvalidError
	var conflict *store.ConflictError
	switch {
	case errors.As(err, &inv):
		f.Errors = createProblems(inv.Problems)
		view.Form = f
		return s.render(c.Status(fiber.StatusUnprocessableEntity), "page_new", view)
	case errors.As(err, &conflict) && conflict.Reason == store.ReasonExists:
		s.syncLinks() // someone made it a moment ago
		return s.renderExists(c, view, f, ref)
	case err != nil:
		return err
	}
	_, _ = res, probs
	s.syncLinks()
	return c.Redirect(ref.URL()+"?nieuw=1", fiber.StatusSeeOther)
}

// renderExists re-shows the form, text kept, saying which page already has the address.
func (s *Server) renderExists(c *fiber.Ctx, view newView, f newForm, ref wiki.Ref) error {
	it := s.link(ref, "")
	f.Exists = &it
	f.Errors = []formError{{Target: "veld-slug", Message: fmt.Sprintf(
		"Er is al een %s met het adres %s. Kies een ander adres (bijvoorbeeld met een cijfer of de groep erachter), of open de pagina die er al is.",
		ref.Kind.Label(), ref.Slug)}}
	view.Form = f
	return s.render(c.Status(fiber.StatusConflict), "page_new", view)
}

// check validates the fields the form itself owns and returns the page's slug: the one typed,
// else the title's.
func (f *newForm) check() (wiki.Slug, []formError) {
	var errs []formError
	if f.Title == "" {
		errs = append(errs, formError{Target: "veld-titel", Field: "titel", Message: "Vul een titel in."})
	}
	var slug wiki.Slug
	if f.Slug != "" {
		s, err := wiki.ParseSlug(f.Slug)
		if err != nil {
			errs = append(errs, formError{Target: "veld-slug", Field: "adres",
				Message: "Dit adres kan niet: " + err.Error() + " Gebruik kleine letters, cijfers en streepjes, zoals sam-groep-7."})
		}
		slug = s
	} else if f.Title != "" {
		if slug = wiki.Slugify(f.Title); slug == "" {
			errs = append(errs, formError{Target: "veld-slug", Field: "adres",
				Message: "Uit deze titel kunnen we geen adres maken. Vul zelf een adres in, met kleine letters, cijfers en streepjes."})
		}
	}
	if f.TeamOwned && f.Team == "" {
		errs = append(errs, formError{Target: "veld-team", Field: "team", Message: "Kies het team dat deze pagina maakt."})
	}
	return slug, errs
}

// createProblems points the problems of a new page at the form's controls. The front matter
// was built from the form, so its line numbers mean nothing to the user; the field does.
func createProblems(ps wiki.Problems) []formError {
	var out []formError
	for _, p := range ps.Errors() {
		target, field := "tekst", p.Field
		switch strings.SplitN(p.Field, ".", 2)[0] {
		case "title":
			target, field = "veld-titel", "titel"
		case "team":
			target = "veld-team"
		}
		out = append(out, formError{Target: target, Field: field, Message: p.Message})
	}
	return out
}

// oneLine keeps a single-line field on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// formText reads a textarea. Browsers send its line ends as CRLF; pages are stored with LF so
// diffs and merges see real changes only.
func formText(c *fiber.Ctx, name string) string {
	return strings.ReplaceAll(c.FormValue(name), "\r\n", "\n")
}
