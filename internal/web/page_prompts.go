package web

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// kindPrompts are the questions shown beside the editor. They come from the kind's own
// template (its headings and the italic question under each), so the kind package stays the
// one place that words them.
type kindPrompts struct {
	Intro     string
	Sections  []promptSection
	Interview *interviewView // portraits: also the interview topics, for a pupil and a parent
}

type promptSection struct {
	Heading string
	Text    string
	Items   []string
}

var prompts = sync.OnceValue(func() map[wiki.Kind]*kindPrompts {
	m := map[wiki.Kind]*kindPrompts{}
	for _, k := range wiki.Kinds {
		p := parsePrompts(workspace.Schema(k).Template)
		extendPrompts(k, p)
		m[k] = p
	}
	return m
})

// promptsFor returns the prompts of a kind; they are shared and read only.
func promptsFor(k wiki.Kind) *kindPrompts { return prompts()[k] }

// parsePrompts reads a template: "## Heading" lines, the "_question_" line under each, and
// "- _item_" lines. A "### Sub-heading" (a theme's sources) is an item too, with the question
// under it: "Kunst: welk lied …". Placeholders such as "1. …" are for the page, not for the
// prompts.
func parsePrompts(tmpl []byte) *kindPrompts {
	p := &kindPrompts{}
	var cur *promptSection
	sub := false // the last item is a sub-heading still waiting for its question
	for _, line := range strings.Split(string(tmpl), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "## "):
			p.Sections = append(p.Sections, promptSection{Heading: strings.TrimSpace(line[3:])})
			cur, sub = &p.Sections[len(p.Sections)-1], false
		case strings.HasPrefix(line, "### ") && cur != nil:
			cur.Items = append(cur.Items, strings.TrimSpace(line[4:]))
			sub = true
		case strings.HasPrefix(line, "- _") && cur != nil:
			cur.Items = append(cur.Items, unItalic(line[2:]))
		case strings.HasPrefix(line, "_") && strings.HasSuffix(line, "_") && len(line) > 2:
			switch {
			case cur == nil:
				p.Intro = unItalic(line)
			case sub:
				if item := &cur.Items[len(cur.Items)-1]; strings.HasSuffix(*item, "?") {
					*item += " " + unItalic(line) // a question heading: "Waar gaat het in over? Waar …"
				} else {
					*item += ": " + lowerFirst(unItalic(line))
				}
				sub = false
			case cur.Text == "":
				cur.Text = unItalic(line)
			}
		}
	}
	return p
}

// lowerFirst writes a question after a colon: "Kunst: welk lied …".
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

func unItalic(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '_' && s[len(s)-1] == '_' {
		s = s[1 : len(s)-1]
	}
	return strings.TrimSpace(s)
}
