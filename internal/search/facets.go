package search

import (
	"sort"

	"github.com/blevesearch/bleve/v2"
)

// FacetCount is one value of a facet and how many hits have it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// facetFields maps the facet names of Result.Facets to index fields, with how many values
// each returns at most. The counts come from the same query as the hits, so the permission
// clause applies to them too.
var facetFields = []struct {
	name, field string
	size        int
}{
	{"kind", fKind, 5},
	{"step", fStep, 4},
	{"theme", fThemes, 50},
	{"team", fTeam, 50},
	{"status", fStatus, 10},
}

func addFacets(req *bleve.SearchRequest) {
	for _, f := range facetFields {
		req.AddFacet(f.name, bleve.NewFacetRequest(f.field, f.size))
	}
}

// facets reads the facet counts of a result, most frequent first, then by value.
func facets(res *bleve.SearchResult) map[string][]FacetCount {
	out := make(map[string][]FacetCount, len(facetFields))
	for _, f := range facetFields {
		counts := []FacetCount{}
		if fr, ok := res.Facets[f.name]; ok && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				counts = append(counts, FacetCount{Value: t.Term, Count: t.Count})
			}
		}
		sort.SliceStable(counts, func(i, j int) bool {
			if counts[i].Count != counts[j].Count {
				return counts[i].Count > counts[j].Count
			}
			return counts[i].Value < counts[j].Value
		})
		out[f.name] = counts
	}
	return out
}
