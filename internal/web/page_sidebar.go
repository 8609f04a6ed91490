package web

import (
	"strings"

	"github.com/leefwereld/leefwereld/cases"
	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
	"github.com/leefwereld/leefwereld/teams"
	"github.com/leefwereld/leefwereld/themes"
)

// subjectLabels say whose lifeworld a portrait shows.
var subjectLabels = map[portraits.Subject]string{
	"jongere": "een jongere", "ouder": "een ouder", "gezin": "een gezin", "groep": "een groep",
	"professional": "een professional", "zelf": "jezelf",
}

// sidebar lists a page's front matter as facts and typed links, per kind. textLinks are the
// pages the body links to: for a portrait, the themes its text names are the evidence.
func (s *Server) sidebar(page *wiki.Page, textLinks []wiki.Ref) ([]fact, []sideSection) {
	var facts []fact
	var side []sideSection
	add := func(title string, items []sideItem) {
		if len(items) > 0 {
			side = append(side, sideSection{Title: title, Items: items})
		}
	}
	addFact := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			facts = append(facts, fact{label, value})
		}
	}
	switch m := page.Meta.(type) {
	case *portraits.Meta:
		addFact("Over", subjectLabels[m.Subject])
		addFact("Status", string(m.Status))
		if r := m.Recognized; r != nil {
			addFact("Herkend door", joinNonEmpty(", op ", r.By, dutchDay(r.On)))
			addFact("Wat zei die erover?", r.Remarks)
		}
		addFact("Wat me opviel", m.Punctum)
		addFact("Stip op de horizon", m.Horizon)
		add("Team", s.refs(wiki.Team, []wiki.Slug{m.Team}))
		add("Casussen", s.refs(wiki.Case, m.Cases))
		var named []sideItem
		seen := map[wiki.Ref]bool{}
		for _, r := range textLinks {
			if r.Kind == wiki.Theme && !seen[r] {
				seen[r] = true
				named = append(named, s.link(r, ""))
			}
		}
		add("Thema's in de tekst", named)
	case *cases.Meta:
		addFact("Status", string(m.Status))
		addFact("Afgerond op", dutchDay(m.Closed))
		addFact("Bewaren tot", dutchDay(m.KeepUntil))
		add("Team", s.refs(wiki.Team, []wiki.Slug{m.Team}))
		// The four steps (portraits, themes, frames, actions) are on the casus board.
		var consent []sideItem
		for _, cs := range m.Consent {
			extra := joinNonEmpty(" · ", dutchDay(cs.Date), prefixed("tot ", dutchDay(cs.Until)), prefixed("ingetrokken ", dutchDay(cs.Withdrawn)))
			consent = append(consent, sideItem{Label: cs.By + ": " + cs.For, Extra: extra})
		}
		add("Toestemming", consent)
	case *themes.Meta:
		addFact("Groep", themes.GroupLabels[string(m.Group)])
		var aspects []string
		for _, a := range m.Aspects {
			aspects = append(aspects, string(a))
		}
		addFact("Kanten", strings.Join(aspects, ", "))
		addFact("Lijkt op", strings.Join(m.Synonyms, ", "))
		// Related themes, both ways, are drawn and listed in the page itself (theme_view.go).
	case *frames.Meta:
		addFact("Status", string(m.Status))
		addFact("Waarom losgelaten", m.Reason)
		if m.Visibility == "gedeeld" {
			addFact("Zichtbaar", "ook voor andere teams, als inspiratie")
		} else {
			addFact("Zichtbaar", "alleen voor het team")
		}
		add("Team", s.refs(wiki.Team, []wiki.Slug{m.Team}))
		add("Rust op deze thema's", s.refs(wiki.Theme, m.Themes))
		add("Combineert met", s.refs(wiki.Frame, m.Combines))
	case *teams.Meta:
		addFact("Coördinator", m.Coordinator)
		var members []sideItem
		for _, mem := range m.Members {
			members = append(members, sideItem{Label: mem.Name, Extra: mem.Role})
		}
		add("Leden", members)
	}
	return facts, side
}

// refs turns a list of slugs of one kind into sidebar links.
func (s *Server) refs(k wiki.Kind, slugs []wiki.Slug) []sideItem {
	var out []sideItem
	for _, sl := range slugs {
		if sl != "" {
			out = append(out, s.link(wiki.Ref{Kind: k, Slug: sl}, ""))
		}
	}
	return out
}

// dutchDay writes a front-matter date as "15 januari 2027"; "" stays "".
func dutchDay(d wiki.Date) string { return d.Dutch() }

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}
