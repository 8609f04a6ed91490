package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/golden"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// testPages is the workspace the tests render against.
var testPages = map[wiki.Ref]bool{
	{Kind: wiki.Theme, Slug: "schaamte"}:    true,
	{Kind: wiki.Theme, Slug: "veiligheid"}:  true,
	{Kind: wiki.Portrait, Slug: "sam"}:      true,
	{Kind: wiki.Frame, Slug: "ontspanning"}: true,
}

func testResolve(t wiki.Target) (wiki.Ref, bool) {
	return wiki.Resolve(t, func(r wiki.Ref) bool { return testPages[r] })
}

// TestGolden renders every testdata/*.md and compares with the .html beside it. Run with
// -update to regenerate, then read every changed golden file before committing it.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	r := New()
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := r.Render(src, testResolve)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, strings.TrimSuffix(in, ".md")+".html", doc.HTML)
			checkSafe(t, doc.HTML)
		})
	}
}
