package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/access"
)

// TestAdminChangesAnAccount: a beheerder moves someone to another team and makes them a
// schrijver; the change holds from the next request. The last beheerder keeps the role.
func TestAdminChangesAnAccount(t *testing.T) {
	a := newTestApp(t)
	a.post("/beheer/accounts/nieuw", url.Values{"naam": {"karim"}, "weergavenaam": {"Karim"}, "wachtwoord": {testPassword}, "team": {"ons-team"}})
	karim := a.browser()
	if resp, _ := karim.login("karim", testPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	if resp, _ := karim.get("/themes/schaamte/bewerken"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a lezer opens the editor: %d", resp.StatusCode)
	}
	_, form := a.get("/beheer/accounts/karim/wijzigen")
	mustContain(t, "form", form, "Account van karim wijzigen", `value="Karim"`, `name="team" type="checkbox" value="ons-team" checked`)
	if strings.Contains(form, `name="wachtwoord"`) || strings.Contains(form, `name="naam"`) {
		t.Error("the edit form offers the login name or a password")
	}
	resp, _ := a.post("/beheer/accounts/karim/wijzigen", url.Values{"weergavenaam": {"Karim B."}, "schrijver": {"1"}, "andere-teams": {"de-boog"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/beheer/accounts?gewijzigd=1" {
		t.Fatalf("change: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	acc := a.mustAccount("karim")
	if acc.Display != "Karim B." || !acc.Has(access.Schrijver) || strings.Join(teamStrings(acc), ",") != "de-boog" {
		t.Errorf("account after the change: %+v", acc)
	}
	if resp, _ := karim.get("/themes/schaamte/bewerken"); resp.StatusCode != http.StatusOK {
		t.Errorf("the new schrijver cannot edit a theme on the next request: %d", resp.StatusCode)
	}
	// Anna is the only beheerder: taking the role from her is refused, and nothing changes.
	resp, body := a.post("/beheer/accounts/anna/wijzigen", url.Values{"weergavenaam": {"Iemand anders"}, "schrijver": {"1"}, "team": {"ons-team"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "laatste beheerder") {
		t.Errorf("last beheerder: %d\n%s", resp.StatusCode, bodyText(body))
	}
	if anna := a.mustAccount("anna"); !anna.Has(access.Beheerder) || anna.Display == "Iemand anders" {
		t.Errorf("anna changed anyway: %+v", anna)
	}
	if resp, _ := a.get("/beheer/accounts/niemand/wijzigen"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown account: %d", resp.StatusCode)
	}
}
