package frames

import (
	"slices"
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name, front string
		want        []string
	}{
		{"rooted", "title: F\nteam: t\nthemes: [rust]\nstatus: gekozen\nvisibility: gedeeld\n", nil},
		{"no themes", "title: F\nteam: t\n", []string{"frame.no-themes"}},
		{"let go without reason", "title: F\nteam: t\nthemes: [rust]\nstatus: losgelaten\n", []string{"frame.no-reason"}},
		{"let go with reason", "title: F\nteam: t\nthemes: [rust]\nstatus: losgelaten\nreason: past niet bij Sam\n", nil},
		{"bad visibility", "title: F\nteam: t\nthemes: [rust]\nvisibility: iedereen\n", []string{"frontmatter.bad-value"}},
		{"wrong kind", "title: F\nkind: theme\nteam: t\nthemes: [rust]\n", []string{"frontmatter.kind-mismatch"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := wiki.Parse(Schema, wiki.Ref{Kind: wiki.Frame, Slug: "f"}, []byte("---\n"+tt.front+"---\n"))
			var got []string
			for _, p := range probs {
				got = append(got, p.Code)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("codes = %v, want %v\n%v", got, tt.want, probs)
			}
		})
	}
}
