// Package accounts keeps who may sign in to a workspace and who is signed in: accounts (name,
// display name, argon2id password hash, roles, teams), server-side sessions, personal API
// tokens and the one-time set-up token for the first beheerder.
//
// Everything lives in one bbolt file beside the repository (<data>/accounts.db), not in git:
// password hashes and sessions must never enter a history that is cloned and backed up, and a
// session check must be one small read. What an account may do is not decided here but by
// internal/access; Account.Subject hands the policy what it needs.
//
// Secrets (session ids, tokens, set-up tokens) are random and only their SHA-256 is stored, so
// a copy of the file lets no one sign in. Expiry is enforced by the store on every lookup, not
// left to a cookie or a sweeper: an expired session is deleted when it is looked up.
package accounts

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/leefwereld/leefwereld/internal/password"
)

// FileName is the database inside the data directory.
const FileName = "accounts.db"

// schemaVersion is the layout of the buckets below; a newer file is refused, not misread.
const schemaVersion = 1

// ErrLocked is returned by Open when another process (usually the server) has the database
// open. bbolt allows one writer process at a time.
var ErrLocked = errors.New("accounts: database in use by another process")

// Buckets. Keys of sessions, tokens and the set-up token are SHA-256 hashes of the secret.
var (
	bucketAccounts = []byte("accounts") // id → account record (JSON)
	bucketNames    = []byte("names")    // login name → id
	bucketSessions = []byte("sessions") // sha256(session id) → session (JSON)
	bucketTokens   = []byte("tokens")   // sha256(token) → token (JSON)
	bucketMeta     = []byte("meta")     // "version", "setup"
	bucketViews    = []byte("views")    // path, 0, time, random → view (JSON): the inzage log (views.go)
)

var keyVersion, keySetup = []byte("version"), []byte("setup")

// Options adjust a Store; the zero value is right for production.
type Options struct {
	// Now is the clock; tests pass a fake one so expiry needs no sleeping.
	Now func() time.Time
	// Password is the cost of new password hashes; zero means password.Default.
	Password password.Params
	// Timeout is how long Open waits for another process to let go of the file (default 1 s).
	Timeout time.Duration
}

// Store is the accounts database of one workspace. It is safe for concurrent use.
type Store struct {
	db  *bolt.DB
	now func() time.Time
	pw  password.Params

	dummyOnce sync.Once
	dummy     string // a hash checked for unknown names, so a wrong name costs as long as a wrong password

	sweepMu   sync.Mutex
	lastSweep time.Time
}

// Open opens (creating when needed) the accounts database in the data directory dir. The
// directory must exist: a mistyped --data must not leave a stray accounts file behind.
func Open(dir string, opt Options) (*Store, error) {
	if fi, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("accounts: open: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("accounts: open: %s is not a directory", dir)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Password == (password.Params{}) {
		opt.Password = password.Default
	}
	if opt.Timeout == 0 {
		opt.Timeout = time.Second
	}
	db, err := bolt.Open(filepath.Join(dir, FileName), 0o600, &bolt.Options{Timeout: opt.Timeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("accounts: open %s: %w", dir, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("accounts: open %s: %w", dir, err)
	}
	db.MaxBatchDelay = viewBatchDelay // the inzage log's writes (views.go)
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketAccounts, bucketNames, bucketSessions, bucketTokens, bucketMeta, bucketViews} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if v := meta.Get(keyVersion); v != nil {
			n, err := strconv.Atoi(string(v))
			if err != nil || n > schemaVersion {
				return fmt.Errorf("database version %q is newer than this program understands (%d)", v, schemaVersion)
			}
			return nil
		}
		return meta.Put(keyVersion, []byte(strconv.Itoa(schemaVersion)))
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("accounts: open %s: %w", dir, err)
	}
	return &Store{db: db, now: opt.Now, pw: opt.Password}, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("accounts: close: %w", err)
	}
	return nil
}

// b32 spells random ids and tokens: lowercase letters and digits 2–7 only, so they survive
// being read aloud, typed, put in an e-mail address or double-clicked.
var b32 = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// random returns n random bytes spelled in b32.
func random(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand panics rather than return an error since Go 1.24)
	return b32.EncodeToString(b)
}

// digest is the key a secret is stored under.
func digest(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

func getJSON(b *bolt.Bucket, key []byte, v any) (bool, error) {
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return false, fmt.Errorf("decode %s: %w", b32.EncodeToString(key[:min(len(key), 8)]), err)
	}
	return true, nil
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// forEachJSON calls fn for every record in b. Keys are copied: bbolt's slices die with the tx,
// and fn may collect them for deletion after the loop (deleting inside ForEach is not allowed).
func forEachJSON[T any](b *bolt.Bucket, fn func(key []byte, v *T) error) error {
	return b.ForEach(func(k, data []byte) error {
		v := new(T)
		if err := json.Unmarshal(data, v); err != nil {
			return fmt.Errorf("decode %s: %w", b32.EncodeToString(k[:min(len(k), 8)]), err)
		}
		return fn(append([]byte(nil), k...), v)
	})
}

// wrap gives a storage error the package prefix, and lets a user's Error through unchanged.
func wrap(op string, err error) error {
	var e *Error
	if err == nil || errors.As(err, &e) {
		return err
	}
	return fmt.Errorf("accounts: %s: %w", op, err)
}
