package access

import (
	"fmt"
	"testing"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

var subjects = []struct {
	name string
	s    Subject
}{
	{"anoniem", Anonymous},
	{"anoniem met rollen", Subject{Roles: []Role{Schrijver, Beheerder}, Teams: []wiki.Slug{"a"}}},
	{"lezer zonder team", Subject{Account: "l0", Roles: []Role{Lezer}}},
	{"zonder rollen in A", Subject{Account: "n", Teams: []wiki.Slug{"a"}}},
	{"lezer A", Subject{Account: "la", Roles: []Role{Lezer}, Teams: []wiki.Slug{"a"}}},
	{"schrijver A", Subject{Account: "sa", Roles: []Role{Schrijver}, Teams: []wiki.Slug{"a"}}},
	{"schrijver B", Subject{Account: "sb", Roles: []Role{Schrijver}, Teams: []wiki.Slug{"b"}}},
	{"schrijver A en B", Subject{Account: "sab", Roles: []Role{Lezer, Schrijver}, Teams: []wiki.Slug{"b", "a", "b"}}},
	{"schrijver zonder team", Subject{Account: "s0", Roles: []Role{Schrijver}}},
	{"beheerder", Subject{Account: "bh", Roles: []Role{Beheerder}}},
	{"beheerder en schrijver A", Subject{Account: "bsa", Roles: []Role{Beheerder, Schrijver}, Teams: []wiki.Slug{"a"}}},
	{"lid van leeg team", Subject{Account: "e", Roles: []Role{Schrijver}, Teams: []wiki.Slug{""}}},
}

func ref(k wiki.Kind, slug string) wiki.Ref { return wiki.Ref{Kind: k, Slug: wiki.Slug(slug)} }

var resources = []struct {
	name string
	r    Resource
}{
	{"thema", Page(ref(wiki.Theme, "schaamte"), "", "")},
	{"thema met team", Page(ref(wiki.Theme, "trots"), "b", "")},
	{"portret A", Page(ref(wiki.Portrait, "sam"), "a", "")},
	{"casus A", Page(ref(wiki.Case, "sam-groep-7"), "a", "")},
	{"frame A", Page(ref(wiki.Frame, "sport"), "a", "team")},
	{"frame A zonder zichtbaarheid", Page(ref(wiki.Frame, "sport"), "a", "")},
	{"gedeeld frame A", Page(ref(wiki.Frame, "sport"), "a", "gedeeld")},
	{"gedeeld frame B", Page(ref(wiki.Frame, "muziek"), "b", "gedeeld")},
	{"teampagina A", Page(ref(wiki.Team, "a"), "b", "")}, // the slug decides, not a stray key
	{"teampagina B", Page(ref(wiki.Team, "b"), "", "")},
	{"portret B", Page(ref(wiki.Portrait, "kim"), "b", "")},
	{"portret zonder team", Page(ref(wiki.Portrait, "x"), "", "")},
	{"gedeelde casus A", Page(ref(wiki.Case, "c"), "a", "gedeeld")}, // only frames can be shared
	{"beheer", Admin},
	{"eigen account van schrijver A", Own("sa")},
	{"leeg account", Own("")},
	{"onbekende soort", Resource{Kind: "notitie", Team: "a"}},
}

// want is the whole policy, one cell per subject × resource: "rwm" with "-" where refused.
var want = map[string]map[string]string{
	"anoniem":            {},
	"anoniem met rollen": {},
	"lezer zonder team": {
		"thema": "r--", "thema met team": "r--", "gedeeld frame A": "r--", "gedeeld frame B": "r--",
	},
	"zonder rollen in A": {
		"thema": "r--", "thema met team": "r--", "portret A": "r--", "casus A": "r--", "frame A": "r--",
		"frame A zonder zichtbaarheid": "r--", "gedeeld frame A": "r--", "gedeeld frame B": "r--",
		"teampagina A": "r--", "gedeelde casus A": "r--",
	},
	"lezer A": {
		"thema": "r--", "thema met team": "r--", "portret A": "r--", "casus A": "r--", "frame A": "r--",
		"frame A zonder zichtbaarheid": "r--", "gedeeld frame A": "r--", "gedeeld frame B": "r--",
		"teampagina A": "r--", "gedeelde casus A": "r--",
	},
	"schrijver A": {
		"thema": "rw-", "thema met team": "rw-", "portret A": "rw-", "casus A": "rw-", "frame A": "rw-",
		"frame A zonder zichtbaarheid": "rw-", "gedeeld frame A": "rw-", "gedeeld frame B": "r--",
		"teampagina A": "rw-", "gedeelde casus A": "rw-", "eigen account van schrijver A": "rw-",
	},
	"schrijver B": {
		"thema": "rw-", "thema met team": "rw-", "gedeeld frame A": "r--", "gedeeld frame B": "rw-",
		"teampagina B": "rw-", "portret B": "rw-",
	},
	"schrijver A en B": {
		"thema": "rw-", "thema met team": "rw-", "portret A": "rw-", "casus A": "rw-", "frame A": "rw-",
		"frame A zonder zichtbaarheid": "rw-", "gedeeld frame A": "rw-", "gedeeld frame B": "rw-",
		"teampagina A": "rw-", "teampagina B": "rw-", "portret B": "rw-", "gedeelde casus A": "rw-",
	},
	"schrijver zonder team": {
		"thema": "rw-", "thema met team": "rw-", "gedeeld frame A": "r--", "gedeeld frame B": "r--",
	},
	"beheerder": {
		"thema": "r-m", "thema met team": "r-m", "portret A": "--m", "casus A": "--m", "frame A": "--m",
		"frame A zonder zichtbaarheid": "--m", "gedeeld frame A": "r-m", "gedeeld frame B": "r-m",
		"teampagina A": "--m", "teampagina B": "--m", "portret B": "--m", "portret zonder team": "--m",
		"gedeelde casus A": "--m", "beheer": "--m", "eigen account van schrijver A": "--m",
	},
	"beheerder en schrijver A": {
		"thema": "rwm", "thema met team": "rwm", "portret A": "rwm", "casus A": "rwm", "frame A": "rwm",
		"frame A zonder zichtbaarheid": "rwm", "gedeeld frame A": "rwm", "gedeeld frame B": "r-m",
		"teampagina A": "rwm", "teampagina B": "--m", "portret B": "--m", "portret zonder team": "--m",
		"gedeelde casus A": "rwm", "beheer": "--m", "eigen account van schrijver A": "--m",
	},
	"lid van leeg team": {
		"thema": "rw-", "thema met team": "rw-", "gedeeld frame A": "r--", "gedeeld frame B": "r--",
	},
}

func TestAllowed(t *testing.T) {
	for _, sub := range subjects {
		row, ok := want[sub.name]
		if !ok {
			t.Fatalf("no expectations for subject %q", sub.name)
		}
		for name := range row {
			if !hasResource(name) {
				t.Fatalf("expectation for unknown resource %q", name)
			}
		}
		for _, res := range resources {
			exp := row[res.name]
			if exp == "" {
				exp = "---"
			}
			got := ""
			for i, a := range []Action{Read, Write, Manage} {
				if Allowed(sub.s, a, res.r) {
					got += string("rwm"[i])
				} else {
					got += "-"
				}
			}
			if got != exp {
				t.Errorf("%s × %s = %s, want %s", sub.name, res.name, got, exp)
			}
		}
	}
}

func hasResource(name string) bool {
	for _, r := range resources {
		if r.name == name {
			return true
		}
	}
	return false
}

func TestUnknownActionIsRefused(t *testing.T) {
	all := Subject{Account: "x", Roles: Roles, Teams: []wiki.Slug{"a"}}
	for _, a := range []Action{0, Manage + 1, -1} {
		for _, res := range resources {
			if Allowed(all, a, res.r) {
				t.Errorf("action %v on %s allowed", a, res.name)
			}
		}
	}
}

// TestReadScopeAgrees holds the search filter to the policy: for every subject and page, the
// scope includes the page exactly when the policy lets the subject read it.
func TestReadScopeAgrees(t *testing.T) {
	for _, sub := range subjects {
		sc := ReadScope(sub.s)
		for _, res := range resources {
			page := !res.r.Admin && res.r.Account == ""
			if got, want := sc.Includes(res.r), Allowed(sub.s, Read, res.r) && page; got != want {
				t.Errorf("%s × %s: scope includes = %v, policy reads = %v", sub.name, res.name, got, want)
			}
		}
	}
}

func TestReadScope(t *testing.T) {
	tests := []struct {
		s    Subject
		want string
	}{
		{Anonymous, "{false false []}"},
		{Subject{Roles: []Role{Beheerder}, Teams: []wiki.Slug{"a"}}, "{false false []}"},
		{Subject{Account: "x"}, "{true true []}"},
		{Subject{Account: "x", Teams: []wiki.Slug{"b", "", "a", "b"}}, "{true true [a b]}"},
		{Subject{Account: "x", Roles: []Role{Beheerder}}, "{true true []}"}, // managing is not reading
	}
	for _, tt := range tests {
		if got := fmt.Sprint(ReadScope(tt.s)); got != tt.want {
			t.Errorf("ReadScope(%+v) = %s, want %s", tt.s, got, tt.want)
		}
	}
}

func TestParseRole(t *testing.T) {
	for _, r := range Roles {
		if got, err := ParseRole(string(r)); err != nil || got != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
	}
	for _, s := range []string{"", "Schrijver", "admin", "beheerder "} {
		_, err := ParseRole(s)
		if err == nil || err.Error() != fmt.Sprintf("de rol %q bestaat niet; kies lezer, schrijver of beheerder", s) {
			t.Errorf("ParseRole(%q): %v", s, err)
		}
	}
}

func TestPage(t *testing.T) {
	tests := []struct {
		ref       wiki.Ref
		team, vis string
		want      Resource
	}{
		{ref(wiki.Team, "a"), "b", "gedeeld", Resource{Kind: wiki.Team, Team: "a"}},
		{ref(wiki.Frame, "f"), "a", "gedeeld", Resource{Kind: wiki.Frame, Team: "a", Shared: true}},
		{ref(wiki.Frame, "f"), "a", "Gedeeld", Resource{Kind: wiki.Frame, Team: "a"}},
		{ref(wiki.Case, "c"), "a", "gedeeld", Resource{Kind: wiki.Case, Team: "a"}},
		{ref(wiki.Theme, "t"), "a", "gedeeld", Resource{Kind: wiki.Theme}},
	}
	for _, tt := range tests {
		if got := Page(tt.ref, wiki.Slug(tt.team), tt.vis); got != tt.want {
			t.Errorf("Page(%v, %q, %q) = %+v, want %+v", tt.ref, tt.team, tt.vis, got, tt.want)
		}
	}
}
