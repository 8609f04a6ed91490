package password

import (
	"errors"
	"strings"
	"testing"
)

// cheap keeps the tests fast; TestDefault runs the real cost once.
var cheap = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestDefault(t *testing.T) {
	h, err := Hash("correct paard batterij nietje", Default)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not carry the default parameters", h)
	}
	ok, err := Verify("correct paard batterij nietje", h)
	if err != nil || !ok {
		t.Fatalf("Verify(right) = %v, %v", ok, err)
	}
	if p, err := ParamsOf(h); err != nil || p != Default {
		t.Errorf("ParamsOf = %+v, %v; want %+v", p, err, Default)
	}
}

func TestVerify(t *testing.T) {
	h, err := Hash("geheim-wachtwoord", cheap)
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := Hash("geheim-wachtwoord", cheap)
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	f := strings.Split(h, "$")
	// flip returns s with its first base64 character changed.
	flip := func(s string) string {
		c := byte('A')
		if s[0] == 'A' {
			c = 'B'
		}
		return string(c) + s[1:]
	}
	join := func(parts ...string) string { return strings.Join(parts, "$") }
	tests := []struct {
		name, pw, hash string
		ok             bool
		malformed      bool
	}{
		{"right password", "geheim-wachtwoord", h, true, false},
		{"right password, other salt", "geheim-wachtwoord", h2, true, false},
		{"wrong password", "geheim-wachtwoorD", h, false, false},
		{"empty password", "", h, false, false},
		{"password with a suffix", "geheim-wachtwoord ", h, false, false},
		{"tampered key", "geheim-wachtwoord", join("", f[1], f[2], f[3], f[4], flip(f[5])), false, false},
		{"tampered salt", "geheim-wachtwoord", join("", f[1], f[2], f[3], flip(f[4]), f[5]), false, false},
		{"tampered time", "geheim-wachtwoord", join("", f[1], f[2], "m=64,t=2,p=1", f[4], f[5]), false, false},
		{"tampered memory", "geheim-wachtwoord", join("", f[1], f[2], "m=128,t=1,p=1", f[4], f[5]), false, false},
		{"memory out of bounds", "geheim-wachtwoord", join("", f[1], f[2], "m=4194304,t=1,p=1", f[4], f[5]), false, true},
		{"time out of bounds", "geheim-wachtwoord", join("", f[1], f[2], "m=64,t=1000,p=1", f[4], f[5]), false, true},
		{"zero threads", "geheim-wachtwoord", join("", f[1], f[2], "m=64,t=1,p=0", f[4], f[5]), false, true},
		{"parameters reordered", "geheim-wachtwoord", join("", f[1], f[2], "t=1,m=64,p=1", f[4], f[5]), false, true},
		{"parameters padded", "geheim-wachtwoord", join("", f[1], f[2], "m=064,t=1,p=1", f[4], f[5]), false, true},
		{"other algorithm", "geheim-wachtwoord", join("", "argon2i", f[2], f[3], f[4], f[5]), false, true},
		{"other version", "geheim-wachtwoord", join("", f[1], "v=16", f[3], f[4], f[5]), false, true},
		{"short key", "geheim-wachtwoord", join("", f[1], f[2], f[3], f[4], f[5][:8]), false, true},
		{"short salt", "geheim-wachtwoord", join("", f[1], f[2], f[3], "AAAA", f[5]), false, true},
		{"bad base64", "geheim-wachtwoord", join("", f[1], f[2], f[3], f[4], "!!!!"+f[5][4:]), false, true},
		{"extra field", "geheim-wachtwoord", h + "$x", false, true},
		{"empty", "geheim-wachtwoord", "", false, true},
		{"plain text", "geheim-wachtwoord", "geheim-wachtwoord", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := Verify(tt.pw, tt.hash)
			if ok != tt.ok {
				t.Errorf("Verify = %v, want %v", ok, tt.ok)
			}
			if got := errors.Is(err, ErrMalformed); got != tt.malformed {
				t.Errorf("err = %v, malformed %v", err, tt.malformed)
			}
		})
	}
}

func TestNeedsRehash(t *testing.T) {
	h, _ := Hash("x", cheap)
	if NeedsRehash(h, cheap) {
		t.Error("a hash made with p needs a rehash with p")
	}
	stronger := cheap
	stronger.Time = 3
	if !NeedsRehash(h, stronger) {
		t.Error("a cheaper hash does not need a rehash")
	}
	if !NeedsRehash("kapot", cheap) {
		t.Error("a damaged hash does not need a rehash")
	}
}

func TestHashRefusesBadParams(t *testing.T) {
	for _, p := range []Params{
		{},
		{Memory: 64, Time: 0, Threads: 1, SaltLen: 16, KeyLen: 32},
		{Memory: 64, Time: 1, Threads: 1, SaltLen: 4, KeyLen: 32},
		{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 8},
		{Memory: 1 << 30, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32},
	} {
		if _, err := Hash("x", p); err == nil {
			t.Errorf("Hash with %+v: no error", p)
		}
	}
}
