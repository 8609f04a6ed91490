// Package wikitest holds the table-test harness the kind packages share: parse a page of one
// kind and compare the problem codes it gets.
package wikitest

import (
	"slices"
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Codes lists the codes of problems, in order.
func Codes(ps wiki.Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

// Check parses front matter (without the --- lines) as a page of the schema's kind and
// compares the problem codes it gets with want, in order; nil means no problem at all.
func Check(t *testing.T, s wiki.Schema, front string, want []string) {
	t.Helper()
	page, probs := wiki.Parse(s, wiki.Ref{Kind: s.Kind, Slug: "test"}, []byte("---\n"+front+"---\nTekst.\n"))
	if page == nil {
		t.Fatalf("no page: %v", probs)
	}
	if got := Codes(probs); !slices.Equal(got, want) {
		t.Errorf("codes = %v, want %v\n%v", got, want, probs)
	}
	for _, p := range probs {
		if p.Message == "" || p.File != s.Kind.Folder()+"/test.md" {
			t.Errorf("problem without message or with the wrong file: %+v", p)
		}
	}
}
