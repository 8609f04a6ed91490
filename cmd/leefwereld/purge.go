package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/leefwereld/leefwereld/internal/accounts"
	"github.com/leefwereld/leefwereld/internal/datadir"
	"github.com/leefwereld/leefwereld/internal/purge"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// purge erases a casus (with the portraits and frames only it has) or one page from the
// workspace and from every commit of its history. It needs the data directory to itself,
// asks the person to type the slug unless --yes, and says afterwards only that something was
// erased, by whom and when.
func (m *Main) purge(_ context.Context, fs *flag.FlagSet, args []string) int {
	data := fs.String("data", DefaultData, "map met de gegevens van de werkplek")
	casus := fs.String("casus", "", "korte naam (slug) van de casus die je wist, met de portretten en frames die alleen bij deze casus horen")
	page := fs.String("page", "", "één pagina die je wist, als SOORT/SLUG (bijvoorbeeld portraits/sam)")
	yes := fs.Bool("yes", false, "niet om bevestiging vragen")
	by := fs.String("by", purge.DefaultBy(), "wie er wist (komt in het logboek en in de geschiedenis)")
	if !m.parse(fs, args, 0) {
		return exitUsage
	}
	target, err := purgeTarget(*casus, *page)
	if err != nil {
		fmt.Fprintf(m.Stderr, "leefwereld purge: %v\n", err)
		fs.Usage()
		return exitUsage
	}
	who, err := purge.CheckBy(*by)
	if err != nil {
		fmt.Fprintln(m.Stderr, "leefwereld purge: --by moet een naam zijn, zonder < > of regeleinden")
		return exitUsage
	}
	if !workspace.Exists(*data) {
		return m.fail("in %s staat geen werkplek; er is niets gewist", *data)
	}
	lock, err := datadir.Lock(*data, true)
	if errors.Is(err, datadir.ErrLocked) {
		return m.fail("de werkplek in %s is in gebruik: stop eerst de server (en andere leefwereld-opdrachten op deze map) en probeer het dan opnieuw; er is niets gewist", *data)
	}
	if err != nil {
		return m.fail("kon de werkplek niet vergrendelen: %v", err)
	}
	defer lock.Unlock()
	acc, code := m.purgeAccounts(*data)
	if code != exitOK {
		return code
	}
	isCasus := target.Kind == wiki.Case && *casus != ""
	e := purge.Erasure{Target: target, Related: isCasus, By: who, Now: time.Now(), Resumed: m.resumed,
		Confirm: func(p *purge.Plan) error {
			if *yes || m.confirm(p, isCasus) {
				return nil
			}
			return errNotConfirmed
		}}
	if acc != nil {
		defer acc.Close()
		e.Forget = func(paths []string) error {
			_, err := acc.ForgetPaths(paths)
			return err
		}
	}
	done, err := purge.Erase(lock, *data, e)
	switch {
	case err == nil:
	case errors.Is(err, errNotConfirmed):
		return exitError // confirm said why
	case errors.Is(err, purge.ErrResume):
		return m.fail("een onderbroken wisactie kon niet worden afgemaakt: %v", err)
	case errors.Is(err, purge.ErrForget):
		fmt.Fprintln(m.Stdout, done.Result.Line)
		return m.fail("de gegevens zijn gewist, maar het inzagelog in %s kon niet worden opgeschoond (%v); voer de opdracht opnieuw uit als de server niet draait", accounts.FileName, err)
	case errors.Is(err, purge.ErrNotFound) && done.Plan == nil && done.Resumed == purge.Completed:
		return exitOK // the interrupted purge erased it
	case errors.Is(err, purge.ErrNotFound) && done.Plan == nil:
		return m.fail("er is geen %s %q in deze werkplek, ook niet in de geschiedenis; er is niets gewist", target.Kind.Label(), target.Slug)
	case errors.Is(err, purge.ErrAmbiguous):
		return m.fail("%v; er is niets gewist", strings.TrimPrefix(err.Error(), "purge: ambiguous: "))
	case done.Plan == nil:
		return m.fail("kon niet bepalen wat er gewist moet worden: %v; er is niets gewist", err)
	case purge.Pending(*data):
		return m.fail("het wissen is begonnen maar niet afgerond (%v); voer dezelfde opdracht opnieuw uit om het af te maken", err)
	case errors.Is(err, purge.ErrChanged):
		return m.fail("de werkplek veranderde terwijl het wissen werd voorbereid; er is niets gewist, probeer het opnieuw")
	case errors.Is(err, purge.ErrUnsupported):
		return m.fail("deze repository heeft andere takken, tags of geleende objecten (%v); verwijder die eerst, er is niets gewist", err)
	default:
		return m.fail("wissen lukte niet: %v; er is niets gewist", err)
	}
	fmt.Fprintln(m.Stdout, done.Result.Line)
	return exitOK
}

// errNotConfirmed: the person did not type the slug (confirm has said so).
var errNotConfirmed = errors.New("niet bevestigd")

// purgeAccounts opens the accounts database when the workspace has one, so the erasure can
// clear the inzage log of what it erases. No server runs (purge holds the lock alone), but a
// `user` or `token` command might: then purge refuses before it erases anything.
func (m *Main) purgeAccounts(data string) (*accounts.Store, int) {
	if _, err := os.Stat(filepath.Join(data, accounts.FileName)); errors.Is(err, os.ErrNotExist) {
		return nil, exitOK
	}
	acc, err := accounts.Open(data, accounts.Options{})
	if errors.Is(err, accounts.ErrLocked) {
		return nil, m.fail("de accounts in %s zijn in gebruik (loopt er een user- of token-opdracht?); probeer het zo opnieuw, er is niets gewist", data)
	}
	if err != nil {
		return nil, m.fail("de accounts konden niet worden geopend, dus ook het inzagelog niet: %v; er is niets gewist", err)
	}
	return acc, exitOK
}

// purgeTarget reads --casus or --page (exactly one of them).
func purgeTarget(casus, page string) (wiki.Ref, error) {
	switch {
	case casus != "" && page != "":
		return wiki.Ref{}, errors.New("geef --casus of --page op, niet allebei")
	case casus != "":
		slug, err := wiki.ParseSlug(casus)
		return wiki.Ref{Kind: wiki.Case, Slug: slug}, err
	case page != "":
		kind, slug, ok := strings.Cut(strings.TrimSuffix(page, ".md"), "/")
		if !ok {
			return wiki.Ref{}, fmt.Errorf("--page %q: schrijf SOORT/SLUG, bijvoorbeeld portraits/sam", page)
		}
		return wiki.NewRef(kind, slug)
	}
	return wiki.Ref{}, errors.New("geef --casus of --page op")
}

// resume finishes or rolls back a purge that was interrupted, and says so.
func (m *Main) resume(data string) (purge.Outcome, int) {
	outcome, line, err := purge.Resume(data)
	if err != nil {
		return outcome, m.fail("een onderbroken wisactie kon niet worden afgemaakt: %v", err)
	}
	m.resumed(outcome, line)
	return outcome, exitOK
}

// resumed says what was done with a purge that had been interrupted.
func (m *Main) resumed(outcome purge.Outcome, line string) {
	switch outcome {
	case purge.RolledBack:
		fmt.Fprintln(m.Stdout, "Een eerder onderbroken wisactie is teruggedraaid: daarbij was nog niets gewist.")
	case purge.Completed:
		fmt.Fprintln(m.Stdout, "Een eerder onderbroken wisactie is afgemaakt.")
		fmt.Fprintln(m.Stdout, line)
	}
}

// stdinIsTerminal reports whether someone can answer a question; tests replace it.
var stdinIsTerminal = func(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// confirm shows what will be erased and asks for the slug to be typed. Only here does purge
// name what it erases: on the screen of the person who decides, never in a log.
func (m *Main) confirm(p *purge.Plan, isCasus bool) bool {
	if !stdinIsTerminal(m.Stdin) {
		m.fail("er is geen terminal om te vragen of je het zeker weet; bevestig met --yes. Er is niets gewist")
		return false
	}
	w := m.Stdout
	fmt.Fprintln(w, "Dit wordt gewist, uit de werkplek én uit de hele geschiedenis:")
	lines, earlier := p.Lines()
	for _, l := range lines {
		if l.What == "" {
			fmt.Fprintf(w, "  %s\n", l.Path)
		} else {
			fmt.Fprintf(w, "  %s (%s)\n", l.Path, l.What)
		}
	}
	if earlier {
		fmt.Fprintln(w, "  en de bijlagen die deze pagina's eerder hadden, als die er waren")
	}
	if len(p.Kept) > 0 {
		fmt.Fprintln(w, "Dit blijft staan:")
		for _, k := range p.Kept {
			fmt.Fprintf(w, "  %s: %s\n", k.What, k.Why)
		}
	}
	if len(p.Mentions) > 0 {
		fmt.Fprintln(w, "Deze pagina's blijven staan, maar linken naar wat je wist of noemen een naam eruit; kijk ze daarna na:")
		for _, path := range p.Mentions {
			fmt.Fprintf(w, "  %s\n", path)
		}
	}
	fmt.Fprintln(w, "Wissen kan niet ongedaan worden gemaakt; maak eerst een export als je die nodig hebt.")
	if isCasus {
		fmt.Fprint(w, "Typ de korte naam van de casus om te bevestigen: ")
	} else {
		fmt.Fprint(w, "Typ de korte naam van de pagina om te bevestigen: ")
	}
	line, _ := bufio.NewReader(m.Stdin).ReadString('\n')
	if strings.TrimSpace(line) != string(p.Target.Slug) {
		fmt.Fprintln(w)
		m.fail("niet bevestigd; er is niets gewist")
		return false
	}
	return true
}

// serveLock finishes a purge that was interrupted (the server must never serve or index a
// half-erased workspace), then takes the shared lock the server holds while it runs, so purge
// refuses to start meanwhile.
func (m *Main) serveLock(data string) (*datadir.Held, int) {
	busy := func() (*datadir.Held, int) {
		return nil, m.fail("op de werkplek in %s wordt nu gewist (leefwereld purge); wacht tot dat klaar is en start de server dan opnieuw", data)
	}
	if purge.Pending(data) {
		x, err := datadir.Lock(data, true)
		if errors.Is(err, datadir.ErrLocked) {
			return busy()
		}
		if err != nil {
			return nil, m.fail("kon de werkplek niet vergrendelen: %v", err)
		}
		_, code := m.resume(data)
		x.Unlock()
		if code != exitOK {
			return nil, code
		}
	}
	l, err := datadir.Lock(data, false)
	if errors.Is(err, datadir.ErrLocked) {
		return busy()
	}
	if err != nil {
		return nil, m.fail("kon de werkplek niet vergrendelen: %v", err)
	}
	if purge.Pending(data) { // a purge ran and was interrupted between the two locks
		l.Unlock()
		return nil, m.fail("een wisactie op %s is onderbroken; start de server opnieuw om die af te maken", data)
	}
	return l, exitOK
}
