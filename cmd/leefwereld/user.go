package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// Usage lines of the subcommands, for the commands table and for a wrong subcommand.
const (
	usageUserAdd      = "user add NAAM [--data DIR] [--team T]... [--role ROL]... [--display NAAM]"
	usageUserAddShort = "user add NAAM [--data DIR] [--team T]... [--role ROL]..." // fits the help's column
	usageUserList     = "user list [--data DIR]"
	usageUserSwitch   = "user disable|enable NAAM [--data DIR]"
)

// user manages accounts: user add, list, disable, enable.
func (m *Main) user(_ context.Context, _ *flag.FlagSet, args []string) int {
	return m.subcommand("user", args, []string{usageUserAdd, usageUserList, usageUserSwitch}, map[string]func([]string) int{
		"add":     m.userAdd,
		"list":    m.userList,
		"disable": func(a []string) int { return m.userSwitch("disable", a) },
		"enable":  func(a []string) int { return m.userSwitch("enable", a) },
	})
}

// subcommand runs args[0] of a command with subcommands (user, token).
func (m *Main) subcommand(cmd string, args, usage []string, subs map[string]func([]string) int) int {
	if len(args) > 0 {
		if run, ok := subs[args[0]]; ok {
			return run(args[1:])
		}
		fmt.Fprintf(m.Stderr, "leefwereld %s: onbekende opdracht %q\n\n", cmd, args[0])
	} else {
		fmt.Fprintf(m.Stderr, "leefwereld %s: zeg wat je wilt doen\n\n", cmd)
	}
	fmt.Fprintln(m.Stderr, "Gebruik:")
	for _, u := range usage {
		fmt.Fprintf(m.Stderr, "  leefwereld %s\n", u)
	}
	return exitUsage
}

// flags returns a flag set for a subcommand with its --data flag.
func (m *Main) flags(name, usage string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("leefwereld "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() { fmt.Fprintf(m.Stderr, "gebruik: leefwereld %s\n", usage); fs.PrintDefaults() }
	return fs, fs.String("data", DefaultData, "map met de gegevens van de werkplek")
}

func (m *Main) userAdd(args []string) int {
	fs, data := m.flags("user add", usageUserAdd)
	var teams, roles listFlag
	fs.Var(&teams, "team", "team waar het account bij hoort (mag vaker, of met komma's)")
	fs.Var(&roles, "role", "rol: lezer, schrijver of beheerder (mag vaker; standaard lezer)")
	display := fs.String("display", "", "naam zoals anderen die zien (standaard de inlognaam)")
	names, ok := m.parseNames(fs, args, "precies één naam")
	if !ok {
		return exitUsage
	}
	n := accounts.NewAccount{Name: names[0], Display: *display}
	for _, r := range roles {
		n.Roles = append(n.Roles, access.Role(r))
	}
	for _, t := range teams {
		n.Teams = append(n.Teams, wiki.Slug(t))
	}
	pw, generated, err := m.newPassword()
	if err != nil {
		return m.fail("%v", err)
	}
	n.Password = pw
	s, done, code := m.openAccounts(*data)
	if s == nil {
		return code
	}
	defer done()
	a, err := s.Add(n)
	if err != nil {
		return m.accountError(err)
	}
	fmt.Fprintf(m.Stdout, "Account %q gemaakt: %s, %s, %s.\n", a.Name, a.Display, describeRoles(a.Roles), describeTeams(a.Teams))
	if generated {
		fmt.Fprintf(m.Stdout, "Wachtwoord (je ziet het maar één keer; geef het veilig door):\n%s\n", pw)
	}
	m.warnMissingTeams(*data, a.Teams)
	return exitOK
}

// warnMissingTeams points out teams without a team page: a typo there would hide every page
// from the new account without any error.
func (m *Main) warnMissingTeams(data string, teams []wiki.Slug) {
	if len(teams) == 0 {
		return
	}
	w, err := workspace.Open(data)
	if err != nil {
		return
	}
	defer w.Close()
	for _, t := range teams {
		ref := wiki.Ref{Kind: wiki.Team, Slug: t}
		if _, err := w.Store.Read(ref.Path(), ""); errors.Is(err, store.ErrNotFound) {
			fmt.Fprintf(m.Stderr, "let op: er is nog geen teampagina %s. Klopt de teamnaam %q?\n", ref.Path(), t)
		}
	}
}

func describeRoles(roles []access.Role) string {
	s := make([]string, len(roles))
	for i, r := range roles {
		s[i] = string(r)
	}
	if len(s) == 1 {
		return "rol " + s[0]
	}
	return "rollen " + strings.Join(s, " en ")
}

func describeTeams(teams []wiki.Slug) string {
	switch len(teams) {
	case 0:
		return "nog in geen team"
	case 1:
		return "team " + string(teams[0])
	}
	s := make([]string, len(teams))
	for i, t := range teams {
		s[i] = string(t)
	}
	return "teams " + strings.Join(s, ", ")
}

func (m *Main) userList(args []string) int {
	fs, data := m.flags("user list", usageUserList)
	if _, ok := m.parseNames(fs, args); !ok {
		return exitUsage
	}
	s, done, code := m.openAccounts(*data)
	if s == nil {
		return code
	}
	defer done()
	list, err := s.List()
	if err != nil {
		return m.accountError(err)
	}
	if len(list) == 0 {
		fmt.Fprintf(m.Stdout, "Er zijn nog geen accounts. Maak er een met: leefwereld user add NAAM --data %s\n", *data)
		return exitOK
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAAM\tWEERGAVENAAM\tROLLEN\tTEAMS\tSTATUS\tID")
	for _, a := range list {
		roles := make([]string, len(a.Roles))
		for i, r := range a.Roles {
			roles[i] = string(r)
		}
		teams := make([]string, len(a.Teams))
		for i, t := range a.Teams {
			teams[i] = string(t)
		}
		status := "actief"
		if a.Disabled {
			status = "uitgezet"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", a.Name, a.Display, strings.Join(roles, ","),
			orDash(strings.Join(teams, ",")), status, a.ID)
	}
	tw.Flush()
	return exitOK
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// userSwitch disables or enables an account.
func (m *Main) userSwitch(how string, args []string) int {
	fs, data := m.flags("user "+how, "user "+how+" NAAM [--data DIR]")
	names, ok := m.parseNames(fs, args, "precies één naam")
	if !ok {
		return exitUsage
	}
	s, done, code := m.openAccounts(*data)
	if s == nil {
		return code
	}
	defer done()
	before, err := s.Get(names[0])
	if err != nil {
		return m.accountError(err)
	}
	switch {
	case how == "disable" && before.Disabled:
		fmt.Fprintf(m.Stdout, "Account %q was al uitgezet.\n", before.Name)
	case how == "disable":
		if _, err := s.Disable(before.Name); err != nil {
			return m.accountError(err)
		}
		fmt.Fprintf(m.Stdout, "Account %q is uitgezet: het is overal uitgelogd en de toegangssleutels werken niet meer.\n", before.Name)
	case !before.Disabled:
		fmt.Fprintf(m.Stdout, "Account %q stond al aan.\n", before.Name)
	default:
		if _, err := s.Enable(before.Name); err != nil {
			return m.accountError(err)
		}
		fmt.Fprintf(m.Stdout, "Account %q staat weer aan.\n", before.Name)
	}
	return exitOK
}
