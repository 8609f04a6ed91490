package search

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// anyQuery matches a document when any of its clauses does and scores it with the plain sum
// of the matching clauses' scores. bleve's DisjunctionQuery multiplies that sum by the share
// of clauses that matched (its coordination factor); for the alternatives of ONE word (title,
// text, compound parts, synonyms) that factor would punish a page for matching the word in
// one place only, and a word with many synonyms would weigh less than a word with none.
// Between the words of a query the coordination factor is what we want, so that level keeps
// bleve's DisjunctionQuery.
type anyQuery struct{ clauses []query.Query }

func anyOf(qs ...query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return &anyQuery{clauses: qs}
}

// Searcher implements query.Query.
func (q *anyQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	// Phrase searchers record where they matched even when nobody asked; dropping that here
	// spares the collector from converting the locations of every match.
	s := &sumSearcher{dropLocations: !options.IncludeTermVectors && !options.Explain}
	for _, c := range q.clauses {
		cs, err := c.Searcher(ctx, i, m, options)
		if err != nil {
			s.Close()
			return nil, err
		}
		s.searchers = append(s.searchers, cs)
	}
	s.currs = make([]*bsearch.DocumentMatch, len(s.searchers))
	return s, nil
}

// sumSearcher walks its children in document order and merges their matches.
type sumSearcher struct {
	dropLocations bool
	searchers     []bsearch.Searcher
	currs         []*bsearch.DocumentMatch
	initialized   bool
}

func (s *sumSearcher) init(ctx *bsearch.SearchContext) error {
	for i, c := range s.searchers {
		var err error
		if s.currs[i], err = c.Next(ctx); err != nil {
			return err
		}
	}
	s.initialized = true
	return nil
}

// Next returns the next document any child matches, with the summed score.
func (s *sumSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	var first *bsearch.DocumentMatch
	for _, c := range s.currs {
		if c != nil && (first == nil || c.IndexInternalID.Compare(first.IndexInternalID) < 0) {
			first = c
		}
	}
	if first == nil {
		return nil, nil
	}
	id := first.IndexInternalID
	rv := first
	var sum float64
	var others []*bsearch.DocumentMatch
	for i, c := range s.currs {
		if c == nil || c.IndexInternalID.Compare(id) != 0 {
			continue
		}
		sum += c.Score
		if c != rv {
			others = append(others, c)
		}
		next, err := s.searchers[i].Next(ctx)
		if err != nil {
			return nil, err
		}
		s.currs[i] = next
	}
	rv.Score = sum
	if s.dropLocations {
		rv.FieldTermLocations = rv.FieldTermLocations[:0]
		for _, o := range others {
			ctx.DocumentMatchPool.Put(o)
		}
	} else if len(others) > 0 {
		rv.FieldTermLocations = bsearch.MergeFieldTermLocations(rv.FieldTermLocations, others)
		for _, o := range others {
			ctx.DocumentMatchPool.Put(o)
		}
	}
	return rv, nil
}

// Advance moves to the first match at or after ID.
func (s *sumSearcher) Advance(ctx *bsearch.SearchContext, ID index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	for i, c := range s.currs {
		if c != nil {
			if c.IndexInternalID.Compare(ID) >= 0 {
				continue
			}
			ctx.DocumentMatchPool.Put(c)
		}
		var err error
		if s.currs[i], err = s.searchers[i].Advance(ctx, ID); err != nil {
			return nil, err
		}
	}
	return s.Next(ctx)
}

func (s *sumSearcher) Close() error {
	var first error
	for _, c := range s.searchers {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (s *sumSearcher) Weight() float64 {
	var w float64
	for _, c := range s.searchers {
		w += c.Weight()
	}
	return w
}

func (s *sumSearcher) SetQueryNorm(n float64) {
	for _, c := range s.searchers {
		c.SetQueryNorm(n)
	}
}

func (s *sumSearcher) Count() uint64 {
	var n uint64
	for _, c := range s.searchers {
		n += c.Count()
	}
	return n
}

func (s *sumSearcher) Min() int { return 0 }

func (s *sumSearcher) Size() int {
	n := 64
	for _, c := range s.searchers {
		n += c.Size()
	}
	return n
}

func (s *sumSearcher) DocumentMatchPoolSize() int {
	n := len(s.currs)
	for _, c := range s.searchers {
		n += c.DocumentMatchPoolSize()
	}
	return n
}
