package flow

import (
	"fmt"
	"strings"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// ChooseTheme puts a theme from the library on the board, with why it matters here. With New,
// a theme that is not in the library yet is added to it first.
type ChooseTheme struct {
	Theme string // slug or title
	Why   string
	New   bool
}

func (c ChooseTheme) apply(e *edit) error {
	slug, err := slugFor("thema", c.Theme)
	if err != nil {
		return err
	}
	ref := wiki.Ref{Kind: wiki.Theme, Slug: slug}
	if e.themeIndex(slug) >= 0 {
		return refuse(Conflict, "het thema %q staat al op het bord", e.titleOf(ref))
	}
	made := ""
	if !e.exists(ref) {
		if !c.New {
			return refuse(NotFound, "het thema %q staat nog niet in de bibliotheek; kies een bestaand thema, of kies ervoor een nieuw thema te maken", strings.TrimSpace(c.Theme))
		}
		if err := e.create(ref, oneLine(c.Theme), func(*wiki.Front) error { return nil }); err != nil {
			return err
		}
		made = " (nieuw in de bibliotheek)"
	}
	why := strings.TrimSpace(c.Why)
	err = e.change(e.ref, func(f *wiki.Front) error {
		if why == "" {
			return f.Append("themes", string(slug))
		}
		return f.Append("themes", struct {
			Slug string `yaml:"slug"`
			Why  string `yaml:"why"`
		}{string(slug), why})
	})
	if err != nil {
		return err
	}
	e.say("thema %q gekozen%s", e.titleOf(ref), made)
	return nil
}

// ThemeWhy rewrites the team's "waarom hier" of a chosen theme. Was is the text the writer
// started from: when someone else changed it meanwhile, the change is refused with both texts,
// so neither is lost.
type ThemeWhy struct {
	Theme wiki.Slug
	Why   string
	Was   string
}

// WhyConflict is the refusal of a ThemeWhy whose text moved on: both versions, for the form.
type WhyConflict struct {
	Refusal Error
	Theirs  string
}

func (w *WhyConflict) Error() string { return w.Refusal.Error() }

func (c ThemeWhy) apply(e *edit) error {
	i := e.themeIndex(c.Theme)
	if i < 0 {
		return refuse(NotFound, "het thema %q staat niet op dit bord", c.Theme)
	}
	now := e.casus.Themes[i].Why
	if strings.TrimSpace(now) != strings.TrimSpace(c.Was) {
		return &WhyConflict{Refusal: Error{Kind: Conflict,
			Message: "iemand anders heeft het waarom bij dit thema intussen veranderd; je tekst staat nog in het formulier, naast de nieuwe"},
			Theirs: now}
	}
	field := fmt.Sprintf("themes[%d].why", i)
	if err := e.change(e.ref, func(f *wiki.Front) error { return f.Set(field, strings.TrimSpace(c.Why)) }); err != nil {
		return err
	}
	e.say("waarom bij thema %q aangepast", e.titleOf(wiki.Ref{Kind: wiki.Theme, Slug: c.Theme}))
	return nil
}

// DropTheme takes a theme off the board. Frames that rest on it keep their own links.
type DropTheme struct {
	Theme wiki.Slug
}

func (c DropTheme) apply(e *edit) error {
	i := e.themeIndex(c.Theme)
	if i < 0 {
		return refuse(NotFound, "het thema %q staat niet op dit bord", c.Theme)
	}
	if err := e.change(e.ref, func(f *wiki.Front) error { return f.Remove(fmt.Sprintf("themes[%d]", i)) }); err != nil {
		return err
	}
	e.say("thema %q van het bord gehaald", e.titleOf(wiki.Ref{Kind: wiki.Theme, Slug: c.Theme}))
	return nil
}

// Unwrap lets a WhyConflict be handled as any other refusal.
func (w *WhyConflict) Unwrap() error { return &w.Refusal }
