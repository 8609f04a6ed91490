package accounts

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/password"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// clock is a fake time source: expiry tests move it instead of sleeping.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// cheap is a real argon2id cost, small enough that many tests hash quickly.
var cheap = password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func open(t *testing.T, dir string, c *clock) *Store {
	t.Helper()
	s, err := Open(dir, Options{Now: c.now, Password: cheap})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newStore(t *testing.T) (*Store, *clock) {
	c := &clock{t: time.Date(2027, 3, 1, 8, 30, 0, 0, time.UTC)}
	return open(t, t.TempDir(), c), c
}

const pw = "lang-genoeg-wachtwoord"

func add(t *testing.T, s *Store, name string, roles []access.Role, teams ...wiki.Slug) Account {
	t.Helper()
	a, err := s.Add(NewAccount{Name: name, Password: pw, Roles: roles, Teams: teams})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAdd(t *testing.T) {
	s, _ := newStore(t)
	a, err := s.Add(NewAccount{Name: "  Anna.de-Vries ", Display: " Anna de Vries ", Password: pw,
		Roles: []access.Role{access.Beheerder, access.Schrijver, access.Beheerder}, Teams: []wiki.Slug{"zorg-b", "zorg-a", "zorg-b"}})
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "anna.de-vries" || a.Display != "Anna de Vries" {
		t.Errorf("name %q display %q", a.Name, a.Display)
	}
	if !slices.Equal(a.Roles, []access.Role{access.Schrijver, access.Beheerder}) || !slices.Equal(a.Teams, []wiki.Slug{"zorg-a", "zorg-b"}) {
		t.Errorf("roles %v teams %v", a.Roles, a.Teams)
	}
	if id, ok := IDOf(Email(a.ID)); !ok || id != a.ID || len(a.ID) != 16 {
		t.Errorf("id %q does not round-trip through %q", a.ID, Email(a.ID))
	}
	if n, e := a.Author(); n != a.ID || e != a.ID+"@leefwereld.invalid" || strings.Contains(n+e, "anna") {
		t.Errorf("author %q <%q> is not pseudonymous", n, e)
	}
	if d, ok := s.Display(Email(a.ID)); !ok || d != "Anna de Vries" {
		t.Errorf("Display = %q, %v", d, ok)
	}
	for _, email := range []string{"leefwereld@leefwereld.invalid", "anna@school.nl", Email("aaaaaaaaaaaaaaaa")} {
		if d, ok := s.Display(email); ok {
			t.Errorf("Display(%q) = %q", email, d)
		}
	}
	b := add(t, s, "bram", nil)
	if b.Display != "bram" || !slices.Equal(b.Roles, []access.Role{access.Lezer}) || len(b.Teams) != 0 {
		t.Errorf("defaults: %+v", b)
	}
	if b.ID == a.ID {
		t.Error("two accounts share an id")
	}
	got, err := s.Get("ANNA.DE-VRIES")
	if err != nil || got.ID != a.ID || !got.Created.Equal(a.Created) {
		t.Errorf("Get = %+v, %v", got, err)
	}
	if got, err := s.ByID(b.ID); err != nil || got.Name != "bram" {
		t.Errorf("ByID = %+v, %v", got, err)
	}
	list, err := s.List()
	if err != nil || len(list) != 2 || list[0].Name != "anna.de-vries" || list[1].Name != "bram" {
		t.Errorf("List = %+v, %v", list, err)
	}
	if n, _ := s.Count(); n != 2 {
		t.Errorf("Count = %d", n)
	}
	sub := got.Subject()
	if sub.Account != a.ID || !sub.Has(access.Beheerder) || !sub.Member("zorg-a") {
		t.Errorf("Subject = %+v", sub)
	}
}

// TestUserErrors holds every mistake a person can make to a clear Dutch sentence.
func TestUserErrors(t *testing.T) {
	s, _ := newStore(t)
	add(t, s, "anna", nil)
	tests := []struct {
		name string
		n    NewAccount
		kind error
		msg  string
	}{
		{"empty name", NewAccount{Name: " ", Password: pw}, ErrBadName,
			"De naam is leeg. Kies een naam om mee in te loggen."},
		{"name with a space", NewAccount{Name: "anna de vries", Password: pw}, ErrBadName,
			`De naam "anna de vries" kan niet. Gebruik 2 tot 64 tekens: letters a-z, cijfers, punt, streepje of liggend streepje, en begin met een letter of cijfer.`},
		{"name with an accent", NewAccount{Name: "zoë", Password: pw}, ErrBadName,
			`De naam "zoë" kan niet. Gebruik 2 tot 64 tekens: letters a-z, cijfers, punt, streepje of liggend streepje, en begin met een letter of cijfer.`},
		{"name of one letter", NewAccount{Name: "a", Password: pw}, ErrBadName,
			`De naam "a" kan niet. Gebruik 2 tot 64 tekens: letters a-z, cijfers, punt, streepje of liggend streepje, en begin met een letter of cijfer.`},
		{"name starting with a dot", NewAccount{Name: ".anna", Password: pw}, ErrBadName,
			`De naam ".anna" kan niet. Gebruik 2 tot 64 tekens: letters a-z, cijfers, punt, streepje of liggend streepje, en begin met een letter of cijfer.`},
		{"duplicate name", NewAccount{Name: "Anna", Password: pw}, ErrExists,
			`Er is al een account met de naam "anna".`},
		{"bad role", NewAccount{Name: "bram", Password: pw, Roles: []access.Role{"admin"}}, ErrBadRole,
			`De rol "admin" bestaat niet. Kies lezer, schrijver of beheerder.`},
		{"bad team", NewAccount{Name: "bram", Password: pw, Teams: []wiki.Slug{"Zorg Team"}}, ErrBadTeam,
			`Het team "Zorg Team" kan niet: de korte naam "Zorg Team" mag alleen kleine letters a-z, cijfers en losse streepjes bevatten.`},
		{"empty password", NewAccount{Name: "bram"}, ErrBadPassword,
			"Het wachtwoord is leeg. Kies een wachtwoord van minstens 10 tekens."},
		{"blank password", NewAccount{Name: "bram", Password: "          "}, ErrBadPassword,
			"Het wachtwoord is leeg. Kies een wachtwoord van minstens 10 tekens."},
		{"short password", NewAccount{Name: "bram", Password: "geheimpje"}, ErrBadPassword,
			"Het wachtwoord is te kort: het heeft 9 tekens en moet er minstens 10 hebben."},
		{"long password", NewAccount{Name: "bram", Password: strings.Repeat("x", 1025)}, ErrBadPassword,
			"Het wachtwoord is te lang: hoogstens 1024 tekens."},
		{"display with a newline", NewAccount{Name: "bram", Display: "Bram\nBeheer", Password: pw}, ErrBadDisplay,
			"De weergavenaam mag geen regeleinden of andere stuurtekens bevatten."},
		{"long display", NewAccount{Name: "bram", Display: strings.Repeat("é", 101), Password: pw}, ErrBadDisplay,
			"De weergavenaam is te lang: hoogstens 100 tekens."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Add(tt.n)
			if !errors.Is(err, tt.kind) {
				t.Fatalf("err = %v, want %v", err, tt.kind)
			}
			if err.Error() != tt.msg {
				t.Errorf("message:\n got %s\nwant %s", err, tt.msg)
			}
		})
	}
	if n, _ := s.Count(); n != 1 {
		t.Errorf("failed adds left %d accounts, want 1", n)
	}
	others := []struct {
		err  error
		kind error
		msg  string
	}{
		{second(s.Get("onbekend")), ErrNotFound, `Er is geen account met de naam "onbekend".`},
		{second(s.Disable("onbekend")), ErrNotFound, `Er is geen account met de naam "onbekend".`},
		{second(s.SetRoles("anna", []access.Role{"baas"})), ErrBadRole, `De rol "baas" bestaat niet. Kies lezer, schrijver of beheerder.`},
		{second(s.SetTeams("anna", []wiki.Slug{"-x"})), ErrBadTeam, `Het team "-x" kan niet: de korte naam "-x" mag alleen kleine letters a-z, cijfers en losse streepjes bevatten.`},
		{second(s.SetPassword("anna", "")), ErrBadPassword, "Het wachtwoord is leeg. Kies een wachtwoord van minstens 10 tekens."},
		{second(s.Authenticate("onbekend", pw)), ErrBadLogin, "De naam of het wachtwoord klopt niet."},
		{second(s.Authenticate("anna", "fout-wachtwoord")), ErrBadLogin, "De naam of het wachtwoord klopt niet."},
		{s.RevokeToken("x", "y"), ErrTokenUnknown, `Er is geen toegangssleutel "y" bij dit account.`},
		{s.EndSessionHandle("x", "y"), ErrSessionUnknown, "Deze sessie bestaat niet (meer). Misschien is ze al beëindigd."},
	}
	for i, o := range others {
		if !errors.Is(o.err, o.kind) || o.err.Error() != o.msg {
			t.Errorf("%d: err = %v, want %v: %s", i, o.err, o.kind, o.msg)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func TestAuthenticate(t *testing.T) {
	s, _ := newStore(t)
	a := add(t, s, "anna", []access.Role{access.Schrijver})
	got, err := s.Authenticate(" Anna ", pw)
	if err != nil || got.ID != a.ID {
		t.Fatalf("Authenticate = %+v, %v", got, err)
	}
	if _, err := s.Authenticate("anna", pw+"x"); !errors.Is(err, ErrBadLogin) {
		t.Errorf("wrong password: %v", err)
	}
	if _, err := s.Authenticate("anna", ""); !errors.Is(err, ErrBadLogin) {
		t.Errorf("empty password: %v", err)
	}
	add(t, s, "beheer", []access.Role{access.Beheerder})
	if _, err := s.Disable("anna"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate("anna", "fout-wachtwoord"); !errors.Is(err, ErrBadLogin) {
		t.Errorf("disabled, wrong password: %v (must not tell it is disabled)", err)
	}
	_, err = s.Authenticate("anna", pw)
	if !errors.Is(err, ErrDisabled) || err.Error() != "Dit account is uitgezet. Vraag een beheerder om het weer aan te zetten." {
		t.Errorf("disabled, right password: %v", err)
	}
	if _, err := s.SetPassword("beheer", "nieuw-wachtwoord-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate("beheer", pw); !errors.Is(err, ErrBadLogin) {
		t.Errorf("old password after SetPassword: %v", err)
	}
	if _, err := s.Authenticate("beheer", "nieuw-wachtwoord-1"); err != nil {
		t.Errorf("new password: %v", err)
	}
}

// storedHash reads the hash as stored, which no API returns.
func storedHash(t *testing.T, s *Store, name string) string {
	t.Helper()
	var h string
	if err := s.db.View(func(tx *bolt.Tx) error { r, err := byName(tx, name); h = r.Hash; return err }); err != nil {
		t.Fatal(err)
	}
	return h
}

func TestRehashOnLogin(t *testing.T) {
	dir := t.TempDir()
	c := &clock{t: time.Now()}
	s := open(t, dir, c)
	add(t, s, "anna", nil)
	before := storedHash(t, s, "anna")
	s.Close()
	stronger := cheap
	stronger.Time = 2
	s2, err := Open(dir, Options{Now: c.now, Password: stronger})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, err := s2.Authenticate("anna", "verkeerd-wachtwoord"); !errors.Is(err, ErrBadLogin) {
		t.Fatal(err)
	}
	if storedHash(t, s2, "anna") != before {
		t.Error("a failed login changed the hash")
	}
	if _, err := s2.Authenticate("anna", pw); err != nil {
		t.Fatal(err)
	}
	after := storedHash(t, s2, "anna")
	if p, _ := password.ParamsOf(after); p != stronger {
		t.Errorf("after login the hash has %+v, want %+v", p, stronger)
	}
	if _, err := s2.Authenticate("anna", pw); err != nil {
		t.Errorf("login with the new hash: %v", err)
	}
}

func TestSessionIdleExpiry(t *testing.T) {
	s, c := newStore(t)
	a := add(t, s, "anna", []access.Role{access.Schrijver}, "zorg-a")
	secret, ses, err := s.StartSession(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !ses.Expires.Equal(c.now().Add(IdleTimeout)) || ses.CSRF == "" || ses.Handle == "" {
		t.Errorf("new session: %+v", ses)
	}
	// Requests every 29 minutes keep it alive for hours.
	for i := range 10 {
		c.add(29 * time.Minute)
		got, acc, err := s.CheckSession(secret)
		if err != nil {
			t.Fatalf("request %d after 29 quiet minutes: %v", i, err)
		}
		if acc.ID != a.ID || got.CSRF != ses.CSRF || !got.Seen.Equal(c.now()) {
			t.Fatalf("request %d: %+v %+v", i, got, acc)
		}
	}
	c.add(IdleTimeout)
	_, _, err = s.CheckSession(secret)
	if !errors.Is(err, ErrNoSession) || err.Error() != "Je bent niet meer ingelogd. Log opnieuw in." {
		t.Fatalf("after 30 quiet minutes: %v", err)
	}
	if n := sessionCount(t, s); n != 0 {
		t.Errorf("the expired session is still stored (%d sessions)", n)
	}
	c.add(-time.Hour) // even with the clock turned back, it is gone
	if _, _, err := s.CheckSession(secret); !errors.Is(err, ErrNoSession) {
		t.Errorf("expired session came back: %v", err)
	}
}

// TestSessionTouchGranularity pins down the one-write-a-minute rule: requests closer together
// than touchEvery do not move the recorded last request, so expiry never comes late.
func TestSessionTouchGranularity(t *testing.T) {
	s, c := newStore(t)
	a := add(t, s, "anna", nil)
	secret, _, _ := s.StartSession(a.ID)
	c.add(30 * time.Second)
	if ses, _, err := s.CheckSession(secret); err != nil || !ses.Seen.Equal(c.now().Add(-30*time.Second)) {
		t.Fatalf("a request 30 s in: %+v %v", ses, err)
	}
	c.add(IdleTimeout - 30*time.Second)
	if _, _, err := s.CheckSession(secret); !errors.Is(err, ErrNoSession) {
		t.Errorf("30 minutes after the recorded request: %v", err)
	}
}

func TestSessionAbsoluteExpiry(t *testing.T) {
	s, c := newStore(t)
	a := add(t, s, "anna", nil)
	secret, _, _ := s.StartSession(a.ID)
	for elapsed := 20 * time.Minute; elapsed < MaxAge; elapsed += 20 * time.Minute {
		c.add(20 * time.Minute)
		if _, _, err := s.CheckSession(secret); err != nil {
			t.Fatalf("busy session ended after %v: %v", elapsed, err)
		}
	}
	c.add(20 * time.Minute) // 12 h since the start, however busy
	if _, _, err := s.CheckSession(secret); !errors.Is(err, ErrNoSession) {
		t.Errorf("after 12 hours: %v", err)
	}
	if list, _ := s.Sessions(a.ID); len(list) != 0 {
		t.Errorf("Sessions lists %d after expiry", len(list))
	}
}

func sessionCount(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	s.db.View(func(tx *bolt.Tx) error { n = tx.Bucket(bucketSessions).Stats().KeyN; return nil })
	return n
}

func TestEndSessions(t *testing.T) {
	s, c := newStore(t)
	anna := add(t, s, "anna", []access.Role{access.Schrijver})
	bram := add(t, s, "bram", nil)
	var secrets []string
	for range 3 {
		sec, _, err := s.StartSession(anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		secrets = append(secrets, sec)
		c.add(2 * time.Minute)
	}
	bramSecret, _, _ := s.StartSession(bram.ID)
	if slices.Contains(secrets, bramSecret) || secrets[0] == secrets[1] {
		t.Fatal("session ids repeat")
	}
	list, err := s.Sessions(anna.ID)
	if err != nil || len(list) != 3 || !list[0].Created.After(list[2].Created) {
		t.Fatalf("Sessions = %+v, %v", list, err)
	}
	// Logout ends one; twice is fine.
	if err := s.EndSession(secrets[0]); err != nil {
		t.Fatal(err)
	}
	if err := s.EndSession(secrets[0]); err != nil {
		t.Errorf("second logout: %v", err)
	}
	if _, _, err := s.CheckSession(secrets[0]); !errors.Is(err, ErrNoSession) {
		t.Errorf("after logout: %v", err)
	}
	// One device by handle: not through another account's name.
	list, _ = s.Sessions(anna.ID)
	if err := s.EndSessionHandle(bram.ID, list[0].Handle); !errors.Is(err, ErrSessionUnknown) {
		t.Errorf("ending anna's session as bram's: %v", err)
	}
	if err := s.EndSessionHandle(anna.ID, list[0].Handle); err != nil {
		t.Fatal(err)
	}
	if list2, _ := s.Sessions(anna.ID); len(list2) != 1 {
		t.Errorf("after ending one device: %d sessions", len(list2))
	}
	// Everywhere.
	secrets = append(secrets, first(s.StartSession(anna.ID)))
	n, err := s.EndSessions(anna.ID)
	if err != nil || n != 2 {
		t.Errorf("EndSessions = %d, %v; want 2", n, err)
	}
	for _, sec := range secrets {
		if _, _, err := s.CheckSession(sec); !errors.Is(err, ErrNoSession) {
			t.Errorf("anna still signed in after log uit op alle apparaten: %v", err)
		}
	}
	if _, acc, err := s.CheckSession(bramSecret); err != nil || acc.ID != bram.ID {
		t.Errorf("bram's session ended too: %v", err)
	}
	if _, _, err := s.CheckSession("verzonnen"); !errors.Is(err, ErrNoSession) {
		t.Errorf("made-up session: %v", err)
	}
	if _, _, err := s.StartSession("onbekend"); !errors.Is(err, ErrNotFound) {
		t.Errorf("session for an unknown id: %v", err)
	}
}

func first[T, U any](v T, _ U, _ error) T { return v }

func TestSweep(t *testing.T) {
	s, c := newStore(t)
	a := add(t, s, "anna", nil)
	for range 5 {
		s.StartSession(a.ID) // the first one sweeps (nothing yet); the others are within sweepEvery
	}
	c.add(IdleTimeout + time.Minute)
	live, _, _ := s.StartSession(a.ID) // a sweep is due: the five expired ones go
	if n := sessionCount(t, s); n != 1 {
		t.Fatalf("the lazy sweep left %d sessions, want 1", n)
	}
	for range 3 {
		s.StartSession(a.ID) // within sweepEvery: no sweep
	}
	c.add(IdleTimeout + time.Minute)
	n, err := s.Sweep()
	if err != nil || n != 4 {
		t.Errorf("Sweep = %d, %v; want 4", n, err)
	}
	if n := sessionCount(t, s); n != 0 {
		t.Errorf("%d sessions after Sweep", n)
	}
	if _, _, err := s.CheckSession(live); !errors.Is(err, ErrNoSession) {
		t.Error("a swept session still works")
	}
}

func TestDisable(t *testing.T) {
	s, _ := newStore(t)
	beheer := add(t, s, "beheer", []access.Role{access.Beheerder})
	anna := add(t, s, "anna", []access.Role{access.Schrijver}, "zorg-a")
	secret, _, _ := s.StartSession(anna.ID)
	token, _, err := s.CreateToken("anna")
	if err != nil {
		t.Fatal(err)
	}
	if _, acc, err := s.CheckToken(token); err != nil || acc.ID != anna.ID {
		t.Fatalf("token before disabling: %v", err)
	}
	got, err := s.Disable("anna")
	if err != nil || !got.Disabled || got.Subject().SignedIn() {
		t.Fatalf("Disable = %+v, %v", got, err)
	}
	if _, _, err := s.CheckSession(secret); !errors.Is(err, ErrNoSession) {
		t.Errorf("session of a disabled account: %v", err)
	}
	if _, _, err := s.CheckToken(token); !errors.Is(err, ErrBadToken) {
		t.Errorf("token of a disabled account: %v", err)
	}
	if _, _, err := s.StartSession(anna.ID); !errors.Is(err, ErrDisabled) {
		t.Errorf("new session for a disabled account: %v", err)
	}
	if _, _, err := s.CreateToken("anna"); !errors.Is(err, ErrDisabled) || err.Error() != `Het account "anna" is uitgezet. Zet het eerst weer aan.` {
		t.Errorf("new token for a disabled account: %v", err)
	}
	if _, err := s.Disable("anna"); err != nil {
		t.Errorf("disabling twice: %v", err)
	}
	if _, err := s.Enable("anna"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CheckToken(token); err != nil {
		t.Errorf("token after enabling again: %v", err)
	}
	if _, _, err := s.CheckSession(secret); !errors.Is(err, ErrNoSession) {
		t.Error("a session ended by disabling came back")
	}

	// A disabled account that still has a session record (written before the flag, in a crash
	// window) is refused at lookup too.
	secret2, _, _ := s.StartSession(anna.ID)
	s.db.Update(func(tx *bolt.Tx) error {
		r, _ := byID(tx, anna.ID)
		r.Disabled = true
		return putJSON(tx.Bucket(bucketAccounts), []byte(r.ID), r)
	})
	if _, _, err := s.CheckSession(secret2); !errors.Is(err, ErrNoSession) {
		t.Errorf("session of an account disabled behind the store's back: %v", err)
	}

	// The last active beheerder stays.
	for _, err := range []error{second(s.Disable("beheer")), second(s.SetRoles("beheer", []access.Role{access.Schrijver}))} {
		if !errors.Is(err, ErrLastBeheerder) || err.Error() != "Dit is de laatste beheerder. Maak eerst iemand anders beheerder." {
			t.Errorf("removing the last beheerder: %v", err)
		}
	}
	if _, err := s.SetRoles("anna", []access.Role{access.Beheerder}); err != nil { // anna is disabled: does not count
		t.Fatal(err)
	}
	if _, err := s.Disable("beheer"); !errors.Is(err, ErrLastBeheerder) {
		t.Errorf("a disabled beheerder counted as the other one: %v", err)
	}
	s.Enable("anna")
	if _, err := s.Disable("beheer"); err != nil {
		t.Errorf("disabling one of two beheerders: %v", err)
	}
	if got, _ := s.ByID(beheer.ID); !got.Disabled {
		t.Error("not disabled")
	}
}

func TestRolesAndTeamsTakeEffectAtOnce(t *testing.T) {
	s, _ := newStore(t)
	anna := add(t, s, "anna", []access.Role{access.Schrijver}, "zorg-a")
	secret, _, _ := s.StartSession(anna.ID)
	if _, err := s.SetTeams("anna", []wiki.Slug{"zorg-b"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetDisplay("anna", "Anna V."); err != nil {
		t.Fatal(err)
	}
	_, acc, err := s.CheckSession(secret)
	if err != nil || !slices.Equal(acc.Teams, []wiki.Slug{"zorg-b"}) || acc.Display != "Anna V." {
		t.Errorf("session sees %+v, %v", acc, err)
	}
	if _, err := s.SetDisplay("anna", ""); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Display(Email(anna.ID)); d != "anna" {
		t.Errorf("empty display name falls back to %q, want the name", d)
	}
}

func TestPasswordChangeEndsSessions(t *testing.T) {
	s, _ := newStore(t)
	anna := add(t, s, "anna", nil)
	secret, _, _ := s.StartSession(anna.ID)
	if _, err := s.SetPassword("anna", "een-nieuw-wachtwoord"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CheckSession(secret); !errors.Is(err, ErrNoSession) {
		t.Errorf("session survived a password change: %v", err)
	}
}

func TestTokens(t *testing.T) {
	s, c := newStore(t)
	anna := add(t, s, "anna", []access.Role{access.Schrijver})
	bram := add(t, s, "bram", nil)
	secret, tok, err := s.CreateToken("Anna")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, "lw_") || len(secret) < 40 || tok.Account != anna.ID || tok.ID == "" {
		t.Errorf("CreateToken = %q, %+v", secret, tok)
	}
	secret2, _, _ := s.CreateToken("anna")
	if secret2 == secret {
		t.Fatal("two tokens are equal")
	}
	c.add(time.Hour)
	got, acc, err := s.CheckToken(secret)
	if err != nil || acc.ID != anna.ID || got.ID != tok.ID || !got.Used.Equal(c.now().Truncate(time.Hour)) {
		t.Fatalf("CheckToken = %+v, %+v, %v", got, acc, err)
	}
	for _, bad := range []string{"", "lw_", secret + "x", strings.TrimPrefix(secret, "lw_"), strings.ToUpper(secret)} {
		_, _, err := s.CheckToken(bad)
		if !errors.Is(err, ErrBadToken) || err.Error() != "Deze toegangssleutel is onbekend of ingetrokken." {
			t.Errorf("CheckToken(%q): %v", bad, err)
		}
	}
	list, err := s.Tokens(anna.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("Tokens = %+v, %v", list, err)
	}
	if err := s.RevokeToken(bram.ID, tok.ID); !errors.Is(err, ErrTokenUnknown) {
		t.Errorf("revoking anna's token as bram's: %v", err)
	}
	if err := s.RevokeToken(anna.ID, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CheckToken(secret); !errors.Is(err, ErrBadToken) {
		t.Errorf("revoked token: %v", err)
	}
	if _, _, err := s.CheckToken(secret2); err != nil {
		t.Errorf("the other token stopped too: %v", err)
	}
	if _, _, err := s.CreateToken("onbekend"); !errors.Is(err, ErrNotFound) {
		t.Errorf("token for an unknown name: %v", err)
	}
}

func TestSetup(t *testing.T) {
	s, c := newStore(t)
	secret, expires, err := s.StartSetup()
	if err != nil || !expires.Equal(c.now().Add(30*time.Minute)) {
		t.Fatalf("StartSetup = %v, %v", expires, err)
	}
	if err := s.CheckSetup(secret); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckSetup(secret + "x"); !errors.Is(err, ErrSetupInvalid) {
		t.Errorf("wrong set-up token: %v", err)
	}
	// A bad form keeps the token usable.
	if _, err := s.FinishSetup(secret, NewAccount{Name: "anna", Password: "kort"}); !errors.Is(err, ErrBadPassword) {
		t.Errorf("short password at set-up: %v", err)
	}
	c.add(29 * time.Minute)
	a, err := s.FinishSetup(secret, NewAccount{Name: "anna", Display: "Anna", Password: pw, Roles: []access.Role{access.Schrijver}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Roles, []access.Role{access.Schrijver, access.Beheerder}) {
		t.Errorf("first account's roles: %v", a.Roles)
	}
	_, err = s.FinishSetup(secret, NewAccount{Name: "bram", Password: pw})
	if !errors.Is(err, ErrSetupDone) || err.Error() != msgSetupDone {
		t.Errorf("second use of the set-up token: %v", err)
	}
	if _, _, err := s.StartSetup(); !errors.Is(err, ErrSetupDone) {
		t.Errorf("StartSetup with accounts: %v", err)
	}
	if n, _ := s.Count(); n != 1 {
		t.Errorf("%d accounts", n)
	}
}

func TestSetupExpires(t *testing.T) {
	s, c := newStore(t)
	old, _, _ := s.StartSetup()
	secret, _, _ := s.StartSetup()
	if err := s.CheckSetup(old); !errors.Is(err, ErrSetupInvalid) {
		t.Errorf("a replaced set-up token still works: %v", err)
	}
	c.add(30 * time.Minute)
	_, err := s.FinishSetup(secret, NewAccount{Name: "anna", Password: pw})
	if !errors.Is(err, ErrSetupInvalid) || err.Error() != "Deze inrichtingslink is verlopen of al gebruikt. Start de server opnieuw voor een nieuwe link." {
		t.Errorf("after 30 minutes: %v", err)
	}
	if _, err := s.FinishSetup("", NewAccount{Name: "anna", Password: pw}); !errors.Is(err, ErrSetupInvalid) {
		t.Errorf("empty set-up token: %v", err)
	}
	if n, _ := s.Count(); n != 0 {
		t.Errorf("%d accounts", n)
	}
}

// TestReopen: what was stored survives a close, and the file holds no secret in the clear.
func TestReopen(t *testing.T) {
	dir := t.TempDir()
	c := &clock{t: time.Date(2027, 3, 1, 8, 30, 0, 0, time.UTC)}
	s := open(t, dir, c)
	anna := add(t, s, "anna", []access.Role{access.Schrijver}, "zorg-a")
	session, _, _ := s.StartSession(anna.ID)
	token, _, _ := s.CreateToken("anna")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{pw, session, token, strings.TrimPrefix(token, "lw_")} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("the database file holds a secret in the clear: %.8s…", secret)
		}
	}
	if fi, _ := os.Stat(filepath.Join(dir, FileName)); fi.Mode().Perm() != 0o600 {
		t.Errorf("accounts.db mode %v, want 0600", fi.Mode().Perm())
	}
	s2 := open(t, dir, c)
	if _, err := s2.Authenticate("anna", pw); err != nil {
		t.Error(err)
	}
	if _, acc, err := s2.CheckSession(session); err != nil || acc.ID != anna.ID {
		t.Errorf("session after reopen: %v", err)
	}
	if _, _, err := s2.CheckToken(token); err != nil {
		t.Errorf("token after reopen: %v", err)
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir, Options{Timeout: 50 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Errorf("second open: %v, want ErrLocked", err)
	}
	s.Close()
	if _, err := Open(filepath.Join(dir, "bestaat-niet"), Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("open in a missing directory: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "bestaat-niet")); !errors.Is(err, os.ErrNotExist) {
		t.Error("Open created the missing directory")
	}
	// A database written by a newer program is refused, not misread.
	db, _ := bolt.Open(filepath.Join(dir, FileName), 0o600, nil)
	db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyVersion, []byte("2")) })
	db.Close()
	if _, err := Open(dir, Options{}); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("newer database: %v", err)
	}
}

// TestConcurrent runs sign-ins, requests, logouts and token calls at once, for -race.
func TestConcurrent(t *testing.T) {
	s, c := newStore(t)
	var ids []string
	for i := range 4 {
		ids = append(ids, add(t, s, fmt.Sprint("naam", i), []access.Role{access.Schrijver}).ID)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := ids[g%len(ids)]
			for i := range 25 {
				secret, _, err := s.StartSession(id)
				if err != nil {
					errs <- err
					return
				}
				c.add(time.Minute) // every goroutine moves the clock: touches and sweeps happen
				if _, acc, err := s.CheckSession(secret); err != nil && !errors.Is(err, ErrNoSession) {
					errs <- err
				} else if err == nil && acc.ID != id {
					errs <- fmt.Errorf("session of %s returned account %s", id, acc.ID)
				}
				switch i % 5 {
				case 0:
					s.EndSession(secret)
				case 1:
					s.EndSessions(id)
				case 2:
					tok, _, err := s.CreateToken(fmt.Sprint("naam", g%len(ids)))
					if err == nil {
						_, _, err = s.CheckToken(tok)
					}
					if err != nil {
						errs <- err
					}
				case 3:
					if _, err := s.Authenticate(fmt.Sprint("naam", g%len(ids)), pw); err != nil {
						errs <- err
					}
				case 4:
					s.Sessions(id)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if _, err := s.Sweep(); err != nil {
		t.Fatal(err)
	}
}
