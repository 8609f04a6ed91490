package purge

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/leefwereld/leefwereld/internal/datadir"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Erasure is one erasure as Erase carries it out: what, by whom, and what the caller wants to
// see or do on the way. `leefwereld purge` and the web's erase button fill it in.
type Erasure struct {
	Target wiki.Ref
	// Related erases a casus with the portraits and frames only it has (purge --casus);
	// false erases the one page and its attachments (purge --page).
	Related bool
	By      string // who erases, for the tombstone and purge.log (CheckBy)
	// Email is the tombstone author's address: an account's pseudonymous one, so the history
	// shows the account's display name; empty for the command line.
	Email string
	Now   time.Time
	// Resumed hears what was done with a purge that had been interrupted, before planning
	// (the command line prints it). Nil: nobody is told.
	Resumed func(o Outcome, line string)
	// Confirm sees the plan before anything is erased; an error stops the erasure and is
	// returned as it is, with nothing erased. The command line asks for the slug here; the web
	// compares the plan with the one the beheerder confirmed. Nil erases without asking.
	Confirm func(*Plan) error
	// Forget is given the erased paths (Plan.Paths: files, and attachment folders without a
	// trailing slash) once they are gone from the history, to erase them from logs kept outside
	// the repository: the inzage log in accounts.db. Nil when there are none.
	Forget func(paths []string) error
}

// Erased is what Erase did.
type Erased struct {
	Resumed Outcome // what Resume found before this erasure
	Plan    *Plan   // nil when planning failed
	Result  Result  // the tombstone and log line; zero when nothing was erased
}

// ErrForget: the erasure is done, but a log outside the repository could not be cleared.
var ErrForget = errors.New("purge: the erasure is done, but a log could not be cleared")

// ErrResume: a purge that had been interrupted could not be finished or rolled back; nothing
// new was erased.
var ErrResume = errors.New("purge: an interrupted purge could not be resumed")

// Erase is the one erasure that the command line and the server share: it finishes or rolls
// back an interrupted purge, plans under the lock, lets Confirm look, rewrites the history
// (Run), and lets Forget clear the logs outside the repository. lock must be the data
// directory's lock, held exclusively for the whole call: the caller took it (purge) or turned
// its shared lock into one (the server, which has closed everything it had open).
func Erase(lock *datadir.Held, data string, e Erasure) (Erased, error) {
	var out Erased
	if !lock.Exclusive() {
		return out, errors.New("purge: erase needs the data directory's exclusive lock")
	}
	by, err := CheckBy(e.By)
	if err != nil {
		return out, err
	}
	if strings.ContainsAny(e.Email, "<>\n\r\x00 ") {
		return out, fmt.Errorf("purge: invalid address %q for who erases", e.Email)
	}
	outcome, line, err := Resume(data)
	out.Resumed = outcome
	if err != nil {
		return out, fmt.Errorf("%w: %v", ErrResume, err)
	}
	if e.Resumed != nil && outcome != Nothing {
		e.Resumed(outcome, line)
	}
	p, err := plan(data, e.Target, e.Related)
	if err != nil {
		return out, err
	}
	out.Plan = p
	if e.Confirm != nil {
		if err := e.Confirm(p); err != nil {
			return out, err
		}
	}
	if out.Result, err = run(p, by, e.Email, e.Now); err != nil {
		return out, err
	}
	if e.Forget != nil {
		if err := e.Forget(p.Paths); err != nil {
			return out, fmt.Errorf("%w: %v", ErrForget, err)
		}
	}
	return out, nil
}

// Digest identifies what a plan erases: its target and every path. Two plans with the same
// digest erase the same; a confirmation carries the digest of the plan a person saw, so an
// erasure that would now take more (or less) stops and shows the new plan instead. It holds
// no name: it is a hash.
func (p *Plan) Digest() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", p.Target.Path())
	for _, path := range p.Paths {
		fmt.Fprintf(h, "%s\n", path)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Line is one thing a confirmation names as erased: a repository path and what it is.
type Line struct {
	Path string
	What string // "" for a page, "eerdere naam" for a name a page had before, "bijlagen" for a folder
}

// Lines is what a confirmation shows as erased: the pages, the names they had before, and the
// attachment folders that hold files now (as "media/<slug>/"). earlier says that attachments
// the pages had in the past go as well: those folders are empty now, so they are not listed.
func (p *Plan) Lines() (lines []Line, earlier bool) {
	shown := map[string]bool{}
	for _, r := range p.Pages {
		lines = append(lines, Line{Path: r.Path()})
		shown[r.Path()] = true
	}
	for _, path := range p.Paths {
		switch {
		case shown[path]:
		case strings.HasSuffix(path, ".md"):
			lines = append(lines, Line{Path: path, What: "eerdere naam"})
		case p.Now(path):
			lines = append(lines, Line{Path: path + "/", What: "bijlagen"})
		default:
			earlier = true
		}
	}
	return lines, earlier
}
