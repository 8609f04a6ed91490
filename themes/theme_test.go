package themes

import (
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki/wikitest"
)

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		name, front string
		want        []string
	}{
		{"plain", "title: Schaamte\ngroup: zelf\naspects: [emotioneel, sociaal]\nrelated: [{slug: openheid, how: spanning}, zelfbeeld]\nsynonyms: [schamen]\n", nil},
		{"abstract", "title: Sociale cohesie\n", []string{"theme.abstract"}},
		{"abstract lowercase", "title: welbevinden\n", []string{"theme.abstract"}},
		{"related twice", "title: A\nrelated: [b, {slug: b, how: versterkt}]\n", []string{"theme.related-twice"}},
		{"bad aspect", "title: A\naspects: [emotioneel, gevoelig]\n", []string{"frontmatter.bad-value"}},
		{"bad how", "title: A\nrelated: [{slug: b, how: lijkt-op}]\n", []string{"frontmatter.bad-value"}},
	} {
		t.Run(tt.name, func(t *testing.T) { wikitest.Check(t, Schema, tt.front, tt.want) })
	}
}

func TestAbstractHintNamesAlternatives(t *testing.T) {
	w, ok := Abstract("Sociale Cohesie")
	if !ok {
		t.Fatal("not abstract")
	}
	if h := w.Hint("Sociale Cohesie"); !strings.Contains(h, "betrokkenheid of verantwoordelijkheid") {
		t.Errorf("hint %q names no alternatives", h)
	}
}
