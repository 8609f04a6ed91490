package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/datadir"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// runIn runs one command in-process with stdin as its input.
func runIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}
	code := m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

// newData makes a workspace for the account commands.
func newData(t *testing.T) string {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	if code, _, errOut := run(t, "init", "--data", data); code != exitOK {
		t.Fatal(errOut)
	}
	return data
}

// withAccounts opens the accounts database the commands wrote, after they closed it.
func withAccounts(t *testing.T, data string, fn func(s *accounts.Store)) {
	t.Helper()
	s, err := accounts.Open(data, accounts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fn(s)
}

var generated = regexp.MustCompile(`(?m)^([a-z2-7]{5}-){3}[a-z2-7]{5}$`)

func TestUserAdd(t *testing.T) {
	data := newData(t)

	// No password piped in: one is made and printed once.
	code, out, errOut := run(t, "user", "add", "Anna", "--data", data, "--team", "ons-team", "--role", "schrijver",
		"--display", "Anna de Vries")
	if code != exitOK || errOut != "" {
		t.Fatalf("user add: %d %q %q", code, out, errOut)
	}
	if !strings.Contains(out, `Account "anna" gemaakt: Anna de Vries, rol schrijver, team ons-team.`) {
		t.Errorf("output: %s", out)
	}
	pw := generated.FindString(out)
	if pw == "" {
		t.Fatalf("no generated password in %q", out)
	}

	// A piped password: only its first line, never echoed.
	code, out, errOut = runIn(t, "een-eigen-wachtwoord\r\nrest\n", "user", "add", "--data", data, "bram",
		"--role", "schrijver,beheerder", "--team", "team-b", "--team", "ons-team")
	if code != exitOK || strings.Contains(out, "een-eigen-wachtwoord") || generated.MatchString(out) {
		t.Fatalf("user add with a piped password: %d %q %q", code, out, errOut)
	}
	if !strings.Contains(out, `Account "bram" gemaakt: bram, rollen schrijver en beheerder, teams ons-team, team-b.`) {
		t.Errorf("output: %s", out)
	}
	if !strings.Contains(errOut, "let op: er is nog geen teampagina teams/team-b.md. Klopt de teamnaam \"team-b\"?") ||
		strings.Contains(errOut, "ons-team") {
		t.Errorf("warning about a team without a page: %q", errOut)
	}

	withAccounts(t, data, func(s *accounts.Store) {
		a, err := s.Authenticate("anna", pw)
		if err != nil {
			t.Fatalf("the printed password does not work: %v", err)
		}
		if a.Display != "Anna de Vries" || !slices.Equal(a.Roles, []access.Role{access.Schrijver}) ||
			!slices.Equal(a.Teams, []wiki.Slug{"ons-team"}) {
			t.Errorf("stored: %+v", a)
		}
		b, err := s.Authenticate("bram", "een-eigen-wachtwoord")
		if err != nil {
			t.Fatalf("the piped password does not work: %v", err)
		}
		if !b.Has(access.Beheerder) || !b.Has(access.Schrijver) {
			t.Errorf("roles: %v", b.Roles)
		}
	})

	code, out, _ = run(t, "user", "list", "--data", data)
	if code != exitOK {
		t.Fatal(out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "NAAM") || !strings.HasPrefix(lines[1], "anna ") ||
		!strings.Contains(lines[1], "Anna de Vries") || !strings.Contains(lines[2], "schrijver,beheerder") ||
		!strings.Contains(lines[2], "actief") {
		t.Errorf("user list:\n%s", out)
	}
	for _, secret := range []string{"argon2", "$", pw, "een-eigen-wachtwoord"} {
		if strings.Contains(out, secret) {
			t.Errorf("user list shows %q:\n%s", secret, out)
		}
	}
}

func TestUserListEmpty(t *testing.T) {
	data := newData(t)
	code, out, _ := run(t, "user", "list", "--data", data)
	if code != exitOK || !strings.Contains(out, "Er zijn nog geen accounts. Maak er een met: leefwereld user add NAAM") {
		t.Errorf("%d %q", code, out)
	}
}

// TestUserErrors: every mistake gets its exit code and a Dutch sentence, and changes nothing.
func TestUserErrors(t *testing.T) {
	data := newData(t)
	if code, _, errOut := runIn(t, "lang-genoeg-wachtwoord\n", "user", "add", "anna", "--data", data, "--role", "beheerder"); code != exitOK {
		t.Fatal(errOut)
	}
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"duplicate name", "", []string{"user", "add", "ANNA"}, exitError, `leefwereld: Er is al een account met de naam "anna".`},
		{"bad role", "", []string{"user", "add", "bram", "--role", "admin"}, exitError, `leefwereld: De rol "admin" bestaat niet. Kies lezer, schrijver of beheerder.`},
		{"bad team", "", []string{"user", "add", "bram", "--team", "Team B"}, exitError, `leefwereld: Het team "Team B" kan niet: de korte naam "Team B" mag alleen kleine letters a-z, cijfers en losse streepjes bevatten.`},
		{"bad name", "", []string{"user", "add", "bram de boer"}, exitError, `leefwereld: De naam "bram de boer" kan niet.`},
		{"empty password", "\n", []string{"user", "add", "bram"}, exitError, "leefwereld: Het wachtwoord is leeg. Kies een wachtwoord van minstens 10 tekens."},
		{"short password", "kort\n", []string{"user", "add", "bram"}, exitError, "leefwereld: Het wachtwoord is te kort: het heeft 4 tekens en moet er minstens 10 hebben."},
		{"long display", "", []string{"user", "add", "bram", "--display", strings.Repeat("x", 101)}, exitError, "leefwereld: De weergavenaam is te lang: hoogstens 100 tekens."},
		{"unknown user", "", []string{"user", "disable", "onbekend"}, exitError, `leefwereld: Er is geen account met de naam "onbekend".`},
		{"unknown user's token", "", []string{"token", "create", "onbekend"}, exitError, `leefwereld: Er is geen account met de naam "onbekend".`},
		{"last beheerder", "", []string{"user", "disable", "anna"}, exitError, "leefwereld: Dit is de laatste beheerder. Maak eerst iemand anders beheerder."},
		{"unknown token", "", []string{"token", "revoke", "anna", "abcdefgh"}, exitError, `leefwereld: Er is geen toegangssleutel "abcdefgh" bij dit account.`},
		{"no name", "", []string{"user", "add"}, exitUsage, "leefwereld user add: geef precies één naam op"},
		{"two names", "", []string{"user", "add", "bram", "carla"}, exitUsage, "leefwereld user add: geef precies één naam op"},
		{"argument to list", "", []string{"user", "list", "alles"}, exitUsage, `leefwereld user list: onverwacht argument "alles"`},
		{"revoke without id", "", []string{"token", "revoke", "anna"}, exitUsage, "leefwereld token revoke: geef de naam en het id van de sleutel op"},
		{"unknown flag", "", []string{"user", "add", "bram", "--rol", "schrijver"}, exitUsage, "flag provided but not defined: -rol"},
		{"no subcommand", "", []string{"user"}, exitUsage, "leefwereld user: zeg wat je wilt doen"},
		{"unknown subcommand", "", []string{"token", "delete", "anna"}, exitUsage, `leefwereld token: onbekende opdracht "delete"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(slices.Clone(tt.args), "--data", data)
			if tt.code == exitUsage && len(tt.args) == 1 {
				args = tt.args // no subcommand: --data would be taken for one
			}
			code, out, errOut := runIn(t, tt.stdin, args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tt.code, tt.want)
			}
			if out != "" {
				t.Errorf("stdout on failure: %q", out)
			}
		})
	}
	withAccounts(t, data, func(s *accounts.Store) {
		list, _ := s.List()
		if len(list) != 1 || list[0].Disabled {
			t.Errorf("failed commands changed the accounts: %+v", list)
		}
	})
	code, _, errOut := run(t, "user", "list", "--data", filepath.Join(t.TempDir(), "leeg"))
	if code != exitError || !strings.Contains(errOut, "staat geen werkplek") {
		t.Errorf("user list without a workspace: %d %q", code, errOut)
	}
}

func TestUserDisableAndTokens(t *testing.T) {
	data := newData(t)
	runIn(t, "lang-genoeg-wachtwoord\n", "user", "add", "beheer", "--role", "beheerder", "--data", data)
	runIn(t, "lang-genoeg-wachtwoord\n", "user", "add", "anna", "--role", "schrijver", "--data", data)

	code, out, errOut := run(t, "token", "create", "anna", "--data", data)
	if code != exitOK {
		t.Fatal(errOut)
	}
	token := regexp.MustCompile(`(?m)^lw_[a-z2-7]+$`).FindString(out)
	if token == "" || !strings.Contains(out, "Je ziet hem maar één keer") {
		t.Fatalf("token create: %q", out)
	}
	var tokenID string
	withAccounts(t, data, func(s *accounts.Store) {
		tok, a, err := s.CheckToken(token)
		if err != nil || a.Name != "anna" {
			t.Fatalf("the printed token does not work: %v", err)
		}
		tokenID = tok.ID
		if _, _, err := s.StartSession(a.ID); err != nil {
			t.Fatal(err)
		}
	})
	code, out, _ = run(t, "token", "list", "anna", "--data", data)
	if code != exitOK || !strings.Contains(out, tokenID) || !strings.Contains(out, "LAATST GEBRUIKT") || strings.Contains(out, token) {
		t.Errorf("token list: %d %q", code, out)
	}

	code, out, _ = run(t, "user", "disable", "anna", "--data", data)
	if code != exitOK || !strings.Contains(out, `Account "anna" is uitgezet: het is overal uitgelogd en de toegangssleutels werken niet meer.`) {
		t.Fatalf("user disable: %d %q", code, out)
	}
	if code, out, _ := run(t, "user", "disable", "anna", "--data", data); code != exitOK || !strings.Contains(out, "was al uitgezet") {
		t.Errorf("disabling twice: %d %q", code, out)
	}
	if _, out, _ := run(t, "user", "list", "--data", data); !regexp.MustCompile(`(?m)^anna .*uitgezet`).MatchString(out) {
		t.Errorf("user list after disable:\n%s", out)
	}
	withAccounts(t, data, func(s *accounts.Store) {
		if _, _, err := s.CheckToken(token); !errors.Is(err, accounts.ErrBadToken) {
			t.Errorf("token of a disabled account: %v", err)
		}
		a, _ := s.Get("anna")
		if list, _ := s.Sessions(a.ID); len(list) != 0 {
			t.Errorf("%d sessions after disable", len(list))
		}
	})
	code, _, errOut = run(t, "token", "create", "anna", "--data", data)
	if code != exitError || !strings.Contains(errOut, `Het account "anna" is uitgezet. Zet het eerst weer aan.`) {
		t.Errorf("token for a disabled account: %d %q", code, errOut)
	}

	if code, out, _ := run(t, "user", "enable", "anna", "--data", data); code != exitOK || !strings.Contains(out, `Account "anna" staat weer aan.`) {
		t.Fatalf("user enable: %d %q", code, out)
	}
	code, out, _ = run(t, "token", "revoke", "anna", tokenID, "--data", data)
	if code != exitOK || !strings.Contains(out, "is ingetrokken") {
		t.Fatalf("token revoke: %d %q", code, out)
	}
	withAccounts(t, data, func(s *accounts.Store) {
		if _, _, err := s.CheckToken(token); !errors.Is(err, accounts.ErrBadToken) {
			t.Errorf("revoked token: %v", err)
		}
	})
	if _, out, _ := run(t, "token", "list", "anna", "--data", data); !strings.Contains(out, `"anna" heeft geen toegangssleutels.`) {
		t.Errorf("token list after revoke: %q", out)
	}
}

// TestAccountCommandsWhileBusy: the server holds the accounts database, and a purge holds the
// data directory; either way the commands stop with a clear sentence and change nothing.
func TestAccountCommandsWhileBusy(t *testing.T) {
	data := newData(t)
	held, err := accounts.Open(data, accounts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "user", "add", "anna", "--data", data)
	if code != exitError || !strings.Contains(errOut, "in gebruik door een ander proces, waarschijnlijk de server (leefwereld serve). Stop de server eerst") {
		t.Errorf("user add while the accounts are open: %d %q", code, errOut)
	}
	held.Close()

	lock, err := datadir.Lock(data, true) // as a running purge holds it
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	for _, args := range [][]string{{"user", "add", "anna"}, {"user", "list"}, {"token", "create", "anna"}} {
		code, _, errOut := run(t, append(args, "--data", data)...)
		if code != exitError || !strings.Contains(errOut, "worden nu gegevens gewist") {
			t.Errorf("%v during a purge: %d %q", args, code, errOut)
		}
	}
	lock.Unlock()
	withAccounts(t, data, func(s *accounts.Store) {
		if n, _ := s.Count(); n != 0 {
			t.Errorf("%d accounts made while busy", n)
		}
	})
}
