package search

import (
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
)

// FacetCount is one value of a facet and how many hits have it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// facetFields maps the facet names of Result.Facets to index fields, with how many values
// each returns at most. The counts come from the same query as the hits, so the permission
// clause applies to them too. All five are read from one field, fFacets, whose terms are
// "name:value".
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

// facetAll is the one facet request's name; maxFacetTerms bounds the distinct values it
// returns (every kind, step, status, theme and team of a workspace fits many times over).
const (
	facetAll      = "all"
	maxFacetTerms = 10_000
)

// facetValues are a document's fFacets terms.
func facetValues(doc map[string]any) []string {
	var out []string
	for _, f := range facetFields {
		switch v := doc[f.field].(type) {
		case string:
			out = append(out, f.name+":"+v)
		case []string:
			for _, s := range v {
				out = append(out, f.name+":"+s)
			}
		}
	}
	return out
}

func addFacets(req *bleve.SearchRequest) {
	req.AddFacet(facetAll, bleve.NewFacetRequest(fFacets, maxFacetTerms))
}

// facets reads the facet counts of a result, most frequent first, then by value.
func facets(res *bleve.SearchResult) map[string][]FacetCount {
	out := make(map[string][]FacetCount, len(facetFields))
	for _, f := range facetFields {
		out[f.name] = []FacetCount{}
	}
	if fr, ok := res.Facets[facetAll]; ok && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			name, value, ok := strings.Cut(t.Term, ":")
			if counts, known := out[name]; ok && known {
				out[name] = append(counts, FacetCount{Value: value, Count: t.Count})
			}
		}
	}
	for _, f := range facetFields {
		counts := out[f.name]
		sort.SliceStable(counts, func(i, j int) bool {
			if counts[i].Count != counts[j].Count {
				return counts[i].Count > counts[j].Count
			}
			return counts[i].Value < counts[j].Value
		})
		out[f.name] = counts[:min(len(counts), f.size)]
	}
	return out
}
