package web

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// maxQueryLen is the longest search query, in characters: a question, not a document.
const maxQueryLen = 500

// searchLimit is how many hits one answer holds.
const searchLimit = 50

// apiSearchResult is the JSON of GET /api/search: the full-text engine's search.Result with
// the question and, per hit, the page's address added. Field names are those of
// internal/search, so scripts do not change when the engine takes over from the title search.
type apiSearchResult struct {
	Query  string                         `json:"query"`
	Total  uint64                         `json:"total"`
	Hits   []apiHit                       `json:"hits"`
	Facets map[string][]search.FacetCount `json:"facets"`
	Took   time.Duration                  `json:"took"` // nanoseconds
}

type apiHit struct {
	search.Hit
	URL string `json:"url"`
}

// apiSearch answers GET /api/search?q=…. It checks the question and hands it to one call,
// titleSearch, the call to replace by the engine's Search once it is wired into the Server.
func (s *Server) apiSearch(o *overviews) fiber.Handler {
	return func(c *fiber.Ctx) error {
		s := s.as(c)
		q := strings.TrimSpace(c.Query("q"))
		switch {
		case q == "":
			return badRequest("empty-query", "Typ in q een of meer woorden om naar te zoeken.", nil)
		case !utf8.ValidString(q):
			return badRequest("bad-query", "Je zoekvraag bevat tekens die we niet kunnen lezen.", nil)
		case utf8.RuneCountInString(q) > maxQueryLen:
			return badRequest("long-query", fmt.Sprintf("Je zoekvraag is te lang: hoogstens %d tekens.", maxQueryLen), nil)
		}
		res, err := s.find(c, o, search.Query{Text: q, Size: searchLimit, Kinds: queryList(c, "soort"),
			Themes: queryList(c, "thema"), Teams: queryList(c, "team"), Statuses: queryList(c, "status"),
			Steps: queryList(c, "stap"), Sort: sortParam(c.Query("sorteer"))})
		if err != nil {
			return err
		}
		out := apiSearchResult{Query: q, Total: res.Total, Hits: make([]apiHit, 0, len(res.Hits)), Facets: res.Facets,
			Took: res.Took}
		for _, h := range res.Hits {
			out.Hits = append(out.Hits, apiHit{Hit: h, URL: wiki.Ref{Kind: h.Kind, Slug: h.Slug}.URL()})
		}
		return c.JSON(out)
	}
}

// sortParam accepts the Dutch words next to the engine's: datum (newest first) or relevantie.
func sortParam(v string) string {
	switch v {
	case "datum", "date":
		return "date"
	}
	return "relevance"
}

// queryList reads a filter that may be given more than once (?thema=a&thema=b).
func queryList(c *fiber.Ctx, key string) []string {
	var out []string
	for _, v := range c.Context().QueryArgs().PeekMulti(key) {
		if s := strings.TrimSpace(string(v)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// titleSearch stands in for the full-text engine when the server runs without one: pages whose title contains the query,
// ignoring capitals and accents. Titles that start with it come first (score 2), then the
// others (score 1), each in the overview's order (kind, then title). Only q.Text, q.Kinds
// (kinds as wiki.ParseKind reads them) and q.Size are used.
func (s *Server) titleSearch(o *overviews, q search.Query) (*search.Result, error) {
	start := time.Now()
	ov, err := o.get()
	if err != nil {
		return nil, err
	}
	needle := fold(q.Text)
	only := map[wiki.Kind]bool{}
	for _, k := range q.Kinds {
		if kind, ok := wiki.ParseKind(k); ok {
			only[kind] = true
		}
	}
	var starts, contains []titleEntry
	kinds := map[wiki.Kind]int{}
	for _, t := range ov.titles() {
		if len(only) > 0 && !only[t.ref.Kind] || !s.rd.may(access.Read, t.res) {
			continue
		}
		i := strings.Index(t.folded, needle)
		switch {
		case i < 0:
			continue
		case i == 0:
			starts = append(starts, t)
		default:
			contains = append(contains, t)
		}
		kinds[t.ref.Kind]++
	}
	matches := append(starts, contains...)
	n := min(q.Size, len(matches))
	res := &search.Result{Total: uint64(len(matches)), Hits: make([]search.Hit, 0, n),
		Facets: map[string][]search.FacetCount{"kind": {}}}
	for i, t := range matches[:n] {
		h := search.Hit{Ref: t.ref, Kind: t.ref.Kind, Slug: t.ref.Slug, Title: t.title, Team: t.team, Status: t.status, Score: 1}
		if i < len(starts) {
			h.Score = 2
		}
		if revs, err := s.ws.Store.History(t.ref.Path()); err == nil && len(revs) > 0 {
			h.Updated = revs[0].Author.When.UTC()
		}
		res.Hits = append(res.Hits, h)
	}
	for _, k := range wiki.Kinds {
		if c := kinds[k]; c > 0 {
			res.Facets["kind"] = append(res.Facets["kind"], search.FacetCount{Value: string(k), Count: c})
		}
	}
	res.Took = time.Since(start)
	return res, nil
}

// fold lowercases s and drops accents (één → een), so a title search forgives both.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
