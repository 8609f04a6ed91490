package workspace

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// TeamOwned reports whether pages of a kind belong to one team; themes are a shared library
// and a team page is the team itself.
func TeamOwned(k wiki.Kind) bool { return k == wiki.Portrait || k == wiki.Frame || k == wiki.Case }

// Skeleton is the front matter of a new page: title, kind, team, and the kind's main fields
// empty, so the writer sees what there is to fill in.
func Skeleton(k wiki.Kind, title, team string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\nkind: %s\n", yamlScalar(title), k)
	if TeamOwned(k) {
		fmt.Fprintf(&b, "team: %s\n", yamlScalar(team))
	}
	switch k {
	case wiki.Portrait:
		b.WriteString("cases: []\nsubject: jongere\nstatus: concept\n")
	case wiki.Case:
		b.WriteString("status: open\nportraits: []\nthemes: []\nframes: []\nactions: []\n")
	case wiki.Frame:
		b.WriteString("themes: []\ncombines: []\nstatus: voorgesteld\nvisibility: team\n")
	case wiki.Theme:
		b.WriteString("aspects: []\nrelated: []\nsynonyms: []\n")
	case wiki.Team:
		b.WriteString("members: []\n")
	}
	return []byte(b.String())
}

// yamlScalar writes a string as a YAML scalar, quoted when YAML needs it ("Sam: groep 7").
func yamlScalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return `""`
	}
	return strings.TrimSuffix(string(out), "\n")
}
