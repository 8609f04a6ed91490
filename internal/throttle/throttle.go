// Package throttle slows down password guessing: after a few failed logins for one account, or
// from one address, the next attempt has to wait, and the wait doubles with every further
// failure. It lives in memory (a restart forgets, which costs an attacker a restart of our
// server they cannot cause) and holds a bounded number of keys, so a flood of made-up names or
// addresses cannot grow it without end: the least recently seen key is forgotten first.
package throttle

import (
	"container/list"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// Rule is how one limiter counts.
type Rule struct {
	Free   int           // failures allowed before any wait
	Base   time.Duration // the first wait; it doubles with each further failure
	Max    time.Duration // the longest wait
	Forget time.Duration // failures are forgotten after this long without one
	Keys   int           // most keys held at once
}

// Limiter counts failures per key. It is safe for concurrent use.
type Limiter struct {
	rule Rule
	now  func() time.Time

	mu  sync.Mutex
	m   map[string]*list.Element
	lru list.List // front: most recently touched
}

type entry struct {
	key   string
	fails int
	last  time.Time // the last failure
	until time.Time // no attempt before this
}

// New returns a limiter; now is the clock (nil: time.Now).
func New(r Rule, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	if r.Keys < 1 {
		r.Keys = 1
	}
	return &Limiter{rule: r, now: now, m: make(map[string]*list.Element)}
}

// Wait returns how long key must wait before its next attempt; 0 means it may try now.
func (l *Limiter) Wait(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	e := l.get(key, now)
	if e == nil || !now.Before(e.until) {
		return 0
	}
	return e.until.Sub(now)
}

// Fail records a failed attempt for key and returns the wait it now has.
func (l *Limiter) Fail(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	e := l.get(key, now)
	if e == nil {
		e = &entry{key: key}
		l.m[key] = l.lru.PushFront(e)
		for l.lru.Len() > l.rule.Keys {
			old := l.lru.Back()
			l.lru.Remove(old)
			delete(l.m, old.Value.(*entry).key)
		}
	}
	e.fails++
	e.last = now
	if over := e.fails - l.rule.Free; over > 0 {
		wait := l.rule.Base
		for i := 1; i < over && wait < l.rule.Max; i++ {
			wait *= 2
		}
		wait = min(wait, l.rule.Max)
		e.until = now.Add(wait)
		return wait
	}
	return 0
}

// Reset forgets key's failures (after a successful login).
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if el, ok := l.m[key]; ok {
		l.lru.Remove(el)
		delete(l.m, key)
	}
}

// Len is the number of keys held.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lru.Len()
}

// get returns key's entry, moved to the front, or nil when there is none or it is forgotten.
func (l *Limiter) get(key string, now time.Time) *entry {
	el, ok := l.m[key]
	if !ok {
		return nil
	}
	e := el.Value.(*entry)
	if !now.Before(e.until) && now.Sub(e.last) >= l.rule.Forget {
		l.lru.Remove(el)
		delete(l.m, key)
		return nil
	}
	l.lru.MoveToFront(el)
	return e
}

// The rules for logins. An account gets few free tries: a person who forgot a password needs
// a handful, a guesser needs thousands. An address gets more, because a whole school may sit
// behind one.
var (
	AccountRule = Rule{Free: 5, Base: time.Minute, Max: 15 * time.Minute, Forget: 15 * time.Minute, Keys: 10000}
	AddressRule = Rule{Free: 30, Base: time.Minute, Max: 15 * time.Minute, Forget: 15 * time.Minute, Keys: 10000}
)

// Login limits logins per account name and per client address at once.
type Login struct {
	accounts, addresses *Limiter
}

// NewLogin returns a login limiter with AccountRule and AddressRule; now is the clock.
func NewLogin(now func() time.Time) *Login {
	return &Login{accounts: New(AccountRule, now), addresses: New(AddressRule, now)}
}

// Wait returns how long a login for name from ip must wait; 0 means it may try now. Call it
// before checking the password, so a guesser learns nothing while waiting.
func (l *Login) Wait(name, ip string) time.Duration {
	return max(l.accounts.Wait(accountKey(name)), l.addresses.Wait(addressKey(ip)))
}

// Failed records a failed login (also for names that do not exist, so that waiting does not
// tell which names do) and returns the wait it now has.
func (l *Login) Failed(name, ip string) time.Duration {
	return max(l.accounts.Fail(accountKey(name)), l.addresses.Fail(addressKey(ip)))
}

// Succeeded forgets the account's failures. The address keeps its count: one valid account
// must not let a guesser on the same address start afresh on others.
func (l *Login) Succeeded(name, _ string) { l.accounts.Reset(accountKey(name)) }

func accountKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// addressKey groups IPv6 addresses by /64: one home or school network gets a whole /64, so
// counting single addresses would let one client rotate through billions of them.
func addressKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, _ := a.Prefix(64)
	return p.String()
}

// Message is the Dutch sentence the login page shows while a login must wait.
func Message(wait time.Duration) string {
	return fmt.Sprintf("Er is te vaak een verkeerd wachtwoord geprobeerd. Probeer het over %s opnieuw.", Duration(wait))
}

// Duration says a wait in Dutch, rounded up: "1 minuut", "3 minuten", "40 seconden".
func Duration(d time.Duration) string {
	if s := int((d + time.Second - 1) / time.Second); s < 60 {
		if s <= 1 {
			return "1 seconde"
		}
		return fmt.Sprintf("%d seconden", s)
	}
	m := int((d + time.Minute - 1) / time.Minute)
	if m == 1 {
		return "1 minuut"
	}
	return fmt.Sprintf("%d minuten", m)
}
