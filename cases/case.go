// Package cases is the casus kind: one pupil the team is worried about, and the four steps the
// team takes — portraits (wat), themes (waar), frames (hoe) and actions (organiseren).
package cases

import (
	_ "embed"
	"fmt"
	"time"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/themes"
)

// Status is whether the team is still working on the casus.
type Status string

// CheckValue restricts Status to open and afgerond.
func (s Status) CheckValue() error { return wiki.OneOf(string(s), "open", "afgerond") }

// Where is the part of the pupil's lifeworld an action takes place in.
type Where string

// Wheres in display order: the lifeworld first, professional help last.
var Wheres = []string{"school", "gezin", "vrije tijd", "hulp"}

// CheckValue restricts Where to Wheres.
func (w Where) CheckValue() error { return wiki.OneOf(string(w), Wheres...) }

// ActionStatus is how far an action is.
type ActionStatus string

// ActionStatuses in the order an action goes through them.
var ActionStatuses = []string{"gepland", "bezig", "gedaan", "gestopt"}

// CheckValue restricts ActionStatus to ActionStatuses.
func (s ActionStatus) CheckValue() error { return wiki.OneOf(string(s), ActionStatuses...) }

// Theme is a theme the team chose for this casus, with why it matters here.
type Theme struct {
	Slug wiki.Slug `yaml:"slug" lw:"required"`
	Why  string    `yaml:"why,omitempty"`
}

// FromShort lets a chosen theme be written as just its slug.
func (t *Theme) FromShort(s string) error {
	t.Slug = wiki.Slug(s)
	return t.Slug.CheckValue()
}

// Action is a concrete step in the pupil's lifeworld, serving one frame.
type Action struct {
	What   string       `yaml:"what" lw:"required"`
	Who    string       `yaml:"who,omitempty"`
	Where  Where        `yaml:"where,omitempty"`
	When   wiki.Date    `yaml:"when,omitempty"`
	Frame  wiki.Slug    `yaml:"frame,omitempty"`
	Status ActionStatus `yaml:"status,omitempty"`
}

// Consent records permission given for something, such as sharing a portrait.
type Consent struct {
	By        string    `yaml:"by" lw:"required"`
	For       string    `yaml:"for" lw:"required"`
	Date      wiki.Date `yaml:"date,omitempty"`
	Until     wiki.Date `yaml:"until,omitempty"`
	Withdrawn wiki.Date `yaml:"withdrawn,omitempty"`
}

// ActiveOn reports whether the consent holds on a day: given (or no date recorded), not past
// its end, not withdrawn.
func (c Consent) ActiveOn(day time.Time) bool {
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	if t := c.Date.Time(); !t.IsZero() && t.After(day) {
		return false
	}
	if t := c.Until.Time(); !t.IsZero() && t.Before(day) {
		return false
	}
	if t := c.Withdrawn.Time(); !t.IsZero() && !t.After(day) {
		return false
	}
	return true
}

// Meta is the front matter of a casus.
type Meta struct {
	wiki.Head `yaml:",inline"`
	Team      wiki.Slug   `yaml:"team" lw:"required"`
	Status    Status      `yaml:"status,omitempty"`
	Portraits []wiki.Slug `yaml:"portraits,omitempty"`
	Themes    []Theme     `yaml:"themes,omitempty"`
	Frames    []wiki.Slug `yaml:"frames,omitempty"`
	Actions   []Action    `yaml:"actions,omitempty"`
	Consent   []Consent   `yaml:"consent,omitempty"`
	Closed    wiki.Date   `yaml:"closed,omitempty"`
	KeepUntil wiki.Date   `yaml:"keep-until,omitempty"`
}

//go:embed template.md
var template []byte

// Schema describes the casus kind to the rest of the product.
var Schema = wiki.Schema{Kind: wiki.Case, New: func() wiki.Meta { return &Meta{} }, Template: template}

// The method's "handful" of themes.
const (
	MinThemes = 3
	MaxThemes = 10
)

// Check holds the rules and the method's hints for a casus.
func (m *Meta) Check(c *wiki.Check) {
	if m.Status == "" {
		m.Status = "open"
	}
	for i := range m.Actions {
		if m.Actions[i].Status == "" {
			m.Actions[i].Status = "gepland"
		}
	}
	seen := map[wiki.Slug]bool{}
	for i, t := range m.Themes {
		if seen[t.Slug] {
			c.Error("case.theme-twice", fmt.Sprintf("themes[%d]", i), "het thema %q staat twee keer in deze casus", t.Slug)
		}
		seen[t.Slug] = true
	}
	for i, t := range m.Themes {
		if w, ok := themes.Abstract(string(t.Slug)); ok {
			c.Hint("case.abstract-theme", fmt.Sprintf("themes[%d].slug", i), "%s", w.Hint(string(t.Slug)))
		}
	}
	switch n := len(m.Themes); {
	case n > 0 && n < MinThemes:
		c.Hint("case.few-themes", "themes",
			"er staan %d thema's bij deze casus; met een handvol (zo'n %d tot %d) zie je meer van het hele verhaal", n, MinThemes, MaxThemes)
	case n > MaxThemes:
		c.Hint("case.many-themes", "themes",
			"er staan %d thema's bij deze casus; kies er een handvol (hooguit %d) die er echt toe doen", n, MaxThemes)
	}
	if len(m.Actions) > 0 && (len(m.Portraits) == 0 || len(m.Themes) == 0) {
		c.Hint("case.actions-too-soon", "actions",
			"er staan al acties bij deze casus, maar nog geen portret of thema's; ga niet te snel naar aanbod en kijk eerst naar het hele verhaal")
	}
	frames := map[wiki.Slug]bool{}
	for _, f := range m.Frames {
		frames[f] = true
	}
	for i, a := range m.Actions {
		field := fmt.Sprintf("actions[%d]", i)
		switch {
		case a.Frame == "":
			c.Hint("case.action-no-frame", field+".what",
				"de actie %q hoort nog bij geen frame; bij welke richting hoort hij?", a.What)
		case !frames[a.Frame]:
			c.Hint("case.action-frame-elsewhere", field+".frame",
				"de actie %q hoort bij frame %q, maar dat frame staat niet bij deze casus (frames)", a.What, a.Frame)
		}
	}
	if m.Status == "afgerond" && m.Closed == "" {
		c.Hint("case.closed-date", "status", "de casus is afgerond; vul de datum in waarop dat gebeurde (closed)")
	}
}

// Links are the team, the portraits, the chosen themes, the frames and the actions' frames.
func (m *Meta) Links() []wiki.FieldLink {
	links := []wiki.FieldLink{{Field: "team", Ref: wiki.Ref{Kind: wiki.Team, Slug: m.Team}}}
	links = append(links, wiki.SlugLinks("portraits", wiki.Portrait, m.Portraits)...)
	for i, t := range m.Themes {
		links = append(links, wiki.FieldLink{Field: fmt.Sprintf("themes[%d].slug", i), Ref: wiki.Ref{Kind: wiki.Theme, Slug: t.Slug}})
	}
	links = append(links, wiki.SlugLinks("frames", wiki.Frame, m.Frames)...)
	for i, a := range m.Actions {
		if a.Frame != "" {
			links = append(links, wiki.FieldLink{Field: fmt.Sprintf("actions[%d].frame", i), Ref: wiki.Ref{Kind: wiki.Frame, Slug: a.Frame}})
		}
	}
	return links
}
