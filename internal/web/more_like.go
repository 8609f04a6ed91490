package web

import (
	"fmt"
	"log"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// moreLikeLimit is how many pages "Meer zoals dit" shows: a handful to read on, not a list.
const moreLikeLimit = 5

// moreLikeSection is "Meer zoals dit" on a portrait or frame (templates/_morelike.html).
type moreLikeSection struct {
	Show  bool // a portrait or frame, and the server has a search index
	Items []moreLikeItem
}

type moreLikeItem struct {
	Title, URL, KindLabel string
	Shared                []sideItem // the themes it shares with the page being read
}

// similar asks the index for the pages that share the most themes with ref, as far as the
// reader may see them (the permission clause is part of the query, as in search). nil
// without an index.
func (s *Server) similar(c *fiber.Ctx, ref wiki.Ref, n int) ([]search.Similar, error) {
	idx, err := s.synced(c)
	if err != nil || idx == nil {
		return nil, err
	}
	return idx.MoreLike(c.UserContext(), ref, s.visibility(c), n)
}

// moreLike fills the section for the page view. A failing index only hides the section: the
// page itself must still open.
func (s *Server) moreLike(c *fiber.Ctx, ref wiki.Ref) moreLikeSection {
	if s.search == nil || (ref.Kind != wiki.Portrait && ref.Kind != wiki.Frame) {
		return moreLikeSection{}
	}
	sims, err := s.similar(c, ref, moreLikeLimit)
	if err != nil {
		log.Printf("web: meer zoals dit: %s", scrub(err.Error()))
		return moreLikeSection{}
	}
	sec := moreLikeSection{Show: true}
	for _, sim := range sims {
		it := moreLikeItem{Title: sim.Title, URL: sim.Ref.URL(), KindLabel: sim.Kind.Label()}
		for _, t := range sim.Shared {
			it.Shared = append(it.Shared, s.link(wiki.Ref{Kind: wiki.Theme, Slug: wiki.Slug(t)}, ""))
		}
		sec.Items = append(sec.Items, it)
	}
	return sec
}

// apiSimilar is the JSON of GET /api/pages/:kind/:slug/similar.
type apiSimilar struct {
	Kind    wiki.Kind        `json:"kind"`
	Slug    wiki.Slug        `json:"slug"`
	Results []apiSimilarPage `json:"results"`
}

type apiSimilarPage struct {
	Kind   wiki.Kind        `json:"kind"`
	Slug   wiki.Slug        `json:"slug"`
	Title  string           `json:"title"`
	URL    string           `json:"url"`
	Shared []apiSharedTheme `json:"shared"`
}

type apiSharedTheme struct {
	Slug  wiki.Slug `json:"slug"`
	Title string    `json:"title"`
}

// apiMoreLike answers GET /api/pages/:kind/:slug/similar: "Meer zoals dit" for any page,
// at most moreLikeLimit (or ?limit=, up to 50) portraits, frames and casussen.
func (s *Server) apiMoreLike(c *fiber.Ctx) error {
	s = s.as(c)
	ref, err := apiRef(c)
	if err != nil {
		return err
	}
	limit, err := limitParam(c, moreLikeLimit)
	if err != nil {
		return err
	}
	s.syncLinks()
	if !s.visible(ref) { // another team's page answers as one that does not exist
		return fmt.Errorf("web: similar %s: %w", ref, store.ErrNotFound)
	}
	sims, err := s.similar(c, ref, limit)
	if err != nil {
		return err
	}
	out := apiSimilar{Kind: ref.Kind, Slug: ref.Slug, Results: []apiSimilarPage{}}
	for _, sim := range sims {
		p := apiSimilarPage{Kind: sim.Kind, Slug: sim.Slug, Title: sim.Title, URL: sim.Ref.URL(), Shared: []apiSharedTheme{}}
		for _, t := range sim.Shared {
			r := wiki.Ref{Kind: wiki.Theme, Slug: wiki.Slug(t)}
			p.Shared = append(p.Shared, apiSharedTheme{Slug: r.Slug, Title: s.link(r, "").Label})
		}
		out.Results = append(out.Results, p)
	}
	return c.JSON(out)
}
