package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/themes"
)

// themeItem is one theme in the library list, with how much the teams use it.
type themeItem struct {
	URL, Title string
	Synonyms   string
	Cases      int // casussen that chose it
	Frames     int // frames that rest on it
}

type themeGroup struct {
	Slug, Label string
	Themes      []themeItem
}

type themesView struct {
	Base
	Groups    []themeGroup
	Total     int
	CanCreate bool // the reader may make a new theme (not a lezer)
}

// themesList answers GET /themes: the shared library, in the method's groups.
func (s *Server) themesList(c *fiber.Ctx) error {
	s = s.as(c)
	s.syncLinks()
	byGroup := map[string][]themeItem{}
	all := s.links.Pages(wiki.Theme)
	for _, p := range all {
		g := ""
		var syn []string
		if m, ok := p.Meta.(*themes.Meta); ok {
			g, syn = string(m.Group), m.Synonyms
		}
		if _, known := themes.GroupLabels[g]; !known {
			g = ""
		}
		byGroup[g] = append(byGroup[g], themeItem{URL: p.Ref.URL(), Title: p.Title, Synonyms: strings.Join(syn, ", "),
			Cases: s.countVisible(p.Ref, wiki.Case), Frames: s.countVisible(p.Ref, wiki.Frame)})
	}
	var groups []themeGroup
	for _, g := range append(append([]string(nil), themes.Groups...), "") {
		if len(byGroup[g]) == 0 {
			continue
		}
		slug, label := g, themes.GroupLabels[g]
		if g == "" {
			slug, label = "overig", "Nog zonder groep"
		}
		groups = append(groups, themeGroup{Slug: slug, Label: label, Themes: byGroup[g]})
	}
	return s.render(c, "themes_list", themesView{Base: s.base(c, "Betekenisthema's"), Groups: groups, Total: len(all),
		CanCreate: s.canCreate(c, wiki.Theme)})
}

// countVisible counts the pages of kind from that link to ref and that the reader may read:
// how often another team used a theme is theirs to know.
func (s *Server) countVisible(ref wiki.Ref, from wiki.Kind) int {
	n := 0
	var last wiki.Ref
	for _, b := range s.links.Backlinks(ref) {
		if b.From.Kind != from || b.From == last {
			continue
		}
		last = b.From
		if s.visible(b.From) {
			n++
		}
	}
	return n
}
