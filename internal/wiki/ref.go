// Package wiki holds the vocabulary every part of Leefwereld shares: the kinds of page, slugs,
// references between pages and the problems a page can have. It knows nothing of HTTP, git or
// the search index, so every other package can depend on it.
package wiki

import (
	"fmt"
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Kind is the type of a page; it decides the folder, the front matter and the method hints.
type Kind string

// The kinds of page. The string values appear in front matter (`kind: theme`) and are a contract.
const (
	Portrait Kind = "portrait"
	Theme    Kind = "theme"
	Frame    Kind = "frame"
	Case     Kind = "case"
	Team     Kind = "team"
)

// Kinds lists every kind in the order a bare [[slug]] is resolved: the shared theme library
// first, because most wiki links in portraits point at themes.
var Kinds = []Kind{Theme, Portrait, Frame, Case, Team}

var folders = map[Kind]string{
	Portrait: "portraits", Theme: "themes", Frame: "frames", Case: "cases", Team: "teams",
}

var labels = map[Kind]string{
	Portrait: "leefwereldportret", Theme: "betekenisthema", Frame: "frame", Case: "casus", Team: "team",
}

// Folder is the repository folder that holds pages of this kind.
func (k Kind) Folder() string { return folders[k] }

// articles are the Dutch articles of the kinds' labels: het portret, de casus.
var articles = map[Kind]string{Portrait: "het", Theme: "het", Frame: "het", Case: "de", Team: "het"}

// Named is the label with its article, for a sentence: "het leefwereldportret", "de casus".
func (k Kind) Named() string { return articles[k] + " " + labels[k] }

// Label is the Dutch name of the kind as users see it.
func (k Kind) Label() string { return labels[k] }

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool { _, ok := folders[k]; return ok }

// ParseKind accepts a kind ("theme") or its folder ("themes").
func ParseKind(s string) (Kind, bool) {
	for k, f := range folders {
		if s == string(k) || s == f {
			return k, true
		}
	}
	return "", false
}

// Slug is the file name of a page without ".md": lowercase ASCII letters, digits and single
// hyphens. It is the page's identity inside its folder and part of its URL.
type Slug string

// MaxSlugLen keeps paths and URLs short enough for every file system and log line.
const MaxSlugLen = 80

// ParseSlug checks that s is a valid slug. The error is Dutch, for users.
func ParseSlug(s string) (Slug, error) {
	switch {
	case s == "":
		return "", fmt.Errorf("de korte naam (slug) is leeg")
	case len(s) > MaxSlugLen:
		return "", fmt.Errorf("de korte naam %q is langer dan %d tekens", s, MaxSlugLen)
	}
	prevHyphen := true // forbids a leading hyphen
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			prevHyphen = false
		case r == '-' && !prevHyphen:
			prevHyphen = true
		default:
			return "", fmt.Errorf("de korte naam %q mag alleen kleine letters a-z, cijfers en losse streepjes bevatten", s)
		}
	}
	if prevHyphen {
		return "", fmt.Errorf("de korte naam %q mag niet op een streepje eindigen", s)
	}
	return Slug(s), nil
}

// Slugify derives a slug from a title: accents are dropped (é → e, ë → e), everything that is
// not a letter or digit becomes a single hyphen. It returns "" when nothing usable is left.
func Slugify(title string) Slug {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(strings.ToLower(title)) {
		switch {
		case unicode.Is(unicode.Mn, r): // combining accent left by NFKD
			continue
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			if b.Len() < MaxSlugLen {
				b.WriteRune(r)
			}
		case r == 'ß':
			b.WriteString("ss")
		case r == 'ĳ':
			b.WriteString("ij")
		default:
			hyphen = true
		}
	}
	return Slug(strings.TrimRight(b.String(), "-"))
}

// Ref names one page: its kind and slug. It is the page's identity across the product.
type Ref struct {
	Kind Kind
	Slug Slug
}

// Path is the page's path in the repository, e.g. "themes/schaamte.md".
func (r Ref) Path() string { return r.Kind.Folder() + "/" + string(r.Slug) + ".md" }

// String is the long wiki-link form, e.g. "themes/schaamte".
func (r Ref) String() string { return r.Kind.Folder() + "/" + string(r.Slug) }

// URL is the page's address in the web UI, e.g. "/themes/schaamte".
func (r Ref) URL() string { return "/" + r.String() }

// MediaDir is the folder that holds the page's attachments, e.g. "media/schaamte".
func (r Ref) MediaDir() string { return "media/" + string(r.Slug) }

// IsZero reports whether r is the zero Ref.
func (r Ref) IsZero() bool { return r.Kind == "" && r.Slug == "" }

// RefFromPath turns a repository path ("themes/schaamte.md") into a Ref.
func RefFromPath(p string) (Ref, error) {
	dir, file := path.Split(p)
	k, ok := ParseKind(strings.TrimSuffix(dir, "/"))
	if !ok || k.Folder() != strings.TrimSuffix(dir, "/") {
		return Ref{}, fmt.Errorf("%q staat niet in een bekende map (portraits, themes, frames, cases, teams)", p)
	}
	if !strings.HasSuffix(file, ".md") {
		return Ref{}, fmt.Errorf("%q is geen Markdown-bestand (.md)", p)
	}
	s, err := ParseSlug(strings.TrimSuffix(file, ".md"))
	if err != nil {
		return Ref{}, err
	}
	return Ref{k, s}, nil
}

// NewRef builds a Ref from a kind or folder name and a slug, validating both.
func NewRef(kind, slug string) (Ref, error) {
	k, ok := ParseKind(kind)
	if !ok {
		return Ref{}, fmt.Errorf("onbekende soort pagina %q", kind)
	}
	s, err := ParseSlug(slug)
	if err != nil {
		return Ref{}, err
	}
	return Ref{k, s}, nil
}

// Target is what a wiki link or a front-matter link names: a slug, optionally with a kind.
// A bare slug is resolved against the workspace by Resolve.
type Target struct {
	Kind Kind // "" when the link names only a slug
	Slug Slug
}

// ParseTarget parses "schaamte", "themes/schaamte" or "theme/schaamte". Surrounding spaces and
// capitals are forgiven ([[Schaamte]] is [[schaamte]]), because people type links as they type
// words; anything else that is not a valid target is an error in Dutch.
func ParseTarget(s string) (Target, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexByte(s, '/'); i >= 0 {
		r, err := NewRef(s[:i], s[i+1:])
		if err != nil {
			return Target{}, err
		}
		return Target{r.Kind, r.Slug}, nil
	}
	slug, err := ParseSlug(s)
	if err != nil {
		return Target{}, err
	}
	return Target{Slug: slug}, nil
}

// String is the target as written in a link.
func (t Target) String() string {
	if t.Kind == "" {
		return string(t.Slug)
	}
	return Ref{t.Kind, t.Slug}.String()
}

// Resolve turns a target into a Ref. A target with a kind is taken as it is; a bare slug is the
// first existing page in the order of Kinds, and a theme when no page has that slug, so that a
// link to a missing page offers to start a new theme. exists reports whether the page is there.
func Resolve(t Target, exists func(Ref) bool) (ref Ref, found bool) {
	if t.Kind != "" {
		r := Ref{t.Kind, t.Slug}
		return r, exists(r)
	}
	for _, k := range Kinds {
		if r := (Ref{k, t.Slug}); exists(r) {
			return r, true
		}
	}
	return Ref{Theme, t.Slug}, false
}
