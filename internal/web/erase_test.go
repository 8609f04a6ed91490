package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/datadir"
	"github.com/leefwereld/leefwereld/internal/purge"
	"github.com/leefwereld/leefwereld/internal/purge/purgetest"
	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// eraseFixture is a server as serve runs it — the shared data directory lock, the search
// index — on the workspace the purge tests erase: Lotte's casus among other pages, her name
// in commit messages, half of it packed. Anna is beheerder and schrijver of ons-team.
type eraseFixture struct {
	a    *testApp
	f    *purgetest.Fixture
	idx  *search.Index
	lock *datadir.Held
	// during runs while the erasure has the server to itself.
	during func()
}

func newEraseFixture(t *testing.T) *eraseFixture {
	t.Helper()
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), true)
	lock, err := datadir.Lock(f.Data, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lock.Unlock() })
	ws, err := workspace.Open(f.Data)
	if err != nil {
		t.Fatal(err)
	}
	a := newTestAppOn(t, ws)
	idx, err := search.Open(context.Background(), f.Data, ws.Store, search.Options{Progress: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	e := &eraseFixture{a: a, f: f, idx: idx, lock: lock}
	a.rebuild(WithSearch(idx), WithDataLock(lock), func(s *Server) {
		s.maint.during = func() {
			if e.during != nil {
				e.during()
			}
		}
	})
	a.user("bob", "Bob", nil, "ons-team")
	return e
}

var planField = regexp.MustCompile(`name="plan" value="([0-9a-f]{64})"`)

// head is the branch's commit, read with git.
func (e *eraseFixture) head(t *testing.T) string {
	t.Helper()
	return strings.TrimSpace(purgetest.Git(t, e.f.Repo(), "rev-parse", "main"))
}

// unchanged checks that nothing was erased.
func (e *eraseFixture) unchanged(t *testing.T, head string) {
	t.Helper()
	if e.head(t) != head || !purgetest.Contains(t, e.f.Repo(), purgetest.Secrets[0]) {
		t.Fatal("something was erased")
	}
	if purge.Pending(e.f.Data) {
		t.Fatal("a journal was left")
	}
}

func (e *eraseFixture) search(t *testing.T, q string) *search.Result {
	t.Helper()
	res, err := e.idx.Search(context.Background(), search.Query{Text: q, Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func (e *eraseFixture) searchTotal(t *testing.T, q string) uint64 { return e.search(t, q).Total }

// erasedHits are the hits on pages the erasure took away.
func erasedHits(res *search.Result) []string {
	var out []string
	for _, h := range res.Hits {
		for _, p := range purgetest.Erased {
			if h.Ref.Path() == p {
				out = append(out, p)
			}
		}
	}
	return out
}

// TestEraseFromTheWeb erases Lotte's casus through the web, as a beheerder does: the plan,
// the export, the typed slug. Then the proof the command line's test gives: no object of the
// repository, no file in the data directory and no commit message holds anything of her,
// git fsck is clean, the inzage log has no line about her pages; and the server keeps serving,
// with a search index and link index that know nothing of her.
func TestEraseFromTheWeb(t *testing.T) {
	e := newEraseFixture(t)
	a, casus := e.a, "/cases/"+purgetest.Casus
	for _, p := range []string{casus, "/portraits/lotte", "/portraits/moeder-van-lotte", "/portraits/sam", casus + "/afdrukken"} {
		if resp, _ := a.get(p); resp.StatusCode != 200 {
			t.Fatalf("%s: %d", p, resp.StatusCode)
		}
	}
	if e.searchTotal(t, `"tekeningen onder de trap"`) == 0 || len(erasedHits(e.search(t, "lotte"))) == 0 {
		t.Fatal("the fixture's search index does not find her")
	}
	before := e.head(t)

	// The confirmation page names what goes, what stays and what to look at, and asks for the
	// export first.
	resp, page := a.get(casus + "/wissen")
	if resp.StatusCode != 200 {
		t.Fatalf("confirmation: %d", resp.StatusCode)
	}
	for _, want := range []string{"portraits/lotte.md", "portraits/moeder-van-lotte.md", "frames/tekenen-als-taal.md",
		"portraits/lotje.md</code> (eerdere naam)", "media/lotte/</code> (bijlagen)", "frames/samen-spelen.md</code>: wordt ook gebruikt",
		"portraits/sam.md", "Download eerst de inzage", `href="/cases/lotte-groep-5/inzage" download`} {
		if !strings.Contains(page, want) {
			t.Errorf("the confirmation lacks %q", want)
		}
	}
	if strings.Contains(page, `name="bevestig"`) {
		t.Error("the erase form is there before the export")
	}
	p, err := purge.PlanWith(a.ws.Store, e.f.Data, wiki.Ref{Kind: wiki.Case, Slug: purgetest.Casus}, true)
	if err != nil {
		t.Fatal(err)
	}
	digest := p.Digest()
	confirm := url.Values{"bevestig": {purgetest.Casus}, "plan": {digest}}

	// Refusals: each erases nothing and says why.
	if resp, page := a.post(casus+"/wissen", confirm); resp.StatusCode != 409 || !strings.Contains(page, "Download eerst de export") {
		t.Errorf("without the export: %d", resp.StatusCode)
	}
	e.unchanged(t, before)
	if resp, body := a.get(casus + "/inzage"); resp.StatusCode != 200 || !strings.Contains(unzip(t, body)["leeslog.txt"], "in een inzage gedownload") {
		t.Fatalf("export: %d", resp.StatusCode)
	}
	_, page = a.get(casus + "/wissen")
	m := planField.FindStringSubmatch(page)
	if m == nil || m[1] != digest || !strings.Contains(page, "Je hebt de export in deze sessie gedownload") {
		t.Fatalf("after the export the form carries the plan: %v", m)
	}
	refusals := []struct {
		name   string
		form   url.Values
		status int
		want   string
	}{
		{"nothing typed", url.Values{"plan": {digest}}, 422, "Je typte niet de korte naam van de casus. Er is niets gewist."},
		{"another slug", url.Values{"bevestig": {"lotte"}, "plan": {digest}}, 422, "Je typte niet de korte naam van de casus. Er is niets gewist."},
		{"another plan", url.Values{"bevestig": {purgetest.Casus}, "plan": {strings.Repeat("0", 64)}}, 409, "Wat er gewist wordt, is veranderd"},
		{"no CSRF token", url.Values{"bevestig": {purgetest.Casus}, "plan": {digest}, "_csrf": {"verzonnen"}}, 403, "komt niet van deze site"},
	}
	for _, r := range refusals {
		resp, page := a.post(casus+"/wissen", r.form)
		if resp.StatusCode != r.status || !strings.Contains(page, r.want) {
			t.Errorf("%s: %d, want %d %q", r.name, resp.StatusCode, r.status, r.want)
		}
		e.unchanged(t, before)
	}
	// Someone who may not manage the casus cannot erase it, with or without a confirmation.
	bob := a.as("bob")
	if resp, _ := bob.post(casus+"/wissen", url.Values{"bevestig": {purgetest.Casus}, "plan": {digest}}); resp.StatusCode != 403 {
		t.Errorf("a lezer: %d", resp.StatusCode)
	}
	e.unchanged(t, before)

	// While the erasure runs, every other request gets a 503 in Dutch instead of a half-erased
	// workspace (static files excepted).
	anon := a.browser()
	ran := false
	e.during = func() {
		ran = true
		for _, who := range []*testApp{anon, bob} {
			resp, page := who.get("/portraits/sam")
			if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !strings.Contains(page, "Leefwereld wist nu gegevens") {
				t.Errorf("during the erasure: %d %q", resp.StatusCode, resp.Header.Get("Retry-After"))
			}
		}
		for _, p := range []string{"/api/pages/portraits/sam", "/healthz"} {
			if resp, _ := anon.get(p); resp.StatusCode != 503 || !strings.Contains(resp.Header.Get("Content-Type"), "json") {
				t.Errorf("%s during the erasure: %d", p, resp.StatusCode)
			}
		}
		css, _ := loadAssets()
		u, _ := css.url("style.css")
		if resp, _ := anon.get(u); resp.StatusCode != 200 {
			t.Errorf("a static file during the erasure: %d", resp.StatusCode)
		}
	}
	resp, _ = a.post(casus+"/wissen", confirm)
	e.during = nil
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/beheer/bewaartermijn?gewist=1" {
		t.Fatalf("erase: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if !ran {
		t.Error("the erasure never had the server to itself")
	}

	// The proof.
	e.f.ProveErasedServed(t)
	gone, err := a.accounts.Views(append(purgetest.Erased, "portraits/lotje.md", "cases/lotte-groep-5.md"))
	if err != nil || len(gone) != 0 {
		t.Errorf("the inzage log still has %d lines about erased paths (%v)", len(gone), err)
	}
	if kept, _ := a.accounts.Views([]string{"portraits/sam.md"}); len(kept) == 0 {
		t.Error("the inzage log lost the lines about a page that stays")
	}
	anna, _ := a.accounts.Get("anna")
	log, err := os.ReadFile(filepath.Join(e.f.Data, purge.LogFile))
	if err != nil || !strings.Contains(string(log), "gegevens gewist uit de hele geschiedenis door "+anna.ID) {
		t.Errorf("purge.log: %q %v", log, err)
	}
	if who := purgetest.Git(t, e.f.Repo(), "log", "-1", "--format=%an <%ae>", "main"); strings.TrimSpace(who) != anna.ID+" <"+anna.ID+"@leefwereld.invalid>" {
		t.Errorf("the tombstone's author is %q, want Anna's pseudonymous id", who)
	}

	// The server serves on, from the new history.
	if resp, page := a.get("/beheer/bewaartermijn?gewist=1"); resp.StatusCode != 200 || !strings.Contains(page, "De casus is gewist") {
		t.Errorf("after the erasure: %d", resp.StatusCode)
	}
	for _, p := range []string{casus, "/portraits/lotte", "/portraits/moeder-van-lotte", "/frames/tekenen-als-taal", casus + "/wissen", casus + "/inzage"} {
		if resp, _ := a.get(p); resp.StatusCode != 404 {
			t.Errorf("%s after the erasure: %d, want 404", p, resp.StatusCode)
		}
	}
	resp, page = a.get("/portraits/sam")
	if resp.StatusCode != 200 || !strings.Contains(page, `wikilink--new`) {
		t.Errorf("Sam's portrait: %d, its link to Lotte should now point nowhere", resp.StatusCode)
	}
	for _, p := range []string{"/cases/sam-groep-7", "/", "/recent", "/themes/trots"} {
		if resp, _ := a.get(p); resp.StatusCode != 200 {
			t.Errorf("%s after the erasure: %d", p, resp.StatusCode)
		}
	}
	if _, page := a.get("/recent"); !strings.Contains(page, "Anna de Vries") || !strings.Contains(page, "Gegevens gewist") {
		t.Error("recent changes do not show the tombstone by Anna's display name")
	}
	for _, s := range []string{`"tekeningen onder de trap"`, `"ziekenhuis van Deventer"`, `"meester Joost"`, `"vader het rapport"`} {
		if n := e.searchTotal(t, s); n != 0 {
			t.Errorf("search still finds %s: %d hits", s, n)
		}
	}
	for _, q := range []string{"lotte", "lotje", "tekenen", "moeder", "Deventer"} {
		if hits := erasedHits(e.search(t, q)); len(hits) != 0 {
			t.Errorf("search for %q still finds erased pages %v", q, hits)
		}
	}
	if e.searchTotal(t, "voetbalt") == 0 {
		t.Error("search finds nothing of the pages that stay")
	}
	if e.idx.Commit() != e.head(t) {
		t.Errorf("the search index is at %s, the branch at %s", e.idx.Commit(), e.head(t))
	}
	if resp, body := a.get("/api/search?q=" + url.QueryEscape(`"tekeningen onder de trap"`)); resp.StatusCode != 200 || !strings.Contains(body, `"total":0`) {
		t.Errorf("API search: %d %s", resp.StatusCode, body)
	}
	// Saving works on top of the tombstone.
	cur, err := a.ws.Store.Read("portraits/sam.md", "")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(cur.Content), "met Noor", "met Noor en Daan", 1)
	if resp, _ := a.post("/portraits/sam/bewerken", url.Values{"tekst": {text}, "base": {cur.Blob}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a save after the erasure: %d", resp.StatusCode)
	}
	if parent := purgetest.Git(t, e.f.Repo(), "log", "-1", "--format=%s", "main~1"); strings.TrimSpace(parent) != "Gegevens gewist" {
		t.Errorf("the save is not on top of the tombstone: %q", parent)
	}
	purgetest.Fsck(t, e.f.Repo())
	// The server holds its lock shared again: purge still refuses, other readers may come.
	if _, err := datadir.Lock(e.f.Data, true); !errors.Is(err, datadir.ErrLocked) {
		t.Errorf("the server let go of its lock: %v", err)
	}
	if l, err := datadir.Lock(e.f.Data, false); err != nil {
		t.Errorf("the server kept its lock exclusive: %v", err)
	} else {
		l.Unlock()
	}
}

// While another process reads the data directory (leefwereld inzage), the server cannot have
// it alone: the erasure is refused with nothing erased and the server serves on; once the
// other process is done, the same confirmation goes through.
func TestEraseWaitsForOtherProcesses(t *testing.T) {
	e := newEraseFixture(t)
	a, casus := e.a, "/cases/"+purgetest.Casus
	if resp, _ := a.get(casus + "/inzage"); resp.StatusCode != 200 {
		t.Fatalf("export: %d", resp.StatusCode)
	}
	_, page := a.get(casus + "/wissen")
	m := planField.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no plan on the confirmation page")
	}
	confirm := url.Values{"bevestig": {purgetest.Casus}, "plan": {m[1]}}
	before := e.head(t)
	other, err := datadir.Lock(e.f.Data, false)
	if err != nil {
		t.Fatal(err)
	}
	resp, page := a.post(casus+"/wissen", confirm)
	if resp.StatusCode != 409 || !strings.Contains(page, "Een andere opdracht gebruikt de werkplek nu") {
		t.Errorf("beside another reader: %d\n%s", resp.StatusCode, bodyText(page))
	}
	e.unchanged(t, before)
	for _, p := range []string{casus, "/portraits/sam"} {
		if resp, _ := a.get(p); resp.StatusCode != 200 {
			t.Errorf("%s after a refused erasure: %d", p, resp.StatusCode)
		}
	}
	if e.searchTotal(t, "voetbalt") == 0 {
		t.Error("the search index was not opened again")
	}
	other.Unlock()
	if resp, _ := a.post(casus+"/wissen", confirm); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("erase after the other process: %d", resp.StatusCode)
	}
	if purgetest.Contains(t, e.f.Repo(), purgetest.Secrets[0]) {
		t.Error("not erased")
	}
}

// A server without the data directory's lock (not started by serve) does not erase.
func TestEraseNeedsTheLock(t *testing.T) {
	a := newInzageApp(t)
	a.user("hoofd2", "Hoofd", []access.Role{access.Beheerder}, "ons-team")
	if resp, _ := a.get("/cases/noor-groep-6/inzage"); resp.StatusCode != 200 {
		t.Fatal("export")
	}
	_, page := a.get("/cases/noor-groep-6/wissen")
	if !strings.Contains(page, "Deze server kan niet wissen") || strings.Contains(page, `name="bevestig"`) {
		t.Errorf("the page offers an erasure it cannot do:\n%s", bodyText(page))
	}
	p, err := purge.PlanWith(a.ws.Store, a.ws.Dir(), wiki.Ref{Kind: wiki.Case, Slug: "noor-groep-6"}, true)
	if err != nil {
		t.Fatal(err)
	}
	resp, page := a.post("/cases/noor-groep-6/wissen", url.Values{"bevestig": {"noor-groep-6"}, "plan": {p.Digest()}})
	if resp.StatusCode != 503 || !strings.Contains(page, "Deze server kan niet wissen") {
		t.Errorf("erase without the lock: %d", resp.StatusCode)
	}
	if resp, _ := a.get("/cases/noor-groep-6"); resp.StatusCode != 200 {
		t.Error("the casus is gone")
	}
}

// The erasure plans again once it has the repository to itself; if that plan is not the one
// the beheerder confirmed (here a portrait about her was added at the last moment), it stops
// with nothing erased and shows the new plan.
func TestEraseStopsWhenThePlanChanged(t *testing.T) {
	e := newEraseFixture(t)
	a, casus := e.a, "/cases/"+purgetest.Casus
	if resp, _ := a.get(casus + "/inzage"); resp.StatusCode != 200 {
		t.Fatalf("export: %d", resp.StatusCode)
	}
	_, page := a.get(casus + "/wissen")
	m := planField.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no plan on the confirmation page")
	}
	e.during = func() {
		s, err := store.Open(e.f.Repo())
		if err != nil {
			t.Error(err)
			return
		}
		defer s.Close()
		_, err = s.Update(fixedAuthor, "nieuw portret", func(tx *store.Tx) error {
			return tx.Put("portraits/lotte-thuis.md", []byte("---\ntitle: Thuis\nteam: ons-team\ncases: [lotte-groep-5]\n---\nThuis.\n"))
		})
		if err != nil {
			t.Error(err)
		}
	}
	resp, page := a.post(casus+"/wissen", url.Values{"bevestig": {purgetest.Casus}, "plan": {m[1]}})
	e.during = nil
	if resp.StatusCode != 409 || !strings.Contains(page, "Wat er gewist wordt, is veranderd") || !strings.Contains(page, "portraits/lotte-thuis.md") {
		t.Fatalf("a plan that changed at the last moment: %d\n%s", resp.StatusCode, bodyText(page))
	}
	if !purgetest.Contains(t, e.f.Repo(), purgetest.Secrets[0]) || purge.Pending(e.f.Data) {
		t.Fatal("something was erased")
	}
	if resp, _ := a.get("/portraits/lotte-thuis"); resp.StatusCode != 200 {
		t.Errorf("the server does not see the new portrait: %d", resp.StatusCode)
	}
	m = planField.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the new plan has no form")
	}
	if resp, _ := a.post(casus+"/wissen", url.Values{"bevestig": {purgetest.Casus}, "plan": {m[1]}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("erase with the new plan: %d", resp.StatusCode)
	}
	if resp, _ := a.get("/portraits/lotte-thuis"); resp.StatusCode != 404 {
		t.Errorf("the new portrait was not erased: %d", resp.StatusCode)
	}
}
