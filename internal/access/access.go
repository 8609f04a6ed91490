// Package access is Leefwereld's one access policy: who may read, write or manage what.
//
// Portraits and casussen describe children, so everything is closed unless a rule below opens
// it, and every part of the product — routes, the API, search, backlinks, history, attachments —
// asks this package instead of deciding for itself. It is pure: no database, no HTTP, so the
// whole policy fits in one table test.
//
// The rules:
//   - Anonymous visitors may do nothing (the login page and static files need no policy).
//   - Themes are the shared library: every signed-in account reads them, schrijvers edit them.
//   - Team-owned pages (portrait, casus, frame, team page) are read by members of the team and
//     written by schrijvers who are members. A page that names no team is nobody's: closed.
//   - A frame marked gedeeld is readable by every signed-in account (inspiration for other
//     teams); only its own team's schrijvers still write it.
//   - Beheerders manage: accounts and teams, and the pages themselves (export for inzage,
//     erasure, the view log). Managing is not reading: a beheerder who is not in a team does not
//     browse its pupils' pages; the export and the erasure are deliberate acts that are logged.
//   - Everyone reads and changes what is their own account's: their sessions ("log uit op alle
//     apparaten"), API tokens and password. A beheerder manages anyone's.
package access

import (
	"fmt"
	"slices"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Role is what an account may do beyond reading. Its string values are stored and typed on the
// command line; they are a contract.
type Role string

// The roles. Every signed-in account reads, so lezer adds nothing; it exists so that an account
// can be given "just reading" explicitly.
const (
	Lezer     Role = "lezer"
	Schrijver Role = "schrijver"
	Beheerder Role = "beheerder"
)

// Roles lists the roles from least to most.
var Roles = []Role{Lezer, Schrijver, Beheerder}

// ParseRole accepts a role's name; the error is Dutch, for users.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("de rol %q bestaat niet; kies lezer, schrijver of beheerder", s)
}

// Action is what a subject wants to do.
type Action int

// The actions, from least to most.
const (
	Read   Action = iota + 1 // see the page, its history, attachments, backlinks, search hits
	Write                    // create, edit, rename, restore, attach
	Manage                   // accounts and teams; export, erase and the view log of a page
)

func (a Action) String() string {
	switch a {
	case Read:
		return "read"
	case Write:
		return "write"
	case Manage:
		return "manage"
	}
	return fmt.Sprintf("Action(%d)", int(a))
}

// Subject is who asks: the zero value is an anonymous visitor.
type Subject struct {
	// Account is the account's stable id; empty means anonymous, whatever the other fields say.
	Account string
	Roles   []Role
	Teams   []wiki.Slug
}

// Anonymous is a visitor who is not signed in.
var Anonymous = Subject{}

// SignedIn reports whether the subject is an account.
func (s Subject) SignedIn() bool { return s.Account != "" }

// Has reports whether the signed-in subject has role r.
func (s Subject) Has(r Role) bool { return s.SignedIn() && slices.Contains(s.Roles, r) }

// Member reports whether the signed-in subject is in team t.
func (s Subject) Member(t wiki.Slug) bool {
	return s.SignedIn() && t != "" && slices.Contains(s.Teams, t)
}

// Resource is what a subject acts on: a page, the administration (accounts and teams), or one
// account's own things.
type Resource struct {
	// Admin marks the administration: accounts, roles, team memberships, sessions of others.
	Admin bool
	// Account marks one account's own sessions, API tokens and password (see Own).
	Account string
	// Kind, Team and Shared describe a page (see Page).
	Kind   wiki.Kind
	Team   wiki.Slug
	Shared bool
}

// Admin is the administration of accounts and teams.
var Admin = Resource{Admin: true}

// Own is the sessions, API tokens and password of account id: the account itself reads and
// writes them (Read, Write); a beheerder manages them (Manage).
func Own(id string) Resource { return Resource{Account: id} }

// Page describes the page ref for the policy. team is the page's `team:` front matter (ignored
// for team pages, which belong to the team they describe: teams/<slug>); visibility is a frame's
// `visibility:` (only "gedeeld" opens it). Attachments (media/<slug>/) have their page's access.
func Page(ref wiki.Ref, team wiki.Slug, visibility string) Resource {
	r := Resource{Kind: ref.Kind, Team: team}
	switch ref.Kind {
	case wiki.Team:
		r.Team = ref.Slug
	case wiki.Frame:
		r.Shared = visibility == "gedeeld"
	case wiki.Theme:
		r.Team = "" // themes belong to no team, whatever a stray key says
	}
	return r
}

// TeamOwned reports whether pages of kind k belong to one team.
func TeamOwned(k wiki.Kind) bool {
	return k == wiki.Portrait || k == wiki.Case || k == wiki.Frame || k == wiki.Team
}

// Allowed is the policy: whether s may do a with r.
func Allowed(s Subject, a Action, r Resource) bool {
	if !s.SignedIn() {
		return false
	}
	if a == Manage {
		return s.Has(Beheerder) && (r.Admin || r.Account != "" || r.Kind.Valid())
	}
	if r.Admin {
		return false // reading or writing the administration is managing it
	}
	if r.Account != "" {
		return (a == Read || a == Write) && s.Account == r.Account
	}
	switch {
	case r.Kind == wiki.Theme:
		return a == Read || a == Write && s.Has(Schrijver)
	case TeamOwned(r.Kind):
		switch a {
		case Read:
			return s.Member(r.Team) || r.Kind == wiki.Frame && r.Shared
		case Write:
			return s.Member(r.Team) && s.Has(Schrijver)
		}
	}
	return false // an unknown kind or action: closed
}

// Scope is what a subject may read, in the shape a search query needs: one clause
// "kind is theme, or team is one of Teams, or kind is frame and it is shared".
type Scope struct {
	Themes bool        // every theme
	Shared bool        // every frame marked gedeeld
	Teams  []wiki.Slug // every team-owned page of these teams
}

// ReadScope returns what s may read. It agrees with Allowed(s, Read, …) for every page
// (the tests hold it to that), so search and the page view cannot drift apart.
func ReadScope(s Subject) Scope {
	if !s.SignedIn() {
		return Scope{}
	}
	var teams []wiki.Slug
	for _, t := range s.Teams {
		if t != "" && !slices.Contains(teams, t) {
			teams = append(teams, t)
		}
	}
	slices.Sort(teams)
	return Scope{Themes: true, Shared: true, Teams: teams}
}

// Includes reports whether the scope covers page r; the search index's filter must mean the same.
func (sc Scope) Includes(r Resource) bool {
	switch {
	case r.Admin, r.Account != "":
		return false
	case r.Kind == wiki.Theme:
		return sc.Themes
	case !TeamOwned(r.Kind):
		return false
	case r.Kind == wiki.Frame && r.Shared && sc.Shared:
		return true
	}
	return r.Team != "" && slices.Contains(sc.Teams, r.Team)
}
