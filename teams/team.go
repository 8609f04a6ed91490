// Package teams is the team kind: who works together on a casus, and the spelregels they agreed
// before portraying anyone. A team owns its portraits, casussen and frames.
package teams

import (
	_ "embed"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Member is one person in the team and their role (mentor, intern begeleider, ouder …).
type Member struct {
	Name string `yaml:"name" lw:"required"`
	Role string `yaml:"role,omitempty"`
}

// Meta is the front matter of a team page.
type Meta struct {
	wiki.Head   `yaml:",inline"`
	Members     []Member `yaml:"members,omitempty"`
	Coordinator string   `yaml:"coordinator,omitempty"`
}

//go:embed template.md
var template []byte

// Schema describes the team kind to the rest of the product.
var Schema = wiki.Schema{Kind: wiki.Team, New: func() wiki.Meta { return &Meta{} }, Template: template}

// Check points out a coordinator who is not one of the members.
func (m *Meta) Check(c *wiki.Check) {
	if m.Coordinator == "" {
		return
	}
	for _, p := range m.Members {
		if p.Name == m.Coordinator {
			return
		}
	}
	if len(m.Members) > 0 {
		c.Hint("team.coordinator-not-member", "coordinator",
			"%q coördineert, maar staat niet bij de leden (members)", m.Coordinator)
	}
}

// Links: a team page links to no other page in its front matter.
func (m *Meta) Links() []wiki.FieldLink { return nil }
