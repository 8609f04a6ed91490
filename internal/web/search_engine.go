package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/search"
)

// WithSearch gives the server the full-text index. The server does not own it: whoever
// opened it (serve) closes it. Without it, search falls back to matching titles.
func WithSearch(idx *search.Index) Option {
	return func(s *Server) { s.search = idx }
}

// visibility is the reader's side of the permission clause, for every lookup in the index:
// search, the title pickers and "Meer zoals dit". It is internal/access's read scope of the
// request's reader (reader.go), which the index applies inside each query, so hits, counts,
// facets and fragments never mention what the reader may not see. It is never nil: an
// anonymous reader gets a closed scope.
func (s *Server) visibility(c *fiber.Ctx) *search.Visibility { return visibilityOf(s.readerOf(c)) }

func visibilityOf(r reader) *search.Visibility {
	sc := access.ReadScope(r.who)
	v := &search.Visibility{Closed: !sc.Themes && !sc.Shared && len(sc.Teams) == 0}
	for _, t := range sc.Teams {
		v.Teams = append(v.Teams, string(t))
	}
	return v
}

// synced returns the index after catching it up with the branch (cheap when nothing changed),
// so a page saved a moment ago is found; nil when the server runs without one.
func (s *Server) synced(c *fiber.Ctx) (*search.Index, error) {
	if s.search == nil {
		return nil, nil
	}
	if _, err := s.search.Sync(c.UserContext()); err != nil {
		return nil, err
	}
	return s.search, nil
}

// find answers a search question with the engine when there is one, else by titles.
func (s *Server) find(c *fiber.Ctx, o *overviews, q search.Query) (*search.Result, error) {
	idx, err := s.synced(c)
	if err != nil || idx == nil {
		if err == nil {
			return s.titleSearch(o, q)
		}
		return nil, err
	}
	q.Visible = s.visibility(c)
	return idx.Search(c.UserContext(), q)
}
