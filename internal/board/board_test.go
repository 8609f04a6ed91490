package board_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/board"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// files is a small workspace: repository path → file text. Every file is parsed the way the
// product parses it; a path with "" as text is a page that exists but cannot be read.
type files map[string]string

// build parses the files and builds the board of the one casus among them. It fails the test
// when the board asks for a page twice.
func build(t *testing.T, fs files) board.Board {
	t.Helper()
	var casus *wiki.Page
	parsed := map[wiki.Ref]*wiki.Page{}
	for path, text := range fs {
		ref, err := wiki.RefFromPath(path)
		if err != nil {
			t.Fatal(err)
		}
		page, probs := workspace.Parse(path, []byte(text))
		if ref.Kind == wiki.Case {
			if page == nil || probs.HasErrors() {
				t.Fatalf("casus does not parse: %v", probs)
			}
			casus = page
		}
		parsed[ref] = page
	}
	if casus == nil {
		t.Fatal("no casus among the files")
	}
	asked := map[wiki.Ref]int{}
	b := board.Build(casus, func(r wiki.Ref) (*wiki.Page, bool) {
		if asked[r]++; asked[r] > 1 {
			t.Errorf("lookup asked twice for %s", r)
		}
		p, ok := parsed[r]
		return p, ok
	})
	return b
}

// Pages used by several tests. The library's pages are written out here so a test shows all
// it depends on.
const (
	schaamte   = "---\ntitle: Schaamte\n---\nTekst.\n"
	erbijHoren = "---\ntitle: Erbij horen\n---\nTekst.\n"
	spanning   = "---\ntitle: Spanning\n---\nTekst.\n"
	betrokken  = "---\ntitle: Betrokkenheid\n---\nTekst.\n"
	noorSelf   = `---
title: Noor, 12 jaar
team: ons-team
subject: jongere
status: herkend
recognized: {by: Noor, on: 2026-11-02, remarks: "Ja, dat ben ik"}
punctum: Ze tekent paarden in de kantlijn.
horizon: vriendinnen op het plein
---
Tekst.
`
	lucht = `---
title: Meer lucht thuis
team: ons-team
themes: [spanning, rust]
combines: [erbij-horen-zonder-bewijzen, meer-lucht-thuis]
status: gekozen
---
Tekst.
`
	erbijFrame = `---
title: Erbij horen zonder iets te bewijzen
team: ons-team
themes: [erbij-horen, schaamte, erbij-horen]
status: losgelaten
---
Tekst.
`
	noorCase = `---
title: Noor (groep 8)
team: ons-team
portraits: [noor, vader-van-noor, noor]
themes:
  - {slug: schaamte, why: Noor zegt niets in de klas}
  - {slug: erbij-horen, why: Ze wil bij de meiden op het plein horen}
  - spanning
  - sociale-cohesie
frames: [meer-lucht-thuis, erbij-horen-zonder-bewijzen, nog-geen-pagina, meer-lucht-thuis]
actions:
  - {what: Huiswerkplek op school, who: mentor, where: school, when: 2027-02-01, frame: meer-lucht-thuis, status: bezig}
  - {what: Kijken bij de hockeyclub, who: moeder, where: vrije tijd, frame: erbij-horen-zonder-bewijzen}
  - {what: Gesprek over geldzorgen, where: hulp, frame: ander-frame}
  - {what: Vaker even bellen}
---
Tekst.
`
)

func noor() files {
	return files{
		"cases/noor.md": noorCase, "portraits/noor.md": noorSelf,
		"themes/schaamte.md": schaamte, "themes/erbij-horen.md": erbijHoren, "themes/spanning.md": spanning,
		"themes/betrokkenheid.md":    betrokken,
		"frames/meer-lucht-thuis.md": lucht, "frames/erbij-horen-zonder-bewijzen.md": erbijFrame,
	}
}

func ties(ts []board.Tie) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.String()
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// digest writes the board as lines of text, one per item, with every tie: what a reader of
// the board should be able to see.
func digest(b board.Board) []string {
	var out []string
	for _, p := range b.Wat.Items {
		line := fmt.Sprintf("wat %s %q exists=%v status=%s", p.Anchor, p.Title, p.Exists, p.Status)
		if p.Broken {
			line += " broken"
		}
		if r := p.Recognized; r != nil {
			line += fmt.Sprintf(" herkend-door=%s op=%s", r.By, r.On)
		}
		if p.Punctum != "" {
			line += fmt.Sprintf(" punctum=%q", p.Punctum)
		}
		out = append(out, line)
	}
	for _, t := range b.Waar.Items {
		out = append(out, fmt.Sprintf("waar %s %s %q exists=%v why=%q feeds=%s tone=%d", t.Label, t.Anchor, t.Title, t.Exists, t.Why, ties(t.Feeds), t.Tone))
	}
	for _, f := range b.Hoe.Items {
		out = append(out, fmt.Sprintf("hoe %s %s %q status=%s rests=%s combines=%s actions=%s", f.Label, f.Anchor, f.Title, f.Status,
			ties(f.RestsOn), ties(f.Combines), ties(f.Actions)))
	}
	for _, a := range b.Organiseren.Items {
		fr := "-"
		if a.Frame != nil {
			fr = a.Frame.String()
		}
		out = append(out, fmt.Sprintf("org %s %s %q who=%s where=%s when=%s status=%s frame=%s", a.Label, a.Anchor, a.What, a.Who, a.Where, a.When, a.Status, fr))
	}
	for _, m := range b.Missing {
		out = append(out, "missing "+m.Ref.String())
	}
	return out
}

func TestBoardTies(t *testing.T) {
	b := build(t, noor())
	want := []string{
		`wat bord-portret-noor "Noor, 12 jaar" exists=true status=herkend herkend-door=Noor op=2026-11-02 punctum="Ze tekent paarden in de kantlijn."`,
		`wat bord-portret-vader-van-noor "vader-van-noor" exists=false status=`,
		`waar T1 bord-thema-schaamte "Schaamte" exists=true why="Noor zegt niets in de klas" feeds=[F2 Erbij horen zonder iets te bewijzen] tone=1`,
		`waar T2 bord-thema-erbij-horen "Erbij horen" exists=true why="Ze wil bij de meiden op het plein horen" feeds=[F2 Erbij horen zonder iets te bewijzen] tone=2`,
		`waar T3 bord-thema-spanning "Spanning" exists=true why="" feeds=[F1 Meer lucht thuis] tone=3`,
		`waar T4 bord-thema-sociale-cohesie "sociale-cohesie" exists=false why="" feeds=[] tone=4`,
		`hoe F1 bord-frame-meer-lucht-thuis "Meer lucht thuis" status=gekozen rests=[T3 Spanning, (rust)] combines=[F2 Erbij horen zonder iets te bewijzen] actions=[A1 Huiswerkplek op school]`,
		`hoe F2 bord-frame-erbij-horen-zonder-bewijzen "Erbij horen zonder iets te bewijzen" status=losgelaten rests=[T2 Erbij horen, T1 Schaamte] combines=[] actions=[A2 Kijken bij de hockeyclub]`,
		`hoe F3 bord-frame-nog-geen-pagina "nog-geen-pagina" status= rests=[] combines=[] actions=[]`,
		`org A1 bord-actie-1 "Huiswerkplek op school" who=mentor where=school when=2027-02-01 status=bezig frame=F1 Meer lucht thuis`,
		`org A2 bord-actie-2 "Kijken bij de hockeyclub" who=moeder where=vrije tijd when= status=gepland frame=F2 Erbij horen zonder iets te bewijzen`,
		`org A3 bord-actie-3 "Gesprek over geldzorgen" who= where=hulp when= status=gepland frame=(ander-frame)`,
		`org A4 bord-actie-4 "Vaker even bellen" who= where= when= status=gepland frame=-`,
		"missing portraits/vader-van-noor",
		"missing themes/sociale-cohesie",
		"missing themes/rust",
		"missing frames/nog-geen-pagina",
		"missing frames/ander-frame",
	}
	if got := digest(b); !slices.Equal(got, want) {
		t.Errorf("board:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Both ends of a tie carry the same badge and point at each other.
	f1, t3, a1 := b.Hoe.Items[0], b.Waar.Items[2], b.Organiseren.Items[0]
	if r := f1.RestsOn[0]; !r.OnBoard || r.Anchor != t3.Anchor || r.Tone != t3.Tone || r.Ref != t3.Ref {
		t.Errorf("F1 rests on %+v, want the badge of T3 %+v", r, t3)
	}
	if r := f1.RestsOn[1]; r.OnBoard || r.Label != "" || r.Anchor != "" || r.Exists || r.Ref != (wiki.Ref{Kind: wiki.Theme, Slug: "rust"}) {
		t.Errorf("F1's theme rust is not a chosen theme, so it is not on the board: %+v", r)
	}
	if f := t3.Feeds[0]; f.Anchor != f1.Anchor || f.Tone != f1.Tone || f.Ref != f1.Ref {
		t.Errorf("T3 feeds %+v, want F1's badge", f)
	}
	if a := f1.Actions[0]; a.Anchor != a1.Anchor || a.Tone != a1.Tone || !a.OnBoard {
		t.Errorf("F1's action %+v, want A1's badge", a)
	}
	if f := a1.Frame; f.Anchor != f1.Anchor || f.Tone != f1.Tone || f.Ref != f1.Ref || !f.OnBoard {
		t.Errorf("A1's frame %+v, want F1's badge", f)
	}
	if f1.RestsOn[0].Step != board.Waar || f1.RestsOn[1].Step != board.Waar || t3.Feeds[0].Step != board.Hoe ||
		f1.Actions[0].Step != board.Organiseren || a1.Frame.Step != board.Hoe || f1.Combines[0].Step != board.Hoe {
		t.Error("a tie does not say which column its far end is in")
	}
	if f := b.Organiseren.Items[2].Frame; f.OnBoard || f.Anchor != "" || f.Exists {
		t.Errorf("A3 serves a frame that is not on this casus: %+v", f)
	}
	if b.Empty() {
		t.Error("a full board reports itself empty")
	}
	for i, s := range board.Steps {
		if s.Number() != i+1 || b.Wat.Step != board.Wat || b.Organiseren.Step != board.Organiseren {
			t.Errorf("step %d: %v", i, s)
		}
	}
}

func TestStepQuestions(t *testing.T) {
	for _, tc := range []struct {
		step                   board.Step
		name, question, anchor string
	}{
		{board.Wat, "Wat", "Wat is er aan de hand?", "bord-wat"},
		{board.Waar, "Waar", "Waar gaat dat over?", "bord-waar"},
		{board.Hoe, "Hoe", "Hoe gaan we daar mee om?", "bord-hoe"},
		{board.Organiseren, "Organiseren", "Hoe organiseren we dat?", "bord-organiseren"},
	} {
		if tc.step.Name() != tc.name || tc.step.Question() != tc.question || tc.step.Anchor() != tc.anchor {
			t.Errorf("step %d: %q %q %q", tc.step, tc.step.Name(), tc.step.Question(), tc.step.Anchor())
		}
	}
}

// Tones cycle, so the seventh theme looks like the first; its label still tells them apart.
func TestTonesCycle(t *testing.T) {
	fs := files{}
	var slugs []string
	for i := range board.Tones + 1 {
		s := fmt.Sprintf("thema-%d", i+1)
		slugs = append(slugs, s)
		fs["themes/"+s+".md"] = fmt.Sprintf("---\ntitle: Thema %d\n---\n", i+1)
	}
	fs["cases/c.md"] = "---\ntitle: C\nteam: t\nthemes: [" + strings.Join(slugs, ", ") + "]\n---\n"
	b := build(t, fs)
	for i, th := range b.Waar.Items {
		if want := i%board.Tones + 1; th.Tone != want || th.Label != fmt.Sprintf("T%d", i+1) {
			t.Errorf("theme %d: tone %d label %s, want tone %d", i, th.Tone, th.Label, want)
		}
	}
}

// place says where on the board a hint is shown: "bord", a column ("waar"), or an item
// ("T2", "F1", "A3", "portret-sam").
func places(b board.Board) []string {
	var out []string
	add := func(where string, hs []board.Hint) {
		for _, h := range hs {
			if h.Message == "" || h.From.IsZero() {
				out = append(out, where+" "+h.Code+" (without message or page)")
				continue
			}
			out = append(out, where+" "+h.Code)
		}
	}
	add("bord", b.Hints)
	add("wat", b.Wat.Hints)
	for _, p := range b.Wat.Items {
		add(strings.TrimPrefix(p.Anchor, "bord-"), p.Hints)
	}
	add("waar", b.Waar.Hints)
	for _, th := range b.Waar.Items {
		add(th.Label, th.Hints)
	}
	add("hoe", b.Hoe.Hints)
	for _, f := range b.Hoe.Items {
		add(f.Label, f.Hints)
	}
	add("organiseren", b.Organiseren.Hints)
	for _, a := range b.Organiseren.Items {
		add(a.Label, a.Hints)
	}
	return out
}

// Every hint the method gives on a casus board lands in the column, or on the item, it is about.
func TestBoardHints(t *testing.T) {
	three := "themes: [schaamte, erbij-horen, spanning]\n"
	base := files{"themes/schaamte.md": schaamte, "themes/erbij-horen.md": erbijHoren, "themes/spanning.md": spanning,
		"themes/betrokkenheid.md": betrokken}
	for _, tc := range []struct {
		name  string
		front string // the casus's front matter after title and team
		more  files
		want  []string
	}{
		{"nothing to say", "portraits: [sam]\n" + three,
			files{"portraits/sam.md": "---\ntitle: Sam\nteam: t\nstatus: herkend\nrecognized: {by: Sam}\n---\n"}, nil},
		{"empty casus", "", nil, nil},
		{"too few themes", "themes: [schaamte]\n", nil, []string{"waar case.few-themes"}},
		{"too many themes", "themes: [a, b, c, d, e, f, g, h, i, j, k]\n", nil, []string{"waar case.many-themes"}},
		{"actions too soon", "actions: [{what: Bijles regelen, frame: f}]\nframes: [f]\n",
			files{"frames/f.md": "---\ntitle: F\nteam: t\nthemes: [x]\n---\n"}, []string{"organiseren case.actions-too-soon"}},
		{"action without frame", "portraits: [sam]\n" + three + "actions: [{what: Bellen}]\n",
			files{"portraits/sam.md": "---\ntitle: Sam\nteam: t\nstatus: herkend\nrecognized: {by: Sam}\n---\n"},
			[]string{"A1 case.action-no-frame"}},
		{"action for a frame of another casus", "portraits: [sam]\n" + three + "actions: [{what: Bellen}, {what: Judo, frame: elders}]\n",
			files{"portraits/sam.md": "---\ntitle: Sam\nteam: t\nstatus: herkend\nrecognized: {by: Sam}\n---\n"},
			[]string{"A1 case.action-no-frame", "A2 case.action-frame-elsewhere"}},
		{"closed without date", "status: afgerond\n", nil, []string{"bord case.closed-date"}},
		{"portrait not recognised", "portraits: [sam, sam]\n",
			files{"portraits/sam.md": "---\ntitle: Sam\nteam: t\nstatus: besproken\n---\n"}, []string{"portret-sam portrait.not-recognized"}},
		{"portrait recognised without who", "portraits: [sam]\n",
			files{"portraits/sam.md": "---\ntitle: Sam\nteam: t\nstatus: herkend\n---\n"}, []string{"portret-sam portrait.recognized-missing"}},
		{"frame without themes", three + "frames: [leeg]\n",
			files{"frames/leeg.md": "---\ntitle: Leeg\nteam: t\n---\n"}, []string{"F1 frame.no-themes"}},
		{"frame let go without reason", three + "frames: [weg, weg-met-reden]\n",
			files{"frames/weg.md": "---\ntitle: Weg\nteam: t\nthemes: [spanning]\nstatus: losgelaten\n---\n",
				"frames/weg-met-reden.md": "---\ntitle: Weg\nteam: t\nthemes: [spanning]\nstatus: losgelaten\nreason: Past niet bij Sam\n---\n"},
			[]string{"F1 frame.no-reason"}},
		// The casus flags an abstract slug itself; the board then shows that hint once.
		{"frame that names a means", three + "frames: [huiswerk]\n",
			files{"frames/huiswerk.md": "---\ntitle: Huiswerkklas na school\nteam: t\nthemes: [spanning]\n---\n"}, []string{"F1 frame.names-means"}},
		{"abstract theme without a page", "themes: [schaamte, erbij-horen, sociale-cohesie]\n", nil, []string{"T3 case.abstract-theme"}},
		{"abstract theme with a page", "themes: [schaamte, erbij-horen, sociale-cohesie]\n",
			files{"themes/sociale-cohesie.md": "---\ntitle: Sociale cohesie\n---\n"}, []string{"T3 case.abstract-theme"}},
		{"abstract theme by its title", "themes: [schaamte, erbij-horen, samen]\n",
			files{"themes/samen.md": "---\ntitle: Welbevinden\n---\n"}, []string{"T3 theme.abstract"}},
		{"a missing or broken page has no hints of its own", "portraits: [weg, kapot, fout]\nframes: [nergens]\n",
			files{"portraits/kapot.md": "geen kop\n", "portraits/fout.md": "---\ntitle: Fout\nonbekend: 1\n---\n"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := files{"cases/c.md": "---\ntitle: C\nteam: t\n" + tc.front + "---\nTekst.\n"}
			for k, v := range base {
				fs[k] = v
			}
			for k, v := range tc.more {
				fs[k] = v
			}
			b := build(t, fs)
			if got := places(b); !slices.Equal(got, tc.want) {
				t.Errorf("hints = %q, want %q", got, tc.want)
			}
			if b.HintCount() != len(tc.want) {
				t.Errorf("HintCount = %d, want %d", b.HintCount(), len(tc.want))
			}
		})
	}
}

// A hint keeps where it came from, so a view can link to the line to change.
func TestHintsKeepTheirSource(t *testing.T) {
	b := build(t, files{"cases/c.md": "---\ntitle: C\nteam: t\nactions:\n  - what: Bellen\n---\n"})
	h := b.Organiseren.Items[0].Hints
	if len(h) != 1 || h[0].From != (wiki.Ref{Kind: wiki.Case, Slug: "c"}) || h[0].Field != "actions[0].what" || h[0].Line != 5 {
		t.Errorf("hint %+v", h)
	}
	if !strings.Contains(h[0].Message, "Bellen") {
		t.Errorf("message %q does not name the action", h[0].Message)
	}
	too := b.Organiseren.Hints
	if len(too) != 1 || too[0].Code != "case.actions-too-soon" || too[0].Line != 4 {
		t.Errorf("column hint %+v", too)
	}
}

// An abstract theme comes with the themes you can feel instead, as links that say whether the
// page exists.
func TestAbstractThemeAlternatives(t *testing.T) {
	b := build(t, noor())
	th := b.Waar.Items[3]
	if len(th.Hints) != 1 || !strings.Contains(th.Hints[0].Message, `"sociale-cohesie" is moeilijk te voelen`) {
		t.Fatalf("hints %+v", th.Hints)
	}
	want := []board.Link{
		{Ref: wiki.Ref{Kind: wiki.Theme, Slug: "betrokkenheid"}, Title: "Betrokkenheid", Exists: true},
		{Ref: wiki.Ref{Kind: wiki.Theme, Slug: "verantwoordelijkheid"}, Title: "verantwoordelijkheid", Exists: false},
	}
	if !slices.Equal(th.Alternatives, want) {
		t.Errorf("alternatives %+v, want %+v", th.Alternatives, want)
	}
	for _, m := range b.Missing {
		if m.Ref.Slug == "verantwoordelijkheid" {
			t.Error("a suggested theme is not a link of the casus, so it is not listed as missing")
		}
	}
}

// A page that exists but cannot be trusted shows its title (when it has one) and is marked
// broken; its details are not shown.
func TestBrokenPages(t *testing.T) {
	b := build(t, files{
		"cases/c.md":         "---\ntitle: C\nteam: t\nportraits: [kapot, fout]\nframes: [fout]\nthemes: [kapot]\n---\n",
		"portraits/kapot.md": "geen kop\n",
		"portraits/fout.md":  "---\ntitle: Fout portret\nstatus: bijna\nteam: t\n---\n",
		"frames/fout.md":     "---\ntitle: Fout frame\nthemes: [kapot]\n---\n",
		"themes/kapot.md":    "---\ntitle: [\n---\n",
	})
	p0, p1, f, th := b.Wat.Items[0], b.Wat.Items[1], b.Hoe.Items[0], b.Waar.Items[0]
	if !p0.Broken || !p0.Exists || p0.Title != "kapot" || p0.Status != "" {
		t.Errorf("portrait without front matter: %+v", p0)
	}
	if !p1.Broken || p1.Title != "Fout portret" || p1.Status != "" {
		t.Errorf("portrait with errors: %+v", p1)
	}
	if !f.Broken || f.Title != "Fout frame" || len(f.RestsOn) != 0 || len(th.Feeds) != 0 {
		t.Errorf("frame with errors (no team): %+v, theme %+v", f, th)
	}
	if !th.Broken || !th.Exists {
		t.Errorf("theme with broken front matter: %+v", th)
	}
	if len(b.Missing) != 0 {
		t.Errorf("broken pages exist, so they are not missing: %+v", b.Missing)
	}
}

// A page that is not a casus has no board; Build does not fail on it.
func TestNotACasus(t *testing.T) {
	page, _ := workspace.Parse("themes/schaamte.md", []byte(schaamte))
	b := board.Build(page, func(wiki.Ref) (*wiki.Page, bool) { t.Error("lookup called"); return nil, false })
	if !b.Empty() || b.Title != "Schaamte" || b.HintCount() != 0 {
		t.Errorf("board of a theme: %+v", b)
	}
}
