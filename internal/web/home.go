package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
	"github.com/leefwereld/leefwereld/themes"
)

type homeTheme struct{ Title, URL string }

type homeGroup struct {
	Slug, Label string
	Themes      []homeTheme
}

type homeView struct {
	Base
	Groups []homeGroup
}

// home shows the theme library grouped as the method groups it.
func (s *Server) home(c *fiber.Ctx) error {
	byGroup := map[string][]homeTheme{}
	err := s.ws.Store.Walk("", func(e store.Entry) error {
		r, err := wiki.RefFromPath(e.Path)
		if err != nil || r.Kind != wiki.Theme {
			return nil
		}
		data, err := s.ws.Store.ReadBlob(e.Blob)
		if err != nil {
			return err
		}
		if p, _ := workspace.Parse(e.Path, data); p != nil {
			g := string(p.Meta.(*themes.Meta).Group)
			byGroup[g] = append(byGroup[g], homeTheme{p.Title(), r.URL()})
		}
		return nil
	})
	if err != nil {
		return err
	}
	var groups []homeGroup
	for _, g := range append(themes.Groups, "") {
		if len(byGroup[g]) > 0 {
			label := themes.GroupLabels[g]
			if g == "" {
				g, label = "overig", "Overige thema's"
			}
			groups = append(groups, homeGroup{g, label, byGroup[g]})
		}
	}
	return s.render(c, "home", homeView{Base: s.base(c, "Start"), Groups: groups})
}
