package web

import (
	"errors"
	"fmt"
	"html/template"
	"log"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// pageView is a page as people read it: the text, its typed links beside it, and the pages
// that link to it.
type pageView struct {
	Base
	Ref       wiki.Ref
	HTML      template.HTML
	Facts     []fact
	Side      []sideSection
	Backlinks []backlinkGroup
	// BacklinkTotal counts every linking page; Backlinks may show only the first maxBacklinks.
	BacklinkTotal int
	Tips          []string // the method's hints: gentle, never a reason to refuse
	Warnings      wiki.Problems
	Errors        wiki.Problems // a page that came into git past our checks
	Changed       *store.Revision
	Attachments   attachmentsData // the page's files and the upload form
	MoreLike      moreLikeSection // "Meer zoals dit" (more_like.go)
	EditURL       string
	HistoryURL    string
	PrintURL      string         // a casus prints with its portraits and frames
	Theme         *themeView     // a theme's research, relations and evidence (theme_view.go)
	Portrait      *portraitPanel // a portrait's recognition and life domains (portrait_view.go)
	Team          *teamSheetView // a team's spelregels worksheet and members (team_view.go)
}

// fact is one front-matter value shown as text (a status, a date, a punctum).
type fact struct{ Label, Value string }

// sideSection is one group of typed links in the sidebar ("Thema's", "Versterkt").
type sideSection struct {
	Title string
	Items []sideItem
}

// sideItem is one link in the sidebar, or one line of text (an action) that may carry a link.
type sideItem struct {
	Label  string
	URL    string // "" for an item that is not a page
	Exists bool
	Note   string // why it is there (a casus theme's "why", a relation's note)
	Extra  string // small details (who, where, when of an action)
}

// backlinkGroup is one page that links here, with every place it does so.
type backlinkGroup struct {
	URL, Title string
	Kind       wiki.Kind
	Items      []backlinkItem
}

type backlinkItem struct {
	Field    string // Dutch name of the front-matter field; "" for a link in the text
	Sentence string
}

// pageParams reads :folder and :slug. ok is false when the folder is not one of the kinds'
// folders: the request is then not for a page, and the caller passes it on. A bad slug in a
// page folder is a 404.
func pageParams(c *fiber.Ctx) (ref wiki.Ref, ok bool, err error) {
	k, found := wiki.ParseKind(c.Params("folder"))
	if !found || k.Folder() != c.Params("folder") {
		return wiki.Ref{}, false, nil
	}
	slug, err := wiki.ParseSlug(c.Params("slug"))
	if err != nil {
		return wiki.Ref{}, true, &Error{Status: fiber.StatusNotFound, Code: "not-found",
			Message: "Dit adres klopt niet: " + err.Error(), Err: err}
	}
	return wiki.Ref{Kind: k, Slug: slug}, true, nil
}

// syncLinks brings the link index up to date. A failure only makes backlinks stale, so it is
// logged, not shown.
func (s *Server) syncLinks() {
	if err := s.links.Sync(); err != nil {
		log.Printf("web: link index: %s", scrub(err.Error()))
	}
}

// notices are the messages a redirect after a save can ask for. The query carries only the
// key, never text, so nothing personal ends up in a URL or a log.
var notices = map[string]string{
	"opgeslagen":   "Opgeslagen.",
	"teruggezet":   "De oude versie staat weer op de pagina. Alle versies blijven bewaard in de geschiedenis.",
	"al-gelijk":    "De pagina had deze tekst al, dus er is niets veranderd.",
	"nieuw":        "De pagina is gemaakt.",
	"ongewijzigd":  "Je had niets veranderd, dus er is niets opgeslagen.",
	"samengevoegd": "Iemand anders heeft intussen ook iets veranderd; we hebben jullie wijzigingen samengevoegd.",
	"bijgewerkt":   "Het bord is bijgewerkt. In de geschiedenis zie je wat er veranderde.",
}

// notice picks the message for the flag in the query, if any.
func notice(c *fiber.Ctx) string {
	for key, msg := range notices {
		if c.Query(key) == "1" {
			return msg
		}
	}
	return ""
}

// pageShow answers GET /:folder/:slug. A page the reader may not read answers exactly as a
// page that does not exist.
func (s *Server) pageShow(c *fiber.Ctx) error {
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
	f, err := s.ws.Store.Read(ref.Path(), "")
	if errors.Is(err, store.ErrNotFound) {
		return s.pageMissing(c, ref)
	}
	if err != nil {
		return fmt.Errorf("web: read %s: %w", ref, err)
	}
	if err := s.recordView(c, ref, viewRead); err != nil {
		return err
	}
	v := pageView{Ref: ref, EditURL: ref.URL() + "/bewerken", HistoryURL: ref.URL() + "/geschiedenis"}
	page, probs := workspace.Parse(ref.Path(), f.Content)
	title := string(ref.Slug)
	var body []byte
	var doc docResult
	if page != nil {
		if t := strings.TrimSpace(page.Title()); t != "" {
			title = t
		}
		body = page.Body
	} else {
		body = f.Content // no front matter at all: show the file as text, so nothing is hidden
	}
	limit := maxBacklinks
	if c.Query("alle") == "1" {
		limit = 0
	}
	if m, ok := themeMeta(page, probs); ok { // a theme shows its research, relations and evidence
		if v.Theme, err = s.themeView(s.readerOf(c), ref, m, body, limit); err != nil {
			return err
		}
		body = v.Theme.rest
	}
	if doc, err = s.renderBody(body); err != nil {
		return err
	}
	v.HTML = doc.HTML
	if page != nil && !probs.HasErrors() {
		v.Facts, v.Side = s.sidebar(page, doc.links)
	}
	v.Errors, v.Warnings = probs.Errors(), probs.Warnings()
	for _, h := range probs.Hints() {
		v.Tips = append(v.Tips, sentence(h.Message))
	}
	if v.Theme == nil {
		v.Backlinks, v.BacklinkTotal = s.backlinks(ref, limit)
	}
	v.MoreLike = s.moreLike(c, ref)
	if hist, err := s.ws.Store.History(ref.Path()); err == nil && len(hist) > 0 {
		last := hist[0]
		last.Author.Name = s.authorName(last.Author) // the display name of today; git holds an id
		v.Changed = &last
	}
	if ref.Kind == wiki.Case {
		v.PrintURL = ref.URL() + "/afdrukken"
	}
	if page != nil && !probs.HasErrors() {
		if err := s.kindPanels(&v, page); err != nil {
			return err
		}
	}
	v.Base = s.base(c, title)
	if v.Attachments, err = s.attachmentsFor(c, ref); err != nil {
		return err
	}
	v.Notice = notice(c)
	if s.mayWrite(ref, nil) != nil { // a lezer reads; the page offers no editing
		v.hideEditing()
	}
	if ref.Kind == wiki.Case && page != nil && !probs.HasErrors() {
		return s.caseShow(c, v, page) // the board of the four steps (case_board.go)
	}
	return s.render(c, "page", v)
}

// hideEditing takes every way into the editor out of the page, for a reader who may not
// change it: the Bewerken button and the kind panels' links to a field in the editor.
func (v *pageView) hideEditing() {
	v.EditURL = ""
	if v.Theme != nil {
		v.Theme.EditURL = ""
	}
	if v.Portrait != nil {
		v.Portrait.EditURL = ""
	}
	if v.Team != nil {
		v.Team.EditURL = ""
	}
}

// docResult is a rendered body and the pages it links to.
type docResult struct {
	HTML  template.HTML
	links []wiki.Ref
}

// renderBody renders Markdown with links resolved against the link index. The HTML is safe:
// the markdown package sanitises it.
func (s *Server) renderBody(body []byte) (docResult, error) {
	doc, err := s.md.Render(body, s.resolve)
	if err != nil {
		return docResult{}, fmt.Errorf("web: render: %w", err)
	}
	r := docResult{HTML: template.HTML(doc.HTML)} //nolint:gosec // sanitised by bluemonday in markdown.Render
	for _, l := range doc.Links {
		r.links = append(r.links, l.Ref)
	}
	return r, nil
}

// resolve is the renderer's link resolver for the reader: a link to a page the reader may not
// open looks like a link to a page that does not exist yet.
func (s *Server) resolve(t wiki.Target) (wiki.Ref, bool) {
	ref, ok := s.links.Resolve(t)
	return ref, ok && s.visible(ref)
}

// maxBacklinks is how many linking pages a page view lists before it offers to show them all:
// a theme in a big workspace is named by hundreds of portraits.
const maxBacklinks = 40

// backlinks groups the index's backlinks by the page they come from, at most limit pages
// (0: all). total is the number of linking pages. Pages the reader may not read are left
// out, and not counted: their titles, sentences and number stay with their team.
func (s *Server) backlinks(ref wiki.Ref, limit int) (groups []backlinkGroup, total int) {
	var last wiki.Ref
	seen := map[wiki.Ref]bool{}
	for _, b := range s.links.Backlinks(ref) {
		may, ok := seen[b.From]
		if !ok {
			may = s.visible(b.From)
			seen[b.From] = may
		}
		if !may {
			continue
		}
		if total == 0 || b.From != last {
			last = b.From
			total++
			if limit == 0 || total <= limit {
				groups = append(groups, backlinkGroup{URL: b.From.URL(), Title: b.FromTitle, Kind: b.From.Kind})
			}
		}
		if limit == 0 || total <= limit {
			g := &groups[len(groups)-1]
			g.Items = append(g.Items, backlinkItem{Field: fieldLabel(b.Field), Sentence: b.Sentence})
		}
	}
	return groups, total
}

// fieldLabels name the front-matter fields that hold links, in the words of the sidebar.
var fieldLabels = map[string]string{
	"team": "team", "cases": "casus", "portraits": "portret", "themes": "thema",
	"frames": "frame", "combines": "combineert met", "related": "verwant thema", "actions": "actie",
}

// fieldLabel turns "themes[0].slug" into "thema".
func fieldLabel(field string) string {
	if field == "" {
		return ""
	}
	name, _, _ := strings.Cut(field, "[")
	name, _, _ = strings.Cut(name, ".")
	if l, ok := fieldLabels[name]; ok {
		return l
	}
	return name
}

// link is a sidebar item for a typed link. A page the reader may not read shows as its
// address, like a page that does not exist yet: its title stays with its team.
func (s *Server) link(r wiki.Ref, note string) sideItem {
	if !s.visible(r) {
		return sideItem{Label: string(r.Slug), URL: r.URL(), Note: note}
	}
	return sideItem{Label: s.links.Title(r), URL: r.URL(), Exists: true, Note: note}
}

// pageMissing answers a page that does not exist (yet): 404, with who already links to it and
// a form to create it, so a red link is one click away from a page.
func (s *Server) pageMissing(c *fiber.Ctx, ref wiki.Ref) error {
	v := missingView{Ref: ref}
	v.Backlinks, _ = s.backlinks(ref, 0)
	v.Form = s.newForm(c, ref.Kind)
	v.Form.Title = titleFromSlug(ref.Slug)
	v.Form.Slug = string(ref.Slug)
	v.CanCreate = s.mayCreate(ref.Kind, v.Form) == nil
	v.Base = s.base(c, "Deze pagina bestaat nog niet")
	return s.render(c.Status(fiber.StatusNotFound), "page_missing", v)
}

type missingView struct {
	Base
	Ref       wiki.Ref
	Backlinks []backlinkGroup
	Form      newForm
	CanCreate bool // the reader may make the page here; a lezer gets no form
}

// sentence starts a message with a capital and ends it with a full stop, for a list of tips.
func sentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return ""
	}
	r, size := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[size:]
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") && !strings.HasSuffix(msg, "!") {
		msg += "."
	}
	return msg
}

// titleFromSlug makes a first guess at a title: "zelf-vertrouwen" → "Zelf vertrouwen".
func titleFromSlug(s wiki.Slug) string {
	t := strings.ReplaceAll(string(s), "-", " ")
	if t == "" {
		return ""
	}
	return strings.ToUpper(t[:1]) + t[1:]
}
