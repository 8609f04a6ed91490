package web

import (
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

func TestAPIPageHistory(t *testing.T) {
	a := newTestApp(t)
	ref := wiki.Ref{Kind: wiki.Portrait, Slug: "sam"}
	first := a.save(ref, threeParagraphs, "", "Anna")
	second := a.save(ref, threeParagraphs+"\nVier.\n", first.Blob, "Karim")

	for _, path := range []string{"/api/pages/portrait/sam/history", "/api/pages/portraits/sam/history"} {
		resp, body := a.get(path)
		m := jsonBody(t, resp, body)
		if resp.StatusCode != 200 || m["kind"] != "portrait" || m["slug"] != "sam" {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
		}
		revs := m["revisions"].([]any)
		if len(revs) != 2 {
			t.Fatalf("%d revisions: %s", len(revs), body)
		}
		for i, want := range []struct{ commit, blob, op, author string }{
			{second.Commit, second.Blob, "changed", "Karim"},
			{first.Commit, first.Blob, "created", "Anna"},
		} {
			r := revs[i].(map[string]any)
			if r["commit"] != want.commit || r["revision"] != want.blob || r["op"] != want.op || r["author"] != want.author ||
				r["path"] != "portraits/sam.md" || r["message"] == "" {
				t.Errorf("revision %d: %#v", i, r)
			}
			if _, err := time.Parse(time.RFC3339, r["date"].(string)); err != nil {
				t.Errorf("date %v: %v", r["date"], err)
			}
			if _, ok := r["old_path"]; ok {
				t.Errorf("old_path on a revision that is no rename: %#v", r)
			}
		}
	}
}
