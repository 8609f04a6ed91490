package inzage

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"path"
	"slices"
	"strings"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/markdown"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
	"github.com/leefwereld/leefwereld/static"
)

//go:embed bundle.html
var bundleTemplates string

//go:embed bundle.css
var bundleCSS string

var templates = template.Must(template.New("").Parse(bundleTemplates))

// css is the one stylesheet every HTML file carries inline: the bundle's own for the screen,
// and the product's print stylesheet for paper, so a printed inzage looks like a printed casus.
var css = func() template.CSS {
	printCSS, err := static.FS.ReadFile("print.css")
	if err != nil {
		panic("inzage: print.css is not embedded: " + err.Error())
	}
	return template.CSS(bundleCSS + "\n@media print {\n" + string(printCSS) + "\n}\n") //nolint:gosec // our own files
}()

// doc is what every HTML file in the bundle has around its content.
type doc struct {
	Title string // for <title>
	Up    string // "" for a file at the top, "../" for one in a folder
	CSS   template.CSS
	Casus string // the casus's title
	Made  string // when the bundle was made
	By    string
}

// item is one entry in a list of facts or pages: a link when Href is set.
type item struct {
	Text, Href, Note string
}

// fact is one line of a page's front matter, in words.
type fact struct {
	Label string
	Items []item
}

type pageView struct {
	doc
	Kind    string
	Heading string
	Facts   []fact
	HTML    template.HTML
	Source  string // the original Markdown file, beside this one
	History string // the page's part of geschiedenis.html
	Media   []item
	Case    *caseView
}

// caseView is the casus's own parts: the themes with why, the actions and the consent.
type caseView struct {
	Themes  []themeChoice
	Actions []actionRow
	Consent []consentRow
}

type actionRow struct {
	What, Who, Where, When, Frame, Status string
}

type consentRow struct {
	By, For, Date, Until, Withdrawn, State string
}

type indexView struct {
	doc
	Team      string
	CaseHref  string
	Portraits []item
	Frames    []item
	Missing   []item
	Themes    []themeChoice
	Consent   []consentRow
	Media     []item
	Left      []Left
	ViewLog   bool
	Views     int
}

type consentView struct {
	doc
	Consent []consentRow
}

type historyView struct {
	doc
	Files []historyFile
}

type historyFile struct {
	Anchor, Title, Path, Href string
	Rows                      []historyRow
}

type historyRow struct {
	When, Who, What, Message, Commit string
}

// render writes every entry of the bundle into b.files.
func (c *collector) render(b *Bundle, col *collected) error {
	md := markdown.New()
	inBundle := map[string]string{} // app path → entry
	for _, p := range col.all() {
		inBundle[p.ref.URL()] = p.html()
		for _, m := range p.media {
			inBundle["/"+m] = m
		}
	}
	local := func(appPath string) (string, bool) {
		e, ok := inBundle[appPath]
		return e, ok
	}
	top := doc{CSS: css, Casus: col.casus.title, Made: c.moment(c.opt.At), By: c.by()}
	for _, p := range col.all() {
		b.files[p.ref.Path()] = p.raw
		for _, m := range p.media {
			data, err := c.s.ReadBlob(c.head[m].Blob)
			if err != nil {
				return fmt.Errorf("inzage: read %s: %w", m, err)
			}
			b.files[m] = data
		}
		d, err := md.Render(p.body(), c.resolver())
		if err != nil {
			return fmt.Errorf("inzage: %s: %w", p.ref.Path(), err)
		}
		v := pageView{doc: top, Kind: p.ref.Kind.Label(), Heading: p.title,
			HTML:    template.HTML(localize(d.HTML, "../", local)), //nolint:gosec // sanitised by markdown, links rewritten by a tokenizer
			Source:  path.Base(p.ref.Path()),
			History: "../geschiedenis.html#" + anchor(p.ref.Path())}
		v.Up = "../"
		v.Title = p.title + " (" + p.ref.Kind.Label() + ")"
		for _, m := range p.media {
			v.Media = append(v.Media, item{Text: path.Base(m), Href: "../" + m})
		}
		v.Facts, v.Case = c.facts(p, col)
		if err := c.execute(b, p.html(), "page", v); err != nil {
			return err
		}
	}
	consent := consentRows(col.meta, c)
	cv := consentView{doc: top, Consent: consent}
	cv.Title = "Toestemming"
	if err := c.execute(b, "toestemming.html", "consent", cv); err != nil {
		return err
	}
	if err := c.consentJSON(b, col); err != nil {
		return err
	}
	if err := c.history(b, col, top); err != nil {
		return err
	}
	b.files["leeslog.txt"] = []byte(c.viewLog(b, col))
	if err := c.index(b, col, top, consent); err != nil {
		return err
	}
	b.files["LEESMIJ.txt"] = []byte(c.readme(b, col))
	return nil
}

func (c *collector) execute(b *Bundle, name, tmpl string, v any) error {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, tmpl, v); err != nil {
		return fmt.Errorf("inzage: render %s: %w", name, err)
	}
	b.files[name] = buf.Bytes()
	return nil
}

// anchor is the id of a file's part of geschiedenis.html.
func anchor(p string) string {
	return "bestand-" + strings.NewReplacer("/", "-", ".", "-").Replace(p)
}

// facts turns a page's front matter into labelled lines; for the casus also its own parts.
func (c *collector) facts(p *page, col *collected) ([]fact, *caseView) {
	if p.page == nil {
		return []fact{{Label: "Let op", Items: []item{{Text: "De gegevens bovenaan deze pagina zijn niet te lezen; hieronder staat de hele tekst zoals hij is opgeslagen."}}}}, nil
	}
	var out []fact
	add := func(label string, items ...item) {
		var kept []item
		for _, it := range items {
			if strings.TrimSpace(it.Text) != "" {
				kept = append(kept, it)
			}
		}
		if len(kept) > 0 {
			out = append(out, fact{Label: label, Items: kept})
		}
	}
	text := func(s string) item { return item{Text: s} }
	switch m := p.page.Meta.(type) {
	case *cases.Meta:
		add("Team", text(c.title(wiki.Ref{Kind: wiki.Team, Slug: m.Team})))
		add("Status", text(string(m.Status)))
		add("Afgerond op", text(day(m.Closed)))
		switch {
		case m.KeepUntil != "":
			add("Bewaren tot", text(day(m.KeepUntil)))
		case m.Closed != "" && !m.Closed.Time().IsZero() && c.years > 0:
			add("Bewaren tot", item{Text: dayOf(m.Closed.Time().AddDate(c.years, 0, 0)),
				Note: fmt.Sprintf("%d jaar nadat de casus is afgerond", c.years)})
		}
		var ps, fs []item
		for _, x := range col.portraits {
			ps = append(ps, item{Text: x.title, Href: "../" + x.html()})
		}
		for _, x := range col.frames {
			fs = append(fs, item{Text: x.title, Href: "../" + x.html()})
		}
		for _, l := range col.left {
			fs = append(fs, item{Text: l.Title, Note: l.Why})
		}
		for _, r := range col.missing {
			it := item{Text: string(r.Slug), Note: "nog niet geschreven"}
			if r.Kind == wiki.Portrait {
				ps = append(ps, it)
			} else {
				fs = append(fs, it)
			}
		}
		add("Portretten", ps...)
		add("Frames", fs...)
		return out, &caseView{Themes: col.themes, Actions: c.actions(m, col), Consent: consentRows(m, c)}
	case *portraits.Meta:
		add("Team", text(c.title(wiki.Ref{Kind: wiki.Team, Slug: m.Team})))
		var cs []item
		for _, s := range m.Cases {
			if s == col.casus.ref.Slug {
				cs = append(cs, item{Text: col.casus.title, Href: "../" + col.casus.html()})
			} else {
				cs = append(cs, item{Text: string(s), Note: "een andere casus; die zit niet in deze bundel"})
			}
		}
		add("Hoort bij", cs...)
		add("Over wie", text(string(m.Subject)))
		add("Status", text(string(m.Status)))
		if r := m.Recognized; r != nil {
			add("Herkend door", item{Text: strings.TrimSpace(r.By + " " + prefixed("op ", day(r.On))), Note: r.Remarks})
		}
		add("Wat opvalt (punctum)", text(m.Punctum))
		add("Stip op de horizon", text(m.Horizon))
		var ds []item
		for _, d := range m.Domains {
			ds = append(ds, text(portraits.DomainLabel(d)))
		}
		add("Levensgebieden", ds...)
	case *frames.Meta:
		add("Team", text(c.title(wiki.Ref{Kind: wiki.Team, Slug: m.Team})))
		var ts []item
		for _, s := range m.Themes {
			ts = append(ts, text(c.title(wiki.Ref{Kind: wiki.Theme, Slug: s})))
		}
		add("Thema's", ts...)
		var cs []item
		for _, s := range m.Combines {
			cs = append(cs, text(c.title(wiki.Ref{Kind: wiki.Frame, Slug: s})))
		}
		add("Combineert met", cs...)
		add("Status", text(string(m.Status)))
		add("Waarom losgelaten", text(m.Reason))
		if m.Visibility == "gedeeld" {
			add("Wie het ziet", text("ook andere teams, als voorbeeld"))
		} else {
			add("Wie het ziet", text("alleen het team"))
		}
	}
	return out, nil
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

// actions are the casus's actions, with the frame each serves by its title.
func (c *collector) actions(m *cases.Meta, col *collected) []actionRow {
	var out []actionRow
	for _, a := range m.Actions {
		frame := ""
		if a.Frame != "" {
			frame = c.title(wiki.Ref{Kind: wiki.Frame, Slug: a.Frame})
		}
		out = append(out, actionRow{What: a.What, Who: a.Who, Where: string(a.Where), When: day(a.When), Frame: frame, Status: string(a.Status)})
	}
	return out
}

// consentRows are the casus's consent records as the bundle shows them.
func consentRows(m *cases.Meta, c *collector) []consentRow {
	if m == nil {
		return nil
	}
	var out []consentRow
	for _, r := range m.Consent {
		out = append(out, consentRow{By: r.By, For: r.For, Date: day(r.Date), Until: day(r.Until),
			Withdrawn: day(r.Withdrawn), State: consentState(r, c.opt.At)})
	}
	return out
}

// consentFile is toestemming.json. Its shape is a contract (README): the record's own keys as
// the page format names them, and its state on the day the bundle was made.
type consentFile struct {
	Casus   string          `json:"casus"`
	Title   string          `json:"title"`
	Made    string          `json:"made"` // RFC 3339
	Consent []consentRecord `json:"consent"`
}

type consentRecord struct {
	By        string `json:"by"`
	For       string `json:"for"`
	Date      string `json:"date,omitempty"`
	Until     string `json:"until,omitempty"`
	Withdrawn string `json:"withdrawn,omitempty"`
	State     string `json:"state"` // geldig | verlopen | ingetrokken | nog niet ingegaan
}

func (c *collector) consentJSON(b *Bundle, col *collected) error {
	f := consentFile{Casus: string(b.Casus.Slug), Title: b.Title, Made: c.opt.At.Format("2006-01-02T15:04:05Z07:00"),
		Consent: []consentRecord{}}
	if col.meta != nil {
		for _, r := range col.meta.Consent {
			f.Consent = append(f.Consent, consentRecord{By: r.By, For: r.For, Date: string(r.Date), Until: string(r.Until),
				Withdrawn: string(r.Withdrawn), State: consentState(r, c.opt.At)})
		}
	}
	return c.writeJSON(b, "toestemming.json", f)
}

// historyFileJSON is one file's part of geschiedenis.json (a contract, see README).
type historyFileJSON struct {
	Path     string        `json:"path"`
	Title    string        `json:"title"`
	Versions []versionJSON `json:"versions"` // newest first
}

type versionJSON struct {
	Commit  string `json:"commit"`
	Date    string `json:"date"` // RFC 3339, in the commit's own time zone
	Author  string `json:"author"`
	Op      string `json:"op"` // nieuw | gewijzigd | verwijderd | hernoemd
	OldPath string `json:"old_path,omitempty"`
	Message string `json:"message"`
}

func (c *collector) history(b *Bundle, col *collected, top doc) error {
	hv := historyView{doc: top}
	hv.Title = "Geschiedenis"
	js := []historyFileJSON{}
	pageHTML := map[string]string{}
	for _, p := range col.all() {
		pageHTML[p.ref.Path()] = p.html()
	}
	for _, f := range col.history {
		hf := historyFile{Anchor: anchor(f.Path), Title: f.Title, Path: f.Path, Href: f.Path}
		if h, ok := pageHTML[f.Path]; ok {
			hf.Href = h
		}
		fj := historyFileJSON{Path: f.Path, Title: f.Title, Versions: []versionJSON{}}
		for _, r := range f.Revisions {
			short := r.Commit
			if len(short) > 7 {
				short = short[:7]
			}
			hf.Rows = append(hf.Rows, historyRow{When: c.moment(r.Author.When), Who: c.who(r.Author), What: opLabel(r),
				Message: strings.TrimSpace(r.Message), Commit: short})
			fj.Versions = append(fj.Versions, versionJSON{Commit: r.Commit, Date: r.Author.When.Format("2006-01-02T15:04:05Z07:00"),
				Author: c.who(r.Author), Op: r.Op, OldPath: r.OldPath, Message: strings.TrimSpace(r.Message)})
		}
		hv.Files = append(hv.Files, hf)
		js = append(js, fj)
	}
	if err := c.execute(b, "geschiedenis.html", "history", hv); err != nil {
		return err
	}
	return c.writeJSON(b, "geschiedenis.json", js)
}

func (c *collector) writeJSON(b *Bundle, name string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("inzage: %s: %w", name, err)
	}
	b.files[name] = append(data, '\n')
	return nil
}

// viewLog is leeslog.txt: one view a line, oldest first, or a sentence that there is no log.
func (c *collector) viewLog(b *Bundle, col *collected) string {
	if c.opt.Views == nil {
		return "Er is nog geen leeslog.\n\nLeefwereld houdt nog niet bij wie een pagina heeft bekeken. Daarom staat hier\nniets over wie deze pagina's heeft gelezen.\n"
	}
	var w strings.Builder
	fmt.Fprintf(&w, "Leeslog: wie heeft de pagina's over %s bekeken?\n\n", b.Title)
	if len(col.views) == 0 {
		w.WriteString("Niemand heeft deze pagina's bekeken, volgens het leeslog.\n")
		return w.String()
	}
	w.WriteString("wanneer\twie\twat\tbestand\n")
	for _, v := range col.views {
		what := v.What
		if what == "" {
			what = "bekeken"
		}
		fmt.Fprintf(&w, "%s\t%s\t%s\t%s\n", c.moment(v.At), oneLine(v.Who), oneLine(what), oneLine(v.Path))
	}
	return w.String()
}

// oneLine keeps a log field on its own line and column.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == '\t' }), " ")
}

func (c *collector) index(b *Bundle, col *collected, top doc, consent []consentRow) error {
	v := indexView{doc: top, Team: col.team, CaseHref: col.casus.html(), Themes: col.themes, Consent: consent,
		Left: col.left, ViewLog: c.opt.Views != nil, Views: len(col.views)}
	v.Title = "Inzage: " + col.casus.title
	for _, p := range col.portraits {
		v.Portraits = append(v.Portraits, item{Text: p.title, Href: p.html()})
	}
	for _, p := range col.frames {
		v.Frames = append(v.Frames, item{Text: p.title, Href: p.html()})
	}
	for _, r := range col.missing {
		v.Missing = append(v.Missing, item{Text: string(r.Slug), Note: strings.ToLower(r.Kind.Label())})
	}
	seen := map[string]bool{}
	for _, p := range col.all() {
		for _, m := range p.media {
			if !seen[m] {
				seen[m] = true
				v.Media = append(v.Media, item{Text: m, Href: m, Note: p.title})
			}
		}
	}
	slices.SortFunc(v.Media, func(a, b item) int { return strings.Compare(a.Href, b.Href) })
	return c.execute(b, "index.html", "index", v)
}
