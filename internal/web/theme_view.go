package web

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/graph"
	"github.com/leefwereld/leefwereld/internal/links"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
	"github.com/leefwereld/leefwereld/themes"
)

// themeView is what a theme page shows besides its text: the team's research of the theme,
// its relations (drawn and listed), the portrait sentences that are its evidence, and the
// frames that used it.
type themeView struct {
	Intro     string // the template's reminder: inspiration, not completeness
	Research  []researchGroup
	Empty     int // angles nobody wrote anything under yet
	Relations []relationGroup
	Graph     template.HTML // "" when the theme has no relations
	GraphLeft int           // related themes the drawing leaves out; the list has them all
	Legend    []legendItem
	Evidence
	Slug    wiki.Slug
	AllURL  string // the page with every portrait, frame and page (no cap)
	EditURL string // the editor; "" for a reader who may not change the theme (pageView.hideEditing)
	rest    []byte // the text outside the research sections, rendered as the page's text
}

// researchGroup is one part of the research: the sides, the dynamics, the sources.
type researchGroup struct {
	Heading  string
	Question string
	Chosen   []string // for the sides: the aspects ticked in the front matter
	Open     []string // … and those not ticked
	Text     template.HTML
	Angles   []angleItem
}

// angleItem is one angle under a group: its text, or the invitation to write some.
type angleItem struct {
	Heading    string
	Text       template.HTML
	Words      []string // for synonyms: the front matter's list
	Invitation string
}

// relationGroup is one kind of relation as this theme sees it ("Wordt sterker door").
type relationGroup struct {
	How      string
	Incoming bool // named by the other themes (a directed relation read from its far end)
	Phrase   string
	Items    []relationItem
}

type relationItem struct {
	sideItem
	Notes    []string
	Sentence string // the relation in full, for the drawing's tooltip
}

// legendItem says in words what a kind of line in the drawing means.
type legendItem struct {
	Swatch template.HTML
	Text   string
}

// edgeStyles draw the relation types apart by dash pattern and width as well as colour (each
// colour has at least 3:1 contrast on white), so the drawing also reads in grey on paper.
var edgeStyles = map[string]graph.Style{
	"hoort-bij":    {Color: "#4a5560", Width: 2},
	"versterkt":    {Color: "#1e6b3a", Width: 3, Arrow: true},
	"verzwakt":     {Color: "#a1261d", Width: 2.5, Dash: "8 5", Arrow: true},
	"spanning":     {Color: "#8a5a00", Width: 3, Dash: "1 6"},
	"behoefte":     {Color: "#2f4f9f", Width: 2.5, Dash: "12 4 2 4", Arrow: true},
	"gaat-over-in": {Color: "#6b3fa0", Width: 2.5, Dash: "14 6", Arrow: true},
}

// legendTexts describe each line in words.
var legendTexts = map[string]string{
	"hoort-bij":    "Hoort bij: een dunne grijze lijn.",
	"versterkt":    "Maakt sterker: een dikke groene lijn. De pijl wijst naar het thema dat sterker wordt.",
	"verzwakt":     "Maakt zwakker: een rode lijn van streepjes. De pijl wijst naar het thema dat zwakker wordt.",
	"spanning":     "Staat op gespannen voet met: een bruine lijn van puntjes, zonder pijl.",
	"behoefte":     "Vraagt om: een blauwe lijn van streepjes en puntjes. De pijl wijst naar wat nodig is.",
	"gaat-over-in": "Kan overgaan in: een paarse lijn van lange streepjes. De pijl wijst naar waar het in overgaat.",
}

// maxGraphNodes keeps the drawing readable; the list below it names every related theme.
const maxGraphNodes = 16

// themeView builds the theme parts of a theme page. limit caps the portraits, frames and other
// pages listed (0: all).
func (s *Server) themeView(r reader, ref wiki.Ref, m *themes.Meta, body []byte, limit int) (*themeView, error) {
	v := &themeView{Slug: ref.Slug, EditURL: ref.URL() + "/bewerken", AllURL: ref.URL() + "?alle=1"}
	res := themes.ParseResearch(body)
	v.rest = res.Rest
	if err := s.research(v, m, res); err != nil {
		return nil, err
	}
	v.Evidence = collectEvidence(s.links, ref, r, limit)
	title := s.links.Title(ref)
	ties := themes.Ties(ref.Slug, m.Related, v.Incoming)
	v.Relations = s.relationGroups(title, ties)
	v.Graph, v.GraphLeft, v.Legend = relationGraph(title, v.Relations)
	return v, nil
}

// research fills the research panel: each angle's text rendered, or its invitation.
func (s *Server) research(v *themeView, m *themes.Meta, res themes.Research) error {
	v.Intro = themeIntro()
	render := func(key string) (template.HTML, error) {
		if !res.Filled(key) {
			return "", nil
		}
		doc, err := s.renderBody(res.Text(key))
		return doc.HTML, err
	}
	group := func(a *themes.Angle, sub []*themes.Angle) (researchGroup, error) {
		g := researchGroup{Heading: a.Heading, Question: a.Question}
		var err error
		if g.Text, err = render(a.Key); err != nil {
			return g, err
		}
		for _, sa := range sub {
			it := angleItem{Heading: sa.Heading}
			if it.Text, err = render(sa.Key); err != nil {
				return g, err
			}
			if sa.Key == "synoniemen" {
				it.Words = m.Synonyms
			}
			if it.Text == "" && len(it.Words) == 0 {
				it.Invitation = sa.Invitation()
				v.Empty++
			}
			g.Angles = append(g.Angles, it)
		}
		return g, nil
	}
	sides, err := group(themes.AspectsAngle, nil)
	if err != nil {
		return err
	}
	chosen := map[string]bool{}
	for _, a := range m.Aspects {
		chosen[string(a)] = true
	}
	for _, a := range themes.Aspects {
		if chosen[a] {
			sides.Chosen = append(sides.Chosen, a)
		} else {
			sides.Open = append(sides.Open, a)
		}
	}
	if len(sides.Chosen) == 0 && sides.Text == "" {
		v.Empty++
	}
	dyn, err := group(themes.DynamicsAngle, themes.Dynamics)
	if err != nil {
		return err
	}
	src, err := group(themes.SourcesAngle, themes.Sources)
	if err != nil {
		return err
	}
	v.Research = []researchGroup{sides, dyn, src}
	return nil
}

// themeIntro is the template's first line, the method's warning against completeness.
func themeIntro() string {
	if p := promptsFor(wiki.Theme); p != nil {
		return p.Intro
	}
	return ""
}

// relationGroups sorts the ties into groups in the order of themes.Hows: the relations this
// theme names first, then those other themes name to it; symmetric ones in one group.
func (s *Server) relationGroups(title string, ties []themes.Tie) []relationGroup {
	type key struct {
		how      string
		incoming bool
	}
	byKey := map[key]*relationGroup{}
	var keys []key
	for _, t := range ties {
		k := key{string(t.How), t.Incoming && !t.How.Symmetric()}
		g := byKey[k]
		if g == nil {
			g = &relationGroup{How: k.how, Incoming: k.incoming, Phrase: t.Phrase()}
			byKey[k] = g
			keys = append(keys, k)
		}
		other := wiki.Ref{Kind: wiki.Theme, Slug: t.Other}
		it := relationItem{sideItem: s.link(other, ""), Notes: t.Notes}
		it.Sentence = t.Sentence(title, it.Label)
		g.Items = append(g.Items, it)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(slices.Index(themes.Hows, a.how), slices.Index(themes.Hows, b.how)), boolCmp(a.incoming, b.incoming))
	})
	out := make([]relationGroup, 0, len(keys))
	for _, k := range keys {
		g := byKey[k]
		slices.SortStableFunc(g.Items, func(a, b relationItem) int {
			return strings.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label))
		})
		out = append(out, *g)
	}
	return out
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// relationGraph draws the groups around the theme: one node per related theme, one line per
// relation. It returns the drawing, how many themes it left out, and the legend of the line
// kinds it uses.
func relationGraph(title string, groups []relationGroup) (template.HTML, int, []legendItem) {
	star := graph.Star{ID: "verband", Centre: graph.Node{Label: title}, Styles: edgeStyles, Order: themes.Hows}
	index := map[string]int{}
	used := map[string]bool{}
	left := map[string]bool{}
	for _, g := range groups {
		for _, it := range g.Items {
			i, ok := index[it.URL]
			if !ok {
				if len(star.Nodes) == maxGraphNodes {
					left[it.URL] = true
					continue
				}
				i = len(star.Nodes)
				index[it.URL] = i
				star.Nodes = append(star.Nodes, graph.Node{Label: it.Label, URL: it.URL, Missing: !it.Exists})
			}
			n := &star.Nodes[i]
			word := strings.ToLower(g.Phrase)
			if g.How == "spanning" {
				word = "spanning" // short for "staat op gespannen voet met", so the box stays small
			}
			n.Sub = joinNonEmpty(" · ", n.Sub, word)
			star.Edges = append(star.Edges, graph.Edge{To: i, Kind: g.How, Inward: g.Incoming, Tooltip: it.Sentence})
			used[g.How] = true
		}
	}
	if len(star.Nodes) == 0 {
		return "", 0, nil
	}
	star.Title = "Verwante thema's van " + title
	star.Desc = fmt.Sprintf("%s staat in het midden. Eromheen %s, met een lijn voor elk verband. De lijst hieronder zegt hetzelfde in woorden.",
		title, countNoun(len(star.Nodes), "verwant thema", "verwante thema's"))
	var legend []legendItem
	for _, h := range themes.Hows {
		if used[h] {
			legend = append(legend, legendItem{Swatch: template.HTML(graph.Swatch(edgeStyles[h])), Text: legendTexts[h]}) //nolint:gosec // built by graph from our own constants
		}
	}
	return template.HTML(star.SVG()), len(left), legend //nolint:gosec // graph escapes every text it writes
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Evidence is what other pages say about a theme, as far as the reader may see it.
type Evidence struct {
	Cases       []caseEvidence // per casus by title; portraits without a casus last
	Portraits   int            // portraits that link to the theme
	Shown       int            // of which listed (the cap)
	Frames      []frameUse     // inspiration: frames that rest on the theme
	FramesTotal int
	Others      []backlinkGroup // other pages that name it (themes in their text, teams …)
	OthersTotal int
	Incoming    []themes.Incoming // relations other themes name to this one
}

// caseEvidence is one casus with the portrait sentences that link to the theme.
type caseEvidence struct {
	sideItem
	Chosen    bool     // the casus chose the theme
	Why       string   // … and why
	Sentences []string // sentences in the casus's own text that link here
	Portraits []portraitEvidence
}

type portraitEvidence struct {
	URL, Title string
	Sentences  []string
}

// frameUse is a frame that rests on the theme.
type frameUse struct {
	sideItem
	Team      sideItem
	Status    string
	Shared    bool
	Others    []sideItem // the other themes it rests on
	Sentences []string   // what its text says about the theme
}

// collectEvidence sorts the pages that link to a theme: portraits grouped by the casussen in
// their front matter, the casussen that chose the theme with their why, the frames that rest
// on it, the relations other themes name, and the rest. Only pages the reader may see count.
// limit caps each list (0: all), so a theme named by thousands of portraits stays fast.
func collectEvidence(x *links.Index, ref wiki.Ref, r reader, limit int) Evidence {
	var ev Evidence
	caseGroups := map[wiki.Slug]*caseEvidence{}
	var loose caseEvidence // portraits without a casus the reader may see
	group := func(slug wiki.Slug) *caseEvidence {
		if g := caseGroups[slug]; g != nil {
			return g
		}
		cr := wiki.Ref{Kind: wiki.Case, Slug: slug}
		g := &caseEvidence{sideItem: sideItem{Label: x.Title(cr), URL: cr.URL(), Exists: x.Exists(cr)}}
		caseGroups[slug] = g
		return g
	}
	visible := map[wiki.Ref]bool{}
	may := func(from wiki.Ref) (links.PageInfo, bool) {
		p, ok := x.Page(from)
		if !ok {
			return p, false
		}
		seen, known := visible[from]
		if !known {
			seen = r.mayRead(p)
			visible[from] = seen
		}
		return p, seen
	}
	within := func(n int) bool { return limit == 0 || n <= limit }
	var lastPortrait, lastFrame, lastOther wiki.Ref
	var groups []*caseEvidence // where the current portrait's sentences go
	var frame *frameUse        // the frame being listed, for its sentences
	var other *backlinkGroup
	for _, b := range x.Backlinks(ref) {
		p, ok := may(b.From)
		if !ok {
			continue
		}
		switch {
		case b.From.Kind == wiki.Portrait && b.Field == "":
			if b.From != lastPortrait {
				lastPortrait, groups = b.From, nil
				ev.Portraits++
				if within(ev.Portraits) {
					ev.Shown++
					groups = portraitGroups(x, p, may, group, &loose)
					for _, g := range groups {
						g.Portraits = append(g.Portraits, portraitEvidence{URL: b.From.URL(), Title: b.FromTitle})
					}
				}
			}
			for _, g := range groups {
				last := &g.Portraits[len(g.Portraits)-1]
				last.Sentences = append(last.Sentences, b.Sentence)
			}
		case b.From.Kind == wiki.Case:
			g := group(b.From.Slug)
			if b.Field != "" {
				g.Chosen, g.Why = true, b.Sentence
			} else {
				g.Sentences = append(g.Sentences, b.Sentence)
			}
		case b.From.Kind == wiki.Frame && strings.HasPrefix(b.Field, "themes["):
			if b.From == lastFrame {
				continue
			}
			lastFrame, frame = b.From, nil
			ev.FramesTotal++
			if within(ev.FramesTotal) {
				ev.Frames = append(ev.Frames, frameFor(x, p, ref))
				frame = &ev.Frames[len(ev.Frames)-1]
			}
		case b.From == lastFrame && b.Field == "":
			// The frame's own text about the theme; typed links come first, so it is listed.
			if frame != nil {
				frame.Sentences = append(frame.Sentences, b.Sentence)
			}
		case b.From.Kind == wiki.Theme && strings.HasPrefix(b.Field, "related["):
			if m, ok := p.Meta.(*themes.Meta); ok {
				for _, rel := range m.Related {
					if rel.Slug == ref.Slug {
						ev.Incoming = append(ev.Incoming, themes.Incoming{From: b.From.Slug, Relation: rel})
					}
				}
			}
		default:
			if b.From != lastOther {
				lastOther, other = b.From, nil
				ev.OthersTotal++
				if within(ev.OthersTotal) {
					ev.Others = append(ev.Others, backlinkGroup{URL: b.From.URL(), Title: b.FromTitle, Kind: b.From.Kind})
					other = &ev.Others[len(ev.Others)-1]
				}
			}
			if other != nil {
				other.Items = append(other.Items, backlinkItem{Field: fieldLabel(b.Field), Sentence: b.Sentence})
			}
		}
	}
	for _, g := range caseGroups {
		ev.Cases = append(ev.Cases, *g)
	}
	slices.SortFunc(ev.Cases, func(a, b caseEvidence) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)), cmp.Compare(a.URL, b.URL))
	})
	if len(loose.Portraits) > 0 {
		loose.Label = "Portretten zonder casus"
		ev.Cases = append(ev.Cases, loose)
	}
	return ev
}

// portraitGroups are the groups a portrait's evidence goes in: each casus of its front matter
// that the reader may see (or that does not exist yet), else the group without a casus.
func portraitGroups(x *links.Index, p links.PageInfo, may func(wiki.Ref) (links.PageInfo, bool),
	group func(wiki.Slug) *caseEvidence, loose *caseEvidence) []*caseEvidence {
	var out []*caseEvidence
	if m, ok := p.Meta.(*portraits.Meta); ok {
		for _, c := range m.Cases {
			cr := wiki.Ref{Kind: wiki.Case, Slug: c}
			if _, ok := may(cr); ok || !x.Exists(cr) {
				if g := group(c); !slices.Contains(out, g) {
					out = append(out, g)
				}
			}
		}
	}
	if len(out) == 0 {
		out = append(out, loose)
	}
	return out
}

// frameFor describes a frame for the inspiration list.
func frameFor(x *links.Index, p links.PageInfo, theme wiki.Ref) frameUse {
	f := frameUse{sideItem: sideItem{Label: p.Title, URL: p.Ref.URL(), Exists: true}}
	m, ok := p.Meta.(*frames.Meta)
	if !ok {
		return f
	}
	if m.Team != "" {
		tr := wiki.Ref{Kind: wiki.Team, Slug: m.Team}
		f.Team = sideItem{Label: x.Title(tr), URL: tr.URL(), Exists: x.Exists(tr)}
	}
	f.Status = string(m.Status)
	f.Shared = m.Visibility == "gedeeld"
	for _, t := range m.Themes {
		if t != theme.Slug {
			tr := wiki.Ref{Kind: wiki.Theme, Slug: t}
			f.Others = append(f.Others, sideItem{Label: x.Title(tr), URL: tr.URL(), Exists: x.Exists(tr)})
		}
	}
	return f
}

// themeMeta is a theme page's front matter, when the page is a theme that reads without
// errors; a page with errors shows only its text.
func themeMeta(page *wiki.Page, probs wiki.Problems) (*themes.Meta, bool) {
	if page == nil || probs.HasErrors() {
		return nil, false
	}
	m, ok := page.Meta.(*themes.Meta)
	return m, ok
}
