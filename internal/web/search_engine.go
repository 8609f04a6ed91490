package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/search"
)

// WithSearch gives the server the full-text index. The server does not own it: whoever
// opened it (serve) closes it. Without it, search falls back to matching titles.
func WithSearch(idx *search.Index) Option {
	return func(s *Server) { s.search = idx }
}

// find answers a search question with the engine when there is one, first catching the index
// up with the branch (cheap when nothing changed), so a page saved a moment ago is found.
func (s *Server) find(c *fiber.Ctx, o *overviews, q search.Query) (*search.Result, error) {
	if s.search == nil {
		return s.titleSearch(o, q)
	}
	if _, err := s.search.Sync(c.UserContext()); err != nil {
		return nil, err
	}
	return s.search.Search(c.UserContext(), q)
}
