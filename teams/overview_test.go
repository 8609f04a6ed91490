package teams

import (
	"fmt"
	"slices"
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

func th(s string) wiki.Ref { return wiki.Ref{Kind: wiki.Theme, Slug: wiki.Slug(s)} }
func pt(s string) wiki.Ref { return wiki.Ref{Kind: wiki.Portrait, Slug: wiki.Slug(s)} }

// title names a theme by its slug with a capital, as the index would for these tests.
func title(r wiki.Ref) string { return string(r.Slug[:1]) + string(r.Slug[1:]) }

func TestNewOverview(t *testing.T) {
	team := wiki.Ref{Kind: wiki.Team, Slug: "ons-team"}
	for _, tt := range []struct {
		name      string
		portraits []PortraitLinks
		columns   []string // slug:portraits:links
		rows      [][]int  // cells, then the row total last
		total     int
	}{
		{name: "no portraits"},
		{name: "portraits without themes", portraits: []PortraitLinks{{Ref: pt("a"), Title: "A", Links: []wiki.Ref{team}}},
			rows: [][]int{{0}}},
		{name: "counts, column order and totals",
			portraits: []PortraitLinks{
				{Ref: pt("sam"), Title: "Sam", Links: []wiki.Ref{team, th("schaamte"), th("rust"), th("schaamte"), th("schaamte")}},
				{Ref: pt("moeder"), Title: "Moeder", Links: []wiki.Ref{th("rust"), {Kind: wiki.Case, Slug: "sam"}, th("angst")}},
				{Ref: pt("broer"), Title: "Broer", Links: []wiki.Ref{th("angst"), th("rust")}},
				{Ref: pt("leeg"), Title: "Leeg"},
			},
			// rust is in three portraits; angst in two; schaamte in one but three times.
			columns: []string{"rust:3:3", "angst:2:2", "schaamte:1:3"},
			rows:    [][]int{{1, 0, 3, 4}, {1, 1, 0, 2}, {1, 1, 0, 2}, {0, 0, 0, 0}},
			total:   8},
		{name: "ties go by count, then title",
			portraits: []PortraitLinks{
				{Ref: pt("a"), Title: "A", Links: []wiki.Ref{th("zorg"), th("moed"), th("hoop"), th("hoop")}},
			},
			columns: []string{"hoop:1:2", "moed:1:1", "zorg:1:1"},
			rows:    [][]int{{2, 1, 1, 4}},
			total:   4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ov := NewOverview(tt.portraits, title)
			var cols []string
			for _, c := range ov.Columns {
				cols = append(cols, fmt.Sprintf("%s:%d:%d", c.Theme.Slug, c.Portraits, c.Links))
				if c.Title != title(c.Theme) {
					t.Errorf("column title %q", c.Title)
				}
			}
			if !slices.Equal(cols, tt.columns) {
				t.Errorf("columns %v, want %v", cols, tt.columns)
			}
			if len(ov.Rows) != len(tt.portraits) {
				t.Fatalf("%d rows for %d portraits", len(ov.Rows), len(tt.portraits))
			}
			for i, r := range ov.Rows {
				if r.Portrait != tt.portraits[i].Ref || r.Title != tt.portraits[i].Title {
					t.Errorf("row %d is %v %q: rows must keep their order", i, r.Portrait, r.Title)
				}
				if got := append(slices.Clone(r.Cells), r.Total); !slices.Equal(got, tt.rows[i]) {
					t.Errorf("row %s = %v, want %v", r.Portrait.Slug, got, tt.rows[i])
				}
			}
			if ov.Total != tt.total {
				t.Errorf("total %d, want %d", ov.Total, tt.total)
			}
		})
	}
}

// A big team stays fast: 3000 portraits with 8 theme links each over 60 themes.
func BenchmarkNewOverview(b *testing.B) {
	ps := make([]PortraitLinks, 3000)
	for i := range ps {
		ps[i] = PortraitLinks{Ref: pt(fmt.Sprintf("p%d", i)), Title: fmt.Sprint(i)}
		for j := range 8 {
			ps[i].Links = append(ps[i].Links, th(fmt.Sprintf("t%d", (i*7+j*13)%60)))
		}
	}
	for b.Loop() {
		NewOverview(ps, title)
	}
}
