// Package flow makes the changes a team makes on a casus board — add a portrait, choose a
// theme and say why, make a frame from themes, add an action, move a status — as small edits
// of the pages' front matter. Each change is one commit with a Dutch message that says what
// happened; everything else in the files stays as people wrote it, so they remain
// hand-editable Markdown.
//
// A change is applied to the newest version of the pages, under the store's write lock, so two
// people working on one board never overwrite each other's changes. Only free text (the
// "waarom" of a theme) carries what the writer saw before, and is refused when it moved.
package flow

import (
	"errors"
	"fmt"
	"strings"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// ErrorKind says what went wrong, so the web layer can pick a status.
type ErrorKind int

// The kinds of refusal.
const (
	Invalid  ErrorKind = iota // the request does not make sense (empty title, unknown status)
	NotFound                  // a page it names does not exist
	Conflict                  // the board changed meanwhile, or the page already exists
)

// Error is a change that was refused, with a Dutch message for the team. Nothing was committed.
type Error struct {
	Kind    ErrorKind
	Message string
}

func (e *Error) Error() string { return "flow: " + e.Message }

func refuse(k ErrorKind, format string, args ...any) error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...)}
}

// Change is one thing a team does on the board.
type Change interface {
	apply(e *edit) error
}

// Result is what a change did.
type Result struct {
	Commit  store.Commit
	Message string   // the commit message, also fit to show as a notice
	Created wiki.Ref // the page the change made, if any (a new portrait, theme or frame)
}

// Apply makes one change to the board of casus as one commit by author.
func Apply(ws *workspace.Workspace, casus wiki.Slug, author store.Author, ch Change) (Result, error) {
	var res Result
	commit, err := ws.Store.Update(author, "", func(tx *store.Tx) error {
		e := &edit{tx: tx, ref: wiki.Ref{Kind: wiki.Case, Slug: casus}}
		if err := e.load(); err != nil {
			return err
		}
		if err := ch.apply(e); err != nil {
			return err
		}
		tx.SetMessage(e.message)
		res.Message, res.Created = e.message, e.created
		return nil
	})
	if errors.Is(err, store.ErrNoChange) {
		return Result{Message: res.Message}, refuse(Conflict, "dit stond al zo op het bord; er is niets veranderd")
	}
	if err != nil {
		return Result{}, fmt.Errorf("flow: %s: %w", casus, err)
	}
	res.Commit = commit
	return res, nil
}

// edit is one change in progress: the transaction and the casus as it is now.
type edit struct {
	tx      *store.Tx
	ref     wiki.Ref
	casus   *cases.Meta
	message string
	created wiki.Ref
}

func (e *edit) load() error {
	page, err := e.page(e.ref)
	if err != nil {
		return err
	}
	e.casus = page.Meta.(*cases.Meta)
	return nil
}

// title names the casus in commit messages.
func (e *edit) title() string { return e.casus.Title }

// say sets the commit message: the casus first, so the history reads per board.
func (e *edit) say(format string, args ...any) {
	e.message = e.title() + ": " + fmt.Sprintf(format, args...)
}

// page reads and parses a page as it is in this transaction. A page with errors in its front
// matter is refused: the team fixes it in the editor first, where they see every problem.
func (e *edit) page(ref wiki.Ref) (*wiki.Page, error) {
	data, err := e.tx.Read(ref.Path())
	if errors.Is(err, store.ErrNotFound) {
		return nil, refuse(NotFound, "%s %q bestaat niet (meer)", ref.Kind.Named(), ref.Slug)
	}
	if err != nil {
		return nil, err
	}
	page, probs := workspace.Parse(ref.Path(), data)
	if page == nil || probs.HasErrors() {
		return nil, refuse(Invalid, "de kop van %s %q heeft fouten; herstel die eerst via Bewerken", ref.Kind.Named(), ref.Slug)
	}
	return page, nil
}

// exists reports whether a page is in this transaction.
func (e *edit) exists(ref wiki.Ref) bool {
	_, err := e.tx.Blob(ref.Path())
	return err == nil
}

// change edits a page's front matter and stages it, refusing a result with errors.
func (e *edit) change(ref wiki.Ref, fn func(f *wiki.Front) error) error {
	data, err := e.tx.Read(ref.Path())
	if err != nil {
		return err
	}
	out, err := wiki.EditFront(data, fn)
	if err != nil {
		return err
	}
	return e.put(ref, out)
}

// create stages a new page: the kind's skeleton and template, with extra front matter set.
func (e *edit) create(ref wiki.Ref, title string, set func(f *wiki.Front) error) error {
	if e.exists(ref) {
		return refuse(Conflict, "er is al een %s met het adres %q; kies een andere naam", ref.Kind.Label(), ref.Slug)
	}
	team := ""
	if workspace.TeamOwned(ref.Kind) {
		team = string(e.casus.Team)
	}
	data := wiki.Join(workspace.Skeleton(ref.Kind, title, team), workspace.Schema(ref.Kind).Template)
	out, err := wiki.EditFront(data, set)
	if err != nil {
		return err
	}
	e.created = ref
	return e.put(ref, out)
}

func (e *edit) put(ref wiki.Ref, data []byte) error {
	if _, probs := workspace.Parse(ref.Path(), data); probs.HasErrors() {
		return probs.Err()
	}
	return e.tx.Put(ref.Path(), data)
}

// themeIndex is where a theme stands in the casus's list, -1 when it is not chosen.
func (e *edit) themeIndex(slug wiki.Slug) int {
	for i, t := range e.casus.Themes {
		if t.Slug == slug {
			return i
		}
	}
	return -1
}

// slugFor turns what someone typed — a slug or a title — into a slug, refusing an empty one.
func slugFor(what, input string) (wiki.Slug, error) {
	s := wiki.Slugify(strings.TrimSpace(input))
	if s == "" {
		return "", refuse(Invalid, "vul een %s in", what)
	}
	return s, nil
}

// titleOf is a page's title, or its slug when it has none.
func (e *edit) titleOf(ref wiki.Ref) string {
	if p, err := e.page(ref); err == nil && strings.TrimSpace(p.Title()) != "" {
		return p.Title()
	}
	return string(ref.Slug)
}

// oneLine keeps a single-line field on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// quoteList writes titles as "a", "b" en "c".
func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " en " + q[len(q)-1]
}
