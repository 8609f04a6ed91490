package web

import (
	"strings"
	"sync"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// kindPrompts are the questions shown beside the editor. They come from the kind's own
// template (its headings and the italic question under each), so the kind package stays the
// one place that words them.
type kindPrompts struct {
	Intro     string
	Sections  []promptSection
	Interview bool // portraits: also show interview topics for a pupil and a parent
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
		p.Interview = k == wiki.Portrait
		m[k] = p
	}
	return m
})

// promptsFor returns the prompts of a kind; they are shared and read only.
func promptsFor(k wiki.Kind) *kindPrompts { return prompts()[k] }

// parsePrompts reads a template: "## Heading" lines, the "_question_" line under each, and
// "- _item_" lines. Placeholders such as "1. …" are for the page, not for the prompts.
func parsePrompts(tmpl []byte) *kindPrompts {
	p := &kindPrompts{}
	var cur *promptSection
	for _, line := range strings.Split(string(tmpl), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "## "):
			p.Sections = append(p.Sections, promptSection{Heading: strings.TrimSpace(line[3:])})
			cur = &p.Sections[len(p.Sections)-1]
		case strings.HasPrefix(line, "- _") && cur != nil:
			cur.Items = append(cur.Items, unItalic(line[2:]))
		case strings.HasPrefix(line, "_") && strings.HasSuffix(line, "_") && len(line) > 2:
			if cur == nil {
				p.Intro = unItalic(line)
			} else if cur.Text == "" {
				cur.Text = unItalic(line)
			}
		}
	}
	return p
}

func unItalic(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '_' && s[len(s)-1] == '_' {
		s = s[1 : len(s)-1]
	}
	return strings.TrimSpace(s)
}
