package web

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

func TestAPISearchTitles(t *testing.T) {
	a := newTestApp(t)
	a.save(wiki.Ref{Kind: wiki.Portrait, Slug: "zoe"}, "---\ntitle: Zoë, 12 jaar\nteam: ons-team\n---\nTekst.\n", "", "Anna")
	for _, tc := range []struct {
		q, first, kind string
		min            int
	}{
		{"schaamte", "schaamte", "theme", 1},
		{"SCHAAM", "schaamte", "theme", 1},
		{"zoe", "zoe", "portrait", 1},            // ë found by e
		{"Zoë", "zoe", "portrait", 1},            // and by ë
		{"vertrouwen", "vertrouwen", "theme", 2}, // starts-with before contains (zelfvertrouwen)
		{"xyzzy", "", "", 0},
	} {
		resp, body := a.get("/api/search?q=" + url.QueryEscape(tc.q))
		m := jsonBody(t, resp, body)
		hits := m["hits"].([]any)
		if resp.StatusCode != 200 || m["query"] != tc.q || int(m["total"].(float64)) != len(hits) || len(hits) < tc.min {
			t.Errorf("q=%s: %d %s", tc.q, resp.StatusCode, body)
			continue
		}
		if _, ok := m["facets"].(map[string]any)["kind"].([]any); !ok {
			t.Errorf("q=%s: facets %s", tc.q, body)
		}
		if tc.first == "" {
			continue
		}
		h := hits[0].(map[string]any)
		if h["slug"] != tc.first || h["kind"] != tc.kind || h["url"] != "/"+wiki.Kind(tc.kind).Folder()+"/"+tc.first ||
			h["title"] == "" || h["score"] == nil {
			t.Errorf("q=%s: first hit %#v", tc.q, h)
		}
		if _, err := time.Parse(time.RFC3339, h["updated"].(string)); err != nil {
			t.Errorf("q=%s: updated %v", tc.q, h["updated"])
		}
	}
}

func TestAPISearchLimitAndTeam(t *testing.T) {
	a := newTestApp(t)
	_, err := a.ws.Store.Update(store.Author{Name: "Anna", Email: "a@leefwereld.invalid"}, "", func(tx *store.Tx) error {
		for i := range searchLimit + 10 {
			if err := tx.Put(fmt.Sprintf("themes/proef-%d.md", i), fmt.Appendf(nil, "---\ntitle: Proef %d\n---\n", i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	resp, body := a.get("/api/search?q=proef")
	m := jsonBody(t, resp, body)
	if total, n := int(m["total"].(float64)), len(m["hits"].([]any)); n != searchLimit || total != searchLimit+10 {
		t.Errorf("total %d, %d hits", total, n)
	}
	a.save(wiki.Ref{Kind: wiki.Case, Slug: "sam"}, "---\ntitle: Sam (groep 7)\nteam: ons-team\n---\n", "", "Anna")
	_, body = a.get("/api/search?q=sam")
	if !strings.Contains(body, `"team":"ons-team","status":"open"`) {
		t.Errorf("case hit without team and status: %s", body)
	}
}

func TestAPISearchBadQueries(t *testing.T) {
	a := newTestApp(t)
	for _, tc := range []struct{ name, q, code, text string }{
		{"no q", "", "empty-query", "Typ in q"},
		{"only spaces", "q=%20%20", "empty-query", "Typ in q"},
		{"too long", "q=" + strings.Repeat("a", maxQueryLen+1), "long-query", "te lang"},
		{"invalid UTF-8", "q=%ff%fe", "bad-query", "tekens"},
	} {
		resp, body := a.get("/api/search?" + tc.q)
		m := jsonBody(t, resp, body)
		if resp.StatusCode != 400 || m["code"] != tc.code || !strings.Contains(m["message"].(string), tc.text) {
			t.Errorf("%s: %d %s", tc.name, resp.StatusCode, body)
		}
	}
	// 500 characters is still a question.
	if resp, body := a.get("/api/search?q=" + strings.Repeat("é", maxQueryLen)); resp.StatusCode != 200 {
		t.Errorf("500 characters: %d %s", resp.StatusCode, body)
	}
}
