// Package markdown is the one Markdown pipeline of Leefwereld: goldmark (GFM, footnotes, wiki
// links) renders a page body, bluemonday sanitises the result a second time, and the same
// parsed AST yields the wiki links, plain text and headings that backlinks and search need.
//
// Everything a user typed is untrusted. The first layer never emits raw HTML or user-chosen
// attributes (no WithUnsafe, no {…} attribute syntax); the second layer (policy.go) strips
// whatever the first layer might get wrong.
package markdown

import (
	"bytes"
	"fmt"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Resolver tells the renderer which page a target means and whether it exists. The web layer
// usually wraps wiki.Resolve with the store's "does this page exist" check. A nil Resolver
// means "no page exists": every wiki link is then rendered as a link to a page to create.
type Resolver func(t wiki.Target) (ref wiki.Ref, exists bool)

// Doc is what one parse of a page body yields.
type Doc struct {
	HTML     string    // sanitised HTML, safe to put in a page; empty from Extract
	Text     string    // plain text for search: blocks separated by blank lines, no markup, no URLs
	Links    []Link    // every wiki link in document order (footnotes come last, as rendered)
	Headings []Heading // every heading in document order
}

// Link is one wiki link in the text. It is the evidence a theme page shows per portrait.
type Link struct {
	Target   wiki.Target
	Ref      wiki.Ref // the page the link resolves to; zero from Extract
	Exists   bool     // whether that page exists; false from Extract
	Label    string   // the text shown: the explicit label, else the slug as written
	Sentence string   // the sentence around the link, as plain text
	Line     int      // 1-based line of the opening [[ in the source
}

// Heading is one heading with the id the HTML carries, for a table of contents.
type Heading struct {
	Level int
	Text  string
	ID    string
}

// Renderer renders page bodies. Build it once at start; it is safe for concurrent use because
// goldmark parsers and renderers keep per-call state in the parse context and the AST.
type Renderer struct {
	md goldmark.Markdown
}

// New builds the pipeline. Options are fixed on purpose: every page in the product renders
// the same way, and the security of the output depends on the options left out.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(
			// GFM alignment as align="…", which the UGC policy allows; the default style="…"
			// would be stripped by bluemonday.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough, extension.TaskList, extension.Footnote,
			// Bare URLs become links only for the schemes the policy keeps (no ftp:).
			extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:"})),
		),
		goldmark.WithParserOptions(
			// No parser.WithAttribute() and no parser.WithAutoHeadingID(): ids come only from
			// the transformer below, so "# Kop {#main onclick=…}" stays literal text.
			parser.WithInlineParsers(util.Prioritized(wikiLinkParser{}, 199)), // before links (200)
			parser.WithASTTransformers(util.Prioritized(pageTransformer{}, 10)),
		),
		goldmark.WithRendererOptions(
			// No html.WithUnsafe(): raw HTML becomes "<!-- raw HTML omitted -->".
			renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)), // overrides html (1000)
		),
	)
	return &Renderer{md: md}
}

// shared backs the package-level Extract and RewriteLinks.
var shared = New()

// parse runs the parser once with a fresh heading-id table.
func (r *Renderer) parse(src []byte) ast.Node {
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	return r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
}

// Render turns a page body (Markdown without front matter) into sanitised HTML, resolving
// every wiki link with resolve, and extracts links, text and headings from the same AST.
func (r *Renderer) Render(src []byte, resolve Resolver) (Doc, error) {
	if resolve == nil {
		resolve = func(t wiki.Target) (wiki.Ref, bool) { return wiki.Resolve(t, noPage) }
	}
	root := r.parse(src)
	doc := extract(root, src, resolve)
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/2)
	if err := r.md.Renderer().Render(&buf, src, root); err != nil {
		return Doc{}, fmt.Errorf("markdown: render: %w", err)
	}
	doc.HTML = policy.Sanitize(buf.String())
	return doc, nil
}

// Extract parses src and returns its links (unresolved), plain text and headings, without
// rendering HTML. It is what backlinks and the search index need.
func Extract(src []byte) Doc {
	return extract(shared.parse(src), src, nil)
}
