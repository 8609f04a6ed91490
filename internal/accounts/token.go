package accounts

import (
	"errors"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TokenPrefix starts every API token, so a token pasted into a chat or a repository is easy to
// recognise (and to search for) as a secret.
const TokenPrefix = "lw_"

// tokenUseEvery is how stale a token's "last used" may get before a call writes it again.
const tokenUseEvery = time.Hour

// Token is a personal API token for `Authorization: Bearer`, as shown in lists. The secret
// itself is returned once, by CreateToken; only its SHA-256 is stored. A token has no expiry of
// its own: it works until it is revoked or its account is disabled.
type Token struct {
	ID      string    `json:"id"` // names the token in lists and for RevokeToken
	Account string    `json:"account"`
	Created time.Time `json:"created"`
	Used    time.Time `json:"used,omitzero"` // the last call, to the hour
}

// CreateToken makes a new API token for the account with login name name.
func (s *Store) CreateToken(name string) (secret string, _ Token, err error) {
	secret = TokenPrefix + random(32)
	var t Token
	err = s.db.Update(func(tx *bolt.Tx) error {
		r, err := byName(tx, name)
		if err != nil {
			return err
		}
		if r.Disabled {
			return problem(ErrDisabled.Code, "Het account %q is uitgezet. Zet het eerst weer aan.", r.Name)
		}
		t = Token{ID: random(5), Account: r.ID, Created: s.now().UTC()}
		return putJSON(tx.Bucket(bucketTokens), digest(secret), &t)
	})
	if err != nil {
		return "", Token{}, wrap("create token", err)
	}
	return secret, t, nil
}

// CheckToken returns the token and its account for an API call. An unknown or revoked token,
// and a token of a disabled or removed account, give ErrBadToken.
func (s *Store) CheckToken(secret string) (Token, Account, error) {
	bad := problem(ErrBadToken.Code, msgBadToken)
	if !strings.HasPrefix(secret, TokenPrefix) {
		return Token{}, Account{}, bad
	}
	key := digest(secret)
	var (
		t  Token
		r  *record
		ok bool
	)
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		if ok, err = getJSON(tx.Bucket(bucketTokens), key, &t); err != nil || !ok {
			return err
		}
		r, err = byID(tx, t.Account)
		return err
	})
	switch {
	case errors.Is(err, ErrNotFound), err == nil && (!ok || r.Disabled):
		return Token{}, Account{}, bad
	case err != nil:
		return Token{}, Account{}, wrap("check token", err)
	}
	if now := s.now().UTC(); now.Sub(t.Used) >= tokenUseEvery {
		t.Used = now.Truncate(time.Hour)
		err := s.db.Update(func(tx *bolt.Tx) error {
			var cur Token
			ok, err := getJSON(tx.Bucket(bucketTokens), key, &cur)
			if err != nil || !ok { // revoked meanwhile
				return err
			}
			cur.Used = t.Used
			return putJSON(tx.Bucket(bucketTokens), key, &cur)
		})
		if err != nil {
			return Token{}, Account{}, wrap("check token", err)
		}
	}
	return t, r.account(), nil
}

// Tokens lists an account's tokens, newest first.
func (s *Store) Tokens(accountID string) ([]Token, error) {
	var out []Token
	err := s.db.View(func(tx *bolt.Tx) error {
		return forEachJSON(tx.Bucket(bucketTokens), func(_ []byte, t *Token) error {
			if t.Account == accountID {
				out = append(out, *t)
			}
			return nil
		})
	})
	if err != nil {
		return nil, wrap("list tokens", err)
	}
	slices.SortFunc(out, func(a, b Token) int { return b.Created.Compare(a.Created) })
	return out, nil
}

// RevokeToken deletes token id of account accountID; it stops working at once. The account is
// part of the question for the same reason as in EndSessionHandle.
func (s *Store) RevokeToken(accountID, id string) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketTokens)
		var key []byte
		err := forEachJSON(b, func(k []byte, t *Token) error {
			if id != "" && t.ID == id && t.Account == accountID {
				key = k
			}
			return nil
		})
		if err != nil {
			return err
		}
		if key == nil {
			return problem(ErrTokenUnknown.Code, "Er is geen toegangssleutel %q bij dit account.", id)
		}
		return b.Delete(key)
	})
	return wrap("revoke token", err)
}
