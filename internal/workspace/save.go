package workspace

import (
	"fmt"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Save validates a page and commits it. base is the blob the edit started from ("" for a new
// page); when the page moved meanwhile the store merges three-way. Invalid text is refused
// with every problem (an *wiki.InvalidError) and nothing is committed; hints and warnings come
// back with a successful save.
func (w *Workspace) Save(ref wiki.Ref, content []byte, base string, author store.Author, message string) (store.SaveResult, wiki.Problems, error) {
	probs := w.validate(ref, content)
	if err := probs.Err(); err != nil {
		return store.SaveResult{}, probs, fmt.Errorf("workspace: save %s: %w", ref, err)
	}
	res, err := w.Store.Save(store.SaveRequest{Path: ref.Path(), Content: content, Base: base, Author: author, Message: message,
		// Runs under the store's write lock: parse only, never call back into the store.
		Check: func(merged []byte) error {
			_, probs := wiki.Parse(Schema(ref.Kind), ref, merged)
			return probs.Err()
		}})
	if err != nil {
		return res, probs, fmt.Errorf("workspace: save %s: %w", ref, err)
	}
	return res, probs, nil
}

// validate parses one page and checks its links against the latest revision.
func (w *Workspace) validate(ref wiki.Ref, content []byte) wiki.Problems {
	page, probs := wiki.Parse(Schema(ref.Kind), ref, content)
	if page == nil || probs.HasErrors() {
		return probs
	}
	probs = append(probs, linkProblems(page, w.exists)...)
	probs = append(probs, w.shareProblems(page)...)
	sortProblems(probs)
	return probs
}

// exists reports whether a page is in the latest revision.
func (w *Workspace) exists(r wiki.Ref) bool {
	_, err := w.Store.Read(r.Path(), "")
	return err == nil
}
