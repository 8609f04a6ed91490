package search

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/leefwereld/leefwereld/internal/search/dutch"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Titles is search-as-you-type for the linking pickers: pages whose title has words starting
// with each typed word ("sam gr" finds "Sam (groep 7)"), titles that start with the whole
// text first, then by title. Prefix queries are not analysed, so the typed text is folded
// here the same way the title_fold field was (lowercase, no diacritics, no stemming).
// kinds limits the kinds (nil: all); vis is the permission clause as in Query.
func (x *Index) Titles(ctx context.Context, prefix string, kinds []string, vis *Visibility, n int) ([]Hit, error) {
	words := dutch.Words(prefix)
	if len(words) == 0 {
		return []Hit{}, nil
	}
	if len(words) > 8 {
		words = words[:8]
	}
	if n <= 0 || n > MaxSize {
		n = 10
	}
	var musts []query.Query
	for _, w := range words {
		p := bleve.NewPrefixQuery(w)
		p.SetField(fTitleFold)
		musts = append(musts, p)
	}
	if len(kinds) > 0 {
		var any []query.Query
		for _, k := range kinds {
			kind, ok := parseKind(k)
			if !ok {
				return nil, qerr(-1, "%q is geen soort. Kies uit: portret, thema, frame, casus, team.", k)
			}
			any = append(any, term(fKind, string(kind), 0))
		}
		musts = append(musts, disjunction(any...))
	}
	if v := visibleClause(vis); v != nil {
		musts = append(musts, v)
	}
	whole := bleve.NewPrefixQuery(strings.Join(words, " "))
	whole.SetField(fTitleKey)
	bq := bleve.NewBooleanQuery()
	bq.AddMust(musts...)
	bq.AddShould(whole)
	req := bleve.NewSearchRequestOptions(bq, n, 0, false)
	req.SortBy([]string{"-_score", fTitleKey, "_id"})
	req.Fields = hitFields
	return x.hits(ctx, req)
}

// Similar is one answer of MoreLike: a page and the themes it shares with the page asked
// about (slugs, sorted).
type Similar struct {
	Hit
	Shared []string `json:"shared"`
}

// MoreLike is "Meer zoals dit": the portraits, frames and casussen that share the most
// themes with the page ref, excluding the page itself and what the reader may not see (vis
// is the permission clause, as in Query: it is part of the query, so nothing hidden is even
// counted). Pages sharing more themes come first; between pages sharing as many, rarer
// themes weigh more (the index's scores), then the newest.
func (x *Index) MoreLike(ctx context.Context, ref wiki.Ref, vis *Visibility, n int) ([]Similar, error) {
	idx, err := x.get()
	if err != nil {
		return nil, err
	}
	if n <= 0 || n > MaxSize {
		n = 10
	}
	id := ref.Path()
	req := bleve.NewSearchRequest(bleve.NewDocIDQuery([]string{id}))
	req.Fields = []string{fThemes}
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: more like %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return []Similar{}, nil
	}
	themes := stringsField(res.Hits[0].Fields[fThemes])
	if len(themes) == 0 {
		return []Similar{}, nil
	}
	var shared []query.Query
	for _, t := range themes {
		shared = append(shared, term(fThemes, t, 0))
	}
	musts := []query.Query{disjunction(shared...),
		disjunction(term(fKind, string(wiki.Portrait), 0), term(fKind, string(wiki.Frame), 0), term(fKind, string(wiki.Case), 0))}
	if v := visibleClause(vis); v != nil {
		musts = append(musts, v)
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(musts...)
	bq.AddMustNot(bleve.NewDocIDQuery([]string{id}))
	// bleve's disjunction scales a score by the share of themes matched, so the pages sharing
	// the most are among the best-scored; a few more than asked are read and sorted exactly.
	// Sorting by score alone keeps bleve from reading a second sort key for every page that
	// shares a theme (thousands, in a big workspace); ties are then broken among the few.
	req = bleve.NewSearchRequestOptions(bq, min(4*n, MaxSize), 0, false)
	req.SortBy([]string{"-_score"})
	req.Fields = append(append([]string{}, hitFields...), fThemes)
	res, err = idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: more like %s: %w", id, err)
	}
	mine := map[string]bool{}
	for _, t := range themes {
		mine[t] = true
	}
	out := make([]Similar, 0, len(res.Hits))
	for _, dm := range res.Hits {
		sim := Similar{Hit: hitFrom(dm), Shared: []string{}}
		for _, t := range stringsField(dm.Fields[fThemes]) {
			if mine[t] {
				sim.Shared = append(sim.Shared, t)
			}
		}
		sort.Strings(sim.Shared)
		out = append(out, sim)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case len(a.Shared) != len(b.Shared):
			return len(a.Shared) > len(b.Shared)
		case a.Score != b.Score:
			return a.Score > b.Score
		case !a.Updated.Equal(b.Updated):
			return a.Updated.After(b.Updated)
		}
		return a.Ref.Path() < b.Ref.Path()
	})
	return out[:min(n, len(out))], nil
}

// stringsField reads a stored field that holds one string or several.
func stringsField(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, s := range v {
			if s, ok := s.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func (x *Index) hits(ctx context.Context, req *bleve.SearchRequest) ([]Hit, error) {
	idx, err := x.get()
	if err != nil {
		return nil, err
	}
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := make([]Hit, 0, len(res.Hits))
	for _, dm := range res.Hits {
		out = append(out, hitFrom(dm))
	}
	return out, nil
}
