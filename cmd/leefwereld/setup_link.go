package main

import (
	"fmt"
	"net"

	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/web"
)

// setupLink prints, when the workspace has no accounts yet, the one-time link with which the
// first beheerder is made in the browser: valid for accounts.SetupValid, once, and only from a
// browser on this machine (the web checks for a loopback client). Each start makes a new link
// and the old one stops working. The token is in the path, so it never lands in a query log.
func (m *Main) setupLink(st *accounts.Store, addr net.Addr) error {
	n, err := st.Count()
	if err != nil || n > 0 {
		return err
	}
	token, expires, err := st.StartSetup()
	if err != nil {
		return err
	}
	host, port := "127.0.0.1", "8080"
	if tcp, ok := addr.(*net.TCPAddr); ok {
		port = fmt.Sprint(tcp.Port)
		switch {
		case tcp.IP.IsLoopback():
			host = tcp.IP.String()
		case !tcp.IP.IsUnspecified():
			fmt.Fprintf(m.Stdout, "Er is nog geen account. Deze server luistert niet op 127.0.0.1, dus de inrichtingslink werkt hier niet.\n"+
				"Maak het eerste account met: leefwereld user add NAAM --role beheerder (stop de server eerst),\n"+
				"of start de server één keer met --addr 127.0.0.1:%s.\n", port)
			return nil
		}
	}
	fmt.Fprintf(m.Stdout, "Er is nog geen account. Open deze link in een browser op deze computer om het eerste account (de beheerder) te maken.\n"+
		"De link werkt één keer, tot %s:\n\n    %s\n\n", expires.Local().Format("15:04"), "http://"+net.JoinHostPort(host, port)+web.SetupPath(token))
	return nil
}
