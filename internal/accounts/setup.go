package accounts

import (
	"crypto/subtle"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/leefwereld/leefwereld/internal/access"
)

// SetupValid is how long a set-up token works.
const SetupValid = 30 * time.Minute

// setupToken is the stored set-up token: only its hash.
type setupToken struct {
	Hash    []byte    `json:"hash"`
	Expires time.Time `json:"expires"`
}

// StartSetup makes the one-time token with which the first beheerder is created in the browser.
// It works only while there are no accounts, for SetupValid, once; a new one replaces the old
// (the server makes one at every start without accounts and prints the link).
func (s *Store) StartSetup() (secret string, expires time.Time, err error) {
	secret = random(32)
	expires = s.now().UTC().Add(SetupValid)
	err = s.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketAccounts).Stats().KeyN > 0 {
			return problem(ErrSetupDone.Code, msgSetupDone)
		}
		return putJSON(tx.Bucket(bucketMeta), keySetup, &setupToken{Hash: digest(secret), Expires: expires})
	})
	if err != nil {
		return "", time.Time{}, wrap("start setup", err)
	}
	return secret, expires, nil
}

// CheckSetup reports whether secret is a set-up token that still works, so the web layer can
// show the form (or a clear Dutch message) before anyone types a password.
func (s *Store) CheckSetup(secret string) error {
	return wrap("check setup", s.db.View(func(tx *bolt.Tx) error { return s.checkSetup(tx, secret) }))
}

func (s *Store) checkSetup(tx *bolt.Tx, secret string) error {
	if tx.Bucket(bucketAccounts).Stats().KeyN > 0 {
		return problem(ErrSetupDone.Code, msgSetupDone)
	}
	var st setupToken
	ok, err := getJSON(tx.Bucket(bucketMeta), keySetup, &st)
	if err != nil {
		return err
	}
	if !ok || subtle.ConstantTimeCompare(st.Hash, digest(secret)) != 1 || !s.now().Before(st.Expires) {
		return problem(ErrSetupInvalid.Code, msgSetupInvalid)
	}
	return nil
}

// FinishSetup uses the set-up token to create the first account, always a beheerder (with the
// other roles in n as well), and spends the token.
func (s *Store) FinishSetup(secret string, n NewAccount) (Account, error) {
	if err := s.CheckSetup(secret); err != nil { // before the costly hash, and before complaints about n
		return Account{}, err
	}
	if !slices.Contains(n.Roles, access.Beheerder) {
		n.Roles = append(slices.Clone(n.Roles), access.Beheerder)
	}
	r, err := s.newRecord(n)
	if err != nil {
		return Account{}, err
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := s.checkSetup(tx, secret); err != nil { // again: another browser may have won
			return err
		}
		if err := tx.Bucket(bucketMeta).Delete(keySetup); err != nil {
			return err
		}
		return insert(tx, r)
	})
	if err != nil {
		return Account{}, wrap("finish setup", err)
	}
	return r.account(), nil
}
