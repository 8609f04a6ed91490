package themes

import (
	"reflect"
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

func TestTies(t *testing.T) {
	for _, tt := range []struct {
		name string
		own  []Relation
		in   []Incoming
		want []Tie
	}{
		{
			name: "own relations, the default type filled in",
			own:  []Relation{{Slug: "openheid", How: "spanning", Note: "zwijgen"}, {Slug: "zelfbeeld"}},
			want: []Tie{{Other: "openheid", How: "spanning", Notes: []string{"zwijgen"}}, {Other: "zelfbeeld", How: "hoort-bij"}},
		},
		{
			name: "an incoming directed relation reads from this side",
			in:   []Incoming{{From: "macht", Relation: Relation{Slug: "autonomie", How: "verzwakt", Note: "wie beslist?"}}},
			want: []Tie{{Other: "macht", How: "verzwakt", Incoming: true, Notes: []string{"wie beslist?"}}},
		},
		{
			name: "a symmetric relation both sides name is one tie with both notes",
			own:  []Relation{{Slug: "openheid", How: "spanning", Note: "wie zich schaamt, zwijgt"}},
			in: []Incoming{
				{From: "openheid", Relation: Relation{Slug: "schaamte", How: "spanning", Note: "wat beschaamt, vertel je niet"}},
				{From: "zelfbeeld", Relation: Relation{Slug: "schaamte"}},
			},
			want: []Tie{
				{Other: "openheid", How: "spanning", Notes: []string{"wie zich schaamt, zwijgt", "wat beschaamt, vertel je niet"}},
				{Other: "zelfbeeld", How: "hoort-bij", Incoming: true},
			},
		},
		{
			name: "a directed relation both ways is two ties",
			own:  []Relation{{Slug: "trots", How: "versterkt"}},
			in:   []Incoming{{From: "trots", Relation: Relation{Slug: "zelfvertrouwen", How: "versterkt"}}},
			want: []Tie{{Other: "trots", How: "versterkt"}, {Other: "trots", How: "versterkt", Incoming: true}},
		},
		{
			name: "a relation to itself is left out",
			own:  []Relation{{Slug: "schaamte", How: "versterkt"}},
			in:   []Incoming{{From: "schaamte", Relation: Relation{Slug: "schaamte"}}},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Ties("schaamte", tt.own, tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestPhrasesAndSentences(t *testing.T) {
	for _, tt := range []struct {
		tie             Tie
		phrase, phrase2 string
	}{
		{Tie{Other: "eenzaamheid", How: "versterkt"}, "Maakt sterker", "Schaamte maakt eenzaamheid sterker."},
		{Tie{Other: "eenzaamheid", How: "versterkt", Incoming: true}, "Wordt sterker door", "Eenzaamheid maakt schaamte sterker."},
		{Tie{Other: "duidelijkheid", How: "behoefte"}, "Vraagt om", "Schaamte vraagt om duidelijkheid."},
		{Tie{Other: "onzekerheid", How: "behoefte", Incoming: true}, "Is nodig bij", "Onzekerheid vraagt om schaamte."},
		{Tie{Other: "frustratie", How: "gaat-over-in", Incoming: true}, "Kan ontstaan uit", "Frustratie kan overgaan in schaamte."},
		{Tie{Other: "openheid", How: "spanning", Incoming: true}, "Staat op gespannen voet met", "Openheid en schaamte staan op gespannen voet."},
		{Tie{Other: "zelfbeeld", How: ""}, "Hoort bij", "Schaamte en zelfbeeld horen bij elkaar."},
	} {
		title := map[wiki.Slug]string{"eenzaamheid": "Eenzaamheid", "duidelijkheid": "Duidelijkheid", "onzekerheid": "Onzekerheid",
			"frustratie": "Frustratie", "openheid": "Openheid", "zelfbeeld": "Zelfbeeld"}[tt.tie.Other]
		if got := tt.tie.Phrase(); got != tt.phrase {
			t.Errorf("%+v: phrase %q, want %q", tt.tie, got, tt.phrase)
		}
		if got := tt.tie.Sentence("Schaamte", title); got != tt.phrase2 {
			t.Errorf("%+v: sentence %q, want %q", tt.tie, got, tt.phrase2)
		}
	}
	for _, h := range Hows {
		if How(h).Phrase(false) == "" || How(h).Phrase(true) == "" {
			t.Errorf("relation %s has no phrase", h)
		}
	}
}
