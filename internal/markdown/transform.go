package markdown

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// externalRel goes on every link to another host. bluemonday adds nofollow and noreferrer
// itself but noopener only together with target="_blank", which we do not want.
const externalRel = "nofollow noopener noreferrer"

// pageTransformer runs after goldmark's own transformers (footnotes, tables) and fixes up
// the AST in one walk:
//   - a [[…]] inside a normal link's text or an image's alt is not a wiki link (no nested <a>);
//   - every heading gets an id from the heading-id table (ids.go), computed from its plain text;
//   - links to another host get rel="nofollow noopener noreferrer".
type pageTransformer struct{}

func (pageTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	ids := pc.IDs()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			markLiteral(n)
			markExternal(n, string(n.Destination))
		case *ast.Image:
			markLiteral(n)
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			markExternal(n, string(n.URL(src)))
		case *ast.Heading:
			var b strings.Builder
			writeInline(&b, src, n, nil)
			n.SetAttributeString("id", ids.Generate([]byte(b.String()), ast.KindHeading))
		}
		return ast.WalkContinue, nil
	})
}

// markLiteral turns every wiki link below n into literal text.
func markLiteral(n ast.Node) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if w, ok := c.(*wikiLink); ok && entering {
			w.literal = true
		}
		return ast.WalkContinue, nil
	})
}

// markExternal sets rel on a link to another host.
func markExternal(n ast.Node, dest string) {
	if isExternal(dest) {
		n.SetAttributeString("rel", []byte(externalRel))
	}
}

// isExternal reports whether dest names another host ("https://…", "//…"): bluemonday's test
// for a fully qualified link, limited to the schemes it keeps, so a dropped href leaves no rel.
func isExternal(dest string) bool {
	u, err := url.Parse(dest)
	return err == nil && u.Host != "" &&
		(u.Scheme == "" || strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https"))
}
