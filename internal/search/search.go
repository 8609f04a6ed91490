package search

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Result is the answer to one search, and the JSON body of GET /api/search:
//
//	{
//	  "total": 12,
//	  "hits": [{"kind": "portrait", "slug": "sam", "title": "Sam, 11 jaar",
//	            "team": "zorgteam-springplank", "status": "besproken",
//	            "updated": "2026-11-21T10:00:00Z", "score": 2.31,
//	            "fragments": ["… vertelt thuis niets over de <mark>ruzies</mark> …"]}],
//	  "facets": {"kind": [{"value": "portrait", "count": 7}], "step": […], "theme": […],
//	             "team": […], "status": […]},
//	  "took": 1843000
//	}
//
// took is in nanoseconds. Fragments are plain text, HTML-escaped, with the matched words in
// <mark>…</mark>: safe to put in a page as they are. Totals and facets count only what the
// query's Visible allows. A malformed query is a *QueryError (400 in the API), never a 500.
type Result struct {
	Total  uint64                  `json:"total"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetCount `json:"facets"`
	Took   time.Duration           `json:"took"`
}

// Hit is one page found.
type Hit struct {
	Ref       wiki.Ref  `json:"-"`
	Kind      wiki.Kind `json:"kind"`
	Slug      wiki.Slug `json:"slug"`
	Title     string    `json:"title"`
	Team      string    `json:"team,omitempty"`
	Status    string    `json:"status,omitempty"`
	Updated   time.Time `json:"updated"`
	Score     float64   `json:"score"`
	Fragments []string  `json:"fragments,omitempty"`
}

// hitFields are the stored fields a hit is built from.
var hitFields = []string{fKind, fSlug, fTitle, fTeam, fStatus, fUpdated}

// Search runs a query. Errors other than *QueryError mean the index itself failed.
func (x *Index) Search(ctx context.Context, q Query) (*Result, error) {
	start := time.Now()
	c, err := x.compile(q)
	if err != nil {
		return nil, err
	}
	idx, err := x.get()
	if err != nil {
		return nil, err
	}
	// Pass 1: hits, total and facets, without term locations (reading positions and offsets
	// of every matching page is the costliest part of a search) and without stored fields.
	req := bleve.NewSearchRequestOptions(c.q, c.size, c.from, false)
	req.SortBy(c.sort)
	addFacets(req)
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, searchErr(err)
	}
	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits)), Facets: facets(res)}
	if len(res.Hits) == 0 {
		out.Took = time.Since(start)
		return out, nil
	}
	// Pass 2: the same query restricted to the page of hits, with locations, for the
	// fragments; the stored fields of a page are read here once, with its text.
	ids := make([]string, 0, len(res.Hits))
	for _, dm := range res.Hits {
		ids = append(ids, dm.ID)
	}
	hl := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(c.q, bleve.NewDocIDQuery(ids)), len(ids), 0, false)
	hl.Fields = append(append([]string{}, hitFields...), fText)
	hl.IncludeLocations = c.match
	hres, err := idx.SearchInContext(ctx, hl)
	if err != nil {
		return nil, searchErr(err)
	}
	byID := make(map[string]*bsearch.DocumentMatch, len(hres.Hits))
	for _, dm := range hres.Hits {
		byID[dm.ID] = dm
	}
	for _, first := range res.Hits {
		dm := byID[first.ID]
		if dm == nil { // cannot happen (same query, same snapshot); a bare hit beats none
			dm = first
		}
		h := hitFrom(dm)
		h.Score = first.Score
		if h.Slug == "" {
			h.Ref, _ = wiki.RefFromPath(first.ID)
			h.Kind, h.Slug, h.Title = h.Ref.Kind, h.Ref.Slug, string(h.Ref.Slug)
		}
		text, _ := dm.Fields[fText].(string)
		h.Fragments = fragments(text, locations(dm), 2)
		out.Hits = append(out.Hits, h)
	}
	out.Took = time.Since(start)
	return out, nil
}

func searchErr(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("search: %w", err)
}

// hitFrom reads a hit's stored fields.
func hitFrom(dm *bsearch.DocumentMatch) Hit {
	str := func(f string) string { s, _ := dm.Fields[f].(string); return s }
	h := Hit{Kind: wiki.Kind(str(fKind)), Slug: wiki.Slug(str(fSlug)), Title: str(fTitle),
		Team: str(fTeam), Status: str(fStatus), Score: dm.Score}
	h.Ref = wiki.Ref{Kind: h.Kind, Slug: h.Slug}
	if t, err := time.Parse(time.RFC3339Nano, str(fUpdated)); err == nil {
		h.Updated = t
	}
	return h
}
