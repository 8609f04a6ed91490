package web

import (
	"bytes"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
	"github.com/leefwereld/leefwereld/themes"
)

type homeGroup struct {
	Slug, Label string
	Themes      []string
}

// home shows the theme library grouped as the method groups it.
func (s *Server) home(c *fiber.Ctx) error {
	byGroup := map[string][]string{}
	pages := 0
	err := s.ws.Store.Walk("", func(e store.Entry) error {
		r, err := wiki.RefFromPath(e.Path)
		if err != nil {
			return nil
		}
		pages++
		if r.Kind != wiki.Theme {
			return nil
		}
		data, err := s.ws.Store.ReadBlob(e.Blob)
		if err != nil {
			return err
		}
		if p, _ := workspace.Parse(e.Path, data); p != nil {
			m := p.Meta.(*themes.Meta)
			byGroup[string(m.Group)] = append(byGroup[string(m.Group)], p.Title())
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
	var buf bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&buf, "home.html", map[string]any{"Pages": pages, "Groups": groups}); err != nil {
		return err
	}
	c.Type("html", "utf-8")
	return c.Send(buf.Bytes())
}
