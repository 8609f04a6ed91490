package links

import (
	"slices"
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

func TestOutlinks(t *testing.T) {
	ws := newWorkspace(t)
	save(t, ws, "portraits/sam", portrait+"Weer [[schaamte]], en [[portraits/sam|hijzelf]].\n")
	x, err := New(ws.Store)
	if err != nil {
		t.Fatal(err)
	}
	// Typed links first (team, casus), then the text in order; schaamte twice; the bare
	// [[sam]] and the explicit link to itself are left out; a missing page is a theme.
	want := []wiki.Ref{ref("teams/ons-team"), ref("cases/sam-groep-7"), ref("themes/schaamte"), ref("themes/rust"),
		ref("themes/nog-niet-geschreven"), ref("themes/schaamte")}
	if got := x.Outlinks(ref("portraits/sam")); !slices.Equal(got, want) {
		t.Errorf("Outlinks = %v\nwant %v", got, want)
	}
	if got := x.Outlinks(ref("portraits/niemand")); got != nil {
		t.Errorf("Outlinks of a missing page = %v", got)
	}
	// Once the missing page is written as a portrait, the bare link means that portrait.
	save(t, ws, "portraits/nog-niet-geschreven", "---\ntitle: Later\nteam: ons-team\n---\nTekst.\n")
	if err := x.Sync(); err != nil {
		t.Fatal(err)
	}
	if got := x.Outlinks(ref("portraits/sam")); !slices.Contains(got, ref("portraits/nog-niet-geschreven")) {
		t.Errorf("after the page exists: %v", got)
	}
}
