package markdown

import (
	"bytes"
	"fmt"
	"unicode"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kindWikiLink is the AST kind of [[target]] and [[target|label]].
var kindWikiLink = ast.NewNodeKind("WikiLink")

// wikiLink is one [[…]] in the source. It keeps byte offsets into the source so that
// RewriteLinks can edit exactly the target and Extract can report the line.
type wikiLink struct {
	ast.BaseInline
	raw    text.Segment // the whole [[…]]
	target text.Segment // the target as written, spaces trimmed (and a table's "\" before "|")
	label  []byte       // explicit label, trimmed; nil when there is none
	parsed wiki.Target
	// literal is set when the [[…]] is not a wiki link after all: its target does not parse
	// ([[javascript:…]], [[../etc]], [[]]) or it sits inside a normal link's text or an
	// image's alt text. It is then shown as the escaped source text, never as a link.
	literal bool

	// Filled by extract before rendering: the page the link resolves to.
	ref    wiki.Ref
	exists bool
}

func (n *wikiLink) Kind() ast.NodeKind { return kindWikiLink }

func (n *wikiLink) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Raw":     string(n.raw.Value(source)),
		"Literal": fmt.Sprint(n.literal),
	}, nil)
}

// text is what the reader sees: the label, or the slug as written, or the literal source.
// Targets are case-insensitive (wiki.ParseTarget), so the written form may have capitals.
func (n *wikiLink) text(source []byte) []byte {
	switch {
	case n.literal:
		return n.raw.Value(source)
	case n.label != nil:
		return n.label
	default: // the slug part as the author typed it, so [[Schaamte]] reads "Schaamte"
		written := n.target.Value(source)
		return written[bytes.LastIndexByte(written, '/')+1:]
	}
}

// wikiLinkParser recognises [[…]] on one line. It runs before goldmark's link parser, so
// "[[x]]" never becomes a reference link; code spans and code blocks are never inline-parsed
// for it (goldmark hands them to their own parsers first).
type wikiLinkParser struct{}

// maxWikiLinkLen bounds what may stand between [[ and ]]: a folder, a slug (at most
// wiki.MaxSlugLen) and a label of a few words.
const maxWikiLinkLen = 400

func (wikiLinkParser) Trigger() []byte { return []byte{'['} }

func (wikiLinkParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 4 || line[0] != '[' || line[1] != '[' || seg.Padding != 0 {
		return nil
	}
	rest := line[2:]
	if len(rest) > maxWikiLinkLen {
		rest = rest[:maxWikiLinkLen] // a line of "[[[[…" must not cost O(n²)
	}
	end := bytes.Index(rest, []byte("]]"))
	if end < 0 {
		return nil
	}
	inner := line[2 : 2+end]
	// A "[" inside is left to the link parser ("[[[x]]]" is "[" + [[x]] + "]"), and a "`"
	// to the code-span parser, which binds tighter than links in CommonMark.
	if bytes.ContainsAny(inner, "[`\n\r") {
		return nil
	}
	start := seg.Start // absolute offset of the first "["
	n := &wikiLink{raw: text.NewSegment(start, start+2+end+2)}
	tgt := inner
	if i := bytes.IndexByte(inner, '|'); i >= 0 {
		tgt = inner[:i]
		// Inside a GFM table the pipe must be escaped as "\|"; the backslash is not part of
		// the target.
		tgt = bytes.TrimSuffix(tgt, []byte{'\\'})
		if l := bytes.TrimSpace(inner[i+1:]); len(l) > 0 {
			n.label = l
		}
	}
	// Trimmed exactly as wiki.ParseTarget trims (Unicode spaces, e.g. a no-break space), so
	// the segment covers exactly the bytes RewriteLinks replaces.
	left := bytes.TrimLeftFunc(tgt, unicode.IsSpace)
	lead := len(tgt) - len(left)
	trimmed := bytes.TrimRightFunc(left, unicode.IsSpace)
	ts := start + 2 + lead
	n.target = text.NewSegment(ts, ts+len(trimmed))
	t, err := wiki.ParseTarget(string(trimmed))
	if err != nil {
		n.literal = true
	} else {
		n.parsed = t
	}
	block.Advance(2 + end + 2)
	return n
}

// nodeRenderer renders our own nodes and replaces goldmark's image renderer (media.go).
type nodeRenderer struct{}

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindWikiLink, r.renderWikiLink)
	reg.Register(ast.KindImage, r.renderImage)
}

// renderWikiLink writes <a href="/themes/x" class="wikilink">label</a>. A missing page gets
// the extra class wikilink--new; its URL is the same, and the web layer offers to create it.
func (nodeRenderer) renderWikiLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*wikiLink)
	if n.literal {
		_, _ = w.Write(util.EscapeHTML(n.raw.Value(source)))
		return ast.WalkSkipChildren, nil
	}
	ref := n.ref
	if ref.IsZero() { // not resolved (a caller that bypassed extract): treat as missing
		ref, _ = wiki.Resolve(n.parsed, noPage)
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML([]byte(ref.URL())))
	if n.exists {
		_, _ = w.WriteString(`" class="wikilink">`)
	} else {
		_, _ = w.WriteString(`" class="wikilink wikilink--new">`)
	}
	_, _ = w.Write(util.EscapeHTML(n.text(source)))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkSkipChildren, nil
}

// noPage is the exists function of an empty workspace.
func noPage(wiki.Ref) bool { return false }

// resolveLink asks resolve for t's page. A nil resolver, or one that answers with something
// that is not a valid page (a bug elsewhere, but its answer becomes an href), falls back to
// wiki.Resolve in an empty workspace, so an href is always "/<folder>/<slug>".
func resolveLink(resolve Resolver, t wiki.Target) (wiki.Ref, bool) {
	if resolve != nil {
		if ref, ok := resolve(t); valid(ref) {
			return ref, ok
		}
	}
	ref, _ := wiki.Resolve(t, noPage)
	return ref, false
}
