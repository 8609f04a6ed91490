package web

import (
	"errors"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/microcosm-cc/bluemonday"

	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// markOnly lets through the engine's <mark> highlights and nothing else: the engine escapes
// fragments already; this keeps that promise checked at the last moment.
var markOnly = bluemonday.NewPolicy().AllowElements("mark")

// searchPageSize is how many hits one results page shows.
const searchPageSize = 20

type searchHit struct {
	Title, URL, KindLabel, Team, Status string
	Fragments                           []template.HTML
}

type facetLink struct {
	Label, URL string
	Count      int
	Active     bool
}

type facetGroup struct {
	Name  string
	Links []facetLink
}

type searchView struct {
	Base
	Total        uint64
	Hits         []searchHit
	Facets       []facetGroup
	Problem      string // a malformed question, in Dutch
	SortDate     bool
	RelevanceURL string
	DateURL      string
	NextURL      string
	PrevURL      string
}

// facetNames pairs the engine's facet names with the query parameter and Dutch heading.
var facetNames = []struct{ facet, param, label string }{
	{"kind", "soort", "Soort"}, {"step", "stap", "Stap"}, {"theme", "thema", "Thema"},
	{"team", "team", "Team"}, {"status", "status", "Status"},
}

var stepLabels = map[string]string{"wat": "Wat is er aan de hand?", "waar": "Waar gaat dat over?",
	"hoe": "Hoe gaan we daar mee om?", "organiseren": "Hoe organiseren we dat?"}

// searchPage is the search page: one box, filters as links, fragments with the words marked.
// It works without JavaScript; filters and sorting are plain links that keep the question.
func (s *Server) searchPage(o *overviews) fiber.Handler {
	return func(c *fiber.Ctx) error {
		s := s.as(c)
		v := searchView{Base: s.base(c, "Zoeken")}
		// The box posts its question and comes back with a handle (?vraag=); ?q= still works
		// for links from before, but every link this page makes carries the handle.
		handle := c.Query("vraag")
		q := strings.TrimSpace(c.Query("q"))
		if handle != "" {
			var ok bool
			if q, ok = s.searches.get(ownerOf(c), handle); !ok {
				v.Notice = "Deze zoekvraag is verlopen of hoort bij iemand anders. Typ hem opnieuw."
				return s.render(c, "search", v)
			}
		} else if q != "" {
			handle = s.searches.put(ownerOf(c), q)
		}
		v.Query = q
		if q == "" {
			return s.render(c, "search", v)
		}
		from, _ := strconv.Atoi(c.Query("vanaf"))
		from = max(0, from)
		query := search.Query{Text: q, From: from, Size: searchPageSize, Sort: sortParam(c.Query("sorteer")),
			Kinds: queryList(c, "soort"), Themes: queryList(c, "thema"), Teams: queryList(c, "team"),
			Statuses: queryList(c, "status"), Steps: queryList(c, "stap")}
		res, err := s.find(c, o, query)
		var qe *search.QueryError
		if errors.As(err, &qe) {
			v.Problem = qe.Message
			return s.render(c.Status(fiber.StatusBadRequest), "search", v)
		}
		if err != nil {
			return err
		}
		params := url.Values{}
		for key, vals := range map[string][]string{"vraag": {handle}, "soort": query.Kinds, "thema": query.Themes,
			"team": query.Teams, "status": query.Statuses, "stap": query.Steps} {
			for _, val := range vals {
				params.Add(key, val)
			}
		}
		if query.Sort == "date" {
			params.Set("sorteer", "datum")
			v.SortDate = true
		}
		link := func(change func(url.Values)) string {
			p := url.Values{}
			for k, vs := range params {
				p[k] = append([]string(nil), vs...)
			}
			change(p)
			return "/zoeken?" + p.Encode()
		}
		v.Total = res.Total
		for _, h := range res.Hits {
			hit := searchHit{Title: h.Title, URL: wiki.Ref{Kind: h.Kind, Slug: h.Slug}.URL(), KindLabel: h.Kind.Label(),
				Team: h.Team, Status: h.Status}
			for _, f := range h.Fragments {
				hit.Fragments = append(hit.Fragments, template.HTML(markOnly.Sanitize(f))) //nolint:gosec // sanitised just now
			}
			v.Hits = append(v.Hits, hit)
		}
		for _, f := range facetNames {
			g := facetGroup{Name: f.label}
			for _, fc := range res.Facets[f.facet] {
				active := false
				for _, cur := range params[f.param] {
					active = active || cur == fc.Value
				}
				label := fc.Value
				if k, ok := wiki.ParseKind(fc.Value); ok && f.facet == "kind" {
					label = k.Label()
				} else if l, ok := stepLabels[fc.Value]; ok && f.facet == "step" {
					label = l
				}
				g.Links = append(g.Links, facetLink{Label: label, Count: fc.Count, Active: active,
					URL: link(func(p url.Values) {
						p.Del("vanaf")
						if active {
							p.Del(f.param)
						} else {
							p.Add(f.param, fc.Value)
						}
					})})
			}
			if len(g.Links) > 0 {
				v.Facets = append(v.Facets, g)
			}
		}
		v.RelevanceURL = link(func(p url.Values) { p.Del("sorteer"); p.Del("vanaf") })
		v.DateURL = link(func(p url.Values) { p.Set("sorteer", "datum"); p.Del("vanaf") })
		if uint64(from+searchPageSize) < res.Total {
			v.NextURL = link(func(p url.Values) { p.Set("vanaf", strconv.Itoa(from+searchPageSize)) })
		}
		if from > 0 {
			v.PrevURL = link(func(p url.Values) { p.Set("vanaf", strconv.Itoa(max(0, from-searchPageSize))) })
		}
		return s.render(c, "search", v)
	}
}
