package workspace

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// shareProblems refuses to make a frame of a casus visible to other teams by editing its
// text: a frame that a casus uses is about a pupil, and sharing it rests on a consent of
// that casus, chosen on the casus board, where the commit records which one. A frame no
// casus uses (a general idea of the team) may be shared by hand; one that is shared already
// stays shared.
func (w *Workspace) shareProblems(page *wiki.Page) wiki.Problems {
	m, ok := page.Meta.(*frames.Meta)
	if !ok || m.Visibility != "gedeeld" {
		return nil
	}
	if f, err := w.Store.Read(page.Ref.Path(), ""); err == nil {
		if old, _ := Parse(f.Path, f.Content); old != nil {
			if om, ok := old.Meta.(*frames.Meta); ok && om.Visibility == "gedeeld" {
				return nil
			}
		}
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil // the store will report its own trouble on save
	}
	using := w.casesUsing(page.Ref.Slug)
	if len(using) == 0 {
		return nil
	}
	return wiki.Problems{{Severity: wiki.Error, Code: "frame.share-needs-consent", File: page.Ref.Path(),
		Line: page.Pos("visibility").Line, Field: "visibility",
		Message: fmt.Sprintf("dit frame hoort bij %s; delen met andere teams gaat via het bord van die casus, "+
			"waar je kiest op welke toestemming het delen rust (zet visibility terug op team)", strings.Join(using, ", "))}}
}

// casesUsing lists the titles of the casussen that put a frame on their board.
func (w *Workspace) casesUsing(frame wiki.Slug) []string {
	entries, err := w.Store.List(wiki.Case.Folder(), "")
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		data, err := w.Store.ReadBlob(e.Blob)
		if err != nil {
			continue
		}
		p, _ := Parse(e.Path, data)
		if p == nil {
			continue
		}
		if m, ok := p.Meta.(*cases.Meta); ok && slices.Contains(m.Frames, frame) {
			out = append(out, fmt.Sprintf("casus %q", p.Title()))
		}
	}
	return out
}
