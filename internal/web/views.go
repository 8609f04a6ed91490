package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/templates"
)

// views is our small engine on html/template: layout.html and the partials (_*.html) are
// parsed once, then each page template is parsed into its own clone, so pages can all define
// "title" and "content" without clashing. Rendering takes no lock.
type views struct {
	pages map[string]*template.Template
	bufs  sync.Pool
}

// Base is what the layout needs from every page.
type Base struct {
	Title  string
	CSRF   string
	Query  string // the search box's text
	Notice string // a short message after an action ("Opgeslagen.")
	// User is the signed-in account's display name ("" on the login page); Admin says whether
	// the header links to the account administration.
	User  string
	Admin bool
}

// base fills the layout's fields for a request.
func (s *Server) base(c *fiber.Ctx, title string) Base {
	token, _ := c.Locals(localCSRF).(string)
	b := Base{Title: title, CSRF: token}
	if acc, ok := accountOf(c); ok {
		b.User, b.Admin = acc.Display, access.Allowed(acc.Subject(), access.Manage, access.Admin)
	}
	return b
}

func loadViews(a *assets) (*views, error) {
	funcs := template.FuncMap{
		"asset":      a.url,
		"kindLabel":  func(k wiki.Kind) string { return k.Label() },
		"date":       dutchDate,
		"short":      func(h string) string { return h[:min(len(h), 7)] },
		"day":        dutchDay,     // a front-matter date: "15 januari 2027"
		"sentence":   sentence,     // a hint as a sentence: capital, full stop
		"subject":    subjectLabel, // whose lifeworld a portrait shows: "een jongere"
		"boardPanel": boardPanelOf,
		"list":       func(items ...string) []string { return items }, // a fixed list of options // the board with its change forms (casus page) or without (print)
	}
	root, err := template.New("").Funcs(funcs).ParseFS(templates.FS, "layout.html", "_*.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	names, err := fs.Glob(templates.FS, "*.html")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}}
	v.bufs.New = func() any { return new(bytes.Buffer) }
	for _, n := range names {
		if n == "layout.html" || strings.HasPrefix(n, "_") {
			continue
		}
		t, err := template.Must(root.Clone()).ParseFS(templates.FS, n)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", n, err)
		}
		v.pages[strings.TrimSuffix(n, ".html")] = t
	}
	return v, nil
}

// render executes a page inside the layout and sends it as HTML.
func (s *Server) render(c *fiber.Ctx, page string, data any) error {
	t, ok := s.views.pages[page]
	if !ok {
		return fmt.Errorf("web: no template %q", page)
	}
	buf := s.views.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer s.views.bufs.Put(buf)
	if err := t.ExecuteTemplate(buf, "layout", data); err != nil {
		return fmt.Errorf("web: render %s: %w", page, err)
	}
	c.Type("html", "utf-8")
	return c.Send(buf.Bytes())
}

// dutchDate writes "23 november 2026, 14:05" in the server's time zone.
func dutchDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return wiki.DutchMoment(t.Local())
}
