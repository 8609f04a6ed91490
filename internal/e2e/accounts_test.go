package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestAccountPages logs out and in with the keyboard's order of fields, runs axe on the login
// page (with its error), the account page and the beheerder's pages, and makes an account.
func TestAccountPages(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t) // Anna, signed in through the login page
	axe := axeSource(t)

	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Click(chromedp.CSS(`form[action="/uitloggen"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#login-naam")),
	)
	if err != nil {
		t.Fatalf("log out: %v", err)
	}
	if got := text(t, ctx); !strings.Contains(got, "Je bent uitgelogd.") {
		t.Errorf("after logging out:\n%s", got)
	}
	checkAccessibility(t, ctx, axe, "login page")
	// Anonymous, a page sends you to the login page and back there afterwards.
	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/themes/schaamte"),
		chromedp.WaitVisible(chromedp.CSS("#login-naam")),
		chromedp.SetValue(chromedp.CSS("#login-naam"), "anna"),
		chromedp.SetValue(chromedp.CSS("#login-wachtwoord"), "fout wachtwoord"),
		chromedp.Click(chromedp.CSS(`form[action="/inloggen"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#fouten")),
	)
	if err != nil {
		t.Fatalf("wrong password: %v", err)
	}
	if focused := eval[string](t, ctx, "document.activeElement.id"); focused != "fouten" {
		t.Errorf("the error summary does not have the focus: %q", focused)
	}
	checkAccessibility(t, ctx, axe, "login page with an error")
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#login-wachtwoord"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/inloggen"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.account-nav`)),
	)
	if err != nil {
		t.Fatalf("log in: %v", err)
	}
	if loc := eval[string](t, ctx, "location.pathname"); loc != "/themes/schaamte" {
		t.Errorf("after login at %s, want the page asked for", loc)
	}

	for _, page := range []struct{ path, want string }{
		{"/account", "Waar je bent ingelogd"},
		{"/beheer/accounts", "Alle accounts"},
		{"/beheer/accounts/nieuw", "Wat mag deze persoon?"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+page.path), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
			t.Fatal(err)
		}
		if got := text(t, ctx); !strings.Contains(got, page.want) {
			t.Errorf("%s:\n%s", page.path, got)
		}
		checkAccessibility(t, ctx, axe, page.path)
	}
	// A new account with a generated password, shown once.
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#acc-naam"), "karim"),
		chromedp.SetValue(chromedp.CSS("#acc-weergave"), "Karim"),
		chromedp.Click(chromedp.CSS(`input[name=team][value="ons-team"]`)),
		chromedp.Click(chromedp.CSS(`form[action="/beheer/accounts/nieuw"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#nieuw-wachtwoord")),
	)
	if err != nil {
		t.Fatalf("new account: %v\n%s", err, text(t, ctx))
	}
	checkAccessibility(t, ctx, axe, "new account with its password")
	pw := eval[string](t, ctx, `document.getElementById("nieuw-wachtwoord").value`)
	if _, err := srv.Accounts.Authenticate("karim", pw); err != nil {
		t.Errorf("the password shown does not sign Karim in: %v", err)
	}
}
