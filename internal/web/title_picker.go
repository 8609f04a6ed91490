package web

import (
	"strings"

	"github.com/leefwereld/leefwereld/internal/wiki"
)

// resolveTitle turns what someone typed in a title picker (an <input data-titles="KIND">,
// see the top of the picker in static/app.js) into the page of that kind it names: a slug
// ("schaamte"), an address ("/themes/schaamte") or a title, ignoring capitals and accents
// ("schaamte", "Zoe" for "Zoë"). ok is false when no page matches, or when two pages have
// that title. A form with a picker calls this when it is submitted, so it works the same
// with JavaScript (the picker fills in a title) and without (people type a title or slug).
func (s *Server) resolveTitle(kind wiki.Kind, typed string) (ref wiki.Ref, ok bool) {
	s.syncLinks()
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return wiki.Ref{}, false
	}
	slug := strings.TrimPrefix(typed, "/"+kind.Folder()+"/")
	if sl, err := wiki.ParseSlug(slug); err == nil {
		if r := (wiki.Ref{Kind: kind, Slug: sl}); s.visible(r) {
			return r, true
		}
	}
	want := fold(typed)
	found := 0
	for _, p := range s.links.Pages(kind) {
		if s.rd.mayRead(p) && fold(strings.TrimSpace(p.Title)) == want {
			ref = p.Ref
			found++
		}
	}
	return ref, found == 1
}
