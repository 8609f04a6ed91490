package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
	"github.com/leefwereld/leefwereld/teams"
)

// overviewRows is how many portraits one page of the overview shows. The columns and their
// totals always count every portrait of the team; only the rows are paged, so a team with
// thousands of portraits still gets a page the browser can draw and a printer can print.
const overviewRows = 200

// overviewView is the table of a team's portraits against the themes they name.
type overviewView struct {
	Base
	Team      wiki.Ref
	TeamTitle string
	Columns   []overviewColumn
	Rows      []overviewRow
	Total     int
	Portraits int // all portraits of the team, on every page
	From, To  int // the rows on this page, counted from 1
	Prev      string
	Next      string
	CanCreate bool // the reader may write a portrait (the empty overview invites to)
}

type overviewColumn struct {
	teams.OverviewColumn
	URL    string
	Exists bool
}

type overviewRow struct {
	Title, URL string
	Cells      []overviewCell
	Total      int
}

// overviewCell is one count, with a step (0 to 3) for its shade: the number stays the fact,
// the shade only helps the eye.
type overviewCell struct {
	N, Step int
}

// teamOverview answers GET /teams/:slug/overzicht.
func (s *Server) teamOverview(c *fiber.Ctx) error {
	s = s.as(c)
	slug, err := wiki.ParseSlug(c.Params("slug"))
	if err != nil {
		return &Error{Status: fiber.StatusNotFound, Code: "not-found", Message: "Dit adres klopt niet: " + err.Error(), Err: err}
	}
	ref := wiki.Ref{Kind: wiki.Team, Slug: slug}
	s.syncLinks()
	if !s.visible(ref) { // another team's overview answers as a team that does not exist
		return s.pageMissing(c, ref)
	}
	ov := teams.NewOverview(s.teamPortraits(slug), s.links.Title)
	v := overviewView{Team: ref, TeamTitle: s.links.Title(ref), Total: ov.Total, Portraits: len(ov.Rows),
		CanCreate: s.canCreate(c, wiki.Portrait)}
	for _, col := range ov.Columns {
		v.Columns = append(v.Columns, overviewColumn{OverviewColumn: col, URL: col.Theme.URL(), Exists: s.links.Exists(col.Theme)})
	}
	page := max(1, atoiOr(c.Query("pagina"), 1))
	pages := max(1, (len(ov.Rows)+overviewRows-1)/overviewRows)
	page = min(page, pages)
	first := (page - 1) * overviewRows
	rows := ov.Rows[first:min(len(ov.Rows), first+overviewRows)]
	v.From, v.To = first+1, first+len(rows)
	if page > 1 {
		v.Prev = ref.URL() + "/overzicht?pagina=" + strconv.Itoa(page-1)
	}
	if page < pages {
		v.Next = ref.URL() + "/overzicht?pagina=" + strconv.Itoa(page+1)
	}
	for _, r := range rows {
		row := overviewRow{Title: r.Title, URL: r.Portrait.URL(), Total: r.Total}
		for _, n := range r.Cells {
			row.Cells = append(row.Cells, overviewCell{N: n, Step: min(n, 3)})
		}
		v.Rows = append(v.Rows, row)
	}
	v.Base = s.base(c, "Overzicht van "+v.TeamTitle)
	return s.render(c, "team_overview", v)
}

// teamPortraits lists a team's portraits, sorted by title, each with the pages it links to.
func (s *Server) teamPortraits(team wiki.Slug) []teams.PortraitLinks {
	var out []teams.PortraitLinks
	for _, p := range s.links.Pages(wiki.Portrait) {
		if m, ok := p.Meta.(*portraits.Meta); ok && m.Team == team {
			out = append(out, teams.PortraitLinks{Ref: p.Ref, Title: p.Title, Links: s.links.Outlinks(p.Ref)})
		}
	}
	return out
}

// atoiOr reads a number from a query; anything else gives def.
func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}
