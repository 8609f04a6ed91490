package web

import (
	"cmp"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
	"github.com/leefwereld/leefwereld/teams"
	"github.com/leefwereld/leefwereld/themes"
)

// overviews hands out what the home page and the title search derive from every page: the
// open casussen with their step, the theme library, the recent changes and the folded titles.
// One overview belongs to one HEAD commit and is computed, piece by piece and only when
// asked, once per commit, so a home page on 10,000 pages costs one ref read while nobody
// saves. Safe for concurrent use: an overview is never changed after it is published.
type overviews struct {
	s   *Server
	cur atomic.Pointer[overview]
}

// overview is the home page's data at one commit. Each part is computed at most once.
type overview struct {
	head   string
	cases  func() []homeTeam
	themes func() []homeGroup
	titles func() []titleEntry
	recent func() ([]homeChange, error)
	// seen holds the recent changes as each read scope sees them (access.ReadScope, as a key):
	// an import touches thousands of pages, and everyone in the same teams sees the same.
	seen sync.Map
}

func newOverviews(s *Server) *overviews { return &overviews{s: s} }

// get returns the overview of the current head, after bringing the link index up to it.
func (o *overviews) get() (*overview, error) {
	if err := o.s.links.Sync(); err != nil {
		return nil, fmt.Errorf("web: overview: %w", err)
	}
	head := o.s.links.Head()
	for {
		cur := o.cur.Load()
		if cur != nil && cur.head == head {
			return cur, nil
		}
		next := o.s.newOverview(head)
		if o.cur.CompareAndSwap(cur, next) {
			return next, nil
		}
	}
}

// forget drops an overview whose part failed, so the next request tries again.
func (o *overviews) forget(ov *overview) { o.cur.CompareAndSwap(ov, nil) }

func (s *Server) newOverview(head string) *overview {
	return &overview{
		head:   head,
		cases:  sync.OnceValue(s.openCases),
		themes: sync.OnceValue(s.themeGroups),
		titles: sync.OnceValue(s.allTitles),
		recent: sync.OnceValues(s.recentChanges),
	}
}

// The four steps of a casus, in the words the UI uses everywhere.
var caseSteps = [...]string{"Wat is er aan de hand?", "Waar gaat dat over?", "Hoe gaan we daar mee om?",
	"Hoe organiseren we dat?"}

// caseStep derives from the front matter which step a casus is in (1 to 4): no portraits
// yet is step 1 (wat), fewer than the method's handful of themes step 2 (waar), no frame
// step 3 (hoe), and from then on the team organises actions (step 4).
func caseStep(m *cases.Meta) int {
	switch {
	case len(m.Portraits) == 0:
		return 1
	case len(m.Themes) < cases.MinThemes:
		return 2
	case len(m.Frames) == 0:
		return 3
	}
	return 4
}

// maxCasesPerTeam keeps the home page short for a team with very many casussen; the team page
// lists them all.
const maxCasesPerTeam = 25

// openCases lists the open casussen grouped by team, teams by title, casussen by title.
func (s *Server) openCases() []homeTeam {
	byTeam := map[wiki.Slug]*homeTeam{}
	var order []*homeTeam
	for _, p := range s.links.Pages(wiki.Case) {
		m, ok := p.Meta.(*cases.Meta)
		if !ok || (m.Status != "" && m.Status != "open") {
			continue
		}
		t := byTeam[m.Team]
		if t == nil {
			t = &homeTeam{Title: "Zonder team", team: m.Team}
			if m.Team != "" {
				ref := wiki.Ref{Kind: wiki.Team, Slug: m.Team}
				t.Title, t.URL = s.links.Title(ref), ref.URL()
			}
			byTeam[m.Team] = t
			order = append(order, t)
		}
		t.Total++
		if len(t.Cases) < maxCasesPerTeam {
			step := caseStep(m)
			t.Cases = append(t.Cases, homeCase{Title: p.Title, URL: p.Ref.URL(), Step: step, Question: caseSteps[step-1]})
		}
	}
	out := make([]homeTeam, 0, len(order))
	for _, t := range order {
		t.More = t.Total - len(t.Cases)
		out = append(out, *t)
	}
	sortTeams(out)
	return out
}

// themeGroups is the theme library in the method's groups; themes without a group come last.
func (s *Server) themeGroups() []homeGroup {
	byGroup := map[string][]homeTheme{}
	for _, p := range s.links.Pages(wiki.Theme) {
		g := ""
		if m, ok := p.Meta.(*themes.Meta); ok {
			g = string(m.Group)
		}
		if _, known := themes.GroupLabels[g]; !known {
			g = ""
		}
		byGroup[g] = append(byGroup[g], homeTheme{p.Title, p.Ref.URL()})
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
	return groups
}

// titleEntry is one page for the title search: its title folded once per commit, and the
// team and status a search hit shows (with the kinds' defaults, as the search index has them).
type titleEntry struct {
	ref           wiki.Ref
	title, folded string
	team, status  string
	res           access.Resource // who may find it
}

// allTitles lists every page, kind by kind in the order of wiki.Kinds, each sorted by title.
func (s *Server) allTitles() []titleEntry {
	var out []titleEntry
	for _, k := range wiki.Kinds {
		for _, p := range s.links.Pages(k) {
			e := titleEntry{ref: p.Ref, title: p.Title, folded: fold(p.Title), res: resourceOf(p.Ref, p.Meta)}
			switch m := p.Meta.(type) {
			case *portraits.Meta:
				e.team, e.status = string(m.Team), cmp.Or(string(m.Status), "concept")
			case *frames.Meta:
				e.team, e.status = string(m.Team), cmp.Or(string(m.Status), "voorgesteld")
			case *cases.Meta:
				e.team, e.status = string(m.Team), cmp.Or(string(m.Status), "open")
			case *teams.Meta:
				e.team = string(p.Ref.Slug)
			}
			out = append(out, e)
		}
	}
	return out
}

// recentCommits is how many commits the home page looks back; maxRecentPages how many pages
// of one commit it names (an import changes thousands).
const (
	recentCommits  = 10
	maxRecentPages = 5
)

// recentChanges lists the pages the last commits changed, newest first, with who and when.
// It holds every page of every commit; homeRecent picks, per request, what the reader may see.
func (s *Server) recentChanges() ([]homeChange, error) {
	log, err := s.ws.Store.Log(recentCommits)
	if err != nil {
		return nil, fmt.Errorf("web: recent changes: %w", err)
	}
	var out []homeChange
	for _, c := range log {
		paths, err := s.ws.Store.Changed(c.Hash)
		if err != nil {
			return nil, fmt.Errorf("web: recent changes: %w", err)
		}
		ch := homeChange{author: c.Author, When: c.Author.When}
		for _, p := range paths {
			ref, err := wiki.RefFromPath(p)
			if err != nil || ref.Path() != p {
				continue // attachments and other files
			}
			ch.refs = append(ch.refs, ref)
		}
		if len(ch.refs) > 0 {
			out = append(out, ch)
		}
	}
	return out, nil
}
