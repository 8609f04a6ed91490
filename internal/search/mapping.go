package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/leefwereld/leefwereld/internal/search/dutch"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// Index field names. Text fields are analysed; the others are keywords (one exact term per
// value) used for filters, facets and the permission clause.
const (
	fTitle      = "title"       // the title, Dutch stems
	fTitleParts = "title_parts" // compound parts of title words
	fTitleFold  = "title_fold"  // the title's words, folded, not stemmed: search-as-you-type
	fTitleKey   = "title_key"   // the whole title folded, for sorting and "starts with"
	fTitlePairs = "title_pairs" // neighbouring title stems as one term (see pairsFilter)
	fText       = "text"        // body text (from the Markdown AST) and the front matter's free texts
	fParts      = "parts"       // compound parts of the text: lower boost than fText
	fTextPairs  = "text_pairs"  // neighbouring text stems as one term: two-word phrases
	fKind       = "kind"
	fSlug       = "slug"
	fTeam       = "team"
	fStatus     = "status"
	fStep       = "step"
	fThemes     = "themes" // theme slugs the page links to (front matter and [[links]])
	fAuthor     = "author" // everyone who changed the page, folded
	fVisible    = "visible"
	fUpdated    = "updated" // when the page last changed (its latest commit)
	// fFacets holds every facet value of a page as "facet:value" (kind:portrait,
	// theme:schaamte …) in one doc-values field: one facet request over it costs one visit
	// per hit instead of five, which more than halves the time of a broad search.
	fFacets = "facets"
)

// everyone is the visible value of a page anybody may read: themes and shared frames.
// nobody marks a team-owned page without a team, which only an unrestricted query sees.
const (
	everyone = "*"
	nobody   = "-"
)

// mappingVersion changes whenever the fields or their analysis change meaning; together with
// the Dutch rules' version it is stored in the index, and a mismatch means a rebuild.
const mappingVersion = "6"

// profile selects the analysis: ours, or bleve's plain nl analyzer for the relevance
// comparison (no compound parts, no synonyms).
type profile struct {
	analyzer string
	plain    bool
}

var (
	ours  = profile{analyzer: analyzerDutch}
	plain = profile{analyzer: analyzerPlain, plain: true}
)

// version is what the index records about its mapping.
func (p profile) version() string {
	v := mappingVersion + "/" + dutch.Default().Version()
	if p.plain {
		v += "/plain"
	}
	return v
}

// newMapping builds the index mapping: one document mapping per kind (they share fields
// today; a kind that grows its own fields gets them here), selected by the "kind" field.
func newMapping(p profile) *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.TypeField = fKind
	im.DefaultAnalyzer = p.analyzer
	im.ScoringModel = "bm25"
	im.DefaultMapping = docMapping(p)
	for _, k := range wiki.Kinds {
		im.AddDocumentMapping(string(k), docMapping(p))
	}
	return im
}

func docMapping(p profile) *mapping.DocumentMapping {
	text := func(name, analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Name, f.Analyzer, f.Store = name, analyzer, store
		f.IncludeTermVectors = true // phrases and highlighting need positions and offsets
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func(name string, store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Name, f.Store = name, store
		f.Analyzer = keyword.Name
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false // filters only read the terms; facets read fFacets
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	titles := []*mapping.FieldMapping{text(fTitle, p.analyzer, true)}
	texts := []*mapping.FieldMapping{text(fText, p.analyzer, true)}
	if !p.plain {
		tp := text(fTitlePairs, analyzerPairs, false)
		tp.IncludeTermVectors = false // titles are not highlighted
		titles = append(titles, text(fTitleParts, analyzerParts, false), tp)
		texts = append(texts, text(fParts, analyzerParts, false), text(fTextPairs, analyzerPairs, false))
	}
	tf := text(fTitleFold, analyzerFold, false)
	tf.IncludeTermVectors = false
	tk := kw(fTitleKey, false)
	tk.Analyzer = analyzerKey
	tk.DocValues = true // sorting the pickers' titles
	titles = append(titles, tf, tk)
	dm.AddFieldMappingsAt(fTitle, titles...)
	dm.AddFieldMappingsAt(fText, texts...)
	for _, f := range []string{fKind, fSlug, fTeam, fStatus} {
		dm.AddFieldMappingsAt(f, kw(f, true))
	}
	dm.AddFieldMappingsAt(fThemes, kw(fThemes, true))
	for _, f := range []string{fStep, fAuthor, fVisible} {
		dm.AddFieldMappingsAt(f, kw(f, false))
	}
	fc := kw(fFacets, false)
	fc.DocValues = true
	dm.AddFieldMappingsAt(fFacets, fc)
	d := bleve.NewDateTimeFieldMapping()
	d.Name, d.Store, d.DocValues, d.IncludeInAll = fUpdated, true, true, false
	dm.AddFieldMappingsAt(fUpdated, d)
	return dm
}
