package search

import (
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// FacetCount is one value of a facet and how many hits have it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// facetFields maps the facet names of Result.Facets to index fields, with how many values
// each returns at most. The counts come from the same query as the hits, so the permission
// clause applies to them too. All five are read from one field, fFacets (see facetValues).
var facetFields = []struct {
	name string
	size int
}{
	{"kind", 5},
	{"step", 4},
	{"theme", 50},
	{"team", 50},
	{"status", 10},
}

// facetAll is the one facet request's name; maxFacetTerms bounds the distinct values it
// returns (every combination of kind, status and team, every step and every theme of a
// workspace fit many times over).
const (
	facetAll      = "all"
	maxFacetTerms = 10_000
)

// facetValues are a document's fFacets terms. Counting costs per term and per hit, so a page
// has as few as the counts allow: "p:kind|status|team" (one term for three facets: a
// workspace has few combinations), "t:theme" per theme, and "s:step" only for a casus; the
// other kinds' step follows from their kind (kindStep) and is counted from it.
func facetValues(doc map[string]any) []string {
	str := func(f string) string { s, _ := doc[f].(string); return s }
	kind := str(fKind)
	out := []string{"p:" + kind + "|" + str(fStatus) + "|" + str(fTeam)}
	if _, derived := kindStep[wiki.Kind(kind)]; !derived {
		steps, _ := doc[fStep].([]string)
		for _, s := range steps {
			out = append(out, "s:"+s)
		}
	}
	themes, _ := doc[fThemes].([]string)
	for _, t := range themes {
		out = append(out, "t:"+t)
	}
	return out
}

func addFacets(req *bleve.SearchRequest) {
	req.AddFacet(facetAll, bleve.NewFacetRequest(fFacets, maxFacetTerms))
}

// facets reads the facet counts of a result (see facetValues), most frequent first, then by
// value.
func facets(res *bleve.SearchResult) map[string][]FacetCount {
	counts := make(map[string]map[string]int, len(facetFields))
	for _, f := range facetFields {
		counts[f.name] = map[string]int{}
	}
	add := func(facet, value string, n int) {
		if value != "" {
			counts[facet][value] += n
		}
	}
	if fr, ok := res.Facets[facetAll]; ok && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			prefix, value, _ := strings.Cut(t.Term, ":")
			switch prefix {
			case "p":
				parts := strings.SplitN(value, "|", 3)
				if len(parts) != 3 {
					continue
				}
				add("kind", parts[0], t.Count)
				add("step", kindStep[wiki.Kind(parts[0])], t.Count)
				add("status", parts[1], t.Count)
				add("team", parts[2], t.Count)
			case "s":
				add("step", value, t.Count)
			case "t":
				add("theme", value, t.Count)
			}
		}
	}
	out := make(map[string][]FacetCount, len(facetFields))
	for _, f := range facetFields {
		list := make([]FacetCount, 0, len(counts[f.name]))
		for v, n := range counts[f.name] {
			list = append(list, FacetCount{Value: v, Count: n})
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].Count != list[j].Count {
				return list[i].Count > list[j].Count
			}
			return list[i].Value < list[j].Value
		})
		out[f.name] = list[:min(len(list), f.size)]
	}
	return out
}
