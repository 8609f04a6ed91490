// Package themes is the betekenisthema kind and the starter library every new workspace gets.
// Themes are shared by all teams: they are the yardstick a team measures frames and actions by.
package themes

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Aspect is one side of a theme the team can tick when researching it.
type Aspect string

// Aspects in the order the method lists them.
var Aspects = []string{"spiritueel", "emotioneel", "cognitief", "motivationeel", "fysiek", "sociaal", "contextueel"}

// CheckValue restricts Aspect to Aspects.
func (a Aspect) CheckValue() error { return wiki.OneOf(string(a), Aspects...) }

// Group is the cluster a theme belongs to in the library.
type Group string

// Groups of the starter library, in display order.
var Groups = []string{"veiligheid-en-houvast", "zelf", "verbinding", "invloed", "toekomst-en-plezier", "openheid-en-herstel"}

// GroupLabels are the Dutch headings of the groups.
var GroupLabels = map[string]string{
	"veiligheid-en-houvast": "Veiligheid en houvast",
	"zelf":                  "Zelf",
	"verbinding":            "Verbinding",
	"invloed":               "Invloed",
	"toekomst-en-plezier":   "Toekomst en plezier",
	"openheid-en-herstel":   "Openheid en herstel",
}

// CheckValue restricts Group to Groups.
func (g Group) CheckValue() error { return wiki.OneOf(string(g), Groups...) }

// How is the type of a relation between two themes.
type How string

// Relation types; the default (empty) means HoortBij.
var Hows = []string{"hoort-bij", "versterkt", "verzwakt", "spanning", "behoefte", "gaat-over-in"}

// CheckValue restricts How to Hows.
func (h How) CheckValue() error { return wiki.OneOf(string(h), Hows...) }

// Relation links this theme to another one.
type Relation struct {
	Slug wiki.Slug `yaml:"slug" lw:"required"`
	How  How       `yaml:"how,omitempty"`
	Note string    `yaml:"note,omitempty"`
}

// FromShort lets a relation be written as just the slug.
func (r *Relation) FromShort(s string) error {
	r.Slug = wiki.Slug(s)
	return r.Slug.CheckValue()
}

// Meta is the front matter of a theme.
type Meta struct {
	wiki.Head `yaml:",inline"`
	Group     Group      `yaml:"group,omitempty"`
	Aspects   []Aspect   `yaml:"aspects,omitempty"`
	Related   []Relation `yaml:"related,omitempty"`
	Synonyms  []string   `yaml:"synonyms,omitempty"`
}

//go:embed template.md
var template []byte

// Schema describes the theme kind to the rest of the product.
var Schema = wiki.Schema{Kind: wiki.Theme, New: func() wiki.Meta { return &Meta{} }, Template: template}

// Check holds the rules for a theme: no relation to itself, and the method's warning against
// words you cannot feel.
func (m *Meta) Check(c *wiki.Check) {
	for i := range m.Related {
		if m.Related[i].How == "" {
			m.Related[i].How = "hoort-bij"
		}
	}
	if w, ok := Abstract(m.Title); ok {
		c.Hint("theme.abstract", "title", "%s", w.Hint(m.Title))
	}
	seen := map[wiki.Slug]bool{}
	for i, r := range m.Related {
		field := fmt.Sprintf("related[%d].slug", i)
		if seen[r.Slug] {
			c.Error("theme.related-twice", field, "het thema %q staat twee keer bij related", r.Slug)
		}
		seen[r.Slug] = true
	}
}

// Links are the related themes.
func (m *Meta) Links() []wiki.FieldLink {
	links := make([]wiki.FieldLink, len(m.Related))
	for i, r := range m.Related {
		links[i] = wiki.FieldLink{Field: fmt.Sprintf("related[%d].slug", i), Ref: wiki.Ref{Kind: wiki.Theme, Slug: r.Slug}}
	}
	return links
}

// AbstractWord is a word teams tend to use that names a policy goal rather than something a
// child feels, with themes that can be felt instead.
type AbstractWord struct {
	Why          string
	Alternatives []wiki.Slug
}

// abstract is keyed by slug, so "Sociale cohesie" and "sociale-cohesie" both match.
var abstract = map[wiki.Slug]AbstractWord{
	"sociale-cohesie":    {"Dat is een woord van beleid.", []wiki.Slug{"betrokkenheid", "verantwoordelijkheid"}},
	"participatie":       {"Wat betekent meedoen hier echt?", []wiki.Slug{"erbij-horen", "betrokkenheid"}},
	"zelfredzaamheid":    {"Wat wil het kind zelf kunnen?", []wiki.Slug{"zelfvertrouwen", "autonomie", "invloed"}},
	"welbevinden":        {"Hoe voelt het kind zich precies?", []wiki.Slug{"rust", "plezier", "veiligheid"}},
	"hechting":           {"Over welke band gaat het?", []wiki.Slug{"vertrouwen", "verbondenheid", "loyaliteit"}},
	"thuissituatie":      {"Thuis is een plek in het leven, geen thema. Wat speelt daar?", []wiki.Slug{"spanning", "veiligheid", "loyaliteit"}},
	"sociaal-emotioneel": {"Dat is een vakgebied. Welk gevoel bedoel je?", []wiki.Slug{"eenzaamheid", "schaamte", "zelfbeeld"}},
}

// Abstract reports whether a title is on the list of abstract words.
func Abstract(title string) (AbstractWord, bool) {
	w, ok := abstract[wiki.Slugify(strings.TrimSpace(title))]
	return w, ok
}

// Hint is the Dutch sentence shown for an abstract word.
func (w AbstractWord) Hint(title string) string {
	alts := make([]string, len(w.Alternatives))
	for i, a := range w.Alternatives {
		alts[i] = string(a)
	}
	return fmt.Sprintf("%q is moeilijk te voelen. %s Kies liever een thema als %s.", title, w.Why, strings.Join(alts, " of "))
}
