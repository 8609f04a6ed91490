package wiki

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
)

// Head holds the front-matter keys every kind shares.
type Head struct {
	Title string `yaml:"title" lw:"required"`
	Kind  Kind   `yaml:"kind,omitempty"`
}

// Header gives access to the shared keys of any Meta that embeds Head.
func (h *Head) Header() *Head { return h }

// Meta is the typed front matter of one kind. Kind packages implement it; they stay pure domain.
type Meta interface {
	Header() *Head
	// Check adds the kind's rules that span several fields, and the method's hints.
	Check(c *Check)
	// Links lists the typed links of the front matter, e.g. a casus's themes.
	Links() []FieldLink
}

// FieldLink is a typed link in front matter: which field holds it and which page it names.
type FieldLink struct {
	Field string // e.g. "themes[1].slug"
	Ref   Ref
}

// Schema is everything the product needs to know about one kind.
type Schema struct {
	Kind     Kind
	New      func() Meta // a zero Meta to decode into
	Template []byte      // the body a new page of this kind starts with
}

// Page is one parsed page file.
type Page struct {
	Ref      Ref
	Meta     Meta
	Body     []byte // Markdown after the front matter
	BodyLine int    // the file line on which Body starts
	Raw      []byte // the whole file as stored
	check    *Check
}

// Title is the page's title from its front matter.
func (p *Page) Title() string { return p.Meta.Header().Title }

// Problems are what Parse found in this page, the method's hints included, so a view built
// from parsed pages (a casus board) shows the same hints without checking the page again.
func (p *Page) Problems() Problems {
	if p == nil || p.check == nil {
		return nil
	}
	return p.check.Problems
}

// Pos returns where a front-matter field stands, or its closest parent, for messages.
func (p *Page) Pos(field string) Pos { return p.check.Pos(field) }

// ValuePos returns where a front-matter value stands in Raw, for rewriting a link in place.
func (p *Page) ValuePos(field string) (Pos, bool) { return p.check.ValuePos(field) }

// Parse reads a page file of the schema's kind. It returns every problem found; the page is nil
// only when the file cannot be split into front matter and body at all.
func Parse(s Schema, ref Ref, data []byte) (*Page, Problems) {
	c := NewCheck(ref.Path())
	if !utf8.Valid(data) {
		c.Error("file.encoding", "", "het bestand is geen geldige UTF-8-tekst")
		return nil, c.Problems
	}
	if i := bytes.IndexFunc(data, isControl); i >= 0 {
		c.Problems = append(c.Problems, Problem{Severity: Error, Code: "file.control", File: c.File,
			Line:    bytes.Count(data[:i], []byte("\n")) + 1,
			Message: fmt.Sprintf("hier staat een onzichtbaar stuurteken (%U); haal het weg, het hoort niet in tekst", bytes.Runes(data[i:])[0])})
		return nil, c.Problems
	}
	front, body, bodyLine, err := Split(data)
	switch {
	case errors.Is(err, ErrNoFrontMatter):
		c.Error("frontmatter.absent", "", "de pagina moet beginnen met een kop tussen twee regels ---, met daarin minstens title:")
		return nil, c.Problems
	case errors.Is(err, ErrOpenFrontMatter):
		c.Error("frontmatter.unclosed", "", "de kop van de pagina wordt niet afgesloten met een regel ---")
		return nil, c.Problems
	}
	meta := s.New()
	c.Decode(front, 2, meta)
	if k := meta.Header().Kind; k != "" && k.Valid() && k != ref.Kind {
		c.Error("frontmatter.kind-mismatch", "kind", "deze pagina staat in %s/ maar zegt kind: %s; verplaats hem of pas kind aan", ref.Kind.Folder(), k)
	}
	if !c.Problems.HasErrors() {
		c.Body = body
		meta.Check(c)
	}
	return &Page{Ref: ref, Meta: meta, Body: body, BodyLine: bodyLine, Raw: data, check: c}, c.Problems
}

// SlugLinks turns a list of slugs in front-matter field `field` into typed links to pages of kind k.
func SlugLinks(field string, k Kind, slugs []Slug) []FieldLink {
	links := make([]FieldLink, 0, len(slugs))
	for i, s := range slugs {
		links = append(links, FieldLink{Field: fmt.Sprintf("%s[%d]", field, i), Ref: Ref{k, s}})
	}
	return links
}

// isControl reports the control characters no page should hold: NUL and the other C0 and C1
// codes, and DEL. Tab, newline and carriage return are text.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0)
}
