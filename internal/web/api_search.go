package web

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// maxQueryLen is the longest search query, in characters: a question, not a document.
const maxQueryLen = 500

// searchLimit is how many hits one answer holds.
const searchLimit = 50

// searchResult is the JSON of GET /api/search. It is the shape the full-text engine
// (internal/search) answers in too, so scripts do not change when it arrives.
type searchResult struct {
	Query  string                  `json:"query"`
	Total  int                     `json:"total"` // all matches, also those beyond the hits returned
	Hits   []searchHit             `json:"hits"`
	Facets map[string][]facetCount `json:"facets"`
}

type searchHit struct {
	Kind      wiki.Kind `json:"kind"`
	Slug      wiki.Slug `json:"slug"`
	Title     string    `json:"title"`
	URL       string    `json:"url"`
	Fragments []string  `json:"fragments"` // text around the matches, HTML-escaped with <mark>; empty for a title match
	Updated   string    `json:"updated"`   // RFC 3339: when the page last changed
}

// facetCount is one value of a facet (e.g. kind "theme") and how many matches have it.
type facetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// apiSearch answers GET /api/search?q=…. It only checks the question and hands it to search,
// the one call to swap when the full-text engine is wired in.
func (s *Server) apiSearch(o *overviews) fiber.Handler {
	return func(c *fiber.Ctx) error {
		q := strings.TrimSpace(c.Query("q"))
		switch {
		case q == "":
			return badRequest("empty-query", "Typ een of meer woorden om naar te zoeken, in q.", nil)
		case utf8.RuneCountInString(q) > maxQueryLen:
			return badRequest("long-query", fmt.Sprintf("Je zoekvraag is te lang: hoogstens %d tekens.", maxQueryLen), nil)
		case !utf8.ValidString(q):
			return badRequest("bad-query", "Je zoekvraag bevat tekens die we niet kunnen lezen.", nil)
		}
		res, err := s.titleSearch(o, q, searchLimit)
		if err != nil {
			return err
		}
		return c.JSON(res)
	}
}

// titleSearch finds pages whose title contains q, ignoring capitals and accents: titles that
// start with q first, then the rest, each in the order of the overview (kind, then title).
// It stands in for the full-text engine.
func (s *Server) titleSearch(o *overviews, q string, limit int) (searchResult, error) {
	ov, err := o.get()
	if err != nil {
		return searchResult{}, err
	}
	needle := fold(q)
	var starts, contains []titleEntry
	kinds := map[wiki.Kind]int{}
	for _, t := range ov.titles() {
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
	res := searchResult{Query: q, Total: len(matches), Hits: make([]searchHit, 0, min(limit, len(matches))),
		Facets: map[string][]facetCount{}}
	for _, t := range matches[:min(limit, len(matches))] {
		h := searchHit{Kind: t.ref.Kind, Slug: t.ref.Slug, Title: t.title, URL: t.ref.URL(), Fragments: []string{}}
		if revs, err := s.ws.Store.History(t.ref.Path()); err == nil && len(revs) > 0 {
			h.Updated = revs[0].Author.When.Format(time.RFC3339)
		}
		res.Hits = append(res.Hits, h)
	}
	kf := []facetCount{}
	for _, k := range wiki.Kinds {
		if n := kinds[k]; n > 0 {
			kf = append(kf, facetCount{Value: string(k), Count: n})
		}
	}
	res.Facets["kind"] = kf
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
