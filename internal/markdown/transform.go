package markdown

import (
	"bytes"
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
//   - a link whose URL mentions javascript: or vbscript: loses its URL;
//   - links to another host get rel="nofollow noopener noreferrer".
type pageTransformer struct{}

func (pageTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	ids := pc.IDs()
	var unlink []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			markLiteral(n)
			if mentionsScript(n.Destination) {
				n.Destination = nil // an empty href, which the policy then drops
			}
			markExternal(n, string(n.Destination))
		case *ast.Image:
			markLiteral(n)
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			if mentionsScript(n.URL(src)) {
				unlink = append(unlink, n)
				break
			}
			markExternal(n, string(n.URL(src)))
		case *ast.Heading:
			var b strings.Builder
			writeInline(&b, src, n, nil)
			n.SetAttributeString("id", ids.Generate([]byte(b.String()), ast.KindHeading))
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unlink { // replaced after the walk, which must not lose its place
		t := ast.NewString(n.Label(src))
		t.SetRaw(true) // escaped as it is, no entity or backslash processing
		n.Parent().ReplaceChild(n.Parent(), n, t)
	}
}

// mentionsScript reports whether a URL contains "javascript:" or "vbscript:" anywhere, also
// with the tabs, newlines and controls that browsers skip inside a scheme. Only a scheme can
// run, but a URL that mentions one ("#javascript:", "?u=javascript:…") has no honest use in a
// page and is dropped rather than reasoned about.
func mentionsScript(u []byte) bool {
	b := make([]byte, 0, len(u))
	for _, c := range u {
		switch {
		case c <= ' ' || c == 0x7f:
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return bytes.Contains(b, []byte("javascript:")) || bytes.Contains(b, []byte("vbscript:"))
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
