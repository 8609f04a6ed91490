package inzage

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// localize rewrites the links of one rendered, sanitised page body so the file works on its own,
// opened from a folder, without a network: a link to a page or attachment in the bundle points
// to its file there (relative, through up), and every other link — a theme, a page outside the
// bundle, a website — becomes plain text; a website's address is written after it, so nothing
// is lost and nothing is fetched or followed by accident. local maps an app path ("/portraits/
// sam", "/media/sam/foto.png") to the entry that holds it.
func localize(fragment, up string, local func(appPath string) (string, bool)) string {
	var out bytes.Buffer
	out.Grow(len(fragment))
	z := html.NewTokenizer(strings.NewReader(fragment))
	var (
		inLink   bool
		linkText strings.Builder
		external string // the address of the link being turned into text, if it is a website
	)
	for {
		tt := z.Next()
		if tt == html.ErrorToken { // io.EOF: the tokenizer reads to the end of any input
			return out.String()
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "a":
				href, ok := attr(tok, "href")
				if !ok || strings.HasPrefix(href, "#") {
					out.Write(raw)
					continue
				}
				if target, ok := resolveLocal(href, local); ok {
					setAttr(&tok, "href", up+target)
					out.WriteString(tok.String())
					continue
				}
				inLink, external = true, ""
				linkText.Reset()
				if u, err := url.Parse(href); err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto") {
					external = href
				}
				out.WriteString(`<span class="link-buiten">`)
				continue
			case "img", "source":
				if src, ok := attr(tok, "src"); ok {
					if target, ok := resolveLocal(src, local); ok {
						setAttr(&tok, "src", up+target)
					} else {
						removeAttr(&tok, "src")
					}
					out.WriteString(tok.String())
					continue
				}
			}
			out.Write(raw)
		case html.EndTagToken:
			if inLink && z.Token().Data == "a" {
				out.WriteString("</span>")
				if shown := strings.TrimPrefix(external, "mailto:"); external != "" && strings.TrimSpace(linkText.String()) != shown {
					out.WriteString(" (" + html.EscapeString(shown) + ")")
				}
				inLink = false
				continue
			}
			out.Write(raw)
		case html.TextToken:
			if inLink {
				linkText.WriteString(html.UnescapeString(string(raw)))
			}
			out.Write(raw)
		default:
			out.Write(raw)
		}
	}
}

// resolveLocal turns a link of the app into the bundle entry it names, escaped for an href.
func resolveLocal(ref string, local func(string) (string, bool)) (string, bool) {
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || u.RawQuery != "" || !strings.HasPrefix(u.Path, "/") {
		return "", false
	}
	target, ok := local(u.Path)
	if !ok {
		return "", false
	}
	segs := strings.Split(target, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	out := strings.Join(segs, "/")
	if u.Fragment != "" {
		out += "#" + url.PathEscape(u.Fragment)
	}
	return out, true
}

func attr(t html.Token, key string) (string, bool) {
	for _, a := range t.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func setAttr(t *html.Token, key, val string) {
	for i, a := range t.Attr {
		if a.Namespace == "" && a.Key == key {
			t.Attr[i].Val = val
		}
	}
}

func removeAttr(t *html.Token, key string) {
	kept := t.Attr[:0]
	for _, a := range t.Attr {
		if a.Namespace != "" || a.Key != key {
			kept = append(kept, a)
		}
	}
	t.Attr = kept
}
