package cases

import (
	"slices"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/wiki/wikitest"
)

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		name, front string
		want        []string
	}{
		{"complete", `title: Sam (groep 7)
team: t
portraits: [sam]
themes: [{slug: schaamte, why: zegt niets thuis}, veiligheid, trots]
frames: [f]
actions: [{what: Judo, where: vrije tijd, when: 2027-01-15, frame: f}]
`, nil},
		{"few themes", "title: S\nteam: t\nthemes: [a, b]\n", []string{"case.few-themes"}},
		{"many themes", "title: S\nteam: t\nthemes: [a, b, c, d, e, f, g, h, i, j, k]\n", []string{"case.many-themes"}},
		{"actions too soon", "title: S\nteam: t\nframes: [f]\nactions: [{what: Hulp, frame: f}]\n", []string{"case.actions-too-soon"}},
		{"action without frame", "title: S\nteam: t\nportraits: [p]\nthemes: [a, b, c]\nactions: [{what: Iets}]\n", []string{"case.action-no-frame"}},
		{"action frame elsewhere", "title: S\nteam: t\nportraits: [p]\nthemes: [a, b, c]\nactions: [{what: Iets, frame: g}]\n", []string{"case.action-frame-elsewhere"}},
		{"closed without date", "title: S\nteam: t\nstatus: afgerond\n", []string{"case.closed-date"}},
		{"theme twice", "title: S\nteam: t\nthemes: [a, b, a]\n", []string{"case.theme-twice"}},
		{"missing team", "title: S\n", []string{"frontmatter.missing"}},
		{"bad where", "title: S\nteam: t\nactions: [{what: x, where: thuis}]\n", []string{"frontmatter.bad-value"}},
		{"action without what", "title: S\nteam: t\nactions: [{who: mentor}]\n", []string{"frontmatter.missing"}},
		{"consent", "title: S\nteam: t\nconsent: [{by: moeder, for: delen, date: 2026-11-20, withdrawn: 2026-12-01}]\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) { wikitest.Check(t, Schema, tt.front, tt.want) })
	}
}

func TestDefaultsAndLinks(t *testing.T) {
	page, probs := wiki.Parse(Schema, wiki.Ref{Kind: wiki.Case, Slug: "s"},
		[]byte("---\ntitle: S\nteam: t\nportraits: [p]\nthemes: [a, {slug: b}, c]\nframes: [f]\nactions: [{what: x, frame: f}]\n---\n"))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	m := page.Meta.(*Meta)
	if m.Status != "open" || m.Actions[0].Status != "gepland" {
		t.Errorf("defaults not applied: %q %q", m.Status, m.Actions[0].Status)
	}
	var got []string
	for _, l := range m.Links() {
		got = append(got, l.Field+"="+l.Ref.String())
	}
	want := []string{"team=teams/t", "portraits[0]=portraits/p", "themes[0].slug=themes/a", "themes[1].slug=themes/b",
		"themes[2].slug=themes/c", "frames[0]=frames/f", "actions[0].frame=frames/f"}
	if !slices.Equal(got, want) {
		t.Errorf("links = %v, want %v", got, want)
	}
}

func TestConsentActiveOn(t *testing.T) {
	day := time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		c    Consent
		want bool
	}{
		{Consent{By: "moeder", For: "delen"}, true},
		{Consent{By: "moeder", For: "delen", Date: "2026-11-23"}, true},
		{Consent{By: "moeder", For: "delen", Date: "2026-11-24"}, false},
		{Consent{By: "moeder", For: "delen", Until: "2026-11-23"}, true},
		{Consent{By: "moeder", For: "delen", Until: "2026-11-22"}, false},
		{Consent{By: "moeder", For: "delen", Withdrawn: "2026-11-23"}, false},
		{Consent{By: "moeder", For: "delen", Withdrawn: "2026-11-24"}, true},
	} {
		if got := tt.c.ActiveOn(day); got != tt.want {
			t.Errorf("%+v: ActiveOn = %v, want %v", tt.c, got, tt.want)
		}
	}
}
