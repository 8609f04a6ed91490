package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/links"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// titleResults reads the results of GET /api/titles as "kind/slug" strings, checking the
// shape of each.
func titleResults(t *testing.T, a *testApp, query string) (int, []string, map[string]any) {
	t.Helper()
	resp, body := a.get("/api/titles?" + query)
	m := jsonBody(t, resp, body)
	if resp.StatusCode != 200 {
		return resp.StatusCode, nil, m
	}
	var out []string
	for _, r := range m["results"].([]any) {
		h := r.(map[string]any)
		ref := wiki.Ref{Kind: wiki.Kind(h["kind"].(string)), Slug: wiki.Slug(h["slug"].(string))}
		if h["url"] != ref.URL() || h["title"] == "" || len(h) != 4 {
			t.Errorf("%s: result %v", query, h)
		}
		out = append(out, ref.String())
	}
	return resp.StatusCode, out, m
}

func TestAPITitles(t *testing.T) {
	t.Parallel()
	for _, engine := range []bool{true, false} {
		a := newTestApp(t)
		if engine {
			a = newSearchApp(t)
		}
		a.save(wiki.Ref{Kind: wiki.Portrait, Slug: "zoe"}, "---\ntitle: Zoë, 12 jaar\nteam: ons-team\n---\nTekst.\n", "", "Anna")
		a.save(wiki.Ref{Kind: wiki.Case, Slug: "zoe-schaamt-zich"}, "---\ntitle: Zoë schaamt zich\nteam: ons-team\n---\n", "", "Anna")
		for _, tc := range []struct {
			query, first string
			only         wiki.Kind // every result is of this kind
			n            int       // exactly this many results (-1: at least one)
		}{
			{"q=scha&kind=theme", "themes/schaamte", wiki.Theme, -1},
			{"q=SCHA&kind=themes", "themes/schaamte", wiki.Theme, -1},
			{"q=scha&kind=case", "cases/zoe-schaamt-zich", wiki.Case, 1},
			{"q=zoe&kind=portrait", "portraits/zoe", wiki.Portrait, 1},                      // ë typed as e
			{"q=" + url.QueryEscape("Zoë") + "&kind=portrait&kind=case&limit=1", "", "", 1}, // two match; one asked
			{"q=zoe&kind=portrait&kind=cases", "", "", 2},
			{"q=xyzzy", "", "", 0},
			{"q=%20%20&kind=theme", "", "", 0}, // nothing typed yet: an empty list
			{"kind=theme", "", "", 0},
		} {
			status, got, m := titleResults(t, a, tc.query)
			if status != 200 || (tc.n >= 0 && len(got) != tc.n) || (tc.n < 0 && len(got) == 0) {
				t.Errorf("engine %v, %s: %d %v %v", engine, tc.query, status, got, m)
				continue
			}
			if tc.first != "" && got[0] != tc.first {
				t.Errorf("engine %v, %s: %v, want %s first", engine, tc.query, got, tc.first)
			}
			for _, r := range got {
				if tc.only != "" && !strings.HasPrefix(r, tc.only.Folder()+"/") {
					t.Errorf("engine %v, %s: %s is not a %s", engine, tc.query, r, tc.only)
				}
			}
		}
		if _, _, m := titleResults(t, a, "q=sch&kind=theme"); m["query"] != "sch" {
			t.Errorf("query not echoed: %v", m)
		}
	}
}

func TestAPITitlesBadInput(t *testing.T) {
	t.Parallel()
	a := newSearchApp(t)
	for _, tc := range []struct{ query, code, text string }{
		{"q=scha&kind=boek", "bad-kind", "De soort \"boek\" kennen we niet"},
		{"q=" + strings.Repeat("a", maxTitleQueryLen+1), "long-query", "te lang voor een titel"},
		{"q=%ff%fe", "bad-query", "tekens"},
		{"q=scha&limit=0", "bad-limit", "limit moet een getal"},
		{"q=scha&limit=51", "bad-limit", "limit moet een getal"},
		{"q=scha&limit=vijf", "bad-limit", "limit moet een getal"},
	} {
		status, _, m := titleResults(t, a, tc.query)
		if status != 400 || m["code"] != tc.code || !strings.Contains(m["message"].(string), tc.text) {
			t.Errorf("%s: %d %v", tc.query, status, m)
		}
	}
	if status, _, _ := titleResults(t, a, "q="+strings.Repeat("é", maxTitleQueryLen)); status != 200 {
		t.Errorf("%d characters: %d", maxTitleQueryLen, status)
	}
}

func TestResolveTitle(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	a.save(wiki.Ref{Kind: wiki.Portrait, Slug: "zoe"}, "---\ntitle: Zoë, 12 jaar\nteam: ons-team\n---\n", "", "Anna")
	a.save(wiki.Ref{Kind: wiki.Portrait, Slug: "zoe-2"}, "---\ntitle: Twee keer\nteam: ons-team\n---\n", "", "Anna")
	a.save(wiki.Ref{Kind: wiki.Portrait, Slug: "zoe-3"}, "---\ntitle: twee KEER\nteam: ons-team\n---\n", "", "Anna")
	a.save(wiki.Ref{Kind: wiki.Portrait, Slug: "ander-kind"}, "---\ntitle: Ander kind\nteam: ander-team\n---\n", "", "Bob")
	x, err := links.New(a.ws.Store)
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{ws: a.ws, links: x, rd: member("ons-team")}
	for _, tc := range []struct {
		kind  wiki.Kind
		typed string
		want  string // "" when nothing (or more than one page) matches
	}{
		{wiki.Theme, "schaamte", "themes/schaamte"},
		{wiki.Theme, "  Schaamte ", "themes/schaamte"},
		{wiki.Theme, "/themes/schaamte", "themes/schaamte"},
		{wiki.Portrait, "zoe", "portraits/zoe"},
		{wiki.Portrait, "ZOE, 12 jaar", "portraits/zoe"},
		{wiki.Portrait, "Zoë, 12 jaar", "portraits/zoe"},
		{wiki.Portrait, "twee keer", ""}, // two pages have this title
		{wiki.Theme, "zoe", ""},          // a portrait, not a theme
		{wiki.Theme, "bestaat niet", ""},
		{wiki.Theme, "", ""},
		{wiki.Portrait, "Ander kind", ""}, // another team's portrait is not found by its title
		{wiki.Portrait, "ander-kind", ""}, // nor by its address
	} {
		ref, ok := s.resolveTitle(tc.kind, tc.typed)
		if got := map[bool]string{true: ref.String()}[ok]; got != tc.want {
			t.Errorf("resolveTitle(%s, %q) = %q, want %q", tc.kind, tc.typed, got, tc.want)
		}
	}
}
