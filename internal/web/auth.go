package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
)

// WithAccounts gives the server the workspace's accounts database. It is required: without
// it nobody could sign in, so New refuses to build a server that would answer nothing. The
// server does not own the store; whoever opened it (serve) closes it.
func WithAccounts(st *accounts.Store) Option {
	return func(s *Server) { s.accounts = st }
}

// WithClock sets the clock of the login throttle, so tests can let a wait pass without
// sleeping. The accounts store has its own clock (accounts.Options.Now); give both the same.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// Where the middleware leaves who is asking, for the handlers (read them with accountOf,
// subjectOf and sessionOf). "csrf" is the token forms carry (Base.CSRF).
const (
	localAccount = "lw.account" // accounts.Account
	localSession = "lw.session" // accounts.Session; absent for API token calls
	localCSRF    = "csrf"       // string
)

// accountOf is the signed-in account of the request.
func accountOf(c *fiber.Ctx) (accounts.Account, bool) {
	a, ok := c.Locals(localAccount).(accounts.Account)
	return a, ok && a.ID != ""
}

// subjectOf is the request's subject for the access policy; anonymous when nobody signed in.
func subjectOf(c *fiber.Ctx) access.Subject {
	if a, ok := accountOf(c); ok {
		return a.Subject()
	}
	return access.Anonymous
}

// sessionOf is the browser session of the request; false for API token calls.
func sessionOf(c *fiber.Ctx) (accounts.Session, bool) {
	ses, ok := c.Locals(localSession).(accounts.Session)
	return ses, ok
}

// cookie names a cookie of ours. Over HTTPS it gets the __Host- prefix, which the browser only
// accepts with Secure, Path=/ and no Domain: no other site or subdomain can set or shadow it.
func (s *Server) cookie(name string) string {
	if s.secure {
		return "__Host-" + name
	}
	return name
}

// sessionCookie holds the session id; nothing else about the session is in the browser.
const sessionCookie = "lw_sessie"

// setCookie sets one of our cookies: HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS. maxAge
// 0 makes it a browser-session cookie, below zero deletes it.
func (s *Server) setCookie(c *fiber.Ctx, name, value string, maxAge int) {
	ck := &fiber.Cookie{Name: s.cookie(name), Value: value, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: s.secure, MaxAge: maxAge}
	if maxAge < 0 {
		ck.Value, ck.Expires = "", time.Unix(0, 0)
	}
	c.Cookie(ck)
}

// openPath reports whether a path needs no session: the assets, the health check, the login
// page and the set-up page. Everything else is private by default.
func openPath(p string) bool {
	return p == "/healthz" || p == "/inloggen" || strings.HasPrefix(p, "/static/") || strings.HasPrefix(p, "/inrichten/")
}

// authenticate is the one gate in front of every route: it finds the account (a session
// cookie, or an API token on /api/), checks the CSRF token of every state-changing browser
// request, and turns away everyone else — to the login page, or with a 401 in JSON.
func (s *Server) authenticate(c *fiber.Ctx) error {
	if openPath(c.Path()) {
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.Next()
	}
	if isAPI(c) {
		if h := c.Get(fiber.HeaderAuthorization); h != "" {
			return s.tokenCall(c, h)
		}
	}
	secret := c.Cookies(s.cookie(sessionCookie))
	if secret == "" {
		return s.signedOut(c)
	}
	ses, acc, err := s.accounts.CheckSession(secret)
	if errors.Is(err, accounts.ErrNoSession) {
		s.setCookie(c, sessionCookie, "", -1)
		return s.signedOut(c)
	}
	if err != nil {
		return fmt.Errorf("web: session: %w", err)
	}
	c.Locals(localAccount, acc)
	c.Locals(localSession, ses)
	c.Locals(localCSRF, ses.CSRF)
	// Pages show pupils' data: no copy in the browser's or a proxy's cache, nor in the back
	// button's page cache after logging out. Handlers that serve something else say so.
	c.Set(fiber.HeaderCacheControl, "no-store")
	if unsafeMethod(c.Method()) && !csrfOK(c, ses.CSRF) {
		return errCSRF
	}
	return c.Next()
}

// tokenCall signs an API call in with a personal token (Authorization: Bearer lw_…). A token
// is not sent by a browser on its own, so such calls need no CSRF token.
func (s *Server) tokenCall(c *fiber.Ctx, header string) error {
	scheme, token, _ := strings.Cut(header, " ")
	if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return errSignedOut
	}
	_, acc, err := s.accounts.CheckToken(strings.TrimSpace(token))
	if errors.Is(err, accounts.ErrBadToken) {
		return &Error{Status: fiber.StatusUnauthorized, Code: "bad-token",
			Message: "Deze toegangssleutel is onbekend of ingetrokken, of het account is uitgezet.", Err: err}
	}
	if err != nil {
		return fmt.Errorf("web: token: %w", err)
	}
	c.Locals(localAccount, acc)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Next()
}

var errSignedOut = &Error{Status: fiber.StatusUnauthorized, Code: "signed-out",
	Message: "Je bent niet ingelogd. Log in via de website, of stuur een toegangssleutel mee: Authorization: Bearer lw_…"}

var errCSRF = &Error{Status: fiber.StatusForbidden, Code: "csrf",
	Message: "Dit formulier is verlopen of komt niet van deze site. Ga terug, laad de pagina opnieuw en probeer het nog eens. Je tekst staat nog in het vorige scherm."}

// signedOut answers a request without a (live) session. A page someone asked for sends them to
// the login page and back afterwards; a form sent after the session ended is not lost in a
// redirect: the login page says that nothing was saved and the text is still one step back.
func (s *Server) signedOut(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	if isAPI(c) {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="leefwereld"`)
		return errSignedOut
	}
	if unsafeMethod(c.Method()) {
		return s.renderLogin(c.Status(fiber.StatusUnauthorized), loginView{
			Error: "Je was niet meer ingelogd, dus er is niets opgeslagen. Log opnieuw in en ga daarna terug naar het vorige scherm: daar staat je tekst nog."})
	}
	// Only the path is kept, never the query: a search question may name a pupil.
	if p := c.Path(); p != "/" && safeReturn(p) {
		s.setCookie(c, returnCookie, p, int((10 * time.Minute).Seconds()))
	}
	return c.Redirect("/inloggen", fiber.StatusSeeOther)
}

func unsafeMethod(m string) bool {
	return m != fiber.MethodGet && m != fiber.MethodHead && m != fiber.MethodOptions
}

// csrfOK compares the request's CSRF token with want: the form field _csrf, or the header
// X-CSRF-Token for scripts that send JSON with the session cookie.
func csrfOK(c *fiber.Ctx, want string) bool {
	got := c.Get("X-CSRF-Token")
	if got == "" && !isAPI(c) {
		got = c.FormValue("_csrf")
	}
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// randomToken is a fresh 256-bit secret for a cookie and a form field.
func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails since Go 1.24
	return base64.RawURLEncoding.EncodeToString(b)
}

// signIn starts a new session for acc in this browser and ends the one it had: a session id
// that existed before the login (planted or not) is worthless after it.
func (s *Server) signIn(c *fiber.Ctx, acc accounts.Account) error {
	if old := c.Cookies(s.cookie(sessionCookie)); old != "" {
		if err := s.accounts.EndSession(old); err != nil {
			return err
		}
	}
	secret, _, err := s.accounts.StartSession(acc.ID)
	if err != nil {
		return err
	}
	s.setCookie(c, sessionCookie, secret, 0)
	return nil
}
