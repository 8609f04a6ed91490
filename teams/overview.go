package teams

import (
	"cmp"
	"slices"
	"strings"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// PortraitLinks is one portrait of a team and the pages it links to, once per link (front
// matter and text), as the link index gives them.
type PortraitLinks struct {
	Ref   wiki.Ref
	Title string
	Links []wiki.Ref
}

// Overview is a team's portraits against the themes they name: which themes recur across the
// team's work. Only themes named at least once are columns.
type Overview struct {
	Rows    []OverviewRow
	Columns []OverviewColumn
	Total   int // every theme link in the table
}

// OverviewColumn is one theme: how many portraits name it and how often, in all.
type OverviewColumn struct {
	Theme     wiki.Ref
	Title     string
	Portraits int
	Links     int
}

// OverviewRow is one portrait: per column how often it names that theme.
type OverviewRow struct {
	Portrait wiki.Ref
	Title    string
	Cells    []int // in the order of Columns
	Total    int
}

// NewOverview counts the theme links of the portraits. Rows keep the order given; columns go
// from the theme most portraits share to the least, then by count, then by title. title names
// a theme (the index's title, or the slug of a theme not written yet).
func NewOverview(portraits []PortraitLinks, title func(wiki.Ref) string) Overview {
	col := map[wiki.Ref]int{} // theme → column, in order of first appearance until sorted
	var ov Overview
	counts := make([]map[int]int, len(portraits))
	for i, p := range portraits {
		counts[i] = map[int]int{}
		for _, r := range p.Links {
			if r.Kind != wiki.Theme {
				continue
			}
			c, ok := col[r]
			if !ok {
				c = len(ov.Columns)
				col[r] = c
				ov.Columns = append(ov.Columns, OverviewColumn{Theme: r, Title: title(r)})
			}
			if counts[i][c] == 0 {
				ov.Columns[c].Portraits++
			}
			counts[i][c]++
			ov.Columns[c].Links++
			ov.Total++
		}
	}
	order := make([]int, len(ov.Columns)) // order[new position] = old column
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		x, y := ov.Columns[a], ov.Columns[b]
		return cmp.Or(cmp.Compare(y.Portraits, x.Portraits), cmp.Compare(y.Links, x.Links),
			cmp.Compare(strings.ToLower(x.Title), strings.ToLower(y.Title)), cmp.Compare(x.Theme.Slug, y.Theme.Slug))
	})
	sorted := make([]OverviewColumn, len(order))
	pos := make([]int, len(order)) // pos[old column] = new position
	for n, old := range order {
		sorted[n] = ov.Columns[old]
		pos[old] = n
	}
	ov.Columns = sorted
	ov.Rows = make([]OverviewRow, len(portraits))
	for i, p := range portraits {
		row := OverviewRow{Portrait: p.Ref, Title: p.Title, Cells: make([]int, len(ov.Columns))}
		for c, n := range counts[i] {
			row.Cells[pos[c]] = n
			row.Total += n
		}
		ov.Rows[i] = row
	}
	return ov
}
