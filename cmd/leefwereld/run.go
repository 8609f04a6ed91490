package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the command ran and failed: invalid pages, an existing workspace …
	exitUsage = 2 // the command line itself was wrong
)

// DefaultData is the data directory when --data is not given.
const DefaultData = "./leefwereld-data"

// Main holds what a run of the program talks to, so tests can run commands in-process.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Started, when set, is called with the server's address once it accepts connections.
	Started func(addr string)
}

type command struct {
	name, usage, help string
	run               func(m *Main, ctx context.Context, fs *flag.FlagSet, args []string) int
}

// commands is the CLI's contract: names and flags stay put; new ones may be added.
var commands = []command{
	{"serve", "serve [--data DIR] [--addr HOST:PORT]", "start de webwerkplek (maakt de werkplek aan als die er nog niet is)", (*Main).serve},
	{"init", "init [--data DIR]", "maak een nieuwe werkplek met de startbibliotheek", (*Main).init},
	{"import", "import [--data DIR] [--author NAAM] [--message TEKST] MAP", "lees een map met pagina's in als één versie", (*Main).importDir},
	{"check", "check [--data DIR]", "controleer alle pagina's; toont fouten, meldingen en tips", (*Main).check},
	{"purge", "purge [--data DIR] --casus SLUG|--page SOORT/SLUG [--yes]", "wis een casus of pagina uit de werkplek en uit de hele geschiedenis", (*Main).purge},
	{"retention", "retention [--data DIR] [--today JJJJ-MM-DD]", "toon de casussen waarvan de bewaartermijn voorbij is", (*Main).retention},
	{"inzage", "inzage [--data DIR] --casus SLUG [--out BESTAND]", "maak een zip met alles wat over de leerling van een casus is vastgelegd", (*Main).inzage},
	{"reindex", "reindex [--data DIR]", "bouw de zoekindex opnieuw op uit git (alleen als de server niet draait)", (*Main).reindex},
	// Commands with subcommands have one line per subcommand; each line runs the same function.
	{"user", usageUserAddShort, "maak een account (ROL: lezer, schrijver of beheerder; --display NAAM); wachtwoord van stdin, of je krijgt er een", (*Main).user},
	{"user", usageUserList, "toon alle accounts, zonder wachtwoorden", (*Main).user},
	{"user", usageUserSwitch, "zet een account uit (sessies en sleutels stoppen meteen) of weer aan", (*Main).user},
	{"token", usageTokenCreate, "maak een persoonlijke API-sleutel (Authorization: Bearer); je ziet hem één keer", (*Main).token},
	{"token", usageTokenOther, "toon de API-sleutels van een account, of trek er een in", (*Main).token},
	{"version", "version", "toon de versie", (*Main).version},
}

// Run runs one command and returns the process exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		m.usage(m.Stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		fs := flag.NewFlagSet("leefwereld "+c.name, flag.ContinueOnError)
		fs.SetOutput(m.Stderr)
		fs.Usage = func() { fmt.Fprintf(m.Stderr, "gebruik: leefwereld %s\n", c.usage); fs.PrintDefaults() }
		return c.run(m, ctx, fs, args[1:])
	}
	fmt.Fprintf(m.Stderr, "leefwereld: onbekende opdracht %q\n\n", args[0])
	m.usage(m.Stderr)
	return exitUsage
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintln(w, "Leefwereld: een werkplek voor schoolteams.\n\nGebruik:")
	for _, c := range commands {
		fmt.Fprintf(w, "  leefwereld %-58s %s\n", c.usage, c.help)
	}
}

// parse parses flags; it returns false after printing the problem.
func (m *Main) parse(fs *flag.FlagSet, args []string, positional int) bool {
	if err := fs.Parse(args); err != nil {
		return false
	}
	if fs.NArg() != positional {
		if positional == 0 {
			fmt.Fprintf(m.Stderr, "leefwereld %s: onverwacht argument %q\n", fs.Name(), strings.Join(fs.Args(), " "))
		} else {
			fmt.Fprintf(m.Stderr, "%s: geef precies één map op\n", fs.Name())
		}
		fs.Usage()
		return false
	}
	return true
}

// fail prints an error for the user and returns exitError.
func (m *Main) fail(format string, args ...any) int {
	fmt.Fprintf(m.Stderr, "leefwereld: "+format+"\n", args...)
	return exitError
}
