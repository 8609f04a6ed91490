package web

import (
	"bytes"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/throttle"
)

// cookieOf returns the Set-Cookie of name in a response.
func cookieOf(resp *http.Response, name string) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestLoginLogoutAndTheWayBack(t *testing.T) {
	a := newTestApp(t)
	b := a.browser()
	// Not signed in: a page sends you to the login page, and remembers where you were going.
	resp, _ := b.get("/themes/schaamte")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/inloggen" {
		t.Fatalf("anonymous page: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if b.cookies[returnCookie] != "/themes/schaamte" {
		t.Errorf("return path not kept: %v", b.cookies)
	}
	// A search question is never kept: it may name a pupil.
	b.get("/zoeken?q=Sam")
	if strings.Contains(b.cookies[returnCookie], "Sam") {
		t.Errorf("the query went into a cookie: %q", b.cookies[returnCookie])
	}
	b.get("/themes/schaamte")
	// A session id planted before the login is worthless after it (no fixation).
	secret, _, err := a.accounts.StartSession(a.user("karim", "Karim", nil, "ons-team").ID)
	if err != nil {
		t.Fatal(err)
	}
	b.cookies[sessionCookie] = secret
	resp, body := b.login("anna", testPassword)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/themes/schaamte" {
		t.Fatalf("login: %d %q\n%s", resp.StatusCode, resp.Header.Get("Location"), bodyText(body))
	}
	c := cookieOf(resp, sessionCookie)
	if c == nil || c.Value == secret || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure {
		t.Errorf("session cookie: %+v", c)
	}
	if _, _, err := a.accounts.CheckSession(secret); err == nil {
		t.Error("the planted session still works after the login")
	}
	resp, body = b.get("/themes/schaamte")
	if resp.StatusCode != 200 || !strings.Contains(body, `<a href="/account">Anna de Vries</a>`) {
		t.Fatalf("after login: %d", resp.StatusCode)
	}
	b.readCSRF()
	// Logging out ends the session in the database: a copy of the cookie is worthless.
	stolen := b.cookies[sessionCookie]
	resp, _ = b.post("/uitloggen", url.Values{})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/inloggen?uitgelogd=1" || b.cookies[sessionCookie] != "" {
		t.Fatalf("logout: %d %q %v", resp.StatusCode, resp.Header.Get("Location"), b.cookies)
	}
	thief := a.browser()
	thief.cookies[sessionCookie] = stolen
	if resp, _ := thief.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a copied cookie after logout: %d", resp.StatusCode)
	}
	if _, body := b.get("/inloggen?uitgelogd=1"); !strings.Contains(body, "Je bent uitgelogd.") {
		t.Error("no word that you are logged out")
	}
	// A form sent after the session ended is not lost in a redirect: the login page says so.
	resp, body = b.post("/themes/schaamte/bewerken", url.Values{"tekst": {"mijn tekst"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "daar staat je tekst nog") {
		t.Errorf("a form after logout: %d\n%s", resp.StatusCode, bodyText(body))
	}
	// The API says 401 in JSON.
	resp, body = b.get("/api/pages/theme/schaamte")
	if m := jsonBody(t, resp, body); resp.StatusCode != http.StatusUnauthorized || m["code"] != "signed-out" {
		t.Errorf("API without a session: %d %s", resp.StatusCode, body)
	}
}

func TestWrongPasswordAndThrottle(t *testing.T) {
	a := newTestApp(t)
	b := a.browser()
	resp, body := b.login("anna", "verkeerd wachtwoord")
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "De naam of het wachtwoord klopt niet.") {
		t.Fatalf("wrong password: %d", resp.StatusCode)
	}
	// An unknown name gets the very same answer.
	_, other := b.login("niemand", "verkeerd wachtwoord")
	if !strings.Contains(other, "De naam of het wachtwoord klopt niet.") {
		t.Error("an unknown name is answered differently")
	}
	for range throttle.AccountRule.Free - 1 {
		b.login("anna", "verkeerd wachtwoord")
	}
	// The failure after the free ones says at once that the next try has to wait.
	if _, body := b.login("anna", "verkeerd wachtwoord"); !strings.Contains(body, "Probeer het over 1 minuut opnieuw.") {
		t.Errorf("the failure that starts the wait does not say so:\n%s", bodyText(body))
	}
	// Now even the right password has to wait, and the page says how long, in Dutch.
	resp, body = b.login("anna", testPassword)
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Er is te vaak een verkeerd wachtwoord geprobeerd. Probeer het over 1 minuut opnieuw.") {
		t.Fatalf("throttled login: %d\n%s", resp.StatusCode, bodyText(body))
	}
	a.clock.add(time.Minute)
	if resp, _ := b.login("anna", testPassword); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after the wait: %d", resp.StatusCode)
	}
	// A login form from another site (no matching form token) signs nobody in.
	c := a.browser()
	form := url.Values{"naam": {"anna"}, "wachtwoord": {testPassword}, "_csrf": {"van-een-andere-site"}}
	req := httptest.NewRequest(http.MethodPost, "/inloggen", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, _ := c.do(req); resp.StatusCode != http.StatusForbidden || c.cookies[sessionCookie] != "" {
		t.Errorf("cross-site login: %d", resp.StatusCode)
	}
}

// Sessions end 30 minutes after the last request and 12 hours after the login, end to end.
func TestSessionExpiry(t *testing.T) {
	a := newTestApp(t)
	a.clock.add(29 * time.Minute)
	if resp, _ := a.get("/"); resp.StatusCode != 200 {
		t.Fatalf("after 29 idle minutes: %d", resp.StatusCode)
	}
	a.clock.add(31 * time.Minute)
	if resp, _ := a.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("after 31 idle minutes: %d", resp.StatusCode)
	}
	// Busy all day: still out after twelve hours.
	a.signIn("anna")
	for range 12*3 - 1 {
		a.clock.add(20 * time.Minute)
		if resp, _ := a.get("/"); resp.StatusCode != 200 {
			t.Fatalf("busy session ended early: %d", resp.StatusCode)
		}
	}
	a.clock.add(21 * time.Minute)
	if resp, _ := a.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after twelve busy hours: %d", resp.StatusCode)
	}
}

func TestLogoutEverywhereAndDisabledAccounts(t *testing.T) {
	a := newTestApp(t)
	phone := a.as("anna")
	if resp, _ := a.post("/uitloggen/overal", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("log uit op alle apparaten: %d", resp.StatusCode)
	}
	if resp, _ := phone.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the other device is still signed in: %d", resp.StatusCode)
	}
	// A beheerder disables Bob: his session and his API token stop at once.
	a.signIn("anna")
	a.user("bob", "Bob", []access.Role{access.Schrijver}, "ons-team")
	bob := a.as("bob")
	token := bob.apiToken()
	api := func(token string) int {
		req := httptest.NewRequest(http.MethodGet, "/api/pages/theme/schaamte", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := a.app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode
	}
	if api(token) != 200 {
		t.Fatal("Bob's token does not work")
	}
	if resp, _ := a.post("/beheer/accounts/bob/uitzetten", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", resp.StatusCode)
	}
	if resp, _ := bob.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a disabled account's session: %d", resp.StatusCode)
	}
	if got := api(token); got != http.StatusUnauthorized {
		t.Errorf("a disabled account's token: %d", got)
	}
	if resp, body := bob.login("bob", testPassword); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Dit account is uitgezet") {
		t.Errorf("a disabled account logs in: %d", resp.StatusCode)
	}
	_, body := a.get("/beheer/accounts?uitgezet=1")
	mustContain(t, "list", body, "Het account is uitgezet.", "<td>uitgezet</td>")
	// The last beheerder cannot disable herself.
	if resp, body := a.post("/beheer/accounts/anna/uitzetten", url.Values{}); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "laatste beheerder") {
		t.Errorf("disable the last beheerder: %d", resp.StatusCode)
	}
	// Enabled again, Bob signs in; a beheerder can sign him out everywhere.
	a.post("/beheer/accounts/bob/aanzetten", url.Values{})
	bob.signIn("bob")
	if got := api(token); got != 200 {
		t.Errorf("the token after enabling: %d", got)
	}
	if resp, _ := a.post("/beheer/accounts/bob/sessies-beeindigen", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("end Bob's sessions: %d", resp.StatusCode)
	}
	if resp, _ := bob.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("Bob is still signed in: %d", resp.StatusCode)
	}
	if resp, _ := a.post("/beheer/accounts/niemand/uitzetten", url.Values{}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("disable an unknown account: %d", resp.StatusCode)
	}
}

// A JSON write with the session cookie needs the session's CSRF token in a header; with an
// API token it needs none (a browser never sends one by itself).
func TestAPIWritesAndCSRF(t *testing.T) {
	a := newTestApp(t)
	f, err := a.ws.Store.Read("themes/schaamte.md", "")
	if err != nil {
		t.Fatal(err)
	}
	body := `{"text":` + jsonString(string(f.Content)+"\nNog een zin.\n") + `,"base":"` + f.Blob + `"}`
	put := func(header, value string) int {
		req := httptest.NewRequest(http.MethodPut, "/api/pages/theme/schaamte", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if header != "" {
			req.Header.Set(header, value)
		}
		resp, _ := a.do(req)
		return resp.StatusCode
	}
	if got := put("", ""); got != http.StatusForbidden {
		t.Errorf("cookie without CSRF header: %d", got)
	}
	if got := put("X-CSRF-Token", "fout"); got != http.StatusForbidden {
		t.Errorf("cookie with a wrong CSRF header: %d", got)
	}
	if got := put("X-CSRF-Token", a.csrf); got != 200 {
		t.Errorf("cookie with the CSRF header: %d", got)
	}
	if got := put("Authorization", "Bearer lw_verzonnen"); got != http.StatusUnauthorized {
		t.Errorf("a made-up token: %d", got)
	}
	if got := put("Authorization", "Bearer "+a.apiToken()); got != 200 {
		t.Errorf("an API token: %d", got)
	}
	// A token sent to a page (not /api/) is not a way in.
	b := a.browser()
	req := httptest.NewRequest(http.MethodGet, "/themes/schaamte", nil)
	req.Header.Set("Authorization", "Bearer "+a.apiToken())
	if resp, _ := b.do(req); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("token on a page: %d", resp.StatusCode)
	}
}

func jsonString(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Over HTTPS the session cookie is Secure and carries the __Host- prefix.
func TestSecureCookies(t *testing.T) {
	a := newTestApp(t, WithBaseURL("https://leefwereld.school.example"))
	b := a.browser()
	_, page := b.get("/inloggen")
	form := url.Values{"naam": {"anna"}, "wachtwoord": {testPassword}, "_csrf": {formToken(page)}}
	req := httptest.NewRequest(http.MethodPost, "/inloggen", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, _ := b.do(req)
	c := cookieOf(resp, "__Host-"+sessionCookie)
	if resp.StatusCode != http.StatusSeeOther || c == nil || !c.Secure || !c.HttpOnly || c.Path != "/" || c.Domain != "" {
		t.Fatalf("login over https: %d %+v", resp.StatusCode, resp.Cookies())
	}
	if resp, _ := b.get("/"); resp.StatusCode != 200 {
		t.Errorf("signed in with the __Host- cookie: %d", resp.StatusCode)
	}
	// The plain name means nothing here.
	d := a.browser()
	d.cookies[sessionCookie] = c.Value
	if resp, _ := d.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the plain cookie name over https: %d", resp.StatusCode)
	}
}

func TestPrivateHeaders(t *testing.T) {
	a := newTestApp(t)
	a.save(matrixPages["portret"], "---\ntitle: Sam\nteam: ons-team\n---\nTekst.\n", "", "Anna")
	for _, path := range []string{"/portraits/kind-a", "/portraits/kind-a/geschiedenis", "/zoeken?q=sam", "/api/search?q=sam", "/", "/inloggen"} {
		resp, _ := a.get(path)
		if resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("Referrer-Policy") != "same-origin" ||
			!strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("%s: Cache-Control %q, Referrer-Policy %q, CSP %q", path, resp.Header.Get("Cache-Control"),
				resp.Header.Get("Referrer-Policy"), resp.Header.Get("Content-Security-Policy"))
		}
	}
}

// The set-up link works from this machine only, once, for 30 minutes, and only while there
// are no accounts; it makes a beheerder and signs her in.
func TestSetup(t *testing.T) {
	a := newTestApp(t)
	// With accounts there is no set-up.
	if _, _, err := a.accounts.StartSetup(); err == nil {
		t.Fatal("a set-up token while accounts exist")
	}
	// A fresh workspace: its own accounts database, no accounts.
	fresh := newTestApp(t)
	st, err := accounts.Open(t.TempDir(), accounts.Options{Now: fresh.clock.now, Password: cheapHash})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fresh.accounts = st
	fresh.rebuild()
	token, _, err := st.StartSetup()
	if err != nil {
		t.Fatal(err)
	}
	// From app.Test the client is 0.0.0.0: not this machine's loopback.
	if resp, body := fresh.browser().get(SetupPath(token)); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "alleen in een browser op de computer") {
		t.Errorf("set-up from elsewhere: %d", resp.StatusCode)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go fresh.app.Listener(ln)
	t.Cleanup(func() { fresh.app.Shutdown() })
	base := "http://" + ln.Addr().String()
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := browser.Get(base + SetupPath(token))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("set-up form: %v %v", resp, err)
	}
	resp.Body.Close()
	form := url.Values{"naam": {"ib"}, "weergavenaam": {"Intern begeleider"}, "wachtwoord": {testPassword}, "wachtwoord2": {"anders"}, "teams": {"ons-team"}}
	if resp, _ := browser.PostForm(base+SetupPath(token), form); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("two different passwords: %d", resp.StatusCode)
	}
	form.Set("wachtwoord2", testPassword)
	resp, err = browser.PostForm(base+SetupPath(token), form)
	if err != nil || resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account?welkom=1" {
		t.Fatalf("set-up: %v %v", resp, err)
	}
	acc, err := st.Get("ib")
	if err != nil || !acc.Has(access.Beheerder) || acc.Has(access.Schrijver) || len(acc.Teams) != 1 {
		t.Errorf("the first account: %+v %v", acc, err)
	}
	if resp, err := browser.Get(base + "/account"); err != nil || resp.StatusCode != 200 {
		t.Errorf("signed in after set-up: %v %v", resp, err)
	}
	// Once only.
	resp, err = browser.Get(base + SetupPath(token))
	if err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("the link after use: %v %v", resp, err)
	}
}

func TestSetupLinkExpires(t *testing.T) {
	a := newTestApp(t)
	st, err := accounts.Open(t.TempDir(), accounts.Options{Now: a.clock.now, Password: cheapHash})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	token, _, err := st.StartSetup()
	if err != nil {
		t.Fatal(err)
	}
	a.clock.add(accounts.SetupValid + time.Second)
	if err := st.CheckSetup(token); err == nil {
		t.Error("the set-up token works after 30 minutes")
	}
}

func TestAccountPage(t *testing.T) {
	a := newTestApp(t)
	phone := a.as("anna")
	resp, body := a.get("/account")
	if resp.StatusCode != 200 {
		t.Fatal(resp.StatusCode)
	}
	mustContain(t, "account", body, "<dd>anna</dd>", "<dd>Anna de Vries</dd>", "schrijver, beheerder", "(dit apparaat)",
		`action="/uitloggen/overal"`)
	if n := strings.Count(body, "/beeindigen"); n != 2 {
		t.Errorf("%d sessions listed, want 2", n)
	}
	// A token is shown once, on the page that answers.
	resp, body = a.post("/account/sleutels", url.Values{})
	if resp.StatusCode != 200 || !strings.Contains(body, `value="lw_`) {
		t.Fatalf("new token: %d", resp.StatusCode)
	}
	tokens, _ := a.accounts.Tokens(a.mustAccount("anna").ID)
	if len(tokens) != 1 || !strings.Contains(body, tokens[0].ID) {
		t.Fatalf("tokens: %+v", tokens)
	}
	_, body = a.get("/account")
	if strings.Contains(body, `value="lw_`) {
		t.Error("the token is shown again")
	}
	if resp, _ := a.post("/account/sleutels/"+tokens[0].ID+"/intrekken", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("revoke: %d", resp.StatusCode)
	}
	if tokens, _ := a.accounts.Tokens(a.mustAccount("anna").ID); len(tokens) != 0 {
		t.Error("the token is still there")
	}
	// Sign the phone out from here.
	sessions, _ := a.accounts.Sessions(a.mustAccount("anna").ID)
	cur, _, _ := a.accounts.CheckSession(phone.cookies[sessionCookie])
	for _, s := range sessions {
		if s.Handle == cur.Handle {
			a.post("/account/sessies/"+s.Handle+"/beeindigen", url.Values{})
		}
	}
	if resp, _ := phone.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the phone is still signed in: %d", resp.StatusCode)
	}
	// A new password: the current one first; then other devices are signed out, this one not.
	phone.signIn("anna")
	if resp, body := a.post("/account/wachtwoord", url.Values{"huidig": {"fout"}, "nieuw": {"nog een lang wachtwoord"}, "nieuw2": {"nog een lang wachtwoord"}}); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Je huidige wachtwoord klopt niet") {
		t.Errorf("wrong current password: %d", resp.StatusCode)
	}
	if resp, body := a.post("/account/wachtwoord", url.Values{"huidig": {testPassword}, "nieuw": {"kort"}, "nieuw2": {"kort"}}); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "te kort") {
		t.Errorf("short password: %d", resp.StatusCode)
	}
	resp, _ = a.post("/account/wachtwoord", url.Values{"huidig": {testPassword}, "nieuw": {"nog een lang wachtwoord"}, "nieuw2": {"nog een lang wachtwoord"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("new password: %d", resp.StatusCode)
	}
	if resp, _ := a.get("/account?wachtwoord=1"); resp.StatusCode != 200 {
		t.Errorf("this browser was signed out: %d", resp.StatusCode)
	}
	if resp, _ := phone.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the phone kept its session after a new password: %d", resp.StatusCode)
	}
	if resp, _ := phone.login("anna", "nog een lang wachtwoord"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("login with the new password: %d", resp.StatusCode)
	}
}

func (a *testApp) mustAccount(name string) accounts.Account {
	a.t.Helper()
	acc, err := a.accounts.Get(name)
	if err != nil {
		a.t.Fatal(err)
	}
	return acc
}

func TestAdminAddsAnAccount(t *testing.T) {
	a := newTestApp(t)
	_, body := a.get("/beheer/accounts/nieuw")
	mustContain(t, "form", body, `name="team" type="checkbox" value="ons-team"`)
	resp, body := a.post("/beheer/accounts/nieuw", url.Values{"naam": {"karim"}, "weergavenaam": {"Karim"},
		"schrijver": {"1"}, "team": {"ons-team"}, "andere-teams": {"de-boog"}})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("add: %d\n%s", resp.StatusCode, bodyText(body))
	}
	pw := regexp1(`id="nieuw-wachtwoord" class="copy-source" type="text" value="([^"]+)"`, body)
	acc, err := a.accounts.Get("karim")
	if err != nil || pw == "" || !acc.Has(access.Schrijver) || acc.Has(access.Beheerder) || strings.Join(teamStrings(acc), ",") != "de-boog,ons-team" {
		t.Fatalf("account %+v, password %q, %v", acc, pw, err)
	}
	b := a.browser()
	if resp, _ := b.login("karim", pw); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("login with the generated password: %d", resp.StatusCode)
	}
	resp, body = a.post("/beheer/accounts/nieuw", url.Values{"naam": {"karim"}, "wachtwoord": {testPassword}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Er is al een account met de naam") {
		t.Errorf("duplicate: %d", resp.StatusCode)
	}
	resp, _ = a.post("/beheer/accounts/nieuw", url.Values{"naam": {"els"}, "wachtwoord": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/beheer/accounts?gemaakt=1" {
		t.Errorf("with a password: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = a.get("/beheer/accounts?gemaakt=1")
	mustContain(t, "list", body, "Het account is gemaakt.", "<td>karim</td>", "<td>els</td>", "<td>lezer</td>")
}

func teamStrings(acc accounts.Account) []string {
	var out []string
	for _, t := range acc.Teams {
		out = append(out, string(t))
	}
	return out
}

// regexp1 is the first group of pattern in s, or "".
func regexp1(pattern, s string) string {
	if m := regexp.MustCompile(pattern).FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// A lezer reads the casus and its board, without the ways to change them.
func TestLezerGetsNoEditing(t *testing.T) {
	f := newMatrixFixture(t)
	lezer, schrijver := f.people[1], f.people[2]
	_, body := schrijver.get("/cases/casus-a")
	mustContain(t, "schrijver", body, `href="/cases/casus-a/bewerken"`, `/cases/casus-a/bord/`)
	resp, body := lezer.get("/cases/casus-a")
	if resp.StatusCode != 200 || strings.Contains(body, "/bewerken") || strings.Contains(body, "/bord/") {
		t.Errorf("the lezer is offered changes: %d", resp.StatusCode)
	}
	if !strings.Contains(body, "Kind van team A") {
		t.Error("the lezer does not see the board's portrait")
	}
}

// The server log names no team page: its slug is a pupil's pseudonym.
func TestScrubKeepsSlugsOutOfTheLog(t *testing.T) {
	for in, want := range map[string]string{
		"web: read portraits/sam-groep-7.md: EOF":          "web: read portraits/…: EOF",
		`links: "cases/sam": bad; media/sam/foto.png gone`: `links: "cases/…": bad; media/… gone`,
		"web: render themes/schaamte: x (frames/f-1)":      "web: render themes/schaamte: x (frames/…)",
		"store: teams/ons-team.md, geen portraits/ hier":   "store: teams/…, geen portraits/ hier",
	} {
		if got := scrub(in); got != want {
			t.Errorf("scrub(%q) = %q, want %q", in, got, want)
		}
	}
}
