package markdown

import (
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// audioTypes maps the attachment extensions we play inline to their MIME type.
var audioTypes = map[string]string{
	".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".oga": "audio/ogg",
	".opus": "audio/ogg", ".wav": "audio/wav",
}

// isMediaURL reports whether u names an attachment served by the app: a plain absolute path
// under /media/, with no scheme, host, query, fragment, dot segments or doubled slashes.
// Images and audio may only come from there: the browser makes no external requests (design:
// private by default), and data: URLs are out.
func isMediaURL(u *url.URL) bool {
	return u.Scheme == "" && u.Opaque == "" && u.User == nil && u.Host == "" &&
		u.RawQuery == "" && !u.ForceQuery && u.Fragment == "" &&
		strings.HasPrefix(u.Path, "/media/") && path.Clean(u.Path) == u.Path &&
		!strings.ContainsAny(u.Path, "\\\x00")
}

// renderImage replaces goldmark's: ![alt](/media/…) becomes <img> (or <audio> for sound
// files); any other destination becomes an ordinary link with the alt text, so an outside
// image is never fetched without a click.
func (nodeRenderer) renderImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.Image)
	dest := util.URLEscape(n.Destination, true)
	var alt strings.Builder
	writeInline(&alt, source, n, nil)
	u, err := url.Parse(string(dest))
	switch {
	case mentionsScript(dest):
		_, _ = w.Write(util.EscapeHTML([]byte(alt.String())))
	case err == nil && isMediaURL(u):
		if typ, ok := audioTypes[strings.ToLower(path.Ext(u.Path))]; ok {
			_, _ = w.WriteString(`<audio controls=""><source src="`)
			_, _ = w.Write(util.EscapeHTML(dest))
			_, _ = w.WriteString(`" type="` + typ + `">`)
			_, _ = w.Write(util.EscapeHTML([]byte(alt.String())))
			_, _ = w.WriteString(`</audio>`)
			break
		}
		_, _ = w.WriteString(`<img src="`)
		_, _ = w.Write(util.EscapeHTML(dest))
		_, _ = w.WriteString(`" alt="`)
		_, _ = w.Write(util.EscapeHTML([]byte(alt.String())))
		_ = w.WriteByte('"')
		if n.Title != nil {
			_, _ = w.WriteString(` title="`)
			_, _ = w.Write(util.EscapeHTML(n.Title))
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
	default:
		label := alt.String()
		if strings.TrimSpace(label) == "" {
			label = string(n.Destination)
		}
		_, _ = w.WriteString(`<a href="`)
		if !html.IsDangerousURL(dest) {
			_, _ = w.Write(util.EscapeHTML(dest))
		}
		_ = w.WriteByte('"')
		if isExternal(string(dest)) {
			_, _ = w.WriteString(` rel="` + externalRel + `"`)
		}
		_ = w.WriteByte('>')
		_, _ = w.Write(util.EscapeHTML([]byte(label)))
		_, _ = w.WriteString(`</a>`)
	}
	return ast.WalkSkipChildren, nil
}
