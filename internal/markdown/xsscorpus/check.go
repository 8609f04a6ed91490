package xsscorpus

import (
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// forbidden are the elements rendered user text must never contain: they run script, load
// another document, change where links or forms go, or style the page.
var forbidden = map[string]bool{
	"script": true, "style": true, "iframe": true, "frame": true, "frameset": true, "object": true,
	"embed": true, "applet": true, "base": true, "meta": true, "link": true, "form": true,
	"svg": true, "math": true, "template": true, "noscript": true,
}

// urlAttrs are the attributes that hold a URL a browser may follow, load or submit to.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "srcset": true,
	"poster": true, "background": true, "data": true, "cite": true, "longdesc": true, "lowsrc": true,
	"dynsrc": true, "codebase": true, "ping": true, "manifest": true, "icon": true,
}

// scheme is a URL scheme as the URL standard reads one: a letter, then letters, digits, "+",
// "-" or ".", then ":". Anything else before the first ":" makes the URL relative.
var scheme = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*):`)

// Check parses rendered HTML the way a browser parses it inside <body> and reports every
// element, attribute or URL in it that could run script or change the page: the forbidden
// elements above (SVG and MathML included), any attribute starting with "on", srcdoc,
// http-equiv, style, and any URL attribute that is not relative, a fragment, http(s) or
// mailto. URLs are read after entity decoding (the parser does that) and with every space
// and control character removed, which is stricter than a browser. It returns nil when the
// HTML is clean.
func Check(fragment string) []string {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), ctx)
	if err != nil {
		return []string{fmt.Sprintf("parse: %v", err)}
	}
	return walk(nodes, func(*html.Node) bool { return false })
}

// CheckPage is Check for a whole page of the app, where user text sits inside the layout:
// the layout's own elements are allowed — its stylesheets and script from /static/, its meta
// charset and viewport, the feed link, forms that post to a path of this site, and the
// theme page's drawing and its legend (<svg class="graph"> and "graph-swatch", without
// script, foreignObject, animation, use or image) — and everything else follows Check's rules, attributes of the allowed elements
// included.
func CheckPage(page string) []string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return []string{fmt.Sprintf("parse: %v", err)}
	}
	return walk([]*html.Node{doc}, layoutElement)
}

// layoutElement reports whether n is one of the layout's own elements that Check forbids in
// user text.
func layoutElement(n *html.Node) bool {
	if n.Namespace == "svg" {
		return inGraph(n)
	}
	if n.Namespace != "" {
		return false
	}
	attr := func(key string) (string, bool) {
		for _, a := range n.Attr {
			if a.Namespace == "" && strings.EqualFold(a.Key, key) {
				return a.Val, true
			}
		}
		return "", false
	}
	local := func(key string) bool { // a path of this site, not //host
		v, ok := attr(key)
		return ok && strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//") && !strings.HasPrefix(v, "/\\")
	}
	switch n.Data {
	case "script":
		src, _ := attr("src")
		return strings.HasPrefix(src, "/static/") && n.FirstChild == nil
	case "link":
		return local("href")
	case "meta":
		_, equiv := attr("http-equiv")
		return !equiv
	case "form":
		return local("action")
	}
	return false
}

// graphUnsafe are the SVG elements the drawing never has: they run script, hold HTML, load
// another document or change attributes over time.
var graphUnsafe = map[string]bool{"script": true, "foreignobject": true, "animate": true, "animatemotion": true,
	"animatetransform": true, "set": true, "use": true, "image": true, "handler": true, "discard": true}

// inGraph reports whether an SVG element is a safe part of the app's drawing: inside an
// outermost <svg class="graph"> or one of its legend's <svg class="graph-swatch">.
func inGraph(n *html.Node) bool {
	if graphUnsafe[strings.ToLower(n.Data)] {
		return false
	}
	for ; n != nil && n.Namespace == "svg"; n = n.Parent {
		if n.Data == "svg" && (n.Parent == nil || n.Parent.Namespace != "svg") {
			for _, a := range n.Attr {
				if a.Namespace == "" && a.Key == "class" && (a.Val == "graph" || a.Val == "graph-swatch") {
					return true
				}
			}
			return false
		}
	}
	return false
}

// walk checks every element below nodes; allow waives the forbidden-element rule for some.
func walk(nodes []*html.Node, allow func(*html.Node) bool) []string {
	var problems []string
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			problems = append(problems, checkElement(n, allow(n))...)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	for _, n := range nodes {
		visit(n)
	}
	return problems
}

// checkElement checks one element and its attributes; allowed skips the element's name.
func checkElement(n *html.Node, allowed bool) []string {
	var problems []string
	name := strings.ToLower(n.Data)
	if !allowed && (forbidden[name] || n.Namespace == "svg" || n.Namespace == "math") {
		problems = append(problems, fmt.Sprintf("element <%s>", qualified(n.Namespace, name)))
	}
	for _, a := range n.Attr {
		key := strings.ToLower(qualified(a.Namespace, a.Key))
		switch {
		case strings.HasPrefix(strings.ToLower(a.Key), "on"):
			problems = append(problems, fmt.Sprintf("<%s %s=%q>: event handler", name, key, a.Val))
		case key == "style":
			problems = append(problems, fmt.Sprintf("<%s style=%q>: style attribute", name, a.Val))
		case key == "srcdoc" || key == "http-equiv":
			problems = append(problems, fmt.Sprintf("<%s %s=%q>", name, key, a.Val))
		case key == "srcset":
			for _, cand := range strings.Split(a.Val, ",") {
				if f := strings.Fields(cand); len(f) > 0 && !SafeURL(f[0]) {
					problems = append(problems, fmt.Sprintf("<%s srcset=%q>: URL %q", name, a.Val, f[0]))
				}
			}
		case urlAttrs[key] && !SafeURL(a.Val):
			problems = append(problems, fmt.Sprintf("<%s %s=%q>: URL scheme", name, key, a.Val))
		}
	}
	return problems
}

func qualified(ns, name string) string {
	if ns == "" {
		return name
	}
	return ns + ":" + name
}

// SafeURL reports whether an (entity-decoded) URL is relative, a fragment, or http, https or
// mailto, after removing every ASCII space and control character, which browsers skip at the
// ends of a URL and (tabs, newlines) inside its scheme.
func SafeURL(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, u)
	m := scheme.FindStringSubmatch(u)
	if m == nil {
		return true // relative: a path, a query, a fragment or //host
	}
	switch strings.ToLower(m[1]) {
	case "http", "https", "mailto":
		return true
	}
	return false
}
