package search

import (
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
	"github.com/leefwereld/leefwereld/themes"
)

// synonyms is the query-expansion table, built from the workspace's own theme library: each
// theme is a group of its title and its `synonyms:` list. A query word whose stem is a member
// of a group also searches the group's other members and the pages that link to the theme,
// so "bang" finds pages about angst. The table is rebuilt whenever a theme page changes;
// it is used at query time only, so the index never has to be rebuilt for it.
type synonyms struct {
	commit   string
	groups   []synGroup
	byStem   map[string][]int // a one-word member's stem → groups
	byPhrase map[string][]int // a several-word member's stems, space-separated → groups
	maxWords int              // the longest member, in words
}

type synGroup struct {
	slug    string
	members [][]string // each member as its stems
}

// lookup returns the groups a stem belongs to.
func (s *synonyms) lookup(stem string) []int { return s.byStem[stem] }

// loadSynonyms rebuilds the table from the themes at commit. A theme that cannot be read is
// left out; search still works without it.
func (x *Index) loadSynonyms(commit string) {
	tbl := &synonyms{commit: commit, byStem: map[string][]int{}, byPhrase: map[string][]int{}}
	if x.profile.plain {
		x.syn.Store(tbl)
		return
	}
	entries, _ := x.st.List(wiki.Theme.Folder(), commit)
	for _, e := range entries {
		if !isPage(e.Path) {
			continue
		}
		f, err := x.st.Read(e.Path, commit)
		if err != nil {
			continue
		}
		page, _ := workspace.Parse(e.Path, f.Content)
		if page == nil {
			continue
		}
		m, ok := page.Meta.(*themes.Meta)
		if !ok {
			continue
		}
		g := synGroup{slug: string(page.Ref.Slug)}
		seen := map[string]bool{}
		for _, w := range append([]string{page.Title()}, m.Synonyms...) {
			stems := analyze(analyzerDutch, w)
			key := strings.Join(stems, " ")
			if len(stems) == 0 || seen[key] {
				continue
			}
			seen[key] = true
			g.members = append(g.members, stems)
		}
		tbl.groups = append(tbl.groups, g)
	}
	for gi, g := range tbl.groups {
		for _, m := range g.members {
			key := strings.Join(m, " ")
			if len(m) == 1 {
				tbl.byStem[key] = appendOnce(tbl.byStem[key], gi)
			} else {
				tbl.byPhrase[key] = appendOnce(tbl.byPhrase[key], gi)
				tbl.maxWords = max(tbl.maxWords, len(m))
			}
		}
	}
	x.syn.Store(tbl)
}

func appendOnce(s []int, v int) []int {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

var (
	analyzersMu sync.Mutex
	analyzers   = map[string]analysis.Analyzer{}
	regCache    = registry.NewCache()
)

// analyze runs a registered analyzer over text and returns its terms in order.
func analyze(name, text string) []string {
	analyzersMu.Lock()
	a, ok := analyzers[name]
	if !ok {
		var err error
		if a, err = regCache.AnalyzerNamed(name); err != nil {
			analyzersMu.Unlock()
			panic("search: analyzer " + name + ": " + err.Error())
		}
		analyzers[name] = a
	}
	analyzersMu.Unlock()
	toks := a.Analyze([]byte(text))
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, string(t.Term))
	}
	return out
}
