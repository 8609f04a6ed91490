package purge

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
	"github.com/leefwereld/leefwereld/portraits"
)

// ErrNotFound: the page to erase is neither in the workspace nor in its history.
var ErrNotFound = errors.New("purge: not found")

// ErrAmbiguous: what to erase cannot be told apart from a page that stays.
var ErrAmbiguous = errors.New("purge: ambiguous")

// Plan is what one purge erases. It is made and carried out under the same exclusive lock,
// so nothing changes in between. Its fields name the pages: show them only to the person who
// confirms, never in a log.
type Plan struct {
	Data   string
	Target wiki.Ref
	Pages  []wiki.Ref // erased: the target and, for a casus, the portraits and frames only it has
	Kept   []Kept     // related pages (or attachment folders) that stay, and why
	// Paths leave every commit: each erased page at every path it ever had (renames are
	// followed) and the attachment folder of each of those slugs.
	Paths []string
	// Mentions are pages that stay but still link to an erased page or name a name in it: their
	// text is theirs and is kept, so a person should look at them.
	Mentions []string
	head     string
	terms    *terms
	now      map[string]bool // Paths that exist at head
}

// Now reports whether one of Paths exists in the workspace now (a file, or a folder with
// files); the others are only in the history.
func (p *Plan) Now(path string) bool { return p.now[path] }

// Kept is a related page that purge leaves alone.
type Kept struct {
	What string // a repository path
	Why  string // Dutch, for the confirmation screen
}

// PlanCasus plans erasing a casus with its own portraits and frames. A casus deleted earlier
// can still be erased: what it linked to is read from its last version in history.
func PlanCasus(data string, slug wiki.Slug) (*Plan, error) {
	return plan(data, wiki.Ref{Kind: wiki.Case, Slug: slug}, true)
}

// PlanPage plans erasing one page of any kind, with its attachments and nothing else.
func PlanPage(data string, ref wiki.Ref) (*Plan, error) {
	return plan(data, ref, false)
}

// planner reads the workspace at its head and the history of the erased pages.
type planner struct {
	s      *store.Store
	head   map[string]store.Entry // path → entry at head
	pages  map[string]*wiki.Page  // parsed pages at head, by path (casussen and portraits)
	plan   *Plan
	erased map[wiki.Ref]bool
}

func plan(data string, target wiki.Ref, withRelated bool) (*Plan, error) {
	w, err := workspace.Open(data)
	if err != nil {
		return nil, fmt.Errorf("purge: %w", err)
	}
	defer w.Close()
	return PlanWith(w.Store, data, target, withRelated)
}

// PlanWith plans with a store the caller already has open: the server shows the plan on its
// confirmation page without opening the repository a second time. related plans a casus with
// its own portraits and frames (PlanCasus), otherwise one page (PlanPage). The erasure itself
// plans again under the exclusive lock (Erase); compare the two with Digest.
func PlanWith(s *store.Store, data string, target wiki.Ref, related bool) (*Plan, error) {
	p := &planner{s: s, head: map[string]store.Entry{}, pages: map[string]*wiki.Page{},
		plan: &Plan{Data: data, Target: target, terms: &terms{}}, erased: map[wiki.Ref]bool{}}
	var err error
	if p.plan.head, err = s.Head(); err != nil {
		return nil, fmt.Errorf("purge: %w", err)
	}
	err = s.Walk("", func(e store.Entry) error {
		p.head[e.Path] = e
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("purge: %w", err)
	}
	content, err := p.last(target)
	if err != nil {
		return nil, err
	}
	p.erased[target] = true
	if related {
		if err := p.related(content); err != nil {
			return nil, err
		}
	}
	for _, ref := range sortedRefs(p.erased) {
		if err := p.history(ref); err != nil {
			return nil, err
		}
	}
	p.media()
	if err := p.mentions(); err != nil {
		return nil, err
	}
	sort.Strings(p.plan.Paths)
	p.plan.now = map[string]bool{}
	for _, path := range p.plan.Paths {
		if _, ok := p.head[path]; ok {
			p.plan.now[path] = true
		}
	}
	for path := range p.head {
		if dir, _, ok := strings.Cut(strings.TrimPrefix(path, "media/"), "/"); ok && strings.HasPrefix(path, "media/") {
			if d := "media/" + dir; slices.Contains(p.plan.Paths, d) {
				p.plan.now[d] = true
			}
		}
	}
	return p.plan, nil
}

// last returns a page's content at head or, if it was deleted, its last version in history.
func (p *planner) last(ref wiki.Ref) ([]byte, error) {
	if e, ok := p.head[ref.Path()]; ok {
		return p.blob(e.Blob)
	}
	revs, err := p.s.History(ref.Path())
	if err != nil {
		return nil, fmt.Errorf("purge: history of %s: %w", ref, err)
	}
	for _, r := range revs {
		if r.Blob != "" {
			return p.blob(r.Blob)
		}
	}
	return nil, fmt.Errorf("%w: %s", ErrNotFound, ref)
}

func (p *planner) blob(h string) ([]byte, error) {
	data, err := p.s.ReadBlob(h)
	if err != nil {
		return nil, fmt.Errorf("purge: %w", err)
	}
	return data, nil
}

// parsed returns the parsed page at head for path, or nil if it is not there or unreadable.
func (p *planner) parsed(path string) *wiki.Page {
	if pg, ok := p.pages[path]; ok {
		return pg
	}
	var pg *wiki.Page
	if e, ok := p.head[path]; ok {
		if data, err := p.blob(e.Blob); err == nil {
			pg, _ = workspace.Parse(path, data)
		}
	}
	p.pages[path] = pg
	return pg
}

// related adds the casus's own portraits and frames. A portrait or frame that another casus
// still uses stays (erasing it would take another child's casus apart), and so does a frame
// the team shared with other teams (it was written to be general, and sharing it asked for
// consent); the confirmation shows both, so a person can erase them with --page if needed.
func (p *planner) related(content []byte) error {
	target := p.plan.Target
	pg, _ := workspace.Parse(target.Path(), content)
	if pg == nil {
		return fmt.Errorf("purge: %s cannot be read as a casus", target)
	}
	meta := pg.Meta.(*cases.Meta)
	otherCases := map[wiki.Slug]bool{}
	usedPortraits, usedFrames := map[wiki.Slug]bool{}, map[wiki.Slug]bool{}
	var portraitCands, frameCands []wiki.Slug
	for _, path := range p.folder(wiki.Case) {
		ref, _ := wiki.RefFromPath(path)
		if ref == target {
			continue
		}
		otherCases[ref.Slug] = true
		if c := p.parsed(path); c != nil {
			m := c.Meta.(*cases.Meta)
			for _, s := range m.Portraits {
				usedPortraits[s] = true
			}
			for _, s := range caseFrames(m) {
				usedFrames[s] = true
			}
		}
	}
	portraitCands = append(portraitCands, meta.Portraits...)
	for _, path := range p.folder(wiki.Portrait) {
		if pp := p.parsed(path); pp != nil {
			for _, c := range pp.Meta.(*portraits.Meta).Cases {
				if c == target.Slug {
					ref, _ := wiki.RefFromPath(path)
					portraitCands = append(portraitCands, ref.Slug)
				}
			}
		}
	}
	for _, s := range portraitCands {
		ref := wiki.Ref{Kind: wiki.Portrait, Slug: s}
		if p.erased[ref] {
			continue
		}
		shared := usedPortraits[s]
		if pp := p.parsed(ref.Path()); pp != nil {
			for _, c := range pp.Meta.(*portraits.Meta).Cases {
				shared = shared || (c != target.Slug && otherCases[c])
			}
		}
		if shared {
			p.keep(ref.Path(), "hoort ook bij een andere casus")
			continue
		}
		p.eraseIfKnown(ref)
	}
	frameCands = caseFrames(meta)
	for _, s := range frameCands {
		ref := wiki.Ref{Kind: wiki.Frame, Slug: s}
		if p.erased[ref] {
			continue
		}
		if usedFrames[s] {
			p.keep(ref.Path(), "wordt ook gebruikt in een andere casus")
			continue
		}
		if f := p.parsed(ref.Path()); f != nil && f.Meta.(*frames.Meta).Visibility == "gedeeld" {
			p.keep(ref.Path(), "is gedeeld met andere teams")
			continue
		}
		p.eraseIfKnown(ref)
	}
	return nil
}

// caseFrames are the frames a casus names, in its frames and in its actions.
func caseFrames(m *cases.Meta) []wiki.Slug {
	out := append([]wiki.Slug(nil), m.Frames...)
	for _, a := range m.Actions {
		if a.Frame != "" {
			out = append(out, a.Frame)
		}
	}
	return out
}

// eraseIfKnown marks a linked page for erasing if it exists now or ever existed; a link to a
// page that was never written has nothing to erase.
func (p *planner) eraseIfKnown(ref wiki.Ref) {
	if _, ok := p.head[ref.Path()]; ok {
		p.erased[ref] = true
		return
	}
	if revs, err := p.s.History(ref.Path()); err == nil && len(revs) > 0 {
		p.erased[ref] = true
	}
}

func (p *planner) keep(path, why string) {
	for _, k := range p.plan.Kept {
		if k.What == path {
			return
		}
	}
	p.plan.Kept = append(p.plan.Kept, Kept{What: path, Why: why})
}

// folder lists the page paths of one kind at head.
func (p *planner) folder(k wiki.Kind) []string {
	var out []string
	prefix := k.Folder() + "/"
	for path := range p.head {
		if strings.HasPrefix(path, prefix) && strings.HasSuffix(path, ".md") && !strings.Contains(path[len(prefix):], "/") {
			out = append(out, path)
		}
	}
	sort.Strings(out)
	return out
}

// history adds every path a page ever had, following renames back, and collects its slugs and
// every title it ever had for scrubbing commit messages.
func (p *planner) history(ref wiki.Ref) error {
	p.plan.Pages = append(p.plan.Pages, ref)
	revs, err := p.s.History(ref.Path())
	if err != nil {
		return fmt.Errorf("purge: history of %s: %w", ref, err)
	}
	paths := map[string]bool{ref.Path(): true}
	blobs := map[string]bool{}
	if e, ok := p.head[ref.Path()]; ok {
		blobs[e.Blob] = true
	}
	for _, r := range revs {
		for _, path := range []string{r.Path, r.OldPath, r.NewPath} {
			if path != "" {
				paths[path] = true
			}
		}
		if r.Blob != "" {
			blobs[r.Blob] = true
		}
	}
	names := ref.Kind == wiki.Case || ref.Kind == wiki.Portrait
	for path := range paths {
		r, err := wiki.RefFromPath(path)
		if err != nil {
			continue
		}
		// A name the page had before a rename may belong to another page now: erasing that
		// path from history would take the other page's history too.
		if _, now := p.head[path]; now && r != ref && !p.erased[r] {
			return fmt.Errorf("%w: %s heette eerder %s, en die naam is nu van een andere pagina", ErrAmbiguous, ref, r)
		}
		p.plan.Paths = append(p.plan.Paths, path)
		p.erased[r] = true
		p.addTerm(string(r.Slug), names)
	}
	for b := range blobs {
		data, err := p.blob(b)
		if err != nil {
			return err
		}
		pg, _ := workspace.Parse(ref.Path(), data)
		if pg == nil {
			continue
		}
		p.addTerm(pg.Title(), names)
		if m, ok := pg.Meta.(*portraits.Meta); ok && m.Recognized != nil {
			p.plan.terms.addNames(m.Recognized.By)
		}
	}
	return nil
}

func (p *planner) addTerm(s string, names bool) {
	p.plan.terms.add(s)
	if names {
		p.plan.terms.addNames(s)
	}
}

// media adds the attachment folder of every erased slug. Attachment folders are named by slug
// alone, so a page of another kind with the same slug shares the folder: then it stays, and
// the confirmation says so.
func (p *planner) media() {
	slugs := map[wiki.Slug]bool{}
	for ref := range p.erased {
		slugs[ref.Slug] = true
	}
	kept := map[wiki.Slug]bool{}
	for path := range p.head {
		if ref, err := wiki.RefFromPath(path); err == nil && slugs[ref.Slug] && !p.erased[ref] {
			kept[ref.Slug] = true
		}
	}
	for s := range slugs {
		dir := wiki.Ref{Slug: s}.MediaDir()
		if kept[s] {
			p.keep(dir+"/", "de bijlagen horen ook bij een andere pagina met dezelfde korte naam")
			continue
		}
		p.plan.Paths = append(p.plan.Paths, dir)
	}
}

// mentions finds the pages that stay but link to an erased page or contain one of its names.
func (p *planner) mentions() error {
	for path, e := range p.head {
		if !strings.HasSuffix(path, ".md") {
			continue
		}
		if ref, err := wiki.RefFromPath(path); err == nil && p.erased[ref] {
			continue
		}
		data, err := p.blob(e.Blob)
		if err != nil {
			return err
		}
		if p.plan.terms.matches(string(data)) {
			p.plan.Mentions = append(p.plan.Mentions, path)
		}
	}
	sort.Strings(p.plan.Mentions)
	return nil
}

func sortedRefs(m map[wiki.Ref]bool) []wiki.Ref {
	out := make([]wiki.Ref, 0, len(m))
	for r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path() < out[j].Path() })
	return out
}

// repoDir is the bare repository inside a data directory.
func repoDir(data string) string { return filepath.Join(data, workspace.RepoDir) }
