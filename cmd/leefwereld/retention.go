package main

import (
	"context"
	"flag"
	"fmt"
	"regexp"
	"text/tabwriter"
	"time"

	"github.com/leefwereld/leefwereld/internal/purge"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// retention lists the casussen whose retention period has passed, oldest first, each with the
// command that erases it. It only reads: erasing stays a separate, confirmed step.
func (m *Main) retention(_ context.Context, fs *flag.FlagSet, args []string) int {
	data := fs.String("data", DefaultData, "map met de gegevens van de werkplek")
	todayFlag := fs.String("today", "", "rekenen vanaf deze dag (JJJJ-MM-DD) in plaats van vandaag")
	if !m.parse(fs, args, 0) {
		return exitUsage
	}
	today := time.Now()
	if *todayFlag != "" {
		t, err := time.Parse(wiki.DateLayout, *todayFlag)
		if err != nil {
			fmt.Fprintf(m.Stderr, "leefwereld retention: --today %q is geen datum; schrijf JJJJ-MM-DD\n", *todayFlag)
			return exitUsage
		}
		today = t
	}
	if !workspace.Exists(*data) {
		return m.fail("in %s staat geen werkplek; maak er een met: leefwereld init --data %s", *data, *data)
	}
	due, undecided, err := purge.Retention(*data, today)
	if err != nil {
		return m.fail("de bewaartermijnen konden niet worden bepaald: %v", err)
	}
	day := today.Format(wiki.DateLayout)
	dataArg := ""
	if *data != DefaultData {
		dataArg = " --data " + shellQuote(*data)
	}
	if len(due) == 0 {
		fmt.Fprintf(m.Stdout, "Geen casussen waarvan de bewaartermijn voorbij is (vandaag: %s).\n", day)
	} else {
		fmt.Fprintf(m.Stdout, "Casussen waarvan de bewaartermijn voorbij is (vandaag: %s), oudste eerst:\n", day)
		tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  bewaren tot\tcasus\twaarom\twissen met")
		for _, d := range due {
			why := "keep-until"
			if d.From == "closed" {
				why = fmt.Sprintf("afgerond %s + %d jaar", d.Closed.Format(wiki.DateLayout), d.Years)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\tleefwereld purge%s --casus %s\n", d.Until.Format(wiki.DateLayout), d.Slug, why, dataArg, d.Slug)
		}
		tw.Flush()
	}
	if len(undecided) > 0 {
		fmt.Fprintln(m.Stdout, "Van deze casussen is de bewaartermijn niet te bepalen; vul keep-until of closed in:")
		for _, u := range undecided {
			fmt.Fprintf(m.Stdout, "  %s: %s\n", u.Slug, u.Why)
		}
	}
	return exitOK
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./:=@+-]+$`)

// shellQuote quotes a path so the printed command can be pasted into a shell.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	out := "'"
	for _, r := range s {
		if r == '\'' {
			out += `'\''`
			continue
		}
		out += string(r)
	}
	return out + "'"
}
