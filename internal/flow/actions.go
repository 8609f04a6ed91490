package flow

import (
	"fmt"
	"slices"
	"strings"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// AddAction adds a concrete step in the pupil's lifeworld, serving one frame on the board.
type AddAction struct {
	What, Who, Where, When string
	Frame                  wiki.Slug
}

// action is how an action is written in the casus's front matter; empty fields stay out.
type action struct {
	What   string `yaml:"what"`
	Who    string `yaml:"who,omitempty"`
	Where  string `yaml:"where,omitempty"`
	When   string `yaml:"when,omitempty"`
	Frame  string `yaml:"frame,omitempty"`
	Status string `yaml:"status"`
}

func (c AddAction) apply(e *edit) error {
	a := action{What: oneLine(c.What), Who: oneLine(c.Who), Where: c.Where, When: strings.TrimSpace(c.When),
		Frame: string(c.Frame), Status: cases.ActionStatuses[0]}
	if a.What == "" {
		return refuse(Invalid, "schrijf op wat er gaat gebeuren")
	}
	if a.Where != "" && !slices.Contains(cases.Wheres, a.Where) {
		return refuse(Invalid, "kies waar in de leefwereld: %s", strings.Join(cases.Wheres, ", "))
	}
	if err := wiki.Date(a.When).CheckValue(); err != nil {
		return refuse(Invalid, "%v", err)
	}
	if a.Frame != "" && !slices.Contains(e.casus.Frames, c.Frame) {
		return refuse(Invalid, "het frame %q staat niet op dit bord", c.Frame)
	}
	if err := e.change(e.ref, func(f *wiki.Front) error { return f.Append("actions", a) }); err != nil {
		return err
	}
	if a.Frame == "" {
		e.say("actie %q toegevoegd", a.What)
	} else {
		e.say("actie %q toegevoegd bij frame %q", a.What, e.titleOf(wiki.Ref{Kind: wiki.Frame, Slug: c.Frame}))
	}
	return nil
}

// ActionStatus moves an action on: gepland, bezig, gedaan, gestopt. Actions have no address of
// their own, so the change names the action's place and its text; when the list moved
// meanwhile, it is refused rather than changing another action.
type ActionStatus struct {
	Index  int
	What   string
	Status string
}

func (c ActionStatus) apply(e *edit) error {
	if !slices.Contains(cases.ActionStatuses, c.Status) {
		return refuse(Invalid, "kies een status: %s", strings.Join(cases.ActionStatuses, ", "))
	}
	if c.Index < 0 || c.Index >= len(e.casus.Actions) || strings.TrimSpace(e.casus.Actions[c.Index].What) != strings.TrimSpace(c.What) {
		return refuse(Conflict, "de acties op het bord zijn intussen veranderd; bekijk het bord opnieuw en probeer het nog eens")
	}
	field := fmt.Sprintf("actions[%d].status", c.Index)
	if err := e.change(e.ref, func(f *wiki.Front) error { return f.Set(field, c.Status) }); err != nil {
		return err
	}
	e.say("actie %q is nu %s", c.What, c.Status)
	return nil
}
