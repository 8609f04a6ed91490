package web

import (
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/board"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
	"github.com/leefwereld/leefwereld/portraits"
)

// caseView is a casus page: the board of the four steps on top, the casus text below.
type caseView struct {
	pageView
	Board board.Board
	// BoardCSRF is the CSRF token when the reader may change the board, so the board carries
	// its change forms; "" for a lezer, who gets the board alone.
	BoardCSRF string
	// InzageURL and EraseURL are for a beheerder: the inzage download and the erasure.
	InzageURL, EraseURL string
}

// caseShow answers GET /cases/:slug for a casus whose front matter is valid: pageShow has
// filled in the text, sidebar and backlinks; this adds the board. The board shows the
// method's hints in the column they are about, so the list of tips above the text goes.
func (s *Server) caseShow(c *fiber.Ctx, v pageView, casus *wiki.Page) error {
	b, err := s.caseBoard(casus)
	if err != nil {
		return err
	}
	v.Tips = nil
	cv := caseView{pageView: v, Board: b}
	if v.EditURL != "" {
		cv.BoardCSRF = v.CSRF
	}
	if s.rd.may(access.Manage, resourceOf(casus.Ref, casus.Meta)) {
		cv.InzageURL, cv.EraseURL = casus.Ref.URL()+"/inzage", casus.Ref.URL()+"/wissen"
	}
	return s.render(c, "case", cv)
}

// caseBoard builds the board of a casus from the pages it names, read from the store at
// HEAD. The link index answers which pages exist, so a missing page costs no read.
func (s *Server) caseBoard(casus *wiki.Page) (board.Board, error) {
	var readErr error
	b := board.Build(casus, func(r wiki.Ref) (*wiki.Page, bool) {
		if !s.visible(r) { // a page the reader may not read shows as one that is not written yet
			return nil, false
		}
		f, err := s.ws.Store.Read(r.Path(), "")
		if errors.Is(err, store.ErrNotFound) {
			return nil, false // deleted since the index last looked
		}
		if err != nil {
			if readErr == nil {
				readErr = fmt.Errorf("web: board of %s: read %s: %w", casus.Ref, r, err)
			}
			return nil, true
		}
		page, _ := workspace.Parse(r.Path(), f.Content)
		return page, true
	})
	return b, readErr
}

// subjectLabel says whose lifeworld a portrait shows, for the board ("een jongere").
func subjectLabel(s portraits.Subject) string {
	if l, ok := subjectLabels[s]; ok {
		return l
	}
	return string(s)
}

// boardPanel is the board as the template "board" draws it. With a CSRF token it carries the
// team's ways to change it (links to the change forms, small status forms on the cards); the
// print view passes none and gets the board alone.
type boardPanel struct {
	board.Board
	CSRF string
}

func boardPanelOf(b board.Board, csrf string) boardPanel { return boardPanel{Board: b, CSRF: csrf} }
