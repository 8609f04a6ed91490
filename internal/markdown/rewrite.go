package markdown

import (
	"bytes"
	"sort"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/yuin/goldmark/ast"
)

// RewriteLinks rewrites every wiki link in src whose target resolves to from so that it points
// to to, for a page that is renamed or moved. Only the target is edited: labels, spacing and
// everything else stay byte for byte. [[kind/slug]] keeps a kind (written the same way,
// "theme/" or "themes/"); a bare [[slug]] stays bare when the new slug alone resolves to to,
// else it gets to's folder. Links inside code spans, code blocks and link texts are not wiki
// links and are left alone. It returns the new source and whether anything changed.
//
// resolve may describe the workspace before or after the move: RewriteLinks derives both
// states from it (before: from exists and to does not; after: the other way round).
func RewriteLinks(src []byte, from, to wiki.Ref, resolve Resolver) ([]byte, bool) {
	if from == to || !valid(to) {
		return src, false
	}
	has := func(r wiki.Ref) bool {
		if resolve == nil {
			return false
		}
		_, ok := resolve(wiki.Target{Kind: r.Kind, Slug: r.Slug})
		return ok
	}
	before := func(r wiki.Ref) bool { return r == from || (r != to && has(r)) }
	after := func(r wiki.Ref) bool { return r == to || (r != from && has(r)) }

	bare := string(to.Slug)
	if ref, _ := wiki.Resolve(wiki.Target{Slug: to.Slug}, after); ref != to {
		bare = to.String()
	}

	type edit struct {
		start, stop int
		text        string
	}
	var edits []edit
	root := shared.parse(src)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		w, ok := n.(*wikiLink)
		if !ok || !entering || w.literal {
			return ast.WalkContinue, nil
		}
		if ref, _ := wiki.Resolve(w.parsed, before); ref != from {
			return ast.WalkContinue, nil
		}
		repl := bare
		if w.parsed.Kind != "" {
			written := w.target.Value(src)
			kind := to.Kind.Folder()
			if i := bytes.IndexByte(written, '/'); i >= 0 && string(bytes.TrimSpace(written[:i])) == string(w.parsed.Kind) {
				kind = string(to.Kind) // written as "theme/x", not "themes/x"
			}
			repl = kind + "/" + string(to.Slug)
		}
		edits = append(edits, edit{w.target.Start, w.target.Stop, repl})
		return ast.WalkContinue, nil
	})
	if len(edits) == 0 {
		return src, false
	}
	out := make([]byte, 0, len(src)+len(edits)*8)
	last := 0
	// Footnote definitions are moved to the end of the AST, so sort by position.
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	for _, e := range edits {
		out = append(out, src[last:e.start]...)
		out = append(out, e.text...)
		last = e.stop
	}
	out = append(out, src[last:]...)
	return out, !bytes.Equal(out, src)
}

// valid reports whether r names a page that could exist, so it can be written into a link.
func valid(r wiki.Ref) bool {
	_, err := wiki.ParseSlug(string(r.Slug))
	return r.Kind.Valid() && err == nil
}
