package web

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

type homeTheme struct{ Title, URL string }

type homeGroup struct {
	Slug, Label string
	Themes      []homeTheme
}

// homeCase is one open casus and the step the team is in.
type homeCase struct {
	Title, URL string
	Step       int    // 1 wat, 2 waar, 3 hoe, 4 organiseren
	Question   string // the step's question
}

// homeTeam is a team with its open casussen; More counts those left off the home page.
type homeTeam struct {
	Title, URL  string // URL is "" for casussen without a team
	Cases       []homeCase
	Total, More int
}

// homePage is a page named in a recent change; URL is "" when it is gone.
type homePage struct {
	Title string
	Kind  wiki.Kind
	URL   string
}

// homeChange is one recent commit: who changed which pages, and when.
type homeChange struct {
	Author string
	When   time.Time
	Pages  []homePage
	More   int // pages of this commit not named
}

type homeView struct {
	Base
	Teams  []homeTeam
	Recent []homeChange
	Groups []homeGroup
}

// home is where a team starts: the open casussen and the step each is in, what changed
// lately, and the theme library. Everything comes from the overview of the current commit,
// so the page does not read git per page.
func (s *Server) home(o *overviews) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ov, err := o.get()
		if err != nil {
			return err
		}
		recent, err := ov.recent()
		if err != nil {
			o.forget(ov)
			return err
		}
		return s.render(c, "home", homeView{Base: s.base(c, "Start"), Teams: ov.cases(), Recent: recent,
			Groups: ov.themes()})
	}
}

// sortTeams orders teams by title; casussen without a team come last.
func sortTeams(ts []homeTeam) {
	slices.SortStableFunc(ts, func(a, b homeTeam) int {
		if (a.URL == "") != (b.URL == "") {
			if a.URL == "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title))
	})
}
