package portraits

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
		{"recognised", "title: Sam\nteam: t\nstatus: herkend\nrecognized: {by: Sam, on: 2026-11-21, remarks: Ja}\n", nil},
		{"herkend without recognized", "title: Sam\nteam: t\nstatus: herkend\n", []string{"portrait.recognized-missing"}},
		{"concept", "title: Sam\nteam: t\n", []string{"portrait.not-recognized"}},
		{"bad subject", "title: Sam\nteam: t\nsubject: kind\n", []string{"frontmatter.bad-value"}},
		{"recognized without by", "title: Sam\nteam: t\nstatus: herkend\nrecognized: {on: 2026-11-21}\n", []string{"frontmatter.missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := wiki.Parse(Schema, wiki.Ref{Kind: wiki.Portrait, Slug: "sam"}, []byte("---\n"+tt.front+"---\nTekst\n"))
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
