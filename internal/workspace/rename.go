package workspace

import (
	"bytes"
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/leefwereld/leefwereld/internal/markdown"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Rename gives a page a new slug in one commit: the page moves, its attachments move with it,
// and every link to it — typed links in front matter and [[links]] in text — is rewritten.
func (w *Workspace) Rename(from wiki.Ref, to wiki.Slug, author store.Author, message string) (store.Commit, error) {
	if _, err := wiki.ParseSlug(string(to)); err != nil {
		return store.Commit{}, fmt.Errorf("workspace: rename %s: %w", from, err)
	}
	toRef := wiki.Ref{Kind: from.Kind, Slug: to}
	existing := map[wiki.Ref]bool{}
	err := w.Store.Walk("", func(e store.Entry) error {
		if r, err := wiki.RefFromPath(e.Path); err == nil {
			existing[r] = true
		}
		return nil
	})
	if err != nil {
		return store.Commit{}, fmt.Errorf("workspace: rename %s: %w", from, err)
	}
	resolve := func(t wiki.Target) (wiki.Ref, bool) {
		return wiki.Resolve(t, func(r wiki.Ref) bool { return existing[r] })
	}
	req := store.RenameRequest{
		From: from.Path(), To: toRef.Path(), Author: author, Message: message,
		Rewrite: func(p string, content []byte) ([]byte, bool) {
			if !isPagePath(p) {
				return content, false
			}
			out, changed := rewriteFrontLinks(p, content, from, to)
			if page, _ := Parse(p, out); page != nil {
				body, ok := markdown.RewriteLinks(page.Body, from, toRef, resolve)
				if ok {
					out = append(out[:len(out)-len(page.Body):len(out)-len(page.Body)], body...)
					changed = true
				}
			}
			return out, changed
		},
	}
	if existing[from] { // move the attachments along, unless the new slug already has some
		var has bool
		_ = w.Store.Walk("", func(e store.Entry) error {
			has = has || bytes.HasPrefix([]byte(e.Path), []byte(toRef.MediaDir()+"/"))
			return nil
		})
		if !has {
			req.Also = [][2]string{{from.MediaDir(), toRef.MediaDir()}}
		}
	}
	c, err := w.Store.Rename(req)
	if err != nil {
		return c, fmt.Errorf("workspace: rename %s: %w", from, err)
	}
	return c, nil
}

// rewriteFrontLinks replaces, in place, every typed front-matter link to from with the new
// slug, leaving the rest of the file byte for byte as it was.
func rewriteFrontLinks(p string, content []byte, from wiki.Ref, to wiki.Slug) ([]byte, bool) {
	page, probs := Parse(p, content)
	if page == nil || probs.HasErrors() {
		return content, false
	}
	var offsets []int
	lineStart := lineOffsets(content)
	for _, l := range page.Meta.Links() {
		if l.Ref != from {
			continue
		}
		pos, ok := page.ValuePos(l.Field)
		if !ok || pos.Line > len(lineStart) {
			continue
		}
		off := columnOffset(content, lineStart[pos.Line-1], pos.Column)
		if off < len(content) && (content[off] == '"' || content[off] == '\'') {
			off++
		}
		if bytes.HasPrefix(content[off:], []byte(from.Slug)) {
			offsets = append(offsets, off)
		}
	}
	if len(offsets) == 0 {
		return content, false
	}
	sort.Sort(sort.Reverse(sort.IntSlice(offsets)))
	out := append([]byte(nil), content...)
	for _, off := range offsets {
		out = append(out[:off], append([]byte(to), out[off+len(from.Slug):]...)...)
	}
	return out, true
}

// columnOffset turns a 1-based column (YAML counts characters, not bytes) into a byte offset.
func columnOffset(b []byte, lineStart, column int) int {
	off := lineStart
	for i := 1; i < column && off < len(b); i++ {
		_, size := utf8.DecodeRune(b[off:])
		off += size
	}
	return off
}

// lineOffsets returns the byte offset at which each line starts.
func lineOffsets(b []byte) []int {
	offs := []int{0}
	for i, c := range b {
		if c == '\n' {
			offs = append(offs, i+1)
		}
	}
	return offs
}
