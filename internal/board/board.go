// Package board lays a casus out as the method's four steps — wat, waar, hoe, organiseren —
// and works out the ties between them: which chosen theme feeds which frame, and which frame
// which action. It also gathers the method's hints per step. It is pure: it gets parsed pages
// and knows nothing of HTTP or git, so the page view, the print view and the tests all see the
// same board.
package board

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
	"github.com/leefwereld/leefwereld/themes"
)

// Step is one of the method's four steps; the board has one column per step, in this order.
type Step int

// The four steps, numbered as the method numbers them.
const (
	Wat Step = iota + 1
	Waar
	Hoe
	Organiseren
)

// Steps lists the steps in the method's order.
var Steps = []Step{Wat, Waar, Hoe, Organiseren}

var stepText = map[Step]struct{ key, name, question string }{
	Wat:         {"wat", "Wat", "Wat is er aan de hand?"},
	Waar:        {"waar", "Waar", "Waar gaat dat over?"},
	Hoe:         {"hoe", "Hoe", "Hoe gaan we daar mee om?"},
	Organiseren: {"organiseren", "Organiseren", "Hoe organiseren we dat?"},
}

// Number is the step's place in the method (1 to 4).
func (s Step) Number() int { return int(s) }

// Name is the step's short Dutch name ("Waar").
func (s Step) Name() string { return stepText[s].name }

// Question is the step's question, the column's heading ("Waar gaat dat over?").
func (s Step) Question() string { return stepText[s].question }

// Key is the step's name in ASCII lower case ("waar"), for ids and CSS classes.
func (s Step) Key() string { return stepText[s].key }

// Anchor is the id of the step's column on the board ("bord-waar").
func (s Step) Anchor() string { return "bord-" + stepText[s].key }

// abstractCode is the code of the theme kind's own hint about an abstract word.
const abstractCode = "theme.abstract"

// Tones is how many colour slots the badges cycle through. The label on a badge says which
// item it is; the tone only helps the eye find the other end of a tie.
const Tones = 6

// Lookup finds a page the casus names. exists is false for a page that is not there (yet);
// page is nil for a page that exists but cannot be read at all (no front matter).
type Lookup func(wiki.Ref) (page *wiki.Page, exists bool)

// Board is one casus as the method's four columns, with the ties between them.
type Board struct {
	Case        wiki.Ref
	Title       string
	Wat         Column[Portrait]
	Waar        Column[Theme]
	Hoe         Column[Frame]
	Organiseren Column[Action]
	// Hints are about the casus as a whole, not one step (such as a closed casus without date).
	Hints []Hint
	// Missing lists every page the board names that does not exist yet, once, in board order.
	Missing []Link
	// Consent are the casus's consent records, in file order (a change names one by its place).
	Consent []cases.Consent
}

// Column is one step of the board: its items, and the hints about the step as a whole (too
// few themes, actions before there is a portrait). Hints about one item sit on that item.
type Column[T any] struct {
	Step  Step
	Items []T
	Hints []Hint
}

// Link names a page as the board shows it. Title is the slug when the page does not exist.
type Link struct {
	Ref    wiki.Ref
	Title  string
	Exists bool
}

// Tie is the far end of a tie between two items: a frame's theme, a theme's frame, an
// action's frame, a frame's action. Label, Anchor and Tone are those of the item at the far
// end, so a view draws the same badge at both ends; Step is the far end's column. OnBoard is false when the far end is not
// on this board (a frame resting on a theme the casus did not choose); Label and Anchor are
// then empty and the view links to the page instead.
type Tie struct {
	Link
	Step    Step
	Label   string
	Anchor  string
	Tone    int
	OnBoard bool
}

// Hint is one of the method's rules of thumb, shown where it matters and never blocking.
type Hint struct {
	Code    string   // stable, the same as `leefwereld check` prints ("case.few-themes")
	Message string   // plain Dutch
	From    wiki.Ref // the page the hint is about
	Field   string   // the front-matter field, if any ("actions[1].frame")
	Line    int      // the line in From's file, if known
}

// Portrait is one item of step 1.
type Portrait struct {
	Link
	Anchor     string
	Broken     bool // the page exists but has errors, so its details are not shown
	Subject    portraits.Subject
	Status     portraits.Status // concept, besproken or herkend; "" when missing or broken
	Punctum    string
	Horizon    string
	Recognized *portraits.Recognition // who recognised it, when, and what they said
	Hints      []Hint
}

// Theme is one chosen theme of step 2.
type Theme struct {
	Link
	Label  string // "T1"
	Anchor string
	Tone   int
	Broken bool
	Why    string // the team's "why here"
	// Feeds are the frames on this board that rest on this theme. Empty: it feeds none yet.
	Feeds []Tie
	// Alternatives are themes you can feel, when this one is on the list of abstract words.
	Alternatives []Link
	Hints        []Hint
}

// Frame is one frame of step 3.
type Frame struct {
	Link
	Label  string // "F1"
	Anchor string
	Tone   int
	Broken bool
	Status frames.Status // voorgesteld, verkend, gekozen, losgelaten; "" when missing or broken
	Shared bool          // visibility gedeeld: other teams see it as inspiration
	Own    bool          // the casus's team owns it, so the board may share it
	Reason string        // why it was let go
	// RestsOn are the frame's themes; a theme the casus did not choose has OnBoard false.
	RestsOn []Tie
	// Combines are frames this one reinforces.
	Combines []Tie
	// Actions are the actions on this board that serve this frame. Empty: none yet.
	Actions []Tie
	Hints   []Hint
}

// Action is one action of step 4.
type Action struct {
	Label  string // "A1"
	Anchor string
	Tone   int
	What   string
	Who    string
	Where  cases.Where // school, gezin, vrije tijd or hulp
	When   wiki.Date
	Status cases.ActionStatus
	Frame  *Tie // the frame it serves; nil when it names none
	Hints  []Hint
	Index  int // its place in the casus's actions, which a change of it names
}

// Build computes the board of a casus. lookup is asked for every page the casus and its
// frames name, at most once per page. A casus page whose Meta is not a casus gives an empty
// board.
func Build(casus *wiki.Page, lookup Lookup) Board {
	b := Board{
		Case: casus.Ref, Title: titleOf(casus),
		Wat: Column[Portrait]{Step: Wat}, Waar: Column[Theme]{Step: Waar},
		Hoe: Column[Frame]{Step: Hoe}, Organiseren: Column[Action]{Step: Organiseren},
	}
	m, ok := casus.Meta.(*cases.Meta)
	if !ok {
		return b
	}
	b.Consent = m.Consent
	pg := &pages{lookup: lookup, found: map[wiki.Ref]found{}, noted: map[wiki.Ref]bool{}, team: m.Team}
	// at maps a position in a front-matter list to the item on the board, so a casus hint
	// about "themes[2]" lands on that theme; a slug listed twice is shown once.
	at := map[string]map[int]int{"portraits": {}, "themes": {}, "frames": {}, "actions": {}}

	seen := map[wiki.Slug]int{}
	for i, slug := range m.Portraits {
		if n, dup := seen[slug]; dup {
			at["portraits"][i] = n
			continue
		}
		seen[slug] = len(b.Wat.Items)
		at["portraits"][i] = len(b.Wat.Items)
		b.Wat.Items = append(b.Wat.Items, pg.portrait(slug))
	}

	themeAt := map[wiki.Slug]int{}
	for i, t := range m.Themes {
		if n, dup := themeAt[t.Slug]; dup {
			at["themes"][i] = n
			continue
		}
		themeAt[t.Slug] = len(b.Waar.Items)
		at["themes"][i] = len(b.Waar.Items)
		b.Waar.Items = append(b.Waar.Items, pg.theme(t, len(b.Waar.Items)+1))
	}

	frameAt := map[wiki.Slug]int{}
	combines := map[int][]wiki.Slug{}
	for i, slug := range m.Frames {
		if n, dup := frameAt[slug]; dup {
			at["frames"][i] = n
			continue
		}
		n := len(b.Hoe.Items)
		frameAt[slug] = n
		at["frames"][i] = n
		f, fm := pg.frame(slug, n+1)
		b.Hoe.Items = append(b.Hoe.Items, f)
		if fm == nil {
			continue
		}
		fr := &b.Hoe.Items[n]
		rests := map[wiki.Slug]bool{}
		for _, ts := range fm.Themes {
			if rests[ts] {
				continue
			}
			rests[ts] = true
			if k, ok := themeAt[ts]; ok {
				th := &b.Waar.Items[k]
				fr.RestsOn = append(fr.RestsOn, tieTo(Waar, th.Link, th.Label, th.Anchor, th.Tone))
				th.Feeds = append(th.Feeds, tieTo(Hoe, fr.Link, fr.Label, fr.Anchor, fr.Tone))
			} else {
				fr.RestsOn = append(fr.RestsOn, Tie{Step: Waar, Link: pg.note(wiki.Ref{Kind: wiki.Theme, Slug: ts})})
			}
		}
		combines[n] = fm.Combines
	}
	// Combinations are resolved once every frame of the casus has its label.
	for n := range b.Hoe.Items {
		for _, cs := range combines[n] {
			if k, ok := frameAt[cs]; ok && k != n {
				o := b.Hoe.Items[k]
				b.Hoe.Items[n].Combines = append(b.Hoe.Items[n].Combines, tieTo(Hoe, o.Link, o.Label, o.Anchor, o.Tone))
			} else if !ok {
				b.Hoe.Items[n].Combines = append(b.Hoe.Items[n].Combines, Tie{Step: Hoe, Link: pg.note(wiki.Ref{Kind: wiki.Frame, Slug: cs})})
			}
		}
	}

	for i, a := range m.Actions {
		n := len(b.Organiseren.Items)
		at["actions"][i] = n
		act := Action{
			Index: i, Label: "A" + strconv.Itoa(n+1), Anchor: "bord-actie-" + strconv.Itoa(n+1), Tone: tone(n + 1),
			What: strings.TrimSpace(a.What), Who: strings.TrimSpace(a.Who), Where: a.Where, When: a.When, Status: a.Status,
		}
		if a.Frame != "" {
			if k, ok := frameAt[a.Frame]; ok {
				fr := &b.Hoe.Items[k]
				t := tieTo(Hoe, fr.Link, fr.Label, fr.Anchor, fr.Tone)
				act.Frame = &t
				fr.Actions = append(fr.Actions, tieTo(Organiseren, Link{Title: act.What}, act.Label, act.Anchor, act.Tone))
			} else {
				act.Frame = &Tie{Step: Hoe, Link: pg.note(wiki.Ref{Kind: wiki.Frame, Slug: a.Frame})}
			}
		}
		b.Organiseren.Items = append(b.Organiseren.Items, act)
	}

	for _, h := range hintsOf(casus) {
		name, i, indexed := splitField(h.Field)
		k, onItem := at[name][i]
		onItem = onItem && indexed
		switch {
		case name == "portraits" && onItem:
			b.Wat.Items[k].Hints = append(b.Wat.Items[k].Hints, h)
		case name == "portraits":
			b.Wat.Hints = append(b.Wat.Hints, h)
		case name == "themes" && onItem:
			b.Waar.Items[k].Hints = append(b.Waar.Items[k].Hints, h)
		case name == "themes":
			b.Waar.Hints = append(b.Waar.Hints, h)
		case name == "frames" && onItem:
			b.Hoe.Items[k].Hints = append(b.Hoe.Items[k].Hints, h)
		case name == "frames":
			b.Hoe.Hints = append(b.Hoe.Hints, h)
		case name == "actions" && onItem:
			b.Organiseren.Items[k].Hints = append(b.Organiseren.Items[k].Hints, h)
		case name == "actions":
			b.Organiseren.Hints = append(b.Organiseren.Hints, h)
		default:
			b.Hints = append(b.Hints, h)
		}
	}
	for k := range b.Waar.Items {
		b.Waar.Items[k].Hints = oneAbstractHint(b.Waar.Items[k].Hints)
	}
	b.Missing = pg.missing
	return b
}

// oneAbstractHint drops the board's own theme.abstract hint when the casus already says the
// same about this theme (its check flags an abstract slug), so the tip is shown once, with
// the code `leefwereld check` prints. The board's hint stays for what only it can see: a
// theme whose title, not its slug, is on the list.
func oneAbstractHint(hs []Hint) []Hint {
	flagged := false
	for _, h := range hs {
		if h.Code != abstractCode && strings.Contains(h.Code, "abstract") {
			flagged = true
		}
	}
	if !flagged {
		return hs
	}
	out := hs[:0]
	for _, h := range hs {
		if h.Code != abstractCode {
			out = append(out, h)
		}
	}
	return out
}

// Empty reports whether none of the four steps has anything yet.
func (b Board) Empty() bool {
	return len(b.Wat.Items) == 0 && len(b.Waar.Items) == 0 && len(b.Hoe.Items) == 0 && len(b.Organiseren.Items) == 0
}

// HintCount is the number of hints on the whole board, for the summary above it.
func (b Board) HintCount() int {
	n := len(b.Hints) + len(b.Wat.Hints) + len(b.Waar.Hints) + len(b.Hoe.Hints) + len(b.Organiseren.Hints)
	for _, p := range b.Wat.Items {
		n += len(p.Hints)
	}
	for _, t := range b.Waar.Items {
		n += len(t.Hints)
	}
	for _, f := range b.Hoe.Items {
		n += len(f.Hints)
	}
	for _, a := range b.Organiseren.Items {
		n += len(a.Hints)
	}
	return n
}

// found is what the lookup said about one page.
type found struct {
	page   *wiki.Page
	exists bool
}

// pages asks the lookup once per page and remembers which named pages are missing.
type pages struct {
	lookup  Lookup
	found   map[wiki.Ref]found
	noted   map[wiki.Ref]bool
	missing []Link
	team    wiki.Slug // the casus's team, to tell its own frames from other teams'
}

// get returns the page's link and parsed page. page is nil when the page is missing or
// broken: it exists but has errors, so its front matter cannot be trusted.
func (p *pages) get(r wiki.Ref) (l Link, page *wiki.Page, broken bool) {
	f, ok := p.found[r]
	if !ok {
		f.page, f.exists = p.lookup(r)
		p.found[r] = f
	}
	l = Link{Ref: r, Title: string(r.Slug), Exists: f.exists}
	if !f.exists {
		return l, nil, false
	}
	if t := titleOf(f.page); t != "" {
		l.Title = t
	}
	if f.page == nil || f.page.Problems().HasErrors() {
		return l, nil, true
	}
	return l, f.page, false
}

// note is get for a page the board names: a missing one is listed in Board.Missing.
func (p *pages) note(r wiki.Ref) Link {
	l, _, _ := p.get(r)
	if !l.Exists && !p.noted[r] {
		p.noted[r] = true
		p.missing = append(p.missing, l)
	}
	return l
}

func (p *pages) portrait(slug wiki.Slug) Portrait {
	r := wiki.Ref{Kind: wiki.Portrait, Slug: slug}
	p.note(r)
	l, page, broken := p.get(r)
	it := Portrait{Link: l, Anchor: "bord-portret-" + string(slug), Broken: broken}
	if page == nil {
		return it
	}
	m, ok := page.Meta.(*portraits.Meta)
	if !ok {
		it.Broken = true
		return it
	}
	it.Subject, it.Status, it.Recognized = m.Subject, m.Status, m.Recognized
	it.Punctum, it.Horizon = strings.TrimSpace(m.Punctum), strings.TrimSpace(m.Horizon)
	it.Hints = hintsOf(page)
	return it
}

func (p *pages) theme(t cases.Theme, n int) Theme {
	r := wiki.Ref{Kind: wiki.Theme, Slug: t.Slug}
	p.note(r)
	l, page, broken := p.get(r)
	it := Theme{Link: l, Label: "T" + strconv.Itoa(n), Anchor: "bord-thema-" + string(t.Slug), Tone: tone(n),
		Broken: broken, Why: strings.TrimSpace(t.Why)}
	if page != nil {
		if _, ok := page.Meta.(*themes.Meta); !ok {
			it.Broken = true
		}
	}
	// The abstract list is checked here and not taken from the theme page's hints: a chosen
	// theme nobody wrote a page for is just as abstract, and the alternatives become links.
	w, abstract := themes.Abstract(l.Title)
	if !abstract {
		w, abstract = themes.Abstract(string(t.Slug))
	}
	if abstract {
		it.Hints = append(it.Hints, Hint{Code: abstractCode, Message: w.Hint(l.Title), From: r, Field: "title"})
		for _, alt := range w.Alternatives {
			al, _, _ := p.get(wiki.Ref{Kind: wiki.Theme, Slug: alt})
			it.Alternatives = append(it.Alternatives, al)
		}
	}
	return it
}

// frame returns the frame's item and, when its page can be read, its front matter.
func (p *pages) frame(slug wiki.Slug, n int) (Frame, *frames.Meta) {
	r := wiki.Ref{Kind: wiki.Frame, Slug: slug}
	p.note(r)
	l, page, broken := p.get(r)
	it := Frame{Link: l, Label: "F" + strconv.Itoa(n), Anchor: "bord-frame-" + string(slug), Tone: tone(n), Broken: broken}
	if page == nil {
		return it, nil
	}
	m, ok := page.Meta.(*frames.Meta)
	if !ok {
		it.Broken = true
		return it, nil
	}
	it.Status, it.Reason = m.Status, strings.TrimSpace(m.Reason)
	it.Shared, it.Own = m.Visibility == "gedeeld", m.Team == p.team
	it.Hints = hintsOf(page)
	return it, m
}

func tieTo(step Step, l Link, label, anchor string, tone int) Tie {
	return Tie{Link: l, Step: step, Label: label, Anchor: anchor, Tone: tone, OnBoard: true}
}

// tone gives the n-th item of a column (1-based) its colour slot, 1 to Tones.
func tone(n int) int { return (n-1)%Tones + 1 }

func titleOf(p *wiki.Page) string {
	if p == nil || p.Meta == nil {
		return ""
	}
	return strings.TrimSpace(p.Title())
}

// hintsOf turns the method hints Parse found in a page into board hints.
func hintsOf(p *wiki.Page) []Hint {
	var out []Hint
	for _, h := range p.Problems().Hints() {
		out = append(out, Hint{Code: h.Code, Message: h.Message, From: p.Ref, Field: h.Field, Line: h.Line})
	}
	return out
}

// splitField reads "actions[2].what" as ("actions", 2, true) and "themes" as ("themes", 0, false).
func splitField(field string) (name string, i int, indexed bool) {
	name, rest, ok := strings.Cut(field, "[")
	if !ok {
		name, _, _ = strings.Cut(field, ".")
		return name, 0, false
	}
	num, _, ok := strings.Cut(rest, "]")
	n, err := strconv.Atoi(num)
	if !ok || err != nil {
		return name, 0, false
	}
	return name, n, true
}

// String is a short description for test failures and logs: "T1 Schaamte".
func (t Tie) String() string {
	if t.Label == "" {
		return fmt.Sprintf("(%s)", t.Title)
	}
	return t.Label + " " + t.Title
}
