package markdown

import (
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

func TestRewriteLinks(t *testing.T) {
	schaamte := wiki.Ref{Kind: wiki.Theme, Slug: "schaamte"}
	schuld := wiki.Ref{Kind: wiki.Theme, Slug: "schaamte-en-schuld"}
	sam := wiki.Ref{Kind: wiki.Portrait, Slug: "sam"}
	samFrame := wiki.Ref{Kind: wiki.Frame, Slug: "sam-sport"}
	tests := []struct {
		name     string
		src      string
		from, to wiki.Ref
		pages    []wiki.Ref // the workspace before the move
		want     string
	}{
		{"bare stays bare, label kept",
			"Sam [[schaamte]] zich; [[schaamte|schaamt zich]].", schaamte, schuld, []wiki.Ref{schaamte},
			"Sam [[schaamte-en-schuld]] zich; [[schaamte-en-schuld|schaamt zich]]."},
		{"kind form keeps its spelling",
			"[[themes/schaamte]] [[theme/schaamte|x]]", schaamte, schuld, []wiki.Ref{schaamte},
			"[[themes/schaamte-en-schuld]] [[theme/schaamte-en-schuld|x]]"},
		{"kind changes with the move",
			"[[portraits/sam|Sam]] [[portrait/sam]] [[sam]]", sam, samFrame, []wiki.Ref{sam},
			"[[frames/sam-sport|Sam]] [[frame/sam-sport]] [[sam-sport]]"},
		{"bare gets a folder when the new slug alone means another page",
			"[[sam]]", sam, wiki.Ref{Kind: wiki.Portrait, Slug: "schaamte"}, []wiki.Ref{sam, schaamte},
			"[[portraits/schaamte]]"},
		{"bare link that means another kind is not touched",
			"[[sam]] [[frames/sam]]", wiki.Ref{Kind: wiki.Frame, Slug: "sam"}, samFrame,
			[]wiki.Ref{sam, {Kind: wiki.Frame, Slug: "sam"}},
			"[[sam]] [[frames/sam-sport]]"},
		{"code spans, code blocks, link text untouched",
			"`[[schaamte]]` [x [[schaamte]]](/y)\n\n```\n[[schaamte]]\n```\n\n    [[schaamte]]\n\n[[schaamte]]",
			schaamte, schuld, []wiki.Ref{schaamte},
			"`[[schaamte]]` [x [[schaamte]]](/y)\n\n```\n[[schaamte]]\n```\n\n    [[schaamte]]\n\n[[schaamte-en-schuld]]"},
		{"several on one line, spacing kept, other links kept",
			"[[ schaamte ]], [[veiligheid]] en [[ schaamte |label ]] [[Schaamte]]", schaamte, schuld, []wiki.Ref{schaamte},
			"[[ schaamte-en-schuld ]], [[veiligheid]] en [[ schaamte-en-schuld |label ]] [[schaamte-en-schuld]]"},
		{"tables, quotes, lists, footnotes",
			"Noot[^1].\n\n[^1]: In [[schaamte]].\n\n| a |\n|---|\n| [[schaamte\\|s]] |\n\n> [[schaamte]]\n\n- [[schaamte]]",
			schaamte, schuld, []wiki.Ref{schaamte},
			"Noot[^1].\n\n[^1]: In [[schaamte-en-schuld]].\n\n| a |\n|---|\n| [[schaamte-en-schuld\\|s]] |\n\n> [[schaamte-en-schuld]]\n\n- [[schaamte-en-schuld]]"},
		{"unicode spaces around the target", "[[\u00a0schaamte\u2003|x]]", schaamte, schuld, []wiki.Ref{schaamte},
			"[[\u00a0schaamte-en-schuld\u2003|x]]"},
		{"nothing to do", "Geen links hier.", schaamte, schuld, []wiki.Ref{schaamte}, "Geen links hier."},
		{"invalid new ref", "[[schaamte]]", schaamte, wiki.Ref{Kind: wiki.Theme, Slug: "Niet Goed"}, []wiki.Ref{schaamte}, "[[schaamte]]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages := map[wiki.Ref]bool{}
			for _, p := range tt.pages {
				pages[p] = true
			}
			before := func(tg wiki.Target) (wiki.Ref, bool) {
				return wiki.Resolve(tg, func(r wiki.Ref) bool { return pages[r] })
			}
			afterPages := map[wiki.Ref]bool{tt.to: true}
			for _, p := range tt.pages {
				if p != tt.from {
					afterPages[p] = true
				}
			}
			after := func(tg wiki.Target) (wiki.Ref, bool) {
				return wiki.Resolve(tg, func(r wiki.Ref) bool { return afterPages[r] })
			}
			for name, resolve := range map[string]Resolver{"before": before, "after": after} {
				got, changed := RewriteLinks([]byte(tt.src), tt.from, tt.to, resolve)
				if string(got) != tt.want {
					t.Errorf("%s: got\n%s\nwant\n%s", name, got, tt.want)
				}
				if changed != (tt.want != tt.src) {
					t.Errorf("%s: changed = %v", name, changed)
				}
			}
		})
	}
}
