package themes

import (
	"strings"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// how reads an empty relation type as its default.
func (h How) how() How {
	if h == "" {
		return "hoort-bij"
	}
	return h
}

// Symmetric relations read the same from both themes: "hoort bij" and "spanning".
func (h How) Symmetric() bool { h = h.how(); return h == "hoort-bij" || h == "spanning" }

// phrases say what the other theme is to the theme being read: [0] when this theme names the
// relation, [1] when the other theme names it.
var phrases = map[How][2]string{
	"hoort-bij":    {"Hoort bij", "Hoort bij"},
	"versterkt":    {"Maakt sterker", "Wordt sterker door"},
	"verzwakt":     {"Maakt zwakker", "Wordt zwakker door"},
	"spanning":     {"Staat op gespannen voet met", "Staat op gespannen voet met"},
	"behoefte":     {"Vraagt om", "Is nodig bij"},
	"gaat-over-in": {"Kan overgaan in", "Kan ontstaan uit"},
}

// Phrase is the heading a relation gets on a theme's page: from the theme that names it
// ("Maakt sterker"), or, with incoming, from the theme it names ("Wordt sterker door").
func (h How) Phrase(incoming bool) string {
	p := phrases[h.how()]
	if incoming {
		return p[1]
	}
	return p[0]
}

// Sentence says a relation in full, from the theme that names it to the theme it names:
// "Schaamte maakt eenzaamheid sterker."
func (h How) Sentence(from, to string) string {
	to = lowerFirst(to)
	switch h.how() {
	case "versterkt":
		return from + " maakt " + to + " sterker."
	case "verzwakt":
		return from + " maakt " + to + " zwakker."
	case "spanning":
		return from + " en " + to + " staan op gespannen voet."
	case "behoefte":
		return from + " vraagt om " + to + "."
	case "gaat-over-in":
		return from + " kan overgaan in " + to + "."
	default:
		return from + " en " + to + " horen bij elkaar."
	}
}

// Tie is a relation as one theme sees it.
type Tie struct {
	Other    wiki.Slug
	How      How
	Incoming bool     // only the other theme names it
	Notes    []string // this theme's note first, then the other theme's
}

// Phrase is the tie's heading on the page of the theme that has it.
func (t Tie) Phrase() string { return t.How.Phrase(t.Incoming) }

// Sentence says the tie in full, with the titles of this theme and the other one.
func (t Tie) Sentence(self, other string) string {
	if t.Incoming {
		return t.How.Sentence(other, self)
	}
	return t.How.Sentence(self, other)
}

// Incoming is a relation another theme names to this one.
type Incoming struct {
	From     wiki.Slug
	Relation Relation
}

// Ties lists the relations of theme self as it sees them: its own, then those other themes
// name to it. A symmetric relation that both themes name is one tie with both notes; a
// directed one both name ("versterkt" both ways) is two ties, because it says two things.
func Ties(self wiki.Slug, own []Relation, in []Incoming) []Tie {
	var ties []Tie
	index := map[[2]string]int{} // other slug and type → position in ties, for symmetric merges
	for _, r := range own {
		if r.Slug == self || r.Slug == "" {
			continue
		}
		t := Tie{Other: r.Slug, How: r.How.how()}
		if n := strings.TrimSpace(r.Note); n != "" {
			t.Notes = []string{n}
		}
		index[[2]string{string(r.Slug), string(t.How)}] = len(ties)
		ties = append(ties, t)
	}
	for _, i := range in {
		if i.From == self || i.From == "" {
			continue
		}
		h := i.Relation.How.how()
		note := strings.TrimSpace(i.Relation.Note)
		if k, ok := index[[2]string{string(i.From), string(h)}]; ok && h.Symmetric() {
			if note != "" && (len(ties[k].Notes) == 0 || ties[k].Notes[0] != note) {
				ties[k].Notes = append(ties[k].Notes, note)
			}
			continue
		}
		t := Tie{Other: i.From, How: h, Incoming: true}
		if note != "" {
			t.Notes = []string{note}
		}
		if h.Symmetric() {
			index[[2]string{string(i.From), string(h)}] = len(ties)
		}
		ties = append(ties, t)
	}
	return ties
}
