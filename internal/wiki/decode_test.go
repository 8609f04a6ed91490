package wiki

import (
	"strconv"
	"strings"
	"testing"
)

type color string

func (c color) CheckValue() error { return OneOf(string(c), "rood", "blauw") }

type item struct {
	Slug Slug   `yaml:"slug" lw:"required"`
	Note string `yaml:"note,omitempty"`
}

func (i *item) FromShort(s string) error { i.Slug = Slug(s); return i.Slug.CheckValue() }

type testMeta struct {
	Head   `yaml:",inline"`
	Color  color  `yaml:"color,omitempty"`
	Items  []item `yaml:"items,omitempty"`
	Slugs  []Slug `yaml:"slugs,omitempty"`
	When   Date   `yaml:"when,omitempty"`
	Done   bool   `yaml:"done,omitempty"`
	Nested *item  `yaml:"nested,omitempty"`
}

func (m *testMeta) Check(*Check)       {}
func (m *testMeta) Links() []FieldLink { return nil }

func TestDecode(t *testing.T) {
	tests := []struct {
		name  string
		front string
		want  []string // "code line field" of each problem, in order
	}{
		{"valid", "title: A\ncolor: rood\nitems: [a, {slug: b, note: x}]\nslugs: [c]\nwhen: 2026-11-20\ndone: true\n", nil},
		{"empty front matter", "", []string{"frontmatter.missing 2 title"}},
		{"missing title", "color: rood\n", []string{"frontmatter.missing 2 title"}},
		{"empty title", "title: ''\n", []string{"frontmatter.missing 2 title"}},
		{"unknown key", "title: A\nkleur: rood\n", []string{"frontmatter.unknown-key 3 kleur"}},
		{"bad enum", "title: A\ncolor: groen\n", []string{"frontmatter.bad-value 3 color"}},
		{"list expected", "title: A\nslugs: schaamte\n", []string{"frontmatter.type 3 slugs"}},
		{"text expected", "title: [a, b]\n", []string{"frontmatter.type 2 title", "frontmatter.missing 2 title"}},
		{"bad slug in list", "title: A\nslugs:\n  - goed\n  - Niet Goed\n", []string{"frontmatter.bad-value 5 slugs[1]"}},
		{"bad date", "title: A\nwhen: 20-11-2026\n", []string{"frontmatter.bad-value 3 when"}},
		{"bool expected", "title: A\ndone: misschien\n", []string{"frontmatter.type 3 done"}},
		{"nested unknown key", "title: A\nitems:\n  - {slug: a, waarom: x}\n", []string{"frontmatter.unknown-key 4 items[0].waarom"}},
		{"nested missing", "title: A\nnested: {note: x}\n", []string{"frontmatter.missing 3 nested.slug"}},
		{"duplicate key", "title: A\ncolor: rood\ncolor: blauw\n", []string{"frontmatter.duplicate 4 color"}},
		{"syntax", "title: A\n  color: x\n", []string{"frontmatter.syntax 3 "}},
		{"two problems", "title: A\nx: 1\ny: 2\n", []string{"frontmatter.unknown-key 3 x", "frontmatter.unknown-key 4 y"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCheck("themes/a.md")
			var m testMeta
			c.Decode([]byte(tt.front), 2, &m)
			var got []string
			for _, p := range c.Problems {
				got = append(got, p.Code+" "+strconv.Itoa(p.Line)+" "+p.Field)
				if p.Message == "" || p.File != "themes/a.md" || p.Severity != Error {
					t.Errorf("problem without message, file or error severity: %+v", p)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("problems = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDecodeValues(t *testing.T) {
	c := NewCheck("x.md")
	var m testMeta
	c.Decode([]byte("title: 2026\nitems:\n  - a\n  - {slug: b, note: waarom}\nwhen: 2026-11-20\nnested: {slug: n}\n"), 2, &m)
	if len(c.Problems) > 0 {
		t.Fatal(c.Problems)
	}
	if m.Title != "2026" || len(m.Items) != 2 || m.Items[0].Slug != "a" || m.Items[1].Note != "waarom" ||
		m.When != "2026-11-20" || m.Nested == nil || m.Nested.Slug != "n" {
		t.Errorf("decoded %+v", m)
	}
	if p, ok := c.ValuePos("items[1].slug"); !ok || p != (Pos{5, 12}) {
		t.Errorf("ValuePos(items[1].slug) = %v %v", p, ok)
	}
	if p, ok := c.ValuePos("items[0].slug"); !ok || p != (Pos{4, 5}) {
		t.Errorf("ValuePos of a short form = %v %v", p, ok)
	}
	if p := c.Pos("items[1].note"); p.Line != 5 {
		t.Errorf("Pos(items[1].note) = %v", p)
	}
}

func TestProblemMessagesAreDutch(t *testing.T) {
	c := NewCheck("themes/a.md")
	var m testMeta
	c.Decode([]byte("title: A\nkleur: rood\ncolor: groen\n"), 2, &m)
	got := c.Problems[0].String() + "\n" + c.Problems[1].String()
	for _, want := range []string{
		`themes/a.md:3: fout: kleur: onbekend veld "kleur"; hier kun je gebruiken: title, kind, color`,
		`themes/a.md:4: fout: color: "groen" kan hier niet; kies uit: rood, blauw`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}
