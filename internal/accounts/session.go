package accounts

import (
	"errors"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Session lifetimes. A session ends after IdleTimeout without a request, and MaxAge after it
// began however busy it is: a laptop left open in the staff room signs itself out.
const (
	IdleTimeout = 30 * time.Minute
	MaxAge      = 12 * time.Hour
)

// touchEvery is how stale the recorded last request may get before a lookup writes it again:
// one write a minute per session instead of one per request. A session can therefore end up to
// this much before IdleTimeout has passed since its very last request, never after.
const touchEvery = time.Minute

// sweepEvery is how often starting a session also deletes every expired one, so sessions that
// are never looked up again do not pile up.
const sweepEvery = 10 * time.Minute

// Session is a signed-in browser, as the web layer sees it. Its secret (the cookie value) is
// not in it: only its hash is stored, and it is returned once, by StartSession.
type Session struct {
	// Handle names the session in lists ("ingelogd op 3 apparaten") so one can be ended
	// without its secret. It cannot be used to sign in.
	Handle  string
	Account string // the account id
	// CSRF is this session's anti-forgery token: forms carry it, the web layer compares it.
	CSRF    string
	Created time.Time
	Seen    time.Time // the last request, to the minute (see touchEvery)
	Expires time.Time // when it ends if no request comes before
}

// session is a Session as stored.
type session struct {
	Handle  string    `json:"handle"`
	Account string    `json:"account"`
	CSRF    string    `json:"csrf"`
	Created time.Time `json:"created"`
	Seen    time.Time `json:"seen"`
}

func (ses *session) expires() time.Time {
	idle, absolute := ses.Seen.Add(IdleTimeout), ses.Created.Add(MaxAge)
	if idle.Before(absolute) {
		return idle
	}
	return absolute
}

func (ses *session) live(now time.Time) bool { return now.Before(ses.expires()) }

func (ses *session) public() Session {
	return Session{Handle: ses.Handle, Account: ses.Account, CSRF: ses.CSRF, Created: ses.Created,
		Seen: ses.Seen, Expires: ses.expires()}
}

// StartSession signs an account in: a new random session id, returned once as secret (the
// cookie value). The web layer calls it after Authenticate, and ends the browser's previous
// session if it had one, so an id planted before login is worthless after it (no fixation).
func (s *Store) StartSession(accountID string) (secret string, _ Session, err error) {
	now := s.now().UTC()
	secret = random(32) // 256 bits
	ses := &session{Handle: random(8), Account: accountID, CSRF: random(32), Created: now, Seen: now}
	sweep := s.sweepDue(now)
	err = s.db.Update(func(tx *bolt.Tx) error {
		r, err := byID(tx, accountID)
		if err != nil {
			return err
		}
		if r.Disabled {
			return problem(ErrDisabled.Code, msgDisabled)
		}
		if sweep {
			if _, err := endSessions(tx, func(old *session) bool { return !old.live(now) }); err != nil {
				return err
			}
		}
		return putJSON(tx.Bucket(bucketSessions), digest(secret), ses)
	})
	if err != nil {
		return "", Session{}, wrap("start session", err)
	}
	return secret, ses.public(), nil
}

// CheckSession returns the session with this secret and its account, for every request. A
// session that has expired, or whose account is gone or disabled, is deleted and ErrNoSession
// returned: the store, not the cookie, decides when a session ends.
func (s *Store) CheckSession(secret string) (Session, Account, error) {
	now := s.now().UTC()
	key := digest(secret)
	var (
		ses   session
		r     *record
		found bool
	)
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		if found, err = getJSON(tx.Bucket(bucketSessions), key, &ses); err != nil || !found {
			return err
		}
		r, err = byID(tx, ses.Account)
		if errors.Is(err, ErrNotFound) {
			r, err = nil, nil
		}
		return err
	})
	if err != nil {
		return Session{}, Account{}, wrap("check session", err)
	}
	if !found {
		return Session{}, Account{}, problem(ErrNoSession.Code, msgNoSession)
	}
	if !ses.live(now) || r == nil || r.Disabled {
		err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketSessions).Delete(key) })
		if err != nil {
			return Session{}, Account{}, wrap("check session", err)
		}
		return Session{}, Account{}, problem(ErrNoSession.Code, msgNoSession)
	}
	if now.Sub(ses.Seen) >= touchEvery {
		err := s.db.Update(func(tx *bolt.Tx) error {
			var cur session
			ok, err := getJSON(tx.Bucket(bucketSessions), key, &cur)
			if err != nil || !ok { // ended meanwhile (logout elsewhere): it stays ended
				return err
			}
			cur.Seen = now
			ses = cur
			return putJSON(tx.Bucket(bucketSessions), key, &cur)
		})
		if err != nil {
			return Session{}, Account{}, wrap("check session", err)
		}
	}
	return ses.public(), r.account(), nil
}

// EndSession signs one browser out (logout). Ending a session that is already gone is fine.
func (s *Store) EndSession(secret string) error {
	err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketSessions).Delete(digest(secret)) })
	return wrap("end session", err)
}

// Sessions lists the live sessions of an account, most recently used first.
func (s *Store) Sessions(accountID string) ([]Session, error) {
	now := s.now().UTC()
	var out []Session
	err := s.db.View(func(tx *bolt.Tx) error {
		return forEachJSON(tx.Bucket(bucketSessions), func(_ []byte, ses *session) error {
			if ses.Account == accountID && ses.live(now) {
				out = append(out, ses.public())
			}
			return nil
		})
	})
	if err != nil {
		return nil, wrap("list sessions", err)
	}
	slices.SortFunc(out, func(a, b Session) int { return b.Seen.Compare(a.Seen) })
	return out, nil
}

// EndSessions signs an account out everywhere ("log uit op alle apparaten") and returns how
// many sessions ended. Whether the caller may (the account itself, or a beheerder) is the
// policy's call: access.Allowed(by, access.Write, access.Own(id)) or Manage.
func (s *Store) EndSessions(accountID string) (int, error) {
	var n int
	err := s.db.Update(func(tx *bolt.Tx) (err error) {
		n, err = endSessions(tx, func(ses *session) bool { return ses.Account == accountID })
		return err
	})
	return n, wrap("end sessions", err)
}

// EndSessionHandle ends one session of account accountID, named by its handle (one device in
// the list). The account is part of the question so that a handle from someone else's list
// cannot end a session the caller was not allowed to see.
func (s *Store) EndSessionHandle(accountID, handle string) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		var key []byte
		err := forEachJSON(tx.Bucket(bucketSessions), func(k []byte, ses *session) error {
			if handle != "" && ses.Handle == handle && ses.Account == accountID {
				key = k
			}
			return nil
		})
		if err != nil {
			return err
		}
		if key == nil {
			return problem(ErrSessionUnknown.Code, "Deze sessie bestaat niet (meer). Misschien is ze al beëindigd.")
		}
		return tx.Bucket(bucketSessions).Delete(key)
	})
	return wrap("end session", err)
}

// Sweep deletes every expired session and returns how many. StartSession sweeps now and then
// by itself; a server may also call it on a timer.
func (s *Store) Sweep() (int, error) {
	now := s.now().UTC()
	var n int
	err := s.db.Update(func(tx *bolt.Tx) (err error) {
		n, err = endSessions(tx, func(ses *session) bool { return !ses.live(now) })
		return err
	})
	if err == nil {
		s.sweepMu.Lock()
		s.lastSweep = now
		s.sweepMu.Unlock()
	}
	return n, wrap("sweep", err)
}

// sweepDue reports whether a lazy sweep is due and, if so, counts it as done.
func (s *Store) sweepDue(now time.Time) bool {
	s.sweepMu.Lock()
	defer s.sweepMu.Unlock()
	if now.Sub(s.lastSweep) < sweepEvery && !now.Before(s.lastSweep) {
		return false
	}
	s.lastSweep = now
	return true
}

// endSessions deletes the sessions for which match is true and returns how many.
func endSessions(tx *bolt.Tx, match func(*session) bool) (int, error) {
	b := tx.Bucket(bucketSessions)
	var keys [][]byte
	err := forEachJSON(b, func(k []byte, ses *session) error {
		if match(ses) {
			keys = append(keys, k)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(keys), nil
}
