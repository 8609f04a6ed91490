package throttle

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func newClock() *clock { return &clock{t: time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)} }

func TestBackoff(t *testing.T) {
	c := newClock()
	l := New(Rule{Free: 3, Base: time.Minute, Max: 5 * time.Minute, Forget: 15 * time.Minute, Keys: 10}, c.now)
	steps := []struct {
		fail bool
		wait time.Duration
	}{
		{true, 0}, {true, 0}, {true, 0}, // three free
		{true, time.Minute},
		{true, 2 * time.Minute},
		{true, 4 * time.Minute},
		{true, 5 * time.Minute}, // capped
		{true, 5 * time.Minute},
	}
	for i, s := range steps {
		if got := l.Fail("anna"); got != s.wait {
			t.Fatalf("failure %d: wait %v, want %v", i+1, got, s.wait)
		}
		if got := l.Wait("anna"); got != s.wait {
			t.Fatalf("after failure %d: Wait = %v, want %v", i+1, got, s.wait)
		}
	}
	if w := l.Wait("bram"); w != 0 {
		t.Errorf("another key waits %v", w)
	}
	c.add(3 * time.Minute)
	if w := l.Wait("anna"); w != 2*time.Minute {
		t.Errorf("3 minutes into a 5 minute wait: %v left", w)
	}
	c.add(2 * time.Minute)
	if w := l.Wait("anna"); w != 0 {
		t.Errorf("after the wait: %v", w)
	}
	// The count stays until a quiet period: the next failure waits longer straight away.
	if w := l.Fail("anna"); w != 5*time.Minute {
		t.Errorf("failure after the wait: %v", w)
	}
	c.add(16 * time.Minute)
	if w := l.Fail("anna"); w != 0 {
		t.Errorf("after 16 quiet minutes the count is not forgotten: wait %v", w)
	}
	l.Reset("anna")
	if l.Len() != 0 {
		t.Errorf("Reset left %d keys", l.Len())
	}
}

func TestBounded(t *testing.T) {
	c := newClock()
	l := New(Rule{Free: 0, Base: time.Minute, Max: time.Hour, Forget: time.Hour, Keys: 100}, c.now)
	l.Fail("doelwit")
	for i := range 99 {
		l.Fail(fmt.Sprint("naam", i))
	}
	if l.Wait("doelwit") == 0 { // touched: now the most recent
		t.Fatal("doelwit forgotten too early")
	}
	for i := range 1000 {
		l.Fail(fmt.Sprint("vloed", i))
	}
	if l.Len() != 100 {
		t.Errorf("limiter holds %d keys, want at most 100", l.Len())
	}
	if l.Wait("vloed999") == 0 {
		t.Error("the newest key was evicted")
	}
}

func TestLogin(t *testing.T) {
	c := newClock()
	l := NewLogin(c.now)
	for range AccountRule.Free {
		if w := l.Failed("Anna", "192.0.2.1"); w != 0 {
			t.Fatalf("free failure waits %v", w)
		}
	}
	if w := l.Failed(" anna ", "192.0.2.2"); w != time.Minute {
		t.Fatalf("account over its free failures, from another address: wait %v", w)
	}
	if w := l.Wait("ANNA", "198.51.100.7"); w != time.Minute {
		t.Errorf("the account wait does not follow the name: %v", w)
	}
	if w := l.Wait("bram", "192.0.2.1"); w != 0 {
		t.Errorf("another account on the same address waits %v", w)
	}
	l.Succeeded("anna", "192.0.2.1")
	if w := l.Wait("anna", "192.0.2.1"); w != 0 {
		t.Errorf("after a success: wait %v", w)
	}

	// One address guessing many names is stopped by the address count, and a success on one
	// account does not reset it.
	ip := "2001:db8:1:2:3:4:5:6"
	var w time.Duration
	for i := range AddressRule.Free + 1 {
		w = l.Failed(fmt.Sprint("naam", i), ip)
	}
	if w != time.Minute {
		t.Fatalf("address over its free failures: wait %v", w)
	}
	l.Succeeded("naam0", ip)
	if w := l.Wait("nieuw", "2001:db8:1:2:ffff::1"); w != time.Minute {
		t.Errorf("another address in the same /64 waits %v, want a minute", w)
	}
	if w := l.Wait("nieuw", "2001:db8:1:3::1"); w != 0 {
		t.Errorf("another /64 waits %v", w)
	}
	if w := l.Wait("nieuw", "::ffff:192.0.2.1"); w != 0 {
		t.Errorf("a mapped IPv4 address: %v", w)
	}
}

func TestAddressKey(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.1":        "192.0.2.1",
		"::ffff:192.0.2.1": "192.0.2.1",
		"2001:db8::1":      "2001:db8::/64",
		"geen-adres":       "geen-adres",
	} {
		if got := addressKey(in); got != want {
			t.Errorf("addressKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMessage(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "1 seconde"},
		{500 * time.Millisecond, "1 seconde"},
		{40 * time.Second, "40 seconden"},
		{59*time.Second + time.Millisecond, "1 minuut"},
		{time.Minute, "1 minuut"},
		{61 * time.Second, "2 minuten"},
		{15 * time.Minute, "15 minuten"},
	}
	for _, tt := range tests {
		if got := Duration(tt.d); got != tt.want {
			t.Errorf("Duration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
	if got := Message(2 * time.Minute); got != "Er is te vaak een verkeerd wachtwoord geprobeerd. Probeer het over 2 minuten opnieuw." {
		t.Errorf("Message: %q", got)
	}
}

func TestConcurrent(t *testing.T) {
	c := newClock()
	l := NewLogin(c.now)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				name := fmt.Sprint("naam", i%7)
				ip := fmt.Sprintf("192.0.2.%d", g)
				l.Wait(name, ip)
				l.Failed(name, ip)
				if i%13 == 0 {
					l.Succeeded(name, ip)
				}
			}
		}()
	}
	wg.Wait()
	if w := l.Wait("naam1", "192.0.2.0"); w == 0 {
		t.Error("1600 failures and no wait")
	}
}
