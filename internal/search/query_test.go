package search

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMalformedQueries(t *testing.T) {
	data, w := newWorkspace(t, nil)
	x := openIndex(t, data, w, Options{})
	garbage := strings.Repeat("(\"-:)éü\x00\xff", 1024) // 10 KB
	for _, q := range []Query{
		{Text: `"open`},
		{Text: `thema:`},
		{Text: `soort:onbekend`},
		{Text: `(`},
		{Text: `)`},
		{Text: `-`},
		{Text: `pesten -`},
		{Text: `()`},
		{Text: `OF pesten`},
		{Text: `pesten OF`},
		{Text: `status:klaar`},
		{Text: `stap:5`},
		{Text: `((((((pesten))))))`},
		{Text: garbage},
		{Text: strings.Repeat("woord ", 40)},
		{Text: "pesten", Sort: "alfabet"},
		{Text: "pesten", From: -1},
		{Text: "pesten", From: 20000},
		{Text: "pesten", Kinds: []string{"boek"}},
		{Text: "pesten", Steps: []string{"vijf"}},
	} {
		_, err := x.Search(context.Background(), q)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("%.40q: %v, want a *QueryError", q.Text, err)
			continue
		}
		if qe.Message == "" || !utf8.ValidString(qe.Message) || strings.Contains(qe.Message, "search:") {
			t.Errorf("%.40q: message %q", q.Text, qe.Message)
		}
		t.Logf("%.30q → %s", q.Text, qe.Message)
	}
}

func TestQuerySyntax(t *testing.T) {
	data, w := newWorkspace(t, teamPages)
	x := openIndex(t, data, w, Options{})
	cases := []struct {
		q         string
		want, not []string
	}{
		{"ruzie", []string{"portraits/sam", "portraits/noor", "frames/open", "frames/dicht"}, nil},
		{"ruzie -zus", []string{"portraits/sam"}, []string{"portraits/noor"}},
		{`"ruzie met haar zus"`, []string{"portraits/noor"}, []string{"portraits/sam"}},
		{`ruzie soort:portret`, []string{"portraits/sam", "portraits/noor"}, []string{"frames/open"}},
		{`ruzie kind:frame`, []string{"frames/open"}, []string{"portraits/sam"}},
		{`team:het-anker ruzie`, []string{"portraits/noor", "frames/dicht"}, []string{"portraits/sam"}},
		{`thema:erbij-horen`, []string{"frames/open"}, []string{"frames/dicht"}},
		{`thema:"Erbij horen" soort:frame`, []string{"frames/open"}, []string{"themes/erbij-horen"}},
		{`stap:hoe ruzie`, []string{"frames/open"}, []string{"portraits/sam"}},
		{`titel:noor`, []string{"portraits/noor"}, []string{"portraits/sam"}},
		{`zus OF plein`, []string{"portraits/noor", "portraits/sam"}, nil},
		{`(zus OF plein) -bang`, []string{"portraits/sam"}, []string{"portraits/noor"}},
		{`auteur:"anna de vries" soort:portret`, []string{"portraits/sam"}, nil},
		{`status:concept ruzie`, []string{"portraits/sam"}, []string{"frames/open"}},
	}
	for _, c := range cases {
		res := search(t, x, Query{Text: c.q, Size: 50})
		for _, r := range c.want {
			if !contains(res.Hits, r) {
				t.Errorf("%s: %s missing from %v", c.q, r, refs(res.Hits))
			}
		}
		for _, r := range c.not {
			if contains(res.Hits, r) {
				t.Errorf("%s: %s should not be in %v", c.q, r, refs(res.Hits))
			}
		}
	}
	// Filters from the facets and sorting by date.
	res := search(t, x, Query{Kinds: []string{"portret"}, Teams: []string{"de-boog"}, Sort: "date"})
	if len(res.Hits) != 1 || res.Hits[0].Ref.String() != "portraits/sam" || res.Hits[0].Updated.IsZero() {
		t.Fatalf("filters: %+v", res.Hits)
	}
	if res.Hits[0].Team != "de-boog" || res.Hits[0].Status != "concept" || res.Hits[0].Title != "Sam" {
		t.Fatalf("hit fields: %+v", res.Hits[0])
	}
}

// The permission clause is part of the query: other teams' portraits are absent from hits,
// totals and every facet, and shared frames and themes stay visible.
func TestPermissionClause(t *testing.T) {
	data, w := newWorkspace(t, teamPages)
	x := openIndex(t, data, w, Options{})
	all := search(t, x, Query{Text: "ruzie", Size: 50})
	mine := search(t, x, Query{Text: "ruzie", Size: 50, Visible: &Visibility{Teams: []string{"de-boog"}}})
	if !contains(all.Hits, "portraits/noor") || !contains(all.Hits, "frames/dicht") {
		t.Fatalf("unrestricted: %v", refs(all.Hits))
	}
	for _, r := range []string{"portraits/noor", "frames/dicht", "teams/het-anker"} {
		if contains(mine.Hits, r) {
			t.Errorf("de-boog sees %s", r)
		}
	}
	for _, r := range []string{"portraits/sam", "frames/open"} {
		if !contains(mine.Hits, r) {
			t.Errorf("de-boog misses %s: %v", r, refs(mine.Hits))
		}
	}
	if mine.Total != uint64(len(mine.Hits)) || mine.Total >= all.Total {
		t.Errorf("totals: mine %d (%d hits), all %d", mine.Total, len(mine.Hits), all.Total)
	}
	facet := func(r *Result, name, value string) int {
		for _, c := range r.Facets[name] {
			if c.Value == value {
				return c.Count
			}
		}
		return 0
	}
	sum := 0
	for _, c := range mine.Facets["kind"] {
		sum += c.Count
	}
	if uint64(sum) != mine.Total || facet(mine, "kind", "portrait") != 1 {
		t.Errorf("kind facet %v, total %d", mine.Facets["kind"], mine.Total)
	}
	if facet(mine, "team", "het-anker") != 1 { // the shared frame only
		t.Errorf("team facet: %v", mine.Facets["team"])
	}
	if facet(mine, "theme", "rust") != facet(all, "theme", "rust")-1 { // frames/dicht is hidden
		t.Errorf("theme facet rust: mine %d, all %d", facet(mine, "theme", "rust"), facet(all, "theme", "rust"))
	}
	// A reader in no team sees themes and shared frames only.
	none := search(t, x, Query{Text: "ruzie", Size: 50, Visible: &Visibility{}})
	for _, h := range none.Hits {
		if h.Kind != "theme" && h.Kind != "frame" || h.Ref.String() == "frames/dicht" {
			t.Errorf("a reader without a team sees %s", h.Ref)
		}
	}
	// The pickers and "Meer zoals dit" apply it too.
	titles, err := x.Titles(context.Background(), "no", nil, &Visibility{Teams: []string{"de-boog"}}, 10)
	if err != nil || contains(titles, "portraits/noor") {
		t.Errorf("titles: %v %v", refs(titles), err)
	}
}

func TestFragmentsAreEscapedPlainText(t *testing.T) {
	data, w := newWorkspace(t, map[string]string{
		"teams/t.md": page("team", "T", "", "x"),
		"portraits/p.md": page("portrait", "P", "team: t\n",
			"Een <b>vette</b> ruzie & <script>alert('ruzie')</script> met **nadruk** en [een link](https://example.org/ruzie) en `code <i>ruzie</i>`.\n\n"+
				"<img src=x onerror=alert(1)> ruzie"),
	})
	x := openIndex(t, data, w, Options{})
	res := search(t, x, Query{Text: "ruzie", Kinds: []string{"portrait"}})
	if len(res.Hits) != 1 || len(res.Hits[0].Fragments) == 0 {
		t.Fatalf("hits: %+v", res.Hits)
	}
	for _, f := range res.Hits[0].Fragments {
		clean := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(f)
		if strings.ContainsAny(clean, "<>") || strings.Contains(f, "example.org") || strings.Contains(f, "**") {
			t.Errorf("fragment carries markup: %q", f)
		}
		if !strings.Contains(f, "<mark>ruzie</mark>") {
			t.Errorf("fragment without a mark: %q", f)
		}
	}
	t.Log(res.Hits[0].Fragments)
}

func TestTitlesAndMoreLike(t *testing.T) {
	data, w := fixture(t)
	x := openIndex(t, data, w, Options{})
	ctx := context.Background()
	for _, c := range []struct {
		prefix string
		kinds  []string
		want   string
	}{
		{"zelfv", nil, "themes/zelfvertrouwen"},
		{"Zoe", nil, "portraits/zoe-klas-3"}, // Zoë, typed without the diaeresis
		{"sam gr", []string{"case"}, "cases/sam-groep-7"},
		{"gezien", []string{"thema"}, "themes/gezien-worden"},
	} {
		hits, err := x.Titles(ctx, c.prefix, c.kinds, nil, 5)
		if err != nil || len(hits) == 0 || hits[0].Ref.String() != c.want {
			t.Errorf("Titles(%q): %v %v, want %s first", c.prefix, refs(hits), err, c.want)
		}
	}
	if hits, _ := x.Titles(ctx, "  ", nil, nil, 5); len(hits) != 0 {
		t.Errorf("empty prefix: %v", refs(hits))
	}
	like, err := x.MoreLike(ctx, mustRef(t, "portraits/ilse-klas-4"), nil, 5)
	if err != nil || len(like) == 0 {
		t.Fatalf("MoreLike: %v %v", refs(hitsOf(like)), err)
	}
	if hits := hitsOf(like); contains(hits, "portraits/ilse-klas-4") || !contains(hits, "cases/ilse-zorgt-thuis") || !contains(hits, "portraits/milan-groep-7") {
		t.Errorf("MoreLike(ilse): %v", refs(hits))
	}
	hidden, _ := x.MoreLike(ctx, mustRef(t, "portraits/ilse-klas-4"), &Visibility{Teams: []string{"de-boog"}}, 10)
	for _, h := range hidden {
		if h.Team == "het-anker" {
			t.Errorf("MoreLike shows %s to de-boog", h.Ref)
		}
	}
}

func TestFacetsAndSteps(t *testing.T) {
	data, w := fixture(t)
	x := openIndex(t, data, w, Options{})
	res := search(t, x, Query{Text: "thema:schaamte"})
	for _, name := range []string{"kind", "step", "theme", "team", "status"} {
		if len(res.Facets[name]) == 0 {
			t.Errorf("facet %s empty: %v", name, res.Facets)
		}
	}
	org := search(t, x, Query{Steps: []string{"organiseren"}, Size: 50})
	for _, h := range org.Hits {
		if h.Kind != "case" {
			t.Errorf("step organiseren holds %s", h.Ref)
		}
	}
	if org.Total != 7 { // every casus with actions
		t.Errorf("step organiseren: %d hits %v", org.Total, refs(org.Hits))
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "pesten", `"ruzie thuis" -geld`, "thema:schaamte soort:casus", "(a OF b) -c",
		`titel:"sam de"`, "((", `"`, "-", "OF", ":", "a:b:c", "soort:", "\x00\xff", "é-ü", ")("} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseQuery(s)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) || qe.Message == "" {
				t.Fatalf("%q: %v is not a *QueryError", s, err)
			}
			return
		}
		b := &builder{x: &Index{profile: ours}, syn: &synonyms{}}
		_ = b.or(n)
	})
}
