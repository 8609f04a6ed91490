package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/purge/purgetest"
)

// TestServeErasesFromTheWeb runs serve as a school does and erases a casus through its pages:
// serve hands the web its lock, the erasure runs inside the server, and the server stops
// cleanly afterwards with what it opened again. The command line can then take the lock.
func TestServeErasesFromTheWeb(t *testing.T) {
	f := purgetest.Build(t, filepath.Join(t.TempDir(), "data"), false)
	const pw = "een lang genoeg wachtwoord"
	if code, out, errOut := runIn(t, pw+"\n", "user", "add", "anna", "--data", f.Data, "--team", "ons-team",
		"--role", "schrijver,beheerder", "--display", "Anna de Vries"); code != exitOK {
		t.Fatalf("user add: %s%s", out, errOut)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	started := make(chan string, 1)
	var out bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &out, Started: func(a string) { started <- a }}
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, []string{"serve", "--data", f.Data, "--addr", "127.0.0.1:0"}) }()
	var base string
	select {
	case a := <-started:
		base = "http://" + a
	case code := <-done:
		t.Fatalf("serve exited %d: %s", code, out.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	do := func(method, path string, form url.Values) (int, string, string) {
		t.Helper()
		var resp *http.Response
		var err error
		if method == http.MethodPost {
			resp, err = browser.PostForm(base+path, form)
		} else {
			resp, err = browser.Get(base + path)
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, string(body), resp.Header.Get("Location")
	}
	field := func(page, name string) string {
		m := regexp.MustCompile(`name="` + name + `" value="([^"]*)"`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no field %s in:\n%.500s", name, page)
		}
		return m[1]
	}
	_, login, _ := do(http.MethodGet, "/inloggen", nil)
	if code, _, _ := do(http.MethodPost, "/inloggen", url.Values{"naam": {"anna"}, "wachtwoord": {pw}, "_csrf": {field(login, "_csrf")}}); code != http.StatusSeeOther {
		t.Fatalf("login: %d", code)
	}
	casus := "/cases/" + purgetest.Casus
	if code, body, _ := do(http.MethodGet, casus+"/inzage", nil); code != 200 || !strings.HasPrefix(body, "PK") {
		t.Fatalf("export: %d", code)
	}
	_, page, _ := do(http.MethodGet, casus+"/wissen", nil)
	code, _, loc := do(http.MethodPost, casus+"/wissen", url.Values{"_csrf": {field(page, "_csrf")}, "plan": {field(page, "plan")},
		"bevestig": {purgetest.Casus}})
	if code != http.StatusSeeOther || loc != "/beheer/bewaartermijn?gewist=1" {
		t.Fatalf("erase: %d %q\n%s", code, loc, out.String())
	}
	if code, _, _ := do(http.MethodGet, casus, nil); code != 404 {
		t.Errorf("the casus after the erasure: %d", code)
	}
	if code, body, _ := do(http.MethodGet, "/api/search?q=voetbalt", nil); code != 200 || !strings.Contains(body, "sam-groep-7") {
		t.Errorf("search after the erasure: %d %.200s", code, body)
	}
	// While the server runs, the command line still cannot purge: the lock is shared again.
	if code, _, errOut := run(t, "purge", "--data", f.Data, "--page", "portraits/sam", "--yes"); code != exitError || !strings.Contains(errOut, "stop eerst de server") {
		t.Errorf("purge beside the server: %d %q", code, errOut)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK || !strings.Contains(out.String(), "Leefwereld is gestopt.") {
			t.Errorf("serve stopped with %d: %s", code, out.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	for _, s := range append(purgetest.Secrets, purgetest.Names...) {
		if strings.Contains(out.String(), s) {
			t.Errorf("the server's output names %q", s)
		}
	}
	f.ProveErasedServed(t)
	// Stopped, the server left nothing half-done: the command line has the lock and a clean
	// repository (the erased casus is not there to erase again).
	if code, _, errOut := run(t, "purge", "--data", f.Data, "--casus", purgetest.Casus, "--yes"); code != exitError || !strings.Contains(errOut, "er is geen casus") {
		t.Errorf("purge after the server stopped: %d %q", code, errOut)
	}
}
