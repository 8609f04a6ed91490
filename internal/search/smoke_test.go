package search

import (
	"bytes"
	"testing"
)

func TestSmoke(t *testing.T) {
	data, w := newWorkspace(t, map[string]string{
		"teams/de-boog.md": page("team", "De Boog", "", "Ons team."),
		"portraits/sam.md": page("portrait", "Sam, 11 jaar", "team: de-boog\n", "Sam schaamt zich voor de ruzies thuis. Zijn zelfvertrouwen is laag. Hij is bang voor de hond. Over [[schaamte]] praat hij niet. <script>alert(1)</script>"),
	})
	var buf bytes.Buffer
	x := openIndex(t, data, w, Options{Progress: &buf})
	t.Log(buf.String())
	for _, q := range []string{"schaamte", "ruzie", "vertrouwen", "angst", "bang", "\"ruzies thuis\"", "soort:portret", "alert"} {
		res := search(t, x, Query{Text: q, Size: 5})
		t.Logf("%-20s total=%d %v", q, res.Total, refs(res.Hits))
		for _, h := range res.Hits[:min(2, len(res.Hits))] {
			t.Logf("   %s %.3f %q", h.Ref, h.Score, h.Fragments)
		}
	}
}
