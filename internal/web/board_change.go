package web

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/board"
	"github.com/leefwereld/leefwereld/internal/flow"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
)

// boardChange is one thing a team can do on the casus board without writing YAML. Each has a
// form page of its own (GET), so it works without JavaScript and the board stays readable;
// the small status forms on the board post to the same address.
type boardChange struct {
	Title string     // the form page's heading
	Step  board.Step // the column it belongs to, to return to
	// Anchor is where on the board to return to when it is not a column (the consent records).
	Anchor string
	// Fields are the form fields the change reads; they come back into the form after a refusal.
	Fields []string
	change func(s *Server, c *fiber.Ctx) flow.Change
}

// boardChanges are keyed by the last part of the address: /cases/:slug/bord/:change.
var boardChanges = map[string]boardChange{
	"portret": {Title: "Nieuw portret", Step: board.Wat, Fields: []string{"titel", "over"},
		change: func(_ *Server, c *fiber.Ctx) flow.Change {
			return flow.AddPortrait{Title: c.FormValue("titel"), Subject: c.FormValue("over")}
		}},
	"portret-koppelen": {Title: "Bestaand portret op het bord zetten", Step: board.Wat, Fields: []string{"portret"},
		change: func(_ *Server, c *fiber.Ctx) flow.Change { return flow.LinkPortrait{Portrait: c.FormValue("portret")} }},
	"portret-status": {Title: "Status van een portret", Step: board.Wat, Fields: []string{"portret", "status"},
		change: func(_ *Server, c *fiber.Ctx) flow.Change {
			return flow.PortraitStatus{Portrait: wiki.Slug(c.FormValue("portret")), Status: c.FormValue("status")}
		}},
	"thema": {Title: "Thema kiezen", Step: board.Waar, Fields: []string{"thema", "waarom", "nieuw"},
		change: func(s *Server, c *fiber.Ctx) flow.Change {
			theme := c.FormValue("thema")
			// The picker fills in a title; a title whose address is not made from it
			// ("Zelfbeeld (negatief)" at themes/negatief-zelfbeeld) is found here, as without JS.
			if r, found := s.resolveTitle(wiki.Theme, theme); found {
				theme = string(r.Slug)
			}
			return flow.ChooseTheme{Theme: theme, Why: formText(c, "waarom"), New: c.FormValue("nieuw") == "1"}
		}},
	"waarom": {Title: "Waarom dit thema?", Step: board.Waar, Fields: []string{"thema", "waarom", "was"},
		change: func(_ *Server, c *fiber.Ctx) flow.Change {
			return flow.ThemeWhy{Theme: wiki.Slug(c.FormValue("thema")), Why: formText(c, "waarom"), Was: formText(c, "was")}
		}},
	"thema-weg": {Title: "Thema van het bord halen", Step: board.Waar, Fields: []string{"thema"},
		change: func(_ *Server, c *fiber.Ctx) flow.Change {
			return flow.DropTheme{Theme: wiki.Slug(c.FormValue("thema"))}
		}},
	"frame": {Title: "Nieuw frame", Step: board.Hoe, Fields: []string{"titel", "themas"},
		change: func(_ *Server, c *fiber.Ctx) flow.Change {
			return flow.MakeFrame{Title: c.FormValue("titel"), Themes: slugValues(c, "themas")}
		}},
	"frame-thema": {Title: "Frame op een thema laten rusten", Step: board.Hoe, Fields: []string{"frame", "thema"},
		change: func(_ *Server, c *fiber.Ctx) flow.Change {
			return flow.FrameTheme{Frame: wiki.Slug(c.FormValue("frame")), Theme: wiki.Slug(c.FormValue("thema"))}
		}},
	"frame-status": {Title: "Status van een frame", Step: board.Hoe, Fields: []string{"frame", "status", "reden"},
		change: func(_ *Server, c *fiber.Ctx) flow.Change {
			return flow.FrameStatus{Frame: wiki.Slug(c.FormValue("frame")), Status: c.FormValue("status"), Reason: formText(c, "reden")}
		}},
	"actie": {Title: "Nieuwe actie", Step: board.Organiseren, Fields: []string{"wat", "wie", "waar", "wanneer", "frame"},
		change: func(_ *Server, c *fiber.Ctx) flow.Change {
			return flow.AddAction{What: c.FormValue("wat"), Who: c.FormValue("wie"), Where: c.FormValue("waar"),
				When: c.FormValue("wanneer"), Frame: wiki.Slug(c.FormValue("frame"))}
		}},
	"toestemming": {Title: "Toestemming vastleggen", Anchor: consentAnchor, Fields: []string{"door", "voor", "datum", "tot"},
		change: func(_ *Server, c *fiber.Ctx) flow.Change {
			return flow.AddConsent{By: c.FormValue("door"), For: c.FormValue("voor"), Date: c.FormValue("datum"), Until: c.FormValue("tot"), Today: time.Now()}
		}},
	"toestemming-intrekken": {Title: "Toestemming intrekken", Anchor: consentAnchor, Fields: []string{"nr", "door", "voor", "op"},
		change: func(_ *Server, c *fiber.Ctx) flow.Change {
			return flow.WithdrawConsent{Index: formIndex(c), By: c.FormValue("door"), For: c.FormValue("voor"), On: c.FormValue("op"), Today: time.Now()}
		}},
	"frame-delen": {Title: "Frame delen met andere teams", Step: board.Hoe, Fields: []string{"frame", "toestemming"},
		change: func(_ *Server, c *fiber.Ctx) flow.Change {
			n, err := strconv.Atoi(c.FormValue("toestemming"))
			if err != nil {
				n = -1
			}
			return flow.ShareFrame{Frame: wiki.Slug(c.FormValue("frame")), Consent: n, Today: time.Now()}
		}},
	"frame-niet-delen": {Title: "Frame niet meer delen", Step: board.Hoe, Fields: []string{"frame"},
		change: func(_ *Server, c *fiber.Ctx) flow.Change {
			return flow.UnshareFrame{Frame: wiki.Slug(c.FormValue("frame"))}
		}},
	"actie-status": {Title: "Status van een actie", Step: board.Organiseren, Fields: []string{"nr", "wat", "status"},
		change: func(_ *Server, c *fiber.Ctx) flow.Change {
			return flow.ActionStatus{Index: formIndex(c), What: c.FormValue("wat"), Status: c.FormValue("status")}
		}},
}

// formIndex reads the place of an item in a list ("nr"); -1 when it is not a number, which
// every change refuses.
func formIndex(c *fiber.Ctx) int {
	n, err := strconv.Atoi(c.FormValue("nr"))
	if err != nil {
		return -1
	}
	return n
}

// consentAnchor is the id of the board's consent section.
const consentAnchor = "bord-toestemming"

// anchor is the place on the board a change returns to.
func (ch boardChange) anchor() string {
	if ch.Anchor != "" {
		return ch.Anchor
	}
	return ch.Step.Anchor()
}

// slugValues reads a multi-valued field (checkboxes) as slugs.
func slugValues(c *fiber.Ctx, name string) []wiki.Slug {
	var out []wiki.Slug
	for _, v := range c.Context().PostArgs().PeekMulti(name) {
		if s := wiki.Slug(strings.TrimSpace(string(v))); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// boardForm is the data of a change's form page.
type boardForm struct {
	Base
	Change   string
	Title    string
	Case     wiki.Ref
	Board    board.Board
	Values   map[string]string
	Checked  map[string]bool // the themes ticked for a new frame
	Error    string          // why the change was refused; the summary gets focus
	Theirs   string          // the other person's "why", after a conflict
	Action   string          // where the form posts
	Back     string          // the board, at the column
	Subjects []string
	Wheres   []string
	Statuses []string // of the item the form changes
	Others   []sideItem
	Active   []int // the consent records that hold today, for sharing a frame
}

// boardParams reads the casus and the change from the address.
func boardParams(c *fiber.Ctx) (wiki.Ref, boardChange, string, error) {
	slug, err := wiki.ParseSlug(c.Params("slug"))
	if err != nil {
		return wiki.Ref{}, boardChange{}, "", &Error{Status: fiber.StatusNotFound, Code: "not-found", Message: "Dit adres klopt niet: " + err.Error(), Err: err}
	}
	name := c.Params("change")
	ch, ok := boardChanges[name]
	if !ok {
		return wiki.Ref{}, boardChange{}, "", &Error{Status: fiber.StatusNotFound, Code: "not-found", Message: "Dit kun je op het bord niet doen."}
	}
	return wiki.Ref{Kind: wiki.Case, Slug: slug}, ch, name, nil
}

// boardRequest reads a board change's address and checks that the reader may make it.
func (s *Server) boardRequest(c *fiber.Ctx) (wiki.Ref, boardChange, string, error) {
	ref, ch, name, err := boardParams(c)
	if err == nil {
		err = s.mayChangeBoard(c, ref, name)
	}
	return ref, ch, name, err
}

// boardChangeForm answers GET /cases/:slug/bord/:change with the form, filled from the query
// (a link from the board says which theme, frame or action).
func (s *Server) boardChangeForm(c *fiber.Ctx) error {
	s = s.as(c)
	ref, ch, name, err := s.boardRequest(c)
	if err != nil {
		return err
	}
	values := map[string]string{}
	for _, f := range ch.Fields {
		values[f] = c.Query(f)
	}
	return s.renderBoardForm(c, ref, ch, name, values, "", "")
}

// boardChangeApply answers POST /cases/:slug/bord/:change: one commit, then back to the board.
// A refusal shows the form again with the message and everything that was typed.
func (s *Server) boardChangeApply(c *fiber.Ctx) error {
	s = s.as(c)
	ref, ch, name, err := s.boardRequest(c)
	if err != nil {
		return err
	}
	change := ch.change(s, c)
	_, err = flow.Apply(s.ws, ref.Slug, s.author(c), change)
	if err == nil {
		return c.Redirect(ref.URL()+"?bijgewerkt=1#"+ch.anchor(), fiber.StatusSeeOther)
	}
	var fe *flow.Error
	if !errors.As(err, &fe) {
		return err
	}
	values := map[string]string{}
	for _, f := range ch.Fields {
		values[f] = formText(c, f)
	}
	theirs := ""
	var wc *flow.WhyConflict
	if errors.As(err, &wc) {
		theirs, values["was"] = wc.Theirs, wc.Theirs
	}
	if fe.Kind == flow.NotFound && ch.Step == board.Waar && name == "thema" {
		values["nieuw-aanbieden"] = "1" // offer to add the theme to the library
	}
	c.Status(flowStatus[fe.Kind])
	if fe.Kind == flow.NotFound && !s.links.Exists(ref) {
		return &Error{Status: fiber.StatusNotFound, Code: "not-found", Message: sentence(fe.Message), Err: err}
	}
	return s.renderBoardForm(c, ref, ch, name, values, sentence(fe.Message), theirs)
}

// boardTargets are the changes that write to another page besides the casus, and the form
// field that names it; mayChangeBoard checks that page too.
var boardTargets = map[string]struct {
	field string
	kind  wiki.Kind
}{
	"portret-koppelen": {"portret", wiki.Portrait}, "portret-status": {"portret", wiki.Portrait},
	"frame-thema": {"frame", wiki.Frame}, "frame-status": {"frame", wiki.Frame},
	"frame-delen": {"frame", wiki.Frame}, "frame-niet-delen": {"frame", wiki.Frame},
}

// mayChangeBoard checks that the writer may change the casus and every existing page the
// change names: a casus can list another team's shared frame, whose status is not ours to move.
// A casus the reader may not read answers as one that does not exist.
func (s *Server) mayChangeBoard(c *fiber.Ctx, ref wiki.Ref, change string) error {
	s.syncLinks()
	if res, ok := s.pageResource(ref); !ok || !s.rd.may(access.Read, res) {
		return errNoPage
	}
	if err := s.mayWrite(ref, nil); err != nil {
		return err
	}
	t, ok := boardTargets[change]
	if !ok {
		return nil
	}
	slug, err := wiki.ParseSlug(strings.TrimSpace(c.FormValue(t.field, c.Query(t.field))))
	if err != nil {
		return nil // a title, or nothing: flow finds the page and keeps to the casus's team
	}
	if target := (wiki.Ref{Kind: t.kind, Slug: slug}); s.links.Exists(target) {
		return s.mayWrite(target, nil)
	}
	return nil
}

// flowStatus maps a refusal to its HTTP status.
var flowStatus = map[flow.ErrorKind]int{
	flow.Invalid:  fiber.StatusUnprocessableEntity,
	flow.NotFound: fiber.StatusNotFound,
	flow.Conflict: fiber.StatusConflict,
}

func (s *Server) renderBoardForm(c *fiber.Ctx, ref wiki.Ref, ch boardChange, name string, values map[string]string, msg, theirs string) error {
	s.syncLinks()
	f, err := s.ws.Store.Read(ref.Path(), "")
	if err != nil {
		return err
	}
	page, probs := wiki.Parse(cases.Schema, ref, f.Content)
	if page == nil || probs.HasErrors() {
		return &Error{Status: fiber.StatusConflict, Code: "invalid",
			Message: "De kop van deze casus heeft fouten. Herstel die eerst via Bewerken; daarna werkt het bord weer."}
	}
	b, err := s.caseBoard(page)
	if err != nil {
		return err
	}
	v := boardForm{Change: name, Title: ch.Title, Case: ref, Board: b, Values: values, Checked: map[string]bool{},
		Error: msg, Theirs: theirs, Action: ref.URL() + "/bord/" + name,
		Back: ref.URL() + "#" + ch.anchor(), Subjects: portraits.Subjects, Wheres: cases.Wheres}
	for _, t := range slugValues(c, "themas") {
		v.Checked[string(t)] = true
	}
	switch name {
	case "portret-status":
		v.Statuses = []string{string(portraits.Concept), string(portraits.Besproken), string(portraits.Herkend)}
	case "frame-status":
		v.Statuses = frames.Statuses
	case "actie-status":
		v.Statuses = cases.ActionStatuses
	case "toestemming-intrekken":
		// The address carries only the record's place; who and what come from the casus.
		if n, err := strconv.Atoi(values["nr"]); err == nil && n >= 0 && n < len(b.Consent) && c.Method() == fiber.MethodGet {
			v.Values["door"], v.Values["voor"] = b.Consent[n].By, b.Consent[n].For
		}
	case "frame-delen":
		for i, cs := range b.Consent {
			if cs.ActiveOn(time.Now()) {
				v.Active = append(v.Active, i)
			}
		}
	case "portret-koppelen":
		v.Others = s.teamPortraitsOff(page.Meta.(*cases.Meta))
	case "waarom":
		if c.Method() == fiber.MethodGet { // start from the text as it is now
			for _, t := range page.Meta.(*cases.Meta).Themes {
				if string(t.Slug) == values["thema"] {
					v.Values["was"] = t.Why
					if values["waarom"] == "" {
						v.Values["waarom"] = t.Why
					}
				}
			}
		}
	}
	v.Base = s.base(c, ch.Title+" · "+b.Title)
	return s.render(c, "board_change", v)
}

// teamPortraitsOff lists the team's portraits that are not on this board yet.
func (s *Server) teamPortraitsOff(m *cases.Meta) []sideItem {
	var out []sideItem
	for _, p := range s.links.Pages(wiki.Portrait) {
		pm, ok := p.Meta.(*portraits.Meta)
		if !ok || pm.Team != m.Team || slices.Contains(m.Portraits, p.Ref.Slug) {
			continue
		}
		out = append(out, sideItem{Label: p.Title, URL: string(p.Ref.Slug)})
	}
	return out
}
