// Package inzage makes the inzage bundle of one casus: a zip with everything the team recorded
// about the pupil, for a parent (or a pupil from 16) who asks "wat hebben jullie over mijn kind
// vastgelegd?". It holds the casus, every portrait about the pupil and the team's own frames,
// each as the original Markdown file and as a printable, self-contained HTML file; their
// attachments; the consent records (HTML and JSON); the history of every file; the view log;
// and an index.html and LEESMIJ.txt in plain Dutch.
//
// Theme pages, frames of other teams and frames that are still the starter library's text are
// general knowledge, not data about the child: the bundle names them, with the team's "why" for
// each chosen theme, but does not copy their text.
//
// The package knows nothing of HTTP: Collect reads the workspace at one commit and fails
// before anything is written (so a caller can still answer 404), then Write streams the zip.
// The same input and time give the same bytes.
package inzage

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// ErrNotFound: the workspace has no casus with that slug (now; a deleted casus is not bundled).
var ErrNotFound = errors.New("inzage: no such casus")

// Options say which casus to bundle, for whom and when.
type Options struct {
	Casus wiki.Slug
	// By is who makes the bundle (a display name); it is printed in LEESMIJ.txt and index.html.
	By string
	// At is when the bundle is made. Every date in it is shown in At's time zone, consent is
	// judged on At's day, and every zip entry carries At as its time: the same workspace, options
	// and At give the same bytes.
	At time.Time
	// Views is the view log; nil means there is none yet, and the bundle says so.
	Views ViewLog
	// Name turns a commit's author into the name the bundle shows (a commit made by an account
	// carries a pseudonymous id). Nil shows the author's name as stored.
	Name func(store.Author) string
}

// ViewLog is the record of who read which page, kept beside the repository by the accounts
// work. The bundle asks only for the files it holds.
type ViewLog interface {
	// Views returns every recorded view of any of paths (repository paths such as
	// "cases/sam.md" or "media/sam/foto.png"), in any order.
	Views(paths []string) ([]View, error)
}

// View is one line of the view log.
type View struct {
	At   time.Time
	Who  string // as the log stores it: a display name or an account id
	Path string // the repository path that was read
	What string // what happened, in Dutch ("bekeken", "afgedrukt"); may be empty
}

// FileName is the name a bundle is saved under: inzage-<slug>-<JJJJ-MM-DD>.zip.
func FileName(slug wiki.Slug, at time.Time) string {
	return fmt.Sprintf("inzage-%s-%s.zip", slug, at.Format(wiki.DateLayout))
}

// Bundle is a collected inzage, ready to be written. Its fields name the pages in it, for the
// caller's log of what was shared; the files themselves are written by Write.
type Bundle struct {
	Casus wiki.Ref
	Title string // the casus's title
	// Commit is the commit the pages were read at.
	Commit string
	// Pages are the pages whose text is in the bundle: the casus, then portraits, then frames.
	Pages []wiki.Ref
	// Left are pages the casus names whose text is not in the bundle, and why (Dutch).
	Left []Left
	// HasViewLog says whether a view log was given.
	HasViewLog bool

	at    time.Time
	files map[string][]byte
}

// Left is a page the casus names that the bundle does not copy.
type Left struct {
	Ref   wiki.Ref
	Title string
	Why   string // Dutch, for the parent: why its text is not in the bundle
}

// Files lists the names of the bundle's entries, sorted as they are written.
func (b *Bundle) Files() []string {
	names := make([]string, 0, len(b.files))
	for n := range b.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// File returns one entry's content, for tests and previews.
func (b *Bundle) File(name string) ([]byte, bool) {
	data, ok := b.files[name]
	return data, ok
}
