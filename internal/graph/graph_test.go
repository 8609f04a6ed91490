package graph

import (
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/golden"
)

var styles = map[string]Style{
	"hoort-bij": {Color: "#4a5560", Width: 2},
	"versterkt": {Color: "#1e6b3a", Width: 3, Arrow: true},
	"verzwakt":  {Color: "#a1261d", Width: 2.5, Dash: "7 4", Arrow: true},
	"spanning":  {Color: "#8a5a00", Width: 3, Dash: "1 5"},
}

var order = []string{"hoort-bij", "versterkt", "verzwakt", "spanning"}

func star(n int) Star {
	s := Star{ID: "tg", Title: "Schaamte en verwante thema's", Desc: "Schaamte in het midden.",
		Centre: Node{Label: "Schaamte"}, Styles: styles, Order: order}
	for i := range n {
		s.Nodes = append(s.Nodes, Node{Label: fmt.Sprintf("Thema %d", i+1), Sub: order[i%len(order)], URL: fmt.Sprintf("/themes/thema-%d", i+1)})
		s.Edges = append(s.Edges, Edge{To: i, Kind: order[i%len(order)], Inward: i%3 == 0})
	}
	return s
}

func TestSVGGolden(t *testing.T) {
	mixed := Star{ID: "tg", Title: "Schaamte en verwante thema's", Desc: "Schaamte in het midden; vier thema's eromheen.",
		Centre: Node{Label: "Schaamte"}, Styles: styles, Order: order,
		Nodes: []Node{
			{Label: "Openheid", Sub: "spanning", URL: "/themes/openheid"},
			{Label: "Eenzaamheid", Sub: "maakt sterker", URL: "/themes/eenzaamheid"},
			{Label: "Trots & <eer>", Sub: "maakt sterker · wordt sterker door", URL: "/themes/trots"},
			{Label: "Zwemmen", Sub: "hoort bij", URL: "/themes/zwemmen", Missing: true},
		},
		Edges: []Edge{
			{To: 0, Kind: "spanning", Tooltip: "Schaamte en openheid staan op gespannen voet."},
			{To: 1, Kind: "versterkt", Tooltip: "Schaamte maakt eenzaamheid sterker."},
			{To: 2, Kind: "versterkt"},
			{To: 2, Kind: "versterkt", Inward: true},
			{To: 3, Kind: "hoort-bij"},
		},
	}
	for _, tc := range []struct {
		name string
		s    Star
	}{
		{"mixed", mixed},
		{"one", star(1)},
		{"many", star(16)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.s.SVG() + "\n"
			wellFormed(t, got)
			golden.Check(t, filepath.Join("testdata", tc.name+".svg"), got)
		})
	}
}

// wellFormed parses the drawing as XML: an SVG that is not is not shown at all.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, s)
		}
	}
}

func TestNoNeighboursNoDrawing(t *testing.T) {
	if got := (Star{ID: "x", Centre: Node{Label: "Alleen"}}).SVG(); got != "" {
		t.Errorf("got %q", got)
	}
}

// Boxes never touch, however many neighbours there are and however long their names.
func TestLayoutKeepsBoxesApart(t *testing.T) {
	for n := 1; n <= 24; n++ {
		widths := make([]float64, n)
		for i := range widths {
			widths[i] = nodeWidth(Node{Label: strings.Repeat("w", 6+(i*7)%22)})
		}
		at, _, _ := layout(widths, nodeWidth(Node{Label: "Verantwoordelijkheid"}))
		if overlap(at, widths, nodeWidth(Node{Label: "Verantwoordelijkheid"})) {
			t.Errorf("%d neighbours: boxes overlap", n)
		}
	}
}

func TestDetails(t *testing.T) {
	s := star(3).SVG()
	for _, want := range []string{
		`aria-labelledby="tg-titel" aria-describedby="tg-uitleg"`,
		`<title id="tg-titel">Schaamte en verwante thema&#39;s</title>`,
		`<marker id="tg-pijl-versterkt"`, `<a href="/themes/thema-2">`,
		`<g class="graph-edges" aria-hidden="true">`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in\n%s", want, s)
		}
	}
	// No marker for a style without an arrow, and the centre is not a link to itself.
	if strings.Contains(s, "tg-pijl-hoort-bij") || strings.Count(s, "<a ") != 3 {
		t.Errorf("markers or links wrong:\n%s", s)
	}
	if got := shorten("Een heel lange titel van een thema die niet past"); got != "Een heel lange titel van…" {
		t.Errorf("shorten: %q", got)
	}
	if sw := Swatch(styles["verzwakt"]); !strings.Contains(sw, `stroke-dasharray="7 4"`) || !strings.Contains(sw, `aria-hidden="true"`) || !strings.Contains(sw, "<path") {
		t.Errorf("swatch: %s", sw)
	}
}
