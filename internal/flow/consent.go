package flow

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// AddConsent records permission someone gave (a parent, or a pupil from 16) for something.
type AddConsent struct {
	By, For     string
	Date, Until string // JJJJ-MM-DD; Date empty means today
	Today       time.Time
}

// consent is how a consent record is written in the casus's front matter.
type consent struct {
	By    string `yaml:"by"`
	For   string `yaml:"for"`
	Date  string `yaml:"date,omitempty"`
	Until string `yaml:"until,omitempty"`
}

func (c AddConsent) apply(e *edit) error {
	r := consent{By: oneLine(c.By), For: oneLine(c.For), Date: strings.TrimSpace(c.Date), Until: strings.TrimSpace(c.Until)}
	if r.By == "" || r.For == "" {
		return refuse(Invalid, "vul in wie toestemming gaf en waarvoor")
	}
	if r.Date == "" {
		r.Date = c.Today.Format(wiki.DateLayout)
	}
	for _, d := range []string{r.Date, r.Until} {
		if err := wiki.Date(d).CheckValue(); err != nil {
			return refuse(Invalid, "%v", err)
		}
	}
	if r.Until != "" && r.Until < r.Date {
		return refuse(Invalid, "de toestemming kan niet eindigen voordat ze begint")
	}
	if err := e.change(e.ref, func(f *wiki.Front) error { return f.Append("consent", r) }); err != nil {
		return err
	}
	e.say("toestemming vastgelegd van %s voor %q", r.By, r.For)
	return nil
}

// WithdrawConsent records that a consent was taken back, on a day. The record stays: that
// there was consent, and until when, is part of what the school must be able to show.
type WithdrawConsent struct {
	Index   int
	By, For string // the record as the form showed it, so a moved list is refused
	On      string // JJJJ-MM-DD; empty means today
	Today   time.Time
}

func (c WithdrawConsent) apply(e *edit) error {
	if c.Index < 0 || c.Index >= len(e.casus.Consent) || e.casus.Consent[c.Index].By != c.By || e.casus.Consent[c.Index].For != c.For {
		return refuse(Conflict, "de toestemmingen zijn intussen veranderd; bekijk het bord opnieuw en probeer het nog eens")
	}
	if e.casus.Consent[c.Index].Withdrawn != "" {
		return refuse(Conflict, "deze toestemming is al ingetrokken")
	}
	on := strings.TrimSpace(c.On)
	if on == "" {
		on = c.Today.Format(wiki.DateLayout)
	}
	if err := wiki.Date(on).CheckValue(); err != nil {
		return refuse(Invalid, "%v", err)
	}
	field := fmt.Sprintf("consent[%d].withdrawn", c.Index)
	if err := e.change(e.ref, func(f *wiki.Front) error { return f.Set(field, wiki.Date(on)) }); err != nil {
		return err
	}
	e.say("toestemming van %s voor %q ingetrokken", c.By, c.For)
	return nil
}

// ShareFrame lets other teams see a frame as inspiration. Sharing rests on a consent of this
// casus that holds today; the commit message names it, so the history is the log of shares.
type ShareFrame struct {
	Frame   wiki.Slug
	Consent int // the index of the consent record it rests on
	Today   time.Time
}

func (c ShareFrame) apply(e *edit) error {
	if !slices.Contains(e.casus.Frames, c.Frame) {
		return refuse(NotFound, "het frame %q staat niet op dit bord", c.Frame)
	}
	if c.Consent < 0 || c.Consent >= len(e.casus.Consent) {
		return refuse(Invalid, "kies de toestemming waarop het delen rust; staat die er nog niet bij, leg hem dan eerst vast")
	}
	cs := e.casus.Consent[c.Consent]
	if !cs.ActiveOn(c.Today) {
		return refuse(Invalid, "de toestemming van %s voor %q geldt vandaag niet (meer); zonder geldige toestemming deel je niets buiten het team", cs.By, cs.For)
	}
	ref := wiki.Ref{Kind: wiki.Frame, Slug: c.Frame}
	page, err := e.page(ref)
	if err != nil {
		return err
	}
	m := page.Meta.(*frames.Meta)
	if m.Team != e.casus.Team {
		return refuse(Invalid, "dit frame is van een ander team; alleen dat team kan het delen")
	}
	if m.Visibility == "gedeeld" {
		return refuse(Conflict, "het frame %q is al gedeeld", page.Title())
	}
	if err := e.change(ref, func(f *wiki.Front) error { return f.Set("visibility", "gedeeld") }); err != nil {
		return err
	}
	e.say("frame %q gedeeld met andere teams, met toestemming van %s voor %q%s", page.Title(), cs.By, cs.For, since(cs))
	return nil
}

func since(cs cases.Consent) string {
	if cs.Date == "" {
		return ""
	}
	return " (" + string(cs.Date) + ")"
}

// UnshareFrame makes a frame the team's own again.
type UnshareFrame struct {
	Frame wiki.Slug
}

func (c UnshareFrame) apply(e *edit) error {
	if !slices.Contains(e.casus.Frames, c.Frame) {
		return refuse(NotFound, "het frame %q staat niet op dit bord", c.Frame)
	}
	ref := wiki.Ref{Kind: wiki.Frame, Slug: c.Frame}
	page, err := e.page(ref)
	if err != nil {
		return err
	}
	if err := e.change(ref, func(f *wiki.Front) error { return f.Set("visibility", "team") }); err != nil {
		return err
	}
	e.say("frame %q is weer alleen voor het eigen team", page.Title())
	return nil
}
