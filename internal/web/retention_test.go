package web

import (
	"strings"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/store"
)

func TestRetentionPage(t *testing.T) {
	a := newTestApp(t)
	casus := func(title, team, extra string) string {
		return "---\ntitle: " + title + "\nteam: " + team + "\n" + extra + "---\nTekst.\n"
	}
	pages := map[string]string{
		"cases/a-bewaren.md":  casus("Casus A", "ons-team", "keep-until: 2020-01-31\n"),
		"cases/b-afgerond.md": casus("Casus B", "ons-team", "status: afgerond\nclosed: 2017-06-30\n"),
		"cases/c-open.md":     casus("Casus C", "ons-team", ""),
		"cases/d-later.md":    casus("Casus D", "ons-team", "keep-until: 2099-01-01\n"),
		"cases/f-zonder.md":   casus("Casus F", "ons-team", "status: afgerond\n"),
		"cases/x-ander.md":    casus("Geheime titel van een ander team", "ander-team", "keep-until: 2021-05-01\n"),
	}
	if _, err := a.ws.Store.Update(fixedAuthor, "casussen", func(tx *store.Tx) error {
		for p, text := range pages {
			if err := tx.Put(p, []byte(text)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	resp, page := a.get("/beheer/bewaartermijn")
	if resp.StatusCode != 200 {
		t.Fatalf("retention page: %d", resp.StatusCode)
	}
	main := bodyText(page)
	// Due, oldest first: b (2019-06-30), a (2020-01-31), the other team's (2021-05-01).
	ib, ia, ix := strings.Index(main, "Casus B"), strings.Index(main, "Casus A"), strings.Index(main, "x-ander")
	if ib < 0 || ia < 0 || ix < 0 || !(ib < ia && ia < ix) {
		t.Errorf("order b, a, x-ander: %d %d %d\n%s", ib, ia, ix, main)
	}
	for _, want := range []string{
		"30 juni 2019", "afgerond op 30 juni 2017; de werkplek bewaart een casus 2 jaar na het afronden",
		"31 januari 2020", "de casus zegt zelf tot wanneer (keep-until)",
		`href="/cases/a-bewaren/inzage" download`, "Kan nadat je de export in deze sessie hebt gedownload",
		"Zonder bewaartermijn", "Casus F", "afgerond, maar zonder closed en zonder keep-until",
	} {
		if !strings.Contains(main, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, not := range []string{"Casus C", "Casus D", "Geheime titel", `href="/cases/a-bewaren/wissen"`} {
		if strings.Contains(main, not) {
			t.Errorf("the page shows %q", not)
		}
	}
	// After the export of this session, the erase link is there for that casus only.
	if resp, _ := a.get("/cases/a-bewaren/inzage"); resp.StatusCode != 200 {
		t.Fatalf("export: %d", resp.StatusCode)
	}
	_, page = a.get("/beheer/bewaartermijn")
	if !strings.Contains(page, `href="/cases/a-bewaren/wissen"`) || strings.Contains(page, `href="/cases/b-afgerond/wissen"`) {
		t.Error("the erase link should come after the export, for that casus only")
	}
	if !strings.Contains(page, "Gedownload op") {
		t.Error("the page does not say the export was downloaded")
	}
	// A new session has downloaded nothing yet.
	a.clock.add(time.Second)
	a.signIn("anna")
	if _, page := a.get("/beheer/bewaartermijn"); strings.Contains(page, `href="/cases/a-bewaren/wissen"`) {
		t.Error("an export of an earlier session counts")
	}
	// After an erasure the page says so; the address carries a flag, nothing else.
	if _, page := a.get("/beheer/bewaartermijn?gewist=1"); !strings.Contains(page, "De casus is gewist, uit de werkplek en uit de hele geschiedenis.") {
		t.Error("no notice after an erasure")
	}
	// A broken settings file stops the list with a Dutch message instead of a guess.
	if _, err := a.ws.Store.Update(fixedAuthor, "kapot", func(tx *store.Tx) error {
		return tx.Put("leefwereld.yaml", []byte("retention-years: honderd\n"))
	}); err != nil {
		t.Fatal(err)
	}
	resp, page = a.get("/beheer/bewaartermijn")
	if resp.StatusCode != 500 || !strings.Contains(page, "leefwereld.yaml heeft een fout") || strings.Contains(page, "Casus B") {
		t.Errorf("broken settings: %d\n%s", resp.StatusCode, bodyText(page))
	}
}
