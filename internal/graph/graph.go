// Package graph draws a small star graph as SVG on the server: one page in the centre, the
// pages it is tied to around it, each tie a line styled by its kind. It knows nothing of HTTP
// or of themes; the caller says what the nodes, ties and styles are. The drawing is plain
// SVG with presentation attributes (no script, no style element, no external font), so it
// works without JavaScript, under a strict CSP and on paper.
package graph

import (
	"fmt"
	"html"
	"math"
	"strings"
	"unicode/utf8"
)

// Style is how one kind of edge is drawn. Colour alone never carries the meaning: kinds
// differ in dash pattern and width too, and the caller shows a legend in text.
type Style struct {
	Color string  // a stroke colour with at least 3:1 contrast on white
	Width float64 // stroke width
	Dash  string  // stroke-dasharray; "" for a solid line
	Arrow bool    // directed: an arrow at the end the edge points to
}

// Node is one page in the drawing.
type Node struct {
	Label   string // the title
	Sub     string // a short second line (how it is tied to the centre)
	URL     string // the node links here; "" for no link
	Missing bool   // the page does not exist yet: drawn with a dashed border
}

// Edge ties the centre to Nodes[To].
type Edge struct {
	To      int
	Kind    string // a key of Star.Styles
	Inward  bool   // the edge points from the node to the centre (for an arrow)
	Tooltip string // the tie in words, shown on hover
}

// Star is a centre with its neighbours.
type Star struct {
	ID     string // prefix of the ids inside the SVG; unique on the HTML page
	Title  string // the accessible name of the drawing
	Desc   string // a longer description for screen readers
	Centre Node
	Nodes  []Node
	Edges  []Edge
	Styles map[string]Style
	Order  []string // the style keys in legend order, for the arrow markers
}

// Sizes of the drawing, in SVG units; the browser scales the whole to the column width.
const (
	nodeH      = 40.0
	charW      = 7.4 // an average character of the 13px label
	subCharW   = 6.2 // of the 11px second line
	padX       = 12.0
	minNodeW   = 84.0
	maxLabel   = 26 // longer titles are shortened with "…"
	margin     = 12.0
	ringSingle = 10 // up to this many neighbours sit on one ring
)

// SVG returns the drawing. With no neighbours it returns "": a lone dot tells nobody anything.
func (s Star) SVG() string {
	if len(s.Nodes) == 0 {
		return ""
	}
	n := len(s.Nodes)
	widths := make([]float64, n)
	maxW := 0.0
	for i, nd := range s.Nodes {
		widths[i] = nodeWidth(nd)
		maxW = math.Max(maxW, widths[i])
	}
	cw := nodeWidth(s.Centre)
	at, rx, ry := layout(widths, cw)
	w := 2*rx + maxW + 2*margin
	h := 2*ry + nodeH + 2*margin
	cx, cy := w/2, h/2
	for i := range at {
		at[i].x += cx
		at[i].y += cy
	}

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="0 0 %s %s" width="%s" height="%s" aria-labelledby="%s-titel" aria-describedby="%s-uitleg">`+"\n",
		num(w), num(h), num(w), num(h), s.ID, s.ID)
	fmt.Fprintf(&b, `<title id="%s-titel">%s</title>`+"\n", s.ID, esc(s.Title))
	fmt.Fprintf(&b, `<desc id="%s-uitleg">%s</desc>`+"\n", s.ID, esc(s.Desc))
	b.WriteString("<defs>\n")
	for _, k := range s.Order {
		st := s.Styles[k]
		if !st.Arrow {
			continue
		}
		fmt.Fprintf(&b, `<marker id="%s-pijl-%s" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto"><path d="M0 0L10 5L0 10z" fill="%s"/></marker>`+"\n",
			s.ID, k, esc(st.Color))
	}
	b.WriteString("</defs>\n")

	// Edges first, so the boxes cover their ends. Several ties to one node run side by side.
	b.WriteString(`<g class="graph-edges" aria-hidden="true">` + "\n")
	perNode := map[int]int{}
	for _, e := range s.Edges {
		perNode[e.To]++
	}
	seen := map[int]int{}
	for _, e := range s.Edges {
		if e.To < 0 || e.To >= n {
			continue
		}
		st := s.Styles[e.Kind]
		p := at[e.To]
		dx, dy := p.x-cx, p.y-cy
		l := math.Hypot(dx, dy)
		ux, uy := dx/l, dy/l
		off := (float64(seen[e.To]) - float64(perNode[e.To]-1)/2) * 7
		seen[e.To]++
		ox, oy := -uy*off, ux*off
		tc := boxExit(ux, uy, cw/2+3, nodeH/2+3)
		tn := boxExit(ux, uy, widths[e.To]/2+3, nodeH/2+3)
		x1, y1 := cx+ux*tc+ox, cy+uy*tc+oy
		x2, y2 := p.x-ux*tn+ox, p.y-uy*tn+oy
		if e.Inward {
			x1, y1, x2, y2 = x2, y2, x1, y1
		}
		fmt.Fprintf(&b, `<line class="graph-edge graph-edge--%s" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"`,
			e.Kind, num(x1), num(y1), num(x2), num(y2), esc(st.Color), num(st.Width))
		if st.Dash != "" {
			fmt.Fprintf(&b, ` stroke-dasharray="%s" stroke-linecap="round"`, st.Dash)
		}
		if st.Arrow {
			fmt.Fprintf(&b, ` marker-end="url(#%s-pijl-%s)"`, s.ID, e.Kind)
		}
		if e.Tooltip != "" {
			fmt.Fprintf(&b, "><title>%s</title></line>\n", esc(e.Tooltip))
		} else {
			b.WriteString("/>\n")
		}
	}
	b.WriteString("</g>\n")

	writeNode(&b, s.Centre, cx, cy, cw, true)
	for i, nd := range s.Nodes {
		writeNode(&b, nd, at[i].x, at[i].y, widths[i], false)
	}
	b.WriteString("</svg>")
	return b.String()
}

type pos struct{ x, y float64 }

// layout puts the neighbours on an ellipse around the centre (0, 0), the first at the top,
// clockwise; past ringSingle neighbours every other one sits on an inner ring. The ellipse
// grows until no two boxes touch.
func layout(widths []float64, centreW float64) (at []pos, rx, ry float64) {
	n := len(widths)
	rx = math.Max(210, float64(n)*24)
	ry = math.Max(120, float64(n)*13)
	at = make([]pos, n)
	for range 40 {
		for i := range n {
			a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
			r := 1.0
			if n > ringSingle && i%2 == 1 {
				r = 0.62
			}
			at[i] = pos{r * rx * math.Cos(a), r * ry * math.Sin(a)}
		}
		if !overlap(at, widths, centreW) {
			break
		}
		rx *= 1.1
		ry *= 1.06
	}
	return at, rx, ry
}

// overlap reports whether any two boxes (the centre's included) come closer than a gap.
func overlap(at []pos, widths []float64, centreW float64) bool {
	const gap = 10
	touch := func(a pos, wa float64, b pos, wb float64) bool {
		return math.Abs(a.x-b.x) < (wa+wb)/2+gap && math.Abs(a.y-b.y) < nodeH+gap
	}
	for i := range at {
		if touch(at[i], widths[i], pos{}, centreW) {
			return true
		}
		for j := i + 1; j < len(at); j++ {
			if touch(at[i], widths[i], at[j], widths[j]) {
				return true
			}
		}
	}
	return false
}

// writeNode draws one box with its label, inside a link when it has one.
func writeNode(b *strings.Builder, nd Node, x, y, w float64, centre bool) {
	class, fill, stroke, ink := "graph-node", "#ffffff", "#4a5560", "#1d2327"
	if centre {
		class, fill, stroke, ink = "graph-node graph-node--centre", "#2f5d50", "#2f5d50", "#ffffff"
	}
	if nd.Missing {
		class += " graph-node--missing"
	}
	indent := ""
	if nd.URL != "" && !centre {
		fmt.Fprintf(b, `<a href="%s">`+"\n", esc(nd.URL))
		indent = " "
	}
	fmt.Fprintf(b, `%s<g class="%s">`, indent, class)
	fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="6" fill="%s" stroke="%s" stroke-width="1.5"`,
		num(x-w/2), num(y-nodeH/2), num(w), num(nodeH), fill, stroke)
	if nd.Missing {
		b.WriteString(` stroke-dasharray="4 3"`)
	}
	b.WriteString("/>")
	label := shorten(nd.Label)
	if nd.Sub == "" {
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="13" font-weight="700" fill="%s">%s</text>`,
			num(x), num(y+4.5), ink, esc(label))
	} else {
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="13" font-weight="700" fill="%s">%s</text>`,
			num(x), num(y-3), ink, esc(label))
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="11" fill="%s">%s</text>`,
			num(x), num(y+12), ink, esc(nd.Sub))
	}
	b.WriteString("</g>\n")
	if nd.URL != "" && !centre {
		b.WriteString("</a>\n")
	}
}

// nodeWidth fits a box to its longest line.
func nodeWidth(nd Node) float64 {
	w := float64(utf8.RuneCountInString(shorten(nd.Label))) * charW
	w = math.Max(w, float64(utf8.RuneCountInString(nd.Sub))*subCharW)
	return math.Max(minNodeW, math.Ceil(w+2*padX))
}

// boxExit is how far a ray from a box's centre in direction (ux, uy) runs inside the box.
func boxExit(ux, uy, hw, hh float64) float64 {
	t := math.Inf(1)
	if ux != 0 {
		t = math.Min(t, hw/math.Abs(ux))
	}
	if uy != 0 {
		t = math.Min(t, hh/math.Abs(uy))
	}
	return t
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= maxLabel {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:maxLabel-1])) + "…"
}

// num writes a coordinate with one decimal, without a trailing ".0", so output is stable.
func num(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s
}

func esc(s string) string { return html.EscapeString(s) }

// Swatch is a short line in a style, for a legend beside the drawing. It is decorative: the
// legend's text says what the line means.
func Swatch(st Style) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="graph-swatch" width="40" height="12" viewBox="0 0 40 12" aria-hidden="true" focusable="false"><line x1="2" y1="6" x2="%s" y2="6" stroke="%s" stroke-width="%s"`,
		map[bool]string{true: "30", false: "38"}[st.Arrow], esc(st.Color), num(st.Width))
	if st.Dash != "" {
		fmt.Fprintf(&b, ` stroke-dasharray="%s" stroke-linecap="round"`, st.Dash)
	}
	b.WriteString("/>")
	if st.Arrow {
		fmt.Fprintf(&b, `<path d="M30 1L39 6L30 11z" fill="%s"/>`, esc(st.Color))
	}
	b.WriteString("</svg>")
	return b.String()
}
