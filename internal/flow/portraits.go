package flow

import (
	"slices"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
)

// AddPortrait writes a new portrait for the casus, from the portrait template.
type AddPortrait struct {
	Title   string // a pseudonym and a setting ("Sam thuis"), not a full name
	Subject string // whose lifeworld: jongere, ouder …; "" means jongere
}

func (c AddPortrait) apply(e *edit) error {
	title := oneLine(c.Title)
	slug, err := slugFor("titel voor het portret", title)
	if err != nil {
		return err
	}
	if c.Subject != "" {
		if err := portraits.Subject(c.Subject).CheckValue(); err != nil {
			return refuse(Invalid, "%v", err)
		}
	}
	ref := wiki.Ref{Kind: wiki.Portrait, Slug: slug}
	err = e.create(ref, title, func(f *wiki.Front) error {
		if err := f.Set("cases", []string{string(e.ref.Slug)}); err != nil {
			return err
		}
		return f.Set("subject", c.Subject)
	})
	if err != nil {
		return err
	}
	if err := e.change(e.ref, func(f *wiki.Front) error { return f.Append("portraits", string(slug)) }); err != nil {
		return err
	}
	e.say("nieuw portret %q", title)
	return nil
}

// LinkPortrait puts an existing portrait on the board, and the casus on the portrait.
type LinkPortrait struct {
	Portrait string // slug or title
}

func (c LinkPortrait) apply(e *edit) error {
	slug, err := slugFor("portret", c.Portrait)
	if err != nil {
		return err
	}
	ref := wiki.Ref{Kind: wiki.Portrait, Slug: slug}
	page, err := e.page(ref)
	if err != nil {
		return err
	}
	if slices.Contains(e.casus.Portraits, slug) {
		return refuse(Conflict, "het portret %q staat al op het bord", page.Title())
	}
	m := page.Meta.(*portraits.Meta)
	if m.Team != e.casus.Team {
		return refuse(Invalid, "het portret %q hoort bij een ander team", slug)
	}
	if !slices.Contains(m.Cases, e.ref.Slug) {
		if err := e.change(ref, func(f *wiki.Front) error { return f.Append("cases", string(e.ref.Slug)) }); err != nil {
			return err
		}
	}
	if err := e.change(e.ref, func(f *wiki.Front) error { return f.Append("portraits", string(slug)) }); err != nil {
		return err
	}
	e.say("portret %q op het bord gezet", page.Title())
	return nil
}

// PortraitStatus moves a portrait on: concept, besproken (in the team), herkend (by the person).
type PortraitStatus struct {
	Portrait wiki.Slug
	Status   string
}

func (c PortraitStatus) apply(e *edit) error {
	if err := portraits.Status(c.Status).CheckValue(); err != nil || c.Status == "" {
		return refuse(Invalid, "kies een status: concept, besproken of herkend")
	}
	if !slices.Contains(e.casus.Portraits, c.Portrait) {
		return refuse(NotFound, "het portret %q staat niet op dit bord", c.Portrait)
	}
	ref := wiki.Ref{Kind: wiki.Portrait, Slug: c.Portrait}
	page, err := e.page(ref)
	if err != nil {
		return err
	}
	if err := e.change(ref, func(f *wiki.Front) error { return f.Set("status", c.Status) }); err != nil {
		return err
	}
	e.say("portret %q is nu %s", page.Title(), c.Status)
	return nil
}
