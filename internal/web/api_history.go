package web

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// apiRevision is one version of a page in GET /api/pages/:kind/:slug/history.
type apiRevision struct {
	Commit   string `json:"commit"`
	Revision string `json:"revision"` // the blob; "" when the page was deleted or renamed away
	Op       string `json:"op"`       // created | changed | deleted | renamed
	Path     string `json:"path"`     // the page's path in that commit (differs before a rename)
	OldPath  string `json:"old_path,omitempty"`
	Author   string `json:"author"`
	Date     string `json:"date"` // RFC 3339, with the author's zone
	Message  string `json:"message"`
}

type apiHistory struct {
	Kind      wiki.Kind     `json:"kind"`
	Slug      wiki.Slug     `json:"slug"`
	Revisions []apiRevision `json:"revisions"`
}

// apiOps names the store's (Dutch) operations in the API's English.
var apiOps = map[string]string{store.OpNew: "created", store.OpChanged: "changed", store.OpDeleted: "deleted",
	store.OpRenamed: "renamed"}

// apiPageHistory answers GET /api/pages/:kind/:slug/history, newest first, following renames.
// A deleted page still has its history; a page that never existed is a 404.
func (s *Server) apiPageHistory(c *fiber.Ctx) error {
	s = s.as(c)
	ref, err := apiRef(c)
	if err != nil {
		return err
	}
	s.syncLinks()
	if !s.canRead(ref) { // another team's page answers as one that never existed
		return fmt.Errorf("web: api history %s: %w", ref, store.ErrNotFound)
	}
	revs, err := s.ws.Store.History(ref.Path())
	if err != nil {
		return fmt.Errorf("web: api history: %w", err)
	}
	if len(revs) == 0 {
		return fmt.Errorf("web: api history %s: %w", ref, store.ErrNotFound)
	}
	out := apiHistory{Kind: ref.Kind, Slug: ref.Slug, Revisions: make([]apiRevision, 0, len(revs))}
	for _, r := range revs {
		op := apiOps[r.Op]
		if op == "" {
			op = r.Op
		}
		out.Revisions = append(out.Revisions, apiRevision{Commit: r.Commit, Revision: r.Blob, Op: op, Path: r.Path,
			OldPath: r.OldPath, Author: s.authorName(r.Author), Date: r.Author.When.Format(time.RFC3339), Message: r.Message})
	}
	return c.JSON(out)
}
