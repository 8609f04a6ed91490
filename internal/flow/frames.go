package flow

import (
	"slices"
	"strings"

	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// MakeFrame writes a new frame from themes on the board and puts it on the board.
type MakeFrame struct {
	Title  string      // a direction ("Sam weet waar hij aan toe is"), not a means
	Themes []wiki.Slug // the chosen themes it rests on
}

func (c MakeFrame) apply(e *edit) error {
	title := oneLine(c.Title)
	slug, err := slugFor("titel voor het frame", title)
	if err != nil {
		return err
	}
	var rests []string
	var names []string
	for _, t := range c.Themes {
		if e.themeIndex(t) < 0 {
			return refuse(Invalid, "het thema %q staat niet op dit bord; een frame rust op thema's die het team koos", t)
		}
		if !slices.Contains(rests, string(t)) {
			rests = append(rests, string(t))
			names = append(names, e.titleOf(wiki.Ref{Kind: wiki.Theme, Slug: t}))
		}
	}
	ref := wiki.Ref{Kind: wiki.Frame, Slug: slug}
	err = e.create(ref, title, func(f *wiki.Front) error {
		if len(rests) == 0 {
			return nil
		}
		return f.Set("themes", rests)
	})
	if err != nil {
		return err
	}
	if err := e.change(e.ref, func(f *wiki.Front) error { return f.Append("frames", string(slug)) }); err != nil {
		return err
	}
	if len(names) == 0 {
		e.say("nieuw frame %q", title)
	} else {
		e.say("nieuw frame %q, op %s", title, quoteList(names))
	}
	return nil
}

// FrameStatus moves a frame on: voorgesteld, verkend, gekozen, or losgelaten with a reason.
type FrameStatus struct {
	Frame  wiki.Slug
	Status string
	Reason string // why it was let go; kept in the frame for the team to learn from
}

func (c FrameStatus) apply(e *edit) error {
	if !slices.Contains(frames.Statuses, c.Status) {
		return refuse(Invalid, "kies een status: %s", strings.Join(frames.Statuses, ", "))
	}
	if !slices.Contains(e.casus.Frames, c.Frame) {
		return refuse(NotFound, "het frame %q staat niet op dit bord", c.Frame)
	}
	ref := wiki.Ref{Kind: wiki.Frame, Slug: c.Frame}
	page, err := e.page(ref)
	if err != nil {
		return err
	}
	reason := strings.TrimSpace(c.Reason)
	err = e.change(ref, func(f *wiki.Front) error {
		if err := f.Set("status", c.Status); err != nil {
			return err
		}
		if reason != "" {
			return f.Set("reason", reason)
		}
		return nil
	})
	if err != nil {
		return err
	}
	e.say("frame %q is nu %s", page.Title(), c.Status)
	return nil
}

// FrameTheme adds a chosen theme to a frame on the board: "this direction also rests on …".
type FrameTheme struct {
	Frame wiki.Slug
	Theme wiki.Slug
}

func (c FrameTheme) apply(e *edit) error {
	if !slices.Contains(e.casus.Frames, c.Frame) {
		return refuse(NotFound, "het frame %q staat niet op dit bord", c.Frame)
	}
	if e.themeIndex(c.Theme) < 0 {
		return refuse(Invalid, "het thema %q staat niet op dit bord", c.Theme)
	}
	ref := wiki.Ref{Kind: wiki.Frame, Slug: c.Frame}
	page, err := e.page(ref)
	if err != nil {
		return err
	}
	if slices.Contains(page.Meta.(*frames.Meta).Themes, c.Theme) {
		return refuse(Conflict, "het frame %q rust al op dit thema", page.Title())
	}
	if err := e.change(ref, func(f *wiki.Front) error { return f.Append("themes", string(c.Theme)) }); err != nil {
		return err
	}
	e.say("frame %q rust nu ook op thema %q", page.Title(), e.titleOf(wiki.Ref{Kind: wiki.Theme, Slug: c.Theme}))
	return nil
}
