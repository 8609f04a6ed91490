package markdown

import (
	"bytes"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// extract walks the parsed AST once: it resolves every wiki link (when resolve is given, so
// the HTML renderer can read the result from the node) and collects the plain text, the
// links with their sentence and line, and the headings.
func extract(root ast.Node, src []byte, resolve Resolver) Doc {
	x := extractor{src: src, resolve: resolve}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			t := x.add(x.inline(n))
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			x.doc.Headings = append(x.doc.Headings, Heading{Level: n.Level, Text: t, ID: string(idb)})
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			x.add(x.inline(n))
			return ast.WalkSkipChildren, nil
		case *east.TableHeader, *east.TableRow: // one row, one block; a cell is a sentence scope
			var cells []string
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				cells = append(cells, strings.TrimSpace(x.inline(c)))
			}
			x.add(strings.Join(cells, "\t"))
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			x.code(n)
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock: // dropped from the HTML, so not text either
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	x.doc.Text = strings.Join(x.blocks, "\n\n")
	return x.doc
}

type extractor struct {
	src       []byte
	resolve   Resolver
	doc       Doc
	blocks    []string
	lineStart []int // byte offsets where lines begin; built on the first link
}

// add appends a block to the text unless it is empty, and returns it.
func (x *extractor) add(s string) string {
	s = strings.TrimSpace(s)
	if s != "" {
		x.blocks = append(x.blocks, s)
	}
	return s
}

// inline returns the plain text of a leaf block and records its wiki links, each with the
// sentence of that text it stands in.
func (x *extractor) inline(n ast.Node) string {
	var b strings.Builder
	first := len(x.doc.Links)
	var offsets []int
	writeInline(&b, x.src, n, func(w *wikiLink, off int) {
		l := Link{Target: w.parsed, Label: string(w.text(x.src)), Line: x.line(w.raw.Start)}
		if x.resolve != nil {
			w.ref, w.exists = resolveLink(x.resolve, w.parsed)
			l.Ref, l.Exists = w.ref, w.exists
		}
		x.doc.Links = append(x.doc.Links, l)
		offsets = append(offsets, off)
	})
	s := b.String()
	if len(offsets) > 0 {
		bounds := sentenceBounds(s)
		for i, off := range offsets {
			x.doc.Links[first+i].Sentence = sentenceAt(s, bounds, off)
		}
	}
	return s
}

// code adds a code block's lines as one block of text.
func (x *extractor) code(n ast.Node) {
	var b strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(x.src))
	}
	x.add(b.String())
}

// line turns a byte offset into a 1-based line number.
func (x *extractor) line(off int) int {
	if x.lineStart == nil {
		x.lineStart = []int{0}
		for i, c := range x.src {
			if c == '\n' {
				x.lineStart = append(x.lineStart, i+1)
			}
		}
	}
	return sort.Search(len(x.lineStart), func(i int) bool { return x.lineStart[i] > off })
}

// writeInline appends the plain text of n's inline children: text as the reader sees it,
// wiki links as their label, link text without its URL, image alt text; autolinks (which are
// only a URL), raw HTML, footnote markers and task checkboxes are left out. onLink, if not
// nil, is called for every real wiki link with the offset of its label in b.
func writeInline(b *strings.Builder, src []byte, n ast.Node, onLink func(*wikiLink, int)) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = unescape(v)
			}
			writeClean(b, v)
			if c.HardLineBreak() {
				b.WriteByte('\n')
			} else if c.SoftLineBreak() {
				writeClean(b, []byte{' '})
			}
		case *ast.String:
			v := c.Value
			if !c.IsRaw() && !c.IsCode() {
				v = unescape(v)
			}
			writeClean(b, v)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				switch t := t.(type) {
				case *ast.Text:
					writeClean(b, bytes.ReplaceAll(t.Segment.Value(src), []byte{'\n'}, []byte{' '}))
				case *ast.String:
					writeClean(b, t.Value)
				}
			}
		case *wikiLink:
			if !c.literal && onLink != nil {
				onLink(c, b.Len())
			}
			writeClean(b, c.text(src))
		case *ast.AutoLink, *ast.RawHTML, *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
			// no visible words of their own
		default:
			writeInline(b, src, c, onLink)
		}
	}
}

// unescape resolves backslash escapes and entity references the way the HTML writer does.
func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// writeClean writes v with NUL replaced (as goldmark's writer does) and every run of spaces
// and tabs, also across calls, as one space; nothing is written at the start of a line.
func writeClean(b *strings.Builder, v []byte) {
	for _, c := range v {
		switch c {
		case ' ', '\t':
			if b.Len() > 0 {
				if last := b.String()[b.Len()-1]; last != ' ' && last != '\n' {
					b.WriteByte(' ')
				}
			}
		case 0:
			b.WriteString("\uFFFD")
		default:
			b.WriteByte(c)
		}
	}
}
