package teams

import (
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki/wikitest"
)

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		name, front string
		want        []string
	}{
		{"team", "title: T\nmembers: [{name: Anna, role: mentor}]\ncoordinator: Anna\n", nil},
		{"coordinator elsewhere", "title: T\nmembers: [{name: Anna, role: mentor}]\ncoordinator: Bob\n", []string{"team.coordinator-not-member"}},
		{"member without name", "title: T\nmembers: [{role: mentor}]\n", []string{"frontmatter.missing"}},
	} {
		t.Run(tt.name, func(t *testing.T) { wikitest.Check(t, Schema, tt.front, tt.want) })
	}
}
