package search

import (
	"testing"
)

// TestFacetCountsMatchFilters: every facet count is the total of the same search filtered on
// that value, so the packed facet terms (facetValues) count exactly what the filters find.
func TestFacetCountsMatchFilters(t *testing.T) {
	data, w := fixture(t)
	x := openIndex(t, data, w, Options{})
	for _, text := range []string{"ruzie", "thuis", "thema:schaamte OF thema:angst"} {
		res := search(t, x, Query{Text: text})
		checked := 0
		for facet, counts := range res.Facets {
			for _, c := range counts {
				q := Query{Text: text}
				switch facet {
				case "kind":
					q.Kinds = []string{c.Value}
				case "step":
					q.Steps = []string{c.Value}
				case "theme":
					q.Themes = []string{c.Value}
				case "team":
					q.Teams = []string{c.Value}
				case "status":
					q.Statuses = []string{c.Value}
				}
				if got := search(t, x, q).Total; got != uint64(c.Count) {
					t.Errorf("%q, %s %s: facet says %d, the filter finds %d", text, facet, c.Value, c.Count, got)
				}
				checked++
			}
		}
		if len(res.Facets["kind"]) == 0 || len(res.Facets["step"]) == 0 || len(res.Facets["status"]) == 0 || len(res.Facets["team"]) == 0 || checked < 10 {
			t.Errorf("%q: too few facets to check: %v", text, res.Facets)
		}
	}
}
