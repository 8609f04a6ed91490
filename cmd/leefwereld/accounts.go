package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/leefwereld/leefwereld/internal/accounts"
)

// openAccounts opens the accounts database of the workspace in data, under the data directory's
// shared lock like every command. The server keeps the database open while it runs (bbolt lets
// one process in), so this refuses clearly then. close releases both.
func (m *Main) openAccounts(data string) (s *accounts.Store, close func(), code int) {
	lock, code := m.lockShared(data)
	if lock == nil {
		return nil, nil, code
	}
	s, err := accounts.Open(data, accounts.Options{})
	if err != nil {
		lock.Unlock()
		if errors.Is(err, accounts.ErrLocked) {
			return nil, nil, m.fail("de accounts in %s zijn in gebruik door een ander proces, waarschijnlijk de server (leefwereld serve). Stop de server eerst en probeer het daarna opnieuw.", data)
		}
		return nil, nil, m.fail("kon de accounts in %s niet openen: %v", data, err)
	}
	return s, func() { s.Close(); lock.Unlock() }, exitOK
}

// accountError prints an error from the accounts store: a user's mistake as its Dutch sentence,
// anything else with what went wrong.
func (m *Main) accountError(err error) int {
	var e *accounts.Error
	if errors.As(err, &e) {
		return m.fail("%s", e.Message)
	}
	return m.fail("de accounts konden niet worden bijgewerkt: %v", err)
}

// parseNames parses flags that may come before, between and after the positional arguments
// (`user add anna --team x`: the contract puts the name first), and wants exactly len(what)
// of them; what names them in Dutch for the message.
func (m *Main) parseNames(fs *flag.FlagSet, args []string, what ...string) ([]string, bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, false
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != len(what) {
		if len(what) == 0 {
			fmt.Fprintf(m.Stderr, "%s: onverwacht argument %q\n", fs.Name(), strings.Join(pos, " "))
		} else {
			fmt.Fprintf(m.Stderr, "%s: geef %s op\n", fs.Name(), strings.Join(what, " en "))
		}
		fs.Usage()
		return nil, false
	}
	return pos, true
}

// listFlag is a flag that may be given more than once, and takes comma-separated values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// newPassword returns the password for a new account: the first line of stdin when something
// is piped in, else (a terminal, or nothing at all on stdin) a generated one that the caller
// prints once. A piped empty line is an empty password, which Add refuses with a clear message.
func (m *Main) newPassword() (pw string, generated bool, err error) {
	if f, ok := m.Stdin.(*os.File); m.Stdin == nil || ok && isTerminal(f) {
		return accounts.GeneratePassword(), true, nil
	}
	data, err := io.ReadAll(io.LimitReader(m.Stdin, 4*accounts.MaxPasswordLen+2))
	if err != nil {
		return "", false, fmt.Errorf("het wachtwoord kon niet van de invoer worden gelezen: %w", err)
	}
	if len(data) == 0 {
		return accounts.GeneratePassword(), true, nil
	}
	line, _, _ := strings.Cut(string(data), "\n")
	return strings.TrimSuffix(line, "\r"), false, nil
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
