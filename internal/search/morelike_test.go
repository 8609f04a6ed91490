package search

import (
	"context"
	"slices"
	"testing"
)

func hitsOf(s []Similar) []Hit {
	out := make([]Hit, len(s))
	for i, h := range s {
		out[i] = h.Hit
	}
	return out
}

// TestMoreLikeOrderAndShared: the pages sharing the most themes come first, each names the
// themes it shares, the page itself, themes and team pages never appear, and the permission
// clause keeps another team's pages out.
func TestMoreLikeOrderAndShared(t *testing.T) {
	data, w := newWorkspace(t, map[string]string{
		"teams/a.md": page("team", "A", "", "x"),
		"teams/b.md": page("team", "B", "", "x"),
		"portraits/sam.md": page("portrait", "Sam", "team: a\n",
			"Sam voelt [[schaamte]] en [[angst]], en zoekt [[rust]]."),
		"portraits/noor.md":    page("portrait", "Noor", "team: a\n", "Noor kent [[schaamte]] en [[angst]]."),
		"frames/stilte.md":     page("frame", "Stilte", "team: a\nthemes: [rust]\n", "Een stille plek."),
		"cases/sam-groep-7.md": page("case", "Sam (groep 7)", "team: a\nthemes: [schaamte, angst, rust]\n", "De casus."),
		"portraits/lot.md":     page("portrait", "Lot", "team: b\n", "Lot heeft [[schaamte]], [[angst]] en [[rust]] nodig."),
		"portraits/mo.md":      page("portrait", "Mo", "team: a\n", "Mo houdt van [[voetbal]]."),
	})
	x := openIndex(t, data, w, Options{})
	ctx := context.Background()
	like, err := x.MoreLike(ctx, mustRef(t, "portraits/sam"), nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	got := refs(hitsOf(like))
	// Three shared themes (the casus, Lot) before two (Noor) before one (our frame, and the
	// starter library's frames about rust or angst).
	if len(got) < 4 || !slices.Contains(got[:2], "cases/sam-groep-7") || !slices.Contains(got[:2], "portraits/lot") ||
		got[2] != "portraits/noor" || !slices.Contains(got[3:], "frames/stilte") {
		t.Fatalf("MoreLike(sam) = %v", got)
	}
	for _, s := range like {
		want := map[string][]string{"cases/sam-groep-7": {"angst", "rust", "schaamte"}, "portraits/lot": {"angst", "rust", "schaamte"},
			"portraits/noor": {"angst", "schaamte"}, "frames/stilte": {"rust"}}[s.Ref.String()]
		if want == nil && (len(s.Shared) != 1 || s.Kind != "frame") {
			t.Errorf("%s shares %v", s.Ref, s.Shared)
		}
		if want != nil && !slices.Equal(s.Shared, want) {
			t.Errorf("%s shares %v, want %v", s.Ref, s.Shared, want)
		}
	}
	// Capped, and the reader of team a does not see team b's portrait.
	mine, err := x.MoreLike(ctx, mustRef(t, "portraits/sam"), &Visibility{Teams: []string{"a"}}, 2)
	if err != nil || len(mine) != 2 || contains(hitsOf(mine), "portraits/lot") {
		t.Errorf("MoreLike for team a, 2: %v %v", refs(hitsOf(mine)), err)
	}
	// A reader who may read nothing gets nothing, in every lookup.
	if none, err := x.MoreLike(ctx, mustRef(t, "portraits/sam"), &Visibility{Closed: true}, 5); err != nil || len(none) != 0 {
		t.Errorf("MoreLike for a closed reader: %v %v", refs(hitsOf(none)), err)
	}
	if none, err := x.Titles(ctx, "sch", nil, &Visibility{Closed: true}, 5); err != nil || len(none) != 0 {
		t.Errorf("Titles for a closed reader: %v %v", refs(none), err)
	}
	if res := search(t, x, Query{Text: "schaamte", Visible: &Visibility{Closed: true}}); res.Total != 0 {
		t.Errorf("Search for a closed reader: %v", refs(res.Hits))
	}
	// A page without themes, and a page that does not exist, have nothing like them.
	for _, p := range []string{"portraits/mo", "portraits/niemand"} {
		if none, err := x.MoreLike(ctx, mustRef(t, p), nil, 5); err != nil || len(none) != 0 {
			t.Errorf("MoreLike(%s) = %v %v", p, refs(hitsOf(none)), err)
		}
	}
}
