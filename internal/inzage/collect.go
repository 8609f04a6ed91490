package inzage

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/markdown"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
	"github.com/leefwereld/leefwereld/portraits"
)

// page is one page whose text goes into the bundle.
type page struct {
	ref   wiki.Ref
	title string
	raw   []byte
	page  *wiki.Page // nil when the file has no readable front matter
	media []string   // its attachments: repository paths under media/<slug>/
}

// body is the Markdown to render: the text after the front matter, or the whole file when the
// front matter cannot be read (nothing the team wrote is left out).
func (p *page) body() []byte {
	if p.page == nil {
		return p.raw
	}
	return p.page.Body
}

// html is where the page's printable file lives in the bundle.
func (p *page) html() string { return htmlPath(p.ref) }

func htmlPath(r wiki.Ref) string { return r.Kind.Folder() + "/" + string(r.Slug) + ".html" }

// themeChoice is a theme the team chose for the casus, with why; the theme's text stays out.
type themeChoice struct {
	Slug  wiki.Slug
	Title string
	Why   string
}

// collected is everything read from the workspace, before it is rendered.
type collected struct {
	casus     *page
	meta      *cases.Meta // nil when the casus's front matter cannot be read at all
	team      string      // the team's title
	portraits []*page
	frames    []*page
	missing   []wiki.Ref // named by the casus, not written yet
	left      []Left
	themes    []themeChoice
	history   []fileHistory
	views     []View
}

// collector reads the workspace at one commit.
type collector struct {
	s     *store.Store
	opt   Options
	rev   string
	years int // retention after closing, from leefwereld.yaml; 0 when unknown
	head  map[string]store.Entry
}

// Collect reads the casus and everything about the pupil at the workspace's current commit and
// renders the bundle in memory. It returns ErrNotFound (wrapped) when there is no such casus;
// then nothing has been written anywhere.
func Collect(s *store.Store, opt Options) (*Bundle, error) {
	if _, err := wiki.ParseSlug(string(opt.Casus)); err != nil {
		return nil, fmt.Errorf("inzage: casus %q: %w", opt.Casus, ErrNotFound)
	}
	if opt.At.IsZero() {
		return nil, errors.New("inzage: no time given")
	}
	rev, err := s.Head()
	if err != nil {
		return nil, fmt.Errorf("inzage: %w", err)
	}
	if rev == "" {
		return nil, fmt.Errorf("inzage: casus %q: %w", opt.Casus, ErrNotFound)
	}
	c := &collector{s: s, opt: opt, rev: rev, head: map[string]store.Entry{}}
	// The retention after closing is the workspace's setting at this commit; a broken settings
	// file leaves it unknown rather than stopping a parent's inzage.
	if set, err := workspace.ReadSettings(s, rev); err == nil {
		c.years = int(set.RetentionYears)
	}
	err = s.Walk(rev, func(e store.Entry) error {
		c.head[e.Path] = e
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("inzage: %w", err)
	}
	casusRef := wiki.Ref{Kind: wiki.Case, Slug: opt.Casus}
	if _, ok := c.head[casusRef.Path()]; !ok {
		return nil, fmt.Errorf("inzage: casus %q: %w", opt.Casus, ErrNotFound)
	}
	col, err := c.collect(casusRef)
	if err != nil {
		return nil, err
	}
	b := &Bundle{Casus: casusRef, Title: col.casus.title, Commit: rev, Left: col.left,
		HasViewLog: opt.Views != nil, at: opt.At, files: map[string][]byte{}}
	for _, p := range col.all() {
		b.Pages = append(b.Pages, p.ref)
	}
	if err := c.render(b, col); err != nil {
		return nil, err
	}
	return b, nil
}

// all is every page in the bundle: the casus, the portraits, the frames.
func (col *collected) all() []*page {
	out := []*page{col.casus}
	out = append(out, col.portraits...)
	return append(out, col.frames...)
}

func (c *collector) collect(casusRef wiki.Ref) (*collected, error) {
	casus, err := c.read(casusRef)
	if err != nil {
		return nil, err
	}
	col := &collected{casus: casus}
	if casus.page != nil {
		col.meta, _ = casus.page.Meta.(*cases.Meta)
	}
	if col.meta != nil {
		col.team = c.title(wiki.Ref{Kind: wiki.Team, Slug: col.meta.Team})
		if err := c.portraits(col); err != nil {
			return nil, err
		}
		if err := c.frames(col); err != nil {
			return nil, err
		}
		for _, t := range col.meta.Themes {
			col.themes = append(col.themes, themeChoice{Slug: t.Slug, Title: c.title(wiki.Ref{Kind: wiki.Theme, Slug: t.Slug}), Why: t.Why})
		}
	}
	var paths []string
	for _, p := range col.all() {
		paths = append(paths, p.ref.Path())
		for _, m := range p.media { // a portrait and a frame with one slug share media/<slug>/
			if !slices.Contains(paths, m) {
				paths = append(paths, m)
			}
		}
	}
	if col.history, err = c.histories(paths, col); err != nil {
		return nil, err
	}
	if c.opt.Views != nil {
		views, err := c.opt.Views.Views(paths)
		if err != nil {
			return nil, fmt.Errorf("inzage: view log: %w", err)
		}
		col.views = sortViews(views)
	}
	return col, nil
}

// read reads and parses one page at the bundle's commit, with its attachments.
func (c *collector) read(ref wiki.Ref) (*page, error) {
	e := c.head[ref.Path()]
	raw, err := c.s.ReadBlob(e.Blob)
	if err != nil {
		return nil, fmt.Errorf("inzage: read %s: %w", ref.Path(), err)
	}
	p := &page{ref: ref, title: string(ref.Slug), raw: raw}
	p.page, _ = workspace.Parse(ref.Path(), raw)
	if p.page != nil && strings.TrimSpace(p.page.Title()) != "" {
		p.title = strings.TrimSpace(p.page.Title())
	}
	prefix := ref.MediaDir() + "/"
	for path := range c.head {
		if strings.HasPrefix(path, prefix) {
			p.media = append(p.media, path)
		}
	}
	sort.Strings(p.media)
	return p, nil
}

// exists reports whether a page is in the workspace at the bundle's commit.
func (c *collector) exists(r wiki.Ref) bool {
	_, ok := c.head[r.Path()]
	return ok
}

// title is a page's title, or its slug when it does not exist or has none.
func (c *collector) title(r wiki.Ref) string {
	if !c.exists(r) {
		return string(r.Slug)
	}
	raw, err := c.s.ReadBlob(c.head[r.Path()].Blob)
	if err != nil {
		return string(r.Slug)
	}
	if pg, _ := workspace.Parse(r.Path(), raw); pg != nil && strings.TrimSpace(pg.Title()) != "" {
		return strings.TrimSpace(pg.Title())
	}
	return string(r.Slug)
}

// portraits are the portraits the casus lists, in its order, then the portraits whose cases:
// names the casus, by slug. Each is about the pupil or the family, whichever team wrote it.
func (c *collector) portraits(col *collected) error {
	slugs := slices.Clone(col.meta.Portraits)
	var back []wiki.Slug
	for path := range c.head {
		ref, err := wiki.RefFromPath(path)
		if err != nil || ref.Kind != wiki.Portrait || slices.Contains(slugs, ref.Slug) {
			continue
		}
		raw, err := c.s.ReadBlob(c.head[path].Blob)
		if err != nil {
			return fmt.Errorf("inzage: read %s: %w", path, err)
		}
		if pg, _ := workspace.Parse(path, raw); pg != nil {
			if m, ok := pg.Meta.(*portraits.Meta); ok && slices.Contains(m.Cases, col.casus.ref.Slug) {
				back = append(back, ref.Slug)
			}
		}
	}
	slices.Sort(back)
	seen := map[wiki.Slug]bool{}
	for _, s := range append(slugs, back...) {
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		ref := wiki.Ref{Kind: wiki.Portrait, Slug: s}
		if !c.exists(ref) {
			col.missing = append(col.missing, ref)
			continue
		}
		p, err := c.read(ref)
		if err != nil {
			return err
		}
		col.portraits = append(col.portraits, p)
	}
	return nil
}

// frames are the frames the casus names (frames: and the actions' frame:) that are the team's
// own. A frame of another team, or one that is still word for word the starter library's
// example, is general text, not about the pupil: it is named, not copied.
func (c *collector) frames(col *collected) error {
	var slugs []wiki.Slug
	slugs = append(slugs, col.meta.Frames...)
	for _, a := range col.meta.Actions {
		slugs = append(slugs, a.Frame)
	}
	seen := map[wiki.Slug]bool{}
	for _, s := range slugs {
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		ref := wiki.Ref{Kind: wiki.Frame, Slug: s}
		if !c.exists(ref) {
			col.missing = append(col.missing, ref)
			continue
		}
		p, err := c.read(ref)
		if err != nil {
			return err
		}
		var team wiki.Slug
		if p.page != nil {
			if m, ok := p.page.Meta.(*frames.Meta); ok {
				team = m.Team
			}
		}
		switch {
		case starterText(p):
			col.left = append(col.left, Left{Ref: ref, Title: p.title,
				Why: "een voorbeeld uit de bibliotheek van Leefwereld; de tekst is algemeen en gaat niet over je kind"})
		case team != col.meta.Team:
			col.left = append(col.left, Left{Ref: ref, Title: p.title,
				Why: "geschreven door een ander team, als algemene richting; de tekst gaat niet over je kind"})
		default:
			col.frames = append(col.frames, p)
		}
	}
	return nil
}

// starterText reports whether a frame is still, byte for byte, the starter library's page of
// the same name, and has no attachments of its own.
func starterText(p *page) bool {
	lib, err := fs.ReadFile(frames.Library, path.Join("library", string(p.ref.Slug)+".md"))
	return err == nil && bytes.Equal(lib, p.raw) && len(p.media) == 0
}

// fileHistory is every version of one file in the bundle.
type fileHistory struct {
	Path      string
	Title     string // the page's title; the file name for an attachment
	Revisions []store.Revision
}

// histories reads the history of every file in the bundle, up to the bundle's commit.
func (c *collector) histories(paths []string, col *collected) ([]fileHistory, error) {
	titles := map[string]string{}
	for _, p := range col.all() {
		titles[p.ref.Path()] = p.title
	}
	newer, err := c.newer()
	if err != nil {
		return nil, err
	}
	var out []fileHistory
	for _, p := range paths {
		revs, err := c.s.History(p)
		if err != nil {
			return nil, fmt.Errorf("inzage: history of %s: %w", p, err)
		}
		kept := revs[:0]
		for _, r := range revs {
			if !newer[r.Commit] {
				kept = append(kept, r)
			}
		}
		t := titles[p]
		if t == "" {
			t = path.Base(p)
		}
		out = append(out, fileHistory{Path: p, Title: t, Revisions: kept})
	}
	return out, nil
}

// newer are the commits made after the bundle's commit while it was being collected (usually
// none): their changes are not in the pages, so they stay out of the history too.
func (c *collector) newer() (map[string]bool, error) {
	head, err := c.s.Head()
	if err != nil {
		return nil, fmt.Errorf("inzage: %w", err)
	}
	if head == c.rev {
		return nil, nil
	}
	log, err := c.s.Log(0)
	if err != nil {
		return nil, fmt.Errorf("inzage: %w", err)
	}
	newer := map[string]bool{}
	for _, l := range log {
		if l.Hash == c.rev {
			break
		}
		newer[l.Hash] = true
	}
	return newer, nil
}

// sortViews orders the view log by time, then path, who and what, so the bundle is the same
// for the same log whatever order it came in.
func sortViews(v []View) []View {
	out := slices.Clone(v)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case !a.At.Equal(b.At):
			return a.At.Before(b.At)
		case a.Path != b.Path:
			return a.Path < b.Path
		case a.Who != b.Who:
			return a.Who < b.Who
		}
		return a.What < b.What
	})
	return out
}

// resolver resolves wiki links against the pages at the bundle's commit.
func (c *collector) resolver() markdown.Resolver {
	return func(t wiki.Target) (wiki.Ref, bool) {
		return wiki.Resolve(t, c.exists)
	}
}
