package portraits

import (
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki/wikitest"
)

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		name, front string
		want        []string
	}{
		{"recognised", "title: Sam\nteam: t\nstatus: herkend\nrecognized: {by: Sam, on: 2026-11-21, remarks: Ja}\n", nil},
		{"herkend without recognized", "title: Sam\nteam: t\nstatus: herkend\n", []string{"portrait.recognized-missing"}},
		{"concept", "title: Sam\nteam: t\n", []string{"portrait.not-recognized"}},
		{"bad subject", "title: Sam\nteam: t\nsubject: kind\n", []string{"frontmatter.bad-value"}},
		{"recognized without by", "title: Sam\nteam: t\nstatus: herkend\nrecognized: {on: 2026-11-21}\n", []string{"frontmatter.missing"}},
	} {
		t.Run(tt.name, func(t *testing.T) { wikitest.Check(t, Schema, tt.front, tt.want) })
	}
}
