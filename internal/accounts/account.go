package accounts

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/password"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Account is one person who can sign in. It never carries the password hash.
type Account struct {
	// ID is stable, random and says nothing about the person: commits carry it as their author
	// (see Email), so removing someone is a change here, not a rewrite of the history.
	ID       string
	Name     string // the login name: lowercase, unique
	Display  string // how others see the person
	Roles    []access.Role
	Teams    []wiki.Slug
	Disabled bool
	Created  time.Time
}

// record is an Account as stored.
type record struct {
	ID       string        `json:"id"`
	Name     string        `json:"name"`
	Display  string        `json:"display"`
	Hash     string        `json:"hash"`
	Roles    []access.Role `json:"roles"`
	Teams    []wiki.Slug   `json:"teams"`
	Disabled bool          `json:"disabled,omitempty"`
	Created  time.Time     `json:"created"`
}

func (r *record) account() Account {
	return Account{ID: r.ID, Name: r.Name, Display: r.Display, Roles: slices.Clone(r.Roles),
		Teams: slices.Clone(r.Teams), Disabled: r.Disabled, Created: r.Created}
}

// Subject is the account as the access policy sees it; a disabled account is anonymous.
func (a Account) Subject() access.Subject {
	if a.Disabled || a.ID == "" {
		return access.Anonymous
	}
	return access.Subject{Account: a.ID, Roles: slices.Clone(a.Roles), Teams: slices.Clone(a.Teams)}
}

// Has reports whether the account has role r.
func (a Account) Has(r access.Role) bool { return slices.Contains(a.Roles, r) }

// NewAccount is what Add needs.
type NewAccount struct {
	Name     string
	Display  string // empty: the name
	Password string
	Roles    []access.Role // empty: lezer
	Teams    []wiki.Slug
}

// Limits on what people type.
const (
	MinNameLen     = 2
	MaxNameLen     = 64
	MaxDisplayLen  = 100
	MinPasswordLen = 10
	MaxPasswordLen = 1024 // hashing is linear in the length; nobody types more
)

// Add creates an account.
func (s *Store) Add(n NewAccount) (Account, error) {
	r, err := s.newRecord(n)
	if err != nil {
		return Account{}, err
	}
	err = s.db.Update(func(tx *bolt.Tx) error { return insert(tx, r) })
	if err != nil {
		return Account{}, wrap("add", err)
	}
	return r.account(), nil
}

// newRecord checks n and hashes its password (outside any transaction: hashing takes a while).
func (s *Store) newRecord(n NewAccount) (*record, error) {
	name, err := CleanName(n.Name)
	if err != nil {
		return nil, err
	}
	display, err := cleanDisplay(n.Display, name)
	if err != nil {
		return nil, err
	}
	roles, err := cleanRoles(n.Roles)
	if err != nil {
		return nil, err
	}
	teams, err := cleanTeams(n.Teams)
	if err != nil {
		return nil, err
	}
	if err := CheckPassword(n.Password); err != nil {
		return nil, err
	}
	hash, err := password.Hash(n.Password, s.pw)
	if err != nil {
		return nil, wrap("add", err)
	}
	return &record{Name: name, Display: display, Hash: hash, Roles: roles, Teams: teams, Created: s.now().UTC()}, nil
}

// insert stores r under a fresh id, refusing a name that is taken.
func insert(tx *bolt.Tx, r *record) error {
	names := tx.Bucket(bucketNames)
	if names.Get([]byte(r.Name)) != nil {
		return problem(ErrExists.Code, "Er is al een account met de naam %q.", r.Name)
	}
	accounts := tx.Bucket(bucketAccounts)
	for r.ID == "" || accounts.Get([]byte(r.ID)) != nil {
		r.ID = random(10) // 16 characters, 80 bits
	}
	if err := names.Put([]byte(r.Name), []byte(r.ID)); err != nil {
		return err
	}
	return putJSON(accounts, []byte(r.ID), r)
}

// CleanName returns the login name as stored (trimmed, lowercase) or a Dutch error.
func CleanName(name string) (string, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" {
		return "", problem(ErrBadName.Code, "De naam is leeg. Kies een naam om mee in te loggen.")
	}
	ok := len(n) >= MinNameLen && len(n) <= MaxNameLen
	for i, c := range n {
		alnum := c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
		if !alnum && (i == 0 || c != '.' && c != '-' && c != '_') {
			ok = false
		}
	}
	if !ok {
		return "", problem(ErrBadName.Code, "De naam %q kan niet. Gebruik %d tot %d tekens: letters a-z, cijfers, punt, streepje of liggend streepje, en begin met een letter of cijfer.", name, MinNameLen, MaxNameLen)
	}
	return n, nil
}

func cleanDisplay(display, name string) (string, error) {
	d := strings.TrimSpace(display)
	if d == "" {
		return name, nil
	}
	if !utf8.ValidString(d) || strings.ContainsFunc(d, unicode.IsControl) {
		return "", problem(ErrBadDisplay.Code, "De weergavenaam mag geen regeleinden of andere stuurtekens bevatten.")
	}
	if utf8.RuneCountInString(d) > MaxDisplayLen {
		return "", problem(ErrBadDisplay.Code, "De weergavenaam is te lang: hoogstens %d tekens.", MaxDisplayLen)
	}
	return d, nil
}

// cleanRoles checks roles, drops repeats and orders them; no roles means lezer.
func cleanRoles(roles []access.Role) ([]access.Role, error) {
	var out []access.Role
	for _, want := range roles {
		if _, err := access.ParseRole(string(want)); err != nil {
			return nil, problem(ErrBadRole.Code, "De rol %q bestaat niet. Kies lezer, schrijver of beheerder.", want)
		}
	}
	for _, r := range access.Roles {
		if slices.Contains(roles, r) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		out = []access.Role{access.Lezer}
	}
	return out, nil
}

// cleanTeams checks team slugs, drops repeats and sorts them.
func cleanTeams(teams []wiki.Slug) ([]wiki.Slug, error) {
	out := []wiki.Slug{}
	for _, t := range teams {
		if _, err := wiki.ParseSlug(string(t)); err != nil {
			return nil, problem(ErrBadTeam.Code, "Het team %q kan niet: %v.", t, err)
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out, nil
}

// CheckPassword says, in Dutch, why a new password cannot be used.
func CheckPassword(pw string) error {
	switch n := utf8.RuneCountInString(pw); {
	case strings.TrimSpace(pw) == "":
		return problem(ErrBadPassword.Code, "Het wachtwoord is leeg. Kies een wachtwoord van minstens %d tekens.", MinPasswordLen)
	case n < MinPasswordLen:
		return problem(ErrBadPassword.Code, "Het wachtwoord is te kort: het heeft %d tekens en moet er minstens %d hebben.", n, MinPasswordLen)
	case len(pw) > MaxPasswordLen:
		return problem(ErrBadPassword.Code, "Het wachtwoord is te lang: hoogstens %d tekens.", MaxPasswordLen)
	}
	return nil
}

// GeneratePassword returns a random password for a new account: 20 characters from b32 in
// groups of five (100 bits), easy to type from paper.
func GeneratePassword() string {
	p := random(13)[:20]
	return p[:5] + "-" + p[5:10] + "-" + p[10:15] + "-" + p[15:]
}

// Get returns the account with login name name.
func (s *Store) Get(name string) (Account, error) {
	var r *record
	err := s.db.View(func(tx *bolt.Tx) (err error) { r, err = byName(tx, name); return err })
	if err != nil {
		return Account{}, wrap("get", err)
	}
	return r.account(), nil
}

// ByID returns the account with id.
func (s *Store) ByID(id string) (Account, error) {
	var r *record
	err := s.db.View(func(tx *bolt.Tx) (err error) { r, err = byID(tx, id); return err })
	if err != nil {
		return Account{}, wrap("get", err)
	}
	return r.account(), nil
}

// List returns every account, by name.
func (s *Store) List() ([]Account, error) {
	var out []Account
	err := s.db.View(func(tx *bolt.Tx) error {
		return forEachJSON(tx.Bucket(bucketAccounts), func(_ []byte, r *record) error {
			out = append(out, r.account())
			return nil
		})
	})
	if err != nil {
		return nil, wrap("list", err)
	}
	slices.SortFunc(out, func(a, b Account) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Count returns the number of accounts, disabled ones included.
func (s *Store) Count() (int, error) {
	var n int
	err := s.db.View(func(tx *bolt.Tx) error { n = tx.Bucket(bucketAccounts).Stats().KeyN; return nil })
	return n, wrap("count", err)
}

func byName(tx *bolt.Tx, name string) (*record, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	id := tx.Bucket(bucketNames).Get([]byte(n))
	if id == nil {
		return nil, problem(ErrNotFound.Code, "Er is geen account met de naam %q.", name)
	}
	return byID(tx, string(id))
}

func byID(tx *bolt.Tx, id string) (*record, error) {
	var r record
	ok, err := getJSON(tx.Bucket(bucketAccounts), []byte(id), &r)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, problem(ErrNotFound.Code, "Dit account bestaat niet (meer).")
	}
	return &r, nil
}

// update changes the account with login name name in one transaction.
func (s *Store) update(op, name string, change func(tx *bolt.Tx, r *record) error) (Account, error) {
	var r *record
	err := s.db.Update(func(tx *bolt.Tx) (err error) {
		if r, err = byName(tx, name); err != nil {
			return err
		}
		if err := change(tx, r); err != nil {
			return err
		}
		return putJSON(tx.Bucket(bucketAccounts), []byte(r.ID), r)
	})
	if err != nil {
		return Account{}, wrap(op, err)
	}
	return r.account(), nil
}

// Disable stops an account at once: its sessions end, its tokens are refused (kept, so that
// Enable brings them back), and it can no longer sign in. The last active beheerder cannot be
// disabled, or nobody could manage the workspace any more.
func (s *Store) Disable(name string) (Account, error) {
	return s.update("disable", name, func(tx *bolt.Tx, r *record) error {
		if r.Disabled {
			return nil
		}
		if err := keepOneBeheerder(tx, r.ID, r.Roles); err != nil {
			return err
		}
		r.Disabled = true
		_, err := endSessions(tx, func(ses *session) bool { return ses.Account == r.ID })
		return err
	})
}

// Enable lets a disabled account sign in again.
func (s *Store) Enable(name string) (Account, error) {
	return s.update("enable", name, func(_ *bolt.Tx, r *record) error { r.Disabled = false; return nil })
}

// SetRoles replaces an account's roles (no roles: lezer). Taking the last active beheerder's
// role away is refused.
func (s *Store) SetRoles(name string, roles []access.Role) (Account, error) {
	clean, err := cleanRoles(roles)
	if err != nil {
		return Account{}, err
	}
	return s.update("set roles", name, func(tx *bolt.Tx, r *record) error {
		if !r.Disabled && !slices.Contains(clean, access.Beheerder) {
			if err := keepOneBeheerder(tx, r.ID, r.Roles); err != nil {
				return err
			}
		}
		r.Roles = clean
		return nil
	})
}

// SetTeams replaces an account's team memberships. It takes effect at the next request: the
// session is looked up with the account each time.
func (s *Store) SetTeams(name string, teams []wiki.Slug) (Account, error) {
	clean, err := cleanTeams(teams)
	if err != nil {
		return Account{}, err
	}
	return s.update("set teams", name, func(_ *bolt.Tx, r *record) error { r.Teams = clean; return nil })
}

// SetDisplay changes how others see the person. Because commits name the account's id, this
// also changes the name shown in the whole history.
func (s *Store) SetDisplay(name, display string) (Account, error) {
	return s.update("set display", name, func(_ *bolt.Tx, r *record) error {
		d, err := cleanDisplay(display, r.Name)
		r.Display = d
		return err
	})
}

// SetPassword gives an account a new password and ends all its sessions, so that whoever knew
// the old one is signed out everywhere.
func (s *Store) SetPassword(name, pw string) (Account, error) {
	if err := CheckPassword(pw); err != nil {
		return Account{}, err
	}
	hash, err := password.Hash(pw, s.pw)
	if err != nil {
		return Account{}, wrap("set password", err)
	}
	return s.update("set password", name, func(tx *bolt.Tx, r *record) error {
		r.Hash = hash
		_, err := endSessions(tx, func(ses *session) bool { return ses.Account == r.ID })
		return err
	})
}

// keepOneBeheerder refuses a change that leaves no active beheerder: id (with its current
// roles) is about to lose the role, or to be disabled.
func keepOneBeheerder(tx *bolt.Tx, id string, roles []access.Role) error {
	if !slices.Contains(roles, access.Beheerder) {
		return nil
	}
	found := false
	err := forEachJSON(tx.Bucket(bucketAccounts), func(_ []byte, r *record) error {
		if r.ID != id && !r.Disabled && slices.Contains(r.Roles, access.Beheerder) {
			found = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !found {
		return problem(ErrLastBeheerder.Code, msgLastBeheerder)
	}
	return nil
}

// Authenticate checks a login. A wrong name and a wrong password give the same error and take
// the same time, so a guesser cannot tell which names exist. A disabled account is told so only
// after the right password. When the stored hash is cheaper than today's cost, it is replaced.
func (s *Store) Authenticate(name, pw string) (Account, error) {
	var r *record
	err := s.db.View(func(tx *bolt.Tx) (err error) { r, err = byName(tx, name); return err })
	if err != nil && !errors.Is(err, ErrNotFound) {
		return Account{}, wrap("authenticate", err)
	}
	if r == nil {
		s.dummyOnce.Do(func() { s.dummy, _ = password.Hash(random(16), s.pw) })
		password.Verify(pw, s.dummy)
		return Account{}, problem(ErrBadLogin.Code, msgBadLogin)
	}
	ok, err := password.Verify(pw, r.Hash)
	if err != nil {
		return Account{}, wrap("authenticate", fmt.Errorf("stored hash of %s: %w", r.ID, err))
	}
	if !ok {
		return Account{}, problem(ErrBadLogin.Code, msgBadLogin)
	}
	if r.Disabled {
		return Account{}, problem(ErrDisabled.Code, msgDisabled)
	}
	if password.NeedsRehash(r.Hash, s.pw) {
		if hash, err := password.Hash(pw, s.pw); err == nil {
			s.db.Update(func(tx *bolt.Tx) error {
				cur, err := byID(tx, r.ID)
				if err != nil || cur.Hash != r.Hash { // changed meanwhile: leave it
					return err
				}
				cur.Hash = hash
				return putJSON(tx.Bucket(bucketAccounts), []byte(cur.ID), cur)
			})
		}
	}
	return r.account(), nil
}

// Email is the non-personal address commits carry for an account id: <id>@leefwereld.invalid.
func Email(id string) string { return id + "@" + emailDomain }

const emailDomain = "leefwereld.invalid"

// IDOf returns the account id in a commit's author address, if it is one of ours.
func IDOf(email string) (string, bool) {
	id, ok := strings.CutSuffix(email, "@"+emailDomain)
	if !ok || len(id) != 16 || strings.Trim(id, "abcdefghijklmnopqrstuvwxyz234567") != "" {
		return "", false
	}
	return id, true
}

// Author returns the name and address a commit by this account carries: both are the id, so
// the history holds nothing personal; Display gives the name to show at display time.
func (a Account) Author() (name, email string) { return a.ID, Email(a.ID) }

// Display returns the display name for a commit's author address, or false when the address is
// not one of our accounts (older commits, imports, the system's own commits).
func (s *Store) Display(email string) (string, bool) {
	id, ok := IDOf(email)
	if !ok {
		return "", false
	}
	a, err := s.ByID(id)
	if err != nil {
		return "", false
	}
	return a.Display, true
}
