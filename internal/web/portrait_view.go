package web

import (
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
)

// portraitPanel is what a portrait's page shows besides its text: whether the person
// recognised it, and which parts of daily life it covers and which not (its blind spots).
type portraitPanel struct {
	Status     string
	Recognized *recognitionView
	Covered    []portraits.DomainInfo
	Missing    []portraits.DomainInfo
	EditURL    string // the editor, where the recognition and the domains are fields; "" for a lezer
}

type recognitionView struct {
	By, Day, Remarks string
}

// newPortraitPanel reads the panel from a portrait's front matter.
func newPortraitPanel(ref wiki.Ref, m *portraits.Meta) *portraitPanel {
	p := &portraitPanel{Status: string(m.Status), EditURL: ref.URL() + "/bewerken"}
	if p.Status == "" {
		p.Status = string(portraits.Concept)
	}
	if r := m.Recognized; r != nil {
		p.Recognized = &recognitionView{By: r.By, Day: dutchDay(r.On), Remarks: r.Remarks}
	}
	p.Covered, p.Missing = portraits.Coverage(m.Domains)
	return p
}
