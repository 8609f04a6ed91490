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
	Groups []themeGroup
	Total  int
}

// themesList answers GET /themes: the shared library, in the method's groups.
func (s *Server) themesList(c *fiber.Ctx) error {
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
			Cases: s.links.Count(p.Ref, wiki.Case), Frames: s.links.Count(p.Ref, wiki.Frame)})
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
	return s.render(c, "themes_list", themesView{Base: s.base(c, "Betekenisthema's"), Groups: groups, Total: len(all)})
}
