package web

import (
	"cmp"
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/merge"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// editForm is the editor: the whole file in one textarea, and the blob it started from, so a
// save never overwrites a change the writer did not see.
type editForm struct {
	Ref           wiki.Ref
	Action        string
	PreviewAction string
	Text          string
	BaseBlob      string // "" when saving makes the page (again)
	Message       string
	Errors        []formError
	Prompts       *kindPrompts
	Portrait      *portraitForm // a portrait's punctum, life domains and recognition as fields
}

type editView struct {
	Base
	PageTitle string
	Form      editForm
	Preview   *previewView
	Conflict  *conflictView
}

// IsNew reports whether saving makes the page, rather than changing it.
func (f editForm) IsNew() bool { return f.BaseBlob == "" }

func (s *Server) editForm(ref wiki.Ref) editForm {
	return editForm{Ref: ref, Action: ref.URL() + "/bewerken", PreviewAction: ref.URL() + "/voorbeeld",
		Prompts: promptsFor(ref.Kind)}
}

// editFormFromPost is the form as it was posted: nothing the writer typed is dropped.
func (s *Server) editFormFromPost(c *fiber.Ctx, ref wiki.Ref) editForm {
	f := s.editForm(ref)
	f.Text = formText(c, "tekst")
	f.BaseBlob = strings.TrimSpace(c.FormValue("base"))
	f.Message = c.FormValue("bericht")
	portraitEditor(&f, c)
	return f
}

// pageEdit answers GET /:folder/:slug/bewerken, for those who may change the page.
func (s *Server) pageEdit(c *fiber.Ctx) error {
	s = s.as(c)
	ref, ok, err := pageParams(c)
	if !ok {
		return c.Next()
	}
	if err != nil {
		return err
	}
	s.syncLinks()
	if !s.canRead(ref) {
		return s.pageMissing(c, ref)
	}
	file, err := s.ws.Store.Read(ref.Path(), "")
	if errors.Is(err, store.ErrNotFound) {
		return s.pageMissing(c, ref)
	}
	if err != nil {
		return err
	}
	if err := s.mayWrite(ref, nil); err != nil {
		return err
	}
	if err := s.recordView(c, ref, viewEdit); err != nil {
		return err
	}
	f := s.editForm(ref)
	f.Text, f.BaseBlob = string(file.Content), file.Blob
	portraitEditor(&f, nil)
	title := s.links.Title(ref)
	return s.render(c, "page_edit", editView{Base: s.base(c, title+" bewerken"), PageTitle: title, Form: f})
}

// pageSave answers POST /:folder/:slug/bewerken: save, merge, or show what stands in the way,
// always with the writer's text kept. The writer must be allowed to change the page as it is
// and as it will be (moving it to another team needs writing in both).
func (s *Server) pageSave(c *fiber.Ctx) error {
	s = s.as(c)
	ref, ok, err := pageParams(c)
	if !ok {
		return c.Next()
	}
	if err != nil {
		return err
	}
	if c.FormValue("actie") == "voorbeeld" {
		return s.pagePreview(c)
	}
	s.syncLinks()
	f := s.editFormFromPost(c, ref)
	changes, fieldErrs := applyPortraitForm(&f)
	if len(fieldErrs) > 0 {
		f.Errors = fieldErrs
		title := s.formTitle(ref, f.Text)
		return s.render(c.Status(fiber.StatusUnprocessableEntity), "page_edit",
			editView{Base: s.base(c, title+" bewerken"), PageTitle: title, Form: f})
	}
	if err := s.mayWrite(ref, []byte(f.Text)); err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Status == fiber.StatusNotFound {
			return err
		}
		// Refused, but the text stays in the form: nothing typed is lost.
		f.Errors = []formError{{Target: "tekst", Message: e.Message}}
		title := s.formTitle(ref, f.Text)
		return s.render(c.Status(e.Status), "page_edit", editView{Base: s.base(c, title+" bewerken"), PageTitle: title, Form: f})
	}
	msg := cmp.Or(strings.TrimSpace(f.Message), portraitMessage(ref, changes))
	res, _, err := s.ws.Save(ref, []byte(f.Text), f.BaseBlob, s.author(c), msg)
	var inv *wiki.InvalidError
	var conflict *store.ConflictError
	switch {
	case errors.As(err, &inv):
		f.Errors = editProblems(inv.Problems)
		title := s.formTitle(ref, f.Text)
		return s.render(c.Status(fiber.StatusUnprocessableEntity), "page_edit",
			editView{Base: s.base(c, title+" bewerken"), PageTitle: title, Form: f})
	case errors.As(err, &conflict):
		return s.renderConflict(c, f, conflict)
	case err != nil:
		return err
	}
	s.syncLinks()
	flag := "opgeslagen"
	switch {
	case res.Unchanged:
		flag = "ongewijzigd"
	case res.Merged:
		flag = "samengevoegd"
	case f.IsNew():
		flag = "nieuw"
	}
	return c.Redirect(ref.URL()+"?"+flag+"=1", fiber.StatusSeeOther)
}

// formTitle is the title a text gives the page, else the one it has now: the page may be
// gone, or the text's front matter broken.
func (s *Server) formTitle(ref wiki.Ref, text string) string {
	if page, _ := wiki.Parse(workspace.Schema(ref.Kind), ref, []byte(text)); page != nil {
		if t := strings.TrimSpace(page.Title()); t != "" {
			return t
		}
	}
	return s.links.Title(ref)
}

// editProblems lists the errors of a page file for the summary above the form, each with its
// line in the textarea.
func editProblems(ps wiki.Problems) []formError {
	var out []formError
	for _, p := range ps.Errors() {
		out = append(out, formError{Target: "tekst", Line: p.Line, Field: p.Field, Message: p.Message})
	}
	return out
}

// conflictView is what stood in the way of a save, region by region.
type conflictView struct {
	Reason string // a store.Reason…: changed, deleted, exists, invalid, unknown-base
	Hunks  []hunkView
}

// hunkView is one region of the text: the same on both sides (shown once), changed by one
// side only, or changed differently by both (shown side by side).
type hunkView struct {
	Conflict  bool
	Text      string // when not a conflict: the text as it is now in the textarea
	Note      string // who changed it, when only one side did
	Mine      string
	Theirs    string
	Collapsed bool // a long stretch nobody changed, folded away
	Lines     int
}

// renderConflict answers 409 with both versions and the writer's text in the form. The form's
// base becomes the version that is saved now, so the next save goes through.
func (s *Server) renderConflict(c *fiber.Ctx, f editForm, ce *store.ConflictError) error {
	cv := &conflictView{Reason: ce.Reason}
	f.BaseBlob = ce.TheirsBlob
	switch ce.Reason {
	case store.ReasonDeleted:
		// Nothing to compare with: the writer's text, as it is, can make the page again.
		f.Text = string(ce.Mine)
	case store.ReasonChanged, store.ReasonInvalid:
		var text strings.Builder
		cv.Hunks = hunkViews(ce.Hunks, &text)
		f.Text = text.String()
		var inv *wiki.InvalidError
		if errors.As(ce.Cause, &inv) {
			f.Errors = editProblems(inv.Problems)
		}
	default: // exists, unknown-base: no common ancestor, so compare the two texts directly
		_, hunks, _ := merge.Merge(ce.Theirs, ce.Mine, ce.Theirs)
		for i := range hunks {
			if hunks[i].Kind == merge.MineChanged {
				hunks[i].Kind, hunks[i].Conflict = merge.Conflicting, true
			}
		}
		cv.Hunks = hunkViews(hunks, nil)
		f.Text = string(ce.Mine)
	}
	title := s.formTitle(f.Ref, f.Text)
	return s.render(c.Status(fiber.StatusConflict), "conflict",
		editView{Base: s.base(c, "Twee versies van "+title), PageTitle: title, Form: f, Conflict: cv})
}

// collapseAfter is how many unchanged lines are shown before they are folded away.
const collapseAfter = 8

// hunkViews turns merge hunks into regions to show. When text is not nil it receives the text
// for the form: the writer's version of every conflict, the merged text everywhere else, so a
// second save keeps the other person's changes that did not clash.
func hunkViews(hunks []merge.Hunk, text *strings.Builder) []hunkView {
	var out []hunkView
	for _, h := range hunks {
		var v hunkView
		switch h.Kind {
		case merge.Conflicting:
			v = hunkView{Conflict: true, Mine: strings.Join(h.Mine, ""), Theirs: strings.Join(h.Theirs, "")}
			if text != nil {
				text.WriteString(v.Mine)
			}
		default:
			lines := h.Merged()
			v = hunkView{Text: strings.Join(lines, ""), Lines: len(lines)}
			switch h.Kind {
			case merge.MineChanged:
				v.Note = "Dit stuk heb jij veranderd."
			case merge.TheirsChanged:
				v.Note = "Dit stuk heeft iemand anders veranderd. Het staat al in je tekst hieronder."
			default:
				v.Collapsed = len(lines) > collapseAfter
			}
			if text != nil {
				text.WriteString(v.Text)
			}
		}
		if v.Conflict || v.Text != "" {
			out = append(out, v)
		}
	}
	return out
}
