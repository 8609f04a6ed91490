package web

import (
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Option configures a Server in New.
type Option func(*Server)

// WithBaseURL sets the public root URL of the server ("https://leefwereld.school.example"),
// so the Atom feed can carry absolute links. Without it the feed's links are relative.
func WithBaseURL(u string) Option {
	return func(s *Server) { s.baseURL = strings.TrimRight(u, "/") }
}

// Atom 1.0 (RFC 4287), only the elements we fill.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Base    string      `xml:"http://www.w3.org/XML/1998/namespace base,attr,omitempty"`
	Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Author  atomPerson `xml:"author"`
	Link    atomLink   `xml:"link"`
	Content atomText   `xml:"content"`
}

// feed is "recente wijzigingen" as an Atom feed: the newest 50 commits. Ids are urn:uuid
// derived from commit hashes, so they stay the same when the server moves to another address.
func (s *Server) feed(c *fiber.Ctx) error {
	s = s.as(c)
	items, _, err := s.recentItems("")
	if err != nil {
		return err
	}
	abs := func(p string) string { return s.baseURL + p } // relative (to xml:base) when baseURL is ""
	f := atomFeed{
		Base: s.baseURL + "/", Lang: "nl",
		Title:  "Leefwereld: recente wijzigingen",
		Author: atomPerson{"Leefwereld"},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: abs("/recent.atom")},
			{Rel: "alternate", Type: "text/html", Href: abs("/recent")},
		},
	}
	root := "leeg"
	if log, err := s.ws.Store.Log(0); err == nil && len(log) > 0 {
		root = log[len(log)-1].Hash // the first commit names the workspace
	}
	f.ID = uuidURN("workspace:" + root)
	f.Updated = time.Unix(0, 0).UTC().Format(time.RFC3339)
	if len(items) > 0 {
		f.Updated = items[0].When.UTC().Format(time.RFC3339)
	}
	for _, it := range items {
		title := firstLine(it.Message)
		if title == "" {
			title = "Wijziging " + it.Short
		}
		link := abs("/recent") // a commit that touched several pages has no one page to point at
		if len(it.Paths) == 1 && it.Paths[0].DiffURL != "" {
			link = abs(it.Paths[0].DiffURL)
		} else if len(it.Paths) == 1 && it.Paths[0].URL != "" {
			link = abs(it.Paths[0].URL)
		}
		f.Entries = append(f.Entries, atomEntry{
			ID: uuidURN("commit:" + it.Commit), Title: title,
			Updated: it.When.UTC().Format(time.RFC3339),
			Author:  atomPerson{it.Author},
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: link},
			Content: atomText{Type: "html", Body: entryHTML(it, abs)},
		})
	}
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("web: feed: %w", err)
	}
	c.Set(fiber.HeaderContentType, "application/atom+xml; charset=utf-8")
	return c.Send(append([]byte(xml.Header), out...))
}

// entryHTML lists what a commit changed, as escaped HTML for the entry's content.
func entryHTML(it recentItem, abs func(string) string) string {
	var b strings.Builder
	esc := template.HTMLEscapeString
	fmt.Fprintf(&b, "<p>%s, door %s.</p>", esc(dutchDate(it.When)), esc(it.Author))
	if it.Message != "" {
		fmt.Fprintf(&b, "<p>%s</p>", esc(it.Message))
	}
	if len(it.Paths) > 0 {
		b.WriteString("<ul>")
		for _, p := range it.Paths {
			if p.URL != "" {
				fmt.Fprintf(&b, `<li>%s: <a href="%s">%s</a></li>`, esc(p.Kind), esc(abs(p.URL)), esc(p.Label))
			} else {
				fmt.Fprintf(&b, "<li>%s: %s (bestaat nu niet meer)</li>", esc(p.Kind), esc(p.Label))
			}
		}
		if it.More > 0 {
			fmt.Fprintf(&b, "<li>en nog %d andere</li>", it.More)
		}
		b.WriteString("</ul>")
	}
	return b.String()
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(s)
}

// uuidURN makes a stable name-based (version 5 style) UUID from a name, as an Atom id.
func uuidURN(name string) string {
	h := sha1.Sum([]byte("leefwereld:" + name))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
