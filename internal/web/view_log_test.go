package web

import (
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Every read of a portrait or casus is in the inzage log — who, which file, when, how; never
// any text — and a beheerder sees it per page and downloads it.
func TestViewLog(t *testing.T) {
	f := newMatrixFixture(t)
	lezerA, schrijverA, beheerder := f.people[1], f.people[2], f.people[4]
	for _, path := range []string{"/portraits/kind-a", "/cases/casus-a/afdrukken", "/media/kind-a/foto.png",
		"/themes/gedeeld-thema", "/frames/frame-b"} {
		if resp, _ := lezerA.get(path); resp.StatusCode != 200 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
	}
	req := httptest.NewRequest(http.MethodGet, "/api/pages/portrait/kind-a", nil)
	req.Header.Set("Authorization", "Bearer "+schrijverA.apiToken())
	if resp, _ := schrijverA.do(req); resp.StatusCode != 200 {
		t.Fatalf("API read: %d", resp.StatusCode)
	}
	schrijverA.get("/portraits/kind-a/bewerken")
	// Someone who may not read the page leaves no line: nothing was shown.
	f.people[3].get("/portraits/kind-a")

	views, err := f.a.accounts.Views([]string{"portraits/kind-a.md", "cases/casus-a.md", "media/kind-a/foto.png",
		"themes/gedeeld-thema.md", "frames/frame-b.md"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, v := range views {
		got[v.Path+" "+v.What]++
	}
	want := map[string]int{
		"portraits/kind-a.md bekeken": 1, "portraits/kind-a.md afgedrukt": 1, "cases/casus-a.md afgedrukt": 1,
		"media/kind-a/foto.png bijlage bekeken": 1, "portraits/kind-a.md gelezen via de API": 1,
		"portraits/kind-a.md geopend om te bewerken": 1,
	}
	if len(got) != len(want) {
		t.Errorf("log: %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%q: %d lines, want %d (log %v)", k, got[k], n, got)
		}
	}

	// The beheerder, who is not in team A, sees the log but not the page: no title, no text.
	resp, body := beheerder.get("/portraits/kind-a/inzagelog")
	if resp.StatusCode != 200 {
		t.Fatalf("log page: %d", resp.StatusCode)
	}
	mustContain(t, "log page", body, "Inzagelog van portraits/kind-a.md", "<td>Lezer A</td><td>bekeken</td>",
		"<td>Schrijver A</td><td>gelezen via de API</td>", "<code>media/kind-a/foto.png</code>", "5 keer gelezen")
	for _, secret := range []string{"Kind van team A", "Geheime"} {
		if strings.Contains(body, secret) {
			t.Errorf("the log page shows %q", secret)
		}
	}
	resp, body = beheerder.get("/portraits/kind-a/inzagelog.csv")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("csv: %d %v", resp.StatusCode, resp.Header)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(rows) != 6 || strings.Join(rows[0], ",") != "tijd,naam,account,bestand,wat" {
		t.Fatalf("csv rows: %v %v", rows, err)
	}
	if strings.Contains(body, "Geheime") {
		t.Error("the CSV holds page text")
	}
	// The log of the casus has its own lines.
	_, body = beheerder.get("/cases/casus-a/inzagelog")
	mustContain(t, "casus log", body, "<td>Lezer A</td><td>afgedrukt</td>", "1 keer gelezen")

	// The history of the page links to the log, for a beheerder who reads the page.
	f.a.join("beheerder", "team-a")
	_, body = beheerder.get("/portraits/kind-a/geschiedenis")
	mustContain(t, "history as beheerder", body, `<a href="/portraits/kind-a/inzagelog">wie deze pagina heeft gelezen (inzagelog)</a>`)
	_, body = schrijverA.get("/portraits/kind-a/geschiedenis")
	if strings.Contains(body, "inzagelog") {
		t.Error("a schrijver is offered the inzage log")
	}
	_, body = beheerder.get("/portraits/kind-a/inzagelog")
	mustContain(t, "log as a reader of the page", body, "Inzagelog van Kind van team A", "Terug naar de geschiedenis")
}
