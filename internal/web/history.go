package web

import (
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// revItem is one version of a page as the history, diff and version views show it.
type revItem struct {
	Number  int // 1 for the first version; the newest has the highest number
	Commit  string
	Short   string
	When    time.Time
	ISO     string // When for <time datetime>
	Author  string
	Message string
	Op      string // store.OpNew …: nieuw, gewijzigd, verwijderd, hernoemd
	OldPath string // for a rename: where the page was before ("themes/oud", without .md)
	Path    string // the page's path in this version
	Blob    string // "" when the page was deleted (or renamed away) in this version
	HasText bool   // there is text to view or put back
	Current bool   // this is what the page holds now
}

type historyView struct {
	Base
	URL       string // the page's address
	PageTitle string
	Revisions []revItem
	Exists    bool // the page exists now (a deleted page can still be put back)
	Compare   compareForm
	// ViewLogURL links a beheerder to the inzage log of a portrait or casus (view_log.go).
	ViewLogURL string
	// CanRestore says whether the reader may put a version back; a lezer only looks.
	CanRestore bool
}

// compareForm is the "compare two versions" form (templates/_compare.html).
type compareForm struct {
	URL      string // the page's address
	From, To compareSelect
	Weergave string // keeps the diff layout the reader chose
}

type compareSelect struct {
	Name, Label string
	Options     []compareOption
}

type compareOption struct {
	Commit, Date, Author string
	Number               int
	Selected             bool
}

// newCompareForm preselects from and to (indexes into revs, newest first).
func newCompareForm(url string, revs []revItem, from, to int, weergave string) compareForm {
	sel := func(name, label string, pick int) compareSelect {
		cs := compareSelect{Name: name, Label: label}
		for i, r := range revs {
			cs.Options = append(cs.Options, compareOption{Commit: r.Commit, Date: dutchDate(r.When),
				Author: r.Author, Number: r.Number, Selected: i == pick})
		}
		return cs
	}
	return compareForm{URL: url, From: sel("van", "Van versie", from), To: sel("naar", "Naar versie", to), Weergave: weergave}
}

// history lists every version of a page, newest first, with what is needed to look back:
// view a version, compare two, put one back.
func (s *Server) history(c *fiber.Ctx) error {
	s = s.as(c)
	ref, err := lookRef(c)
	if err != nil {
		return err
	}
	revs, err := s.revisions(ref)
	if err != nil {
		return err
	}
	title := s.lookTitle(ref, revs)
	v := historyView{
		Base: s.base(c, "Geschiedenis van "+title), URL: ref.URL(), PageTitle: title,
		Revisions: revs, Exists: revs[0].Current, Compare: newCompareForm(ref.URL(), revs, 1, 0, ""),
		CanRestore: s.mayWrite(ref, nil) == nil,
	}
	if res, _ := s.pageResource(ref); logged(ref.Kind) && s.rd.may(access.Manage, res) {
		v.ViewLogURL = ref.URL() + "/inzagelog"
	}
	return s.render(c, "history", v)
}

// lookRef reads the page address from the route. Only the plural folder names are addresses
// ("/themes/schaamte"), so every page has exactly one URL.
func lookRef(c *fiber.Ctx) (wiki.Ref, error) {
	folder := c.Params("folder")
	ref, err := wiki.NewRef(folder, c.Params("slug"))
	if err != nil || ref.Kind.Folder() != folder {
		return wiki.Ref{}, &Error{Status: fiber.StatusNotFound, Code: "not-found",
			Message: "Deze pagina bestaat niet. Kijk of het adres goed is geschreven.", Err: err}
	}
	return ref, nil
}

// revisions is the page's history as view items; a page without any is a 404, and so is a
// page the reader may not read: its history, diffs and old versions are its team's too.
func (s *Server) revisions(ref wiki.Ref) ([]revItem, error) {
	noHistory := &Error{Status: fiber.StatusNotFound, Code: "not-found",
		Message: "Deze pagina bestaat (nog) niet, dus er is ook geen geschiedenis."}
	s.syncLinks()
	if !s.canRead(ref) {
		return nil, noHistory
	}
	hist, err := s.ws.Store.History(ref.Path())
	if err != nil {
		return nil, fmt.Errorf("web: history of %s: %w", ref, err)
	}
	if len(hist) == 0 {
		return nil, noHistory
	}
	out := make([]revItem, len(hist))
	for i, r := range hist {
		out[i] = revItem{
			Number: len(hist) - i, Commit: r.Commit, Short: r.Commit[:min(7, len(r.Commit))],
			When: r.Author.When, ISO: r.Author.When.Format(time.RFC3339), Author: s.authorName(r.Author),
			Message: strings.TrimSpace(r.Message), Op: r.Op, OldPath: strings.TrimSuffix(r.OldPath, ".md"), Path: r.Path, Blob: r.Blob, HasText: r.Blob != "",
		}
	}
	out[0].Current = out[0].HasText && out[0].Path == ref.Path()
	return out, nil
}

// findRevision picks the version a query or form names: a commit hash, or a unique prefix of
// at least 4 hex digits. A malformed value is a 400; one that is not a version of this page
// is a 404.
func findRevision(revs []revItem, commit string) (int, error) {
	commit = strings.ToLower(strings.TrimSpace(commit))
	if !isCommitHash(commit) {
		return -1, &Error{Status: fiber.StatusBadRequest, Code: "bad-revision",
			Message: "Dit is geen geldige versie. Kies een versie in de geschiedenis van de pagina."}
	}
	found := -1
	for i, r := range revs {
		if strings.HasPrefix(r.Commit, commit) {
			if found >= 0 && revs[found].Commit != r.Commit {
				return -1, &Error{Status: fiber.StatusBadRequest, Code: "bad-revision",
					Message: "Deze versie is niet eenduidig. Kies een versie in de geschiedenis van de pagina."}
			}
			if found < 0 {
				found = i
			}
		}
	}
	if found < 0 {
		return -1, &Error{Status: fiber.StatusNotFound, Code: "unknown-revision",
			Message: "Deze versie hoort niet bij deze pagina, of bestaat niet. Kies een versie in de geschiedenis van de pagina."}
	}
	return found, nil
}

// isCommitHash reports whether s looks like a (shortened) git commit hash.
func isCommitHash(s string) bool {
	if len(s) < 4 || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') {
			return false
		}
	}
	return true
}

// revText is a version's file text; empty for a version in which the page was deleted.
// oldVersion reads the page in the address and its revision named by commit, with its text.
// gone is the answer when the page was deleted in that revision: what to say differs between
// looking at a version and putting it back.
func (s *Server) oldVersion(c *fiber.Ctx, commit string, gone *Error) (ref wiki.Ref, revs []revItem, r revItem, data []byte, err error) {
	if ref, err = lookRef(c); err != nil {
		return
	}
	if revs, err = s.revisions(ref); err != nil {
		return
	}
	i, err := findRevision(revs, commit)
	if err != nil {
		return
	}
	if r = revs[i]; !r.HasText {
		return ref, revs, r, nil, gone
	}
	data, err = s.revText(r)
	return
}

func (s *Server) revText(r revItem) ([]byte, error) {
	if r.Blob == "" {
		return nil, nil
	}
	data, err := s.ws.Store.ReadBlob(r.Blob)
	if err != nil {
		return nil, fmt.Errorf("web: read version %s: %w", r.Short, err)
	}
	return data, nil
}

// lookTitle is the page's title: as it is now, else as its newest version had it, else its slug.
func (s *Server) lookTitle(ref wiki.Ref, revs []revItem) string {
	if f, err := s.ws.Store.Read(ref.Path(), ""); err == nil {
		if p, _ := workspace.Parse(ref.Path(), f.Content); p != nil && p.Title() != "" {
			return p.Title()
		}
	}
	for _, r := range revs {
		if !r.HasText {
			continue
		}
		if data, err := s.revText(r); err == nil {
			if p, _ := workspace.Parse(ref.Path(), data); p != nil && p.Title() != "" {
				return p.Title()
			}
		}
		break
	}
	return string(ref.Slug)
}
