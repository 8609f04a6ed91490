package web

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/store"
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
	team        wiki.Slug // whose casussen these are: only its members see them
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

	author store.Author // as in the commit; Author is its display name today
	refs   []wiki.Ref   // every page the commit changed, for homeRecent to choose from
}

type homeView struct {
	Base
	Teams  []homeTeam
	Recent []homeChange
	Groups []homeGroup
	// Writer says whether the reader may start pages in a team (a lezer gets no buttons).
	Writer bool
}

// home is where a team starts: the open casussen and the step each is in, what changed
// lately, and the theme library. Everything comes from the overview of the current commit,
// so the page does not read git per page.
func (s *Server) home(o *overviews) fiber.Handler {
	return func(c *fiber.Ctx) error {
		s := s.as(c)
		ov, err := o.get()
		if err != nil {
			return err
		}
		recent, err := ov.recent()
		if err != nil {
			o.forget(ov)
			return err
		}
		var teams []homeTeam // only the teams whose casussen the reader may read
		for _, t := range ov.cases() {
			if s.rd.may(access.Read, access.Page(wiki.Ref{Kind: wiki.Case}, t.team, "")) {
				teams = append(teams, t)
			}
		}
		key := fmt.Sprint(access.ReadScope(s.rd.who))
		seen, ok := ov.seen.Load(key)
		if !ok {
			seen, _ = ov.seen.LoadOrStore(key, s.homeRecent(recent))
		}
		shown := slices.Clone(seen.([]homeChange))
		for i := range shown {
			shown[i].Author = s.authorName(shown[i].author) // today's display name
		}
		return s.render(c, "home", homeView{Base: s.base(c, "Start"), Teams: teams, Recent: shown,
			Groups: ov.themes(), Writer: s.rd.who.Has(access.Schrijver) && len(s.rd.who.Teams) > 0})
	}
}

// homeRecent is the recent changes as the reader may see them: only pages they may read, a
// commit only when it changed one of those, and counts of those alone. Author is left for the
// request to fill in.
func (s *Server) homeRecent(all []homeChange) []homeChange {
	var out []homeChange
	for _, ch := range all {
		v := homeChange{author: ch.author, When: ch.When}
		for _, ref := range ch.refs {
			pg := homePage{Title: string(ref.Slug), Kind: ref.Kind}
			if info, ok := s.links.Page(ref); ok {
				if !s.rd.mayRead(info) {
					continue
				}
				pg.Title, pg.URL = info.Title, ref.URL()
			} else if !s.canRead(ref) { // gone: its history says whose it was
				continue
			}
			if len(v.Pages) == maxRecentPages {
				v.More++
				continue
			}
			v.Pages = append(v.Pages, pg)
		}
		if len(v.Pages) > 0 {
			out = append(out, v)
		}
	}
	return out
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
