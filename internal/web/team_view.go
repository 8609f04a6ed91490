package web

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
	"github.com/leefwereld/leefwereld/teams"
)

// teamSheetView is a team page read as its spelregels worksheet: the six prompts with the
// team's agreements, its own rules, and who is in the team.
type teamSheetView struct {
	Intro       template.HTML
	Rules       []ruleView
	Filled      int
	OwnExplain  template.HTML
	OwnRules    template.HTML // the team's own lines as one list
	Members     []memberView
	Coordinator string
	Composition ruleView
	CompAsks    []string // questions about who takes part, while that part is still empty
	Other       []otherSection
	EditURL     string // "" for a reader who may not change the team page
	OverviewURL string
}

type ruleView struct {
	Number          int
	Title, Question string
	Explain, Text   template.HTML
}

type memberView struct {
	Name, Role  string
	Coordinates bool
}

type otherSection struct {
	Heading string
	HTML    template.HTML
}

// kindPanels adds what a page of some kinds shows besides its text: a portrait's recognition
// and life domains, a team's worksheet. The page's front matter is valid here.
func (s *Server) kindPanels(v *pageView, page *wiki.Page) error {
	switch m := page.Meta.(type) {
	case *portraits.Meta:
		v.Portrait = newPortraitPanel(page.Ref, m)
		// The panel says whether the portrait is recognised; the same hint as a tip would
		// say it twice.
		v.Tips = nil
		for _, h := range page.Problems().Hints() {
			if h.Code != "portrait.not-recognized" && h.Code != "portrait.recognized-missing" {
				v.Tips = append(v.Tips, sentence(h.Message))
			}
		}
	case *teams.Meta:
		sheet, err := s.teamSheet(page.Ref, m, page.Body)
		if err != nil {
			return err
		}
		v.Team = sheet
	}
	return nil
}

// teamSheet renders a team page's body as the worksheet; every part is Markdown rendered as
// the page view renders it, wiki links included.
func (s *Server) teamSheet(ref wiki.Ref, m *teams.Meta, body []byte) (*teamSheetView, error) {
	sh := teams.ReadSheet(body)
	v := &teamSheetView{Filled: sh.Filled(), Coordinator: m.Coordinator,
		EditURL: ref.URL() + "/bewerken", OverviewURL: ref.URL() + "/overzicht"}
	var err error
	md := func(text string) template.HTML {
		if text == "" || err != nil {
			return ""
		}
		var doc docResult
		doc, err = s.renderBody([]byte(text))
		return doc.HTML
	}
	v.Intro = md(sh.Intro)
	for _, a := range sh.Answers {
		v.Rules = append(v.Rules, ruleView{Number: a.Prompt.Number, Title: a.Prompt.Title, Question: a.Prompt.Question,
			Explain: md(a.Explain), Text: md(a.Text)})
	}
	v.OwnExplain = md(sh.OwnExplain)
	if len(sh.OwnRules) > 0 {
		var list strings.Builder
		for i, r := range sh.OwnRules {
			list.WriteString(strconv.Itoa(i+1) + ". " + r + "\n")
		}
		v.OwnRules = md(list.String())
	}
	for _, mem := range m.Members {
		v.Members = append(v.Members, memberView{Name: mem.Name, Role: mem.Role, Coordinates: mem.Name == m.Coordinator})
	}
	v.Composition = ruleView{Explain: md(sh.Composition.Explain), Text: md(sh.Composition.Text)}
	if sh.Composition.Text == "" && sh.Composition.Explain == "" {
		v.CompAsks = teams.CompositionAsks // the page has no questions of its own about it
	}
	for _, o := range sh.Other {
		v.Other = append(v.Other, otherSection{Heading: o.Heading, HTML: md(o.Text)})
	}
	return v, err
}
