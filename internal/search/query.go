package search

import (
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/leefwereld/leefwereld/frames"
	"github.com/leefwereld/leefwereld/internal/search/dutch"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
)

// Query is one search. Text is what the user typed (see the syntax in parse.go); the slices
// are filters from the facets (all must hold; several values of one filter mean "any of").
type Query struct {
	Text     string   `json:"q"`
	Kinds    []string `json:"kinds,omitempty"`    // portrait theme frame case team (or portret, thema, casus)
	Themes   []string `json:"themes,omitempty"`   // theme slugs the page links to
	Teams    []string `json:"teams,omitempty"`    // team slugs
	Statuses []string `json:"statuses,omitempty"` // concept besproken herkend, voorgesteld … losgelaten, open afgerond
	Steps    []string `json:"steps,omitempty"`    // wat waar hoe organiseren
	Sort     string   `json:"sort,omitempty"`     // "relevance" (default) or "date" (newest first)
	From     int      `json:"from,omitempty"`     // hits to skip, for paging
	Size     int      `json:"size,omitempty"`     // hits to return: default 20, at most 100
	// Visible is what the reader may see: nil means everything (the CLI, tests); otherwise
	// the teams the reader belongs to. Team-owned pages of other teams are excluded inside
	// the query, so hits, totals, facets and fragments never mention them. Themes are always
	// visible, and so are frames shared with `visibility: gedeeld`.
	Visible *Visibility `json:"-"`
}

// Visibility is the reader's side of the permission clause (internal/access's read scope).
type Visibility struct {
	Teams []string `json:"teams"`
	// Closed is a reader who may read nothing at all (not signed in): not even themes.
	Closed bool `json:"closed,omitempty"`
}

// Paging limits.
const (
	DefaultSize = 20
	MaxSize     = 100
	maxWindow   = 10_000
)

// Boosts: how much a match in each place counts. A title says what a page is about; a
// compound part (vertrouwen inside zelfvertrouwen) and a synonym (angst for bang) count for
// less than the word itself, so exact matches rank first.
const (
	boostTitle      = 2.0
	boostText       = 1.0
	boostTitleParts = 0.6
	boostParts      = 0.3 // also the weight of a query compound's parts found side by side
	boostSynTitle   = 1.0
	boostSynText    = 0.4
	boostSynTheme   = 0.3
)

// kindNames maps what users write to kinds: the Dutch labels, folder names and the kinds.
var kindNames = map[string]wiki.Kind{
	"portret": wiki.Portrait, "portretten": wiki.Portrait, "leefwereldportret": wiki.Portrait,
	"thema": wiki.Theme, "themas": wiki.Theme, "thema's": wiki.Theme, "betekenisthema": wiki.Theme,
	"frame": wiki.Frame, "frames": wiki.Frame,
	"casus": wiki.Case, "casussen": wiki.Case,
	"team": wiki.Team, "teams": wiki.Team,
}

func parseKind(s string) (wiki.Kind, bool) {
	s = dutch.Fold(strings.TrimSpace(s))
	if k, ok := kindNames[s]; ok {
		return k, true
	}
	return wiki.ParseKind(s)
}

// statuses are all values of the kinds' status fields (portraits, frames, casussen).
var statuses = append([]string{string(portraits.Concept), string(portraits.Besproken), string(portraits.Herkend),
	"open", "afgerond"}, frames.Statuses...)

func parseStep(s string) (string, bool) {
	s = dutch.Fold(strings.TrimSpace(s))
	switch s {
	case "1", "wat":
		return StepWat, true
	case "2", "waar":
		return StepWaar, true
	case "3", "hoe":
		return StepHoe, true
	case "4", "organiseren":
		return StepOrganiseren, true
	}
	return "", false
}

// validateField checks a field's value and puts it in canonical form.
func validateField(pos int, name string, f fieldNode) (node, error) {
	v := strings.TrimSpace(f.value)
	switch f.field {
	case "kind":
		k, ok := parseKind(v)
		if !ok {
			return nil, qerr(pos, "%q is geen soort. Kies uit: portret, thema, frame, casus, team.", v)
		}
		f.value = string(k)
	case "step":
		s, ok := parseStep(v)
		if !ok {
			return nil, qerr(pos, "%q is geen stap. Kies uit: wat, waar, hoe, organiseren.", v)
		}
		f.value = s
	case "status":
		s := dutch.Fold(v)
		if !slices.Contains(statuses, s) {
			return nil, qerr(pos, "%q is geen status. Kies uit: %s.", v, strings.Join(statuses, ", "))
		}
		f.value = s
	case "theme", "team":
		s := wiki.Slugify(v)
		if s == "" {
			return nil, qerr(pos, "Na %q hoort een naam, zoals %s.", name+":", example(f.field))
		}
		f.value = string(s)
	case "author":
		f.value = dutch.Fold(v)
	}
	return f, nil
}

// compiled is a Query turned into bleve's terms.
type compiled struct {
	q     query.Query
	sort  []string
	from  int
	size  int
	match bool // the text had words or phrases to match (else: browse by filters)
}

// compile validates q and builds the bleve query: the user's text, AND the filters, AND the
// permission clause.
func (x *Index) compile(q Query) (compiled, error) {
	c := compiled{from: q.From, size: q.Size}
	if c.size <= 0 {
		c.size = DefaultSize
	}
	c.size = min(c.size, MaxSize)
	if c.from < 0 {
		return c, qerr(-1, "Een pagina van de resultaten kan niet negatief zijn.")
	}
	if c.from+c.size > maxWindow {
		return c, qerr(-1, "Zo ver kun je niet doorbladeren. Maak je zoekvraag preciezer.")
	}
	switch strings.ToLower(q.Sort) {
	case "", "relevance", "relevantie":
		c.sort = []string{"-_score"} // ties in index order: a second key would read doc values of every hit
	case "date", "datum":
		c.sort = []string{"-" + fUpdated, "_id"}
	default:
		return c, qerr(-1, "Sorteren kan op relevantie of op datum, niet op %q.", q.Sort)
	}
	tree, err := parseQuery(q.Text)
	if err != nil {
		return c, err
	}
	b := &builder{x: x, syn: x.syn.Load()}
	text := b.or(tree)
	c.match = text != nil
	musts := []query.Query{}
	if text != nil {
		musts = append(musts, text)
	}
	filters := []struct {
		field  string
		values []string
		check  func(string) (string, bool)
		label  string
	}{
		{fKind, q.Kinds, func(s string) (string, bool) { k, ok := parseKind(s); return string(k), ok }, "soort"},
		{fThemes, q.Themes, func(s string) (string, bool) { s = string(wiki.Slugify(s)); return s, s != "" }, "thema"},
		{fTeam, q.Teams, func(s string) (string, bool) { s = string(wiki.Slugify(s)); return s, s != "" }, "team"},
		{fStatus, q.Statuses, func(s string) (string, bool) { s = dutch.Fold(s); return s, slices.Contains(statuses, s) }, "status"},
		{fStep, q.Steps, parseStep, "stap"},
	}
	for _, f := range filters {
		if len(f.values) == 0 {
			continue
		}
		var any []query.Query
		for _, v := range f.values {
			cv, ok := f.check(v)
			if !ok {
				return c, qerr(-1, "%q is geen geldige waarde voor %s.", v, f.label)
			}
			any = append(any, term(f.field, cv, 0))
		}
		musts = append(musts, disjunction(any...))
	}
	if vis := visibleClause(q.Visible); vis != nil {
		musts = append(musts, vis)
	}
	c.q = conjunction(musts...)
	return c, nil
}

// visibleClause is the permission clause: the page is everyone's, or owned by one of the
// reader's teams. nil means no restriction.
func visibleClause(v *Visibility) query.Query {
	if v == nil {
		return nil
	}
	if v.Closed {
		return bleve.NewMatchNoneQuery()
	}
	qs := []query.Query{term(fVisible, everyone, 0)}
	for _, t := range v.Teams {
		if t != "" && t != everyone && t != nobody {
			qs = append(qs, term(fVisible, t, 0))
		}
	}
	return disjunction(qs...)
}

// builder turns parsed clauses into bleve queries.
type builder struct {
	x   *Index
	syn *synonyms
}

// or builds alternatives; nil means "no text to match".
func (b *builder) or(n orNode) query.Query {
	var alts []query.Query
	for _, seq := range n.alts {
		if q := b.and(seq); q != nil {
			alts = append(alts, q)
		}
	}
	switch len(alts) {
	case 0:
		return nil
	case 1:
		return alts[0]
	}
	return disjunction(alts...)
}

// and builds one sequence. Plain words are soft: a page must contain at least half of them
// (rounded up; one of two, two of three), because teachers type sentences and a page about a
// pupil rarely repeats every word of one; pages with more of the words rank higher (bleve's
// coordination factor). Phrases, fields and groups must match; negated clauses must not.
func (b *builder) and(seq []clause) query.Query {
	var words []string
	var musts, nots []query.Query
	for _, c := range seq {
		if w, ok := c.n.(wordNode); ok && !c.neg {
			words = append(words, w.text)
			continue
		}
		q := b.node(c.n)
		if q == nil {
			continue
		}
		if c.neg {
			nots = append(nots, q)
		} else {
			musts = append(musts, q)
		}
	}
	if wq := b.words(words); wq != nil {
		musts = append(musts, wq)
	}
	if len(musts) == 0 && len(nots) == 0 {
		return nil
	}
	bq := bleve.NewBooleanQuery()
	if len(musts) == 0 {
		musts = append(musts, bleve.NewMatchAllQuery())
	}
	bq.AddMust(musts...)
	if len(nots) > 0 {
		bq.AddMustNot(nots...)
	}
	return bq
}

func (b *builder) node(n node) query.Query {
	switch n := n.(type) {
	case wordNode:
		return b.words([]string{n.text})
	case phraseNode:
		if len(analyze(b.x.profile.analyzer, n.text)) <= 1 { // "laat", or "te laat" without its stop word
			return b.words([]string{n.text})
		}
		return b.phrase(n.text, boostTitle, boostText)
	case orNode:
		return b.or(n)
	case fieldNode:
		switch n.field {
		case "kind":
			return term(fKind, n.value, 0)
		case "theme":
			return term(fThemes, n.value, 0)
		case "team":
			return term(fTeam, n.value, 0)
		case "status":
			return term(fStatus, n.value, 0)
		case "step":
			return term(fStep, n.value, 0)
		case "author":
			return term(fAuthor, n.value, 0)
		case "title":
			return b.titleOnly(n.value)
		}
	}
	return nil
}

// words builds the soft AND of plain words described at and.
func (b *builder) words(words []string) query.Query {
	type unit struct {
		q     query.Query
		stems []string
	}
	var units []unit
	for _, w := range words {
		stems := analyze(b.x.profile.analyzer, w)
		if len(stems) == 0 {
			continue // a stop word
		}
		if len(stems) > 1 { // "sociaal-emotioneel", "auto's": read as a phrase
			units = append(units, unit{b.phrase(w, boostTitle, boostText), stems})
			continue
		}
		units = append(units, unit{b.word(w, stems[0]), stems})
	}
	if len(units) == 0 {
		return nil
	}
	// Several words that together are a theme's synonym ("eigen regie", "niemand hebben")
	// become one unit: any of the words, or the theme's other words and pages.
	if b.syn != nil && b.syn.maxWords > 1 {
		for n := min(b.syn.maxWords, len(units)); n >= 2; n-- {
			for i := 0; i+n <= len(units); i++ {
				var key []string
				for _, u := range units[i : i+n] {
					key = append(key, u.stems...)
				}
				groups := b.syn.byPhrase[strings.Join(key, " ")]
				if len(groups) == 0 {
					continue
				}
				alts := make([]query.Query, 0, n)
				for _, u := range units[i : i+n] {
					alts = append(alts, u.q)
				}
				alts = append(alts, b.expand(groups, key)...)
				merged := unit{anyOf(alts...), key}
				units = append(append(units[:i:i], merged), units[i+n:]...)
			}
		}
	}
	if len(units) == 1 {
		return units[0].q
	}
	qs := make([]query.Query, len(units))
	for i, u := range units {
		qs[i] = u.q
	}
	d := bleve.NewDisjunctionQuery(qs...)
	d.SetMin(float64((len(qs) + 1) / 2))
	return d
}

// word is one analysed word: in the title and the text, as a compound part (and its own parts
// when it is a compound), and, through the
// theme library's synonyms, as the other words of its theme and the pages linking the theme.
func (b *builder) word(w, stem string) query.Query {
	qs := []query.Query{term(fTitle, stem, boostTitle), term(fText, stem, boostText)}
	if b.x.profile.plain {
		return anyOf(qs...)
	}
	qs = append(qs, term(fTitleParts, stem, boostTitleParts), term(fParts, stem, boostParts))
	// A compound in the query also finds its parts side by side: geldzorgen → zorgen over geld.
	if parts := dutch.Default().Parts(dutch.Fold(w)); len(parts) > 1 {
		var all []query.Query
		for _, p := range parts {
			all = append(all, term(fText, p, 1))
		}
		c := bleve.NewConjunctionQuery(all...)
		c.SetBoost(boostParts)
		qs = append(qs, c)
	}
	if b.syn != nil {
		qs = append(qs, b.expand(b.syn.lookup(stem), []string{stem})...)
	}
	return anyOf(qs...)
}

// expand returns the queries for the synonym groups' other members and themes.
func (b *builder) expand(groups []int, except []string) []query.Query {
	var qs []query.Query
	skip := strings.Join(except, " ")
	for _, gi := range groups {
		g := b.syn.groups[gi]
		qs = append(qs, term(fThemes, g.slug, boostSynTheme))
		for _, m := range g.members {
			if strings.Join(m, " ") == skip {
				continue
			}
			if len(m) == 1 {
				qs = append(qs, term(fTitle, m[0], boostSynTitle), term(fText, m[0], boostSynText))
				continue
			}
			qs = append(qs, stemPhrase(fText, m, boostSynText))
		}
	}
	return qs
}

// phrase matches words in this order, in the title or the text. With our analysis it is
// looked up as its pairs of neighbouring stems (see pairsFilter): a phrase of two stems is
// one term; a longer one must hold every pair and, to stay exact, the phrase itself (only
// the pages holding every pair are then checked word by word). Stems too far apart for a
// pair fall back to the plain phrase search.
func (b *builder) phrase(text string, titleBoost, textBoost float64) query.Query {
	pairs := b.pairs(text)
	var qs []query.Query
	for _, f := range []struct {
		field, pairs string
		boost        float64
	}{{fTitle, fTitlePairs, titleBoost}, {fText, fTextPairs, textBoost}} {
		if f.boost == 0 {
			continue
		}
		var all []query.Query
		for _, p := range pairs {
			all = append(all, term(f.pairs, p, f.boost))
		}
		if len(pairs) != 1 {
			p := bleve.NewMatchPhraseQuery(text)
			p.SetField(f.field)
			p.Analyzer = b.x.profile.analyzer
			p.SetBoost(f.boost)
			all = append(all, p)
		}
		qs = append(qs, conjunction(all...))
	}
	return anyOf(qs...)
}

// pairs returns the pair terms of a phrase, or nil when the phrase cannot be looked up by
// its pairs (the plain profile has no pairs; stems more than maxPairGap apart make none).
func (b *builder) pairs(text string) []string {
	if b.x.profile.plain {
		return nil
	}
	pairs := analyze(analyzerPairs, text)
	if len(pairs) == 0 || len(pairs) != len(analyze(b.x.profile.analyzer, text))-1 {
		return nil
	}
	return pairs
}

// titleOnly is titel:…: the words (or phrase) in the title.
func (b *builder) titleOnly(text string) query.Query {
	stems := analyze(b.x.profile.analyzer, text)
	switch len(stems) {
	case 0:
		return bleve.NewMatchNoneQuery()
	case 1:
		return term(fTitle, stems[0], boostTitle)
	}
	return b.phrase(text, boostTitle, 0)
}

// stemPhrase is a phrase of already analysed stems, next to each other in the text; two
// stems are one pair term (see pairsFilter).
func stemPhrase(field string, stems []string, boost float64) query.Query {
	if len(stems) == 2 && field == fText {
		t, _ := pairTerm(stems[0], stems[1], 1)
		return term(fTextPairs, t, boost)
	}
	p := bleve.NewPhraseQuery(stems, field)
	p.SetBoost(boost)
	return p
}

func term(field, value string, boost float64) query.Query {
	t := bleve.NewTermQuery(value)
	t.SetField(field)
	if boost > 0 {
		t.SetBoost(boost)
	}
	return t
}

func disjunction(qs ...query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func conjunction(qs ...query.Query) query.Query {
	switch len(qs) {
	case 0:
		return bleve.NewMatchAllQuery()
	case 1:
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}
