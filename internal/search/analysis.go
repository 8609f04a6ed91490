package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"

	// The stock Dutch analyzer: the baseline of the relevance test, and a guarantee that its
	// stemmer and stop list are registered (bleve registers analyzers only when imported).
	_ "github.com/blevesearch/bleve/v2/analysis/lang/nl"

	"github.com/leefwereld/leefwereld/internal/search/dutch"
)

// Analyzer names, as the mapping refers to them.
const (
	analyzerDutch = "leefwereld_nl"    // text and titles: fold, stop words, Dutch stems
	analyzerParts = "leefwereld_parts" // compound parts only: zelfvertrouwen → zelf, vertrouw
	analyzerFold  = "leefwereld_fold"  // titles for search-as-you-type: lowercase, folded, not stemmed
	analyzerKey   = "leefwereld_key"   // a whole title as one folded term, for sorting
	analyzerPairs = "leefwereld_pairs" // neighbouring Dutch stems as one term, for fast phrases
	analyzerPlain = "nl"               // bleve's own Dutch analyzer, for comparison only
)

func init() {
	a := dutch.Default()
	stopMap := analysis.NewTokenMap()
	for _, w := range dutch.StopWords() {
		stopMap.AddToken(w)
	}
	tok := unicode.NewUnicodeTokenizer()
	lower := lowercase.NewLowerCaseFilter()
	fold := foldFilter{}
	register := func(name string, t analysis.Tokenizer, filters ...analysis.TokenFilter) {
		an := &analysis.DefaultAnalyzer{Tokenizer: t, TokenFilters: filters}
		if err := registry.RegisterAnalyzer(name, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
			return an, nil
		}); err != nil {
			panic(err)
		}
	}
	stops := stop.NewStopTokensFilter(stopMap)
	register(analyzerDutch, tok, lower, fold, stops, stemFilter{a})
	register(analyzerPairs, tok, lower, fold, stops, stemFilter{a}, pairsFilter{})
	register(analyzerParts, tok, lower, fold, partsFilter{a})
	register(analyzerFold, tok, lower, fold)
	register(analyzerKey, single.NewSingleTokenTokenizer(), lower, fold)
}

// foldFilter removes diacritics and a trailing "'s" (rule 1 of package dutch); tokens that
// fold to fewer than two characters ("'s" in 's ochtends) are dropped.
type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := in[:0]
	for _, t := range in {
		w := dutch.Fold(string(t.Term))
		s := dutch.TrimApostrophe(w)
		if s == "" || (s != w && len(s) < 2) {
			continue
		}
		t.Term = []byte(s)
		out = append(out, t)
	}
	return out
}

// stemFilter turns each word into its Dutch stem (rules 3–6 of package dutch).
type stemFilter struct{ a *dutch.Analyzer }

func (f stemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if !t.KeyWord {
			t.Term = []byte(f.a.Stem(string(t.Term)))
		}
	}
	return in
}

// partsFilter replaces each compound by its parts, at the compound's position and offsets (so
// a hit on a part highlights the whole compound), and drops every other word.
type partsFilter struct{ a *dutch.Analyzer }

func (f partsFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream
	for _, t := range in {
		for _, p := range f.a.Parts(string(t.Term)) {
			out = append(out, &analysis.Token{Term: []byte(p), Start: t.Start, End: t.End,
				Position: t.Position, Type: t.Type})
		}
	}
	return out
}

// maxPairGap is the largest distance in positions between two neighbouring stems that still
// makes a pair: at most two stop words between them ("vaak te laat", "bang voor de hond").
const maxPairGap = 3

// pairsFilter replaces a stream of stems by its neighbouring pairs: "vaak te laat" (te is a
// stop word, so vaak and laat are two positions apart) becomes the one term "vaak _ laat",
// with one "_" per skipped position, spanning both words' offsets. A phrase of two stems is
// then one term lookup instead of a phrase search, which reads the positions of every page
// holding both words. Pairs further apart than maxPairGap are left out.
type pairsFilter struct{}

func (pairsFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream
	for i := 1; i < len(in); i++ {
		a, b := in[i-1], in[i]
		if term, ok := pairTerm(string(a.Term), string(b.Term), b.Position-a.Position); ok {
			out = append(out, &analysis.Token{Term: []byte(term), Start: a.Start, End: b.End,
				Position: a.Position, Type: a.Type})
		}
	}
	return out
}

// pairTerm is the term of two stems gap positions apart.
func pairTerm(a, b string, gap int) (string, bool) {
	if gap < 1 || gap > maxPairGap {
		return "", false
	}
	return a + " " + strings.Repeat("_ ", gap-1) + b, true
}
