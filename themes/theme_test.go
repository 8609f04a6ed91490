package themes

import (
	"slices"
	"strings"
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name, front string
		want        []string
	}{
		{"plain", "title: Schaamte\ngroup: zelf\naspects: [emotioneel, sociaal]\nrelated: [{slug: openheid, how: spanning}, zelfbeeld]\nsynonyms: [schamen]\n", nil},
		{"abstract", "title: Sociale cohesie\n", []string{"theme.abstract"}},
		{"abstract lowercase", "title: welbevinden\n", []string{"theme.abstract"}},
		{"related twice", "title: A\nrelated: [b, {slug: b, how: versterkt}]\n", []string{"theme.related-twice"}},
		{"bad aspect", "title: A\naspects: [emotioneel, gevoelig]\n", []string{"frontmatter.bad-value"}},
		{"bad how", "title: A\nrelated: [{slug: b, how: lijkt-op}]\n", []string{"frontmatter.bad-value"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := wiki.Parse(Schema, wiki.Ref{Kind: wiki.Theme, Slug: "a"}, []byte("---\n"+tt.front+"---\n"))
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

func TestAbstractHintNamesAlternatives(t *testing.T) {
	w, ok := Abstract("Sociale Cohesie")
	if !ok {
		t.Fatal("not abstract")
	}
	if h := w.Hint("Sociale Cohesie"); !strings.Contains(h, "betrokkenheid of verantwoordelijkheid") {
		t.Errorf("hint %q names no alternatives", h)
	}
}
