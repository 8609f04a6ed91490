// Package frames is the frame kind: a direction the team works towards, rooted in the themes it
// found. A frame names a goal and leaves the means open; means belong to step 4.
package frames

import (
	_ "embed"
	"strings"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Status is where the team stands with a frame.
type Status string

// Statuses in the order a frame usually goes through them.
var Statuses = []string{"voorgesteld", "verkend", "gekozen", "losgelaten"}

// CheckValue restricts Status to Statuses.
func (s Status) CheckValue() error { return wiki.OneOf(string(s), Statuses...) }

// Visibility says whether other teams may see the frame as inspiration.
type Visibility string

// CheckValue restricts Visibility to team and gedeeld.
func (v Visibility) CheckValue() error { return wiki.OneOf(string(v), "team", "gedeeld") }

// Meta is the front matter of a frame.
type Meta struct {
	wiki.Head  `yaml:",inline"`
	Team       wiki.Slug   `yaml:"team" lw:"required"`
	Themes     []wiki.Slug `yaml:"themes,omitempty"`
	Combines   []wiki.Slug `yaml:"combines,omitempty"`
	Status     Status      `yaml:"status,omitempty"`
	Reason     string      `yaml:"reason,omitempty"`
	Visibility Visibility  `yaml:"visibility,omitempty"`
}

//go:embed template.md
var template []byte

// Schema describes the frame kind to the rest of the product.
var Schema = wiki.Schema{Kind: wiki.Frame, New: func() wiki.Meta { return &Meta{} }, Template: template}

// Check holds the method's hints for a frame.
func (m *Meta) Check(c *wiki.Check) {
	if m.Status == "" {
		m.Status = "voorgesteld"
	}
	if m.Visibility == "" {
		m.Visibility = "team"
	}
	if len(m.Themes) == 0 {
		c.Hint("frame.no-themes", "themes",
			"dit frame rust nog op geen enkel thema; noem de thema's waar het uit voortkomt (themes)")
	}
	if found := Means(m.Title + "\n" + string(c.Body)); len(found) > 0 {
		c.Hint("frame.names-means", "title",
			"dit frame noemt een middel (%s); een frame is een richting, het middel hoort bij stap 4: hoe organiseren we dat?",
			strings.Join(found[:min(len(found), 3)], ", "))
	}
	if m.Status == "losgelaten" && strings.TrimSpace(m.Reason) == "" {
		c.Hint("frame.no-reason", "status",
			"dit frame is losgelaten; schrijf kort op waarom (reason), dan kan het team daar later van leren")
	}
}

// Links are the team, the themes it rests on and the frames it combines.
func (m *Meta) Links() []wiki.FieldLink {
	links := []wiki.FieldLink{{Field: "team", Ref: wiki.Ref{Kind: wiki.Team, Slug: m.Team}}}
	links = append(links, wiki.SlugLinks("themes", wiki.Theme, m.Themes)...)
	return append(links, wiki.SlugLinks("combines", wiki.Frame, m.Combines)...)
}
