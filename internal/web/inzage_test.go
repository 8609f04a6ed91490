package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/store"
)

// inzageTexts is a casus of ons-team with a portrait and an attachment, for the inzage tests.
var inzageTexts = map[string]string{
	"cases/noor-groep-6.md":    "---\ntitle: Noor (groep 6)\nteam: ons-team\nportraits: [noor]\nconsent:\n  - by: moeder\n    for: gesprek met jongerenwerker\n    date: 2026-09-01\n---\nNoor wil graag op voetbal.\n",
	"portraits/noor.md":        "---\ntitle: Noor, 10 jaar\nteam: ons-team\ncases: [noor-groep-6]\n---\nNoor tekent paarden in de pauze.\n",
	"cases/ander-team.md":      "---\ntitle: Casus van een ander team\nteam: ander-team\n---\nNiet van ons.\n",
	"teams/ons-team.md":        "---\ntitle: Ons team\n---\nWij.\n",
	"media/noor/paard.png":     "",
	"leefwereld.yaml":          "retention-years: 2\n",
	"portraits/zonder-zaak.md": "---\ntitle: Los portret\nteam: ons-team\n---\nNiet in de inzage.\n",
}

// newInzageApp is a test app with the inzage pages, committed by Anna's account (so the
// history holds her pseudonymous id), and a lezer of the team.
func newInzageApp(t *testing.T) *testApp {
	t.Helper()
	a := newTestApp(t)
	png := pngBytes(t)
	anna, err := a.accounts.Get("anna")
	if err != nil {
		t.Fatal(err)
	}
	name, email := anna.Author()
	if _, err := a.ws.Store.Update(store.Author{Name: name, Email: email}, "inzage", func(tx *store.Tx) error {
		for p, text := range inzageTexts {
			data := []byte(text)
			if strings.HasSuffix(p, ".png") {
				data = png
			}
			if err := tx.Put(p, data); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	a.user("lees", "Lezer Lies", nil, "ons-team")
	a.user("hoofd", "Hoofd Hans", []access.Role{access.Beheerder}) // manages, in no team
	return a
}

// unzip reads a zip body into its entries.
func unzip(t *testing.T, body string) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(b)
	}
	return out
}

func TestInzageDownload(t *testing.T) {
	a := newInzageApp(t)
	if resp, _ := a.get("/cases/noor-groep-6"); resp.StatusCode != 200 { // a read, for the log
		t.Fatalf("casus: %d", resp.StatusCode)
	}
	resp, body := a.get("/cases/noor-groep-6/inzage")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("inzage: %d %s\n%.300s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	day := a.clock.now().Format("2006-01-02")
	if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="inzage-noor-groep-6-`+day+`.zip"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q", cc)
	}
	files := unzip(t, body)
	for _, name := range []string{"cases/noor-groep-6.md", "cases/noor-groep-6.html", "portraits/noor.md", "portraits/noor.html",
		"media/noor/paard.png", "toestemming.json", "geschiedenis.json", "leeslog.txt", "index.html", "LEESMIJ.txt"} {
		if _, ok := files[name]; !ok {
			t.Errorf("the bundle lacks %s", name)
		}
	}
	if _, ok := files["portraits/zonder-zaak.md"]; ok {
		t.Error("a portrait of another pupil is in the bundle")
	}
	// The view log: the read of the casus page, and this download of every file in it, by name.
	log := files["leeslog.txt"]
	for _, want := range []string{"Anna de Vries\tbekeken\tcases/noor-groep-6.md", "Anna de Vries\tin een inzage gedownload\tcases/noor-groep-6.md",
		"in een inzage gedownload\tportraits/noor.md", "in een inzage gedownload\tmedia/noor/paard.png"} {
		if !strings.Contains(log, want) {
			t.Errorf("leeslog.txt lacks %q:\n%s", want, log)
		}
	}
	anna, _ := a.accounts.Get("anna")
	if strings.Contains(log, anna.ID) {
		t.Error("the view log shows an account id instead of a name")
	}
	// Authors by display name, not by the id in the commits; the maker named.
	var hist []struct {
		Path     string `json:"path"`
		Versions []struct {
			Author string `json:"author"`
		} `json:"versions"`
	}
	if err := json.Unmarshal([]byte(files["geschiedenis.json"]), &hist); err != nil || len(hist) == 0 {
		t.Fatalf("geschiedenis.json: %v", err)
	}
	if got := hist[0].Versions[0].Author; got != "Anna de Vries" {
		t.Errorf("history author %q, want the display name", got)
	}
	if !strings.Contains(files["LEESMIJ.txt"], "Anna de Vries") {
		t.Errorf("LEESMIJ.txt does not say who made it:\n%s", files["LEESMIJ.txt"])
	}
	// The download is in the beheerder's log of the casus, and in the next bundle.
	if _, page := a.get("/cases/noor-groep-6/inzagelog"); !strings.Contains(page, "in een inzage gedownload") {
		t.Error("the inzage log page does not show the download")
	}
	a.clock.add(1e9)
	_, body = a.get("/cases/noor-groep-6/inzage")
	if n := strings.Count(unzip(t, body)["leeslog.txt"], "in een inzage gedownload\tcases/noor-groep-6.md"); n != 2 {
		t.Errorf("the second bundle shows %d downloads of the casus, want 2", n)
	}
	// The casus page offers it to a beheerder, not to a lezer, who is told it is not for them.
	if _, page := a.get("/cases/noor-groep-6"); !strings.Contains(page, `href="/cases/noor-groep-6/inzage" download>Inzage: alles over deze leerling downloaden</a>`) {
		t.Error("the casus page has no inzage link for a beheerder")
	}
	lies := a.as("lees")
	if _, page := lies.get("/cases/noor-groep-6"); strings.Contains(page, "/inzage") || strings.Contains(page, "/wissen") {
		t.Error("a lezer sees the inzage or erase link")
	}
	if resp, page := lies.get("/cases/noor-groep-6/inzage"); resp.StatusCode != 403 || !strings.Contains(page, "Alleen een beheerder kan een inzage downloaden") {
		t.Errorf("a lezer's download: %d", resp.StatusCode)
	}
	// A beheerder outside the team may download it (parents ask the school), and another
	// team's casus too; a casus that does not exist is a 404.
	hans := a.as("hoofd")
	if resp, _ := hans.get("/cases/noor-groep-6/inzage"); resp.StatusCode != 200 {
		t.Errorf("a beheerder outside the team: %d", resp.StatusCode)
	}
	for _, p := range []string{"/cases/bestaat-niet/inzage", "/cases/Noor!/inzage"} {
		if resp, _ := a.get(p); resp.StatusCode != 404 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
	// Nothing of it in a query string anywhere on the page.
	if _, page := a.get("/cases/noor-groep-6"); strings.Contains(page, "inzage?") {
		t.Error("the inzage link carries a query")
	}
}
