package search

import (
	"slices"
	"strings"
	"testing"
)

// TestPhrasesByPairs: phrases are looked up by pairs of neighbouring stems and must stay
// exact: the order, the distance (a stop word in between counts as a word) and, for three
// or more stems, the whole phrase.
func TestPhrasesByPairs(t *testing.T) {
	data, w := newWorkspace(t, map[string]string{
		"teams/t.md":             page("team", "T", "", "x"),
		"portraits/gat.md":       page("portrait", "Gat", "team: t\n", "Sam komt vaak te laat op school."),
		"portraits/zonder.md":    page("portrait", "Zonder", "team: t\n", "Sam komt vaak laat thuis."),
		"portraits/omgekeerd.md": page("portrait", "Omgekeerd", "team: t\n", "Laat en vaak moe."),
		"portraits/ver.md":       page("portrait", "Ver", "team: t\n", "Vaak komt hij veel te laat."),
		"portraits/drie.md":      page("portrait", "Drie", "team: t\n", "Hij voelt zich boze oude vader."),
		"portraits/los.md":       page("portrait", "Los", "team: t\n", "Een boze oude man en een oude vader."),
		"portraits/lang.md":      page("portrait", "Lang", "team: t\n", "Ze was bang en toen nog een keer de hond."),
		"portraits/titel.md":     page("portrait", "Vaak te laat", "team: t\n", "Over Kim."),
	})
	x := openIndex(t, data, w, Options{})
	b := &builder{x: x}
	if p := b.pairs("vaak te laat"); !slices.Equal(p, []string{"vak _ lat"}) { // pairs of stems
		t.Errorf("pairs of vaak te laat: %q", p)
	}
	if p := b.pairs("bang en toen nog een keer de hond"); p != nil {
		t.Errorf("pairs of a phrase with a wide gap: %q, want none", p)
	}
	for _, c := range []struct {
		q    string
		want []string
	}{
		{`"vaak te laat"`, []string{"portraits/gat", "portraits/titel"}},
		{`"vaak laat"`, []string{"portraits/zonder"}},
		{`"laat vaak"`, nil},
		{`"boze oude vader"`, []string{"portraits/drie"}},
		{`"oude vader"`, []string{"portraits/drie", "portraits/los"}},
		{`titel:"vaak te laat"`, []string{"portraits/titel"}},
		// Five positions apart: too far for a pair, found by the phrase search itself.
		{`"bang en toen nog een keer de hond"`, []string{"portraits/lang"}},
	} {
		res := search(t, x, Query{Text: c.q, Kinds: []string{"portrait"}, Size: 50})
		got := refs(res.Hits)
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", c.q, got, want)
		}
	}
	// The pair's match marks the whole phrase in the fragment.
	res := search(t, x, Query{Text: `"vaak te laat"`, Kinds: []string{"portrait"}})
	for _, h := range res.Hits {
		if h.Ref.String() == "portraits/gat" && (len(h.Fragments) == 0 || !strings.Contains(h.Fragments[0], "<mark>vaak te laat</mark>")) {
			t.Errorf("fragment: %q", h.Fragments)
		}
	}
}
