// Package links is an in-memory index of the links between pages: the typed links in front
// matter (a casus's themes, a frame's combined frames) and the [[wiki links]] in the text, each
// with the sentence around it. It answers "which pages link here?" (backlinks, the evidence a
// theme page shows per portrait), "does this page exist?" and "what is its title?" without
// reading git on every request.
//
// Git stays the source of truth: the index is built from the head commit at start and caught up
// by Sync, which diffs from the commit it reflects to the new head, commit by commit, so its cost
// is that of the pages that changed.
package links

import (
	"cmp"
	"errors"
	"fmt"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/internal/markdown"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
	"github.com/leefwereld/leefwereld/themes"
)

// maxCatchUp is how many commits Sync replays one by one; further behind, a full rebuild is
// cheaper than asking git what every commit changed.
const maxCatchUp = 512

// PageInfo is what the index knows about one page.
type PageInfo struct {
	Ref   wiki.Ref
	Title string    // the front matter's title, or the slug when there is none
	Meta  wiki.Meta // the parsed front matter; nil when the file has none. Read only: it is shared.
	Blob  string    // the blob the index read
}

// Backlink is one link from another page to the page asked about.
type Backlink struct {
	From      wiki.Ref
	FromTitle string
	Field     string // the front-matter field that holds the link ("themes[0].slug"); "" for a link in the text
	Sentence  string // the sentence around a text link, or the note that goes with a typed link (a casus theme's "why")
	Line      int    // for a text link, the line in the source file (1-based)
}

// typedLink is a link in front matter, with the note that belongs to it.
type typedLink struct {
	field string
	ref   wiki.Ref
	note  string
}

// entry is one indexed page.
type entry struct {
	info  PageInfo
	key   string // the title in lower case, to sort by without allocating
	typed []typedLink
	text  []markdown.Link // unresolved: a bare [[slug]] resolves against the pages that exist now
}

// Index is the link index of one workspace. It is safe for concurrent use: readers share an
// RWMutex, and one Sync runs at a time.
type Index struct {
	st     *store.Store
	syncMu sync.Mutex // serialises Sync, so two handlers never replay the same commits twice

	mu     sync.RWMutex
	head   string
	pages  map[wiki.Ref]*entry
	byRef  map[wiki.Ref]map[wiki.Ref]bool  // target → pages linking to it with a kind (typed links, [[themes/x]])
	bySlug map[wiki.Slug]map[wiki.Ref]bool // slug → pages with a bare [[slug]] (which page it means depends on what exists)

	countMu sync.Mutex
	counts  map[countKey]int // Count's answers for the indexed commit; emptied when it changes
}

type countKey struct {
	ref  wiki.Ref
	from wiki.Kind
}

// New builds the index from the head of the store.
func New(st *store.Store) (*Index, error) {
	x := &Index{st: st}
	head, err := st.Head()
	if err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	if err := x.rebuild(head); err != nil {
		return nil, err
	}
	return x, nil
}

// Head is the commit the index reflects.
func (x *Index) Head() string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.head
}

// Len is the number of pages indexed.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.pages)
}

// Sync brings the index up to the store's head. Call it after a commit; it costs one ref read
// when nothing changed, so a page view may call it too and see commits made elsewhere.
func (x *Index) Sync() error {
	x.syncMu.Lock()
	defer x.syncMu.Unlock()
	head, err := x.st.Head()
	if err != nil {
		return fmt.Errorf("links: sync: %w", err)
	}
	x.mu.RLock()
	from := x.head
	x.mu.RUnlock()
	if head == from {
		return nil
	}
	paths, ok, err := x.changedSince(from, head)
	if err != nil {
		return err
	}
	if !ok {
		return x.rebuild(head)
	}
	type update struct {
		ref wiki.Ref
		e   *entry // nil: the page is gone
	}
	var ups []update
	for _, p := range paths {
		ref, err := wiki.RefFromPath(p)
		if err != nil || !isPagePath(p) {
			continue // attachments and other files are not pages
		}
		f, err := x.st.Read(p, head)
		switch {
		case errors.Is(err, store.ErrNotFound):
			ups = append(ups, update{ref, nil})
		case err != nil:
			return fmt.Errorf("links: sync %s: %w", p, err)
		default:
			ups = append(ups, update{ref, parse(ref, f.Blob, f.Content)})
		}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, u := range ups {
		x.remove(u.ref)
		if u.e != nil {
			x.add(u.e)
		}
	}
	x.head = head
	x.counts = nil
	return nil
}

// changedSince lists the paths changed by the commits after from up to head, on main's
// first-parent line. ok is false when from is not on that line (a first build, a rewritten
// history) or too far back: the caller then rebuilds.
func (x *Index) changedSince(from, head string) (paths []string, ok bool, err error) {
	if from == "" {
		return nil, false, nil
	}
	log, err := x.st.Log(maxCatchUp + 1)
	if err != nil {
		return nil, false, fmt.Errorf("links: sync: %w", err)
	}
	// Another commit may have landed since head was read; replay up to head only.
	j := slices.IndexFunc(log, func(c store.Commit) bool { return c.Hash == head })
	i := slices.IndexFunc(log, func(c store.Commit) bool { return c.Hash == from })
	if j < 0 || i < j {
		return nil, false, nil
	}
	seen := map[string]bool{}
	for _, c := range log[j:i] {
		ch, err := x.st.Changed(c.Hash)
		if err != nil {
			return nil, false, fmt.Errorf("links: sync: %w", err)
		}
		for _, p := range ch {
			if !seen[p] {
				seen[p] = true
				paths = append(paths, p)
			}
		}
	}
	slices.Sort(paths)
	return paths, true, nil
}

// rebuild reads every page at head. Reading goes through the store one blob at a time;
// parsing runs on every core.
func (x *Index) rebuild(head string) error {
	var refs []wiki.Ref
	var blobs []string
	if head != "" {
		err := x.st.Walk(head, func(e store.Entry) error {
			if ref, err := wiki.RefFromPath(e.Path); err == nil && isPagePath(e.Path) {
				refs = append(refs, ref)
				blobs = append(blobs, e.Blob)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("links: build: %w", err)
		}
	}
	entries := make([]*entry, len(refs))
	errs := make([]error, len(refs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				data, err := x.st.ReadBlob(blobs[i])
				if err != nil {
					errs[i] = fmt.Errorf("links: build %s: %w", refs[i].Path(), err)
					continue
				}
				entries[i] = parse(refs[i], blobs[i], data)
			}
		})
	}
	for i := range refs {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.pages = make(map[wiki.Ref]*entry, len(entries))
	x.byRef = map[wiki.Ref]map[wiki.Ref]bool{}
	x.bySlug = map[wiki.Slug]map[wiki.Ref]bool{}
	for _, e := range entries {
		x.add(e)
	}
	x.head = head
	x.counts = nil
	return nil
}

// parse reads one page file into an entry. A page with errors still counts: it exists, and
// whatever could be read of it links where it says.
func parse(ref wiki.Ref, blob string, data []byte) *entry {
	e := &entry{info: PageInfo{Ref: ref, Title: string(ref.Slug), Blob: blob}, key: string(ref.Slug)}
	page, _ := workspace.Parse(ref.Path(), data)
	if page == nil {
		return e
	}
	e.info.Meta = page.Meta
	if t := strings.TrimSpace(page.Title()); t != "" {
		e.info.Title = t
	}
	e.key = strings.ToLower(e.info.Title)
	notes := typedNotes(page.Meta)
	for _, l := range page.Meta.Links() {
		if l.Ref.Slug == "" || !l.Ref.Kind.Valid() {
			continue
		}
		e.typed = append(e.typed, typedLink{field: l.Field, ref: l.Ref, note: notes[l.Field]})
	}
	e.text = markdown.Extract(page.Body).Links
	for i := range e.text {
		e.text[i].Line += page.BodyLine - 1 // a line of the file, as the editor counts
	}
	return e
}

// typedNotes finds, per front-matter field, the words that say why a link is there.
func typedNotes(m wiki.Meta) map[string]string {
	notes := map[string]string{}
	switch m := m.(type) {
	case *cases.Meta:
		for i, t := range m.Themes {
			notes[fmt.Sprintf("themes[%d].slug", i)] = t.Why
		}
		for i, a := range m.Actions {
			notes[fmt.Sprintf("actions[%d].frame", i)] = a.What
		}
	case *themes.Meta:
		for i, r := range m.Related {
			notes[fmt.Sprintf("related[%d].slug", i)] = r.Note
		}
	}
	return notes
}

// add puts an entry in the maps; the caller holds the write lock.
func (x *Index) add(e *entry) {
	from := e.info.Ref
	x.pages[from] = e
	for _, l := range e.typed {
		addTo(x.byRef, l.ref, from)
	}
	for _, l := range e.text {
		if l.Target.Kind != "" {
			addTo(x.byRef, wiki.Ref{Kind: l.Target.Kind, Slug: l.Target.Slug}, from)
		} else {
			addTo(x.bySlug, l.Target.Slug, from)
		}
	}
}

// remove takes a page out of the maps; the caller holds the write lock.
func (x *Index) remove(ref wiki.Ref) {
	e, ok := x.pages[ref]
	if !ok {
		return
	}
	delete(x.pages, ref)
	for _, l := range e.typed {
		removeFrom(x.byRef, l.ref, ref)
	}
	for _, l := range e.text {
		if l.Target.Kind != "" {
			removeFrom(x.byRef, wiki.Ref{Kind: l.Target.Kind, Slug: l.Target.Slug}, ref)
		} else {
			removeFrom(x.bySlug, l.Target.Slug, ref)
		}
	}
}

func addTo[K comparable](m map[K]map[wiki.Ref]bool, k K, from wiki.Ref) {
	set := m[k]
	if set == nil {
		set = map[wiki.Ref]bool{}
		m[k] = set
	}
	set[from] = true
}

func removeFrom[K comparable](m map[K]map[wiki.Ref]bool, k K, from wiki.Ref) {
	if set := m[k]; set != nil {
		delete(set, from)
		if len(set) == 0 {
			delete(m, k)
		}
	}
}

// Exists reports whether a page is in the indexed commit.
func (x *Index) Exists(ref wiki.Ref) bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	_, ok := x.pages[ref]
	return ok
}

// Title is a page's title; for a page that does not exist, its slug.
func (x *Index) Title(ref wiki.Ref) string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if e, ok := x.pages[ref]; ok {
		return e.info.Title
	}
	return string(ref.Slug)
}

// Page returns what the index knows about one page.
func (x *Index) Page(ref wiki.Ref) (PageInfo, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if e, ok := x.pages[ref]; ok {
		return e.info, true
	}
	return PageInfo{}, false
}

// Pages lists the pages of one kind, sorted by title (then slug).
func (x *Index) Pages(kind wiki.Kind) []PageInfo {
	x.mu.RLock()
	var out []PageInfo
	for ref, e := range x.pages {
		if ref.Kind == kind {
			out = append(out, e.info)
		}
	}
	x.mu.RUnlock()
	slices.SortFunc(out, func(a, b PageInfo) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.Ref.Slug, b.Ref.Slug))
	})
	return out
}

// Resolve turns a wiki-link target into a page, as the renderer and the backlinks see it:
// a bare slug is the first existing page in the order of wiki.Kinds.
func (x *Index) Resolve(t wiki.Target) (wiki.Ref, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.resolve(t)
}

func (x *Index) resolve(t wiki.Target) (wiki.Ref, bool) {
	return wiki.Resolve(t, func(r wiki.Ref) bool { _, ok := x.pages[r]; return ok })
}

// kindOrder is the order backlinks are listed in: the casus first, where the work comes
// together, then the portraits that are the evidence.
var kindOrder = map[wiki.Kind]int{wiki.Case: 0, wiki.Portrait: 1, wiki.Frame: 2, wiki.Theme: 3, wiki.Team: 4}

// Backlinks lists every link to ref from other pages: typed links first, then text links in
// the order they appear, grouped by source page; sources are ordered by kind, then title.
func (x *Index) Backlinks(ref wiki.Ref) []Backlink {
	x.mu.RLock()
	defer x.mu.RUnlock()
	sources := x.sources(ref)
	slices.SortFunc(sources, func(a, b *entry) int {
		if a.info.Ref.Kind != b.info.Ref.Kind {
			return cmp.Compare(kindOrder[a.info.Ref.Kind], kindOrder[b.info.Ref.Kind])
		}
		if a.key != b.key {
			return strings.Compare(a.key, b.key)
		}
		return strings.Compare(string(a.info.Ref.Slug), string(b.info.Ref.Slug))
	})
	var out []Backlink
	for _, e := range sources {
		for _, l := range e.typed {
			if l.ref == ref {
				out = append(out, Backlink{From: e.info.Ref, FromTitle: e.info.Title, Field: l.field, Sentence: l.note})
			}
		}
		for _, l := range e.text {
			if r, _ := x.resolve(l.Target); r == ref {
				out = append(out, Backlink{From: e.info.Ref, FromTitle: e.info.Title, Sentence: l.Sentence, Line: l.Line})
			}
		}
	}
	return out
}

// Count is how many other pages of the given kind link to ref, in any way. Answers are kept
// until the index changes: a list of all themes asks for every theme's count.
func (x *Index) Count(ref wiki.Ref, from wiki.Kind) int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	key := countKey{ref, from}
	x.countMu.Lock()
	n, ok := x.counts[key]
	x.countMu.Unlock()
	if ok {
		return n
	}
	for _, e := range x.sources(ref) {
		if e.info.Ref.Kind == from && x.linksTo(e, ref) {
			n++
		}
	}
	x.countMu.Lock()
	if x.counts == nil {
		x.counts = map[countKey]int{}
	}
	x.counts[key] = n
	x.countMu.Unlock()
	return n
}

// sources are the other pages that may link to ref: every page with a typed or explicit link
// to it, and every page with a bare [[slug]] of its slug (which may mean another page). The
// caller holds the read lock.
func (x *Index) sources(ref wiki.Ref) []*entry {
	out := make([]*entry, 0, len(x.byRef[ref])+len(x.bySlug[ref.Slug]))
	for from := range x.byRef[ref] {
		if e, ok := x.pages[from]; ok && from != ref { // a page that mentions itself is not news
			out = append(out, e)
		}
	}
	for from := range x.bySlug[ref.Slug] {
		if e, ok := x.pages[from]; ok && from != ref && !x.byRef[ref][from] {
			out = append(out, e)
		}
	}
	return out
}

// linksTo reports whether a page links to ref; the caller holds the read lock.
func (x *Index) linksTo(e *entry, ref wiki.Ref) bool {
	for _, l := range e.typed {
		if l.ref == ref {
			return true
		}
	}
	for _, l := range e.text {
		if r, _ := x.resolve(l.Target); r == ref {
			return true
		}
	}
	return false
}

// Outlinks lists the pages one page links to, once per link: its typed links first, then its
// text links in order, each resolved as the renderer does. A page that names a theme three
// times links it three times; the team overview counts them. A link to the page itself is left
// out, as Backlinks does.
func (x *Index) Outlinks(from wiki.Ref) []wiki.Ref {
	x.mu.RLock()
	defer x.mu.RUnlock()
	e, ok := x.pages[from]
	if !ok {
		return nil
	}
	out := make([]wiki.Ref, 0, len(e.typed)+len(e.text))
	for _, l := range e.typed {
		if l.ref != from {
			out = append(out, l.ref)
		}
	}
	for _, l := range e.text {
		if r, _ := x.resolve(l.Target); r != from {
			out = append(out, r)
		}
	}
	return out
}

// isPagePath reports whether a repository path is a page in one of the kinds' folders (and
// not, say, a file in a sub-folder).
func isPagePath(p string) bool {
	dir, file := path.Split(p)
	k, ok := wiki.ParseKind(strings.TrimSuffix(dir, "/"))
	return ok && k.Folder()+"/" == dir && strings.HasSuffix(file, ".md")
}
