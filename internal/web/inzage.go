package web

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/inzage"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// viewInzage is what the inzage log says when files went into a downloaded inzage bundle.
const viewInzage = "in een inzage gedownload"

// manageCase checks that the request may manage the casus in the address (export, erase):
// a beheerder, also outside the casus's team. Someone who may read the casus hears that only
// a beheerder can; for anyone else the casus answers as one that does not exist.
func (s *Server) manageCase(c *fiber.Ctx, only string) (wiki.Ref, error) {
	slug, err := wiki.ParseSlug(c.Params("slug"))
	if err != nil {
		return wiki.Ref{}, errNoPage
	}
	ref := wiki.Ref{Kind: wiki.Case, Slug: slug}
	s.syncLinks()
	res, ok := s.pageResource(ref)
	if !ok {
		return ref, errNoPage
	}
	if !s.rd.may(access.Manage, res) {
		if s.rd.may(access.Read, res) {
			return ref, &Error{Status: fiber.StatusForbidden, Code: "forbidden", Message: only}
		}
		return ref, errNoPage
	}
	return ref, nil
}

// inzageLog is the inzage log as the bundle reads it. Making a bundle is itself a read to
// account for: before it returns the log, it records one line for every file the bundle
// holds (who downloaded it, when; never any text), so the bundle shows its own making, and so
// do the beheerder's log and the next bundle. Names are the accounts' display names.
type inzageLog struct {
	s   *Server
	who string // the account id of who downloads
}

func (l inzageLog) Views(paths []string) ([]inzage.View, error) {
	if err := l.s.accounts.RecordViews(l.who, paths, viewInzage); err != nil {
		return nil, err
	}
	views, err := l.s.accounts.Views(paths)
	if err != nil {
		return nil, err
	}
	name := l.s.viewerNames()
	out := make([]inzage.View, 0, len(views))
	for _, v := range views {
		out = append(out, inzage.View{At: v.At, Who: name(v.Who), Path: v.Path, What: v.What})
	}
	return out, nil
}

// inzageDownload answers GET /cases/:slug/inzage: the inzage bundle of the casus as a zip
// (internal/inzage), for a beheerder to hand to a parent. The download is in the inzage log.
func (s *Server) inzageDownload(c *fiber.Ctx) error {
	s = s.as(c)
	ref, err := s.manageCase(c, "Alleen een beheerder kan een inzage downloaden. Vraag het aan een beheerder van de school.")
	if err != nil {
		return err
	}
	acc, _ := accountOf(c)
	at := s.now()
	b, err := inzage.Collect(s.ws.Store, inzage.Options{Casus: ref.Slug, By: acc.Display, At: at,
		Views: inzageLog{s: s, who: acc.ID}, Name: s.authorName})
	if errors.Is(err, inzage.ErrNotFound) {
		return &Error{Status: fiber.StatusNotFound, Code: "not-found",
			Message: "Van deze casus is geen inzage te maken: hij staat niet (meer) in de werkplek.", Err: err}
	}
	if err != nil {
		return fmt.Errorf("web: inzage: %w", err)
	}
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		return fmt.Errorf("web: inzage: %w", err)
	}
	c.Set(fiber.HeaderContentType, "application/zip")
	c.Set(fiber.HeaderContentDisposition, contentDisposition("attachment", inzage.FileName(ref.Slug, at)))
	return c.Send(buf.Bytes())
}
