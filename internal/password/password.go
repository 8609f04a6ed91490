// Package password hashes and checks passwords with argon2id.
//
// A hash is stored as a PHC string ($argon2id$v=19$m=19456,t=2,p=1$salt$key), so the cost it was
// made with travels with it: raising the cost later only needs a rehash at the next login
// (NeedsRehash), never a migration. Parameters read from a stored hash are bounded, because a
// tampered hash with m=4 GiB must not be a way to exhaust the server's memory.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params is the cost of one hash. Memory is in KiB.
type Params struct {
	Memory  uint32
	Time    uint32
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// Default follows OWASP's argon2id advice (19 MiB, 2 passes, 1 lane): about 30 ms on one core,
// small enough that a handful of logins at once do not starve a two-core school server.
var Default = Params{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Bounds on parameters read from a stored hash (see the package comment).
const (
	maxMemory  = 256 * 1024 // KiB
	maxTime    = 16
	maxThreads = 16
	minSalt    = 8
	minKey     = 16
	maxBytes   = 128
)

// ErrMalformed is returned by Verify when the stored hash is not an argon2id PHC string this
// package can check. It means the stored data is damaged, not that the password is wrong.
var ErrMalformed = errors.New("password: malformed hash")

var b64 = base64.RawStdEncoding

// Hash returns the PHC string of pw with a fresh random salt.
func Hash(pw string, p Params) (string, error) {
	if err := p.check(); err != nil {
		return "", fmt.Errorf("password: hash: %w", err)
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password: hash: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether pw matches the stored hash, comparing in constant time. A damaged
// hash is an error (ErrMalformed), never a match.
func Verify(pw, hash string) (bool, error) {
	p, salt, key, err := decode(hash)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether hash was made with other parameters than p (or is damaged), so
// the caller can store a new hash after a successful login.
func NeedsRehash(hash string, p Params) bool {
	got, salt, key, err := decode(hash)
	if err != nil {
		return true
	}
	return got.Memory != p.Memory || got.Time != p.Time || got.Threads != p.Threads ||
		uint32(len(salt)) != p.SaltLen || uint32(len(key)) != p.KeyLen
}

// ParamsOf returns the parameters a stored hash was made with.
func ParamsOf(hash string) (Params, error) {
	p, _, _, err := decode(hash)
	return p, err
}

func (p Params) check() error {
	switch {
	case p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory:
		return fmt.Errorf("memory %d KiB out of range", p.Memory)
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("time %d out of range", p.Time)
	case p.Threads < 1 || p.Threads > maxThreads:
		return fmt.Errorf("threads %d out of range", p.Threads)
	case p.SaltLen < minSalt || p.SaltLen > maxBytes:
		return fmt.Errorf("salt length %d out of range", p.SaltLen)
	case p.KeyLen < minKey || p.KeyLen > maxBytes:
		return fmt.Errorf("key length %d out of range", p.KeyLen)
	}
	return nil
}

// decode parses "$argon2id$v=19$m=…,t=…,p=…$salt$key" strictly: fixed field order, no extras.
func decode(hash string) (p Params, salt, key []byte, err error) {
	bad := func(why string) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, fmt.Errorf("%w: %s", ErrMalformed, why)
	}
	f := strings.Split(hash, "$")
	if len(f) != 6 || f[0] != "" {
		return bad("not a PHC string")
	}
	if f[1] != "argon2id" {
		return bad("algorithm is not argon2id")
	}
	if f[2] != "v="+strconv.Itoa(argon2.Version) {
		return bad("unsupported version")
	}
	var m, t, th uint64
	if n, e := fmt.Sscanf(f[3], "m=%d,t=%d,p=%d", &m, &t, &th); n != 3 || e != nil ||
		f[3] != fmt.Sprintf("m=%d,t=%d,p=%d", m, t, th) {
		return bad("bad parameters")
	}
	if m > maxMemory || t > maxTime || th > maxThreads {
		return bad("parameters out of range")
	}
	if salt, err = b64.Strict().DecodeString(f[4]); err != nil {
		return bad("bad salt")
	}
	if key, err = b64.Strict().DecodeString(f[5]); err != nil {
		return bad("bad key")
	}
	p = Params{Memory: uint32(m), Time: uint32(t), Threads: uint8(th), SaltLen: uint32(len(salt)), KeyLen: uint32(len(key))}
	if e := p.check(); e != nil {
		return bad(e.Error())
	}
	return p, salt, key, nil
}
