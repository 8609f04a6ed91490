package workspace

import (
	"fmt"
	"sort"

	"github.com/leefwereld/leefwereld/internal/markdown"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Check validates every page at revision rev ("" = the latest): errors, warnings about links to
// pages that do not exist yet, and the method's hints, sorted by file and line.
func (w *Workspace) Check(rev string) (wiki.Problems, error) {
	files := map[string][]byte{}
	var probs wiki.Problems
	err := w.Store.Walk(rev, func(e store.Entry) error {
		if e.Path == SettingsPath {
			data, err := w.Store.ReadBlob(e.Blob)
			_, ps := ParseSettings(data)
			probs = append(probs, ps...)
			return err
		}
		if !isPagePath(e.Path) {
			return nil // attachments and files beside the pages are not pages
		}
		data, err := w.Store.ReadBlob(e.Blob)
		files[e.Path] = data
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("workspace: check: %w", err)
	}
	_, pageProbs := checkPages(files, nil)
	probs = append(probs, pageProbs...)
	sortProblems(probs)
	return probs, nil
}

// checkPages parses a set of page files and checks their links against those files plus the
// pages for which also reports true. It returns the parsed pages and every problem, sorted.
func checkPages(files map[string][]byte, also func(wiki.Ref) bool) (map[string]*wiki.Page, wiki.Problems) {
	pages := make(map[string]*wiki.Page, len(files))
	var probs wiki.Problems
	for p, data := range files {
		page, ps := Parse(p, data)
		probs = append(probs, ps...)
		if page != nil {
			pages[p] = page
		}
	}
	exists := func(r wiki.Ref) bool {
		_, ok := files[r.Path()]
		return ok || also != nil && also(r)
	}
	for _, page := range pages {
		probs = append(probs, linkProblems(page, exists)...)
	}
	sortProblems(probs)
	return pages, probs
}

// linkProblems warns about typed and text links to pages that do not exist (yet).
func linkProblems(page *wiki.Page, exists func(wiki.Ref) bool) wiki.Problems {
	var probs wiki.Problems
	file := page.Ref.Path()
	for _, l := range page.Meta.Links() {
		if l.Ref.Slug == "" || exists(l.Ref) {
			continue
		}
		probs = append(probs, wiki.Problem{Severity: wiki.Warning, Code: "link.missing", File: file, Line: page.Pos(l.Field).Line,
			Field: l.Field, Message: fmt.Sprintf("verwijst naar %s, maar die pagina bestaat nog niet", l.Ref)})
	}
	for _, l := range markdown.Extract(page.Body).Links {
		if _, found := wiki.Resolve(l.Target, exists); !found {
			probs = append(probs, wiki.Problem{Severity: wiki.Warning, Code: "link.missing", File: file,
				Line:    page.BodyLine + l.Line - 1,
				Message: fmt.Sprintf("de link [[%s]] wijst naar een pagina die nog niet bestaat", l.Target)})
		}
	}
	return probs
}

// sortProblems orders problems by file, then line, errors before warnings before hints.
func sortProblems(ps wiki.Problems) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Severity < b.Severity
	})
}
