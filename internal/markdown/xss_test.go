package markdown

import (
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/markdown/xsscorpus"
)

// TestXSSCorpus renders every hostile sample and parses the output as a browser would: no
// element, attribute or URL that could run script may survive (xsscorpus.Check), and the
// output must also pass the fuzz test's own rules (ids, classes, media, fixed point).
// internal/e2e renders the same samples through the server in Chromium.
func TestXSSCorpus(t *testing.T) {
	r := New()
	for _, s := range xsscorpus.Samples {
		t.Run(s.Name, func(t *testing.T) {
			doc, err := r.Render([]byte(s.Markdown), testResolve)
			if err != nil {
				t.Fatal(err)
			}
			if problems := xsscorpus.Check(doc.HTML); len(problems) > 0 {
				t.Fatalf("unsafe output:\n  %s\n--- source\n%s\n--- html\n%s", strings.Join(problems, "\n  "), s.Markdown, doc.HTML)
			}
			checkSafe(t, doc.HTML)
			// The same text as a research section or a search index sees it: Extract must
			// not choke either.
			if x := Extract([]byte(s.Markdown)); x.Text != doc.Text {
				t.Errorf("Extract and Render disagree on the text")
			}
		})
	}
}
