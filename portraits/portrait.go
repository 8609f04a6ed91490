// Package portraits is the leefwereldportret kind: its front matter, its rules and the method's
// hints for it. A portrait describes a child's daily life; it is finished only when the person
// portrayed recognises it ("Ja, dat ben ik!").
package portraits

import (
	_ "embed"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Subject is whose lifeworld the portrait shows.
type Subject string

// Subjects in the order the UI offers them.
var Subjects = []string{"jongere", "ouder", "gezin", "groep", "professional", "zelf"}

// CheckValue restricts Subject to Subjects.
func (s Subject) CheckValue() error { return wiki.OneOf(string(s), Subjects...) }

// Status is how far the portrait is: written, discussed in the team, recognised by the person.
type Status string

// The statuses of a portrait.
const (
	Concept   Status = "concept"
	Besproken Status = "besproken"
	Herkend   Status = "herkend"
)

// CheckValue restricts Status to the three steps.
func (s Status) CheckValue() error { return wiki.OneOf(string(s), "concept", "besproken", "herkend") }

// Recognition records that the portrayed person recognised the portrait.
type Recognition struct {
	By      string    `yaml:"by" lw:"required"`
	On      wiki.Date `yaml:"on"`
	Remarks string    `yaml:"remarks,omitempty"`
}

// Meta is the front matter of a portrait.
type Meta struct {
	wiki.Head  `yaml:",inline"`
	Team       wiki.Slug    `yaml:"team" lw:"required"`
	Cases      []wiki.Slug  `yaml:"cases,omitempty"`
	Subject    Subject      `yaml:"subject,omitempty"`
	Status     Status       `yaml:"status,omitempty"`
	Recognized *Recognition `yaml:"recognized,omitempty"`
	Punctum    string       `yaml:"punctum,omitempty"`
	Horizon    string       `yaml:"horizon,omitempty"`
	// Domains are the parts of daily life the portrait covers ("het hele plaatje"); the team
	// sees the others as blind spots.
	Domains []Domain `yaml:"domains,omitempty"`
}

//go:embed template.md
var template []byte

// Schema describes the portrait kind to the rest of the product.
var Schema = wiki.Schema{Kind: wiki.Portrait, New: func() wiki.Meta { return &Meta{} }, Template: template}

// Defaults fills in what an omitted field means.
func (m *Meta) defaults() {
	if m.Subject == "" {
		m.Subject = "jongere"
	}
	if m.Status == "" {
		m.Status = Concept
	}
}

// Check holds the method's hints for a portrait.
func (m *Meta) Check(c *wiki.Check) {
	m.defaults()
	switch {
	case m.Status == Herkend && m.Recognized == nil:
		c.Hint("portrait.recognized-missing", "status",
			"de status is herkend, maar er staat niet bij wie het portret herkende en wanneer (recognized)")
	case m.Status != Herkend:
		c.Hint("portrait.not-recognized", "status",
			"dit portret is nog niet herkend door wie erin staat; het is pas af als die zegt: ja, dat ben ik")
	}
}

// Links are the team and the casussen the portrait belongs to.
func (m *Meta) Links() []wiki.FieldLink {
	links := []wiki.FieldLink{{Field: "team", Ref: wiki.Ref{Kind: wiki.Team, Slug: m.Team}}}
	return append(links, wiki.SlugLinks("cases", wiki.Case, m.Cases)...)
}
