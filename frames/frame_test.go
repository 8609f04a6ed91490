package frames

import (
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki/wikitest"
)

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		name, front string
		want        []string
	}{
		{"rooted", "title: F\nteam: t\nthemes: [rust]\nstatus: gekozen\nvisibility: gedeeld\n", nil},
		{"no themes", "title: F\nteam: t\n", []string{"frame.no-themes"}},
		{"let go without reason", "title: F\nteam: t\nthemes: [rust]\nstatus: losgelaten\n", []string{"frame.no-reason"}},
		{"let go with reason", "title: F\nteam: t\nthemes: [rust]\nstatus: losgelaten\nreason: past niet bij Sam\n", nil},
		{"bad visibility", "title: F\nteam: t\nthemes: [rust]\nvisibility: iedereen\n", []string{"frontmatter.bad-value"}},
		{"wrong kind", "title: F\nkind: theme\nteam: t\nthemes: [rust]\n", []string{"frontmatter.kind-mismatch"}},
	} {
		t.Run(tt.name, func(t *testing.T) { wikitest.Check(t, Schema, tt.front, tt.want) })
	}
}
