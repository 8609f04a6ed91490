package teams

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
		{"team", "title: T\nmembers: [{name: Anna, role: mentor}]\ncoordinator: Anna\n", nil},
		{"coordinator elsewhere", "title: T\nmembers: [{name: Anna, role: mentor}]\ncoordinator: Bob\n", []string{"team.coordinator-not-member"}},
		{"member without name", "title: T\nmembers: [{role: mentor}]\n", []string{"frontmatter.missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := wiki.Parse(Schema, wiki.Ref{Kind: wiki.Team, Slug: "t"}, []byte("---\n"+tt.front+"---\n"))
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
