package web

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Limits of GET /api/titles: what someone types in a picker is a few letters of a title.
const (
	maxTitleQueryLen  = 100
	defaultTitleLimit = 10
	maxTitleLimit     = 50
)

// apiTitles is the JSON of GET /api/titles.
type apiTitles struct {
	Query   string     `json:"query"`
	Results []apiTitle `json:"results"`
}

type apiTitle struct {
	Kind  wiki.Kind `json:"kind"`
	Slug  wiki.Slug `json:"slug"`
	Title string    `json:"title"`
	URL   string    `json:"url"`
}

// apiTitles answers GET /api/titles?q=scha&kind=theme&limit=10: search-as-you-type for the
// title pickers (static/app.js). Every word typed must start a word of the title ("sam gr"
// finds "Sam (groep 7)"), ignoring capitals and accents; titles that start with the whole
// text come first, then by title. kind may be given more than once; none means every kind.
// An empty q is an empty list, not an error: the picker asks while someone types.
func (s *Server) apiTitles(o *overviews) fiber.Handler {
	return func(c *fiber.Ctx) error {
		s := s.as(c)
		q := strings.TrimSpace(c.Query("q"))
		switch {
		case !utf8.ValidString(q):
			return badRequest("bad-query", "Je zoekvraag bevat tekens die we niet kunnen lezen.", nil)
		case utf8.RuneCountInString(q) > maxTitleQueryLen:
			return badRequest("long-query", fmt.Sprintf("Dat is te lang voor een titel: hoogstens %d tekens.", maxTitleQueryLen), nil)
		}
		var kinds []string
		for _, k := range queryList(c, "kind") {
			kind, ok := wiki.ParseKind(k)
			if !ok {
				return badRequest("bad-kind", fmt.Sprintf("De soort %q kennen we niet. Gebruik theme, portrait, frame, case of team.", k), nil)
			}
			kinds = append(kinds, string(kind))
		}
		limit, err := limitParam(c, defaultTitleLimit)
		if err != nil {
			return err
		}
		out := apiTitles{Query: q, Results: []apiTitle{}}
		if q == "" {
			return c.JSON(out)
		}
		hits, err := s.titles(c, o, q, kinds, limit)
		if err != nil {
			return err
		}
		for _, h := range hits {
			out.Results = append(out.Results, apiTitle{Kind: h.Kind, Slug: h.Slug, Title: h.Title,
				URL: wiki.Ref{Kind: h.Kind, Slug: h.Slug}.URL()})
		}
		return c.JSON(out)
	}
}

// titles looks titles up in the index's non-stemmed title field; without an index, in the
// overview's titles (containing the text rather than words starting with it).
func (s *Server) titles(c *fiber.Ctx, o *overviews, q string, kinds []string, limit int) ([]search.Hit, error) {
	idx, err := s.synced(c)
	if err != nil {
		return nil, err
	}
	if idx == nil {
		res, err := s.titleSearch(o, search.Query{Text: q, Kinds: kinds, Size: limit})
		if err != nil {
			return nil, err
		}
		return res.Hits, nil
	}
	return idx.Titles(c.UserContext(), q, kinds, s.visibility(c), limit)
}

// limitParam reads ?limit= (1 to maxTitleLimit); def when it is absent.
func limitParam(c *fiber.Ctx, def int) (int, error) {
	v := c.Query("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxTitleLimit {
		return 0, badRequest("bad-limit", fmt.Sprintf("limit moet een getal van 1 tot en met %d zijn.", maxTitleLimit), err)
	}
	return n, nil
}
