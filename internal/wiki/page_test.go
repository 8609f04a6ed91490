package wiki

import "testing"

// A page keeps what Parse found, so views built later from the page show the same hints.
func TestPageKeepsItsProblems(t *testing.T) {
	s := Schema{Kind: Theme, New: func() Meta { return &hintMeta{} }}
	page, probs := Parse(s, Ref{Kind: Theme, Slug: "x"}, []byte("---\ntitle: X\n---\nTekst.\n"))
	if page == nil || len(probs) != 1 {
		t.Fatalf("parse: %v %v", page, probs)
	}
	got := page.Problems()
	if len(got) != 1 || got[0].Code != "test.hint" || got[0].Severity != Hint || got[0].Line != 2 {
		t.Errorf("Problems() = %+v, want the hint Parse returned", got)
	}
	var none *Page
	if none.Problems() != nil || (&Page{}).Problems() != nil {
		t.Error("a nil or hand-made page has no problems")
	}
}

type hintMeta struct {
	Head `yaml:",inline"`
}

func (m *hintMeta) Check(c *Check)     { c.Hint("test.hint", "title", "een tip") }
func (m *hintMeta) Links() []FieldLink { return nil }

func TestParseRefusesControlCharacters(t *testing.T) {
	ref := Ref{Kind: Theme, Slug: "x"}
	schema := Schema{Kind: Theme, New: func() Meta { return &testMeta{} }}
	for _, tt := range []struct {
		data string
		line int
	}{
		{"---\ntitle: a\n---\nTekst\x00 met een NUL\n", 4},
		{"---\ntitle: a\x1b[31m\n---\n", 2},
		{"---\ntitle: a\n---\n\u0085\n", 4},
	} {
		page, probs := Parse(schema, ref, []byte(tt.data))
		if page != nil || len(probs) != 1 || probs[0].Code != "file.control" || probs[0].Line != tt.line {
			t.Errorf("%q: %v", tt.data, probs)
		}
	}
	if _, probs := Parse(schema, ref, []byte("---\ntitle: a\n---\nTab\tand CRLF\r\n")); probs.HasErrors() {
		t.Errorf("tab and CR are text: %v", probs)
	}
}
