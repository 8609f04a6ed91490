package search

import (
	"sort"
	"strings"
	"time"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/markdown"
	"github.com/leefwereld/leefwereld/internal/search/dutch"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
	"github.com/leefwereld/leefwereld/portraits"
	"github.com/leefwereld/leefwereld/teams"
	"github.com/leefwereld/leefwereld/themes"
)

// The four steps of the method, as the step facet shows them.
const (
	StepWat         = "wat"         // 1 Wat is er aan de hand? portraits
	StepWaar        = "waar"        // 2 Waar gaat dat over? themes
	StepHoe         = "hoe"         // 3 Hoe gaan we daar mee om? frames
	StepOrganiseren = "organiseren" // 4 Hoe organiseren we dat? a casus's actions
)

// Steps lists the steps in the method's order.
var Steps = []string{StepWat, StepWaar, StepHoe, StepOrganiseren}

// kindStep is the one step of each kind that has exactly one (a casus has one per part it
// has filled in; a team page none).
var kindStep = map[wiki.Kind]string{wiki.Portrait: StepWat, wiki.Theme: StepWaar, wiki.Frame: StepHoe}

// history is what the index needs from a page's history: when it last changed and who
// changed it.
type history struct {
	updated time.Time
	authors []string
}

// document turns one page file into the fields the index stores. It returns nil for a file
// that is not a page or cannot be read as one (it is then left out of the index).
//
// Steps: a portrait is step wat, a theme waar, a frame hoe; a casus belongs to every step it
// has content for (portraits → wat, themes → waar, frames → hoe, actions → organiseren), so a
// search in step organiseren finds the casussen with actions. Team pages belong to no step.
func document(path string, data []byte, h history, exists func(wiki.Ref) bool) map[string]any {
	page, _ := workspace.Parse(path, data)
	if page == nil || page.Meta == nil {
		return nil
	}
	ref := page.Ref
	md := markdown.Extract(page.Body)
	title := strings.TrimSpace(page.Title())
	if title == "" {
		title = string(ref.Slug)
	}
	texts := []string{md.Text}
	themeSet := map[string]bool{}
	for _, l := range page.Meta.Links() {
		if l.Ref.Kind == wiki.Theme && l.Ref.Slug != "" {
			themeSet[string(l.Ref.Slug)] = true
		}
	}
	for _, l := range md.Links {
		if r, _ := wiki.Resolve(l.Target, exists); r.Kind == wiki.Theme && r.Slug != "" {
			themeSet[string(r.Slug)] = true
		}
	}
	var team, status, visible string
	var steps []string
	switch m := page.Meta.(type) {
	case *portraits.Meta:
		team, status, steps = string(m.Team), or(string(m.Status), "concept"), []string{kindStep[wiki.Portrait]}
		texts = append(texts, m.Punctum, m.Horizon)
		if m.Recognized != nil {
			texts = append(texts, m.Recognized.Remarks)
		}
	case *themes.Meta:
		status, steps, visible = "", []string{kindStep[wiki.Theme]}, everyone
		themeSet[string(ref.Slug)] = true
		texts = append(texts, strings.Join(m.Synonyms, ", "))
		for _, r := range m.Related {
			texts = append(texts, r.Note)
		}
	case *frames.Meta:
		team, status, steps = string(m.Team), or(string(m.Status), "voorgesteld"), []string{kindStep[wiki.Frame]}
		texts = append(texts, m.Reason)
		if m.Visibility == "gedeeld" {
			visible = everyone
		}
	case *cases.Meta:
		team, status = string(m.Team), or(string(m.Status), "open")
		if len(m.Portraits) > 0 {
			steps = append(steps, StepWat)
		}
		if len(m.Themes) > 0 {
			steps = append(steps, StepWaar)
		}
		if len(m.Frames) > 0 {
			steps = append(steps, StepHoe)
		}
		if len(m.Actions) > 0 {
			steps = append(steps, StepOrganiseren)
		}
		for _, t := range m.Themes {
			texts = append(texts, t.Why)
		}
		for _, a := range m.Actions {
			texts = append(texts, a.What)
		}
	case *teams.Meta:
		team = string(ref.Slug) // a team page belongs to its own team
		for _, mb := range m.Members {
			texts = append(texts, mb.Name+" "+mb.Role)
		}
	}
	if visible == "" {
		visible = or(team, nobody)
	}
	doc := map[string]any{
		fKind:    string(ref.Kind),
		fSlug:    string(ref.Slug),
		fTitle:   title,
		fText:    joinNonEmpty(texts),
		fThemes:  sortedKeys(themeSet),
		fStep:    steps,
		fVisible: visible,
	}
	if team != "" {
		doc[fTeam] = team
	}
	if status != "" {
		doc[fStatus] = status
	}
	if !h.updated.IsZero() {
		doc[fUpdated] = h.updated.UTC()
	}
	doc[fFacets] = facetValues(doc)
	if len(h.authors) > 0 {
		authors := make([]string, len(h.authors))
		for i, a := range h.authors {
			authors[i] = dutch.Fold(a)
		}
		doc[fAuthor] = authors
	}
	return doc
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func joinNonEmpty(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p)
	}
	return b.String()
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// isPage reports whether a repository path is a page file of one of the kinds.
func isPage(path string) bool {
	if !strings.HasSuffix(path, ".md") {
		return false
	}
	_, err := wiki.RefFromPath(path)
	return err == nil
}
