package web

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/internal/purge"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// retentionView is the beheerder's list of what `leefwereld retention` lists: the casussen
// whose retention has passed, each with its export and then its erasure, and apart the closed
// casussen without a date to count from.
type retentionView struct {
	Base
	Today     string
	Due       []retentionRow
	Undecided []retentionRow
	Error     string // the retention could not be worked out (a broken leefwereld.yaml)
}

type retentionRow struct {
	Ref   wiki.Ref
	Label string // the title for a beheerder who may read the casus, else its slug
	Team  string
	Until string // the last day it may be kept
	Why   string // where that day comes from, or why there is none (undecided)
	// Exported says when this session downloaded the casus's inzage bundle: the erasure
	// asks for that first.
	Exported   bool
	ExportedAt time.Time
	InzageURL  string
	EraseURL   string
}

// retentionNotices are the messages after an erasure; the query holds only the key.
var retentionNotices = map[string]string{
	"1":   "De casus is gewist, uit de werkplek en uit de hele geschiedenis. In de geschiedenis staat alleen dat er iets is gewist, door wie en wanneer.",
	"log": "De casus is gewist, uit de werkplek en uit de hele geschiedenis. Het inzagelog kon daarna niet worden opgeschoond: vraag de beheerder van de server om leefwereld purge met dezelfde casus nog eens te draaien.",
}

// retention answers GET /beheer/bewaartermijn, for beheerders.
func (s *Server) retention(c *fiber.Ctx) error {
	if err := mayManage(c); err != nil {
		return err
	}
	s = s.as(c)
	s.syncLinks()
	now := s.now()
	v := retentionView{Base: s.base(c, "Bewaartermijn"), Today: wiki.DutchDay(now)}
	v.Notice = retentionNotices[c.Query("gewist")]
	due, undecided, err := purge.RetentionWith(s.ws.Store, now)
	if err != nil {
		v.Error = fmt.Sprintf("De bewaartermijnen konden niet worden bepaald, want het instellingenbestand leefwereld.yaml heeft een fout. Verbeter dat eerst. (%v)", err)
		return s.render(c.Status(fiber.StatusInternalServerError), "retention", v)
	}
	for _, d := range due {
		r := s.retentionRow(d.Slug)
		r.Until = wiki.DutchDay(d.Until)
		if d.From == "closed" {
			r.Why = fmt.Sprintf("afgerond op %s; de werkplek bewaart een casus %d jaar na het afronden", wiki.DutchDay(d.Closed), d.Years)
		} else {
			r.Why = "de casus zegt zelf tot wanneer (keep-until)"
		}
		if r.ExportedAt, r.Exported, err = s.exported(c, r.Ref); err != nil {
			return err
		}
		v.Due = append(v.Due, r)
	}
	for _, u := range undecided {
		r := s.retentionRow(u.Slug)
		r.Why = u.Why
		v.Undecided = append(v.Undecided, r)
	}
	return s.render(c, "retention", v)
}

// retentionRow describes one casus: by title and team when the beheerder may read it,
// otherwise by its slug only (a beheerder outside the team manages, but does not read).
func (s *Server) retentionRow(slug wiki.Slug) retentionRow {
	ref := wiki.Ref{Kind: wiki.Case, Slug: slug}
	r := retentionRow{Ref: ref, Label: string(slug), InzageURL: ref.URL() + "/inzage", EraseURL: ref.URL() + "/wissen"}
	if info, ok := s.links.Page(ref); ok {
		if m, ok := info.Meta.(*cases.Meta); ok {
			r.Team = string(m.Team)
		}
		if s.rd.mayRead(info) {
			r.Label = s.links.Title(ref)
		}
	}
	return r
}
