package main

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"
)

const (
	usageTokenCreate = "token create NAAM [--data DIR]"
	usageTokenOther  = "token list|revoke NAAM [ID] [--data DIR]"
)

// token manages personal API tokens: token create, list, revoke.
func (m *Main) token(_ context.Context, _ *flag.FlagSet, args []string) int {
	return m.subcommand("token", args, []string{usageTokenCreate, usageTokenOther}, map[string]func([]string) int{
		"create": m.tokenCreate,
		"list":   m.tokenList,
		"revoke": m.tokenRevoke,
	})
}

func (m *Main) tokenCreate(args []string) int {
	fs, data := m.flags("token create", usageTokenCreate)
	names, ok := m.parseNames(fs, args, "precies één naam")
	if !ok {
		return exitUsage
	}
	s, done, code := m.openAccounts(*data)
	if s == nil {
		return code
	}
	defer done()
	secret, t, err := s.CreateToken(names[0])
	if err != nil {
		return m.accountError(err)
	}
	fmt.Fprintf(m.Stdout, "Nieuwe toegangssleutel %s voor %q. Je ziet hem maar één keer; bewaar hem veilig.\n"+
		"Gebruik hem als: Authorization: Bearer <sleutel>\n%s\n", t.ID, names[0], secret)
	return exitOK
}

func (m *Main) tokenList(args []string) int {
	fs, data := m.flags("token list", "token list NAAM [--data DIR]")
	names, ok := m.parseNames(fs, args, "precies één naam")
	if !ok {
		return exitUsage
	}
	s, done, code := m.openAccounts(*data)
	if s == nil {
		return code
	}
	defer done()
	a, err := s.Get(names[0])
	if err != nil {
		return m.accountError(err)
	}
	list, err := s.Tokens(a.ID)
	if err != nil {
		return m.accountError(err)
	}
	if len(list) == 0 {
		fmt.Fprintf(m.Stdout, "%q heeft geen toegangssleutels.\n", a.Name)
		return exitOK
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tGEMAAKT\tLAATST GEBRUIKT")
	for _, t := range list {
		used := "nooit"
		if !t.Used.IsZero() {
			used = t.Used.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", t.ID, t.Created.Local().Format("2006-01-02 15:04"), used)
	}
	tw.Flush()
	return exitOK
}

func (m *Main) tokenRevoke(args []string) int {
	fs, data := m.flags("token revoke", "token revoke NAAM ID [--data DIR]")
	names, ok := m.parseNames(fs, args, "de naam", "het id van de sleutel")
	if !ok {
		return exitUsage
	}
	s, done, code := m.openAccounts(*data)
	if s == nil {
		return code
	}
	defer done()
	a, err := s.Get(names[0])
	if err != nil {
		return m.accountError(err)
	}
	if err := s.RevokeToken(a.ID, names[1]); err != nil {
		return m.accountError(err)
	}
	fmt.Fprintf(m.Stdout, "Toegangssleutel %s van %q is ingetrokken; hij werkt niet meer.\n", names[1], a.Name)
	return exitOK
}
